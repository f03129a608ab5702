import "server-only";
import { cookies } from "next/headers";
import { LOCALE_COOKIE, messages, type Locale, type Messages } from "./messages";

/** The interface language of this request: the `lang` cookie, Vietnamese by default. */
export async function getLocale(): Promise<Locale> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return value === "en" ? "en" : "vi";
}

export async function getMessages(): Promise<{ locale: Locale; t: Messages }> {
  const locale = await getLocale();
  return { locale, t: messages[locale] };
}
