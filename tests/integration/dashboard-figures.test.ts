// Every figure of the overview and every row of the league table equals an independent SQL query
// written here, straight from "Contribution" (not from the aggregate tables the code reads).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import { DASH_AS_OF, generateDashboardData } from "../fixtures/dashboard";
import type { Principal } from "@/lib/server/auth/authz";
import { getLeague, getOverview, getSeries } from "@/lib/server/dashboard/overview";
import { getAgentTable } from "@/lib/server/dashboard/agents";
import { getBreakdowns } from "@/lib/server/dashboard/breakdowns";
import { childGroups, countParticipants, countParticipantsByChild, groupOf } from "@/lib/server/dashboard/counting";
import { endingBeforeYearEnd, renewalCounts } from "@/lib/server/dashboard/forecast";
import { forecastYearEnd, renewalWindow } from "@/lib/domain/forecast";

let t: TestDb;
let nation: Principal, hanoi: Principal, nghean: Principal, badinh: Principal;
beforeAll(async () => {
  t = await freshDb();
  await generateDashboardData(t.prisma);
  nation = await principalFor(t.prisma, "ADMIN", "VN");
  hanoi = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
  nghean = await principalFor(t.prisma, "PROVINCE_OFFICER", "40");
  badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
});
afterAll(async () => {
  await t.close();
});

// ------------------------------------------------------------------ the expectations, in SQL

type Level = "provinceCode" | "areaCode" | "communeCode" | "agentId";

/** Each person's contribution with the latest end among those known on X (k = greatest(start, paid) ≤ X). */
const best = (x: string) => `
  SELECT DISTINCT ON (c."enrolleeId") c.*, greatest(c."periodStart", c."paidOn") AS k FROM "Contribution" c
  WHERE greatest(c."periodStart", c."paidOn") <= DATE '${x}'
  ORDER BY c."enrolleeId", c."periodEnd" DESC, greatest(c."periodStart", c."paidOn") DESC, c.id DESC`;

async function sqlByLevel(sql: string): Promise<Map<string, number>> {
  const rows = await t.prisma.$queryRawUnsafe<{ code: string | number | null; n: bigint }[]>(sql);
  return new Map(rows.filter((r) => r.code !== null).map((r) => [String(r.code), Number(r.n)]));
}

const sqlParticipants = (x: string, level: Level) =>
  sqlByLevel(`SELECT b."${level}" AS code, count(*) AS n FROM (${best(x)}) b WHERE b."periodEnd" >= DATE '${x}' GROUP BY 1`);
const sqlOverdue = (x: string, level: Level) =>
  sqlByLevel(
    `SELECT b."${level}" AS code, count(*) AS n FROM (${best(x)}) b WHERE b."periodEnd" < DATE '${x}' AND b."periodEnd" >= (DATE '${x}' - interval '3 months')::date GROUP BY 1`,
  );
const sqlLapsed = (x: string, level: Level) =>
  sqlByLevel(`SELECT b."${level}" AS code, count(*) AS n FROM (${best(x)}) b WHERE b."periodEnd" < (DATE '${x}' - interval '3 months')::date GROUP BY 1`);

/** First covered date known on D = min(periodStart) over contributions paid by D; new when in [1 Jan, D]. */
const sqlNew = (d: string, level: Level, from = `${d.slice(0, 4)}-01-01`, to = d) =>
  sqlByLevel(`
  SELECT f."${level}" AS code, count(*) AS n FROM (
    SELECT DISTINCT ON (c."enrolleeId") c.* FROM "Contribution" c WHERE c."paidOn" <= DATE '${d}'
    ORDER BY c."enrolleeId", c."periodStart", c."paidOn", c.id
  ) f WHERE f."periodStart" BETWEEN DATE '${from}' AND DATE '${to}' GROUP BY 1`);

