"use server";
import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALE_COOKIE } from "@/lib/i18n/messages";

const input = z.enum(["vi", "en"]);

/** Switches the interface language (a cookie; no personal data, so no sign-in needed). */
export async function setLocaleAction(formData: FormData): Promise<void> {
  const parsed = input.safeParse(formData.get("locale"));
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600, httpOnly: true });
}
