"use server";
// Server actions of the commission rates page, in the one template (lib/server/http/action.ts);
// lib/server/paperwork/commissions.ts checks the role (national admin), validates, writes and audits.
import { revalidatePath } from "next/cache";
import { todayInVietnam } from "@/lib/domain/dates";
import { db } from "@/lib/server/db/index";
import { runAction } from "@/lib/server/http/action";
import { idParam } from "@/lib/server/http/params";
import { addCommissionRate, deleteCommissionRate } from "@/lib/server/paperwork/commissions";
import { readForm, type FormState } from "@/lib/validation/form";

export async function addCommissionRateAction(prev: FormState, fd: FormData): Promise<FormState> {
  const values = readForm(fd);
  return runAction({ permission: "policy.write", values }, async ({ p, t }) => {
    await addCommissionRate(db(), p, values);
    revalidatePath("/agents/commissions");
    return { ok: true, message: t.commissions.rates.saved, seq: (prev.seq ?? 0) + 1 };
  });
}

export async function deleteCommissionRateAction(rowId: number, _prev: FormState): Promise<FormState> {
  return runAction({ permission: "policy.write" }, async ({ p }) => {
    await deleteCommissionRate(db(), p, idParam(rowId), todayInVietnam());
    revalidatePath("/agents/commissions");
    return { ok: true };
  });
}
