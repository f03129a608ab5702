"use server";
// Server actions of the reference-data screens, in the one template (lib/server/http/action.ts).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/server/db/index";
import { assertCan } from "@/lib/server/auth/authz";
import { runAction } from "@/lib/server/http/action";
import { idParam } from "@/lib/server/http/params";
import { addMilestone, addPolicyParameter, addProvincialTopUp, addSubsidyTier, deletePolicyRow, setLabourForce } from "@/lib/server/reference/reference-data";
import { readForm, type FormState } from "@/lib/validation/form";

const tables = z.enum(["parameter", "subsidy", "topup", "milestone"]);

export async function setLabourForceAction(prev: FormState, fd: FormData): Promise<FormState> {
  const values = readForm(fd);
  return runAction({ permission: "reference.write", values }, async ({ p }) => {
    await setLabourForce(db(), p, values);
    revalidatePath("/reference");
    return { ok: true, seq: (prev.seq ?? 0) + 1 };
  });
}

export async function addPolicyRowAction(table: string, prev: FormState, fd: FormData): Promise<FormState> {
  const values = readForm(fd);
  return runAction({ permission: "reference.write", values }, async ({ p, t }) => {
    const which = tables.parse(table);
    if (which !== "topup") assertCan(p, "policy.write");
    const add = { parameter: addPolicyParameter, subsidy: addSubsidyTier, topup: addProvincialTopUp, milestone: addMilestone }[which];
    await add(db(), p, values);
    revalidatePath("/reference/policy");
    return { ok: true, message: t.reference.policy.added, seq: (prev.seq ?? 0) + 1 };
  });
}

export async function deletePolicyRowAction(table: string, rowId: number, _prev: FormState): Promise<FormState> {
  return runAction({ permission: "reference.write" }, async ({ p }) => {
    await deletePolicyRow(db(), p, tables.parse(table), idParam(rowId));
    revalidatePath("/reference/policy");
    return { ok: true };
  });
}
