// The aggregate tables the dashboard reads are kept by triggers on "Contribution" in the same
// transaction as every write. Whatever the writes (inserts in bulk, updates, deletes, rollbacks),
// they must equal a rebuild from scratch, and the lapse day must agree with lib/domain/coverage-status.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { freshDb, type TestDb } from "./db";
import { testEngine } from "./engine";
import { generateDashboardData } from "../fixtures/dashboard";
import { createEnrollee } from "../fixtures/factories";
import { addDays, fromIsoDate } from "@/lib/domain/dates";
import { coverageStatus } from "@/lib/domain/coverage-status";
import { makePersonalId } from "@/lib/domain/personal-id";
import { countParticipants, rebuildAggregates } from "@/lib/server/dashboard/counting";
import { renewalCounts } from "@/lib/server/dashboard/forecast";
import { finalPeriod, unitRenewalRates } from "@/lib/server/dashboard/retention";

let t: TestDb;
beforeAll(async () => {
  t = await freshDb();
  await generateDashboardData(t.prisma, { seed: 11, people: 250 });
});
afterAll(async () => {
  await t.close();
});

/** The aggregates' content without the rows whose deltas cancelled out. */
async function aggregates() {
  const q = async (sql: string) => (await t.prisma.$queryRawUnsafe<Record<string, unknown>[]>(sql)).map((r) => JSON.stringify(r));
  return {
    status: await q(`SELECT "unitCode", measure::text, day::text, delta FROM "DashboardStatusDelta" WHERE delta <> 0 ORDER BY 1, 2, 3`),
    news: await q(`SELECT "unitCode", "firstStart"::text, "knownOn"::text, delta FROM "DashboardNewDelta" WHERE delta <> 0 ORDER BY 1, 2, 3`),
    agents: await q(`SELECT "agentId", day::text, delta FROM "DashboardAgentDelta" WHERE delta <> 0 ORDER BY 1, 2`),
    statusMonths: await q(`SELECT "unitCode", measure::text, month::text, delta FROM "DashboardStatusMonth" WHERE delta <> 0 ORDER BY 1, 2, 3`),
    newMonths: await q(`SELECT "unitCode", "firstStart"::text, "knownMonth"::text, delta FROM "DashboardNewMonth" WHERE delta <> 0 ORDER BY 1, 2, 3`),
    agentMonths: await q(`SELECT "agentId", month::text, delta FROM "DashboardAgentMonth" WHERE delta <> 0 ORDER BY 1, 2`),
    renewals: await q(
      `SELECT "unitCode", "knownOn"::text, "endDay"::text, ended, renewed, "renewedNext" FROM "DashboardRenewalDelta" WHERE ended <> 0 OR renewed <> 0 OR "renewedNext" <> 0 ORDER BY 1, 2, 3`,
    ),
    renewalMonths: await q(
      `SELECT "unitCode", "endDay"::text, "knownMonth"::text, ended, renewed, "renewedNext" FROM "DashboardRenewalMonth" WHERE ended <> 0 OR renewed <> 0 OR "renewedNext" <> 0 ORDER BY 1, 2, 3`,
    ),
  };
}

async function expectEqualToRebuild() {
  const kept = await aggregates();
  expect(kept.status.length).toBeGreaterThan(100);
  expect(kept.status.filter((r) => r.includes('"REACHES_YEAR_END"')).length).toBeGreaterThan(10);
  expect(kept.renewals.filter((r) => !r.includes('"renewed":0,')).length).toBeGreaterThan(10);
  expect(kept.renewalMonths.filter((r) => !r.endsWith('"renewedNext":0}')).length).toBeGreaterThan(10);
  // the monthly tables are the daily ones summed by month
  const q = async (sql: string) => (await t.prisma.$queryRawUnsafe<Record<string, unknown>[]>(sql)).map((r) => JSON.stringify(r));
  expect(kept.statusMonths).toEqual(
    await q(
      `SELECT "unitCode", measure::text, date_trunc('month', day)::date::text AS month, sum(delta)::int AS delta FROM "DashboardStatusDelta" GROUP BY 1, 2, 3 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3`,
    ),
  );
  expect(kept.newMonths).toEqual(
    await q(
      `SELECT "unitCode", "firstStart"::text, date_trunc('month', "knownOn")::date::text AS "knownMonth", sum(delta)::int AS delta FROM "DashboardNewDelta" GROUP BY 1, 2, 3 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3`,
    ),
  );
  expect(kept.agentMonths).toEqual(
    await q(
      `SELECT "agentId", date_trunc('month', day)::date::text AS month, sum(delta)::int AS delta FROM "DashboardAgentDelta" GROUP BY 1, 2 HAVING sum(delta) <> 0 ORDER BY 1, 2`,
    ),
  );
  // the daily renewal table holds only the facts known two calendar months or more after their end's month
  expect(await q(`SELECT 1 FROM "DashboardRenewalDelta" WHERE "knownOn" < (date_trunc('month', "endDay") + interval '2 months')::date`)).toEqual([]);
  await rebuildAggregates(t.prisma);
  expect(kept).toEqual(await aggregates());
}

