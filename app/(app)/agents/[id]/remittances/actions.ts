"use server";
// Thin server action for recording an agent's remittance: lib/server/paperwork/remittances.ts checks
// scope and input, writes in one transaction and audits.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/server/db/index";
import { requirePrincipal } from "@/lib/server/auth/session";
import { assertCan } from "@/lib/server/auth/authz";
import { attempt } from "@/lib/server/agents/form-action";
import { getMessages } from "@/lib/i18n/server";
import { recordRemittance } from "@/lib/server/paperwork/remittances";
import { formValues, type FormState } from "@/lib/validation/agents-form";

const id = z.coerce.number().int().positive().max(2_147_483_647);

export async function recordRemittanceAction(agentId: number, prev: FormState, fd: FormData): Promise<FormState> {
  const p = await requirePrincipal();
  assertCan(p, "paperwork.write");
  const values = formValues(fd);
  const r = await attempt(values, () => recordRemittance(db(), p, { ...values, agentId: id.parse(agentId) }));
  if (!r.ok) return r.state;
  revalidatePath(`/agents/${agentId}/remittances`);
  const { t } = await getMessages();
  return { ok: true, message: t.paperwork.remit.saved, seq: (prev.seq ?? 0) + 1 };
}
