"use server";
// Thin server actions of field work: who is calling, then lib/server/field, then where to go next.
import { redirect } from "next/navigation";
import { z } from "zod";
import { requestLocale as getLocale } from "@/lib/server/http/locale";
import { requirePrincipal } from "@/lib/server/auth/session";
import { assertFieldWrite } from "@/lib/server/auth/authz";
import { db } from "@/lib/server/db/index";
import { logContact } from "@/lib/server/field/contacts";
import { quickRenewal } from "@/lib/server/field/person";

const fields = (fd: FormData) => Object.fromEntries([...fd.entries()].filter(([, v]) => typeof v === "string"));

/** Logs a contact; back to the worklist (a promise takes the person off it) or to the person with the error. */
export async function logContactAction(enrolleeId: number, fd: FormData): Promise<void> {
  const p = { ...(await requirePrincipal()), locale: await getLocale() };
  assertFieldWrite(p);
  try {
    await logContact(db(), p, enrolleeId, fields(fd));
  } catch (e) {
    if (e instanceof z.ZodError) redirect(`/field/${enrolleeId}?contactError=${encodeURIComponent(e.issues.map((i) => i.message).join("; "))}#contact`);
    throw e;
  }
  redirect(`/field?logged=${enrolleeId}`);
}

/** The one-confirmation renewal; on to the receipt. */
export async function renewAction(enrolleeId: number, fd: FormData): Promise<void> {
  const p = { ...(await requirePrincipal()), locale: await getLocale() };
  assertFieldWrite(p);
  let contributionId: number;
  try {
    contributionId = (await quickRenewal(db(), p, enrolleeId, fields(fd))).contributionId;
  } catch (e) {
    if (e instanceof z.ZodError) redirect(`/field/${enrolleeId}/renew?error=${encodeURIComponent(e.issues.map((i) => i.message).join("; "))}`);
    throw e;
  }
  redirect(`/receipts/${contributionId}?new=1`);
}
