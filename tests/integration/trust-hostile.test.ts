// Hostile input, through the same doors a browser or an integration uses: the forms' server actions
// (with a mocked session), the JSON API's route handlers (bearer tokens) and the import (CSV, XLSX,
// raw and multipart uploads). Each case must give a clear Vietnamese error (a field path for the API)
// and leave every table exactly as it was (a checksum of all rows, before and after).
// Then: what is accepted is stored as text and rendered inert, and every export neutralises formulas.
import type { AuditAction } from "@/lib/domain/audit-actions"; // test kinds outside the list, written directly
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { freshDb, type TestDb } from "./db";
import { createAgent, principalFor } from "../fixtures/factories";
import { registrationInput } from "../fixtures/enrollment";
import { agentInput } from "../fixtures/agents";
import { csvOf, H, person, xlsxOf } from "../fixtures/import";
import { putTarget } from "../fixtures/targets";
import {
  BAD_AMOUNTS,
  BAD_DATES,
  CONTROL_NAMES,
  FORMULAS,
  SCRIPT_NAME,
  SQL_NAME,
  WRONG_TYPES,
  dbChecksum,
  hugeStream,
  wrongEncodings,
  zipBombXlsx,
} from "../fixtures/hostile";
import type { Principal } from "@/lib/server/auth/authz";

// the server actions read the session through next-auth and the language through cookies()
const session = vi.hoisted(() => ({ uid: null as number | null }));
vi.mock("next-auth", async (orig) => ({
  ...(await orig<typeof import("next-auth")>()),
  getServerSession: async () => (session.uid ? { uid: session.uid } : null),
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined }),
  headers: async () => new Headers(),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Handler = (req: NextRequest, ctx: any) => Promise<Response>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestDb;
let staff: Principal, admin: Principal, national: Principal;
let staffToken: string, adminToken: string, nationalToken: string;
let enrolleeId: number, enrolleeVersion: number, personalId: string, agentId: number;
let dir: string;
const VI = /[\u00c0-\u1ef9]/; // a message in Vietnamese (letters with diacritics)

const as = (p: Principal) => {
  session.uid = p.userId;
};
/** Every table except ApiToken, whose lastUsedAt each API call updates, and RateLimitWindow, where each API
 *  call is counted (ADR 1801). */
const snapshot = () => dbChecksum(t.prisma, ["ApiToken", "RateLimitWindow"]);
const form = (values: Record<string, unknown>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) {
    if (Array.isArray(v)) for (const x of v) fd.append(k, String(x));
    else if (v !== undefined) fd.append(k, String(v));
  }
  return fd;
};

