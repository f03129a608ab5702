// Measures the dashboard's queries at scale (ADR 0501). Not part of the app.
//   npx tsx --conditions=react-server scripts/dashboard-bench.ts --url postgresql://postgres@127.0.0.1:55491/bench [--people 300000] [--fresh]
// Builds a database (migrations + reference data), fills it with synthetic people and contributions
// in bulk (triggers off, then dashboard_rebuild()), and prints, for national, province and area units:
// the live SQL floor (counting from "Contribution"), the aggregate reads, the whole overview/league
// as the app computes them, and what a single payment costs with the triggers.
import { createPrisma } from "@/lib/server/db/client";
import "./load-env";
import os from "node:os";
import { Client } from "pg";
import type { PrismaClient } from "@/generated/prisma/client";
import { migrate } from "@/lib/ops/migrate";
import { fromPg } from "@/lib/server/db/sql";
import { seedReference } from "@/lib/ops/seed/reference";
import { scopeOfUnit, type Principal } from "@/lib/server/auth/authz";
import { getLeague, getOverview } from "@/lib/server/dashboard/overview";
import { groupOf, monthlyOn, newByMonth, statusOn } from "@/lib/server/dashboard/counting";
import { getBreakdowns } from "@/lib/server/dashboard/breakdowns";
import { getAgentTable } from "@/lib/server/dashboard/agents";

const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

const D = "2026-11-20";

async function timed<T>(fn: () => Promise<T>, runs = 5): Promise<{ median: number; min: number; value: T }> {
  let value!: T;
  const times: number[] = [];
  value = await fn(); // warm-up
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], value };
}

