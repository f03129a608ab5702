// Sessions that end (issue 17 item 3). Before: a replayed session cookie still read /api/v1/me and pages
// after sign-out, after a password reset, and after deactivation + reactivation. Now the cookie carries
// the user's session version (jwt callback), every request compares it (lib/server/auth/session.ts, the
// one place that builds the principal for pages, actions and the API) and sign-out, password reset,
// deactivation and role or unit change bump it (sign-out: next-auth's signOut event; the others: a
// trigger on "User"). Bearer tokens carry no version and are unaffected by signing out.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import type { Principal } from "@/lib/server/auth/authz";

// the cookie's claims, as next-auth's getServerSession decodes them (outside Next there is no cookie store)
const cookie: { claims: Record<string, unknown> | null } = ((globalThis as { __trustCookie?: { claims: Record<string, unknown> | null } }).__trustCookie ??= {
  claims: null,
});
vi.mock("next-auth", async (orig) => {
  const c = () => (globalThis as { __trustCookie?: { claims: Record<string, unknown> | null } }).__trustCookie!;
  return { ...(await orig<typeof import("next-auth")>()), getServerSession: async () => c().claims };
});
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined, delete: () => undefined }),
  headers: async () => new Headers(),
}));

let t: TestDb;
let admin: Principal;
beforeAll(async () => {
  t = await freshDb({ asProcessClient: true });
  admin = await principalFor(t.prisma, "ADMIN", "01");
});
afterAll(async () => {
  await t?.close();
});

type Authorize = (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string; name: string } | null>;
async function auth() {
  const { authOptions } = await import("@/lib/server/auth/session");
  return authOptions;
}

/** Signs in through the credentials provider and next-auth's callbacks: the claims the cookie would hold. */
async function signIn(login: string, password: string): Promise<Record<string, unknown>> {
  const o = await auth();
  const authorize = (o.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
  const user = await authorize({ login, password }, { headers: { "x-forwarded-for": "198.51.100.20" } });
  const token = await o.callbacks!.jwt!({ token: {}, user: user as never, account: null, trigger: "signIn" } as never);
  const session = await o.callbacks!.session!({ session: { expires: "" }, token, user: undefined as never, newSession: undefined, trigger: "update" } as never);
  return { ...(session as object), token } as Record<string, unknown>;
}

async function me(claims: Record<string, unknown> | null, bearer?: string): Promise<number> {
  cookie.claims = claims;
  const { GET } = await import("@/app/api/v1/me/route");
  const req = new NextRequest("http://127.0.0.1/api/v1/me", { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  return (await GET(req, {} as never)).status;
}

async function page(claims: Record<string, unknown> | null): Promise<string> {
  cookie.claims = claims;
  const { requirePagePrincipal } = await import("@/lib/server/http/page");
  try {
    const p = await requirePagePrincipal();
    return `ok ${p.login}`;
  } catch (e) {
    const digest = (e as { digest?: string }).digest ?? String(e);
    return digest.startsWith("NEXT_REDIRECT") ? `redirect ${digest.split(";")[2]}` : digest;
  }
}

async function newUser(login: string, password: string) {
  const { hashPassword } = await import("@/lib/server/auth/passwords");
  return t.prisma.user.create({ data: { login, name: login, passwordHash: await hashPassword(password), role: "DISTRICT_STAFF", unitCode: "001" } });
}

describe("a session ends everywhere at once", () => {
  it("sign-out: the replayed cookie is refused by the API (401) and pages (to sign-in); a bearer token still works", async () => {
    const u = await newUser("phien.dang.xuat", "Dung@2026x");
    const token = crypto.randomBytes(24).toString("base64url");
    await t.prisma.apiToken.create({ data: { userId: u.id, name: "tích hợp", tokenHash: crypto.createHash("sha256").update(token).digest("hex") } });
    const claims = await signIn("phien.dang.xuat", "Dung@2026x");
    const other = await signIn("phien.dang.xuat", "Dung@2026x"); // a second device
    expect(await me(claims)).toBe(200);
    expect(await page(claims)).toBe("ok phien.dang.xuat");

    const o = await auth();
    await o.events!.signOut!({ token: claims.token as never, session: undefined as never });
    expect(await me(claims)).toBe(401);
    expect(await me(other), "every device's session ends").toBe(401);
    expect(await page(claims)).toBe("redirect /login");
    expect(await me(null, token), "the API token is not a session").toBe(200);
    // signing in again gives a working session
    expect(await me(await signIn("phien.dang.xuat", "Dung@2026x"))).toBe(200);
  });

  it("a password reset by an admin ends the user's sessions", async () => {
    const u = await newUser("phien.doi.mk", "Dung@2026x");
    const claims = await signIn("phien.doi.mk", "Dung@2026x");
    expect(await me(claims)).toBe(200);
    const { resetPassword } = await import("@/lib/server/auth/users");
    await resetPassword(t.prisma, admin, { id: u.id, passwordMode: "generate" });
    expect(await me(claims)).toBe(401);
    expect(await page(claims)).toBe("redirect /login");
  });

  it("deactivation ends them, and reactivation does not bring the old cookie back", async () => {
    const u = await newUser("phien.khoa", "Dung@2026x");
    const claims = await signIn("phien.khoa", "Dung@2026x");
    expect(await me(claims)).toBe(200);
    const { setUserActive } = await import("@/lib/server/auth/users");
    await setUserActive(t.prisma, admin, { id: u.id, active: false });
    expect(await me(claims)).toBe(401);
    await setUserActive(t.prisma, admin, { id: u.id, active: true });
    expect(await me(claims)).toBe(401);
    expect(await me(await signIn("phien.khoa", "Dung@2026x"))).toBe(200);
  });

  it("a role or unit change ends them (whatever changes the row: a trigger bumps the version)", async () => {
    const u = await newUser("phien.vai.tro", "Dung@2026x");
    let claims = await signIn("phien.vai.tro", "Dung@2026x");
    await t.prisma.user.update({ where: { id: u.id }, data: { role: "PROVINCE_OFFICER", unitCode: "01" } });
    expect(await me(claims)).toBe(401);
    claims = await signIn("phien.vai.tro", "Dung@2026x");
    expect(await me(claims)).toBe(200);
    await t.prisma.$executeRaw`UPDATE "User" SET "unitCode" = '79' WHERE id = ${u.id}`;
    expect(await me(claims)).toBe(401);
    // other changes (the name, the last sign-in) leave sessions alone
    claims = await signIn("phien.vai.tro", "Dung@2026x");
    await t.prisma.user.update({ where: { id: u.id }, data: { name: "Tên mới", lastLoginAt: new Date() } });
    expect(await me(claims)).toBe(200);
  });
});
