// Several app instances on one database (issue 18 item 1, ADR 1801): what used to live in a process —
// staged imports (temp files) and rate-limit counters (memory) — is in the database, so two clients
// standing for two instances share them, and a new client (a restarted instance) finds them again.
// On PostgreSQL (TEST_DATABASE_URL) the clients are two connection pools; on the embedded database (one
// process by design, ADR 1701) two Prisma clients over the one PGlite, and a restart closes the folder and
// opens it again.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { createPrisma } from "@/lib/server/db/client";
import { openPGlite } from "@/lib/server/db/pglite-adapter";
import { messages } from "@/lib/i18n/messages";
import { confirmStaged, HEARTBEAT_STALE_MS, rejectedReport, stageAndPreview, type StreamEvent } from "@/lib/server/imports/flow";
import { readJob, sweepOldJobs, writeJob } from "@/lib/server/imports/jobs";
import { FixedWindowLimiter } from "@/lib/server/http/rate-limit";
import { FREE_FAILURES, recordFailure, recordSuccess, throttledUntil } from "@/lib/server/auth/login-throttle";
import type { Principal } from "@/lib/server/auth/authz";
import { freshDb, type TestDb } from "./db";
import { TEMPLATE_DUMP, testEngine } from "./engine";
import { principalFor } from "../fixtures/factories";
import { csvOf, person } from "../fixtures/import";

/** Two clients on one database, and a way to "restart" (drop every client, open a new one). */
type Cluster = { a: PrismaClient; b: PrismaClient; restart(): Promise<PrismaClient>; close(): Promise<void> };