/** People who became lapsed on a day of [from, to]: lapsed on X (as known on X), not lapsed on X − 1. */
const sqlBecameLapsed = (from: string, to: string, level: Level) =>
  sqlByLevel(`
  WITH days AS (SELECT generate_series(DATE '${from}' - 1, DATE '${to}', interval '1 day')::date AS x),
  st AS (
    SELECT days.x, b."enrolleeId", b."${level}" AS code,
           CASE WHEN b."periodEnd" < (days.x - interval '3 months')::date THEN 'L' ELSE '-' END AS s
    FROM days CROSS JOIN LATERAL (
      SELECT DISTINCT ON (c."enrolleeId") c.* FROM "Contribution" c WHERE greatest(c."periodStart", c."paidOn") <= days.x
      ORDER BY c."enrolleeId", c."periodEnd" DESC, greatest(c."periodStart", c."paidOn") DESC, c.id DESC
    ) b
  )
  SELECT a.code, count(*) AS n FROM st a LEFT JOIN st p ON p."enrolleeId" = a."enrolleeId" AND p.x = a.x - 1
  WHERE a.x >= DATE '${from}' AND a.s = 'L' AND (p.s IS NULL OR p.s <> 'L') GROUP BY 1`);

const sum = (m: Map<string, number>, keys?: string[]) => [...m].filter(([k]) => !keys || keys.includes(k)).reduce((s, [, v]) => s + v, 0);
const get = (m: Map<string, number>, k: string) => m.get(k) ?? 0;
const pct = (a: number, b: number) => (b === 0 ? null : (Math.sign(a) * Math.round(Math.abs(a / b) * 10000)) / 100 || 0);

async function sqlTarget(unitCode: string, year: number) {
  return (await t.prisma.target.findUnique({ where: { year_unitCode: { year, unitCode } } }))?.participants ?? null;
}
async function sqlLabourForce(level: "provinceCode" | "areaCode", code: string, year: number) {
  const r = await t.prisma.$queryRawUnsafe<{ n: bigint }[]>(
    `SELECT sum(lf.persons) AS n FROM "LabourForce" lf JOIN "Unit" u ON u.code = lf."unitCode" WHERE u.level = 'COMMUNE' AND u."${level}" = '${code}' AND lf.year = ${year}`,
  );
  return Number(r[0].n);
}
const monthEnds = (year: number) => Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(year, i + 1, 0)).toISOString().slice(0, 10));

// ------------------------------------------------------------------ the tests

const D = DASH_AS_OF; // 2025-10-20
const DATES = [D, "2025-06-30", "2024-12-31", "2024-03-15"];