describe("aggregates kept by the triggers", () => {
  it("after the data set's inserts (several statements), equal a rebuild", async () => {
    await expectEqualToRebuild();
  });

  it("after updates (dates, commune, agent) and deletes, equal a rebuild", async () => {
    const some = await t.prisma.contribution.findMany({ orderBy: { id: "asc" }, take: 400 });
    const other = await t.prisma.unit.findUniqueOrThrow({ where: { code: "00025" } });
    for (const c of some.filter((_, i) => i % 9 === 0)) {
      await t.prisma.contribution.update({ where: { id: c.id }, data: { paidOn: fromIsoDate(addDays(c.paidOn.toISOString().slice(0, 10), 45)) } });
    }
    await t.prisma.contribution.updateMany({
      where: { id: { in: some.filter((_, i) => i % 13 === 1).map((c) => c.id) } },
      data: { communeCode: other.code, areaCode: other.areaCode!, provinceCode: other.provinceCode!, agentId: null },
    });
    await t.prisma.contribution.deleteMany({ where: { id: { in: some.filter((_, i) => i % 11 === 2).map((c) => c.id) } } });
    await expectEqualToRebuild();
  });

  it("coverage ends and renewals known late (a back payment, a renewal paid at the end of the grace period) count from the day they are known", async () => {
    const commune = "00004";
    const unit = await t.prisma.unit.findUniqueOrThrow({ where: { code: commune } });
    const e = await createEnrollee(t.prisma, commune);
    const pay = (periodStart: string, periodEnd: string, paidOn: string) =>
      t.prisma.contribution.create({
        data: {
          enrolleeId: e.id,
          provinceCode: unit.provinceCode!,
          areaCode: unit.areaCode!,
          communeCode: commune,
          periodStart: fromIsoDate(periodStart),
          periodEnd: fromIsoDate(periodEnd),
          months: 1,
          declaredIncome: 1_500_000,
          paymentPeriod: "MONTHLY",
          gross: 1,
          centralSubsidy: 0,
          provincialTopUp: 0,
          net: 1,
          method: "CASH",
          receiptNo: `LATE-${periodStart}`,
          paidOn: fromIsoDate(paidOn),
        },
      });
    const days = ["2025-06-03", "2025-06-07", "2025-06-09", "2025-06-12", "2025-06-20", "2025-07-01", "2026-06-20"];
    const group = [{ key: commune, codes: [commune] }];
    const counts = () => Promise.all(days.map(async (d) => (await renewalCounts(t.prisma, group, d)).get(commune)!));
    // the retention page's definition (lib/server/dashboard/retention.ts): ends whenever paid, renewed by the next day's contribution
    const rates = () =>
      Promise.all(
        days.map(async (d) => {
          const r = (await unitRenewalRates(t.prisma, group, finalPeriod(d), d)).find((x) => x.key === commune);
          return { ended: r?.ended ?? 0, renewed: r?.renewed ?? 0 };
        }),
      );
    const before = await counts();
    const ratesBefore = await rates();
    await pay("2025-01-01", "2025-03-05", "2025-01-02"); // ends 05/03, known from its payment
    await pay("2025-03-06", "2025-12-31", "2025-06-04"); // renews it on 04/06, within 3 months of the end
    await pay("2024-06-01", "2024-12-31", "2025-06-10"); // a back payment: ends 31/12/2024, known (and renewed by 05/03's) on 10/06
    await pay("2026-01-15", "2026-06-30", "2026-01-10"); // renews 31/12/2025's in time, but after a gap: not "the next day"
    const after = await counts();
    const ratesAfter = await rates();
    // 03/06: 05/03 is not in the window yet (it ends at D − 3 months); 07/06 and 09/06: 05/03 ended and renewed;
    // from 12/06 (and on 20/06 and 01/07, read from the monthly table): the back payment too
    const added = (now: typeof after, then: typeof after) => now.map((a, i) => ({ ended: a.ended - then[i].ended, renewed: a.renewed - then[i].renewed }));
    expect(added(after, before)).toEqual([
      { ended: 0, renewed: 0 },
      { ended: 1, renewed: 1 },
      { ended: 1, renewed: 1 },
      { ended: 2, renewed: 2 },
      { ended: 2, renewed: 2 },
      { ended: 2, renewed: 2 },
      { ended: 1, renewed: 1 },
    ]);
    // the retention page counts the back payment's end from the start (its renewal by 01/01's is known on 02/01),
    // and 31/12/2025's gap is no renewal for it
    expect(added(ratesAfter, ratesBefore)).toEqual([
      { ended: 1, renewed: 1 },
      { ended: 2, renewed: 2 },
      { ended: 2, renewed: 2 },
      { ended: 2, renewed: 2 },
      { ended: 2, renewed: 2 },
      { ended: 2, renewed: 2 },
      { ended: 1, renewed: 0 },
    ]);
    await expectEqualToRebuild();
  });

  it("a transaction that fails leaves the aggregates untouched", async () => {
    const before = await aggregates();
    const e = await t.prisma.enrollee.findFirstOrThrow({ orderBy: { id: "asc" } });
    await expect(
      t.prisma.$transaction(async (tx) => {
        await tx.contribution.create({
          data: {
            enrolleeId: e.id,
            provinceCode: e.provinceCode,
            areaCode: e.areaCode,
            communeCode: e.communeCode,
            periodStart: fromIsoDate("2030-01-01"),
            periodEnd: fromIsoDate("2030-12-31"),
            months: 12,
            declaredIncome: 1_500_000,
            paymentPeriod: "ANNUAL",
            gross: 1,
            centralSubsidy: 0,
            provincialTopUp: 0,
            net: 1,
            method: "CASH",
            receiptNo: "ROLLBACK",
            paidOn: fromIsoDate("2030-01-01"),
          },
        });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await aggregates()).toEqual(before);
  });

  it("a bulk insert of 2,100 people (one statement, two blocks of people) equals a rebuild", async () => {
    const commune = await t.prisma.unit.findUniqueOrThrow({ where: { code: "00008" } });
    const first = await createEnrollee(t.prisma, "00008");
    const created = await t.prisma.enrollee.createManyAndReturn({
      data: Array.from({ length: 2099 }, (_, i) => ({
        personalId: makePersonalId("001", "1990-01-01", "FEMALE", 700_000 + i),
        fullName: `Bulk ${i}`,
        searchName: `bulk ${i}`,
        dateOfBirth: fromIsoDate("1990-01-01"),
        sex: "FEMALE" as const,
        provinceCode: commune.provinceCode!,
        areaCode: commune.areaCode!,
        communeCode: commune.code,
        occupation: "FARMER" as const,
        subsidyGroup: "OTHER" as const,
        declaredIncome: 1_500_000,
        paymentPeriod: "ANNUAL" as const,
        enrolledOn: fromIsoDate("2025-03-01"),
      })),
      select: { id: true },
    });
    const ids = [first.id, ...created.map((c) => c.id)];
    const before = await countParticipants(t.prisma, { level: "COMMUNE", code: "00008" }, "2025-06-15");
    await t.prisma.contribution.createMany({
      data: ids.map((id, i) => ({
        enrolleeId: id,
        provinceCode: commune.provinceCode!,
        areaCode: commune.areaCode!,
        communeCode: commune.code,
        periodStart: fromIsoDate("2025-03-01"),
        periodEnd: fromIsoDate(i % 2 ? "2025-05-31" : "2026-02-28"),
        months: i % 2 ? 3 : 12,
        declaredIncome: 1_500_000,
        paymentPeriod: i % 2 ? ("QUARTERLY" as const) : ("ANNUAL" as const),
        gross: 1,
        centralSubsidy: 0,
        provincialTopUp: 0,
        net: 1,
        method: "CASH" as const,
        receiptNo: `BULK-${i}`,
        paidOn: fromIsoDate("2025-03-10"),
      })),
    });
    expect(await countParticipants(t.prisma, { level: "COMMUNE", code: "00008" }, "2025-06-15")).toBe(before + 1050);
    await expectEqualToRebuild();
  });

  it("two transactions paying for the same person at the same time (on PostgreSQL: really concurrent) equal a rebuild", async () => {
    const e = await t.prisma.enrollee.findFirstOrThrow({ where: { coverageEnd: { not: null } }, orderBy: { id: "asc" } });
    const end = e.coverageEnd!.toISOString().slice(0, 10);
    const row = (start: string, stop: string, receiptNo: string, paidOn: string) => ({
      enrolleeId: e.id,
      provinceCode: e.provinceCode,
      areaCode: e.areaCode,
      communeCode: e.communeCode,
      periodStart: fromIsoDate(start),
      periodEnd: fromIsoDate(stop),
      months: 12,
      declaredIncome: 1_500_000,
      paymentPeriod: "ANNUAL" as const,
      gross: 1,
      centralSubsidy: 0,
      provincialTopUp: 0,
      net: 1,
      method: "CASH" as const,
      receiptNo,
      paidOn: fromIsoDate(paidOn),
    });
    const nextStart = addDays(end, 1);
    const y = Number(nextStart.slice(0, 4));
    // without locking the enrollee first (a careless writer): the trigger itself serialises them
    let inserted!: () => void;
    const firstInserted = new Promise<void>((r) => (inserted = r));
    const a = t.prisma.$transaction(async (tx) => {
      await tx.contribution.create({ data: row(nextStart, addDays(`${y + 1}${nextStart.slice(4)}`, -1), "CONC-A", nextStart) });
      inserted();
      await new Promise((r) => setTimeout(r, 300));
    });
    await firstInserted;
    const b = t.prisma.$transaction(async (tx) => {
      await tx.contribution.create({ data: row(`${y + 5}-01-01`, `${y + 5}-12-31`, "CONC-B", `${y + 4}-12-15`) });
    });
    await Promise.all([a, b]);
    expect(await t.prisma.contribution.count({ where: { enrolleeId: e.id, receiptNo: { in: ["CONC-A", "CONC-B"] } } })).toBe(2);
    await expectEqualToRebuild();
  });

  // ADR 1406: JIT compilation cost the agents' dashboard 0.9-1.2 s per query at national volume
  it.runIf(testEngine() === "postgres")("the app's PostgreSQL connections run without JIT", async () => {
    expect(await t.prisma.$queryRaw<{ jit: string }[]>`SHOW jit`).toEqual([{ jit: "off" }]);
  });

  // the national-scale rebuild (several sessions, PostgreSQL only: it runs psql) gives what dashboard_rebuild() gives
  it.runIf(testEngine() === "postgres")("scripts/perf/rebuild-aggregates-parallel.sh equals a rebuild", async () => {
    await rebuildAggregates(t.prisma);
    const kept = await aggregates();
    await t.prisma.$executeRawUnsafe(`DELETE FROM "DashboardRenewalMonth" WHERE "unitCode" = '01'`); // something for it to repair
    execFileSync("bash", ["scripts/perf/rebuild-aggregates-parallel.sh", t.url, "2"], { stdio: "pipe" });
    expect(await aggregates()).toEqual(kept);
  });

  it("a truncate empties them", async () => {
    const copy = await t.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Contribution"`;
    expect(Number(copy[0].n)).toBeGreaterThan(0);
    await t.prisma.$executeRawUnsafe(`CREATE TEMP TABLE keep AS SELECT * FROM "Contribution"`);
    await t.prisma.$executeRawUnsafe(`TRUNCATE "Contribution"`);
    const left = await aggregates();
    expect(left).toEqual({ status: [], news: [], agents: [], statusMonths: [], newMonths: [], agentMonths: [], renewals: [], renewalMonths: [] });
    await t.prisma.$executeRawUnsafe(`INSERT INTO "Contribution" SELECT * FROM keep`);
    await expectEqualToRebuild();
  });

  it("refuses contribution writes in REPEATABLE READ (they could miss a concurrent writer's rows)", async () => {
    const e = await t.prisma.enrollee.findFirstOrThrow({ orderBy: { id: "desc" } });
    await expect(
      t.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`);
        await tx.contribution.create({
          data: {
            enrolleeId: e.id,
            provinceCode: e.provinceCode,
            areaCode: e.areaCode,
            communeCode: e.communeCode,
            periodStart: fromIsoDate("2031-01-01"),
            periodEnd: fromIsoDate("2031-12-31"),
            months: 12,
            declaredIncome: 1_500_000,
            paymentPeriod: "ANNUAL",
            gross: 1,
            centralSubsidy: 0,
            provincialTopUp: 0,
            net: 1,
            method: "CASH",
            receiptNo: "RR",
            paidOn: fromIsoDate("2031-01-01"),
          },
        });
      }),
    ).rejects.toThrow(/READ COMMITTED/);
  });
});

describe("the lapse day in SQL agrees with coverageStatus", () => {
  it("for every coverage end from 2023 to 2026", async () => {
    const rows = await t.prisma.$queryRaw<{ t: string; l: string }[]>`
      SELECT d::date::text AS t, "dashboard_lapse_day"(d::date)::text AS l FROM generate_series(DATE '2023-01-01', DATE '2026-12-31', interval '1 day') d`;
    expect(rows).toHaveLength(1461);
    for (const r of rows) {
      expect(coverageStatus(r.t, r.l), r.t).toBe("LAPSED");
      expect(coverageStatus(r.t, addDays(r.l, -1)), r.t).toBe("OVERDUE");
    }
  });
});
