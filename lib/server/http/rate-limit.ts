// A small fixed-window rate limiter kept in this process's memory, keyed by whatever identifies
// the caller (user id, API token, IP address). With several app instances each one has its own
// windows, so the effective limit is N × the configured one — good enough to stop a runaway
// script or password guessing; a shared store (Redis, the database) would be needed for exact
// cluster-wide limits (docs/decisions/0703-in-memory-rate-limits.md).
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

export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    /** Bound on remembered keys, so spoofed keys cannot exhaust memory. */
    private readonly maxKeys = 50_000,
  ) {}

  private current(key: string, now: number): { start: number; count: number } {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.delete(key); // re-insert: the Map's order stays oldest-first
      this.windows.set(key, w);
      this.prune(now);
    }
    return w;
  }

  private result(w: { start: number; count: number }, now: number): RateLimitResult {
    const ok = this.limit <= 0 || w.count <= this.limit;
    const resetAt = w.start + this.windowMs;
    return { ok, limit: this.limit, remaining: Math.max(0, this.limit - w.count), resetAt, retryAfterSeconds: ok ? 0 : Math.max(1, Math.ceil((resetAt - now) / 1000)) };
  }

  /** Counts one request for `key` and says whether it is within the limit. A limit of 0 means unlimited. */
  hit(key: string, now = Date.now()): RateLimitResult {
    const w = this.current(key, now);
    w.count++;
    return this.result(w, now);
  }

  /** Would one more request be allowed? Does not count it. */
  check(key: string, now = Date.now()): RateLimitResult {
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) return { ok: true, limit: this.limit, remaining: this.limit, resetAt: now + this.windowMs, retryAfterSeconds: 0 };
    return this.result({ start: w.start, count: w.count + 1 }, now);
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  get size(): number {
    return this.windows.size;
  }

  private prune(now: number): void {
    if (this.windows.size <= this.maxKeys) return;
    for (const [k, w] of this.windows) {
      if (now - w.start >= this.windowMs) this.windows.delete(k);
    }
    // still too many live keys: forget the oldest windows (they are the first in the Map)
    for (const k of this.windows.keys()) {
      if (this.windows.size <= this.maxKeys) break;
      this.windows.delete(k);
    }
  }
}

// One limiter per purpose and process; kept on globalThis so every route bundle shares it.
const registry = ((globalThis as unknown as { __rateLimiters?: Map<string, FixedWindowLimiter> }).__rateLimiters ??= new Map());

function named(name: string, limit: number, windowMs: number): FixedWindowLimiter {
  let l = registry.get(name);
  if (!l || l.limit !== limit || l.windowMs !== windowMs) {
    l = new FixedWindowLimiter(limit, windowMs);
    registry.set(name, l);
  }
  return l;
}

/** API requests per caller (user or token) per minute: API_RATE_LIMIT_PER_MINUTE, default 600, 0 = off. */
export const apiCallerLimiter = () => named("api-caller", config().API_RATE_LIMIT_PER_MINUTE, 60_000);

/** Failed API authentications per IP per minute (token guessing): API_AUTH_FAILURES_PER_MINUTE, default 100. */
export const apiAuthFailureLimiter = () => named("api-auth-failures", config().API_AUTH_FAILURES_PER_MINUTE, 60_000);

/** Failed sign-ins per IP per 15 minutes (password spraying across logins): LOGIN_IP_MAX_FAILURES, default 50
 *  (an office behind one NAT address shares it).
 *  The per-login-and-address delays in the database (login-throttle.ts) stay the main defence. */
export const loginIpLimiter = () => named("login-ip", config().LOGIN_IP_MAX_FAILURES, 15 * 60_000);

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
  const chain = (header(h, "x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (chain.length === 0) return header(h, "x-real-ip")?.trim() || "unknown";
  return chain[Math.max(0, chain.length - 1 - hops)];
}