describe("overview figures equal independent SQL", () => {
  for (const on of DATES) {
    it(`Hà Nội on ${on}`, async () => {
      const o = await getOverview(t.prisma, hanoi, { unit: "01", date: on });
      const f = o.figures;
      const year = Number(on.slice(0, 4));
      const ly = `${year - 1}${on.slice(4)}`;
      const participants = get(await sqlParticipants(on, "provinceCode"), "01");
      const lastYear = get(await sqlParticipants(ly, "provinceCode"), "01");
      expect(participants).toBeGreaterThan(10); // the data set is not empty here
      expect(f.participants).toBe(participants);
      expect(f.participantsLastYear).toBe(lastYear);
      expect(f.change.delta).toBe(participants - lastYear);
      expect(f.change.pct).toBe(pct(participants - lastYear, lastYear));
      expect(f.overdue).toBe(get(await sqlOverdue(on, "provinceCode"), "01"));
      expect(f.lapsed).toBe(get(await sqlLapsed(on, "provinceCode"), "01"));
      expect(f.newThisYear).toBe(get(await sqlNew(on, "provinceCode"), "01"));
      const target = await sqlTarget("01", year);
      expect(f.target).toBe(target);
      expect(f.attainmentPct).toBe(target === null ? null : pct(participants, target));
      const lf = await sqlLabourForce("provinceCode", "01", year);
      expect(f.labourForce).toBe(lf);
      expect(f.coveragePct).toBe(pct(participants, lf));
      // Resolution 28: 2.5% in 2025, straight line 1% (2021) → 2.5% (2025): 2024 = 2.125%
      const shareBp = year === 2025 ? 250 : 100 + ((250 - 100) * (year - 2021)) / 4;
      expect(f.expectedShareBp).toBeCloseTo(shareBp, 9);
      expect(f.missingToExpected).toBe(Math.max(0, Math.ceil((lf * shareBp) / 10000 - 1e-9) - participants));
      const atYearStart = get(await sqlParticipants(`${year - 1}-12-31`, "provinceCode"), "01");
      const lapsedThisYear = get(await sqlBecameLapsed(`${year}-01-01`, on, "provinceCode"), "01");
      expect(f.participantsAtYearStart).toBe(atYearStart);
      expect(f.lapsedThisYear).toBe(lapsedThisYear);
      expect(f.lapseRatePct).toBe(pct(lapsedThisYear, atYearStart));
    });
  }

  it("the monthly series (this year vs last year, new and lapsed per month) and the forecast", async () => {
    const o = await getOverview(t.prisma, hanoi, { unit: "01", date: D });
    const m = o.figures.months;
    expect(m.map((x) => x.month)).toEqual(monthEnds(2025).map((d) => d.slice(0, 7)));
    const ends25 = monthEnds(2025);
    const ends24 = monthEnds(2024);
    for (let i = 0; i < 12; i++) {
      expect(m[i].lastYear, `last year ${ends24[i]}`).toBe(get(await sqlParticipants(ends24[i], "provinceCode"), "01"));
      if (i < 9) {
        expect(m[i].participants, `month end ${ends25[i]}`).toBe(get(await sqlParticipants(ends25[i], "provinceCode"), "01"));
        expect(m[i].newCount, `new in ${ends25[i]}`).toBe(get(await sqlNew(D, "provinceCode", `${ends25[i].slice(0, 7)}-01`, ends25[i]), "01"));
        expect(m[i].lapsed, `lapsed in ${ends25[i]}`).toBe(get(await sqlBecameLapsed(`${ends25[i].slice(0, 7)}-01`, ends25[i], "provinceCode"), "01"));
      } else if (i === 9) {
        // October runs to D
        expect(m[i].participants).toBe(o.figures.participants);
        expect(m[i].newCount).toBe(get(await sqlNew(D, "provinceCode", "2025-10-01", D), "01"));
      } else {
        expect(m[i].participants).toBeNull();
        expect(m[i].newCount).toBeNull();
      }
    }
    expect(m.reduce((s, x) => s + (x.newCount ?? 0), 0)).toBe(o.figures.newThisYear);
    expect(m.reduce((s, x) => s + (x.lapsed ?? 0), 0)).toBe(o.figures.lapsedThisYear);
    // the forecast's cohorts, in SQL (ADR 1401): participants whose coverage ends before 31/12, coverage
    // ends of [D − 15 months, D − 3 months) and their renewals within 3 months, new people of 2022–2024 per month
    const ending = get(
      await sqlByLevel(`SELECT b."provinceCode" AS code, count(*) AS n FROM (${best(D)}) b
      WHERE b."periodEnd" >= DATE '${D}' AND NOT EXISTS (SELECT 1 FROM "Contribution" o WHERE o."enrolleeId" = b."enrolleeId"
        AND o."paidOn" <= DATE '${D}' AND o."periodEnd" >= DATE '2025-12-31') GROUP BY 1`),
      "01",
    );
    const [ends] = await t.prisma.$queryRawUnsafe<{ ended: bigint; renewed: bigint }[]>(`
      SELECT count(*) AS ended, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Contribution" o WHERE o."enrolleeId" = c."enrolleeId"
        AND o.id <> c.id AND o."periodEnd" > c."periodEnd" AND o."paidOn" <= (c."periodEnd" + interval '3 months')::date)) AS renewed
      FROM "Contribution" c WHERE c."provinceCode" = '01' AND c."paidOn" <= DATE '${D}'
        AND c."periodEnd" >= DATE '2024-07-20' AND c."periodEnd" < DATE '2025-07-20'`);
    expect(Number(ends.ended)).toBeGreaterThanOrEqual(30); // enough for Hà Nội's own rate
    const renewalBp = Math.round((Number(ends.renewed) * 10000) / Number(ends.ended));
    const years: number[][] = [];
    for (const y of [2022, 2023, 2024]) {
      const row: number[] = [];
      for (const e of monthEnds(y)) row.push(get(await sqlNew(D, "provinceCode", `${e.slice(0, 7)}-01`, e), "01"));
      if (years.length > 0 || row.some((v) => v > 0)) years.push(row); // the average starts with the first year that has data
    }
    const perMonth = Array.from({ length: 12 }, (_, i) => years.reduce((s, r) => s + r[i], 0) / years.length);
    const f = forecastYearEnd({
      on: D,
      participants: o.figures.participants,
      ending,
      inGrace: o.figures.overdue,
      renewalBp,
      newPerMonth: perMonth,
      newThisYear: o.figures.newThisYear,
      target: o.figures.target!,
    });
    expect(o.figures.forecastParts.renewalRateBp).toBe(renewalBp);
    expect({ projected: o.figures.projected, status: o.figures.forecastStatus, shortfall: o.figures.shortfall }).toEqual({
      projected: f.projected,
      status: f.status,
      shortfall: f.shortfall,
    });

    const s = await getSeries(t.prisma, hanoi, { unit: "01", year: 2024 });
    expect(s.asOf).toBe("2024-12-31");
    for (let i = 0; i < 12; i++) expect(s.months[i].participants).toBe(get(await sqlParticipants(ends24[i], "provinceCode"), "01"));
  });

  it("the nation is the sum of its provinces; an area and a commune match too", async () => {
    const national = await getOverview(t.prisma, nation, { unit: "VN", date: D });
    const byProvince = await sqlParticipants(D, "provinceCode");
    expect(national.figures.participants).toBe(sum(byProvince));
    expect(national.figures.newThisYear).toBe(sum(await sqlNew(D, "provinceCode")));
    expect(national.figures.lapsed).toBe(sum(await sqlLapsed(D, "provinceCode")));
    expect(national.targetSource).toBe("CHILDREN");
    expect(national.figures.target).toBe(200 + 90);
    const area = await getOverview(t.prisma, badinh, { date: D });
    expect(area.unit.code).toBe("001");
    expect(area.figures.participants).toBe(get(await sqlParticipants(D, "areaCode"), "001"));
    expect(area.figures.overdue).toBe(get(await sqlOverdue(D, "areaCode"), "001"));
    const commune = await getOverview(t.prisma, badinh, { unit: "00004", date: D });
    expect(commune.figures.participants).toBe(get(await sqlParticipants(D, "communeCode"), "00004"));
    expect(commune.figures.newThisYear).toBe(get(await sqlNew(D, "communeCode"), "00004"));
    expect(await countParticipants(t.prisma, { level: "NATION", code: "VN" }, D)).toBe(sum(byProvince));
  });
});

