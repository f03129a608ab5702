"use server";
// Server actions of the enrollment desk, in the one template (lib/server/http/action.ts): read the input,
// runAction(permission) → lib/server → revalidate and go on.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { isIsoDate } from "@/lib/domain/dates";
import type { PolicySnapshot } from "@/lib/domain/contribution";
import { runAction } from "@/lib/server/http/action";
import { assertFieldRead } from "@/lib/server/auth/authz";
import { idParam } from "@/lib/server/http/params";
import { db } from "@/lib/server/db/index";
import { deleteEnrollee, policyForForm, registerEnrollee, updateEnrollee } from "@/lib/server/enrollment/enrollees";
import { recordPayment } from "@/lib/server/enrollment/contributions";
import type { FormState } from "@/lib/validation/form";
import { enrolleeFormInput } from "@/lib/validation/enrollee-values";

export async function registerAction(_prev: FormState, input: unknown): Promise<FormState> {
  // the form's object, or its FormData when posted before the page's scripts ran
  const { data, values } = enrolleeFormInput(input, "register");
  // desk staff, or a collector in its agent's communes (registerEnrollee checks which)
  return runAction({ values }, async ({ p }) => {
    const { id } = await registerEnrollee(db(), p, data);
    revalidatePath("/enrollees");
    // a collector has no desk pages: on to the person's card of its field pages
    redirect(p.collector ? `/field/${id}?registered=1` : `/enrollees/${id}?registered=1`);
  });
}

export async function updateEnrolleeAction(enrolleeId: number, _prev: FormState, input: unknown): Promise<FormState> {
  const id = idParam(enrolleeId);
  const { data, values } = enrolleeFormInput(input, "edit");
  return runAction({ permission: "enrollee.write", values }, async ({ p }) => {
    await updateEnrollee(db(), p, id, data);
    revalidatePath(`/enrollees/${id}`);
    redirect(`/enrollees/${id}?saved=1`);
  });
}

export async function recordPaymentAction(enrolleeId: number, _prev: FormState, input: unknown): Promise<FormState> {
  const id = idParam(enrolleeId);
  return runAction({ permission: "enrollee.write" }, async ({ p }) => {
    const { contributionId } = await recordPayment(db(), p, id, input);
    revalidatePath(`/enrollees/${id}`);
    redirect(`/enrollees/${id}?paid=${contributionId}`);
  });
}

export async function deleteEnrolleeAction(enrolleeId: number, _prev: FormState, _form: FormData): Promise<FormState> {
  const id = idParam(enrolleeId);
  return runAction({ permission: "enrollee.write" }, async ({ p }) => {
    await deleteEnrollee(db(), p, id);
    revalidatePath("/enrollees");
    redirect("/enrollees?deleted=1");
  });
}

/** The policy in force on a date for the caller's province, for the form's live calculation. */
export async function policyAction(date: string): Promise<FormState & { policy?: PolicySnapshot | null }> {
  return runAction({}, async ({ p }) => {
    assertFieldRead(p); // the desk's readers, or a collector registering someone
    if (typeof date !== "string" || !isIsoDate(date)) return { ok: true, policy: null };
    return { ok: true, policy: await policyForForm(db(), p, date) };
  });
}
