// Writes authenticated by the session cookie must come from this app's own pages (issue 17 item 6).
// A browser attaches the cookie to a cross-site form post or a `no-cors` fetch with `text/plain`, which
// needs no CORS preflight: the probe stored a payment that way. So a cookie-authenticated POST, PUT,
// PATCH or DELETE needs a same-origin `Origin` (or, without Origin, `Sec-Fetch-Site: same-origin`),
// and under /api/v1 a JSON body (`Content-Type: application/json`, which a cross-site page cannot send
// without a preflight). Bearer-token calls carry no ambient credential and are not checked.
import type { NextRequest } from "next/server";
import { configuredAppUrl } from "../env";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function originOf(u: string | undefined | null): string | null {
  if (!u) return null;
  try {
    return new URL(u).origin;
  } catch {
    return null;
  }
}

/** Why a cookie-authenticated request is refused ({status, code, message}), or null if it may proceed. */
export function cookieWriteRefusal(req: NextRequest): { status: number; code: string; message: string } | null {
  if (!WRITES.has(req.method.toUpperCase())) return null;
  // this app's origin: as the browser addressed it (Host; nextUrl spells 127.0.0.1 "localhost"), or the public URL
  const host = req.headers.get("host");
  const allowed = new Set(
    [originOf(req.url), req.nextUrl.origin, host ? originOf(`${req.nextUrl.protocol}//${host}`) : null, originOf(configuredAppUrl())].filter(Boolean),
  );
  const origin = req.headers.get("origin");
  const sameOrigin = origin !== null ? allowed.has(originOf(origin) ?? "") : req.headers.get("sec-fetch-site") === "same-origin";
  if (!sameOrigin) {
    return {
      status: 403,
      code: "cross_origin",
      message:
        "Yêu cầu ghi bằng phiên đăng nhập phải đến từ chính ứng dụng / a write authenticated by the session cookie must come from this site (use a bearer token for integrations)",
    };
  }
  const type = req.headers.get("content-type") ?? "";
  if (req.nextUrl.pathname.startsWith("/api/v1/") && req.method.toUpperCase() !== "DELETE" && !/^application\/json\s*(;|$)/i.test(type)) {
    return { status: 415, code: "unsupported_media_type", message: "Cần Content-Type: application/json / Content-Type must be application/json" };
  }
  return null;
}
