import "server-only";
import crypto from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { getServerSession } from "next-auth";
import { z } from "zod";
import { authOptions, principalFromSession, principalFromUserId, type SessionClaims } from "../auth/session";
import { AuthError, type Principal } from "../auth/authz";
import { RuleError } from "../errors";
import { db } from "../db/index";
import { cookieWriteRefusal } from "./same-origin";
import { fill, messages, type Locale } from "@/lib/i18n/messages";
import { BodyTooLargeError } from "./body";
import { requestLocale } from "./locale";
import { isMalformedOrigin } from "./origin";
import { apiAuthFailureLimiter, apiCallerLimiter, clientIp, type RateLimitResult } from "./rate-limit";

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** The API caller: a session cookie, or `Authorization: Bearer <token>` issued by an admin. */
export async function apiPrincipal(req: NextRequest): Promise<Principal> {
  const auth = req.headers.get("authorization");
  if (auth?.startsWith("Bearer ")) {
    const token = await db().apiToken.findUnique({ where: { tokenHash: hashToken(auth.slice(7).trim()) } });
    if (!token || token.revokedAt) throw new AuthError(401);
    const p = await principalFromUserId(token.userId);
    if (!p) throw new AuthError(401);
    await db().apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
    return p;
  }
  const p = await principalFromSession((await getServerSession(authOptions)) as SessionClaims | null);
  if (!p) throw new AuthError(401);
  return p;
}

export type ApiErrorBody = { error: { code: string; message: string; fields?: { path: string; message: string }[] } };

export function apiError(status: number, code: string, message: string, fields?: ApiErrorBody["error"]["fields"]) {
  return NextResponse.json<ApiErrorBody>({ error: { code, message, ...(fields ? { fields } : {}) } }, { status });
}

export function zodFields(e: z.ZodError) {
  return e.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

/** 429 with Retry-After, in the API's error format. */
export function rateLimited(r: RateLimitResult, locale: Locale = "vi"): Response {
  const res = apiError(429, "rate_limited", fill(messages[locale].seam.api.rateLimited, { s: r.retryAfterSeconds }));
  res.headers.set("Retry-After", String(r.retryAfterSeconds));
  return res;
}

/** The rate-limit key of an authenticated caller: its bearer token, else its user. */
export function callerKey(req: NextRequest, p: Principal): string {
  const auth = req.headers.get("authorization");
  return auth?.startsWith("Bearer ") ? `token:${hashToken(auth.slice(7).trim()).slice(0, 32)}` : `user:${p.userId}`;
}

/** The JSON API's answer to a refusal or a failure, in the caller's language. Rethrows nothing: unknown errors are logged and answer 500. */
export function apiFailure(e: unknown, locale: Locale): Response {
  const t = messages[locale].seam.api;
  if (e instanceof AuthError) {
    const code = e.status === 401 ? "unauthenticated" : e.status === 403 ? "forbidden" : "not_found";
    return apiError(e.status, code, e.status === 401 ? t.unauthenticated : e.status === 403 ? t.forbidden : t.notFound);
  }
  if (e instanceof z.ZodError) {
    const fields = e.issues.map((i) => ({
      path: i.path.join("."),
      message: (i as { params?: { code?: string } }).params?.code === "INVALID_JSON" ? t.invalidJson : i.message,
    }));
    return apiError(400, "invalid", t.invalid, fields);
  }
  if (e instanceof BodyTooLargeError) return apiError(413, "too_large", fill(t.tooLarge, { kb: Math.round(e.limit / 1024) }));
  // a business rule's refusal (lib/server/errors.ts): its own status and message, already in the caller's language
  if (e instanceof RuleError) return apiError(e.status, e.status === 409 ? "conflict" : e.status === 403 ? "forbidden" : "invalid", e.message);
  console.error(e);
  return apiError(500, "internal", t.internal);
}

/**
 * The one template of a route handler (docs/features/architecture.md, "How to write a route"): authenticates
 * (session cookie or bearer token), applies the per-caller rate limit, sets `p.locale` to the request's
 * language (lib/server/http/locale.ts) and turns refusals into JSON errors in it: AuthError → 401/403/404,
 * ZodError → 400 with field paths, RuleError → its status (409 "conflict") and message, a body over its limit → 413.
 */
export function apiRoute<C>(handler: (req: NextRequest, p: Principal, ctx: C) => Promise<Response>) {
  return async (req: NextRequest, ctx: C): Promise<Response> => noStore(await answer(req, ctx));
  async function answer(req: NextRequest, ctx: C): Promise<Response> {
    let locale: Locale = "vi";
    try {
      if (isMalformedOrigin(req.headers.get("origin"))) {
        locale = await requestLocale({ req, saved: null });
        return apiError(400, "bad_origin", messages[locale].seam.api.badOrigin);
      }
      let p: Principal;
      try {
        p = await apiPrincipal(req);
      } catch (e) {
        locale = await requestLocale({ req, saved: null });
        // failed authentications are counted per IP, so tokens cannot be guessed at full speed
        if (e instanceof AuthError && e.status === 401) {
          const r = await apiAuthFailureLimiter().hit(db(), `ip:${clientIp(req.headers)}`);
          if (!r.ok) return rateLimited(r, locale);
        }
        throw e;
      }
      locale = await requestLocale({ req, saved: p.locale });
      p = { ...p, locale };
      const r = await apiCallerLimiter().hit(db(), callerKey(req, p));
      if (!r.ok) return rateLimited(r, locale);
      if (!req.headers.get("authorization")?.startsWith("Bearer ")) {
        const refused = cookieWriteRefusal(req); // a cookie write from another site (same-origin.ts)
        if (refused) return apiError(refused.status, refused.code, refused.message);
      }
      return await handler(req, p, ctx);
    } catch (e) {
      return apiFailure(e, locale);
    }
  }
}

/** API answers carry personal data: never kept by a browser or a shared cache (issue 17 item 9). */
function noStore(res: Response): Response {
  if (res.headers.has("cache-control")) return res;
  try {
    res.headers.set("Cache-Control", "no-store");
    return res;
  } catch {
    const headers = new Headers(res.headers); // immutable headers (a proxied response): copy
    headers.set("Cache-Control", "no-store");
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  }
}
