// Concurrency and faults. On PostgreSQL (TEST_DATABASE_URL) the parallel writers use several Prisma
// clients, i.e. several connections, so they really run at the same time; on embedded PGlite (one
// connection per database) the same tests prove that interleaved transactions keep the rules.
// Then a process is killed (SIGKILL) in the middle of a large one-transaction import: no partial
// rows, the database opens again (a PGlite folder: crash recovery) and the same import succeeds.
import { createPrisma } from "@/lib/server/db/client";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { freshDb, type TestDb } from "./db";
import { TEMPLATE_DUMP, testEngine } from "./engine";
import { createAgent, principalFor } from "../fixtures/factories";
import { registrationInput } from "../fixtures/enrollment";
import { putTarget, targetAudit } from "../fixtures/targets";
import { csvOf, person } from "../fixtures/import";
import { addDays, fromIsoDate, toIsoDate } from "@/lib/domain/dates";
import type { Principal } from "@/lib/server/auth/authz";
import { registerEnrollee } from "@/lib/server/enrollment/enrollees";
import { recordPayment } from "@/lib/server/enrollment/contributions";
import { setTarget, TargetError } from "@/lib/server/targets/targets";
import { runImport } from "@/lib/server/imports/imports";
import { openPGlite } from "@/lib/server/db/pglite-adapter";
import { scopeOfUnit } from "@/lib/server/auth/authz";

let t: TestDb;
let clients: PrismaClient[];
let staff: Principal, admin: Principal;
const pg = testEngine() === "postgres";

beforeAll(async () => {
  t = await freshDb();
  // on PostgreSQL: three more clients, each with its own pool of connections
  clients = [t.prisma, ...(pg ? [1, 2, 3].map(() => createPrisma(t.url)) : [])];
  staff = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  admin = await principalFor(t.prisma, "ADMIN", "01");
  await createAgent(t.prisma, "00004");
});
afterAll(async () => {
  for (const c of clients?.slice(1) ?? []) await c.$disconnect();
  await t?.close();
});

const nth = <T>(i: number, list: T[]) => list[i % list.length];

