// npm run bench [-- --runs 20 --warmup 3 --only baseline,overview,league,search,units,register,payment,import
//                  --import-rows 100000 --import-runs 1 --import-dry-run --no-writes --out docs/benchmarks.md --block bench]
// Against a running app (BENCH_URL, default http://127.0.0.1:3000) on PostgreSQL with the data of
// `npm run seed:scale`: median and 95th-percentile wall time of each request on loopback, next to the
// time PostgreSQL itself takes for the equivalent hand-written SQL (scripts/perf/floors.ts) and the
// ratio. Results go to docs/benchmarks.md between <!-- bench:begin/end --> (docs/features/scale.md).
// Writes (registration, payments, the import) change the data set: they run last.
import "./load-env";
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { todayInVietnam } from "../lib/domain/dates";
import { toSearchForm } from "../lib/domain/text";
import { SEARCH_MATCH_CAP } from "../lib/validation/enrollee-filter";
import { DEMO_PASSWORD } from "../lib/ops/seed/demo";
import { vietnameseName } from "../lib/ops/seed/people";
import { createRng } from "../lib/ops/seed/random";
import { exactSearchFloor, leagueFloor, liveParticipantsFloor, overviewFloor, searchFloor, type Floor, type Level } from "./perf/floors";
import { freshIds } from "./perf/fresh-ids";
import { assertLoopback, Session, type Timed } from "./perf/session";
import { describeMachine, int, ms, replaceBlock, summarize, type Summary } from "./perf/stats";

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const RUNS = Number(arg("runs", "20"));
const WARMUP = Number(arg("warmup", "3"));
const ONLY = arg("only", "").split(",").filter(Boolean);
const IMPORT_ROWS = Number(arg("import-rows", "100000"));
const IMPORT_RUNS = Number(arg("import-runs", "1"));
const WRITES = !argv.includes("--no-writes");
const IMPORT_DRY_RUN = argv.includes("--import-dry-run");
const OUT = arg("out", "docs/benchmarks.md");
/** The marked block of docs/benchmarks.md to replace (several data sets can keep their own). */
const BLOCK = arg("block", "bench");
const BASE = (process.env.BENCH_URL ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const DB_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "";
const PASSWORD = process.env.BENCH_PASSWORD ?? process.env.SCALE_PASSWORD ?? DEMO_PASSWORD;
const TODAY = todayInVietnam();

type Row = {
  group: string;
  name: string;
  status: "ok" | "missing" | "failed" | "skipped";
  note?: string;
  app?: Summary;
  floor?: Summary;
  live?: Summary;
  goal?: string;
  extra?: string;
};
const rows: Row[] = [];
const wanted = (group: string) => ONLY.length === 0 || ONLY.includes(group);

/** A route that does not exist answers Next's HTML 404 (or 405), not our JSON errors. */
function missing(r: Timed): boolean {
  return (r.status === 404 && !r.text.trimStart().startsWith("{")) || r.status === 405;
}

async function timeSql(pg: Client, f: Floor, runs: number): Promise<Summary> {
  for (let i = 0; i < WARMUP; i++) await pg.query(f.sql, f.params);
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await pg.query(f.sql, f.params);
    t.push(performance.now() - s);
  }
  return summarize(t);
}

/** Runs a GET `RUNS` times after warm-up; `check` may verify the answer (throws on a wrong figure). */
async function timeGet(s: Session, path: string, check?: (body: unknown) => void): Promise<{ summary?: Summary; missing?: boolean; error?: string }> {
  const first = await s.get(path);
  if (missing(first)) return { missing: true };
  if (first.status !== 200) return { error: `HTTP ${first.status}: ${first.text.slice(0, 160)}` };
  if (check) check(JSON.parse(first.text));
  for (let i = 1; i < WARMUP; i++) await s.get(path);
  const t: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await s.get(path);
    if (r.status !== 200) return { error: `HTTP ${r.status} on run ${i + 1}: ${r.text.slice(0, 160)}` };
    t.push(r.ms);
  }
  return { summary: summarize(t) };
}

