"use server";
// Field work on the agent's page (issue 11): the collection account (VietQR) and collector sign-ins.
import { revalidatePath } from "next/cache";
import { db } from "@/lib/server/db/index";
import { runAction } from "@/lib/server/http/action";
import { idParam } from "@/lib/server/http/params";
import { fill } from "@/lib/i18n/messages";
import { createCollectorUser } from "@/lib/server/auth/users";
import { setCollectionAccount } from "@/lib/server/field/agent-account";
import { readForm, type FormState } from "@/lib/validation/form";

export async function setCollectionAccountAction(agentId: number, prev: FormState, fd: FormData): Promise<FormState> {
  const values = readForm(fd);
  return runAction({ permission: "agent.write", values }, async ({ p, t }) => {
    await setCollectionAccount(db(), p, idParam(agentId), values);
    revalidatePath(`/agents/${idParam(agentId)}`);
    return { ok: true, message: t.agents.saved, seq: (prev.seq ?? 0) + 1 };
  });
}

// The agent in the signature is the page's; the page refreshed is the collector's own agent's.
export async function createCollectorLoginAction(_agentId: number, collectorId: number, prev: FormState, fd: FormData): Promise<FormState> {
  const values = readForm(fd);
  return runAction({ permission: "user.manage", values }, async ({ p, t }) => {
    const r = await createCollectorUser(db(), p, idParam(collectorId), values);
    revalidatePath(`/agents/${r.agentId}`);
    return { ok: true, message: fill(t.field.collectors.created, { login: r.login, password: r.password }), seq: (prev.seq ?? 0) + 1 };
  });
}
