// An HTTP client for the benchmark and the load test: signs in through next-auth's credentials
// endpoint like the login form does (CSRF token, then the callback) and keeps the session cookie.
// Loopback only: these scripts measure this machine, never someone else's server.
import { performance } from "node:perf_hooks";

export function assertLoopback(base: string): URL {
  const u = new URL(base);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(u.hostname)) throw new Error(`refusing to run against ${u.host}: loopback only (127.0.0.1)`);
  return u;
}

export type Timed = { status: number; ms: number; text: string };

export class Session {
  private cookies = new Map<string, string>();

  constructor(
    readonly base: string,
    readonly login: string,
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const kv = c.split(";")[0];
      const i = kv.indexOf("=");
      if (i > 0) this.cookies.set(kv.slice(0, i).trim(), kv.slice(i + 1));
    }
  }

  /** Sign in as the login form does; throws with the server's answer when refused. */
  async signIn(password: string): Promise<this> {
    const csrf = await fetch(`${this.base}/api/auth/csrf`);
    this.keep(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await fetch(`${this.base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: this.cookieHeader() },
      body: new URLSearchParams({ csrfToken, login: this.login, password, json: "true", callbackUrl: this.base }),
    });
    this.keep(res);
    if (![...this.cookies.keys()].some((k) => k.endsWith("next-auth.session-token"))) {
      throw new Error(`sign-in as ${this.login} refused (${res.status}): ${(await res.text()).slice(0, 200)}`);
    }
    return this;
  }

  /** One request, timed from sending to the last byte of the body (loopback wall time). */
  async request(method: string, path: string, body?: string, contentType = "application/json"): Promise<Timed> {
    const headers: Record<string, string> = { cookie: this.cookieHeader() };
    if (body !== undefined) headers["content-type"] = contentType;
    // a cookie-authenticated write must come from the app's own origin (lib/server/http/same-origin.ts)
    if (method !== "GET") headers.origin = new URL(this.base).origin;
    const t = performance.now();
    const res = await fetch(`${this.base}${path}`, { method, headers, body, redirect: "manual" });
    const text = await res.text();
    return { status: res.status, ms: performance.now() - t, text };
  }

  get(path: string) {
    return this.request("GET", path);
  }

  /** Any request with this session's cookie (and, for a write, the app's Origin), e.g. a multipart upload;
   *  `base` sends it to another instance of the same app (same secret: the cookie is valid there too). */
  async send(path: string, init: RequestInit = {}, base = this.base): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("cookie", this.cookieHeader());
    if ((init.method ?? "GET") !== "GET") headers.set("origin", new URL(base).origin);
    return fetch(`${base}${path}`, { ...init, headers, redirect: "manual" });
  }

  postJson(path: string, data: unknown) {
    return this.request("POST", path, JSON.stringify(data));
  }
}