async function call(
  handler: Handler,
  method: string,
  url: string,
  token: string,
  body?: unknown,
  params: Record<string, string> = {},
): Promise<{ status: number; body: Json }> {
  const req = new NextRequest(`http://127.0.0.1${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const res = await handler(req, { params: Promise.resolve(params) });
  return { status: res.status, body: (await res.json()) as Json };
}

async function upload(handler: Handler, url: string, token: string, file: { name: string; data: Uint8Array }): Promise<{ status: number; text: string }> {
  const fd = new FormData();
  fd.append("file", new Blob([file.data as BlobPart]), file.name);
  const res = await handler(new NextRequest(`http://127.0.0.1${url}`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: fd }), {
    params: Promise.resolve({}),
  });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-"));
  t = await freshDb({ asProcessClient: true });
  staff = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  admin = await principalFor(t.prisma, "ADMIN", "01");
  national = await principalFor(t.prisma, "ADMIN", "VN");
  const { issueApiToken } = await import("@/lib/server/auth/api-tokens");
  staffToken = (await issueApiToken(t.prisma, admin, { userId: staff.userId, name: "Thử nghiệm" })).token;
  adminToken = (await issueApiToken(t.prisma, admin, { userId: admin.userId, name: "Thử nghiệm" })).token;
  nationalToken = (await issueApiToken(t.prisma, national, { userId: national.userId, name: "Thử nghiệm" })).token;
  agentId = (await createAgent(t.prisma, "00004")).id;
  const { registerEnrollee } = await import("@/lib/server/enrollment/enrollees");
  const reg = registrationInput({ agentId });
  enrolleeId = (await registerEnrollee(t.prisma, staff, reg)).id;
  const e = await t.prisma.enrollee.findUniqueOrThrow({ where: { id: enrolleeId } });
  enrolleeVersion = e.version;
  personalId = e.personalId;
  await putTarget(t.prisma, 2031, { unitCode: "001" }, 100);
});
afterAll(async () => {
  session.uid = null;
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The registration cases: input overrides → the field that must be named. */
function registrationCases(): { name: string; input: Record<string, unknown>; field: string }[] {
  const cases: { name: string; input: Record<string, unknown>; field: string }[] = [];
  const base = () => registrationInput({ agentId });
  const drop = (k: string) => {
    const v: Record<string, unknown> = base();
    delete v[k];
    return v;
  };
  for (const k of ["personalId", "fullName", "dateOfBirth", "sex", "communeCode", "occupation", "subsidyGroup", "declaredIncome", "paymentPeriod"])
    cases.push({ name: `missing ${k}`, input: drop(k), field: k });
  WRONG_TYPES.forEach((v, i) => cases.push({ name: `fullName wrong type ${i}`, input: { ...base(), fullName: v }, field: "fullName" }));
  cases.push({ name: "sex as array", input: { ...base(), sex: ["MALE"] }, field: "sex" });
  cases.push({ name: "communeCode as object", input: { ...base(), communeCode: { $ne: "" } }, field: "communeCode" });
  cases.push({ name: "payment as string", input: { ...base(), payment: "cash" }, field: "payment" });
  cases.push({ name: "overlong name", input: { ...base(), fullName: `Nguyễn ${"Văn ".repeat(30)}An` }, field: "fullName" });
  cases.push({ name: "overlong address", input: { ...base(), address: "Số nhà ".repeat(60) }, field: "address" });
  cases.push({
    name: "overlong receipt",
    input: { ...base(), payment: { method: "CASH", receiptNo: "B".repeat(31), paidOn: "2025-03-10" } },
    field: "payment.receiptNo",
  });
  cases.push({
    name: "SQL in receipt",
    input: { ...base(), payment: { method: "CASH", receiptNo: '1\'; DROP TABLE "Contribution"; --', paidOn: "2025-03-10" } },
    field: "payment.receiptNo",
  });
  cases.push({ name: "SQL in commune", input: { ...base(), communeCode: "00004' OR '1'='1" }, field: "communeCode" });
  for (const [k, v] of Object.entries(CONTROL_NAMES))
    cases.push({ name: `control chars in name (${k})`, input: { ...base(), fullName: v }, field: "fullName" });
  cases.push({ name: "NUL in address", input: { ...base(), address: "12 phố\u0000 Đội Cấn" }, field: "address" });
  BAD_AMOUNTS.forEach((v, i) => cases.push({ name: `declaredIncome ${String(v)} (${i})`, input: { ...base(), declaredIncome: v }, field: "declaredIncome" }));
  BAD_DATES.forEach((v, i) => cases.push({ name: `dateOfBirth ${String(v)} (${i})`, input: { ...base(), dateOfBirth: v }, field: "dateOfBirth" }));
  cases.push({ name: "enrolled in the future", input: { ...base(), enrolledOn: "2099-01-01" }, field: "enrolledOn" });
  cases.push({
    name: "paid in the future",
    input: { ...base(), payment: { method: "CASH", receiptNo: "BL-FUT", paidOn: "2099-01-01" } },
    field: "payment.paidOn",
  });
  cases.push({ name: "paid on 31/02", input: { ...base(), payment: { method: "CASH", receiptNo: "BL-312", paidOn: "2025-02-31" } }, field: "payment.paidOn" });
  cases.push({ name: "months fractional", input: { ...base(), paymentPeriod: "ADVANCE", months: 1.5 }, field: "months" });
  cases.push({ name: "months huge", input: { ...base(), paymentPeriod: "ADVANCE", months: 1e9 }, field: "months" });
  cases.push({ name: "agent of another type", input: { ...base(), agentId: "1 OR 1=1" }, field: "agentId" });
  return cases;
}

/** Later payments (renewals): input overrides → field. */
function paymentCases(): { name: string; input: Record<string, unknown>; field: string }[] {
  const base = () => ({
    method: "CASH",
    receiptNo: `R-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
    period: "ANNUAL",
    declaredIncome: 1_500_000,
    paidOn: "2025-06-01",
  });
  const cases = [
    ...BAD_AMOUNTS.map((v, i) => ({ name: `amount ${String(v)} (${i})`, input: { ...base(), declaredIncome: v }, field: "declaredIncome" })),
    ...BAD_DATES.map((v, i) => ({ name: `paidOn ${String(v)} (${i})`, input: { ...base(), paidOn: v }, field: "paidOn" })),
    { name: "missing method", input: { ...base(), method: undefined }, field: "method" },
    { name: "method as number", input: { ...base(), method: 1 }, field: "method" },
    { name: "unknown period", input: { ...base(), period: "FOREVER" }, field: "period" },
    { name: "months negative", input: { ...base(), period: "ADVANCE", months: -12 }, field: "months" },
    { name: "months NaN", input: { ...base(), period: "ADVANCE", months: Number.NaN }, field: "months" },
    { name: "receipt with SQL", input: { ...base(), receiptNo: 'X\'; DELETE FROM "Contribution"; --' }, field: "receiptNo" },
    { name: "receipt with control chars", input: { ...base(), receiptNo: "R\u0000-1" }, field: "receiptNo" },
    { name: "receipt overlong", input: { ...base(), receiptNo: "R".repeat(5000) }, field: "receiptNo" },
  ];
  return cases;
}

function targetCases(): { name: string; input: Record<string, unknown>; field: string }[] {
  const base = { year: 2031, unitCode: "001", participants: 120, version: 1 };
  return [
    ...[-5, 1.5, "NaN", "Infinity", 1e12, "1e3", "", "một trăm", null, true].map((v, i) => ({
      name: `participants ${String(v)} (${i})`,
      input: { ...base, participants: v },
      field: "participants",
    })),
    { name: "year with SQL", input: { ...base, year: '2031; DROP TABLE "Target"' }, field: "year" },
    { name: "year far away", input: { ...base, year: 99999 }, field: "year" },
    { name: "version not a number", input: { ...base, version: "abc" }, field: "version" },
    { name: "missing participants", input: { year: 2031, unitCode: "001", version: 1 }, field: "participants" },
  ];
}

describe("forms' server actions", () => {
  it("registration: every hostile input gets its field's Vietnamese message and changes nothing", async () => {
    const { registerAction } = await import("@/app/(app)/enrollees/actions");
    as(staff);
    const before = await snapshot();
    for (const c of registrationCases()) {
      const state = await registerAction({ ok: false } as never, c.input);
      const errs = (state as { fieldErrors?: Record<string, string[] | string> }).fieldErrors ?? {};
      expect(state.ok, c.name).toBe(false);
      expect(Object.keys(errs), c.name).toContain(c.field);
      expect(String(errs[c.field]), c.name).toMatch(VI);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("payment: negative, huge, NaN, fractional amounts, impossible and future dates are refused", async () => {
    const { recordPaymentAction } = await import("@/app/(app)/enrollees/actions");
    as(staff);
    const before = await snapshot();
    for (const c of paymentCases()) {
      const state = await recordPaymentAction(enrolleeId, { ok: false } as never, c.input);
      const errs = (state as { fieldErrors?: Record<string, unknown> }).fieldErrors ?? {};
      expect(Object.keys(errs), c.name).toContain(c.field);
      expect(String(errs[c.field]), c.name).toMatch(VI);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("enrollee edit: the same corpus plus a missing or forged version", async () => {
    const { updateEnrolleeAction } = await import("@/app/(app)/enrollees/actions");
    as(staff);
    const before = await snapshot();
    const current = { ...registrationInput(), personalId, version: enrolleeVersion };
    delete (current as Record<string, unknown>).payment;
    const cases = [
      ...registrationCases()
        .filter((c) => !c.field.startsWith("payment") && c.field !== "personalId")
        .map((c) => ({ ...c, input: { ...c.input, personalId, version: enrolleeVersion, payment: undefined } })),
      { name: "no version", input: { ...current, version: undefined }, field: "version" },
      { name: "version as SQL", input: { ...current, version: "1 OR 1=1" }, field: "version" },
    ];
    for (const c of cases) {
      const state = await updateEnrolleeAction(enrolleeId, { ok: false } as never, c.input);
      const errs = (state as { fieldErrors?: Record<string, unknown> }).fieldErrors ?? {};
      expect(Object.keys(errs), c.name).toContain(c.field);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("target edit: non-numbers, negatives, fractions, huge values", async () => {
    const { setTargetAction } = await import("@/app/(app)/targets/actions");
    as(admin);
    const before = await snapshot();
    for (const c of targetCases()) {
      const state = await setTargetAction({ ok: false }, form(c.input));
      expect(state.ok, c.name).toBe(false);
      expect(Object.keys(state.fieldErrors ?? {}), c.name).toContain(c.field);
      expect(state.fieldErrors?.[c.field], c.name).toMatch(VI);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("agent create: control characters, overlong text, SQL in the code, impossible dates, communes outside the scope", async () => {
    const { createAgentAction } = await import("@/app/(app)/agents/actions");
    as(admin);
    const before = await snapshot();
    const cases: { name: string; input: Record<string, unknown>; field: string }[] = [
      ...Object.entries(CONTROL_NAMES).map(([k, v]) => ({ name: `name ${k}`, input: agentInput({ name: v }), field: "name" })),
      { name: "name overlong", input: agentInput({ name: "Hội ".repeat(80) }), field: "name" },
      { name: "address NUL", input: agentInput({ address: "Số 1\u0000" }), field: "address" },
      { name: "code SQL", input: agentInput({ code: 'A\'; DROP TABLE "CollectionAgent"; --' }), field: "code" },
      { name: "code % and _", input: agentInput({ code: "%_%" }), field: "code" },
      { name: "contract 31/02", input: agentInput({ contractStart: "2025-02-31" }), field: "contractStart" },
      { name: "contract as text", input: agentInput({ contractStart: "hôm nay" }), field: "contractStart" },
      { name: "kind unknown", input: agentInput({ kind: "MAFIA" }), field: "kind" },
      { name: "no communes", input: agentInput({ communeCodes: [] }), field: "communeCodes" },
      { name: "commune SQL", input: agentInput({ communeCodes: ["00004' OR '1'='1"] }), field: "communeCodes" },
    ];
    for (const c of cases) {
      const state = await createAgentAction({ ok: false }, form(c.input));
      expect(state.ok, c.name).toBe(false);
      const keys = Object.keys(state.fieldErrors ?? {}).map((k) => k.replace(/\.\d+$/, ""));
      expect(keys, c.name).toContain(c.field);
    }
    // another province's communes: refused (not created in someone else's scope)
    const out = await createAgentAction({ ok: false }, form(agentInput({ areaCode: "412", communeCodes: ["17380"] })));
    expect(out.ok).toBe(false);
    expect(await snapshot()).toEqual(before);
  });

  it("user create: logins with SQL or uppercase tricks, unknown roles, units outside the scope, control characters", async () => {
    const { createUserAction } = await import("@/app/(app)/users/new/actions");
    as(admin);
    const before = await snapshot();
    const base = { login: "nguoi.moi", name: "Người Mới", role: "DISTRICT_STAFF", unitCode: "001", passwordMode: "generate" };
    const cases = [
      { name: "login SQL", input: { ...base, login: "admin'--" }, field: "login" },
      { name: "login %", input: { ...base, login: "%admin%" }, field: "login" },
      { name: "login overlong", input: { ...base, login: "a".repeat(200) }, field: "login" },
      { name: "login control", input: { ...base, login: "ad\u0000min" }, field: "login" },
      { name: "role unknown", input: { ...base, role: "SUPERADMIN" }, field: "role" },
      { name: "unit SQL", input: { ...base, unitCode: "01' OR '1'='1" }, field: "unitCode" },
      { name: "name NUL", input: { ...base, name: CONTROL_NAMES.nul }, field: "name" },
      { name: "name bidi", input: { ...base, name: CONTROL_NAMES.bidiOverride }, field: "name" },
      { name: "name overlong", input: { ...base, name: "Ng".repeat(300) }, field: "name" },
      { name: "password short", input: { ...base, passwordMode: "choose", password: "abc1" }, field: "password" },
      { name: "password huge", input: { ...base, passwordMode: "choose", password: "Aa1".repeat(5000) }, field: "password" },
    ];
    for (const c of cases) {
      const state = await createUserAction({ ok: false }, form(c.input));
      expect(state.ok, c.name).toBe(false);
      expect(Object.keys(state.fieldErrors ?? {}), c.name).toContain(c.field);
    }
    // a province admin may not create a national admin, nor a user in another province
    for (const input of [
      { ...base, role: "ADMIN", unitCode: "VN" },
      { ...base, unitCode: "412" },
    ]) {
      expect((await createUserAction({ ok: false }, form(input))).ok).toBe(false);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("JSON API", () => {
  it("POST /api/v1/enrollees: 400 with each field's path and a Vietnamese message; bodies that are not objects", async () => {
    const enrollees = await import("@/app/api/v1/enrollees/route");
    const before = await snapshot();
    // JSON cannot carry NaN/Infinity: they arrive as null and must still be refused
    for (const c of registrationCases()) {
      const r = await call(enrollees.POST, "POST", "/api/v1/enrollees", staffToken, c.input);
      expect(r.status, c.name).toBe(400);
      const f = (r.body.error.fields ?? []).find((x: Json) => x.path === c.field || x.path.startsWith(`${c.field}.`));
      expect(f, `${c.name}: ${JSON.stringify(r.body)}`).toBeTruthy();
      expect(f.message, c.name).toMatch(VI);
    }
    for (const raw of ["{nope", "[]", "null", "42", '"x"', '{"__proto__":{"admin":true}}', "\u0000", ""]) {
      const r = await call(enrollees.POST, "POST", "/api/v1/enrollees", staffToken, raw);
      expect(r.status, raw).toBe(400);
      expect(r.body.error.message, raw).toMatch(VI);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("extra fields are ignored: a body cannot choose its own area, id, status or recorder", async () => {
    const enrollees = await import("@/app/api/v1/enrollees/route");
    const input = {
      ...registrationInput({ agentId }),
      id: 1,
      areaCode: "412",
      provinceCode: "40",
      recordedById: national.userId,
      version: 99,
      coverageEnd: "2099-12-31",
      isAdmin: true,
    };
    const r = await call(enrollees.POST, "POST", "/api/v1/enrollees", staffToken, input);
    expect(r.status).toBe(201);
    const row = await t.prisma.enrollee.findUniqueOrThrow({ where: { id: r.body.enrollee.id } });
    expect(row).toMatchObject({ areaCode: "001", provinceCode: "01" });
    expect(row.version).toBeLessThan(5);
    expect(row.id).not.toBe(1);
    expect(row.coverageEnd?.toISOString().slice(0, 10)).not.toBe("2099-12-31");
    const [c] = await t.prisma.contribution.findMany({ where: { enrolleeId: row.id } });
    expect(c.recordedById).toBe(staff.userId);
  });

  it("PATCH /api/v1/enrollees/{id}: the person corpus, a missing or forged version, ids that are not ids", async () => {
    const one = await import("@/app/api/v1/enrollees/[id]/route");
    const before = await snapshot();
    const params = { id: String(enrolleeId) };
    const cases = [
      ...registrationCases()
        .filter((c) => !c.field.startsWith("payment") && c.field !== "personalId")
        .map((c) => ({ ...c, input: { ...c.input, personalId, version: enrolleeVersion, payment: undefined } })),
      { name: "no version", input: { ...registrationInput({ agentId }), personalId, payment: undefined }, field: "version" },
      { name: "version SQL", input: { ...registrationInput({ agentId }), personalId, payment: undefined, version: "1; --" }, field: "version" },
    ];
    for (const c of cases) {
      const r = await call(one.PATCH, "PATCH", `/api/v1/enrollees/${enrolleeId}`, staffToken, c.input, params);
      expect(r.status, c.name).toBe(400);
      expect(
        r.body.error.fields.map((x: Json) => x.path),
        `${c.name}: ${JSON.stringify(r.body)}`,
      ).toContain(c.field);
    }
    for (const raw of ["null", "[]", "{nope"])
      expect((await call(one.PATCH, "PATCH", `/api/v1/enrollees/${enrolleeId}`, staffToken, raw, params)).status, raw).toBe(400);
    for (const id of ["1 OR 1=1", "-1", "1e3", "0x10", "99999999999999999999"]) {
      const r = await call(one.PATCH, "PATCH", `/api/v1/enrollees/${encodeURIComponent(id)}`, staffToken, { ...registrationInput(), version: 1 }, { id });
      expect(r.status, id).toBe(404);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("POST /api/v1/contributions: the payment corpus, by ID number", async () => {
    const contributions = await import("@/app/api/v1/contributions/route");
    const before = await snapshot();
    for (const c of paymentCases()) {
      const r = await call(contributions.POST, "POST", "/api/v1/contributions", staffToken, { ...c.input, personalId });
      expect(r.status, c.name).toBe(400);
      expect(
        r.body.error.fields.map((x: Json) => x.path),
        `${c.name}: ${JSON.stringify(r.body)}`,
      ).toContain(c.field);
    }
    for (const raw of ["null", "[]", "{nope", '"x"']) {
      const r = await call(contributions.POST, "POST", "/api/v1/contributions", staffToken, raw);
      expect(r.status, raw).toBe(400);
    }
    for (const id of ["' OR '1'='1", "%", "_".repeat(12), "001085012345\u0000"]) {
      const r = await call(contributions.POST, "POST", "/api/v1/contributions", staffToken, {
        ...paymentCases()[0].input,
        declaredIncome: 1_500_000,
        personalId: id,
      });
      expect([400, 404], id).toContain(r.status);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("PUT /api/v1/targets: the target corpus", async () => {
    const targets = await import("@/app/api/v1/targets/route");
    const before = await snapshot();
    for (const c of targetCases()) {
      const r = await call(targets.PUT, "PUT", "/api/v1/targets", adminToken, c.input);
      expect(r.status, c.name).toBe(400);
      expect(
        r.body.error.fields.map((x: Json) => x.path),
        `${c.name}: ${JSON.stringify(r.body)}`,
      ).toContain(c.field);
      expect(r.body.error.fields[0].message).toMatch(VI);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("searches treat SQL metacharacters, % and _ as plain text", async () => {
    const enrollees = await import("@/app/api/v1/enrollees/route");
    const all = (await call(enrollees.GET, "GET", "/api/v1/enrollees", staffToken)).body.total as number;
    expect(all).toBeGreaterThan(1);
    for (const q of ["%", "_", "%%", "a%", "' OR '1'='1", '\'; DROP TABLE "Enrollee"; --', "\\", "\u0000"]) {
      const r = await call(enrollees.GET, "GET", `/api/v1/enrollees?q=${encodeURIComponent(q)}`, staffToken);
      expect([200, 400], q).toContain(r.status);
      // punctuation is not part of the search form (letters and digits only): such a query filters nothing or nothing matches
      if (r.status === 200) expect([0, all], q).toContain(r.body.total);
    }
    expect(await t.prisma.enrollee.count()).toBe(all);
  });
});

describe("import", () => {
  const staffUpload = async (file: { name: string; data: Uint8Array }, dryRun = true) => {
    const imports = await import("@/app/api/v1/imports/route");
    return upload(imports.POST, `/api/v1/imports${dryRun ? "?dryRun=true" : ""}`, staffToken, file);
  };

  it("hostile rows (CSV and XLSX) are rejected one by one with line, column and reason; nothing is written", async () => {
    // XML (inside .xlsx) cannot hold NUL or other C0 characters: the XLSX gets a C1 control character instead
    const rowsOf = (kind: "csv" | "xlsx") => [
      person(901, "00004", { fullName: kind === "csv" ? CONTROL_NAMES.nul : CONTROL_NAMES.c1 }),
      person(902, "00004", { fullName: CONTROL_NAMES.bidiOverride }),
      person(903, "00004", { declaredIncome: "-1500000" }),
      person(904, "00004", { declaredIncome: "1e30" }),
      person(905, "00004", { declaredIncome: "NaN" }),
      person(906, "00004", { declaredIncome: "1500000.5" }),
      person(907, "00004", { dateOfBirth: " 31/02/1985" }), // a text cell in the XLSX too (Excel cannot hold 31/02 as a date)
      person(908, "00004", { enrolledOn: "01/01/2099" }),
      person(909, "00004", { communeCode: "00004' OR '1'='1" }),
      person(911, "00004", { address: "x".repeat(301) }),
      person(912, "00004", { sex: "<script>" }),
      person(913, "00004", { personalId: '\'; DROP TABLE "Enrollee"; --' }),
    ];
    const rows = rowsOf("csv");
    const expected: [number, keyof typeof H][] = [
      [2, "fullName"],
      [3, "fullName"],
      [4, "declaredIncome"],
      [5, "declaredIncome"],
      [6, "declaredIncome"],
      [7, "declaredIncome"],
      [8, "dateOfBirth"],
      [9, "enrolledOn"],
      [10, "communeCode"],
      [11, "address"],
      [12, "sex"],
      [13, "personalId"],
    ];
    const before = await snapshot();
    for (const file of [
      { name: "doc-hai.csv", data: csvOf(rows) },
      { name: "doc-hai.xlsx", data: await xlsxOf(rowsOf("xlsx")) },
    ]) {
      const r = await staffUpload(file);
      expect(r.status, file.name).toBe(200);
      const body = JSON.parse(r.text);
      expect(body, `${file.name}: lines with errors ${[...new Set(body.errors.map((x: Json) => x.line))]}`).toMatchObject({
        total: rows.length,
        valid: 0,
        rejected: rows.length,
      });
      for (const [line, field] of expected) {
        const e = body.errors.find((x: Json) => x.line === line && x.field === field);
        expect(e, `${file.name} line ${line} ${field}: ${JSON.stringify(body.errors.filter((x: Json) => x.line === line))}`).toBeTruthy();
        expect(e.column).toBe(H[field]);
        expect(e.message).toMatch(VI);
      }
    }
    expect(await snapshot()).toEqual(before);
    // a real import of that file writes no person and no payment (only the audit entry of the attempt)
    const { AuditLog: _a, ...rest } = before;
    const r = await staffUpload({ name: "doc-hai.csv", data: csvOf(rows) }, false);
    expect(r.status).toBe(201);
    expect(JSON.parse(r.text)).toMatchObject({ created: 0, contributions: 0, rejected: rows.length });
    const { AuditLog: _b, ...after } = await snapshot();
    expect(after).toEqual(rest);
  });

  it("wrong encodings are refused with a clear message, nothing written", async () => {
    const before = await snapshot();
    const header = Object.values(H).join(",");
    const row = Object.keys(H)
      .map((k) => (person(920, "00004") as Record<string, string>)[k] ?? "")
      .join(",");
    for (const [name, data] of Object.entries(wrongEncodings(header, row))) {
      const r = await staffUpload({ name: `${name}.csv`, data });
      expect(r.status, name).toBe(400);
      const body = JSON.parse(r.text);
      expect(body.error.message, name).toMatch(/UTF-8|thiếu cột/);
      expect(body.error.message, name).toMatch(VI);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("damaged and disguised files: .xls, truncated zip, random bytes named .xlsx, empty", async () => {
    const before = await snapshot();
    const good = await xlsxOf([person(930, "00004")]);
    const files = [
      { name: "cu.xls", data: Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]) },
      { name: "cat.xlsx", data: good.subarray(0, Math.floor(good.length / 2)) },
      { name: "rac.xlsx", data: new Uint8Array(4096).fill(7) },
      { name: "rong.csv", data: new Uint8Array(0) },
      { name: "tieu-de.csv", data: new TextEncoder().encode("\uFEFF\r\n\r\n") },
    ];
    for (const f of files) {
      const r = await staffUpload(f);
      expect(r.status, f.name).toBe(400);
      expect(JSON.parse(r.text).error.message, f.name).toMatch(VI);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("a zip bomb dressed as .xlsx (1 GB of sheet XML in ~1 MB) is refused before parsing, without the memory to hold it", async () => {
    const before = await snapshot();
    for (const lie of [false, true]) {
      const bomb = zipBombXlsx(1, lie);
      expect(bomb.byteLength).toBeLessThan(3 * 1024 * 1024);
      const rss = process.memoryUsage().rss;
      const r = await staffUpload({ name: `bom-${lie}.xlsx`, data: bomb });
      expect(r.status).toBe(400);
      expect(JSON.parse(r.text).error.message).toBe("Tệp Excel có dữ liệu giải nén quá lớn hoặc bất thường — không thể xử lý.");
      expect(process.memoryUsage().rss - rss).toBeLessThan(300 * 1024 * 1024);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("a 100 MB upload is refused early with 413: raw or multipart, with or without Content-Length, never read whole", async () => {
    const imports = await import("@/app/api/v1/imports/route");
    const browser = await import("@/app/api/imports/upload/route");
    const before = await snapshot();
    const limit = 20 * 1024 * 1024;
    const boundary = "----hostile";
    const prefix = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lon.csv"\r\nContent-Type: text/csv\r\n\r\n`);
    for (const [handler, url, multipart, declare] of [
      [imports.POST, "/api/v1/imports?dryRun=true&name=lon.csv", false, false],
      [imports.POST, "/api/v1/imports", true, false],
      [browser.POST, "/api/imports/upload", true, false],
      [imports.POST, "/api/v1/imports", true, true],
    ] as const) {
      const s = hugeStream(100, multipart ? prefix : Buffer.alloc(0));
      const headers: Record<string, string> = {
        authorization: `Bearer ${staffToken}`,
        "content-type": multipart ? `multipart/form-data; boundary=${boundary}` : "text/csv",
      };
      if (declare) headers["content-length"] = String(100 * 1024 * 1024);
      const req = new NextRequest(`http://127.0.0.1${url}`, { method: "POST", headers, body: s.body, duplex: "half" } as ConstructorParameters<
        typeof NextRequest
      >[1]);
      const res = await handler(req, { params: Promise.resolve({}) });
      expect(res.status, url).toBe(413);
      const body = (await res.json()) as Json;
      expect(body.error.message).toMatch(/tối đa 20 MB/);
      expect(s.pulled(), url).toBeLessThanOrEqual(limit + 2 * 1024 * 1024 + (declare ? 0 : 1024 * 1024));
      if (declare) expect(s.pulled()).toBeLessThanOrEqual(1024 * 1024);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("the labour-force import refuses a 100 MB multipart body the same way", async () => {
    const route = await import("@/app/(app)/reference/import/upload/route");
    const boundary = "----lf";
    const s = hugeStream(100, Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="llld.csv"\r\n\r\n`));
    const req = new NextRequest("http://127.0.0.1/reference/import/upload", {
      method: "POST",
      headers: { authorization: `Bearer ${nationalToken}`, "content-type": `multipart/form-data; boundary=${boundary}` },
      body: s.body,
      duplex: "half",
    } as ConstructorParameters<typeof NextRequest>[1]);
    const res = await route.POST(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as Json).error.message).toMatch(/Tệp quá lớn/);
    expect(s.pulled()).toBeLessThanOrEqual(23 * 1024 * 1024);
  });
});

describe("what is accepted is stored as text and rendered inert", () => {
  it("HTML/script and SQL metacharacters in a name are stored exactly, found by search, and escaped when rendered", async () => {
    const { registerEnrollee, updateEnrollee } = await import("@/lib/server/enrollment/enrollees");
    const a = await registerEnrollee(t.prisma, staff, registrationInput({ fullName: SCRIPT_NAME.replace(/\d/g, ""), address: SCRIPT_NAME }));
    const b = await registerEnrollee(t.prisma, staff, registrationInput({ fullName: SQL_NAME }));
    const rows = await t.prisma.$queryRawUnsafe<{ fullName: string; address: string | null }[]>(
      `SELECT "fullName", address FROM "Enrollee" WHERE id IN (${a.id}, ${b.id}) ORDER BY id`,
    );
    expect(rows[0]).toEqual({ fullName: SCRIPT_NAME, address: SCRIPT_NAME });
    expect(rows[1].fullName).toBe(SQL_NAME);
    expect(await t.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'Enrollee'`)).toEqual([{ n: 1 }]);
    const enrollees = await import("@/app/api/v1/enrollees/route");
    expect((await call(enrollees.GET, "GET", `/api/v1/enrollees?q=${encodeURIComponent("o'brien")}`, staffToken)).body.rows.map((r: Json) => r.id)).toEqual([
      b.id,
    ]);
    // an edit of the script name: the audit page's diff shows it as text
    const e = await t.prisma.enrollee.findUniqueOrThrow({ where: { id: a.id } });
    await updateEnrollee(t.prisma, staff, a.id, {
      ...registrationInput(),
      personalId: e.personalId,
      fullName: "Trần Văn Sạch",
      payment: undefined,
      version: e.version,
    });
    const entry = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "enrollee.update", entityId: String(a.id) } });
    const { AuditDiff } = await import("@/components/trust/audit-diff");
    const { trustVi } = await import("@/lib/i18n/areas/trust");
    const html = renderToString(createElement(AuditDiff, { before: entry.before, after: entry.after, text: trustVi.audit }));
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;&lt;img src=x onerror=alert(document.cookie)&gt;");
  });

  it("no component or page injects raw HTML", () => {
    const files = [...walk("app"), ...walk("components")].filter((f) => /\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((f) => /dangerouslySetInnerHTML|innerHTML\s*=/.test(fs.readFileSync(f, "utf8")))).toEqual([]);
  });
});

