"use server";
// Server actions of field work, in the one template (lib/server/http/action.ts): runAction finds the caller
// and turns refusals into a form state. The field pages post plain forms, so a validation problem goes back
// to the page in its URL (the page shows it next to the form) and success moves on.
import { redirect } from "next/navigation";
import { z } from "zod";
import { assertFieldWrite } from "@/lib/server/auth/authz";
import { db } from "@/lib/server/db/index";
import { runAction } from "@/lib/server/http/action";
import { idParam } from "@/lib/server/http/params";
import { logContact } from "@/lib/server/field/contacts";
import { quickRenewal } from "@/lib/server/field/person";
import { readForm, type FormState } from "@/lib/validation/form";

const messagesOf = (e: z.ZodError) => encodeURIComponent(e.issues.map((i) => i.message).join("; "));

/** Logs a contact; back to the worklist (a promise takes the person off it) or to the person with the error. */
export async function logContactAction(enrolleeId: number, fd: FormData): Promise<FormState> {
  const values = readForm(fd);
  return runAction({ values }, async ({ p }) => {
    assertFieldWrite(p); // desk staff, or a collector for its agent's people
    const id = idParam(enrolleeId);
    try {
      await logContact(db(), p, id, values);
    } catch (e) {
      if (e instanceof z.ZodError) redirect(`/field/${id}?contactError=${messagesOf(e)}#contact`);
      throw e;
    }
    redirect(`/field?logged=${id}`);
  });
}

/** The one-confirmation renewal; on to the receipt. */
export async function renewAction(enrolleeId: number, fd: FormData): Promise<FormState> {
  const values = readForm(fd);
  return runAction({ values }, async ({ p }) => {
    assertFieldWrite(p); // desk staff, or a collector for its agent's people
    const id = idParam(enrolleeId);
    let contributionId: number;
    try {
      contributionId = (await quickRenewal(db(), p, id, values)).contributionId;
    } catch (e) {
      if (e instanceof z.ZodError) redirect(`/field/${id}/renew?error=${messagesOf(e)}`);
      throw e;
    }
    redirect(`/receipts/${contributionId}?new=1`);
  });
}
