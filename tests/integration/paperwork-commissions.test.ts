// Agents' commission statements (issue 13 item 5) against a table computed by hand, in both modes (on money
// collected, on money remitted — oldest collections first), per collector, and as an Excel file read back;
// the rate tables (append-only, national admin, audited); the participants' yearly statements (item 7)
// against an independent SQL sum of each person's contributions; scope: another area's agent, collector,
// person or commune is "not found" and nothing changes. DELETE /api/v1/commissions/rates/{id} (issue 13: the
// JSON API covers what the rates page does) through its route handler with bearer tokens.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { ZodError } from "zod";
import { freshDb, type TestDb } from "./db";
import { createAgent, createEnrollee, principalFor } from "../fixtures/factories";
import { issueTestToken } from "../fixtures/enrollment";
import { fromIsoDate } from "@/lib/domain/dates";
import { messages } from "@/lib/i18n/messages";
import { AuthError, type Principal } from "@/lib/server/auth/authz";
import { RuleError } from "@/lib/server/errors";
import * as rateRoute from "@/app/api/v1/commissions/rates/[id]/route";
import { recordRemittance } from "@/lib/server/paperwork/remittances";
import { addCommissionRate, commissionWorkbook, deleteCommissionRate, getCommissionStatement, listCommissionRates } from "@/lib/server/paperwork/commissions";
import { getYearlyStatement, getYearlyStatements } from "@/lib/server/paperwork/yearly-statements";

// no session cookie outside Next: a call without a bearer token is signed out
vi.mock("next-auth", async (orig) => ({ ...(await orig<typeof import("next-auth")>()), getServerSession: async () => null }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined, delete: () => undefined }),
  headers: async () => new Headers(),
}));

let t: TestDb;
let national: Principal, hanoiAdmin: Principal, badinh: Principal, dongda: Principal;
let agentId: number, otherAgentId: number, c1: number, c2: number, otherCollector: number;
let p1: number, p2: number, p3: number, p4: number, stranger: number;
let commune: string, otherCommune: string;
const TODAY = "2026-07-15";

type Pay = {
  enrolleeId: number;
  paidOn: string;
  periodStart: string;
  months: number;
  period: "MONTHLY" | "QUARTERLY" | "ANNUAL";
  net: number;
  collectorId?: number;
  central?: number;
  local?: number;
  agent?: number;
};
let receipt = 0;
async function pay(x: Pay) {
  const e = await t.prisma.enrollee.findUniqueOrThrow({ where: { id: x.enrolleeId } });
  const end = new Date(fromIsoDate(x.periodStart));
  end.setUTCMonth(end.getUTCMonth() + x.months);
  end.setUTCDate(end.getUTCDate() - 1);
  const central = x.central ?? 0,
    local = x.local ?? 0;
  return t.prisma.contribution.create({
    data: {
      enrolleeId: x.enrolleeId,
      provinceCode: e.provinceCode,
      areaCode: e.areaCode,
      communeCode: e.communeCode,
      periodStart: fromIsoDate(x.periodStart),
      periodEnd: end,
      months: x.months,
      declaredIncome: 1_500_000,
      paymentPeriod: x.period,
      gross: x.net + central + local,
      centralSubsidy: central,
      provincialTopUp: local,
      net: x.net,
      subsidyMonths: central ? x.months : 0,
      method: "CASH",
      receiptNo: `CM-${++receipt}`,
      paidOn: fromIsoDate(x.paidOn),
      agentId: x.agent ?? agentId,
      collectorId: x.collectorId ?? null,
    },
  });
}