async function main() {
  assertLoopback(BASE);
  if (!/^postgres(ql)?:\/\//.test(DB_URL))
    throw new Error("BENCH_DATABASE_URL (or DATABASE_URL) must be the PostgreSQL database the app serves, for the SQL floors");
  const pg = new Client({ connectionString: DB_URL });
  await pg.connect();
  const machine = await describeMachine(pg);
  console.log(machine.join("\n"));

  const sessions = {
    nation: await new Session(BASE, "admin").signIn(PASSWORD),
    province: await new Session(BASE, "tinh.hanoi").signIn(PASSWORD),
    area: await new Session(BASE, "cs.badinh").signIn(PASSWORD),
  };
  const provinces = (await pg.query<{ code: string }>(`SELECT code FROM "Unit" WHERE level = 'PROVINCE' ORDER BY code`)).rows.map((r) => r.code);
  const commune =
    (
      await pg.query<{ code: string; n: string }>(
        `SELECT "communeCode" AS code, count(*)::text AS n FROM "Enrollee" WHERE "areaCode" = '001' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      )
    ).rows[0]?.code ?? "00004";
  const units: { level: Level; code: string; label: string; session: Session; codes: string[] }[] = [
    { level: "NATION", code: "VN", label: "nation (VN, 34 provinces)", session: sessions.nation, codes: provinces },
    { level: "PROVINCE", code: "01", label: "province (01 Hà Nội)", session: sessions.province, codes: ["01"] },
    { level: "AREA", code: "001", label: "area (001 Ba Đình)", session: sessions.area, codes: ["001"] },
    { level: "COMMUNE", code: commune, label: `commune (${commune})`, session: sessions.area, codes: [commune] },
  ];

  // ------------------------------------------------------------------ the cost of any API call
  if (wanted("baseline")) {
    const r = await timeGet(sessions.area, "/api/v1/me");
    rows.push({
      group: "Baseline",
      name: "Baseline: the signed-in caller (/api/v1/me: session, user lookup, framework; no data query)",
      status: r.missing ? "missing" : r.error ? "failed" : "ok",
      note: r.error,
      app: r.summary,
    });
  }

  // ------------------------------------------------------------------ dashboards
  if (wanted("overview")) {
    for (const u of units) {
      const floor = overviewFloor(u.level, u.code, u.codes, TODAY);
      const expected = await pg.query<{ status: { m: string; d: number; ly: number }[] | null }>(floor.sql, floor.params);
      const covered = expected.rows[0].status?.find((s) => s.m === "COVERED");
      const live = liveParticipantsFloor(u.level, u.code, TODAY);
      const liveRow = (await pg.query<{ d: string; ly: string }>(live.sql, live.params)).rows[0];
      const r = await timeGet(u.session, `/api/v1/dashboard/overview?unit=${u.code}&date=${TODAY}`, (body) => {
        const f = (body as { figures?: { participants?: number; participantsLastYear?: number } }).figures;
        if (f?.participants !== Number(covered?.d ?? 0) || f?.participants !== Number(liveRow.d)) {
          throw new Error(`overview ${u.code}: participants ${f?.participants} ≠ SQL ${covered?.d} (aggregates) / ${liveRow.d} (live)`);
        }
      });
      const row: Row = {
        group: "Dashboard",
        name: `Overview — ${u.label}`,
        status: r.missing ? "missing" : r.error ? "failed" : "ok",
        note: r.error,
        app: r.summary,
      };
      if (r.summary) {
        row.floor = await timeSql(pg, floor, RUNS);
        row.live = await timeSql(pg, live, Math.min(RUNS, 5));
        row.extra = `participants ${int(Number(liveRow.d))} (a year earlier ${int(Number(liveRow.ly))}) = SQL`;
      }
      if (u.level === "NATION") row.goal = "≤ 2× floor and p95 < 500 ms";
      rows.push(row);
      console.log(row.name, row.status, row.app ? `${ms(row.app.median)} / ${ms(row.app.p95)} ms` : (row.note ?? ""));
    }
  }
  if (wanted("league")) {
    for (const u of units.slice(0, 3)) {
      const r = await timeGet(u.session, `/api/v1/dashboard/league?unit=${u.code}&date=${TODAY}`);
      const row: Row = {
        group: "Dashboard",
        name: `League table — children of the ${u.label}`,
        status: r.missing ? "missing" : r.error ? "failed" : "ok",
        note: r.error,
        app: r.summary,
      };
      if (r.summary) row.floor = await timeSql(pg, leagueFloor(u.level, u.code, TODAY), RUNS);
      rows.push(row);
      console.log(row.name, row.status, row.app ? `${ms(row.app.median)} / ${ms(row.app.p95)} ms` : (row.note ?? ""));
    }
  }
  if (wanted("units")) {
    for (const u of units.slice(0, 2)) {
      const r = await timeGet(u.session, `/api/v1/units?parent=${u.code}`);
      rows.push({
        group: "Hierarchy browser",
        name: `Children with counts — ${u.label} (/api/v1/units)`,
        status: r.missing ? "missing" : r.error ? "failed" : "ok",
        note: r.error,
        app: r.summary,
      });
    }
  }

  // ------------------------------------------------------------------ search
  if (wanted("search")) {
    const someone = (
      await pg.query<{ personalId: string; phone: string | null }>(
        `SELECT "personalId", phone FROM "Enrollee" WHERE "areaCode" = '001' AND phone IS NOT NULL ORDER BY id LIMIT 1`,
      )
    ).rows[0];
    const searches: { name: string; session: Session; q: string; scope: { column: "areaCode" | "provinceCode" | null; code: string }; exact?: boolean }[] = [
      {
        name: "Search by name without diacritics — area (cs.badinh, “nguyen van an”)",
        session: sessions.area,
        q: "nguyen van an",
        scope: { column: "areaCode", code: "001" },
      },
      {
        name: "Search by name — province (tinh.hanoi, “tran thi lan”)",
        session: sessions.province,
        q: "tran thi lan",
        scope: { column: "provinceCode", code: "01" },
      },
      { name: "Search by name — nation (admin, “hoang minh hung”)", session: sessions.nation, q: "hoang minh hung", scope: { column: null, code: "VN" } },
      { name: "Search by one word — area (cs.badinh, “yen”)", session: sessions.area, q: "yen", scope: { column: "areaCode", code: "001" } },
      {
        name: "Search by CCCD — nation (admin)",
        session: sessions.nation,
        q: someone?.personalId ?? "001085012345",
        scope: { column: null, code: "VN" },
        exact: true,
      },
      {
        name: "Search by phone — area (cs.badinh)",
        session: sessions.area,
        q: someone?.phone ?? "0912345678",
        scope: { column: "areaCode", code: "001" },
        exact: true,
      },
    ];
    for (const s of searches) {
      const floor = s.exact ? exactSearchFloor(s.scope, s.q) : searchFloor(s.scope, toSearchForm(s.q).split(" "));
      const expectedTotal = s.exact ? null : Number((await pg.query<{ total: string }>(floor.sql, floor.params)).rows[0].total);
      const r = await timeGet(s.session, `/api/v1/enrollees?q=${encodeURIComponent(s.q)}`, (body) => {
        // a name search counts up to SEARCH_MATCH_CAP and says when there are more (ADR 1803)
        const { total, capped } = body as { total?: number; capped?: boolean };
        if (expectedTotal !== null && (total !== Math.min(expectedTotal, SEARCH_MATCH_CAP) || capped !== expectedTotal > SEARCH_MATCH_CAP))
          throw new Error(`search “${s.q}”: API total ${total}${capped ? " (capped)" : ""} ≠ SQL ${expectedTotal}`);
      });
      const row: Row = {
        group: "Enrollees",
        name: s.name,
        status: r.missing ? "missing" : r.error ? "failed" : "ok",
        note: r.error,
        app: r.summary,
        goal: "p95 < 100 ms",
      };
      if (r.summary) {
        row.floor = await timeSql(pg, floor, RUNS);
        if (expectedTotal !== null)
          row.extra =
            expectedTotal > SEARCH_MATCH_CAP
              ? `${int(expectedTotal)} matches (SQL): the list says more than ${int(SEARCH_MATCH_CAP)}`
              : `${int(expectedTotal)} matches = SQL`;
      }
      rows.push(row);
      console.log(row.name, row.status, row.app ? `${ms(row.app.median)} / ${ms(row.app.p95)} ms` : (row.note ?? ""));
    }
  }

  // ------------------------------------------------------------------ writes (change the data: last)
  if (WRITES && wanted("register")) rows.push(await benchRegister(pg, sessions.area));
  if (WRITES && wanted("payment")) rows.push(await benchPayment(pg, sessions.area));
  if (WRITES && wanted("import")) rows.push(await benchImport(pg, sessions.area));

  const after = `load average at the end ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" / ")}`;
  await pg.end();
  writeResults(machine, after);
}

// ------------------------------------------------------------------ writes

async function activeAgentOf(pg: Client, communeCode: string): Promise<{ id: number; code: string }> {
  const r = await pg.query<{ id: number; code: string }>(
    `SELECT a.id, a.code FROM "CollectionAgent" a JOIN "AgentCommune" ac ON ac."agentId" = a.id
     WHERE ac."communeCode" = $1 AND a.status = 'ACTIVE' AND (a."contractEnd" IS NULL OR a."contractEnd" >= $2::date) ORDER BY a.id LIMIT 1`,
    [communeCode, TODAY],
  );
  if (!r.rows[0]) throw new Error(`no active agent serves commune ${communeCode}`);
  return r.rows[0];
}

async function benchRegister(pg: Client, s: Session): Promise<Row> {
  const n = WARMUP + RUNS;
  const ids = await freshIds(pg, n, Date.now() % 1_000_000);
  const agent = await activeAgentOf(pg, "00004");
  const stamp = Date.now().toString(36);
  const names = createRng(Date.now() % 100_000);
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = ids[i];
    const r = await s.postJson("/api/v1/enrollees", {
      personalId: p.id,
      fullName: vietnameseName(names, p.sex),
      dateOfBirth: p.dob,
      sex: p.sex,
      phone: "0912000111",
      communeCode: "00004",
      address: "Tổ 1, Phường Ba Đình",
      occupation: "SELF_EMPLOYED",
      subsidyGroup: "OTHER",
      declaredIncome: 1_500_000,
      paymentPeriod: "ANNUAL",
      agentId: agent.id,
      enrolledOn: TODAY,
      confirmDuplicate: true,
      payment: { method: "CASH", receiptNo: `BENCH-R-${stamp}-${i}`, paidOn: TODAY },
    });
    if (i === 0 && missing(r)) return { group: "Enrollees", name: "Register an enrollee with the first payment (POST /api/v1/enrollees)", status: "missing" };
    if (r.status !== 201)
      return {
        group: "Enrollees",
        name: "Register an enrollee with the first payment (POST /api/v1/enrollees)",
        status: "failed",
        note: `HTTP ${r.status}: ${r.text.slice(0, 200)}`,
      };
    if (i >= WARMUP) t.push(r.ms);
  }
  return { group: "Enrollees", name: "Register an enrollee with the first payment (POST /api/v1/enrollees)", status: "ok", app: summarize(t) };
}

async function benchPayment(pg: Client, s: Session): Promise<Row> {
  const name = "Record a payment (POST /api/v1/enrollees/{id}/contributions)";
  const n = WARMUP + RUNS;
  const people = (
    await pg.query<{ id: number }>(
      `SELECT e.id FROM "Enrollee" e JOIN "CollectionAgent" a ON a.id = e."agentId"
     WHERE e."areaCode" = '001' AND e."coverageEnd" IS NOT NULL AND e."coverageEnd" < $1::date AND a.status = 'ACTIVE' AND (a."contractEnd" IS NULL OR a."contractEnd" >= $1::date)
     ORDER BY e.id DESC LIMIT $2`,
      [TODAY, n],
    )
  ).rows;
  if (people.length < n) return { group: "Enrollees", name, status: "failed", note: `only ${people.length} people to pay for in area 001` };
  const stamp = Date.now().toString(36);
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await s.postJson(`/api/v1/enrollees/${people[i].id}/contributions`, {
      period: "ANNUAL",
      declaredIncome: 1_500_000,
      method: "CASH",
      receiptNo: `BENCH-P-${stamp}-${i}`,
      paidOn: TODAY,
    });
    if (i === 0 && missing(r)) return { group: "Enrollees", name, status: "missing" };
    if (r.status !== 201) return { group: "Enrollees", name, status: "failed", note: `HTTP ${r.status}: ${r.text.slice(0, 200)}` };
    if (i >= WARMUP) t.push(r.ms);
  }
  return { group: "Enrollees", name, status: "ok", app: summarize(t) };
}

async function benchImport(pg: Client, s: Session): Promise<Row> {
  const name = IMPORT_DRY_RUN
    ? `Check (dry run) a ${int(IMPORT_ROWS)}-row CSV file with first payments (POST /api/v1/imports?dryRun=true)`
    : `Import a ${int(IMPORT_ROWS)}-row CSV file with first payments (POST /api/v1/imports)`;
  const communes = ["00004", "00008", "00025"];
  const agents = await Promise.all(communes.map((c) => activeAgentOf(pg, c)));
  const t: number[] = [];
  let note = "";
  for (let run = 0; run < IMPORT_RUNS; run++) {
    const ids = await freshIds(pg, IMPORT_ROWS, (Date.now() + run * 7919) % 1_000_000);
    const stamp = `${Date.now().toString(36)}${run}`;
    const header =
      "personalId,fullName,dateOfBirth,sex,phone,communeCode,occupation,subsidyGroup,declaredIncome,paymentPeriod,agentCode,enrolledOn,method,receiptNo,paidOn";
    const dmy = (d: string) => d.split("-").reverse().join("/");
    const lines = [header];
    const names = createRng(run + 1);
    ids.forEach((p, i) => {
      const c = i % communes.length;
      lines.push(
        [
          p.id,
          vietnameseName(names, p.sex),
          dmy(p.dob),
          p.sex,
          `09${String(10_000_000 + i).slice(-8)}`,
          communes[c],
          "FARMER",
          "OTHER",
          "1500000",
          "ANNUAL",
          agents[c].code,
          dmy(TODAY),
          "CASH",
          `BENCH-I-${stamp}-${i}`,
          dmy(TODAY),
        ].join(","),
      );
    });
    const body = lines.join("\r\n") + "\r\n";
    const r = await s.request("POST", `/api/v1/imports?name=bench-${stamp}.csv${IMPORT_DRY_RUN ? "&dryRun=true" : ""}`, body, "text/csv; charset=utf-8");
    if (missing(r)) return { group: "Enrollees", name, status: "missing" };
    if (r.status !== (IMPORT_DRY_RUN ? 200 : 201)) return { group: "Enrollees", name, status: "failed", note: `HTTP ${r.status}: ${r.text.slice(0, 300)}` };
    const done = (JSON.parse(r.text) as { created?: number; valid?: number })[IMPORT_DRY_RUN ? "valid" : "created"];
    if (done !== IMPORT_ROWS)
      return { group: "Enrollees", name, status: "failed", note: `${IMPORT_DRY_RUN ? "valid" : "created"} ${done} of ${IMPORT_ROWS}: ${r.text.slice(0, 300)}` };
    t.push(r.ms);
    note = `${(Buffer.byteLength(body) / 2 ** 20).toFixed(1)} MB`;
  }
  const sum = summarize(t);
  return { group: "Enrollees", name, status: "ok", app: sum, goal: "≥ 5,000 rows/s", extra: `${int(IMPORT_ROWS / (sum.median / 1000))} rows/s (${note})` };
}

// ------------------------------------------------------------------ report

function writeResults(machine: string[], after: string) {
  const lines: string[] = [];
  lines.push(`### Results of \`npm run bench\` — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, date ${TODAY}`, "");
  lines.push(...machine, `- Runs: ${RUNS} measured after ${WARMUP} warm-up requests, one at a time; ${after}`, "");
  lines.push(
    "| operation | app median ms | app p95 ms | SQL floor median / p95 ms | ratio median / p95 | live SQL (no aggregates) median / p95 ms | goal | notes |",
  );
  lines.push("|---|---:|---:|---:|---:|---:|---|---|");
  for (const r of rows) {
    if (r.status !== "ok") {
      const what =
        r.status === "missing" ? "not available yet (the route does not exist on this server)" : r.status === "skipped" ? "skipped" : `**failed**: ${r.note}`;
      lines.push(`| ${r.name} | – | – | – | – | – | ${r.goal ?? ""} | ${what} |`);
      continue;
    }
    const a = r.app!;
    const f = r.floor ? `${ms(r.floor.median)} / ${ms(r.floor.p95)}` : "–";
    const ratio = r.floor ? `${(a.median / r.floor.median).toFixed(1)}× / ${(a.p95 / r.floor.p95).toFixed(1)}×` : "–";
    const live = r.live ? `${ms(r.live.median)} / ${ms(r.live.p95)}` : "–";
    lines.push(`| ${r.name} | ${ms(a.median)} | ${ms(a.p95)} | ${f} | ${ratio} | ${live} | ${r.goal ?? ""} | ${r.extra ?? ""} |`);
  }
  const doc = fs.existsSync(OUT) ? fs.readFileSync(OUT, "utf8") : "# Benchmarks\n";
  fs.writeFileSync(OUT, replaceBlock(doc, BLOCK, lines.join("\n")));
  console.log(`\n${lines.join("\n")}\n\nWritten to ${OUT}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? `${e.message}${e.cause ? ` (${String((e.cause as Error).message ?? e.cause)})` : ""}` : e);
  process.exit(1);
});
