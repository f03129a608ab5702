// npm run load [-- --sessions 50 --seconds 60 --max-requests 200000 --mix dashboard=45,search=40,payment=15 --out docs/benchmarks.md --block load]
// A bounded load test on loopback against a running app on PostgreSQL (BENCH_URL, default
// http://127.0.0.1:3000; BENCH_DATABASE_URL for the checks): N concurrent sessions mixing dashboard
// reads, enrollee searches and payments for a fixed time. Reports throughput, latency percentiles
// and errors (expected: 0), then checks that figures still equal hand-written SQL: participants
// today per province and per area of Hà Nội through the API vs counted from "Contribution", and
// every payment made during the run recorded exactly once. Results go to docs/benchmarks.md
// between <!-- load:begin/end -->. Start the server with API_RATE_LIMIT_PER_MINUTE=0 (the
// per-caller API limit would otherwise answer 429 to this many requests from a few logins).
import "./load-env";
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { todayInVietnam } from "../lib/domain/dates";
import { DEMO_PASSWORD } from "../lib/ops/seed/demo";
import { yearEarlier } from "./perf/floors";
import { assertLoopback, Session } from "./perf/session";
import { describeMachine, int, ms, replaceBlock, summarize } from "./perf/stats";

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const SESSIONS = Math.min(500, Number(arg("sessions", "50")));
const SECONDS = Math.min(3600, Number(arg("seconds", "60")));
const MAX_REQUESTS = Number(arg("max-requests", "200000"));
const MIX = Object.fromEntries(
  arg("mix", "dashboard=45,search=40,payment=15")
    .split(",")
    .map((kv) => kv.split("="))
    .map(([k, v]) => [k, Number(v)]),
) as Record<Op, number>;
const OUT = arg("out", "docs/benchmarks.md");
/** The marked block of docs/benchmarks.md to replace (several data sets can keep their own). */
const BLOCK = arg("block", "load");
const BASE = (process.env.BENCH_URL ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const DB_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "";
const PASSWORD = process.env.BENCH_PASSWORD ?? process.env.SCALE_PASSWORD ?? DEMO_PASSWORD;
const TODAY = todayInVietnam();

type Op = "dashboard" | "search" | "payment";
type User = { login: string; unit: string; level: "NATION" | "PROVINCE" | "AREA"; session?: Session; below: string[] };

const USERS: User[] = [
  { login: "admin", unit: "VN", level: "NATION", below: [] },
  { login: "tinh.hanoi", unit: "01", level: "PROVINCE", below: [] },
  { login: "tinh.nghean", unit: "40", level: "PROVINCE", below: [] },
  { login: "tinh.quangninh", unit: "22", level: "PROVINCE", below: [] },
  { login: "cs.badinh", unit: "001", level: "AREA", below: [] },
  { login: "cs.dongda", unit: "006", level: "AREA", below: [] },
  { login: "cs.vinh", unit: "412", level: "AREA", below: [] },
  { login: "cs.vandon", unit: "203", level: "AREA", below: [] },
];
const NAMES = [
  "nguyen van an",
  "tran thi lan",
  "le van hung",
  "pham thi hoa",
  "hoang minh",
  "vu thi mai",
  "dang van nam",
  "bui thi thu",
  "do van long",
  "ngo thi yen",
  "huong",
  "thanh tuan",
];

// a small seeded PRNG: the same mix on every run
let seed = 20261124;
const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
const pickOf = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];

type Sample = { op: Op; what: string; ms: number; status: number; error?: string };

