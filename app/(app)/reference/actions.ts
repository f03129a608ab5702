"use server";
// Thin server actions for the reference-data screens.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/server/db/index";
import { requirePrincipal } from "@/lib/server/auth/session";
import { assertCan } from "@/lib/server/auth/authz";
import { attempt } from "@/lib/server/agents/form-action";
import { getMessages } from "@/lib/i18n/server";
import { addMilestone, addPolicyParameter, addProvincialTopUp, addSubsidyTier, deletePolicyRow, setLabourForce } from "@/lib/server/reference/reference-data";
import { formValues, type FormState } from "@/lib/validation/agents-form";

const rowId = z.coerce.number().int().positive();
const tables = z.enum(["parameter", "subsidy", "topup", "milestone"]);

export async function setLabourForceAction(prev: FormState, fd: FormData): Promise<FormState> {
  const p = await requirePrincipal();
  assertCan(p, "reference.write");
  const values = formValues(fd);
  const r = await attempt(values, (o) => setLabourForce(db(), p, values, o));
  if (!r.ok) return r.state;
  revalidatePath("/reference");
  return { ok: true, seq: (prev.seq ?? 0) + 1 };
}

export async function addPolicyRowAction(table: string, prev: FormState, fd: FormData): Promise<FormState> {
  const p = await requirePrincipal();
  assertCan(p, "reference.write");
  const which = tables.parse(table);
  if (which !== "topup") assertCan(p, "policy.write");
  const values = formValues(fd);
  const add = { parameter: addPolicyParameter, subsidy: addSubsidyTier, topup: addProvincialTopUp, milestone: addMilestone }[which];
  const r = await attempt(values, (o) => add(db(), p, values, o));
  if (!r.ok) return r.state;
  revalidatePath("/reference/policy");
  const { t } = await getMessages();
  return { ok: true, message: t.agents.ref.policy.added, seq: (prev.seq ?? 0) + 1 };
}

export async function deletePolicyRowAction(table: string, id: number, _prev: FormState): Promise<FormState> {
  const p = await requirePrincipal();
  assertCan(p, "reference.write");
  const r = await attempt({}, (o) => deletePolicyRow(db(), p, tables.parse(table), rowId.parse(id), o));
  if (!r.ok) return r.state;
  revalidatePath("/reference/policy");
  return { ok: true };
}
