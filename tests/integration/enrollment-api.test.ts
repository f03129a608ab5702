// The JSON API v1 of the enrollment desk, called through its route handlers with bearer tokens issued
// by lib/server/auth/api-tokens.ts (what the tokens page does): same validation, same scope, JSON errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { Prisma } from "@/generated/prisma/client";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import { registrationInput } from "../fixtures/enrollment";
import type { Principal } from "@/lib/server/auth/authz";
import { hashToken } from "@/lib/server/http/api";
import { issueApiToken, listApiTokens, revokeApiToken } from "@/lib/server/auth/api-tokens";
import * as enrollees from "@/app/api/v1/enrollees/route";
import * as enrollee from "@/app/api/v1/enrollees/[id]/route";
import * as enrolleeContributions from "@/app/api/v1/enrollees/[id]/contributions/route";
import * as contributions from "@/app/api/v1/contributions/route";
import { openApiDocument } from "@/lib/openapi";

let t: TestDb;
let hanoiAdmin: Principal, ngheanAdmin: Principal, badinh: Principal, dongda: Principal;
let badinhToken: string, dongdaToken: string;
let dongdaCommune: string;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function call(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handler: (req: NextRequest, ctx: any) => Promise<Response>,
  method: string,
  url: string,
  token: string | null,
  body?: unknown,
  params?: Record<string, string>,
) {
  const req = new NextRequest(`http://127.0.0.1${url}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return handler(req, { params: Promise.resolve(params ?? {}) }).then(async (res) => ({ status: res.status, body: (await res.json()) as Json }));
}

beforeAll(async () => {
  t = await freshDb({ asProcessClient: true }); // the route handlers use the process's client
  hanoiAdmin = await principalFor(t.prisma, "ADMIN", "01");
  ngheanAdmin = await principalFor(t.prisma, "ADMIN", "40");
  badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  dongda = await principalFor(t.prisma, "DISTRICT_STAFF", "006");
  badinhToken = (await issueApiToken(t.prisma, hanoiAdmin, { userId: badinh.userId, name: "Bưu điện Ba Đình" })).token;
  dongdaToken = (await issueApiToken(t.prisma, hanoiAdmin, { userId: dongda.userId, name: "Bưu điện Đống Đa" })).token;
  dongdaCommune = (await t.prisma.unit.findFirstOrThrow({ where: { areaCode: "006", level: "COMMUNE" }, orderBy: { code: "asc" } })).code;
});
afterAll(async () => {
  await t.close();
});

describe("API tokens", () => {
  it("are stored hashed, shown once, and only for users inside the issuer's scope", async () => {
    const rows = await t.prisma.$queryRaw<{ tokenHash: string }[]>`SELECT "tokenHash" FROM "ApiToken" WHERE "userId" = ${badinh.userId}`;
    expect(rows).toEqual([{ tokenHash: hashToken(badinhToken) }]);
    expect(badinhToken).toMatch(/^bhxh_[A-Za-z0-9_-]{43}$/);
    const audit = await t.prisma.$queryRaw<{ after: string }[]>`SELECT after::text AS after FROM "AuditLog" WHERE action = 'apiToken.create'`;
    expect(audit.map((a) => a.after).join()).not.toContain(badinhToken);
    // Nghệ An's admin may not issue a token for a Hà Nội user, nor see or revoke Hà Nội's tokens
    await expect(issueApiToken(t.prisma, ngheanAdmin, { userId: badinh.userId, name: "x y" })).rejects.toMatchObject({ issues: [{ path: ["userId"] }] });
    expect(await listApiTokens(t.prisma, ngheanAdmin)).toEqual([]);
    const mine = await listApiTokens(t.prisma, hanoiAdmin);
    expect(mine.map((x) => x.userLogin).sort()).toEqual([badinh.login, dongda.login].sort());
    await expect(revokeApiToken(t.prisma, ngheanAdmin, mine[0].id)).rejects.toMatchObject({ status: 404 });
    // district staff have no token.manage
    await expect(issueApiToken(t.prisma, badinh, { userId: badinh.userId, name: "self" })).rejects.toMatchObject({ status: 403 });
  });

  it("a revoked or unknown token is 401", async () => {
    const { id, token } = await issueApiToken(t.prisma, hanoiAdmin, { userId: badinh.userId, name: "tạm" });
    expect((await call(enrollees.GET, "GET", "/api/v1/enrollees", token)).status).toBe(200);
    await revokeApiToken(t.prisma, hanoiAdmin, id);
    const r = await call(enrollees.GET, "GET", "/api/v1/enrollees", token);
    expect(r).toEqual({ status: 401, body: { error: { code: "unauthenticated", message: expect.any(String) } } });
    expect((await call(enrollees.GET, "GET", "/api/v1/enrollees", "bhxh_nonsense")).status).toBe(401);
    // Without a bearer token the handler falls back to next-auth's getServerSession, which needs a real
    // request scope (cookies()); outside Next it cannot run, so the session path is covered by the E2E test.
  });
});

describe("enrollees over the API", () => {
  let createdId: number;

  it("POST creates with the first payment and answers 201 with the amounts", async () => {
    const input = registrationInput({ fullName: "Hoàng Văn Api" });
    const r = await call(enrollees.POST, "POST", "/api/v1/enrollees", badinhToken, input);
    expect(r.status).toBe(201);
    expect(r.body.enrollee).toMatchObject({ personalId: input.personalId, status: "LAPSED", coverageEnd: "2026-02-28" });
    expect(r.body.payment).toMatchObject({ gross: 3_960_000, centralSubsidy: 396_000, provincialTopUp: 396_000, net: 3_168_000 });
    createdId = r.body.enrollee.id;
    const [row] = await t.prisma.$queryRaw<{ recordedById: number }[]>`SELECT "recordedById" FROM "Contribution" WHERE "enrolleeId" = ${createdId}`;
    expect(row.recordedById).toBe(badinh.userId);
  });

  it("invalid input is 400 with every field path; a taken CCCD is 409; bad JSON is 400", async () => {
    const bad = await call(enrollees.POST, "POST", "/api/v1/enrollees", badinhToken, {
      ...registrationInput(),
      personalId: "0011850123",
      declaredIncome: 1_000_000,
      payment: { method: "CHEQUE", receiptNo: "" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid");
    expect(bad.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: "personalId", message: "Số CCCD phải có đúng 12 chữ số (đã nhập 10)" },
        { path: "declaredIncome", message: "Mức thu nhập phải từ 1.500.000 ₫ đến 46.800.000 ₫" },
        { path: "payment.method", message: "Chọn hình thức nộp tiền" },
        { path: "payment.receiptNo", message: "Nhập số biên lai (tối đa 30 ký tự: chữ, số, / . -)" },
      ]),
    );
    const existing = await t.prisma.enrollee.findUniqueOrThrow({ where: { id: createdId } });
    const dup = await call(enrollees.POST, "POST", "/api/v1/enrollees", badinhToken, { ...registrationInput(), personalId: existing.personalId });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields[0]).toMatchObject({ path: "personalId" });
    const notJson = await call(enrollees.POST, "POST", "/api/v1/enrollees", badinhToken, "{nope");
    expect(notJson.status).toBe(400);
  });

  it("GET lists with the same filters, scoped", async () => {
    const r = await call(enrollees.GET, "GET", "/api/v1/enrollees?q=hoang%20van%20api", badinhToken);
    expect(r.status).toBe(200);
    expect(r.body.rows.map((x: Json) => x.id)).toEqual([createdId]);
    expect((await call(enrollees.GET, "GET", "/api/v1/enrollees?q=hoang%20van%20api", dongdaToken)).body.total).toBe(0);
    const badFilter = await call(enrollees.GET, "GET", "/api/v1/enrollees?status=SLEEPING", badinhToken);
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.error.fields[0].path).toBe("status");
  });

  it("GET/PATCH one and POST a contribution; another area's token gets 404 for all of them", async () => {
    const params = { id: String(createdId) };
    const one = await call(enrollee.GET, "GET", `/api/v1/enrollees/${createdId}`, badinhToken, undefined, params);
    expect(one.status).toBe(200);
    expect(one.body.enrollee.contributions).toHaveLength(1);
    const e = one.body.enrollee;
    const patchBody = { ...e, phone: "0900000001", version: e.version };

    expect((await call(enrollee.GET, "GET", `/api/v1/enrollees/${createdId}`, dongdaToken, undefined, params)).status).toBe(404);
    expect((await call(enrollee.PATCH, "PATCH", `/api/v1/enrollees/${createdId}`, dongdaToken, patchBody, params)).status).toBe(404);
    const pay: Record<string, unknown> = { method: "CASH", receiptNo: "API-1", period: "ANNUAL", declaredIncome: 1_500_000 };
    expect((await call(enrolleeContributions.POST, "POST", `/api/v1/enrollees/${createdId}/contributions`, dongdaToken, pay, params)).status).toBe(404);
    expect((await call(contributions.POST, "POST", "/api/v1/contributions", dongdaToken, { ...pay, personalId: e.personalId })).status).toBe(404);
    expect(await t.prisma.contribution.count({ where: { enrolleeId: createdId } })).toBe(1);
    expect((await call(enrollee.GET, "GET", "/api/v1/enrollees/abc", badinhToken, undefined, { id: "abc" })).status).toBe(404);

    const patched = await call(enrollee.PATCH, "PATCH", `/api/v1/enrollees/${createdId}`, badinhToken, patchBody, params);
    expect(patched.status).toBe(200);
    expect(patched.body.enrollee.phone).toBe("0900000001");
    const stale = await call(enrollee.PATCH, "PATCH", `/api/v1/enrollees/${createdId}`, badinhToken, patchBody, params);
    expect(stale.status).toBe(409);

    // a payment names who collected it: without an agent of its own or given, nor "OFFICE", it is refused (issue 15)
    const nobody = await call(enrolleeContributions.POST, "POST", `/api/v1/enrollees/${createdId}/contributions`, badinhToken, pay, params);
    expect(nobody.status).toBe(400);
    expect(nobody.body.error.fields).toEqual([{ path: "agentId", message: "Chọn đại lý thu đã thu khoản này, hoặc chọn “Nộp tại cơ quan BHXH”" }]);
    pay.agentId = "OFFICE";
    const paid = await call(enrolleeContributions.POST, "POST", `/api/v1/enrollees/${createdId}/contributions`, badinhToken, pay, params);
    expect(paid.status).toBe(201);
    expect(paid.body.contribution).toMatchObject({ months: 12, gross: 3_960_000, centralSubsidy: 792_000, provincialTopUp: 396_000, net: 2_772_000 });
    const again = await call(enrolleeContributions.POST, "POST", `/api/v1/enrollees/${createdId}/contributions`, badinhToken, pay, params);
    expect(again.status).toBe(409);
    expect(again.body.error.fields).toEqual([{ path: "receiptNo", message: "Số biên lai API-1 đã được dùng cho đại lý này" }]);
    const byCccd = await call(contributions.POST, "POST", "/api/v1/contributions", badinhToken, {
      ...pay,
      receiptNo: "API-2",
      period: "MONTHLY",
      personalId: e.personalId,
    });
    expect(byCccd.status).toBe(201);
    expect(byCccd.body.contribution.periodStart).toBe(nextDay(paid.body.contribution.periodEnd));
    expect(await t.prisma.contribution.count({ where: { enrolleeId: createdId } })).toBe(3);
  });

  it("a Đống Đa token cannot create an enrollee in a Ba Đình commune", async () => {
    const r = await call(enrollees.POST, "POST", "/api/v1/enrollees", dongdaToken, registrationInput({ communeCode: "00004" }));
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual([{ path: "communeCode", message: "Xã/phường không thuộc khu vực bạn quản lý" }]);
    const ok = await call(enrollees.POST, "POST", "/api/v1/enrollees", dongdaToken, registrationInput({ communeCode: dongdaCommune }));
    expect(ok.status).toBe(201);
    expect(await count(Prisma.sql`SELECT count(*) AS n FROM "Enrollee" WHERE "areaCode" = '006'`)).toBe(1);
  });

  it("is documented in the OpenAPI document", () => {
    const doc = openApiDocument();
    for (const path of ["/enrollees", "/enrollees/{id}", "/enrollees/{id}/contributions", "/contributions"]) expect(doc.paths).toHaveProperty([path]);
    expect(Object.keys(doc.paths["/enrollees"])).toEqual(["get", "post"]);
  });
});

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
const count = async (sql: Prisma.Sql) => Number((await t.prisma.$queryRaw<{ n: bigint }[]>(sql))[0].n);