async function main() {
  assertLoopback(BASE);
  if (!/^postgres(ql)?:\/\//.test(DB_URL)) throw new Error("BENCH_DATABASE_URL (or DATABASE_URL) must be the PostgreSQL database the app serves");
  const pg = new Client({ connectionString: DB_URL });
  await pg.connect();
  const machine = await describeMachine(pg);
  for (const u of USERS) {
    u.session = await new Session(BASE, u.login).signIn(PASSWORD);
    u.below = (await pg.query<{ code: string }>(`SELECT code FROM "Unit" WHERE "parentCode" = $1 ORDER BY code`, [u.unit])).rows.map((r) => r.code);
  }
  const staff = USERS.filter((u) => u.level === "AREA");
  // people each district user may pay for, each used once: lapsed or overdue, agent able to collect
  const pool = new Map<string, number[]>();
  for (const u of staff) {
    pool.set(
      u.login,
      (
        await pg.query<{ id: number }>(
          `SELECT e.id FROM "Enrollee" e JOIN "CollectionAgent" a ON a.id = e."agentId"
       WHERE e."areaCode" = $1 AND e."coverageEnd" < $2::date AND a.status = 'ACTIVE' AND (a."contractEnd" IS NULL OR a."contractEnd" >= $2::date)
       ORDER BY md5(e.id::text) LIMIT 5000`,
          [u.unit, TODAY],
        )
      ).rows.map((r) => r.id),
    );
  }
  const stamp = `LOAD-${Date.now().toString(36).toUpperCase()}`; // receipt numbers are stored upper-case
  let receipt = 0;
  const paid: number[] = [];

  const ops = Object.entries(MIX).filter(([, w]) => w > 0) as [Op, number][];
  const total = ops.reduce((s, [, w]) => s + w, 0);
  const chooseOp = (): Op => {
    let r = rnd() * total;
    for (const [op, w] of ops) if ((r -= w) < 0) return op;
    return ops[0][0];
  };

  async function once(vu: number): Promise<Sample> {
    let op = chooseOp();
    const u = op === "payment" ? staff[vu % staff.length] : USERS[vu % USERS.length];
    const s = u.session!;
    if (op === "payment") {
      const id = pool.get(u.login)!.pop();
      if (id === undefined) op = "search";
      else {
        const r = await s.postJson(`/api/v1/enrollees/${id}/contributions`, {
          period: "ANNUAL",
          declaredIncome: 1_500_000,
          method: "CASH",
          receiptNo: `${stamp}-${++receipt}`,
          paidOn: TODAY,
        });
        if (r.status === 201) paid.push(id);
        return { op, what: "POST contributions", ms: r.ms, status: r.status, error: r.status === 201 ? undefined : r.text.slice(0, 200) };
      }
    }
    if (op === "dashboard") {
      const unit = rnd() < 0.5 || u.below.length === 0 ? u.unit : pickOf(u.below);
      const path = rnd() < 0.7 ? `/api/v1/dashboard/overview?unit=${unit}&date=${TODAY}` : `/api/v1/dashboard/league?unit=${u.unit}&date=${TODAY}`;
      const r = await s.get(path);
      return { op, what: path.split("?")[0], ms: r.ms, status: r.status, error: r.status === 200 ? undefined : r.text.slice(0, 200) };
    }
    const r = await s.get(`/api/v1/enrollees?q=${encodeURIComponent(pickOf(NAMES))}`);
    return { op: "search", what: "GET enrollees?q=", ms: r.ms, status: r.status, error: r.status === 200 ? undefined : r.text.slice(0, 200) };
  }

  console.log(`${SESSIONS} sessions for ${SECONDS} s against ${BASE} (mix ${arg("mix", "dashboard=45,search=40,payment=15")})`);
  const samples: Sample[] = [];
  const t0 = performance.now();
  const deadline = t0 + SECONDS * 1000;
  let issued = 0;
  await Promise.all(
    Array.from({ length: SESSIONS }, async (_, vu) => {
      while (performance.now() < deadline && issued < MAX_REQUESTS) {
        issued++;
        try {
          samples.push(await once(vu));
        } catch (e) {
          samples.push({ op: "search", what: "network", ms: 0, status: 0, error: (e as Error).message });
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;

  // ---- figures afterwards: the API against hand-written SQL
  const checks: string[] = [];
  let wrong = 0;
  const admin = USERS[0].session!;
  const liveBy = async (col: string, where: string, params: unknown[]) =>
    new Map(
      (
        await pg.query<{ code: string; n: string }>(
          `SELECT "${col}" AS code, count(DISTINCT "enrolleeId")::text AS n FROM "Contribution"
       WHERE ${where} AND "periodStart" <= $1::date AND "periodEnd" >= $1::date AND "paidOn" <= $1::date GROUP BY 1`,
          [TODAY, ...params],
        )
      ).rows.map((r) => [r.code, Number(r.n)]),
    );
  for (const [unit, col, where, params] of [
    ["VN", "provinceCode", "TRUE", []],
    ["01", "areaCode", `"provinceCode" = $2`, ["01"]],
    ["40", "areaCode", `"provinceCode" = $2`, ["40"]],
  ] as const) {
    const r = await admin.get(`/api/v1/dashboard/league?unit=${unit}&date=${TODAY}`);
    if (r.status !== 200) {
      checks.push(`league of ${unit}: HTTP ${r.status}`);
      wrong++;
      continue;
    }
    const api = (JSON.parse(r.text) as { rows: { code: string; participants: number }[] }).rows;
    const sql = await liveBy(col, where, [...params]);
    const bad = api.filter((row) => row.participants !== (sql.get(row.code) ?? 0));
    wrong += bad.length;
    checks.push(
      `participants today of the ${api.length} children of ${unit}: ${
        bad.length === 0
          ? "all equal to SQL"
          : `**${bad.length} differ** (${bad
              .slice(0, 3)
              .map((b) => `${b.code}: API ${b.participants} vs SQL ${sql.get(b.code) ?? 0}`)
              .join(", ")})`
      }`,
    );
  }
  for (const u of staff) {
    const r = await admin.get(`/api/v1/dashboard/overview?unit=${u.unit}&date=${TODAY}`);
    const f = (JSON.parse(r.text) as { figures?: { participants: number; participantsLastYear: number } }).figures;
    const sql = await liveBy("areaCode", `"areaCode" = $2`, [u.unit]);
    const sqlLy = (
      await pg.query<{ n: string }>(
        `SELECT count(DISTINCT "enrolleeId")::text AS n FROM "Contribution" WHERE "areaCode" = $2 AND "periodStart" <= $1::date AND "periodEnd" >= $1::date AND "paidOn" <= $1::date`,
        [yearEarlier(TODAY), u.unit],
      )
    ).rows[0].n;
    const ok = f?.participants === (sql.get(u.unit) ?? 0) && f?.participantsLastYear === Number(sqlLy);
    if (!ok) wrong++;
    checks.push(
      `overview of area ${u.unit} (payments recorded here during the run): participants ${f?.participants} / a year earlier ${f?.participantsLastYear} — ${ok ? "equal to SQL" : `**SQL ${sql.get(u.unit)} / ${sqlLy}**`}`,
    );
  }
  const recorded = Number(
    (await pg.query<{ n: string }>(`SELECT count(*)::text AS n FROM "Contribution" WHERE "receiptNo" LIKE $1`, [`${stamp}-%`])).rows[0].n,
  );
  const distinctPaid = new Set(paid).size;
  if (recorded !== paid.length || distinctPaid !== paid.length) wrong++;
  checks.push(
    `payments answered 201: ${int(paid.length)}; rows recorded with this run's receipts: ${int(recorded)} ${recorded === paid.length ? "(equal)" : "**(differ)**"}`,
  );
  const overlap = Number(
    (
      await pg.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM (SELECT "periodStart", lag("periodEnd") OVER (PARTITION BY "enrolleeId" ORDER BY "periodStart") AS prev
     FROM "Contribution" WHERE "enrolleeId" = ANY($1::int[])) x WHERE prev >= "periodStart"`,
        [paid],
      )
    ).rows[0].n,
  );
  if (overlap) wrong++;
  checks.push(`overlapping periods among the people paid for: ${overlap}`);
  const after = `load average at the end ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" / ")}`;
  await pg.end();

  // ---- report
  const errors = samples.filter((s) => s.error !== undefined);
  const lines: string[] = [];
  lines.push(`### Results of \`npm run load\` — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, date ${TODAY}`, "");
  lines.push(
    ...machine,
    `- ${SESSIONS} concurrent sessions (${USERS.length} signed-in users), ${SECONDS} s, mix ${arg("mix", "dashboard=45,search=40,payment=15")}; ${after}`,
    "",
  );
  lines.push(
    `**${int(samples.length)} requests in ${elapsed.toFixed(1)} s = ${(samples.length / elapsed).toFixed(1)} requests/s; errors: ${errors.length}; figures checked afterwards: ${wrong === 0 ? "all equal to SQL" : `**${wrong} wrong**`}.**`,
    "",
  );
  lines.push("| requests | count | per s | median ms | p90 ms | p95 ms | p99 ms | max ms | errors |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  const groups = new Map<string, Sample[]>();
  for (const s of samples) {
    if (!groups.has(s.what)) groups.set(s.what, []);
    groups.get(s.what)!.push(s);
  }
  for (const [what, list] of [["all", samples] as const, ...[...groups].sort()]) {
    const ok = list.filter((s) => !s.error);
    const sum = summarize(ok.map((s) => s.ms));
    const p90 = [...ok.map((s) => s.ms)].sort((a, b) => a - b)[Math.max(0, Math.ceil(0.9 * ok.length) - 1)] ?? NaN;
    lines.push(
      `| ${what} | ${int(list.length)} | ${(list.length / elapsed).toFixed(1)} | ${ms(sum.median)} | ${ms(p90)} | ${ms(sum.p95)} | ${ms(sum.p99)} | ${ms(sum.max)} | ${list.length - ok.length} |`,
    );
  }
  lines.push("", "Checks after the run:", "", ...checks.map((c) => `- ${c}`));
  if (errors.length) lines.push("", "First errors:", "", ...errors.slice(0, 5).map((e) => `- ${e.what} HTTP ${e.status}: ${e.error}`));
  const doc = fs.existsSync(OUT) ? fs.readFileSync(OUT, "utf8") : "# Benchmarks\n";
  fs.writeFileSync(OUT, replaceBlock(doc, BLOCK, lines.join("\n")));
  console.log(`\n${lines.join("\n")}\n\nWritten to ${OUT}`);
  if (errors.length || wrong) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
