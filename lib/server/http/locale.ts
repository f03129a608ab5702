// The language of a request, decided in one place for every page, server action and route handler
// (ADR 1601). In order:
//   1. a `lang` query parameter (route handlers: `?lang=en`),
//   2. the `lang` cookie (the browser's choice, set by the language switch),
//   3. Accept-Language — for the JSON API (/api/v1) only: an integration sets it on purpose, whereas a
//      browser sends its operating system's language, which says nothing about the language a civil
//      servant works in (the interface is Vietnamese first),
//   4. the signed-in user's saved choice (User.locale, written by the language switch), so a second
//      device or an API token speaks the user's language,
//   5. Vietnamese.
import "server-only";
import { cookies } from "next/headers";
import { asLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type Locale } from "@/lib/i18n/locale";
import { messages, type Messages } from "@/lib/i18n/messages";
import { currentPrincipal } from "../auth/session";

export type LocaleSource = {
  /** A route handler's request; pages and actions read the request through next/headers. */
  req?: Request;
  /** The user's saved choice, when the caller is already known (route handlers pass `p.locale`). */
  saved?: Locale | null;
};

const isJsonApi = (req: Request) => new URL(req.url).pathname.startsWith("/api/v1/");

function cookieOf(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}

export async function requestLocale(o: LocaleSource = {}): Promise<Locale> {
  const req = o.req;
  if (req) {
    const fromQuery = asLocale(new URL(req.url).searchParams.get("lang"));
    if (fromQuery) return fromQuery;
  }
  const fromCookie = asLocale(req ? cookieOf(req.headers.get("cookie"), LOCALE_COOKIE) : (await cookies()).get(LOCALE_COOKIE)?.value);
  if (fromCookie) return fromCookie;
  if (req && isJsonApi(req)) {
    const fromHeader = localeFromAcceptLanguage(req.headers.get("accept-language"));
    if (fromHeader) return fromHeader;
  }
  const saved = o.saved !== undefined ? o.saved : req ? null : ((await currentPrincipal().catch(() => null))?.locale ?? null);
  return saved ?? "vi";
}

/** The request's language and its messages: what pages use to render. */
export async function getMessages(o?: LocaleSource): Promise<{ locale: Locale; t: Messages }> {
  const locale = await requestLocale(o);
  return { locale, t: messages[locale] };
}
