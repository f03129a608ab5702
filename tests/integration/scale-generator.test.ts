// The national-scale generator at a tiny size (2,000 enrollees in two provinces) on the test database:
// every expectation below is computed independently — hand-written SQL, the domain's validator and
// calculator on the stored inputs — not by asking the generator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "./db";
import { generateScaleData, sqlFromPrisma, type ScaleResult } from "@/lib/ops/seed/scale";
import { calculateContribution } from "@/lib/domain/contribution";
import { validatePersonalId } from "@/lib/domain/personal-id";
import { policyAt } from "@/lib/domain/policy";
import { loadPolicyTables } from "@/lib/server/reference/policy";
import { countParticipants } from "@/lib/server/dashboard/counting";
import { fromIsoDate } from "@/lib/domain/dates";
import type { PaymentPeriod, SubsidyGroup } from "@/lib/domain/types";

const AS_OF = "2026-06-30";
const PROVINCES = ["01", "40"]; // Hà Nội, Nghệ An
const N = 2000;

let t: TestDb;
let result: ScaleResult;
const q = <T>(sql: string, ...params: unknown[]) => t.prisma.$queryRawUnsafe<T[]>(sql, ...params);
const num = (v: unknown) => Number(v);

beforeAll(async () => {
  t = await freshDb();
  result = await t.prisma.$transaction(
    (tx) =>
      generateScaleData(tx, sqlFromPrisma(tx), {
        enrollees: N,
        years: 3,
        provinces: PROVINCES,
        seed: 7,
        asOf: AS_OF,
        transaction: "caller",
        bulkChecks: true,
        batchSize: 500,
      }),
    { timeout: 300_000, maxWait: 30_000 },
  );
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe("scale generator", () => {
  it("creates the requested enrollees, only in the requested provinces, with contributions, agents, targets and users", async () => {
    expect(result.enrollees).toBe(N);
    const rows = await q<{ p: string; n: bigint }>(`SELECT "provinceCode" AS p, count(*) AS n FROM "Enrollee" GROUP BY 1 ORDER BY 1`);
    expect(rows.map((r) => r.p)).toEqual(PROVINCES);
    expect(rows.reduce((s, r) => s + num(r.n), 0)).toBe(N);
    expect(num((await q<{ n: bigint }>(`SELECT count(*) AS n FROM "Contribution"`))[0].n)).toBe(result.contributions);
    expect(result.contributions).toBeGreaterThan(N * 2);
    // every commune of the two provinces is served by at least one agent
    const unserved = await q<{ n: bigint }>(`SELECT count(*) AS n FROM "Unit" u WHERE u.level = 'COMMUNE' AND u."provinceCode" IN ('01', '40')
      AND NOT EXISTS (SELECT 1 FROM "AgentCommune" ac WHERE ac."communeCode" = u.code)`);
    expect(num(unserved[0].n)).toBe(0);
    expect(await t.prisma.user.count({ where: { login: { in: ["admin", "tinh.hanoi", "cs.badinh"] } } })).toBe(3);
  });

  it("gives valid, unique CCCD numbers that agree with the date of birth and sex, and unique SI codes", async () => {
    const people = await q<{ personalId: string; dob: string; sex: "MALE" | "FEMALE" }>(
      `SELECT "personalId", to_char("dateOfBirth", 'YYYY-MM-DD') AS dob, sex::text AS sex FROM "Enrollee"`,
    );
    const invalid = people.filter((p) => validatePersonalId(p.personalId, p.dob, p.sex).length > 0);
    expect(invalid).toEqual([]);
    expect(new Set(people.map((p) => p.personalId)).size).toBe(people.length);
    const si = await q<{ n: bigint; d: bigint; bad: bigint }>(
      `SELECT count("siCode") AS n, count(DISTINCT "siCode") AS d, count(*) FILTER (WHERE "siCode" !~ '^[0-9]{10}$') AS bad FROM "Enrollee"`,
    );
    expect(num(si[0].n)).toBe(num(si[0].d));
    expect(num(si[0].bad)).toBe(0);
  });

  it("records amounts equal to the calculator's for the payment date, province and group (sample of 400)", async () => {
    const tables = await loadPolicyTables(t.prisma);
    const sample = await q<{
      paidOn: string;
      provinceCode: string;
      declaredIncome: number;
      paymentPeriod: PaymentPeriod;
      months: number;
      subsidyGroup: SubsidyGroup;
      used: bigint;
      gross: number;
      centralSubsidy: number;
      provincialTopUp: number;
      net: number;
      subsidyMonths: number;
    }>(`
      SELECT * FROM (
        SELECT to_char(c."paidOn", 'YYYY-MM-DD') AS "paidOn", c."provinceCode", c."declaredIncome", c."paymentPeriod"::text AS "paymentPeriod", c.months,
          e."subsidyGroup"::text AS "subsidyGroup", c.gross, c."centralSubsidy", c."provincialTopUp", c.net, c."subsidyMonths", c.id,
          COALESCE(sum(c."subsidyMonths") OVER (PARTITION BY c."enrolleeId" ORDER BY c."periodStart" ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS used
        FROM "Contribution" c JOIN "Enrollee" e ON e.id = c."enrolleeId"
      ) x ORDER BY md5(x.id::text) LIMIT 400`);
    expect(sample.length).toBe(400);
    // Hà Nội's top-up must show up somewhere, and both decrees' subsidies
    expect(sample.some((s) => s.provincialTopUp > 0)).toBe(true);
    for (const s of sample) {
      const r = calculateContribution({
        policy: policyAt(tables, s.paidOn, s.provinceCode),
        declaredIncome: s.declaredIncome,
        period: s.paymentPeriod,
        months: s.months,
        subsidyGroup: s.subsidyGroup,
        subsidyMonthsUsed: num(s.used),
      });
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect({ gross: s.gross, centralSubsidy: s.centralSubsidy, provincialTopUp: s.provincialTopUp, net: s.net, subsidyMonths: s.subsidyMonths }).toEqual({
        gross: r.value.gross,
        centralSubsidy: r.value.centralSubsidy,
        provincialTopUp: r.value.provincialTopUp,
        net: r.value.net,
        subsidyMonths: r.value.subsidyMonths,
      });
    }
  });

  it("keeps each enrollee's coverage summary equal to their contributions, with no overlapping periods", async () => {
    const mismatch = await q<{ n: bigint }>(`
      SELECT count(*) AS n FROM "Enrollee" e LEFT JOIN (
        SELECT "enrolleeId", min("periodStart") AS f, max("periodEnd") AS l, sum("subsidyMonths") AS s FROM "Contribution" GROUP BY 1
      ) c ON c."enrolleeId" = e.id
      WHERE e."firstCoveredOn" IS DISTINCT FROM c.f OR e."coverageEnd" IS DISTINCT FROM c.l OR e."subsidyMonthsUsed" <> COALESCE(c.s, 0)`);
    expect(num(mismatch[0].n)).toBe(0);
    const overlaps = await q<{ n: bigint }>(`
      SELECT count(*) AS n FROM (SELECT "periodStart", lag("periodEnd") OVER (PARTITION BY "enrolleeId" ORDER BY "periodStart") AS prev FROM "Contribution") x
      WHERE prev >= "periodStart"`);
    expect(num(overlaps[0].n)).toBe(0);
    // contributions carry their enrollee's place
    const misplaced = await q<{ n: bigint }>(`SELECT count(*) AS n FROM "Contribution" c JOIN "Enrollee" e ON e.id = c."enrolleeId"
      WHERE (c."provinceCode", c."areaCode", c."communeCode") IS DISTINCT FROM (e."provinceCode", e."areaCode", e."communeCode")`);
    expect(num(misplaced[0].n)).toBe(0);
  });

  it("spreads enrollees over provinces in proportion to the labour force (within 1%)", async () => {
    const rows = await q<{ code: string; enrollees: bigint; lf: bigint }>(`
      SELECT p.code, (SELECT count(*) FROM "Enrollee" e WHERE e."provinceCode" = p.code) AS enrollees,
        (SELECT sum(lf.persons) FROM "LabourForce" lf JOIN "Unit" c ON c.code = lf."unitCode" WHERE c.level = 'COMMUNE' AND c."provinceCode" = p.code AND lf.year = 2026) AS lf
      FROM "Unit" p WHERE p.code IN ('01', '40')`);
    const totalLf = rows.reduce((s, r) => s + num(r.lf), 0);
    for (const r of rows) expect(Math.abs(num(r.enrollees) - (N * num(r.lf)) / totalLf)).toBeLessThanOrEqual(0.01 * N);
  });

  it("cascades targets that add up: areas to their province, communes to their area, agents to the communes' total", async () => {
    const bad = await q<{ n: bigint }>(`
      SELECT count(*) AS n FROM "Target" p JOIN "Unit" u ON u.code = p."unitCode" AND u.level IN ('PROVINCE', 'AREA')
      WHERE p.participants <> (SELECT sum(c.participants) FROM "Target" c JOIN "Unit" cu ON cu.code = c."unitCode" WHERE cu."parentCode" = u.code AND c.year = p.year)`);
    expect(num(bad[0].n)).toBe(0);
    const byYear = await q<{ year: number; communes: bigint; agents: bigint }>(`
      SELECT t.year, sum(t.participants) FILTER (WHERE u.level = 'COMMUNE') AS communes, sum(t.participants) FILTER (WHERE t."agentId" IS NOT NULL) AS agents
      FROM "Target" t LEFT JOIN "Unit" u ON u.code = t."unitCode" GROUP BY 1 ORDER BY 1`);
    expect(byYear.map((r) => r.year)).toEqual([2024, 2025, 2026]);
    for (const r of byYear) expect(num(r.agents)).toBe(num(r.communes));
  });

  it("leaves the dashboard aggregates equal to a count straight from the contributions", async () => {
    for (const [unit, d] of [
      [{ level: "PROVINCE", code: "01" }, AS_OF],
      [{ level: "PROVINCE", code: "40" }, "2025-12-31"],
      [{ level: "NATION", code: "VN" }, "2025-05-15"],
    ] as const) {
      const live = await q<{ n: bigint }>(
        `SELECT count(DISTINCT "enrolleeId") AS n FROM "Contribution" WHERE ($1 = 'VN' OR "provinceCode" = $1)
           AND "periodStart" <= $2::date AND "periodEnd" >= $2::date AND "paidOn" <= $2::date`,
        unit.code,
        fromIsoDate(d),
      );
      expect(await countParticipants(t.prisma, unit, d)).toBe(num(live[0].n));
    }
  });

  it("shows the campaign peaks: payments in May and November above the other months", async () => {
    const months = await q<{ m: number; n: bigint }>(`SELECT extract(month FROM "paidOn")::int AS m, count(*) AS n FROM "Contribution" GROUP BY 1`);
    const by = new Map(months.map((r) => [r.m, num(r.n)]));
    const others = [1, 2, 3, 4, 6, 7, 8, 9, 10, 12].map((m) => by.get(m) ?? 0);
    const mean = others.reduce((a, b) => a + b, 0) / others.length;
    expect(by.get(5)!).toBeGreaterThan(mean * 1.2);
    expect(by.get(11)!).toBeGreaterThan(mean * 1.2);
  });
});