describe("league table rows equal independent SQL", () => {
  for (const on of [D, "2024-08-31"]) {
    it(`areas of Hà Nội on ${on}`, async () => {
      const league = await getLeague(t.prisma, hanoi, { unit: "01", date: on, sort: "code" });
      expect(league.kind).toBe("UNITS");
      expect(league.rows).toHaveLength(30);
      const year = Number(on.slice(0, 4));
      const [p, ly, od, lp, nw, lapsedYear, yearStart] = await Promise.all([
        sqlParticipants(on, "areaCode"),
        sqlParticipants(`${year - 1}${on.slice(4)}`, "areaCode"),
        sqlOverdue(on, "areaCode"),
        sqlLapsed(on, "areaCode"),
        sqlNew(on, "areaCode"),
        sqlBecameLapsed(`${year}-01-01`, on, "areaCode"),
        sqlParticipants(`${year - 1}-12-31`, "areaCode"),
      ]);
      for (const r of league.rows) {
        const target = await sqlTarget(r.code, year);
        expect(r.participants, r.code).toBe(get(p, r.code));
        expect(r.participantsLastYear, r.code).toBe(get(ly, r.code));
        expect(r.change.delta).toBe(get(p, r.code) - get(ly, r.code));
        expect(r.overdue, r.code).toBe(get(od, r.code));
        expect(r.lapsed, r.code).toBe(get(lp, r.code));
        expect(r.newThisYear, r.code).toBe(get(nw, r.code));
        expect(r.target, r.code).toBe(target);
        expect(r.attainmentPct).toBe(target === null ? null : pct(get(p, r.code), target));
        expect(r.lapseRatePct, r.code).toBe(pct(get(lapsedYear, r.code), get(yearStart, r.code)));
        const lf = await sqlLabourForce("areaCode", r.code, year);
        expect(r.coveragePct).toBe(pct(get(p, r.code), lf));
      }
      // the rows add up to the province
      const o = await getOverview(t.prisma, hanoi, { unit: "01", date: on });
      expect(league.rows.reduce((s, r) => s + r.participants, 0)).toBe(o.figures.participants);
      expect(Object.fromEntries(await countParticipantsByChild(t.prisma, { level: "PROVINCE", code: "01" }, on))).toEqual(
        Object.fromEntries([...p].filter(([k]) => k !== "412")),
      );
    });
  }

  it("is sorted by the requested column; at-risk units are the ones projected short, largest shortfall first", async () => {
    const league = await getLeague(t.prisma, hanoi, { unit: "01", date: D, sort: "participants", dir: "desc" });
    const values = league.rows.map((r) => r.participants);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const asc = await getLeague(t.prisma, hanoi, { unit: "01", date: D, sort: "attainment", dir: "asc" });
    const withTarget = asc.rows.filter((r) => r.attainmentPct !== null).map((r) => r.attainmentPct!);
    expect(withTarget).toEqual([...withTarget].sort((a, b) => a - b));
    expect(asc.rows.slice(withTarget.length).every((r) => r.attainmentPct === null)).toBe(true); // no target: last
    expect(league.atRisk.length).toBeGreaterThan(0);
    for (const r of league.atRisk) {
      expect(["AT_RISK", "OFF_TRACK"]).toContain(r.forecastStatus);
      expect(r.shortfall).toBe(Math.max(0, r.target! - r.projected));
    }
    expect(league.atRisk.map((r) => r.shortfall)).toEqual(league.atRisk.map((r) => r.shortfall).sort((a, b) => b! - a!));
    expect(league.rows.filter((r) => r.forecastStatus === "AT_RISK" || r.forecastStatus === "OFF_TRACK")).toHaveLength(league.atRisk.length);
  });

  it("communes of an area, and the agents of a commune", async () => {
    const league = await getLeague(t.prisma, badinh, { unit: "001", date: D, sort: "code" });
    const p = await sqlParticipants(D, "communeCode");
    expect(league.rows.map((r) => r.code)).toEqual(["00004", "00008", "00025"]);
    for (const r of league.rows) expect(r.participants).toBe(get(p, r.code));
    const agents = await getLeague(t.prisma, badinh, { unit: "00004", date: D, sort: "code" });
    expect(agents.kind).toBe("AGENTS");
    const byAgent = await sqlParticipants(D, "agentId");
    const byAgentLy = await sqlParticipants("2024-10-20", "agentId");
    const ids = await t.prisma.agentCommune.findMany({ where: { communeCode: "00004" }, select: { agentId: true } });
    expect(agents.rows.map((r) => r.agentId).sort()).toEqual(ids.map((i) => i.agentId).sort());
    for (const r of agents.rows) {
      expect(r.participants).toBe(get(byAgent, String(r.agentId)));
      expect(r.participantsLastYear).toBe(get(byAgentLy, String(r.agentId)));
      const target = (await t.prisma.target.findUnique({ where: { year_agentId: { year: 2025, agentId: r.agentId! } } }))?.participants ?? null;
      expect(r.target).toBe(target);
    }
  });
});

