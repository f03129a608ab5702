// Backups and moves between engines: a restored backup and an imported export hold the same rows
// (count of every table, sums of every money column) as the source, computed by hand-written SQL
// on both sides. PostgreSQL parts run when TEST_DATABASE_URL is set.
import type { AuditAction } from "@/lib/domain/audit-actions"; // test kinds outside the list, written directly
import { createPrisma } from "@/lib/server/db/client";
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "pg";
import { PGlite } from "@electric-sql/pglite";
import type { PrismaClient } from "@/generated/prisma/client";
import { migrate } from "@/lib/ops/migrate";
import { fromPg, fromPGlite } from "@/lib/server/db/sql";
import { PGLITE_EXTENSIONS } from "@/lib/server/db/pglite-adapter";
import { seedReference } from "@/lib/ops/seed/reference";
import { writeAudit } from "@/lib/server/trust/audit";
import { BackupError, backupDatabase, detectBackupFile, exportDatabase, importDatabase, restoreDatabase } from "@/lib/ops/backup";
import { TEMPLATE_DUMP, adminUrl, testEngine } from "./engine";
import { addContribution, createAgent, createEnrollee, principalFor } from "../fixtures/factories";
import { tableCounts } from "../fixtures/trust";

const run = promisify(execFile);
const PG = process.env.TEST_DATABASE_URL && testEngine() === "postgres";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "trust-backup-"));
const SOURCE = path.join(tmp, "source");

type Query = (sql: string) => Promise<Record<string, unknown>[]>;

/** Sums of every money column, as text (exact), by hand-written SQL. */
async function moneySums(q: Query): Promise<Record<string, string>> {
  const c = (
    await q(
      `SELECT sum(gross)::text AS gross, sum("centralSubsidy")::text AS central, sum("provincialTopUp")::text AS topup, sum(net)::text AS net, sum("declaredIncome")::text AS income FROM "Contribution"`,
    )
  )[0];
  const e = (await q(`SELECT sum("declaredIncome")::text AS income FROM "Enrollee"`))[0];
  return { ...(c as Record<string, string>), enrolleeIncome: String(e.income) };
}

/** Opens a PGlite folder, runs fn on a query function, closes it. */
async function withPglite<T>(dir: string, fn: (q: Query, pg: PGlite) => Promise<T>): Promise<T> {
  const pg = new PGlite(dir, { extensions: PGLITE_EXTENSIONS });
  try {
    await pg.waitReady;
    return await fn(async (sql) => (await pg.query<Record<string, unknown>>(sql)).rows, pg);
  } finally {
    await pg.close();
  }
}

async function withPg<T>(url: string, fn: (q: Query) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(async (sql) => (await c.query(sql)).rows);
  } finally {
    await c.end();
  }
}

/** Some of everything: agents, enrollees, contributions with money, users, audit entries with JSON. */
async function fillWithData(prisma: PrismaClient) {
  const admin = await principalFor(prisma, "ADMIN", "01");
  for (const commune of ["00004", "00008", "16681"]) {
    const agent = await createAgent(prisma, commune);
    for (let i = 0; i < 6; i++) {
      const e = await createEnrollee(prisma, commune, { agentId: agent.id, fullName: `Người "thử" ${commune}-${i}, 'ngoặc' \\ ${"\u00a0"}` });
      await addContribution(prisma, e.id, "2024-01-01", "2024-12-31");
      if (i % 2 === 0) await addContribution(prisma, e.id, "2025-01-01", "2025-06-30", 6);
    }
  }
  await writeAudit(prisma, admin, {
    action: "test.json" as AuditAction,
    entity: "Thing",
    entityId: 1,
    unitCode: "01",
    before: { a: [1, 2, { b: 'x,y"}' }] },
    after: { note: "dòng 1\ndòng 2\ttab", nil: null },
  });
  // a deleted row leaves a hole in the id sequence: the copy must not hand that id out again
  const gone = await createEnrollee(prisma, "00004");
  await prisma.enrollee.delete({ where: { id: gone.id } });
}

