"use server";
// Thin server actions of the enrollment desk: who is calling, then lib/server, then where to go next.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";
import type { PolicySnapshot } from "@/lib/domain/contribution";
import { messages } from "@/lib/i18n/messages";
import { getLocale } from "@/lib/i18n/server";
import { requirePrincipal } from "@/lib/server/auth/session";
import { AuthError, assertCan, type Principal } from "@/lib/server/auth/authz";
import { db } from "@/lib/server/db/index";
import { deleteEnrollee, policyForForm, registerEnrollee, updateEnrollee } from "@/lib/server/enrollment/enrollees";
import { recordPayment } from "@/lib/server/enrollment/contributions";
import { fieldMessages } from "@/lib/validation/enrollee";
import type { EnrollmentFormState } from "@/components/enrollment/form-state";

/** The caller, speaking the language of this request (messages from lib/server come back in it). */
async function caller(permission: "enrollee.write" | "enrollee.read"): Promise<Principal> {
  const p = { ...(await requirePrincipal()), locale: await getLocale() };
  assertCan(p, permission);
  return p;
}

/** A failure → what the form shows; anything unexpected goes on to the error page. */
function failed(e: unknown, p: Principal): EnrollmentFormState {
  if (e instanceof z.ZodError) {
    const state: EnrollmentFormState = { ok: false, fieldErrors: fieldMessages(e) };
    for (const i of e.issues) {
      const params = (i as { params?: { code?: string; existingId?: number; existingIds?: number[] } }).params;
      if (params?.code === "DUPLICATE_PERSONAL_ID" && params.existingId) state.existingId = params.existingId;
      if (params?.code === "POSSIBLE_DUPLICATE") state.duplicateIds = params.existingIds ?? [];
    }
    return state;
  }
  if (e instanceof AuthError) return { ok: false, formError: e.status === 404 ? messages[p.locale].notFound : messages[p.locale].forbidden };
  throw e;
}

export async function registerAction(_prev: EnrollmentFormState, input: unknown): Promise<EnrollmentFormState> {
  const p = await caller("enrollee.write");
  let id: number;
  try {
    id = (await registerEnrollee(db(), p, input)).id;
  } catch (e) {
    return failed(e, p);
  }
  revalidatePath("/enrollees");
  redirect(`/enrollees/${id}?registered=1`);
}

export async function updateEnrolleeAction(id: number, _prev: EnrollmentFormState, input: unknown): Promise<EnrollmentFormState> {
  const p = await caller("enrollee.write");
  try {
    await updateEnrollee(db(), p, id, input);
  } catch (e) {
    return failed(e, p);
  }
  revalidatePath(`/enrollees/${id}`);
  redirect(`/enrollees/${id}?saved=1`);
}

export async function recordPaymentAction(enrolleeId: number, _prev: EnrollmentFormState, input: unknown): Promise<EnrollmentFormState> {
  const p = await caller("enrollee.write");
  let contributionId: number;
  try {
    contributionId = (await recordPayment(db(), p, enrolleeId, input)).contributionId;
  } catch (e) {
    return failed(e, p);
  }
  revalidatePath(`/enrollees/${enrolleeId}`);
  redirect(`/enrollees/${enrolleeId}?paid=${contributionId}`);
}

export async function deleteEnrolleeAction(id: number, _prev: EnrollmentFormState, _form: FormData): Promise<EnrollmentFormState> {
  const p = await caller("enrollee.write");
  try {
    await deleteEnrollee(db(), p, id);
  } catch (e) {
    const s = failed(e, p);
    return { ok: false, formError: s.formError ?? s.fieldErrors?._form?.[0] };
  }
  revalidatePath("/enrollees");
  redirect("/enrollees?deleted=1");
}

/** The policy in force on a date for the caller's province, for the form's live calculation. */
export async function policyAction(date: string): Promise<PolicySnapshot | null> {
  const p = await caller("enrollee.read");
  if (typeof date !== "string" || !isIsoDate(date)) return null;
  return policyForForm(db(), p, date);
}