describe("agents working in a unit", () => {
  it("attainment per agent and the review flag below the threshold after 30 June", async () => {
    const table = await getAgentTable(t.prisma, hanoi, { unit: "01", date: D, sort: "code", dir: "asc" }, { all: true });
    const agents = await t.prisma.collectionAgent.findMany({ where: { provinceCode: "01" }, select: { id: true, status: true } });
    expect(table.total).toBe(agents.length);
    expect(table.thresholdBp).toBe(5000);
    expect(table.reviewApplies).toBe(true);
    const byAgent = await sqlParticipants(D, "agentId");
    let flagged = 0;
    for (const r of table.rows) {
      expect(r.participants).toBe(get(byAgent, String(r.id)));
      const shouldFlag = r.status !== "ENDED" && r.target !== null && r.target > 0 && r.participants / r.target < 0.5;
      expect(r.review, r.code).toBe(shouldFlag);
      if (shouldFlag) flagged++;
    }
    expect(flagged).toBeGreaterThan(0);
    expect(table.flagged).toBe(flagged);
    // before 1 July nobody is flagged
    const spring = await getAgentTable(t.prisma, hanoi, { unit: "01", date: "2025-06-30" }, { all: true });
    expect(spring.reviewApplies).toBe(false);
    expect(spring.rows.some((r) => r.review)).toBe(false);
    // pages of 50; a page past the end shows the last one
    expect(table.total).toBeLessThan(50);
    const page2 = await getAgentTable(t.prisma, hanoi, { unit: "01", date: D, sort: "code", page: 2 });
    expect(page2.page).toBe(1);
    expect(page2.rows.map((r) => r.code)).toEqual(table.rows.map((r) => r.code));
  });
});

