// Pages need a session: without one, the browser is sent to sign-in. The JSON API answers
// 401 itself (lib/server/http/api.ts), so it is left out here, as are sign-in and static files.
import { withAuth } from "next-auth/middleware";

export default withAuth({ pages: { signIn: "/login" } });

export const config = {
  matcher: ["/((?!login|api/|_next/|favicon.ico|robots.txt|icon.svg|icon-192.png|icon-512.png|apple-touch-icon.png).*)"],
};
