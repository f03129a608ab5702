// Import speed, in process (no HTTP): builds a CSV of fresh people with first payments in area 001
// (as `npm run bench -- --only import` does), then times the preview (parse + validate + lookups,
// nothing written) and the import (the same + the writes, one transaction), with the time spent in
// each SQL statement kind when --queries is given. Used for the figures of docs/benchmarks.md
// (block import-speed). Needs a database with the reference data (npm run db:seed or seed:scale):
//
//   NODE_OPTIONS=--conditions=react-server DATABASE_URL=postgres://… npx tsx scripts/perf/import-speed.ts \
//     [--rows 100000] [--runs 1] [--batch 1000] [--queries] [--dry-run-only] [--keep]
//
// After each run the imported people and payments are deleted again (not timed) so the data set keeps
// its size; --keep leaves them. The `--conditions=react-server` lets lib/server's "server-only" load.
import "../load-env";
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { todayInVietnam } from "../../lib/domain/dates";
import { freshIds } from "./fresh-ids";
import { resolveDatabase } from "../../lib/server/db/url";
import { createPrisma } from "../../lib/server/db/client";
import { scopeOfUnit, type Principal } from "../../lib/server/auth/authz";
import { previewImport, runImport } from "../../lib/server/imports/imports";
import { vietnameseName } from "../../lib/ops/seed/people";
import { createRng } from "../../lib/ops/seed/random";

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const ROWS = Number(arg("rows", "100000"));
const RUNS = Number(arg("runs", "1"));
const QUERIES = argv.includes("--queries");
const DRY_ONLY = argv.includes("--dry-run-only");
const KEEP = argv.includes("--keep");
const BATCH = argv.includes("--batch") ? Number(arg("batch", "1000")) : undefined;
const TODAY = todayInVietnam();

async function main() {
  const target = resolveDatabase(process.env.DATABASE_URL ?? "");
  if (target.engine !== "postgres") throw new Error("set DATABASE_URL=postgres://… (this script measures PostgreSQL)");
  const pg = new Client({ connectionString: target.url });
  await pg.connect();
  // the app's own client (its pool lets the import's checks read beside its transaction)
  const prisma = createPrisma(target.url, { logQueries: QUERIES });
  const byKind = new Map<string, { n: number; ms: number }>();
  if (QUERIES) {
    (prisma as unknown as { $on(e: "query", cb: (q: { query: string; duration: number }) => void): void }).$on("query", (q) => {
      const k = kindOf(q.query);
      const s = byKind.get(k) ?? { n: 0, ms: 0 };
      s.n++;
      s.ms += q.duration;
      byKind.set(k, s);
    });
  }

  const p = await principal(pg);
  const communes = ["00004", "00008", "00025"];
  const agents = await Promise.all(communes.map((c) => activeAgentOf(pg, c)));
  const counts = await pg.query<{ e: string; c: string }>(`SELECT (SELECT count(*) FROM "Enrollee")::text e, (SELECT count(*) FROM "Contribution")::text c`);
  console.log(
    `database: Enrollee ${counts.rows[0].e}, Contribution ${counts.rows[0].c}; load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(" / ")}`,
  );

  for (let run = 0; run < RUNS; run++) {
    const { data, stamp, ids } = await buildFile(
      pg,
      communes,
      agents.map((a) => a.code),
      run,
    );
    const file = { name: `speed-${run}.csv`, data };
    console.log(`run ${run + 1}: ${ROWS} rows, ${(data.byteLength / 2 ** 20).toFixed(1)} MB CSV, load average ${os.loadavg()[0].toFixed(1)}`);

    byKind.clear();
    let cpu = await cpuMark(pg);
    let t0 = performance.now();
    const s = await previewImport(prisma, p, file, { batchSize: BATCH });
    let sec = (performance.now() - t0) / 1000;
    console.log(
      `  preview: ${sec.toFixed(1)} s = ${Math.round(ROWS / sec)} rows/s (valid ${s.valid}, rejected ${s.rejected}, warned ${s.warned}${s.errors[0] ? `: ${s.errors[0].message}` : ""}); ${await cpuSince(pg, cpu)}`,
    );
    printQueries(byKind);
    if (DRY_ONLY) continue;

    byKind.clear();
    cpu = await cpuMark(pg);
    t0 = performance.now();
    const r = await runImport(prisma, p, file, { batchSize: BATCH });
    sec = (performance.now() - t0) / 1000;
    console.log(
      `  import: ${sec.toFixed(1)} s = ${Math.round(ROWS / sec)} rows/s (created ${r.created}, contributions ${r.contributions}); ${await cpuSince(pg, cpu)}; load average ${os.loadavg()[0].toFixed(1)}`,
    );
    printQueries(byKind);
    if (!KEEP) {
      const c = await pg.query(`DELETE FROM "Contribution" WHERE "receiptNo" LIKE upper($1)`, [`SPEED-${stamp}-%`]);
      const e = await pg.query(`DELETE FROM "Enrollee" WHERE "personalId" = ANY($1::text[])`, [ids]);
      console.log(`  cleaned up: ${e.rowCount} people, ${c.rowCount} payments deleted`);
    }
  }
  await prisma.$disconnect();
  await pg.end();
}