describe("breakdowns", () => {
  it("by subsidy group, sex, age band, occupation, payment period and method, each summing to the participants", async () => {
    const b = await getBreakdowns(t.prisma, hanoi, { unit: "01", date: D });
    const participants = get(await sqlParticipants(D, "provinceCode"), "01");
    expect(b.total).toBe(participants);
    for (const dim of Object.keys(b.by) as (keyof typeof b.by)[])
      expect(
        b.by[dim].reduce((s, x) => s + x.count, 0),
        dim,
      ).toBe(participants);
    const q = async (expr: string) =>
      sqlByLevel(`
      SELECT ${expr} AS code, count(*) AS n FROM (${best(D)}) b JOIN "Enrollee" e ON e.id = b."enrolleeId"
      WHERE b."periodEnd" >= DATE '${D}' AND b."provinceCode" = '01' GROUP BY 1`);
    const asMap = (dim: keyof typeof b.by) => new Map(b.by[dim].filter((x) => x.count > 0).map((x) => [x.key, x.count]));
    expect(asMap("sex")).toEqual(await q(`e.sex::text`));
    expect(asMap("subsidyGroup")).toEqual(await q(`e."subsidyGroup"::text`));
    expect(asMap("occupation")).toEqual(await q(`e.occupation::text`));
    expect(asMap("paymentPeriod")).toEqual(await q(`b."paymentPeriod"::text`));
    expect(asMap("method")).toEqual(await q(`b.method::text`));
    expect(asMap("ageBand")).toEqual(
      await q(`CASE
      WHEN date_part('year', age(DATE '${D}', e."dateOfBirth")) >= 60 THEN '60+'
      WHEN date_part('year', age(DATE '${D}', e."dateOfBirth")) >= 55 THEN '55-59'
      WHEN date_part('year', age(DATE '${D}', e."dateOfBirth")) >= 45 THEN '45-54'
      WHEN date_part('year', age(DATE '${D}', e."dateOfBirth")) >= 35 THEN '35-44'
      WHEN date_part('year', age(DATE '${D}', e."dateOfBirth")) >= 25 THEN '25-34'
      WHEN date_part('year', age(DATE '${D}', e."dateOfBirth")) >= 15 THEN '15-24' ELSE 'under-15' END`),
    );
  });
});

describe("scope", () => {
  it("a province officer's dashboard never includes another province", async () => {
    const o = await getOverview(t.prisma, hanoi, { date: D });
    expect(o.unit.code).toBe("01");
    expect(o.figures.participants).toBe(get(await sqlParticipants(D, "provinceCode"), "01"));
    const league = await getLeague(t.prisma, hanoi, { date: D });
    const areasOf01 = (await t.prisma.unit.findMany({ where: { level: "AREA", provinceCode: "01" }, select: { code: true } })).map((u) => u.code).sort();
    expect(league.rows.map((r) => r.code).sort()).toEqual(areasOf01);
    const agents = await getAgentTable(t.prisma, hanoi, { date: D }, { all: true });
    const agentsOf40 = (await t.prisma.collectionAgent.findMany({ where: { provinceCode: "40" }, select: { id: true } })).map((a) => a.id);
    expect(agents.rows.some((r) => agentsOf40.includes(r.id))).toBe(false);
    // another province's units and the nation are "not found"
    for (const unit of ["40", "412", "VN", "00004x"]) {
      await expect(getOverview(t.prisma, hanoi, { unit: unit === "00004x" ? "41201" : unit, date: D })).rejects.toMatchObject({ status: 404 });
    }
    await expect(getLeague(t.prisma, nghean, { unit: "01" })).rejects.toMatchObject({ status: 404 });
    await expect(getSeries(t.prisma, nghean, { unit: "001" })).rejects.toMatchObject({ status: 404 });
    await expect(getBreakdowns(t.prisma, badinh, { unit: "006" })).rejects.toMatchObject({ status: 404 });
    await expect(getAgentTable(t.prisma, badinh, { unit: "01" })).rejects.toMatchObject({ status: 404 });
  });

  it("rejects bad parameters", async () => {
    await expect(getOverview(t.prisma, hanoi, { date: "2025-02-30" })).rejects.toThrow(/Ngày không hợp lệ/);
    await expect(getOverview(t.prisma, hanoi, { date: "2999-01-01" })).rejects.toThrow(/sau hôm nay/);
    await expect(getOverview(t.prisma, hanoi, { unit: "'; drop" })).rejects.toThrow(/Mã đơn vị/);
    await expect(getLeague(t.prisma, hanoi, { sort: "password" })).rejects.toThrow(/sắp xếp/);
  });
});