function walk(d: string): string[] {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
}

describe("every CSV/XLSX export neutralises spreadsheet formulas", () => {
  // hostile text planted directly (older data, or data that came in before a validation rule existed)
  beforeAll(async () => {
    const { toSearchForm } = await import("@/lib/domain/text");
    const { fromIsoDate } = await import("@/lib/domain/dates");
    const { todayInVietnam, addDays } = await import("@/lib/domain/dates");
    const soon = addDays(todayInVietnam(), 10);
    const ag = await t.prisma.collectionAgent.create({
      data: {
        code: "FX1",
        name: FORMULAS[0],
        searchName: toSearchForm("fx"),
        kind: "WOMEN_UNION",
        provinceCode: "01",
        areaCode: "001",
        contractStart: fromIsoDate("2020-01-01"),
        communes: { create: [{ communeCode: "00004" }] },
      },
    });
    const { makePersonalId } = await import("@/lib/domain/personal-id");
    for (const [i, name] of FORMULAS.entries()) {
      await t.prisma.enrollee.create({
        data: {
          personalId: makePersonalId("001", "1980-01-01", "MALE", 770 + i),
          fullName: name,
          searchName: toSearchForm(`fx ${i}`),
          dateOfBirth: fromIsoDate("1980-01-01"),
          sex: "MALE",
          phone: i === 1 ? "+84912345678" : null,
          provinceCode: "01",
          areaCode: "001",
          communeCode: "00004",
          address: name,
          occupation: "FARMER",
          subsidyGroup: "OTHER",
          declaredIncome: 1_500_000,
          paymentPeriod: "ANNUAL",
          agentId: ag.id,
          enrolledOn: fromIsoDate("2024-01-01"),
          firstCoveredOn: fromIsoDate("2024-01-01"),
          coverageEnd: fromIsoDate(soon),
        },
      });
    }
    const { writeAudit } = await import("@/lib/server/trust/audit");
    for (const f of FORMULAS)
      await writeAudit(t.prisma, admin, { action: "test.formula" as AuditAction, entity: f, entityId: f, unitCode: "001", after: { fullName: f } });
  });

  /** Every text cell must not start with = + - @ tab or CR (a leading apostrophe neutralises it). */
  const dangerous = (s: string) => /^[=+\-@\t\r]/.test(s) && !/^-?\d+([.,]\d+)?%?$/.test(s); // a negative number is a number
  async function xlsxCells(buf: ArrayBuffer): Promise<string[]> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf);
    const out: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (c.type === ExcelJS.ValueType.Formula) out.push(`=FORMULA ${String(c.formula)}`);
          else if (typeof c.value === "string") out.push(c.value);
        }),
      ),
    );
    return out;
  }
  function csvCells(text: string): string[] {
    return [...text.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"'));
  }
  async function check(res: Response, kind: "csv" | "xlsx", mustContain: string[]) {
    expect(res.status).toBe(200);
    const cells = kind === "csv" ? csvCells(new TextDecoder().decode(await res.arrayBuffer())) : await xlsxCells(await res.arrayBuffer());
    expect(cells.filter(dangerous)).toEqual([]);
    for (const f of mustContain)
      expect(
        cells.some((c) => c.includes(`'${f}`)),
        `${kind}: ${f}`,
      ).toBe(true);
    return cells;
  }

  it("renewal worklist (CSV, XLSX)", async () => {
    const { renewalExport } = await import("@/lib/server/renewals/export");
    const { messages } = await import("@/lib/i18n/messages");
    const { todayInVietnam } = await import("@/lib/domain/dates");
    for (const kind of ["csv", "xlsx"] as const)
      await check(await renewalExport(t.prisma, staff, {} as never, kind, messages.vi, todayInVietnam()), kind, [FORMULAS[0], FORMULAS[1], FORMULAS[3]]);
  });

  it("audit log export (CSV, XLSX), through its route", async () => {
    const route = await import("@/app/(app)/audit/export/route");
    for (const kind of ["csv", "xlsx"] as const) {
      const res = await route.GET(
        new NextRequest(`http://127.0.0.1/audit/export?format=${kind}&action=test.formula`, { headers: { authorization: `Bearer ${adminToken}` } }),
        { params: Promise.resolve({}) },
      );
      await check(res, kind, [FORMULAS[0], FORMULAS[2]]);
    }
  });

  it("dashboard exports (every table, CSV and XLSX), through their route", async () => {
    const route = await import("@/app/(app)/dashboard/export/route");
    for (const table of ["overview", "series", "league", "at-risk", "agents", "breakdowns", "all"]) {
      for (const kind of ["csv", "xlsx"] as const) {
        if (table === "all" && kind === "csv") continue;
        const res = await route.GET(
          new NextRequest(`http://127.0.0.1/dashboard/export?table=${table}&format=${kind}&unit=001`, { headers: { authorization: `Bearer ${adminToken}` } }),
          { params: Promise.resolve({}) },
        );
        const cells = await check(res, kind, table === "agents" || table === "all" ? [FORMULAS[0]] : []);
        expect(cells.length, `${table} ${kind}`).toBeGreaterThan(1);
      }
    }
  });

  it("the rejected-rows report and the import template", async () => {
    const { stageAndPreview, rejectedReport } = await import("@/lib/server/imports/flow");
    const { importTemplate } = await import("@/lib/server/imports/template");
    const { messages } = await import("@/lib/i18n/messages");
    const rows = FORMULAS.map((f, i) => person(940 + i, "00004", { fullName: f, address: f, phone: f }));
    let jobId = "";
    await stageAndPreview(t.prisma, staff, { name: "=cong-thuc.csv", data: csvOf(rows) }, (e) => {
      if (e.type === "preview") jobId = e.summary.jobId;
    });
    expect(jobId).not.toBe("");
    for (const kind of ["csv", "xlsx"] as const) {
      await check(
        (await rejectedReport(t.prisma, staff, jobId, kind, messages.vi))!,
        kind,
        FORMULAS.filter((f) => !/^[\t\r]/.test(f)),
      );
      await check(await importTemplate(t.prisma, staff, kind, messages.vi, "2026-11-23"), kind, kind === "xlsx" ? [FORMULAS[0]] : []);
    }
  });

  it("the enrollee list has no file export (only the renewal list does): nothing else to neutralise", () => {
    const exporters = [...walk("app"), ...walk("lib")].filter((f) => /\.tsx?$/.test(f) && /\btoCsv\(|\btoXlsx\(/.test(fs.readFileSync(f, "utf8")));
    expect(exporters.sort()).toEqual(
      [
        "app/(app)/audit/export/route.ts",
        "lib/server/dashboard/exports.ts",
        "lib/server/files/spreadsheet.ts",
        "lib/server/imports/flow.ts",
        "lib/server/imports/template.ts",
        // the commission statement: its cells go through toXlsx of lib/server/files/spreadsheet.ts, which neutralises every cell
        "lib/server/paperwork/commissions.ts",
        "lib/server/renewals/export.ts",
      ].map((f) => path.normalize(f)),
    );
  });
});
