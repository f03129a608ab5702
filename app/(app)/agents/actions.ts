"use server";
// Server actions of the agents screens, in the one template (lib/server/http/action.ts).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/server/db/index";
import { runAction } from "@/lib/server/http/action";
import { idParam } from "@/lib/server/http/params";
import { addCollector, changeAgentStatus, createAgent, updateAgent, updateCollector } from "@/lib/server/agents/agents";
import { readForm, type FormState } from "@/lib/validation/form";

const statusAction = z.enum(["suspend", "reactivate", "end"]);

export async function createAgentAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const values = readForm(fd, ["communeCodes"]);
  return runAction({ permission: "agent.write", values }, async ({ p }) => {
    const r = await createAgent(db(), p, values);
    revalidatePath("/agents");
    redirect(`/agents/${r.id}`);
  });
}

export async function updateAgentAction(agentId: number, _prev: FormState, fd: FormData): Promise<FormState> {
  const id = idParam(agentId);
  const values = readForm(fd, ["communeCodes"]);
  return runAction({ permission: "agent.write", values }, async ({ p }) => {
    await updateAgent(db(), p, id, values);
    revalidatePath("/agents");
    redirect(`/agents/${id}`);
  });
}

export async function agentStatusAction(agentId: number, _prev: FormState, fd: FormData): Promise<FormState> {
  const id = idParam(agentId);
  const values = readForm(fd);
  return runAction({ permission: "agent.write", values }, async ({ p, t }) => {
    const action = statusAction.safeParse(values.action);
    if (!action.success) return { ok: false, values };
    await changeAgentStatus(db(), p, id, action.data, values);
    revalidatePath(`/agents/${id}`);
    revalidatePath("/agents");
    return { ok: true, message: t.agents.actions.done };
  });
}

export async function addCollectorAction(agentId: number, prev: FormState, fd: FormData): Promise<FormState> {
  const id = idParam(agentId);
  const values = readForm(fd);
  return runAction({ permission: "agent.write", values }, async ({ p, t }) => {
    await addCollector(db(), p, id, values);
    revalidatePath(`/agents/${id}`);
    return { ok: true, message: t.agents.saved, seq: (prev.seq ?? 0) + 1 };
  });
}

export async function updateCollectorAction(agentId: number, collectorId: number, prev: FormState, fd: FormData): Promise<FormState> {
  const values = readForm(fd);
  return runAction({ permission: "agent.write", values }, async ({ p }) => {
    await updateCollector(db(), p, idParam(collectorId), values);
    revalidatePath(`/agents/${idParam(agentId)}`);
    return { ok: true, seq: (prev.seq ?? 0) + 1 };
  });
}