async function cluster(): Promise<Cluster> {
  if (testEngine() === "postgres") {
    const t: TestDb = await freshDb();
    const b = createPrisma(t.url, { poolSize: 2 });
    let c: PrismaClient | undefined;
    return {
      a: t.prisma,
      b,
      async restart() {
        await Promise.all([t.prisma.$disconnect(), b.$disconnect()]);
        return (c = createPrisma(t.url, { poolSize: 2 }));
      },
      async close() {
        await c?.$disconnect();
        await b.$disconnect();
        await t.close();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shared-state-"));
  const pg = openPGlite(path.join(dir, "db"), { loadDataDir: new Blob([fs.readFileSync(TEMPLATE_DUMP)]) });
  await pg.waitReady;
  const a = createPrisma(pg);
  const b = createPrisma(pg);
  let again: { prisma: PrismaClient; pg: ReturnType<typeof openPGlite> } | undefined;
  return {
    a,
    b,
    async restart() {
      await a.$disconnect(); // closes the PGlite (and its folder lock)
      if (!pg.closed) await pg.close();
      const pg2 = openPGlite(path.join(dir, "db"));
      await pg2.waitReady;
      again = { prisma: createPrisma(pg2), pg: pg2 };
      return again.prisma;
    },
    async close() {
      if (again) {
        await again.prisma.$disconnect();
        if (!again.pg.closed) await again.pg.close();
      }
      if (!pg.closed) await pg.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let c: Cluster;
let staff: Principal, other: Principal;
const vi = messages.vi;

beforeAll(async () => {
  c = await cluster();
  staff = await principalFor(c.a, "DISTRICT_STAFF", "001");
  other = await principalFor(c.a, "DISTRICT_STAFF", "001");
});
afterAll(async () => {
  await c?.close();
});

async function preview(db: PrismaClient, p: Principal, people: ReturnType<typeof person>[], name = "lan.csv"): Promise<string> {
  let jobId = "";
  await stageAndPreview(db, p, { name, data: csvOf(people) }, (e) => {
    if (e.type === "preview") jobId = e.summary.jobId;
  });
  return jobId;
}

describe("rate limits counted in the database", () => {
  it("allows `limit` hits per window per key, then refuses with the seconds left; a new window starts after it", async () => {
    const l = new FixedWindowLimiter("t-window", 3, 60_000);
    const t0 = Date.parse("2026-12-01T00:00:00Z");
    const ok = [];
    for (const i of [1, 2, 3]) ok.push((await l.hit(c.a, "a", t0 + i)).ok);
    expect(ok).toEqual([true, true, true]);
    expect(await l.hit(c.a, "a", t0 + 10_000)).toMatchObject({ ok: false, remaining: 0, retryAfterSeconds: 51, resetAt: t0 + 1 + 60_000 });
    expect((await l.hit(c.a, "b", t0 + 10_000)).ok).toBe(true); // another key has its own window
    expect((await l.hit(c.a, "a", t0 + 60_001)).ok).toBe(true); // a new window starts
    expect((await l.hit(c.a, "a", t0 + 60_002)).remaining).toBe(1);
  });

  it("check() predicts hit() without counting; reset() forgets; a limit of 0 writes nothing", async () => {
    const l = new FixedWindowLimiter("t-check", 2, 1_000);
    const t0 = Date.parse("2026-12-01T00:00:00Z");
    expect((await l.check(c.a, "k", t0)).ok).toBe(true);
    await l.hit(c.a, "k", t0);
    expect((await l.check(c.a, "k", t0 + 1)).ok).toBe(true);
    await l.hit(c.a, "k", t0 + 1);
    expect(await l.check(c.a, "k", t0 + 2)).toMatchObject({ ok: false, retryAfterSeconds: 1 });
    expect((await l.check(c.a, "k", t0 + 1_000)).ok).toBe(true);
    await l.reset(c.a, "k");
    expect((await l.check(c.a, "k", t0 + 3)).ok).toBe(true);
    const off = new FixedWindowLimiter("t-off", 0, 1_000);
    for (let i = 0; i < 20; i++) expect((await off.hit(c.a, "x", t0 + i)).ok).toBe(true);
    expect(await c.a.rateLimitWindow.count({ where: { name: "t-off" } })).toBe(0);
  });

  it("two instances count in the same window: the limit holds across them, not N × it", async () => {
    // each instance has its own limiter object (as in its own process); the counts are the database's
    const onA = new FixedWindowLimiter("t-shared", 10, 60_000);
    const onB = new FixedWindowLimiter("t-shared", 10, 60_000);
    const now = Date.now();
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? onA : onB).hit(i % 2 ? c.a : c.b, "user:7", now)));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect((await onB.check(c.b, "user:7", now)).ok).toBe(false);
    expect((await onA.hit(c.a, "user:8", now)).ok).toBe(true); // another caller is not affected
  });

  it("ended windows are pruned, so spoofed keys cannot fill the table", async () => {
    const l = new FixedWindowLimiter("t-prune", 5, 1_000);
    const t0 = Date.parse("2026-12-01T00:00:00Z");
    for (let i = 0; i < 50; i++) await l.hit(c.a, `ip:${i}`, t0 + i);
    const fresh = new FixedWindowLimiter("t-prune", 5, 1_000); // prunes at its first hit
    await fresh.hit(c.a, "ip:new", t0 + 5_000);
    expect(await c.a.rateLimitWindow.count({ where: { name: "t-prune" } })).toBe(1);
  });
});

describe("sign-in throttles in the database", () => {
  it("failures recorded through one instance slow the same login and address on another; a success on either clears them", async () => {
    for (let i = 0; i < FREE_FAILURES; i++) await recordFailure(i % 2 ? c.a : c.b, "an.nguyen", "203.0.113.9");
    expect(await throttledUntil(c.b, "an.nguyen", "203.0.113.9")).toBeInstanceOf(Date);
    expect(await throttledUntil(c.a, "an.nguyen", "203.0.113.9")).toBeInstanceOf(Date);
    expect(await throttledUntil(c.b, "an.nguyen", "198.51.100.1")).toBeNull(); // the owner's own address is not slowed
    await recordSuccess(c.a, "an.nguyen", "203.0.113.9");
    expect(await throttledUntil(c.b, "an.nguyen", "203.0.113.9")).toBeNull();
  });
});

describe("import jobs in the database", () => {
  it("previewed through one instance, its report read and its job confirmed through another", async () => {
    const good = [person(910_001, "00004"), person(910_002, "00008")];
    const bad = person(910_003, "00004", { sex: "?" });
    const jobId = await preview(c.a, staff, [...good, bad], "hai may.csv");
    expect(jobId).toMatch(/^[a-f0-9]{24}$/);
    const report = await rejectedReport(c.b, staff, jobId, "csv", vi);
    expect(await report!.text()).toContain(bad.personalId);
    // the owner only, on any instance
    expect(await rejectedReport(c.b, other, jobId, "csv", vi)).toBeNull();
    await expect(confirmStaged(c.b, other, jobId, vi, () => undefined)).rejects.toThrow(vi.imports.jobMissing);
    const events: StreamEvent[] = [];
    await confirmStaged(c.b, staff, jobId, vi, (e) => events.push(e));
    const done = events.find((e) => e.type === "done");
    expect(done?.type === "done" && done.result).toMatchObject({ created: 2, rejected: 1 });
    expect(await c.a.enrollee.count({ where: { personalId: { in: good.map((g) => g.personalId!) } } })).toBe(2);
    // confirmed once: a second confirmation through the first instance is refused
    await expect(confirmStaged(c.a, staff, jobId, vi, () => undefined)).rejects.toThrow(vi.imports.jobUsed);
  });

  it("two confirmations of one job arriving at two instances at once: exactly one imports", async () => {
    const people = [person(920_001, "00004"), person(920_002, "00025")];
    const jobId = await preview(c.a, staff, people, "doi.csv");
    const outcomes = await Promise.allSettled([confirmStaged(c.a, staff, jobId, vi, () => undefined), confirmStaged(c.b, staff, jobId, vi, () => undefined)]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(await c.a.enrollee.count({ where: { personalId: { in: people.map((p) => p.personalId!) } } })).toBe(2);
  });

  it("a job run by an instance on another host: running while its heartbeat is fresh, interrupted once it is stale", async () => {
    const jobId = await preview(c.a, staff, [person(930_001, "00004")], "xa.csv");
    const job = (await readJob(c.a, staff.userId, jobId))!;
    const remote = { pid: 1, start: null, host: "another-instance" };
    await writeJob(c.a, { ...job, status: "importing", runner: remote, heartbeatAt: new Date().toISOString() });
    await expect(confirmStaged(c.b, staff, jobId, vi, () => undefined)).rejects.toThrow(vi.imports.jobRunning);
    await writeJob(c.a, { ...job, status: "importing", runner: remote, heartbeatAt: new Date(Date.now() - HEARTBEAT_STALE_MS - 1_000).toISOString() });
    await expect(confirmStaged(c.b, staff, jobId, vi, () => undefined)).rejects.toThrow(vi.imports.jobInterrupted);
    const events: StreamEvent[] = [];
    await confirmStaged(c.b, staff, jobId, vi, (e) => events.push(e));
    expect(events.some((e) => e.type === "done")).toBe(true);
  });

  it("abandoned jobs are swept after 24 hours, whoever's they are", async () => {
    const jobId = await preview(c.a, other, [person(940_001, "00004")], "cu.csv");
    expect(await sweepOldJobs(c.b, Date.now())).toBe(0);
    expect(await sweepOldJobs(c.b, Date.now() + 25 * 60 * 60_000)).toBeGreaterThanOrEqual(1);
    expect(await c.a.importJob.findUnique({ where: { id: jobId } })).toBeNull();
    expect(await c.a.importJobReport.count({ where: { jobId } })).toBe(0);
  });

  it("a staged job survives a restart: the new process confirms it", async () => {
    const people = [person(950_001, "00004"), person(950_002, "00008")];
    const jobId = await preview(c.a, staff, people, "truoc khi khoi dong lai.csv");
    const after = await c.restart();
    const events: StreamEvent[] = [];
    await confirmStaged(after, staff, jobId, vi, (e) => events.push(e));
    const done = events.find((e) => e.type === "done");
    expect(done?.type === "done" && done.result).toMatchObject({ created: 2 });
    // the rate limits and throttles survive as well (they are rows too)
    expect(await after.rateLimitWindow.findUnique({ where: { name_key: { name: "t-shared", key: "user:7" } } })).toMatchObject({ count: 16 });
  });
});