// CPU time, which the machine's other work does not inflate the way it inflates wall time: this
// process (parsing, validation, driver) and the database's client backends serving this database
// (read from /proc: the server must run on this machine; 0 when it cannot be read).
type CpuMark = { node: NodeJS.CpuUsage; pg: Map<number, number> };

async function backendTicks(pg: Client): Promise<Map<number, number>> {
  const pids = (
    await pg.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
    )
  ).rows.map((r) => r.pid);
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      out.set(pid, Number(f[11]) + Number(f[12])); // utime + stime, in clock ticks (1/100 s)
    } catch {
      /* not on this machine, or gone */
    }
  }
  return out;
}

async function cpuMark(pg: Client): Promise<CpuMark> {
  return { node: process.cpuUsage(), pg: await backendTicks(pg) };
}

async function cpuSince(pg: Client, m: CpuMark): Promise<string> {
  const node = process.cpuUsage(m.node);
  let ticks = 0;
  for (const [pid, t] of await backendTicks(pg)) ticks += t - (m.pg.get(pid) ?? 0);
  return `CPU: node ${((node.user + node.system) / 1e6).toFixed(1)} s, PostgreSQL ${(ticks / 100).toFixed(1)} s`;
}

function kindOf(sql: string): string {
  const s = sql.replace(/\s+/g, " ").trim();
  const insert = /^INSERT INTO "?(\w+)"?/.exec(s);
  if (insert) return `INSERT INTO ${insert[1]}`;
  const select = /^SELECT .*? FROM "?(?:public"\.")?(\w+)"?.*? WHERE .*?"?(\w+)"? (?:IN|=)/.exec(s);
  if (select) return `SELECT FROM ${select[1]} WHERE ${select[2]}`;
  return s.slice(0, 50);
}

function printQueries(byKind: Map<string, { n: number; ms: number }>) {
  if (!QUERIES) return;
  for (const [k, v] of [...byKind].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) {
    console.log(`    ${(v.ms / 1000).toFixed(2).padStart(7)} s  ${String(v.n).padStart(6)}×  ${k}`);
  }
}

async function principal(pg: Client): Promise<Principal> {
  let u = (await pg.query<{ id: number; login: string }>(`SELECT id, login FROM "User" WHERE login = 'cs.badinh'`)).rows[0];
  if (!u) {
    u = (
      await pg.query<{ id: number; login: string }>(
        `INSERT INTO "User" (login, name, "passwordHash", role, "unitCode", "updatedAt") VALUES ('perf.import', 'perf.import', 'x', 'DISTRICT_STAFF', '001', now())
       ON CONFLICT (login) DO UPDATE SET name = EXCLUDED.name RETURNING id, login`,
      )
    ).rows[0];
  }
  const unit = (await pg.query(`SELECT code, level, "provinceCode", "areaCode" FROM "Unit" WHERE code = '001'`)).rows[0];
  return { userId: u.id, login: u.login, name: u.login, role: "DISTRICT_STAFF", unitCode: "001", scope: scopeOfUnit(unit), locale: "vi" };
}

async function activeAgentOf(pg: Client, communeCode: string): Promise<{ id: number; code: string }> {
  const r = await pg.query<{ id: number; code: string }>(
    `SELECT a.id, a.code FROM "CollectionAgent" a JOIN "AgentCommune" ac ON ac."agentId" = a.id
     WHERE ac."communeCode" = $1 AND a.status = 'ACTIVE' AND a."contractStart" <= $2::date AND (a."contractEnd" IS NULL OR a."contractEnd" >= $2::date) ORDER BY a.id LIMIT 1`,
    [communeCode, TODAY],
  );
  if (!r.rows[0]) throw new Error(`no active agent serves commune ${communeCode}`);
  return r.rows[0];
}

/** The bench's file: fresh CCCDs agreeing with date of birth and sex, realistic names, a first payment today. */
async function buildFile(pg: Client, communes: string[], agentCodes: string[], run: number): Promise<{ data: Uint8Array; stamp: string; ids: string[] }> {
  const people = await freshIds(pg, ROWS, (Date.now() + run * 7919) % 1_000_000);
  const stamp = `${Date.now().toString(36)}${run}`;
  const dmy = (d: string) => d.split("-").reverse().join("/");
  const names = createRng(run + 1);
  const lines = [
    "personalId,fullName,dateOfBirth,sex,phone,communeCode,occupation,subsidyGroup,declaredIncome,paymentPeriod,agentCode,enrolledOn,method,receiptNo,paidOn",
  ];
  people.forEach((p, i) => {
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
        agentCodes[c],
        dmy(TODAY),
        "CASH",
        `SPEED-${stamp}-${i}`,
        dmy(TODAY),
      ].join(","),
    );
  });
  return { data: new TextEncoder().encode(lines.join("\r\n") + "\r\n"), stamp, ids: people.map((x) => x.id) };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
