// Figures for a date in the past do not change when later contributions are recorded: late
// renewals covering that date, back payments for earlier months, registrations dated back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import { DASH_AS_OF, generateDashboardData } from "../fixtures/dashboard";
import type { Principal } from "@/lib/server/auth/authz";
import { getLeague, getOverview, getSeries } from "@/lib/server/dashboard/overview";
import { getAgentTable } from "@/lib/server/dashboard/agents";
import { getBreakdowns } from "@/lib/server/dashboard/breakdowns";
import { addDays, addMonths, fromIsoDate, toIsoDate } from "@/lib/domain/dates";
import { periodEndFor } from "@/lib/domain/coverage-status";

let t: TestDb;
let hanoi: Principal, nation: Principal;
beforeAll(async () => {
  t = await freshDb();
  await generateDashboardData(t.prisma);
  hanoi = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
  nation = await principalFor(t.prisma, "ADMIN", "VN");
});
afterAll(async () => {
  await t.close();
});

const D1 = "2025-06-30";
const PAID_LATER = "2025-11-05"; // after DASH_AS_OF: nothing in the data set is paid this late
const AFTER = "2025-11-10";

async function snapshot(on: string) {
  return {
    province: await getOverview(t.prisma, hanoi, { unit: "01", date: on }),
    nation: await getOverview(t.prisma, nation, { unit: "VN", date: on }),
    area: await getOverview(t.prisma, hanoi, { unit: "001", date: on }),
    league: await getLeague(t.prisma, hanoi, { unit: "01", date: on }),
    communes: await getLeague(t.prisma, hanoi, { unit: "001", date: on }),
    agents: await getAgentTable(t.prisma, hanoi, { unit: "01", date: on }, { all: true }),
    breakdowns: await getBreakdowns(t.prisma, hanoi, { unit: "01", date: on }),
  };
}

async function sqlParticipants(on: string, province: string) {
  const r = await t.prisma.$queryRawUnsafe<{ n: bigint }[]>(`
    SELECT count(*) AS n FROM (
      SELECT DISTINCT ON (c."enrolleeId") c.* FROM "Contribution" c WHERE greatest(c."periodStart", c."paidOn") <= DATE '${on}'
      ORDER BY c."enrolleeId", c."periodEnd" DESC, greatest(c."periodStart", c."paidOn") DESC, c.id DESC
    ) b WHERE b."periodEnd" >= DATE '${on}' AND b."provinceCode" = '${province}'`);
  return Number(r[0].n);
}

describe("figures for a past date are stable", () => {
  it("later payments change nothing on D1 or D, and count from their payment date on", async () => {
    const before = { d1: await snapshot(D1), d: await snapshot(DASH_AS_OF), series2024: await getSeries(t.prisma, hanoi, { unit: "01", year: 2024 }) };
    const afterBefore = await sqlParticipants(AFTER, "01");

    // people of Hà Nội whose coverage ended before D1: they pay late for the missed months (covering D1)
    const ended = await t.prisma.enrollee.findMany({
      where: { provinceCode: "01", coverageEnd: { lt: fromIsoDate(D1), gte: fromIsoDate("2025-01-31") } },
      orderBy: { id: "asc" },
      take: 12,
    });
    expect(ended.length).toBeGreaterThan(5);
    const rows = [];
    let receipt = 0;
    const base = (e: (typeof ended)[number], start: string, months: number, period: "ANNUAL" | "BACK_PAYMENT") => ({
      enrolleeId: e.id,
      provinceCode: e.provinceCode,
      areaCode: e.areaCode,
      communeCode: e.communeCode,
      periodStart: fromIsoDate(start),
      periodEnd: fromIsoDate(periodEndFor(start, months)),
      months,
      declaredIncome: 1_500_000,
      paymentPeriod: period,
      gross: 330_000 * months,
      centralSubsidy: 0,
      provincialTopUp: 0,
      net: 330_000 * months,
      method: "CASH" as const,
      receiptNo: `LATE-${++receipt}`,
      paidOn: fromIsoDate(PAID_LATER),
      agentId: e.agentId,
    });
    for (const e of ended) rows.push(base(e, addDays(toIsoDate(e.coverageEnd!), 1), 12, "ANNUAL"));
    // back payments for the two years before some people's first period
    const early = await t.prisma.enrollee.findMany({
      where: { provinceCode: "01", firstCoveredOn: { gte: fromIsoDate("2025-01-01") } },
      orderBy: { id: "asc" },
      take: 5,
    });
    expect(early.length).toBeGreaterThan(0);
    for (const e of early) rows.push(base(e, addMonths(toIsoDate(e.firstCoveredOn!), -24), 24, "BACK_PAYMENT"));
    await t.prisma.contribution.createMany({ data: rows });
    // a registration dated back to June, covering D1, recorded in November
    const newcomer = await t.prisma.enrollee.create({
      data: {
        personalId: "001190123456",
        fullName: "Người Đến Muộn",
        searchName: "nguoi den muon",
        dateOfBirth: fromIsoDate("1990-05-05"),
        sex: "MALE",
        provinceCode: "01",
        areaCode: "001",
        communeCode: "00004",
        occupation: "FARMER",
        subsidyGroup: "OTHER",
        declaredIncome: 1_500_000,
        paymentPeriod: "ANNUAL",
        enrolledOn: fromIsoDate(PAID_LATER),
      },
    });
    await t.prisma.contribution.create({ data: base(newcomer, "2025-06-01", 12, "ANNUAL") });

    // every figure for D1 and D is as it was
    expect(await snapshot(D1)).toEqual(before.d1);
    expect(await snapshot(DASH_AS_OF)).toEqual(before.d);
    expect(await getSeries(t.prisma, hanoi, { unit: "01", year: 2024 })).toEqual(before.series2024);

    // from the payment date on, the payments count
    const after = await getOverview(t.prisma, hanoi, { unit: "01", date: AFTER });
    expect(after.figures.participants).toBe(await sqlParticipants(AFTER, "01"));
    // each late payer and the newcomer are participants on AFTER; back payments add nobody
    expect(after.figures.participants).toBe(afterBefore + ended.length + 1);
  });
});