beforeAll(async () => {
  t = await freshDb({ asProcessClient: true }); // the route handler uses the process's client
  national = await principalFor(t.prisma, "ADMIN", "VN");
  hanoiAdmin = await principalFor(t.prisma, "ADMIN", "01");
  badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  dongda = await principalFor(t.prisma, "DISTRICT_STAFF", "006");
  commune = (await t.prisma.unit.findFirstOrThrow({ where: { level: "COMMUNE", areaCode: "001" }, orderBy: { code: "asc" } })).code;
  otherCommune = (await t.prisma.unit.findFirstOrThrow({ where: { level: "COMMUNE", areaCode: "006" }, orderBy: { code: "asc" } })).code;
  agentId = (await createAgent(t.prisma, commune, { kind: "WOMEN_UNION" })).id;
  otherAgentId = (await createAgent(t.prisma, otherCommune, { kind: "WOMEN_UNION" })).id;
  c1 = (await t.prisma.collector.create({ data: { agentId, name: "Thu Một" } })).id;
  c2 = (await t.prisma.collector.create({ data: { agentId, name: "Thu Hai" } })).id;
  otherCollector = (await t.prisma.collector.create({ data: { agentId: otherAgentId, name: "Thu Khác" } })).id;

  // the rate tables (hand-chosen): from 01/01/2026 any period 8% / 5%, monthly 10% / 6%; from 10/06/2026 one row 9% / 4%
  await addCommissionRate(t.prisma, national, { agentKind: "WOMEN_UNION", newRate: "8", renewalRate: "5", effectiveFrom: "2026-01-01", sample: true });
  await addCommissionRate(t.prisma, national, {
    agentKind: "WOMEN_UNION",
    paymentPeriod: "MONTHLY",
    newRate: "10",
    renewalRate: "6",
    effectiveFrom: "2026-01-01",
    sample: true,
  });
  await addCommissionRate(t.prisma, national, { agentKind: "WOMEN_UNION", newRate: "9", renewalRate: "4", effectiveFrom: "2026-06-10", sample: true });
  await addCommissionRate(t.prisma, national, { agentKind: "POST_OFFICE", newRate: "50", renewalRate: "50", effectiveFrom: "2026-01-01" }); // another kind: never used here

  p1 = (await createEnrollee(t.prisma, commune, { agentId, fullName: "Người Một" })).id;
  p2 = (await createEnrollee(t.prisma, commune, { agentId, fullName: "Người Hai" })).id;
  p3 = (await createEnrollee(t.prisma, commune, { agentId, fullName: "Người Ba" })).id;
  p4 = (await createEnrollee(t.prisma, commune, { agentId, fullName: "Người Bốn" })).id;
  stranger = (await createEnrollee(t.prisma, otherCommune, { agentId: otherAgentId, fullName: "Người Lạ" })).id;
  // in receipt order (the oldest-first allocation follows it)
  await pay({
    enrolleeId: p2,
    paidOn: "2025-05-01",
    periodStart: "2025-05-01",
    months: 12,
    period: "ANNUAL",
    net: 1_000_000,
    central: 792_000,
    collectorId: c2,
  }); // P2's first payment, before any rate
  await pay({
    enrolleeId: p1,
    paidOn: "2026-05-03",
    periodStart: "2026-05-01",
    months: 12,
    period: "ANNUAL",
    net: 3_168_000,
    central: 792_000,
    local: 100_000,
    collectorId: c1,
  });
  await pay({
    enrolleeId: p2,
    paidOn: "2026-05-10",
    periodStart: "2026-05-01",
    months: 3,
    period: "QUARTERLY",
    net: 792_000,
    central: 198_000,
    collectorId: c2,
  });
  await pay({ enrolleeId: p3, paidOn: "2026-05-20", periodStart: "2026-06-01", months: 1, period: "MONTHLY", net: 264_000, central: 66_000, collectorId: c1 });
  await pay({ enrolleeId: p4, paidOn: "2026-06-12", periodStart: "2026-06-01", months: 12, period: "ANNUAL", net: 3_000_000, collectorId: c2 });
  await pay({ enrolleeId: stranger, paidOn: "2026-05-05", periodStart: "2026-05-01", months: 12, period: "ANNUAL", net: 3_168_000, agent: otherAgentId });

  await recordRemittance(t.prisma, badinh, {
    agentId,
    remittedOn: "2026-05-31",
    amount: 2_000_000,
    bankReference: "FT0531",
    periodFrom: "2026-05-01",
    periodTo: "2026-05-31",
  });
  await recordRemittance(t.prisma, badinh, {
    agentId,
    remittedOn: "2026-06-05",
    amount: 2_500_000,
    bankReference: "FT0605",
    periodFrom: "2026-05-01",
    periodTo: "2026-05-31",
  });
}, 120_000);
afterAll(async () => {
  await t.close();
});

