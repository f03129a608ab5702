import "server-only";
import crypto from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { getServerSession } from "next-auth";
import { z } from "zod";
import { authOptions, principalFromSession, principalFromUserId, type SessionClaims } from "../auth/session";
import { AuthError, type Principal } from "../auth/authz";
import { db } from "../db/index";
import { cookieWriteRefusal } from "./same-origin";
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
export function rateLimited(r: RateLimitResult): Response {
  const res = apiError(429, "rate_limited", `Quá nhiều yêu cầu, vui lòng thử lại sau ${r.retryAfterSeconds} giây / too many requests, retry after ${r.retryAfterSeconds} s`);
  res.headers.set("Retry-After", String(r.retryAfterSeconds));
  return res;
}

/** The rate-limit key of an authenticated caller: its bearer token, else its user. */
export function callerKey(req: NextRequest, p: Principal): string {
  const auth = req.headers.get("authorization");
  return auth?.startsWith("Bearer ") ? `token:${hashToken(auth.slice(7).trim()).slice(0, 32)}` : `user:${p.userId}`;
}

/** Wraps a route handler: authenticates, applies the per-caller rate limit, and turns known failures into JSON errors. */
export function apiRoute<C>(handler: (req: NextRequest, p: Principal, ctx: C) => Promise<Response>) {
  return async (req: NextRequest, ctx: C): Promise<Response> => noStore(await answer(req, ctx));
  async function answer(req: NextRequest, ctx: C): Promise<Response> {
    try {
      let p: Principal;
      try {
        p = await apiPrincipal(req);
      } catch (e) {
        // failed authentications are counted per IP, so tokens cannot be guessed at full speed
        if (e instanceof AuthError && e.status === 401) {
          const r = apiAuthFailureLimiter().hit(`ip:${clientIp(req.headers)}`);
          if (!r.ok) return rateLimited(r);
        }
        throw e;
      }
      const r = apiCallerLimiter().hit(callerKey(req, p));
      if (!r.ok) return rateLimited(r);
      if (!req.headers.get("authorization")?.startsWith("Bearer ")) {
        const refused = cookieWriteRefusal(req); // a cookie write from another site (same-origin.ts)
        if (refused) return apiError(refused.status, refused.code, refused.message);
      }
      return await handler(req, p, ctx);
    } catch (e) {
      if (e instanceof AuthError) {
        const code = e.status === 401 ? "unauthenticated" : e.status === 403 ? "forbidden" : "not_found";
        return apiError(e.status, code, e.status === 401 ? "Chưa đăng nhập / authentication required" : e.status === 403 ? "Không có quyền / forbidden" : "Không tìm thấy / not found");
      }
      if (e instanceof z.ZodError) return apiError(400, "invalid", "Dữ liệu không hợp lệ / invalid input", zodFields(e));
      console.error(e);
      return apiError(500, "internal", "Lỗi hệ thống / internal error");
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
