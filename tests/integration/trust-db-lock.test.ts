// One process per embedded database folder (issue 17 item 1, ADR 1701). Before the lock, a second
// opener of a running app's folder was allowed: both served, acknowledged writes were lost and
// indexes corrupted. Every opener (openPGlite: the app's client, migrate, seed, backup, restore,
// export, import) now takes the folder's lock; a second one is refused at once, naming the holder;
// after kill -9 of the holder the next opener takes the stale lock over.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openPGlite } from "@/lib/server/db/pglite-adapter";
import { createPrisma } from "@/lib/server/db/client";
import { DatabaseLockedError, LOCK_FILE, processStartTime, readLock } from "@/lib/server/db/folder-lock";
import { backupDatabase, openForMove } from "@/lib/ops/backup";
import { openSql } from "@/lib/ops/connect";
import { testEngine } from "./engine";

const ROOT = path.resolve(__dirname, "../..");
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tmpFolder(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "lock-"));
  dirs.push(d);
  return path.join(d, "db");
}

/** A child process holding the folder open, as a running app does. */
function holder(dir: string): { child: ChildProcess; ready: Promise<void>; exited: Promise<number | null>; output: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/open-folder-child.ts", dir], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  const exited = new Promise<number | null>((res) => child.on("exit", (code) => res(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("ready")) resolve();
    });
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    void exited.then(() => reject(new Error(`the holder ended: ${out}`)));
  });
  ready.catch(() => {}); // a refused opener never gets ready: the tests look at its exit instead
  return { child, ready, exited, output: () => out };
}

// Creating an embedded database (PGlite's initdb) is the slow part of this file (tens of seconds on a
// busy 2-core machine), so one is made for the file and each test works on a copy of its folder.
let pristine = "";
beforeAll(async () => {
  if (testEngine() !== "pglite") return;
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "lock-pristine-"));
  pristine = path.join(d, "db");
  const pg = openPGlite(pristine);
  await pg.exec("CREATE TABLE t (n int PRIMARY KEY); INSERT INTO t VALUES (1), (2), (3);");
  await pg.close();
  expect(fs.existsSync(path.join(pristine, LOCK_FILE)), "closing releases the lock").toBe(false);
});
afterAll(() => {
  if (pristine) fs.rmSync(path.dirname(pristine), { recursive: true, force: true });
});

async function createDatabase(dir: string): Promise<void> {
  fs.cpSync(pristine, dir, { recursive: true });
}