const brief = (rows: { fullName: string; isNew: boolean; base: number; rateBp: number | null; commission: number }[]) =>
  rows.map((r) => [r.fullName, r.isNew ? "Tăng mới" : "Đóng tiếp", r.base, r.rateBp, r.commission]);

describe("commission statements", () => {
  it("on money collected: the month's payments, each at the rate of its kind, period and receipt date (hand-computed)", async () => {
    const s = await getCommissionStatement(t.prisma, badinh, { agentId: String(agentId), month: "2026-05" });
    expect(s.mode).toBe("collected");
    expect(brief(s.rows)).toEqual([
      ["Người Một", "Tăng mới", 3_168_000, 800, 253_440], //   3,168,000 × 8%
      ["Người Hai", "Đóng tiếp", 792_000, 500, 39_600], //     792,000 × 5% (quarterly: the any-period row)
      ["Người Ba", "Tăng mới", 264_000, 1000, 26_400], //      264,000 × 10% (the monthly row)
    ]);
    expect(s.totals).toEqual({
      payments: 3,
      amount: 4_224_000,
      base: 4_224_000,
      commission: 319_440,
      newBase: 3_432_000,
      newCommission: 279_840,
      renewalBase: 792_000,
      renewalCommission: 39_600,
      withoutRate: 0,
    });
    expect(s.sampleRates).toBe(true);

    // June: the table of 10/06 replaces the whole older one
    const june = await getCommissionStatement(t.prisma, badinh, { agentId, month: "2026-06" });
    expect(brief(june.rows)).toEqual([["Người Bốn", "Tăng mới", 3_000_000, 900, 270_000]]);

    // one collector: only its payments
    const one = await getCommissionStatement(t.prisma, badinh, { agentId, month: "2026-05", collectorId: c1 });
    expect(one.rows.map((r) => r.fullName)).toEqual(["Người Một", "Người Ba"]);
    expect(one.totals.commission).toBe(253_440 + 26_400);
  });

  it("on money remitted: the month's remittances pay off the oldest collections first (hand-computed)", async () => {
    // collections in order: P2 2025 1,000,000 | P1 3,168,000 | P2 792,000 | P3 264,000 | P4 3,000,000
    // May: 2,000,000 remitted → P2's 2025 payment (no rate in force then: 0) and 1,000,000 of P1's
    const may = await getCommissionStatement(t.prisma, badinh, { agentId, month: "2026-05", mode: "remitted" });
    expect(brief(may.rows)).toEqual([
      ["Người Hai", "Tăng mới", 1_000_000, null, 0],
      ["Người Một", "Tăng mới", 1_000_000, 800, 80_000],
    ]);
    expect(may.remittedInMonth).toBe(2_000_000);
    expect(may.totals).toMatchObject({ base: 2_000_000, commission: 80_000, withoutRate: 1 });
    // June: 2,500,000 → the rest of P1's (2,168,000) and 332,000 of P2's renewal
    const june = await getCommissionStatement(t.prisma, badinh, { agentId, month: "2026-06", mode: "remitted" });
    expect(brief(june.rows)).toEqual([
      ["Người Một", "Tăng mới", 2_168_000, 800, 173_440],
      ["Người Hai", "Đóng tiếp", 332_000, 500, 16_600],
    ]);
    expect(june.totals).toMatchObject({ base: 2_500_000, commission: 190_040 });
    // the bases equal what was remitted (SQL), as long as collections cover it
    const [r] = await t.prisma.$queryRawUnsafe<{ s: bigint }[]>(
      `SELECT sum(amount) AS s FROM "Remittance" WHERE "agentId" = $1 AND "remittedOn" BETWEEN '2026-06-01' AND '2026-06-30'`,
      agentId,
    );
    expect(june.totals.base).toBe(Number(r.s));
    // per collector in remitted mode: the agent's allocation, narrowed
    const c2June = await getCommissionStatement(t.prisma, badinh, { agentId, month: "2026-06", mode: "remitted", collectorId: c2 });
    expect(brief(c2June.rows)).toEqual([["Người Hai", "Đóng tiếp", 332_000, 500, 16_600]]);
  });

  it("the Excel file holds the same rows and totals", async () => {
    const s = await getCommissionStatement(t.prisma, badinh, { agentId, month: "2026-05" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await commissionWorkbook(s)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toContain("TỶ LỆ MẪU");
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(values(3)).toEqual([
      1,
      expect.any(Date),
      expect.stringMatching(/^CM-/),
      "Người Một",
      "Thu Một",
      "Tăng mới",
      "12 tháng",
      12,
      3_168_000,
      3_168_000,
      "8 (mẫu)",
      253_440,
    ]);
    const last = values(ws.rowCount);
    expect(last[3]).toBe("Tổng cộng (3 khoản)");
    expect(last.slice(8)).toEqual([4_224_000, 4_224_000, undefined, 319_440]);
  });

  it("scope: another area's agent or another agent's collector is not found", async () => {
    await expect(getCommissionStatement(t.prisma, dongda, { agentId, month: "2026-05" })).rejects.toMatchObject({ status: 404 });
    await expect(getCommissionStatement(t.prisma, badinh, { agentId: otherAgentId, month: "2026-05" })).rejects.toBeInstanceOf(AuthError);
    await expect(getCommissionStatement(t.prisma, badinh, { agentId, month: "2026-05", collectorId: otherCollector })).rejects.toMatchObject({ status: 404 });
    await expect(getCommissionStatement(t.prisma, badinh, { agentId, month: "2026-13" })).rejects.toBeInstanceOf(ZodError);
  });
});

describe("commission rates", () => {
  it("are added by a national admin only, once per kind, period and date, audited; a row in force is never deleted", async () => {
    const before = await t.prisma.commissionRate.count();
    await expect(
      addCommissionRate(t.prisma, hanoiAdmin, { agentKind: "VETERANS", newRate: "5", renewalRate: "3", effectiveFrom: "2026-01-01" }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      addCommissionRate(t.prisma, badinh, { agentKind: "VETERANS", newRate: "5", renewalRate: "3", effectiveFrom: "2026-01-01" }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      addCommissionRate(t.prisma, national, { agentKind: "WOMEN_UNION", newRate: "7", renewalRate: "3", effectiveFrom: "2026-01-01" }),
    ).rejects.toBeInstanceOf(ZodError); // same date, any period
    await expect(
      addCommissionRate(t.prisma, national, { agentKind: "WOMEN_UNION", newRate: "101", renewalRate: "3", effectiveFrom: "2027-01-01" }),
    ).rejects.toBeInstanceOf(ZodError);
    expect(await t.prisma.commissionRate.count()).toBe(before);

    const { id } = await addCommissionRate(t.prisma, national, {
      agentKind: "WOMEN_UNION",
      newRate: "7,5",
      renewalRate: "3",
      effectiveFrom: "2027-01-01",
      legalBasis: "Thử",
    });
    expect(await t.prisma.commissionRate.findUniqueOrThrow({ where: { id } })).toMatchObject({ newRateBp: 750, renewalRateBp: 300, sample: false });
    const list = await listCommissionRates(t.prisma, badinh, TODAY);
    expect(list.editable).toBe(false);
    const states = Object.fromEntries(
      list.rates.filter((r) => r.agentKind === "WOMEN_UNION").map((r) => [`${r.effectiveFrom} ${r.paymentPeriod ?? "*"}`, r.state]),
    );
    expect(states).toEqual({ "2027-01-01 *": "future", "2026-06-10 *": "inForce", "2026-01-01 *": "past", "2026-01-01 MONTHLY": "past" });

    const inForce = (await t.prisma.commissionRate.findFirstOrThrow({ where: { agentKind: "WOMEN_UNION", effectiveFrom: fromIsoDate("2026-06-10") } })).id;
    await expect(deleteCommissionRate(t.prisma, national, inForce, TODAY)).rejects.toBeInstanceOf(RuleError);
    await expect(deleteCommissionRate(t.prisma, hanoiAdmin, id, TODAY)).rejects.toMatchObject({ status: 403 });
    await deleteCommissionRate(t.prisma, national, id, TODAY);
    expect(await t.prisma.commissionRate.findUnique({ where: { id } })).toBeNull();
    const audit = await t.prisma.auditLog.findMany({ where: { entity: "CommissionRate", entityId: String(id) }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["commission.rate.create", "commission.rate.delete"]);
  });
});

describe("DELETE /api/v1/commissions/rates/{id}", () => {
  // the route decides on Vietnam's real date: rows far in the future and far in the past stay what they are
  const row = async (effectiveFrom: string) =>
    (
      await t.prisma.commissionRate.create({
        data: { agentKind: "VETERANS", paymentPeriod: "ANNUAL", newRateBp: 650, renewalRateBp: 350, effectiveFrom: fromIsoDate(effectiveFrom) },
      })
    ).id;
  const del = async (id: number | string, token: string | null, query = "") => {
    const req = new NextRequest(`http://127.0.0.1/api/v1/commissions/rates/${id}${query}`, {
      method: "DELETE",
      headers: { host: "127.0.0.1", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    const res = await rateRoute.DELETE(req, { params: Promise.resolve({ id: String(id) }) });
    return { status: res.status, body: (await res.json()) as { id?: number; error?: { code: string; message: string } } };
  };
  const audits = (id: number) => t.prisma.auditLog.findMany({ where: { entity: "CommissionRate", entityId: String(id) }, orderBy: { id: "asc" } });
  let tokens: Record<"national" | "hanoiAdmin" | "officer" | "badinh", string>;
  beforeAll(async () => {
    const officer = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
    tokens = {
      national: await issueTestToken(t.prisma, national.userId),
      hanoiAdmin: await issueTestToken(t.prisma, hanoiAdmin.userId),
      officer: await issueTestToken(t.prisma, officer.userId),
      badinh: await issueTestToken(t.prisma, badinh.userId),
    };
  });

  it("a national admin deletes a row not yet in force: 200, gone from the table and the list, audited with the row", async () => {
    const id = await row("2094-01-01");
    expect(await del(id, tokens.national)).toEqual({ status: 200, body: { id } });
    expect(await t.prisma.commissionRate.findUnique({ where: { id } })).toBeNull();
    expect((await listCommissionRates(t.prisma, national, TODAY)).rates.map((r) => r.id)).not.toContain(id);
    const [audit] = await audits(id);
    expect(audit).toMatchObject({ action: "commission.rate.delete", userId: national.userId, unitCode: "VN" });
    expect(audit.before).toMatchObject({ agentKind: "VETERANS", paymentPeriod: "ANNUAL", newRateBp: 650, effectiveFrom: "2094-01-01" });
    // a second call finds nothing
    expect((await del(id, tokens.national)).status).toBe(404);
  });

  it("a row in force is refused with 409 in the caller's language, and nothing changes", async () => {
    const id = await row("2020-01-01");
    const before = await t.prisma.commissionRate.findUniqueOrThrow({ where: { id } });
    expect(await del(id, tokens.national)).toEqual({
      status: 409,
      body: { error: { code: "conflict", message: messages.vi.commissions.rates.notDeletable } },
    });
    expect(await del(id, tokens.national, "?lang=en")).toEqual({
      status: 409,
      body: { error: { code: "conflict", message: messages.en.commissions.rates.notDeletable } },
    });
    expect(messages.en.commissions.rates.notDeletable).toMatch(/in force/);
    expect(await t.prisma.commissionRate.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect(await audits(id)).toEqual([]);
  });

  it("roles without policy.write are refused (403), unknown ids are 404, signed out is 401 — and the row stays", async () => {
    const id = await row("2095-01-01");
    for (const who of ["hanoiAdmin", "officer", "badinh"] as const) {
      expect((await del(id, tokens[who])).body.error?.code, who).toBe("forbidden");
      expect((await del(id, tokens[who])).status, who).toBe(403);
    }
    expect((await del(id, null)).status).toBe(401);
    expect((await del(2_000_000_000, tokens.national)).status).toBe(404);
    expect((await del("abc", tokens.national)).status).toBe(404);
    expect(await t.prisma.commissionRate.findUnique({ where: { id } })).not.toBeNull();
    expect(await audits(id)).toEqual([]);
  });
});

describe("yearly statements", () => {
  async function sqlOf(enrolleeId: number, asOf: string) {
    const [r] = await t.prisma.$queryRawUnsafe<Record<string, bigint>[]>(
      `
      SELECT coalesce(sum(months), 0) AS months, coalesce(sum(gross), 0) AS gross, coalesce(sum(net), 0) AS net,
             coalesce(sum("centralSubsidy"), 0) AS central, coalesce(sum("provincialTopUp"), 0) AS local
      FROM "Contribution" WHERE "enrolleeId" = $1 AND "paidOn" <= $2::date`,
      enrolleeId,
      asOf,
    );
    return { months: Number(r.months), gross: Number(r.gross), net: Number(r.net), centralSubsidy: Number(r.central), provincialTopUp: Number(r.local) };
  }

  it("equals the person's contributions; the months still needed come from the dated pension requirement", async () => {
    const s = await getYearlyStatement(t.prisma, badinh, p2, { year: "2026" }, TODAY);
    expect(s.statement.asOf).toBe(TODAY);
    expect(s.statement.total).toEqual(await sqlOf(p2, TODAY));
    expect(s.statement.monthsContributed).toBe(15);
    expect(s.statement.thisYear).toEqual({ months: 3, gross: 990_000, net: 792_000, centralSubsidy: 198_000, provincialTopUp: 0 });
    expect(s.requirement.months).toBe(180); // Law on Social Insurance 2024, from 1 July 2025
    expect(s.statement.monthsStillNeeded).toBe(180 - 15);
    // the statement of 2024 speaks of 31/12/2024, when 20 years were required and nothing was paid yet
    const old = await getYearlyStatement(t.prisma, badinh, p2, { year: 2024 }, TODAY);
    expect(old.statement).toMatchObject({ asOf: "2024-12-31", monthsContributed: 0, requiredMonths: 240, monthsStillNeeded: 240 });
    // the requirement is data: a later value changes the answer
    await t.prisma.policyParameter.create({ data: { kind: "PENSION_MIN_MONTHS", value: 120, effectiveFrom: fromIsoDate("2026-07-01"), legalBasis: "thử" } });
    expect((await getYearlyStatement(t.prisma, badinh, p2, {}, TODAY)).statement.monthsStillNeeded).toBe(120 - 15);
    await t.prisma.policyParameter.deleteMany({ where: { kind: "PENSION_MIN_MONTHS", value: 120 } });
  });

  it("in batch per agent and per commune: everyone with a payment, each equal to SQL", async () => {
    const byAgent = await getYearlyStatements(t.prisma, badinh, { agentId, year: 2026 }, TODAY);
    expect(byAgent.statements.map((x) => x.person.id).sort()).toEqual([p1, p2, p3, p4].sort());
    for (const x of byAgent.statements) expect(x.statement.total).toEqual(await sqlOf(x.person.id, TODAY));
    const byCommune = await getYearlyStatements(t.prisma, hanoiAdmin, { commune, year: 2026 }, TODAY);
    expect(byCommune.statements.map((x) => x.person.fullName).sort()).toEqual(["Người Ba", "Người Bốn", "Người Hai", "Người Một"]);
    expect(byCommune.statements[0].person.personalId).toMatch(/^\*+\d{4}$/); // masked for an admin (ADR 0704)
    // 2025: only P2 had paid by 31/12/2025
    expect((await getYearlyStatements(t.prisma, badinh, { agentId, year: 2025 }, TODAY)).statements.map((x) => x.person.id)).toEqual([p2]);
  });

  it("scope: another area's person, agent or commune is not found", async () => {
    await expect(getYearlyStatement(t.prisma, dongda, p1, {}, TODAY)).rejects.toMatchObject({ status: 404 });
    await expect(getYearlyStatement(t.prisma, badinh, stranger, {}, TODAY)).rejects.toMatchObject({ status: 404 });
    await expect(getYearlyStatements(t.prisma, badinh, { agentId: otherAgentId }, TODAY)).rejects.toMatchObject({ status: 404 });
    await expect(getYearlyStatements(t.prisma, badinh, { commune: otherCommune }, TODAY)).rejects.toMatchObject({ status: 404 });
    await expect(getYearlyStatements(t.prisma, badinh, { agentId, commune }, TODAY)).rejects.toBeInstanceOf(ZodError);
  });
});
