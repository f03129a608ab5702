"use server";
// Switches the interface language: a cookie for this browser and, for a signed-in user, the saved choice
// (User.locale) that another device and the JSON API fall back on. Public on purpose (the sign-in page
// has the switch too): no data is read, and only the caller's own preference is written. The one server
// action outside runAction (lib/server/http/action.ts), which is for signed-in callers.
import { cookies } from "next/headers";
import { asLocale, LOCALE_COOKIE } from "@/lib/i18n/locale";
import { currentPrincipal } from "@/lib/server/auth/session";
import { saveOwnLocale } from "@/lib/server/auth/users";
import { db } from "@/lib/server/db/index";
import { readForm } from "@/lib/validation/form";

export async function setLocaleAction(fd: FormData): Promise<void> {
  const locale = asLocale(readForm(fd).locale);
  if (!locale) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600, httpOnly: true });
  const p = await currentPrincipal();
  if (p && p.locale !== locale) await saveOwnLocale(db(), p, locale);
}