// The embedded engine's own rule: the PostgreSQL run of the integration tests (CI) has nothing to add here.
describe.runIf(testEngine() === "pglite")("one process per embedded database folder", () => {
  it("a second opener is refused at once, naming the process that holds the folder; scripts and backup too", async () => {
    const dir = tmpFolder();
    await createDatabase(dir);
    const first = holder(dir);
    await first.ready;
    const pid = first.child.pid!;
    expect(readLock(dir)).toMatchObject({ pid, start: processStartTime(pid) });

    // in this process: the raw opener, the app's Prisma client, the scripts' connections, backup
    expect(() => openPGlite(dir)).toThrow(DatabaseLockedError);
    expect(() => openPGlite(dir)).toThrow(new RegExp(`pid ${pid}\\b.*open-folder-child.*since`));
    await expect(createPrisma(`file:${dir}`).$queryRaw`SELECT 1`).rejects.toThrow(/already open in another process/);
    await expect(openSql(`file:${dir}`)).rejects.toThrow(DatabaseLockedError);
    await expect(openForMove(`file:${dir}`)).rejects.toThrow(/in use|already open/);
    const out = path.join(path.dirname(dir), "b.tar.gz");
    await expect(backupDatabase({ url: `file:${dir}`, file: out })).rejects.toThrow(new RegExp(`${pid}`));
    expect(fs.existsSync(out)).toBe(false);

    // another process: refused at once (exit code 3, the message names the holder)
    const second = holder(dir);
    expect(await second.exited).toBe(3);
    expect(second.output()).toMatch(new RegExp(`already open in another process — pid ${pid}`));
    expect(readLock(dir)?.pid, "the refused opener leaves the holder's lock alone").toBe(pid);
  });

  it("after kill -9 of the holder, the next opener takes over the stale lock and the data is there", async () => {
    const dir = tmpFolder();
    await createDatabase(dir);
    const first = holder(dir);
    await first.ready;
    first.child.kill("SIGKILL");
    await first.exited;
    expect(readLock(dir)?.pid, "kill -9 leaves the lock file behind").toBe(first.child.pid);

    const pg = openPGlite(dir);
    try {
      expect(readLock(dir)?.pid).toBe(process.pid);
      expect((await pg.query<{ n: number }>("SELECT count(*)::int AS n FROM t")).rows[0].n).toBe(3);
    } finally {
      await pg.close();
    }
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it("a lock whose pid now belongs to another process (a different start time) is stale", async () => {
    const dir = tmpFolder();
    await createDatabase(dir);
    // pid 1 is alive, but did not start at this time
    fs.writeFileSync(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: 1, start: "1", host: os.hostname(), command: "old", since: "2026-01-01T00:00:00Z", token: "x" }),
    );
    if (processStartTime(1) !== null && processStartTime(1) !== "1") {
      const pg = openPGlite(dir);
      await pg.close();
    }
    // the same pid with its real start time: held
    fs.writeFileSync(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: 1, start: processStartTime(1), host: os.hostname(), command: "init", since: "2026-01-01T00:00:00Z", token: "x" }),
    );
    expect(() => openPGlite(dir)).toThrow(/pid 1\b.*"init"/);
  });

  it("one process cannot open the folder twice either; a backup restored in place is not locked by the copy's lock file", async () => {
    const dir = tmpFolder();
    await createDatabase(dir);
    const pg = openPGlite(dir);
    await pg.waitReady;
    expect(() => openPGlite(dir)).toThrow(/this process/);
    await pg.close();
    const file = path.join(path.dirname(dir), "b.tar.gz");
    await backupDatabase({ url: `file:${dir}`, file });
    const { restoreDatabase } = await import("@/lib/ops/backup");
    const copy = path.join(path.dirname(dir), "copy");
    await restoreDatabase({ url: `file:${copy}`, file });
    expect(fs.existsSync(path.join(copy, LOCK_FILE))).toBe(false);
    const again = openPGlite(copy);
    expect((await again.query<{ n: number }>("SELECT count(*)::int AS n FROM t")).rows[0].n).toBe(3);
    await again.close();
  });
});

describe.runIf(testEngine() === "pglite")("the app server at start (instrumentation.ts → lib/server/startup.ts)", () => {
  const exit = ((code: number) => {
    throw new Error(`exit ${code}`);
  }) as (code: number) => never;
  const withEnv = async (env: Record<string, string | undefined>, run: () => Promise<void>) => {
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
    try {
      await run();
    } finally {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      delete (globalThis as { prisma?: unknown }).prisma;
    }
  };

  it("refuses to start (exit 1) on a folder another process holds, naming it", async () => {
    const dir = tmpFolder();
    await createDatabase(dir);
    const first = holder(dir);
    await first.ready;
    const { startupChecks } = await import("@/lib/server/startup");
    const errors: string[] = [];
    const log = console.error;
    console.error = (m: string) => void errors.push(String(m));
    try {
      await withEnv({ DATABASE_URL: `file:${dir}` }, async () => {
        await expect(startupChecks(exit)).rejects.toThrow("exit 1");
      });
    } finally {
      console.error = log;
    }
    expect(errors.join("\n")).toMatch(new RegExp(`already open in another process — pid ${first.child.pid}`));
  });

  it("production refuses to start (exit 1) with a missing, short or development secret", async () => {
    const { startupChecks } = await import("@/lib/server/startup");
    const log = console.error;
    console.error = () => {};
    try {
      for (const secret of [undefined, "short", "dev-only-secret-change-me-in-production"]) {
        await withEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: secret, ALLOW_DEV_SECRET: undefined, NEXT_PHASE: undefined }, async () => {
          await expect(startupChecks(exit), String(secret)).rejects.toThrow("exit 1");
        });
      }
    } finally {
      console.error = log;
    }
  });
});