let sourceCounts: Record<string, number>;
let sourceSums: Record<string, string>;
let sourceNextEnrolleeId: number;
const pgDatabases: string[] = [];

async function newPgDatabase(): Promise<string> {
  const name = `trust_backup_${crypto.randomBytes(4).toString("hex")}`;
  await withPg(adminUrl(), (q) => q(`CREATE DATABASE ${name}`));
  pgDatabases.push(name);
  return adminUrl(name);
}

beforeAll(async () => {
  // the source: an embedded database in a folder, with reference data and some of everything
  const pg =
    fs.existsSync(TEMPLATE_DUMP) && testEngine() === "pglite"
      ? new PGlite(SOURCE, { loadDataDir: new Blob([fs.readFileSync(TEMPLATE_DUMP)]), extensions: PGLITE_EXTENSIONS })
      : new PGlite(SOURCE, { extensions: PGLITE_EXTENSIONS });
  await pg.waitReady;
  await migrate(fromPGlite(pg, false));
  const prisma = createPrisma(pg);
  if ((await prisma.unit.count()) === 0) await seedReference(prisma);
  await fillWithData(prisma);
  await prisma.$disconnect();
  if (!pg.closed) await pg.close();
  await withPglite(SOURCE, async (q) => {
    sourceCounts = await tableCounts(q);
    sourceSums = await moneySums(q);
    sourceNextEnrolleeId = Number((await q(`SELECT nextval('"Enrollee_id_seq"') AS n`))[0].n) + 1; // (this call consumed one)
  });
  expect(sourceCounts.Enrollee).toBe(18);
  expect(sourceCounts.Contribution).toBe(27);
  expect(sourceCounts.Unit).toBe(4052);
}, 300_000);

