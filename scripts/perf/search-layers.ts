// npx tsx --conditions=react-server scripts/perf/search-layers.ts [--runs 20] [--label text]
// Where the enrollee search's time goes, below HTTP: for each search of `npm run bench`, on the same
// PostgreSQL database (BENCH_DATABASE_URL or DATABASE_URL), one at a time, median / p95 ms of
//   - "Prisma (before)": what listEnrollees did before 2026-11-23 — count() + findMany() with the
//     commune and agent relations (the Rust-free client sends four statements, one after another);
//   - "listEnrollees": the function as it is (one statement, lib/server/enrollment/enrollees.ts);
//   - "SQL floor": the benchmark's hand-written SQL (scripts/perf/floors.ts) with `pg`, no Prisma.
// Prints a Markdown table (docs/benchmarks.md, "Enrollee search: where the time goes").
import "../load-env";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { todayInVietnam } from "../../lib/domain/dates";
import { toSearchForm } from "../../lib/domain/text";
import { createPrisma } from "../../lib/server/db/client";
import { scopeWhere, type Principal } from "../../lib/server/auth/authz";
import { benchPrincipal } from "./principals";
import { listEnrollees, parseSearch } from "../../lib/server/enrollment/enrollees";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { exactSearchFloor, searchFloor } from "./floors";
import { ms, summarize } from "./stats";

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const RUNS = Number(arg("runs", "20"));
const LABEL = arg("label", "");
const URL_ = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "";
const TODAY = todayInVietnam();

/** listEnrollees as it was (commit 02c47bd): Prisma count + findMany with relations. */
async function prismaBefore(db: PrismaClient, p: Principal, q: string) {
  const s = parseSearch(q);
  const and: Prisma.EnrolleeWhereInput[] = [scopeWhere(p.scope)];
  if (s && "digits" in s) and.push({ OR: [{ personalId: s.digits }, { siCode: s.digits }, { phone: s.digits }] });
  else if (s) and.push({ AND: s.words.map((w) => ({ searchName: { contains: w } })) });
  const where: Prisma.EnrolleeWhereInput = { AND: and };
  const total = await db.enrollee.count({ where });
  const rows = await db.enrollee.findMany({
    where,
    orderBy: [{ searchName: "asc" }, { id: "asc" }],
    skip: 0,
    take: 50,
    select: {
      id: true,
      personalId: true,
      siCode: true,
      fullName: true,
      dateOfBirth: true,
      sex: true,
      phone: true,
      communeCode: true,
      agentId: true,
      subsidyGroup: true,
      coverageEnd: true,
      commune: { select: { fullName: true } },
      agent: { select: { name: true } },
    },
  });
  return { total, rows: rows.length };
}

async function time(fn: () => Promise<unknown>) {
  for (let i = 0; i < 2; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  return summarize(t);
}

async function main() {
  if (!/^postgres(ql)?:\/\//.test(URL_)) throw new Error("BENCH_DATABASE_URL=postgresql://… please");
  const pg = new Client({ connectionString: URL_ });
  await pg.connect();
  const db = createPrisma(URL_);
  const area = benchPrincipal({ level: "AREA", provinceCode: "01", areaCode: "001" }, "DISTRICT_STAFF");
  const province = benchPrincipal({ level: "PROVINCE", provinceCode: "01" }, "PROVINCE_OFFICER");
  const nation = benchPrincipal({ level: "NATION" }, "ADMIN");
  const someone = (
    await pg.query<{ personalId: string; phone: string }>(
      `SELECT "personalId", phone FROM "Enrollee" WHERE "areaCode" = '001' AND phone IS NOT NULL ORDER BY id LIMIT 1`,
    )
  ).rows[0];
  const cases: { name: string; p: Principal; q: string; scope: { column: "areaCode" | "provinceCode" | null; code: string }; exact?: boolean }[] = [
    { name: "name, area (“nguyen van an”)", p: area, q: "nguyen van an", scope: { column: "areaCode", code: "001" } },
    { name: "name, province (“tran thi lan”)", p: province, q: "tran thi lan", scope: { column: "provinceCode", code: "01" } },
    { name: "name, nation (“hoang minh hung”)", p: nation, q: "hoang minh hung", scope: { column: null, code: "VN" } },
    { name: "one word, area (“yen”)", p: area, q: "yen", scope: { column: "areaCode", code: "001" } },
    { name: "CCCD, nation", p: nation, q: someone.personalId, scope: { column: null, code: "VN" }, exact: true },
    { name: "phone, area", p: area, q: someone.phone, scope: { column: "areaCode", code: "001" }, exact: true },
  ];
  const idx = (
    await pg.query<{ i: string }>(
      `SELECT string_agg(indexname, ', ' ORDER BY indexname) AS i FROM pg_indexes WHERE tablename = 'Enrollee' AND indexdef ~ 'searchName'`,
    )
  ).rows[0].i;
  console.log(
    `${LABEL ? `**${LABEL}.** ` : ""}${RUNS} runs after 2 warm-up, one at a time; load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(" / ")}; search indexes: ${idx}.\n`,
  );
  console.log("| search | Prisma (before) median / p95 ms | listEnrollees median / p95 ms | SQL floor median / p95 ms | matches |");
  console.log("|---|---:|---:|---:|---:|");
  for (const c of cases) {
    const floor = c.exact ? exactSearchFloor(c.scope, c.q) : searchFloor(c.scope, toSearchForm(c.q).split(" "));
    const before = await time(() => prismaBefore(db, c.p, c.q));
    const now = await time(() => listEnrollees(db, c.p, { q: c.q }, { today: TODAY }));
    const sql = await time(() => pg.query(floor.sql, floor.params));
    const a = await prismaBefore(db, c.p, c.q);
    const b = await listEnrollees(db, c.p, { q: c.q }, { today: TODAY });
    if (a.total !== b.total) throw new Error(`${c.name}: before ${a.total} ≠ now ${b.total}`);
    const f = (s: ReturnType<typeof summarize>) => `${ms(s.median)} / ${ms(s.p95)}`;
    console.log(`| ${c.name} | ${f(before)} | ${f(now)} | ${f(sql)} | ${b.total.toLocaleString("en-US")} |`);
  }
  console.log(
    `\nLoad average at the end ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(" / ")}.`,
  );
  await pg.end();
  await db.$disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