describe("the forecast's inputs, kept as aggregates (ADR 1405), equal independent SQL", () => {
  /** Participants on X none of whose contributions paid by X reaches 31 December of X's year. */
  const sqlEnding = (x: string, level: Level) =>
    sqlByLevel(`SELECT b."${level}" AS code, count(*) AS n FROM (${best(x)}) b
      WHERE b."periodEnd" >= DATE '${x}' AND NOT EXISTS (SELECT 1 FROM "Contribution" o WHERE o."enrolleeId" = b."enrolleeId"
        AND o."paidOn" <= DATE '${x}' AND o."periodEnd" >= DATE '${x.slice(0, 4)}-12-31') GROUP BY 1`);
  /** Contributions paid by X ending in the renewal window of X, and those followed by one reaching further paid within 3 months of the end. */
  const sqlRenewals = async (x: string, level: Level) => {
    const w = renewalWindow(x);
    const rows = await t.prisma.$queryRawUnsafe<{ code: string; ended: bigint; renewed: bigint }[]>(`
      SELECT c."${level}" AS code, count(*) AS ended, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Contribution" o WHERE o."enrolleeId" = c."enrolleeId"
        AND o.id <> c.id AND o."periodEnd" > c."periodEnd" AND o."paidOn" <= (c."periodEnd" + interval '3 months')::date)) AS renewed
      FROM "Contribution" c WHERE c."paidOn" <= DATE '${x}' AND c."periodEnd" >= DATE '${w.from}' AND c."periodEnd" < DATE '${w.to}' GROUP BY 1`);
    return new Map(rows.map((r) => [r.code, { ended: Number(r.ended), renewed: Number(r.renewed) }]));
  };
  // year ends and starts (the year end moves on 1 January), a month's first and last day, and D
  for (const on of [D, "2024-12-31", "2025-01-01", "2025-03-01", "2024-06-30", "2023-12-31", "2024-01-01"]) {
    it(`areas of Hà Nội and the provinces on ${on}`, async () => {
      const areas = await childGroups(t.prisma, { level: "PROVINCE", code: "01" });
      const provinces = await childGroups(t.prisma, { level: "NATION", code: "VN" });
      const [ending, renewals, byArea, byProvince] = await Promise.all([
        endingBeforeYearEnd(t.prisma, [...areas, ...provinces], on),
        renewalCounts(t.prisma, [...areas, ...provinces], on),
        Promise.all([sqlEnding(on, "areaCode"), sqlRenewals(on, "areaCode")]),
        Promise.all([sqlEnding(on, "provinceCode"), sqlRenewals(on, "provinceCode")]),
      ]);
      let endingSeen = 0,
        renewedSeen = 0;
      for (const [groups, [sqlE, sqlR]] of [
        [areas, byArea],
        [provinces, byProvince],
      ] as const) {
        for (const g of groups) {
          expect(ending.get(g.key), `ending ${g.key}`).toBe(get(sqlE, g.key));
          expect(renewals.get(g.key), `renewals ${g.key}`).toEqual(sqlR.get(g.key) ?? { ended: 0, renewed: 0 });
          endingSeen += get(sqlE, g.key);
          renewedSeen += sqlR.get(g.key)?.renewed ?? 0;
        }
      }
      // on 31 December every participant's coverage reaches the year end
      if (on.endsWith("-12-31")) expect(endingSeen).toBe(0);
      else expect(endingSeen).toBeGreaterThan(0);
      if (on >= "2024-01-01") expect(renewedSeen).toBeGreaterThan(0);
      // the nation: its provinces summed
      const vn = await groupOf(t.prisma, { level: "NATION", code: "VN" });
      expect((await endingBeforeYearEnd(t.prisma, [vn], on)).get("VN")).toBe(sum(byProvince[0]));
      const total = [...byProvince[1].values()].reduce((a, c) => ({ ended: a.ended + c.ended, renewed: a.renewed + c.renewed }), { ended: 0, renewed: 0 });
      expect((await renewalCounts(t.prisma, [vn], on)).get("VN")).toEqual(total);
    });
  }
});