async function main() {
  const url = arg("url");
  if (!url) throw new Error("--url postgresql://… required");
  const people = Number(arg("people", "300000"));
  const u = new URL(url);
  const dbName = u.pathname.slice(1);
  const admin = new Client({ connectionString: Object.assign(new URL(url), { pathname: "/postgres" }).toString() });
  await admin.connect();
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [dbName])).rowCount;
  if (process.argv.includes("--fresh") && exists) await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
  if (!exists || process.argv.includes("--fresh")) await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();

  const c = new Client({ connectionString: url });
  await c.connect();
  const sql = fromPg(c);
  await migrate(sql);
  const prisma = createPrisma(url, { poolSize: 4 });
  if ((await prisma.unit.count()) === 0) await seedReference(prisma);

  if (process.argv.includes("--rebuild")) {
    const t0 = Date.now();
    await c.query(`SELECT "dashboard_rebuild"()`);
    await c.query(`ANALYZE`);
    console.log(`dashboard_rebuild(): ${Date.now() - t0} ms`);
  }
  const have = Number((await c.query(`SELECT count(*) AS n FROM "Enrollee"`)).rows[0].n);
  if (have === 0) {
    console.log(`generating ${people} people…`);
    let t0 = Date.now();
    await c.query(`
      INSERT INTO "Enrollee" ("personalId","fullName","searchName","dateOfBirth",sex,"provinceCode","areaCode","communeCode",occupation,"subsidyGroup","declaredIncome","paymentPeriod","enrolledOn","updatedAt")
      SELECT lpad(i::text, 12, '0'), 'Người ' || i, 'nguoi ' || i, DATE '1960-01-01' + (hashint4(i) & 16383) % 17000,
             CASE WHEN i % 2 = 0 THEN 'MALE'::"Sex" ELSE 'FEMALE'::"Sex" END, u."provinceCode", u."areaCode", u.code,
             (ARRAY['FARMER','SELF_EMPLOYED','INFORMAL_WORKER','HOUSEHOLD_BUSINESS','STUDENT','OTHER'])[1 + i % 6]::"OccupationGroup",
             (ARRAY['POOR','NEAR_POOR','ETHNIC_MINORITY','OTHER','OTHER','OTHER','OTHER'])[1 + (i / 7) % 7]::"SubsidyGroup",
             1500000, 'ANNUAL', DATE '2021-01-01', now()
      FROM generate_series(1, ${people}) i
      JOIN (SELECT code, "provinceCode", "areaCode", row_number() OVER (ORDER BY code) - 1 AS k FROM "Unit" WHERE level = 'COMMUNE') u ON u.k = (hashint4(i * 7) & 2147483647) % 3321`);
    console.log(`  enrollees: ${Date.now() - t0} ms`);
    // one agent per commune
    await c.query(`
      INSERT INTO "CollectionAgent" (code, name, "searchName", kind, "provinceCode", "areaCode", "contractStart", "updatedAt")
      SELECT 'B' || code, 'Đại lý ' || code, 'dai ly ' || code, 'POST_OFFICE', "provinceCode", "areaCode", DATE '2020-01-01', now() FROM "Unit" WHERE level = 'COMMUNE'`);
    await c.query(`INSERT INTO "AgentCommune" ("agentId", "communeCode") SELECT id, substr(code, 2) FROM "CollectionAgent" WHERE code LIKE 'B%'`);
    // payment chains: m months per payment, k payments from a start month, one gap, paid up to 20 days early or 40 late
    t0 = Date.now();
    await c.query(`ALTER TABLE "Contribution" DISABLE TRIGGER USER`);
    await c.query(`
      WITH p AS (
        SELECT e.id, e."provinceCode", e."areaCode", e."communeCode", a.id AS agent,
               (ARRAY[1,3,6,12,12,12,12,6,3,12])[1 + (hashint4(e.id) & 1023) % 10] AS m,
               (hashint4(e.id * 3) & 1023) % 70 AS s0,            -- start month after 2021-01
               3 + (hashint4(e.id * 5) & 1023) % 40 AS span,      -- months of coverage
               (hashint4(e.id * 11) & 1023) % 30 AS gapat, (hashint4(e.id * 13) & 1023) % 8 AS gap
        FROM "Enrollee" e JOIN "CollectionAgent" a ON a.code = 'B' || e."communeCode"
      ), pay AS (
        SELECT p.*, j, (DATE '2021-01-01' + make_interval(months => s0 + j * m + CASE WHEN j * m >= gapat THEN gap ELSE 0 END))::date AS ps
        FROM p CROSS JOIN LATERAL generate_series(0, GREATEST(0, span / m - 1)) j
      )
      INSERT INTO "Contribution" ("enrolleeId","provinceCode","areaCode","communeCode","periodStart","periodEnd",months,"declaredIncome","paymentPeriod",gross,"centralSubsidy","provincialTopUp",net,method,"receiptNo","paidOn","agentId")
      SELECT id, "provinceCode", "areaCode", "communeCode", ps, (ps + make_interval(months => m) - interval '1 day')::date, m, 1500000,
             (CASE m WHEN 1 THEN 'MONTHLY' WHEN 3 THEN 'QUARTERLY' WHEN 6 THEN 'SEMIANNUAL' ELSE 'ANNUAL' END)::"PaymentPeriod",
             330000 * m, 0, 0, 330000 * m, (ARRAY['CASH','POST_OFFICE','BANK_TRANSFER','E_WALLET'])[1 + (id + j) % 4]::"PaymentMethod",
             'R' || id || '-' || j, LEAST(DATE '${D}', ps + ((hashint4(id * 17 + j) & 1023) % 61) - 20), agent
      FROM pay WHERE ps <= DATE '${D}'`);
    console.log(`  contributions: ${Date.now() - t0} ms`);
    await c.query(`ALTER TABLE "Contribution" ENABLE TRIGGER USER`);
    await c.query(`UPDATE "Enrollee" e SET "coverageEnd" = x.e, "firstCoveredOn" = x.f FROM (SELECT "enrolleeId", max("periodEnd") e, min("periodStart") f FROM "Contribution" GROUP BY 1) x WHERE x."enrolleeId" = e.id`);
    // targets: 110% of last year's end for provinces and areas
    t0 = Date.now();
    await c.query(`SELECT "dashboard_rebuild"()`);
    console.log(`  dashboard_rebuild(): ${Date.now() - t0} ms`);
    await c.query(`ANALYZE`);
  }
  const counts = (await c.query(`SELECT (SELECT count(*) FROM "Enrollee") e, (SELECT count(*) FROM "Contribution") c,
    (SELECT count(*) FROM "DashboardStatusDelta") s, (SELECT count(*) FROM "DashboardNewDelta") n, (SELECT count(*) FROM "DashboardAgentDelta") a,
    pg_size_pretty(pg_total_relation_size('"Contribution"')) cs, pg_size_pretty(pg_total_relation_size('"DashboardStatusDelta"') + pg_total_relation_size('"DashboardNewDelta"') + pg_total_relation_size('"DashboardAgentDelta"')) ds`)).rows[0];
  console.log(`volume: ${counts.e} enrollees, ${counts.c} contributions (${counts.cs}); aggregates: ${counts.s} status + ${counts.n} new + ${counts.a} agent rows (${counts.ds})`);

  // the SQL floor: participants on D counted live from "Contribution" (the definition)
  const live = (cond: string) => `
    SELECT count(*) FROM (
      SELECT DISTINCT ON ("enrolleeId") "periodEnd" FROM "Contribution"
      WHERE ${cond} "periodStart" <= DATE '${D}' AND "paidOn" <= DATE '${D}'
      ORDER BY "enrolleeId", "periodEnd" DESC, greatest("periodStart", "paidOn") DESC, id DESC
    ) b WHERE "periodEnd" >= DATE '${D}'`;
  const simple = (cond: string) => `SELECT count(DISTINCT "enrolleeId") FROM "Contribution" WHERE ${cond} "periodStart" <= DATE '${D}' AND "periodEnd" >= DATE '${D}' AND "paidOn" <= DATE '${D}'`;
  // the aggregate read: monthly sums before D's month + daily deltas of D's month
  const aggregate = (codes: string) => `SELECT (SELECT sum(delta) FROM "DashboardStatusMonth" WHERE "unitCode" IN (${codes}) AND measure = 'COVERED' AND month < DATE '${D.slice(0, 7)}-01')
    + (SELECT coalesce(sum(delta), 0) FROM "DashboardStatusDelta" WHERE "unitCode" IN (${codes}) AND measure = 'COVERED' AND day BETWEEN DATE '${D.slice(0, 7)}-01' AND DATE '${D}') AS n`;
  const provinces = (await c.query(`SELECT string_agg(quote_literal(code), ',') s FROM "Unit" WHERE level = 'PROVINCE'`)).rows[0].s;
  const q = async (text: string, runs = 5) => timed(async () => (await c.query(text)).rows[0], runs);
  const ids = (await c.query(`SELECT id FROM "Enrollee" ORDER BY random() LIMIT 200`)).rows.map((r) => Number(r.id));
  let pick = 0;

  const nationAdmin = await principal(prisma, "ADMIN", "VN");
  const hanoi = await principal(prisma, "PROVINCE_OFFICER", "01");
  const badinh = await principal(prisma, "DISTRICT_STAFF", "001");
  const rows: [string, string, string][] = [];
  const add = (what: string, r: { median: number }, note = "") => {
    rows.push([what, r.median.toFixed(1), note]);
    console.log(`${what.padEnd(70)} ${r.median.toFixed(1).padStart(9)} ms ${note}`);
  };
  add("floor: participants on D, nation, live (exact definition)", await q(live(""), 1));
  add("floor: participants on D, nation, live (count distinct covering)", await q(simple("")));
  add("participants on D, nation, aggregate", await q(aggregate(provinces)));
  add("floor: participants on D, Hà Nội, live (exact definition)", await q(live(`"provinceCode" = '01' AND`)));
  add("participants on D, Hà Nội, aggregate", await q(aggregate(`'01'`)));
  add("floor: participants on D, Ba Đình area, live", await q(live(`"areaCode" = '001' AND`)));
  add("floor: 24 month-ends, nation, live (count distinct covering)", await q(`SELECT sum(n) FROM (SELECT (SELECT count(DISTINCT "enrolleeId") FROM "Contribution" WHERE "periodStart" <= x AND "periodEnd" >= x AND "paidOn" <= x) AS n FROM (SELECT (date_trunc('month', m) + interval '1 month - 1 day')::date AS x FROM generate_series(DATE '2025-01-01', DATE '2026-10-01', interval '1 month') m) xs) s`, 1));
  const nationGroup = await groupOf(prisma, { level: "NATION", code: "VN" });
  add("  statusOn — nation, D and D − 1 year (participants, overdue, lapsed)", await timed(() => statusOn(prisma, [nationGroup], [D, "2025-11-20"])));
  add("  monthlyOn — nation, 23 month-ends + lapsed per month", await timed(() => monthlyOn(prisma, [nationGroup], "2025-01", D)));
  add("  newByMonth — nation", await timed(() => newByMonth(prisma, [nationGroup], D)));
  add("getOverview — nation (all cards, 24 month-ends, new/lapsed per month)", await timed(() => getOverview(prisma, nationAdmin, { unit: "VN", date: D })));
  add("getOverview — Hà Nội", await timed(() => getOverview(prisma, hanoi, { unit: "01", date: D })));
  add("getOverview — Ba Đình area", await timed(() => getOverview(prisma, badinh, { unit: "001", date: D })));
  add("getOverview — a commune", await timed(() => getOverview(prisma, badinh, { unit: "00004", date: D })));
  add("getLeague — nation (34 provinces with forecasts)", await timed(() => getLeague(prisma, nationAdmin, { unit: "VN", date: D })));
  add("getLeague — Hà Nội (30 areas)", await timed(() => getLeague(prisma, hanoi, { unit: "01", date: D })));
  add("getAgentTable — Hà Nội", await timed(() => getAgentTable(prisma, hanoi, { unit: "01", date: D })));
  add("getBreakdowns — Hà Nội (live)", await timed(() => getBreakdowns(prisma, hanoi, { unit: "01", date: D }), 3));
  add("getBreakdowns — nation (live)", await timed(() => getBreakdowns(prisma, nationAdmin, { unit: "VN", date: D }), 1));
  add("getOverview — nation, a date in the past (2024-06-30)", await timed(() => getOverview(prisma, nationAdmin, { unit: "VN", date: "2024-06-30" })));
  const o = await getOverview(prisma, nationAdmin, { unit: "VN", date: D });
  const check = Number((await c.query(live(""))).rows[0].count);
  console.log(`check: overview nation participants ${o.figures.participants} = live ${check}: ${o.figures.participants === check ? "OK" : "MISMATCH"}`);

  // one payment with the triggers (a renewal: insert + the enrollee's update, in one transaction)
  const payment = await timed(async () => {
    await c.query("BEGIN");
    const e = (await c.query(`SELECT id, "provinceCode", "areaCode", "communeCode", "coverageEnd" FROM "Enrollee" WHERE id = $1 FOR UPDATE`, [ids[pick++ % ids.length]])).rows[0];
    await c.query(`INSERT INTO "Contribution" ("enrolleeId","provinceCode","areaCode","communeCode","periodStart","periodEnd",months,"declaredIncome","paymentPeriod",gross,"centralSubsidy","provincialTopUp",net,method,"receiptNo","paidOn")
      VALUES ($1,$2,$3,$4, DATE '2030-01-01', DATE '2030-12-31', 12, 1500000, 'ANNUAL', 1, 0, 0, 1, 'CASH', 'BENCH-' || random(), DATE '${D}')`, [e.id, e.provinceCode, e.areaCode, e.communeCode]);
    await c.query("ROLLBACK");
  }, 50);
  await c.query(`ALTER TABLE "Contribution" DISABLE TRIGGER "Contribution_dashboard_insert"`);
  const paymentBare = await timed(async () => {
    await c.query("BEGIN");
    const e = (await c.query(`SELECT id, "provinceCode", "areaCode", "communeCode" FROM "Enrollee" WHERE id = $1 FOR UPDATE`, [ids[pick++ % ids.length]])).rows[0];
    await c.query(`INSERT INTO "Contribution" ("enrolleeId","provinceCode","areaCode","communeCode","periodStart","periodEnd",months,"declaredIncome","paymentPeriod",gross,"centralSubsidy","provincialTopUp",net,method,"receiptNo","paidOn")
      VALUES ($1,$2,$3,$4, DATE '2030-01-01', DATE '2030-12-31', 12, 1500000, 'ANNUAL', 1, 0, 0, 1, 'CASH', 'BENCH-' || random(), DATE '${D}')`, [e.id, e.provinceCode, e.areaCode, e.communeCode]);
    await c.query("ROLLBACK");
  }, 50);
  await c.query(`ALTER TABLE "Contribution" ENABLE TRIGGER "Contribution_dashboard_insert"`);
  add("one payment (lock + insert), with the aggregate trigger", payment);
  add("one payment (lock + insert), aggregate trigger disabled", paymentBare);

  console.log(`load average: ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} on ${os.cpus().length} cores`);
  console.log("\n| measurement | median ms |\n|---|---:|");
  for (const [w, m] of rows) console.log(`| ${w} | ${m} |`);
  await prisma.$disconnect();
  await c.end();
}

async function principal(prisma: PrismaClient, role: "ADMIN" | "PROVINCE_OFFICER" | "DISTRICT_STAFF", unitCode: string): Promise<Principal> {
  const unit = await prisma.unit.findUniqueOrThrow({ where: { code: unitCode } });
  const login = `bench.${unitCode}`;
  const user = await prisma.user.upsert({ where: { login }, update: {}, create: { login, name: login, passwordHash: "x", role, unitCode } });
  return { userId: user.id, login, name: login, role, unitCode, scope: scopeOfUnit(unit), locale: "vi" };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
