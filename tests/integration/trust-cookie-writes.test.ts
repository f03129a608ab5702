// Cookie-authenticated API writes need a same-origin request (issue 17 item 6). Before: a POST to
// /api/v1/enrollees/{id}/contributions with `Origin: http://evil.example`, `Content-Type: text/plain`
// and the session cookie stored a payment (201). Bearer-token calls are unaffected.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import { registrationInput } from "../fixtures/enrollment";
import type { Principal } from "@/lib/server/auth/authz";
import { registerEnrollee } from "@/lib/server/enrollment/enrollees";

const cookie: { claims: Record<string, unknown> | null } = ((globalThis as { __cookieWrites?: { claims: Record<string, unknown> | null } }).__cookieWrites ??= {
  claims: null,
});
vi.mock("next-auth", async (orig) => {
  const c = () => (globalThis as { __cookieWrites?: { claims: Record<string, unknown> | null } }).__cookieWrites!;
  return { ...(await orig<typeof import("next-auth")>()), getServerSession: async () => c().claims };
});
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined, delete: () => undefined }),
  headers: async () => new Headers(),
}));

let t: TestDb;
let staff: Principal;
let enrolleeId: number;
const token = crypto.randomBytes(24).toString("base64url");
beforeAll(async () => {
  t = await freshDb({ asProcessClient: true });
  staff = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  enrolleeId = (await registerEnrollee(t.prisma, staff, registrationInput({ payment: undefined, enrolledOn: "2025-03-10" }))).id;
  await t.prisma.apiToken.create({ data: { userId: staff.userId, name: "tích hợp", tokenHash: crypto.createHash("sha256").update(token).digest("hex") } });
  cookie.claims = { uid: staff.userId, sv: 0 };
});
afterAll(async () => {
  await t?.close();
});

const payment = (n: number) =>
  JSON.stringify({ method: "CASH", agentId: "OFFICE", receiptNo: `CSRF-${n}`, period: "MONTHLY", declaredIncome: 1_500_000, paidOn: "2025-06-01" });

async function post(headers: Record<string, string>, n: number): Promise<number> {
  const { POST } = await import("@/app/api/v1/enrollees/[id]/contributions/route");
  const req = new NextRequest(`http://127.0.0.1:3000/api/v1/enrollees/${enrolleeId}/contributions`, {
    method: "POST",
    headers: { host: "127.0.0.1:3000", ...headers },
    body: payment(n),
  });
  const res = await POST(req, { params: Promise.resolve({ id: String(enrolleeId) }) });
  return res.status;
}
const stored = () => t.prisma.contribution.count({ where: { enrolleeId } });

describe("a write authenticated by the session cookie", () => {
  it("from another site (Origin evil, text/plain) is refused with 403 and stores nothing", async () => {
    expect(await post({ origin: "http://evil.example", "content-type": "text/plain" }, 1)).toBe(403);
    expect(await post({ origin: "http://evil.example", "content-type": "application/json" }, 2)).toBe(403);
    expect(await post({ origin: "null", "content-type": "application/json" }, 3)).toBe(403);
    expect(await post({ "content-type": "text/plain" }, 4), "no Origin and no Sec-Fetch-Site: refused").toBe(403);
    expect(await post({ "sec-fetch-site": "cross-site", "content-type": "application/json" }, 5)).toBe(403);
    expect(await post({ origin: "http://127.0.0.1:3000", "content-type": "text/plain" }, 6), "same origin, not JSON").toBe(415);
    expect(await stored()).toBe(0);
  });

  it("from the app itself (same Origin or Sec-Fetch-Site: same-origin, JSON) goes through", async () => {
    expect(await post({ origin: "http://127.0.0.1:3000", "content-type": "application/json" }, 7)).toBe(201);
    expect(await post({ "sec-fetch-site": "same-origin", "content-type": "application/json; charset=utf-8" }, 8)).toBe(201);
    expect(await stored()).toBe(2);
  });

  it("a bearer-token call is not checked (no ambient credential)", async () => {
    cookie.claims = null;
    expect(await post({ authorization: `Bearer ${token}`, "content-type": "application/json" }, 9)).toBe(201);
    expect(await stored()).toBe(3);
  });
});
