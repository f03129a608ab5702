"use server";
// Server action recording an agent's remittance, in the one template (lib/server/http/action.ts);
// lib/server/paperwork/remittances.ts checks scope and input, writes in one transaction and audits.
import { revalidatePath } from "next/cache";
import { db } from "@/lib/server/db/index";
import { runAction } from "@/lib/server/http/action";
import { idParam } from "@/lib/server/http/params";
import { recordRemittance } from "@/lib/server/paperwork/remittances";
import { readForm, type FormState } from "@/lib/validation/form";

export async function recordRemittanceAction(agentId: number, prev: FormState, fd: FormData): Promise<FormState> {
  const id = idParam(agentId);
  const values = readForm(fd);
  return runAction({ permission: "paperwork.write", values }, async ({ p, t }) => {
    await recordRemittance(db(), p, { ...values, agentId: id });
    revalidatePath(`/agents/${id}/remittances`);
    return { ok: true, message: t.paperwork.remit.saved, seq: (prev.seq ?? 0) + 1 };
  });
}
