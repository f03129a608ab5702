// Pages need a session: without one, the browser is sent to sign-in. The JSON API answers
// 401 itself (lib/server/http/api.ts), so it is left out here, as are sign-in and static files.
// A request whose Origin header cannot be parsed is refused with 400 before anything else: Next's
// server-action handler would fail on it with a 500 (lib/server/http/origin.ts).
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { asLocale, LOCALE_COOKIE } from "@/lib/i18n/locale";
import { seamEn, seamVi } from "@/lib/i18n/areas/shell";
import { isMalformedOrigin } from "@/lib/server/http/origin";

const signIn = withAuth({ pages: { signIn: "/login" } });

export default function proxy(req: NextRequest, ev: NextFetchEvent) {
  if (isMalformedOrigin(req.headers.get("origin"))) {
    const t = asLocale(req.cookies.get(LOCALE_COOKIE)?.value) === "en" ? seamEn : seamVi;
    return NextResponse.json({ error: { code: "bad_origin", message: t.api.badOrigin } }, { status: 400 });
  }
  return signIn(req as NextRequestWithAuth, ev);
}

export const config = {
  matcher: ["/((?!login|api/|_next/|favicon.ico|robots.txt|icon.svg|icon-192.png|icon-512.png|apple-touch-icon.png|sw.js|manifest.webmanifest).*)"],
};