describe("parallel writers", () => {
  it("parallel payments for one enrollee never overlap: each continues where the previous one ended, one audit entry each", async () => {
    const r = await registerEnrollee(t.prisma, staff, registrationInput({ payment: undefined, enrolledOn: "2025-03-10" }));
    const n = 8;
    const results = await Promise.allSettled(
      Array.from({ length: n }, (_, i) =>
        recordPayment(nth(i, clients), staff, r.id, {
          method: "CASH",
          agentId: "OFFICE",
          receiptNo: `PAR-${i}`,
          period: i % 2 ? "QUARTERLY" : "MONTHLY",
          declaredIncome: 1_500_000,
          paidOn: "2025-06-01",
        }),
      ),
    );
    expect(results.map((x) => (x.status === "rejected" ? String(x.reason) : "ok"))).toEqual(Array(n).fill("ok"));
    const rows = await t.prisma.$queryRaw<{ s: string; e: string; months: number }[]>`
      SELECT "periodStart"::text AS s, "periodEnd"::text AS e, months FROM "Contribution" WHERE "enrolleeId" = ${r.id} ORDER BY "periodStart"`;
    expect(rows).toHaveLength(n);
    for (let i = 1; i < rows.length; i++) expect(rows[i].s, `payment ${i}`).toBe(addDays(rows[i - 1].e, 1)); // contiguous, no overlap, no gap
    const e = await t.prisma.enrollee.findUniqueOrThrow({ where: { id: r.id } });
    expect(toIsoDate(e.coverageEnd!)).toBe(rows[n - 1].e);
    expect(e.subsidyMonthsUsed).toBe(rows.reduce((s, x) => s + x.months, 0));
    expect(await t.prisma.auditLog.count({ where: { action: "contribution.create", entityId: String(r.id) } })).toBe(n);
  });

  it("careless writers inserting the same period directly, at the same time: the database keeps exactly one", async () => {
    const r = await registerEnrollee(t.prisma, staff, registrationInput({ payment: undefined, enrolledOn: "2025-03-10" }));
    const row = (i: number) => ({
      enrolleeId: r.id,
      provinceCode: "01",
      areaCode: "001",
      communeCode: "00004",
      periodStart: fromIsoDate("2025-07-01"),
      periodEnd: fromIsoDate("2025-12-31"),
      months: 6,
      declaredIncome: 1_500_000,
      paymentPeriod: "SEMIANNUAL" as const,
      gross: 1_980_000,
      centralSubsidy: 0,
      provincialTopUp: 0,
      net: 1_980_000,
      method: "CASH" as const,
      receiptNo: `RAW-${i}`,
      paidOn: fromIsoDate("2025-07-01"),
    });
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, (_, i) =>
        nth(i, clients).$transaction(async (tx) => {
          await tx.contribution.create({ data: row(i) });
          await new Promise((res) => setTimeout(res, 50)); // hold the transaction open while the others try
        }),
      ),
    );
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    for (const x of results) if (x.status === "rejected") expect(String(x.reason)).toMatch(/contribution_overlap|overlap|could not serialize|deadlock/i);
    expect(await t.prisma.contribution.count({ where: { enrolleeId: r.id } })).toBe(1);
  });

  it("parallel target edits with the same version: exactly one wins, the others get the conflict error; one audit entry", async () => {
    const row = await putTarget(t.prisma, 2032, { unitCode: "001" }, 100);
    const values = [110, 120, 130, 140];
    const results = await Promise.allSettled(
      values.map((v, i) => setTarget(nth(i, clients), admin, { year: 2032, unitCode: "001", participants: v, version: 1, seen: 100 })),
    );
    const ok = results.filter((x) => x.status === "fulfilled");
    const failed = results.filter((x): x is PromiseRejectedResult => x.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(values.length - 1);
    for (const f of failed) {
      expect(f.reason).toBeInstanceOf(TargetError);
      expect(f.reason.code).toBe("conflict");
      expect(f.reason.message).toMatch(/^Chỉ tiêu đã được người khác thay đổi/);
    }
    const stored = await t.prisma.target.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.version).toBe(2);
    expect(values).toContain(stored.participants);
    expect(await targetAudit(t.prisma, row.id)).toHaveLength(1);
  });
});

// ------------------------------------------------------------------------------ killed mid-import

const ROWS = 4000;
const KILL_AFTER = 2000; // rows already written inside the open transaction

