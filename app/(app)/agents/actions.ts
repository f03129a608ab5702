"use server";
// Thin server actions for the agents screens: who is calling, may they, then lib/server/agents.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/server/db/index";
import { requirePrincipal } from "@/lib/server/auth/session";
import { assertCan } from "@/lib/server/auth/authz";
import { attempt } from "@/lib/server/agents/form-action";
import { getMessages } from "@/lib/i18n/server";
import { addCollector, changeAgentStatus, createAgent, updateAgent, updateCollector } from "@/lib/server/agents/agents";
import { formValues, type FormState } from "@/lib/validation/agents-form";

const id = z.coerce.number().int().positive();
const statusAction = z.enum(["suspend", "reactivate", "end"]);

export async function createAgentAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const p = await requirePrincipal();
  assertCan(p, "agent.write");
  const values = formValues(fd, ["communeCodes"]);
  const r = await attempt(values, (o) => createAgent(db(), p, values, o));
  if (!r.ok) return r.state;
  revalidatePath("/agents");
  redirect(`/agents/${r.result.id}`);
}

export async function updateAgentAction(agentId: number, _prev: FormState, fd: FormData): Promise<FormState> {
  const p = await requirePrincipal();
  assertCan(p, "agent.write");
  const values = formValues(fd, ["communeCodes"]);
  const r = await attempt(values, (o) => updateAgent(db(), p, id.parse(agentId), values, o));
  if (!r.ok) return r.state;
  revalidatePath("/agents");
  redirect(`/agents/${agentId}`);
}

export async function agentStatusAction(agentId: number, _prev: FormState, fd: FormData): Promise<FormState> {
  const p = await requirePrincipal();
  assertCan(p, "agent.write");
  const values = formValues(fd);
  const action = statusAction.safeParse(values.action);
  if (!action.success) return { ok: false, values };
  const r = await attempt(values, (o) => changeAgentStatus(db(), p, id.parse(agentId), action.data, values, o));
  if (!r.ok) return r.state;
  revalidatePath(`/agents/${agentId}`);
  revalidatePath("/agents");
  const { t } = await getMessages();
  return { ok: true, message: t.agents.actions.done };
}

export async function addCollectorAction(agentId: number, prev: FormState, fd: FormData): Promise<FormState> {
  const p = await requirePrincipal();
  assertCan(p, "agent.write");
  const values = formValues(fd);
  const r = await attempt(values, (o) => addCollector(db(), p, id.parse(agentId), values, o));
  if (!r.ok) return r.state;
  revalidatePath(`/agents/${agentId}`);
  const { t } = await getMessages();
  return { ok: true, message: t.agents.saved, seq: (prev.seq ?? 0) + 1 };
}

export async function updateCollectorAction(agentId: number, collectorId: number, prev: FormState, fd: FormData): Promise<FormState> {
  const p = await requirePrincipal();
  assertCan(p, "agent.write");
  const values = formValues(fd);
  const r = await attempt(values, (o) => updateCollector(db(), p, id.parse(collectorId), values, o));
  if (!r.ok) return r.state;
  revalidatePath(`/agents/${agentId}`);
  return { ok: true, seq: (prev.seq ?? 0) + 1 };
}
