"use server";
// Field work on the agent's page (issue 11): the collection account (VietQR) and collector sign-ins.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/server/db/index";
import { requirePrincipal } from "@/lib/server/auth/session";
import { assertCan } from "@/lib/server/auth/authz";
import { attempt } from "@/lib/server/agents/form-action";
import { getMessages } from "@/lib/i18n/server";
import { fill } from "@/lib/i18n/messages";
import { createCollectorUser } from "@/lib/server/auth/users";
import { setCollectionAccount } from "@/lib/server/field/agent-account";
import { formValues, type FormState } from "@/lib/validation/agents-form";

const id = z.coerce.number().int().positive();

export async function setCollectionAccountAction(agentId: number, prev: FormState, fd: FormData): Promise<FormState> {
  const p = await requirePrincipal();
  assertCan(p, "agent.write");
  const values = formValues(fd);
  const r = await attempt(values, (o) => setCollectionAccount(db(), { ...p, locale: o.locale }, id.parse(agentId), values));
  if (!r.ok) return r.state;
  revalidatePath(`/agents/${agentId}`);
  const { t } = await getMessages();
  return { ok: true, message: t.agents.saved, seq: (prev.seq ?? 0) + 1 };
}

export async function createCollectorLoginAction(agentId: number, collectorId: number, prev: FormState, fd: FormData): Promise<FormState> {
  const p = await requirePrincipal();
  assertCan(p, "user.manage");
  const values = formValues(fd);
  const r = await attempt(values, (o) => createCollectorUser(db(), p, id.parse(collectorId), values, o));
  if (!r.ok) return r.state;
  revalidatePath(`/agents/${agentId}`);
  const { t } = await getMessages();
  return { ok: true, message: fill(t.field.collectors.created, { login: r.result.login, password: r.result.password }), seq: (prev.seq ?? 0) + 1 };
}