afterAll(async () => {
  if (PG) for (const name of pgDatabases) await withPg(adminUrl(), (q) => q(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  fs.rmSync(tmp, { recursive: true, force: true });
});

// generous timeouts: PGlite start-up dominates, and the test machine may be shared
// The PGlite-only cases run once, on the embedded run; the PostgreSQL run (CI) adds only what involves the server.
describe.runIf(!PG)("embedded database: backup and restore", { timeout: 300_000 }, () => {
  const file = path.join(tmp, "backup.tar.gz");

  it("backs up a stopped database and restores it into a new folder with the same rows", async () => {
    const r = await backupDatabase({ url: `file:${SOURCE}`, file });
    expect(r.engine).toBe("pglite");
    expect(detectBackupFile(file)).toBe("pglite-tarball");
    expect(r.counts).toEqual(sourceCounts);
    const target = path.join(tmp, "restored");
    const back = await restoreDatabase({ url: `file:${target}`, file });
    expect(back.pendingMigrations).toEqual([]);
    await withPglite(target, async (q) => {
      expect(await tableCounts(q)).toEqual(sourceCounts);
      expect(await moneySums(q)).toEqual(sourceSums);
    });
  });

  it("refuses a database that is open, an existing file, and a non-empty target (unless forced, which keeps the old one)", async () => {
    await withPglite(SOURCE, async () => {
      await expect(backupDatabase({ url: `file:${SOURCE}`, file: path.join(tmp, "open.tar.gz") })).rejects.toThrow(/in use by process/);
    });
    await expect(backupDatabase({ url: `file:${SOURCE}`, file })).rejects.toThrow(/exists/);
    const target = path.join(tmp, "restored");
    await expect(restoreDatabase({ url: `file:${target}`, file })).rejects.toThrow(/not empty/);
    const r = await restoreDatabase({ url: `file:${target}`, file, force: true });
    expect(r.movedAside && fs.existsSync(path.join(r.movedAside, "PG_VERSION"))).toBe(true);
    await expect(backupDatabase({ url: `file:${path.join(tmp, "nothing-here")}`, file: path.join(tmp, "x.tar.gz") })).rejects.toBeInstanceOf(BackupError);
  });

  it("tells a logical export and a backup apart", async () => {
    const exp = path.join(tmp, "kind.jsonl.gz");
    await withPglite(SOURCE, (_q, pg) => exportDatabase(fromPGlite(pg, false), exp));
    expect(detectBackupFile(exp)).toBe("logical-export");
    await expect(restoreDatabase({ url: `file:${path.join(tmp, "r2")}`, file: exp })).rejects.toThrow(/db:import/);
  });
});

/** The source exported once (gzip JSON lines), for the tests that need it in whatever order they run. */
let exported: Promise<string> | undefined;
function sourceExport(): Promise<string> {
  const file = path.join(tmp, "export.jsonl.gz");
  return (exported ??= withPglite(SOURCE, (_q, pg) => exportDatabase(fromPGlite(pg, false), file, { engine: "pglite" })).then(() => file));
}

describe("logical export and import (moving between engines)", { timeout: 300_000 }, () => {
  let file: string;
  beforeAll(async () => {
    file = await sourceExport();
  });

  it.runIf(!PG)("PGlite → a new PGlite: same counts, same money, same sequences, triggers back on", async () => {
    const target = path.join(tmp, "imported");
    await withPglite(target, async (q, pg) => {
      const counts = await importDatabase(fromPGlite(pg, false), file);
      expect(counts).toEqual(sourceCounts);
      expect(await tableCounts(q)).toEqual(sourceCounts);
      expect(await moneySums(q)).toEqual(sourceSums);
      // the next id continues after the source's (the deleted row's id is not reused)
      expect(Number((await q(`SELECT nextval('"Enrollee_id_seq"') AS n`))[0].n)).toBe(sourceNextEnrolleeId);
      // texts with quotes, commas, newlines and JSON survive exactly
      const src = await withPglite(SOURCE, (sq) => sq(`SELECT "fullName", "searchName" FROM "Enrollee" ORDER BY id`));
      expect(await q(`SELECT "fullName", "searchName" FROM "Enrollee" ORDER BY id`)).toEqual(src);
      const audit = (await q(`SELECT "before", "after", "at"::text AS at FROM "AuditLog" WHERE action = 'test.json'`))[0];
      expect(audit.before).toEqual({ a: [1, 2, { b: 'x,y"}' }] });
      expect(audit.after).toEqual({ note: "dòng 1\ndòng 2\ttab", nil: null });
      const srcAt = await withPglite(SOURCE, (sq) => sq(`SELECT "at"::text AS at FROM "AuditLog" WHERE action = 'test.json'`));
      expect(audit.at).toBe(srcAt[0].at);
      // the database's own rules are active again
      await expect(q(`DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
      const c = (await q(`SELECT "enrolleeId", "periodStart"::text AS s FROM "Contribution" LIMIT 1`))[0];
      await expect(
        pg.query(
          `INSERT INTO "Contribution" ("enrolleeId", "provinceCode", "areaCode", "communeCode", "periodStart", "periodEnd", months, "declaredIncome", "paymentPeriod", gross, "centralSubsidy", "provincialTopUp", net, method, "receiptNo", "paidOn")
        SELECT "enrolleeId", "provinceCode", "areaCode", "communeCode", "periodStart", "periodEnd", months, "declaredIncome", "paymentPeriod", gross, "centralSubsidy", "provincialTopUp", net, method, 'X-dup', "paidOn" FROM "Contribution" WHERE "enrolleeId" = $1 AND "periodStart" = $2::date`,
          [c.enrolleeId, c.s],
        ),
      ).rejects.toThrow(/overlap/);
    });
  });

  it.runIf(!PG)("refuses a non-empty target and a truncated file, and leaves nothing behind", async () => {
    await withPglite(SOURCE, async (_q, pg) => {
      await expect(importDatabase(fromPGlite(pg, false), file)).rejects.toThrow(/not empty/);
    });
    // cut the file before its end marker
    const plain = zlib.gunzipSync(fs.readFileSync(file)).toString("utf8").split("\n");
    const cut = path.join(tmp, "truncated.jsonl");
    fs.writeFileSync(cut, plain.slice(0, Math.floor(plain.length * 0.8)).join("\n") + "\n");
    const target = path.join(tmp, "truncated-target");
    await withPglite(target, async (q, pg) => {
      await expect(importDatabase(fromPGlite(pg, false), cut)).rejects.toThrow(/truncated|ended with/);
      const counts = await tableCounts(q);
      expect(Object.values(counts).every((n) => n === 0)).toBe(true);
      expect(Object.keys(counts).length).toBe(Object.keys(sourceCounts).length); // the schema is there, empty
    });
  });

  it.runIf(!PG)("works through the scripts (db:export), and a script refuses an embedded database open elsewhere", async () => {
    const out = path.join(tmp, "cli.jsonl.gz");
    const env = { ...process.env, DATABASE_URL: `file:${SOURCE}` };
    const exp = await run("npx", ["tsx", "scripts/export.ts", out], { env, cwd: process.cwd() });
    expect(exp.stdout).toMatch(/Enrollee\s+18/);
    expect(exp.stdout).toMatch(/Contribution\s+27/);
    expect(detectBackupFile(out)).toBe("logical-export");
    // an embedded database that is open elsewhere is refused with a clear message and exit code 1
    await withPglite(SOURCE, async () => {
      const r = await run("npx", ["tsx", "scripts/backup.ts", path.join(tmp, "busy.tar.gz")], { env, cwd: process.cwd() }).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect((r as { code: number }).code).toBe(1);
      expect((r as { stderr: string }).stderr).toMatch(/in use by process/);
    });
  });

  it.runIf(PG)("PGlite → PostgreSQL → PGlite: same counts and money at every step", async () => {
    const url = await newPgDatabase();
    await withPg(url, async (q) => {
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        expect(await importDatabase(fromPg(c), file)).toEqual(sourceCounts);
        expect(await tableCounts(q)).toEqual(sourceCounts);
        expect(await moneySums(q)).toEqual(sourceSums);
        expect(Number((await q(`SELECT nextval('"Enrollee_id_seq"') AS n`))[0].n)).toBe(sourceNextEnrolleeId);
        // and back: export from PostgreSQL, import into an embedded database
        const back = path.join(tmp, "from-pg.jsonl");
        await exportDatabase(fromPg(c), back, { engine: "postgres" });
        await withPglite(path.join(tmp, "from-pg"), async (pq, pg) => {
          await importDatabase(fromPGlite(pg, false), back);
          expect(await tableCounts(pq)).toEqual(sourceCounts);
          expect(await moneySums(pq)).toEqual(sourceSums);
        });
      } finally {
        await c.end();
      }
    });
  });
});

describe.runIf(PG)("PostgreSQL: pg_dump backup and pg_restore", { timeout: 300_000 }, () => {
  it("restores into a new database with the same rows, and refuses a non-empty one", async () => {
    const source = await newPgDatabase();
    const c = new Client({ connectionString: source });
    await c.connect();
    await importDatabase(fromPg(c), await sourceExport());
    await c.end();
    const file = path.join(tmp, "pg.dump");
    const r = await backupDatabase({ url: source, file });
    expect(r.engine).toBe("postgres");
    expect(detectBackupFile(file)).toBe("pg-custom-dump");
    const target = await newPgDatabase();
    const back = await restoreDatabase({ url: target, file });
    expect(back.pendingMigrations).toEqual([]);
    await withPg(target, async (q) => {
      expect(await tableCounts(q)).toEqual(sourceCounts);
      expect(await moneySums(q)).toEqual(sourceSums);
      await expect(q(`UPDATE "AuditLog" SET action = 'x'`)).rejects.toThrow(/append-only/);
    });
    await expect(restoreDatabase({ url: target, file })).rejects.toThrow(/not empty/);
    await restoreDatabase({ url: target, file, force: true });
    await withPg(target, async (q) => expect(await tableCounts(q)).toEqual(sourceCounts));
    await expect(restoreDatabase({ url: target, file: await sourceExport() })).rejects.toThrow(/db:import/);
    const junk = path.join(tmp, "junk.bin");
    fs.writeFileSync(junk, crypto.randomBytes(2048));
    await expect(restoreDatabase({ url: target, file: junk })).rejects.toThrow(/not a pg_dump/);
  });
});