function spawnImport(
  target: string,
  file: string,
  userId: number,
): { child: ChildProcess; progressed: (rows: number) => Promise<number>; exited: Promise<number | null>; output: () => string } {
  // node itself runs the import (tsx as a loader, not tsx's CLI, which would run it in a grandchild the kill would miss)
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/fixtures/import-child.ts", target, file, String(userId)], {
    cwd: path.resolve(__dirname, "../.."),
    env: { ...process.env, NODE_OPTIONS: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const waiters: { rows: number; resolve: (n: number) => void }[] = [];
  child.stdout!.on("data", (d: Buffer) => {
    out += d.toString();
    const m = [...out.matchAll(/progress (\d+)/g)].at(-1);
    const n = m ? Number(m[1]) : 0;
    for (const w of waiters.splice(0)) {
      if (n >= w.rows) w.resolve(n);
      else waiters.push(w);
    }
  });
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((res) => child.on("exit", (code) => res(code)));
  return {
    child,
    exited,
    output: () => out,
    progressed: (rows) =>
      new Promise<number>((resolve, reject) => {
        waiters.push({ rows, resolve });
        void exited.then(() => reject(new Error(`the import ended before ${rows} rows:\n${out}`)));
      }),
  };
}

async function importFile(dir: string): Promise<{ file: string; ids: string[] }> {
  const people = Array.from({ length: ROWS }, (_, i) => person(300_000 + i, i % 2 ? "00004" : "00008"));
  const file = path.join(dir, "lon.csv");
  fs.writeFileSync(file, csvOf(people));
  return { file, ids: people.map((p) => p.personalId!) };
}

type Opened = { prisma: PrismaClient; close: () => Promise<void> };

async function killMidImport(first: Opened, target: string, userId: number, dir: string, reopen: () => Opened): Promise<void> {
  const { file, ids } = await importFile(dir);
  const before = await first.prisma.enrollee.count();
  const unitsBefore = await first.prisma.unit.count();
  await first.close(); // the child must be the only process on a PGlite folder

  const run = spawnImport(target, file, userId);
  const at = await run.progressed(KILL_AFTER);
  expect(run.output()).toContain(`started ${run.child.pid}`); // the process we kill is the one importing
  expect(at).toBeGreaterThanOrEqual(KILL_AFTER);
  expect(at).toBeLessThan(ROWS);
  run.child.kill("SIGKILL");
  await run.exited;
  expect(run.output()).not.toMatch(/done \d+/);

  // the database opens again, with nothing of the killed import
  const opened = reopen();
  const again = opened.prisma;
  try {
    expect(await again.unit.count()).toBe(unitsBefore);
    expect(await again.enrollee.count()).toBe(before);
    expect(await again.enrollee.count({ where: { personalId: { in: ids } } })).toBe(0);
    expect(await again.auditLog.count({ where: { action: "enrollee.import" } })).toBe(0);
    // and the same file imports completely
    const user = await again.user.findUniqueOrThrow({ where: { id: userId }, include: { unit: true } });
    const p: Principal = {
      userId: user.id,
      login: user.login,
      name: user.name,
      role: user.role,
      unitCode: user.unitCode,
      scope: scopeOfUnit(user.unit),
      locale: "vi",
    };
    const r = await runImport(again, p, { name: "lon.csv", data: new Uint8Array(fs.readFileSync(file)) });
    expect(r, JSON.stringify({ ...r, errors: r.errors.slice(0, 3) })).toMatchObject({ created: ROWS, rejected: 0 });
    expect(await again.enrollee.count({ where: { personalId: { in: ids } } })).toBe(ROWS);
  } finally {
    await opened.close();
  }
}

describe("a process killed in the middle of an import", () => {
  // the PGlite case needs the PGlite test template, built only when the suite runs on PGlite
  it.runIf(!pg)("embedded PGlite folder: no partial rows, the folder opens again (crash recovery), the same import then succeeds", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kill-pglite-"));
    const dataDir = path.join(dir, "db");
    try {
      const open = (): Opened => {
        const pgl = openPGlite(dataDir);
        const prisma = createPrisma(pgl);
        return {
          prisma,
          close: async () => {
            await prisma.$disconnect();
            if (!pgl.closed) await pgl.close();
          },
        };
      };
      // a folder database from the test template (migrations + reference data)
      const seed = openPGlite(dataDir, { loadDataDir: new Blob([fs.readFileSync(TEMPLATE_DUMP)]) });
      await seed.waitReady;
      await seed.close();
      const first = open();
      const user = await principalFor(first.prisma, "DISTRICT_STAFF", "001");
      await killMidImport(first, dataDir, user.userId, dir, open);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(pg)("PostgreSQL: the server rolls the killed connection's transaction back; the same import then succeeds", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kill-pg-"));
    try {
      const open = (): Opened => {
        const prisma = createPrisma(t.url);
        return { prisma, close: () => prisma.$disconnect() };
      };
      const before = await t.prisma.enrollee.count();
      await killMidImport(open(), t.url, staff.userId, dir, open);
      expect(await t.prisma.enrollee.count()).toBe(before + ROWS);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
