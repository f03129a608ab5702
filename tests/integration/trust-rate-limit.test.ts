// apiRoute's rate limits, through the real wrapper and a real API token: a caller over its limit
// gets 429 in the API's error format with Retry-After; failed authentications are limited per IP.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import type { Principal } from "@/lib/server/auth/authz";

let t: TestDb;
let p: Principal;
const token = crypto.randomBytes(24).toString("base64url");
const saved = { api: process.env.API_RATE_LIMIT_PER_MINUTE, auth: process.env.API_AUTH_FAILURES_PER_MINUTE, login: process.env.LOGIN_IP_MAX_FAILURES };

beforeAll(async () => {
  t = await freshDb();
  // lib/server/db/index.ts keeps the process's client on globalThis: the wrapper uses this test database
  (globalThis as unknown as { prisma?: unknown }).prisma = t.prisma;
  p = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
  await t.prisma.apiToken.create({ data: { userId: p.userId, name: "test", tokenHash: crypto.createHash("sha256").update(token).digest("hex") } });
  process.env.API_RATE_LIMIT_PER_MINUTE = "3";
  process.env.API_AUTH_FAILURES_PER_MINUTE = "2";
  process.env.LOGIN_IP_MAX_FAILURES = "3";
});
afterAll(async () => {
  process.env.API_RATE_LIMIT_PER_MINUTE = saved.api;
  process.env.API_AUTH_FAILURES_PER_MINUTE = saved.auth;
  process.env.LOGIN_IP_MAX_FAILURES = saved.login;
  delete (globalThis as unknown as { prisma?: unknown }).prisma;
  await t?.close();
});

const request = (auth: string, ip: string) =>
  new NextRequest("http://127.0.0.1/api/v1/test", { headers: { authorization: `Bearer ${auth}`, "x-forwarded-for": ip } });

describe("apiRoute rate limits", () => {
  it("lets a token make its quota of requests per minute, then answers 429 with Retry-After", async () => {
    const { apiRoute } = await import("@/lib/server/http/api");
    let calls = 0;
    const handler = apiRoute(async (_req, caller) => {
      calls++;
      return Response.json({ login: caller.login });
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await handler(request(token, "10.0.0.1"), {})).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(calls).toBe(3); // the refused request never reached the handler
    const res = await handler(request(token, "10.0.0.2"), {}); // another IP, same token: same quota
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(await res.json()).toMatchObject({ error: { code: "rate_limited" } });
  });

  it("limits failed authentications per IP, without affecting other addresses", async () => {
    const { apiRoute } = await import("@/lib/server/http/api");
    const handler = apiRoute(async () => Response.json({ ok: true }));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await handler(request(`wrong-${i}`, "192.0.2.9"), {})).status);
    expect(statuses).toEqual([401, 401, 429, 429]);
    expect((await handler(request("wrong", "192.0.2.10"), {})).status).toBe(401);
  });
});

describe("sign-in (the credentials provider's authorize)", () => {
  type Authorize = (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
  const authorize = async (): Promise<Authorize> => {
    const { authOptions } = await import("@/lib/server/auth/session");
    return (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
  };

  it("audits each failure and each success, and stops an IP after too many failures across logins", async () => {
    const { hashPassword } = await import("@/lib/server/auth/passwords");
    const u = await t.prisma.user.create({
      data: { login: "thu.ip", name: "Thử IP", passwordHash: await hashPassword("Dung@2026"), role: "ADMIN", unitCode: "01" },
    });
    const signIn = await authorize();
    const from = (ip: string) => ({ headers: { "x-forwarded-for": ip } });
    // three wrong passwords from one address, on three different logins (no login reaches its own lock)
    for (const login of ["thu.ip", "khong.co.1", "khong.co.2"]) {
      await expect(signIn({ login, password: "sai" }, from("203.0.113.5"))).rejects.toThrow(/^INVALID_CREDENTIALS$/);
    }
    // that address is now refused, even with the right password, before any password is checked
    await expect(signIn({ login: "thu.ip", password: "Dung@2026" }, from("203.0.113.5"))).rejects.toThrow(/^LOCKED:/);
    // another address signs in
    expect(await signIn({ login: "thu.ip", password: "Dung@2026" }, from("203.0.113.6"))).toMatchObject({ id: String(u.id) });
    const audit = await t.prisma.$queryRaw<{ action: string; userLogin: string | null; entityId: string | null; login: string | null }[]>`
      SELECT action, "userLogin", "entityId", "after"->>'login' AS login FROM "AuditLog" WHERE action LIKE 'auth.%' ORDER BY id`;
    expect(audit).toEqual([
      { action: "auth.login_failed", userLogin: null, entityId: String(u.id), login: "thu.ip" },
      { action: "auth.login_failed", userLogin: null, entityId: null, login: "khong.co.1" },
      { action: "auth.login_failed", userLogin: null, entityId: null, login: "khong.co.2" },
      { action: "auth.login", userLogin: "thu.ip", entityId: String(u.id), login: null },
    ]);
  });
});
