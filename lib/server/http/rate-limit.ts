// Fixed-window rate limits kept in PostgreSQL ("RateLimitWindow"), keyed by whatever identifies the
// caller (user id, API token, IP address), so every app instance behind the proxy counts in the same
// window: N instances allow exactly the configured limit, not N × it, and a restart forgets nothing
// (docs/decisions/1801-shared-state-in-postgresql.md, superseding ADR 0703's in-memory counters).
// One statement per request: an upsert that starts a new window when the old one has ended.
import type { DbTx } from "../db/client";
import { config } from "../env";

export type RateLimitResult = {
  ok: boolean;
  limit: number;
  /** Requests still allowed in this window. */
  remaining: number;
  /** When the current window ends (ms since the epoch). */
  resetAt: number;
  /** Whole seconds until a refused caller may try again (≥ 1 when refused, else 0). */
  retryAfterSeconds: number;
};

/** Expired windows are deleted at most this often per limiter and process. */
const PRUNE_EVERY_MS = 60_000;

export class FixedWindowLimiter {
  private lastPrune = 0;

  constructor(
    /** The limiter's name: its rows in "RateLimitWindow". */
    readonly name: string,
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  private result(start: number, count: number, now: number): RateLimitResult {
    const ok = this.limit <= 0 || count <= this.limit;
    const resetAt = start + this.windowMs;
    return {
      ok,
      limit: this.limit,
      remaining: Math.max(0, this.limit - count),
      resetAt,
      retryAfterSeconds: ok ? 0 : Math.max(1, Math.ceil((resetAt - now) / 1000)),
    };
  }

  /** Counts one request for `key` and says whether it is within the limit. A limit of 0 means unlimited (nothing is written). */
  async hit(db: DbTx, key: string, now = Date.now()): Promise<RateLimitResult> {
    if (this.limit <= 0) return this.result(now, 0, now);
    const at = new Date(now);
    const expired = new Date(now - this.windowMs);
    const [row] = await db.$queryRaw<{ windowStart: Date; count: number }[]>`
      INSERT INTO "RateLimitWindow" AS w ("name", "key", "windowStart", "count") VALUES (${this.name}, ${key}, ${at}, 1)
      ON CONFLICT ("name", "key") DO UPDATE SET
        "windowStart" = CASE WHEN w."windowStart" <= ${expired} THEN ${at} ELSE w."windowStart" END,
        "count" = CASE WHEN w."windowStart" <= ${expired} THEN 1 ELSE w."count" + 1 END
      RETURNING "windowStart", "count"`;
    await this.prune(db, now);
    return this.result(row.windowStart.getTime(), row.count, now);
  }

  /** Would one more request be allowed? Does not count it. */
  async check(db: DbTx, key: string, now = Date.now()): Promise<RateLimitResult> {
    const w = this.limit <= 0 ? null : await db.rateLimitWindow.findUnique({ where: { name_key: { name: this.name, key } } });
    if (!w || now - w.windowStart.getTime() >= this.windowMs)
      return { ok: true, limit: this.limit, remaining: this.limit, resetAt: now + this.windowMs, retryAfterSeconds: 0 };
    return this.result(w.windowStart.getTime(), w.count + 1, now);
  }

  async reset(db: DbTx, key: string): Promise<void> {
    await db.rateLimitWindow.deleteMany({ where: { name: this.name, key } });
  }

  /** Forgets this limiter's ended windows (the table holds only live ones, whatever keys callers send). */
  private async prune(db: DbTx, now: number): Promise<void> {
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    await db.rateLimitWindow.deleteMany({ where: { name: this.name, windowStart: { lte: new Date(now - this.windowMs) } } });
  }
}

// One limiter object per purpose and process (it only remembers when it last pruned); kept on globalThis
// so every route bundle shares it. The counts are in the database.
const registry = ((globalThis as unknown as { __rateLimiters?: Map<string, FixedWindowLimiter> }).__rateLimiters ??= new Map());

export function namedLimiter(name: string, limit: number, windowMs: number): FixedWindowLimiter {
  let l = registry.get(name);
  if (!l || l.limit !== limit || l.windowMs !== windowMs) {
    l = new FixedWindowLimiter(name, limit, windowMs);
    registry.set(name, l);
  }
  return l;
}

/** API requests per caller (user or token) per minute: API_RATE_LIMIT_PER_MINUTE, default 600, 0 = off. */
export const apiCallerLimiter = () => namedLimiter("api-caller", config().API_RATE_LIMIT_PER_MINUTE, 60_000);

/** Failed API authentications per IP per minute (token guessing): API_AUTH_FAILURES_PER_MINUTE, default 100. */
export const apiAuthFailureLimiter = () => namedLimiter("api-auth-failures", config().API_AUTH_FAILURES_PER_MINUTE, 60_000);

/** Failed sign-ins per IP per 15 minutes (password spraying across logins): LOGIN_IP_MAX_FAILURES, default 50
 *  (an office behind one NAT address shares it).
 *  The per-login-and-address delays in the database (login-throttle.ts) stay the main defence. */
export const loginIpLimiter = () => namedLimiter("login-ip", config().LOGIN_IP_MAX_FAILURES, 15 * 60_000);

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(h: HeaderSource, name: string): string | undefined {
  if (typeof (h as Headers).get === "function") return (h as Headers).get(name) ?? undefined;
  const v = (h as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v.join(",") : v;
}

/** How many reverse proxies in front of the app append to X-Forwarded-For: TRUST_PROXY_HOPS, default 0. */
export const trustProxyHops = (env?: Record<string, string | undefined>) => config(env).TRUST_PROXY_HOPS;

/**
 * The caller's IP address (issue 17 item 7). The server appends the socket's address to
 * X-Forwarded-For as the request arrives (lib/server/http/peer-address.ts, installed at start), so the
 * header's LAST entry is the address that connected to us; each of the TRUST_PROXY_HOPS trusted
 * proxies in front appended the address it saw. Counting that many entries from the right gives the
 * client; anything further left was written by the client and is never used. With the default 0,
 * a client-sent X-Forwarded-For changes nothing.
 */
export function clientIp(h: HeaderSource, hops = trustProxyHops()): string {
  const chain = (header(h, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length === 0) return header(h, "x-real-ip")?.trim() || "unknown";
  return chain[Math.max(0, chain.length - 1 - hops)];
}
