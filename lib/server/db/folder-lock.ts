// One process per embedded database folder (ADR 1701). PGlite has no locking of its own: two
// processes on one folder each replay and write the WAL, and acknowledged writes are lost or indexes
// corrupted (issue 17). Every opener (lib/server/db/pglite-adapter.ts openPGlite: the app, the
// scripts, the operations tooling) takes this lock first; a second opener is refused at once with
// a message naming the holder.
//
// The lock is a small JSON file in the folder, created atomically (written to a temporary file,
// then hard-linked to its name, which fails if it exists), holding the owner's pid, the start time
// of that pid (/proc/<pid>/stat field 22, so a reused pid is told apart), host, command and time.
// A lock whose process is gone (kill -9, power cut) or whose pid now belongs to another process is
// stale: the next opener removes it and takes over. Released when the database is closed and, as a
// last resort, when the process exits.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const LOCK_FILE = "bhxh-open.lock";

export type LockOwner = { pid: number; start: string | null; host: string; command: string; since: string; token: string };

/** A second opener: the message names the process that holds the folder. */
export class DatabaseLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly owner: LockOwner | null,
    detail?: string,
  ) {
    super(
      `The embedded database in ${dir} is already open in another process${
        owner
          ? ` — pid ${owner.pid}${owner.pid === process.pid ? " (this process)" : ""}` +
            `${owner.host !== os.hostname() ? ` on ${owner.host}` : ""}, "${owner.command}", since ${owner.since}`
          : ""
      }. ` +
        `Only one process may open it at a time (the app, npm run demo, db:migrate, db:seed, db:backup…): stop that process first.` +
        (detail ? ` ${detail}` : ""),
    );
    this.name = "DatabaseLockedError";
  }
}

/** When `pid` started (clock ticks since boot), or null where /proc cannot tell. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command name (field 2) may contain spaces and parentheses: count from the last ')'
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ?? null; // field 22 overall
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // exists, another user's
  }
}

// folder → our lock in it; on globalThis, so every bundle of the app (instrumentation, routes) sees one map
const g = globalThis as unknown as { __folderLocks?: { held: Map<string, LockOwner>; exitHook: boolean } };
const state = (g.__folderLocks ??= { held: new Map(), exitHook: false });
const held = state.held;

function lockPath(dir: string): string {
  return path.join(dir, LOCK_FILE);
}

export function readLock(dir: string): LockOwner | null {
  try {
    const o = JSON.parse(fs.readFileSync(lockPath(dir), "utf8")) as LockOwner;
    return Number.isSafeInteger(o.pid) && o.pid > 0 ? o : null;
  } catch {
    return null;
  }
}

/** Why the lock in `dir` no longer protects anything (its holder is gone), or null if it is held. */
function staleReason(dir: string, o: LockOwner | null): string | null {
  if (!o) return "unreadable lock file";
  if (o.host !== os.hostname()) return null; // cannot see that machine's processes: assume it runs
  if (o.pid === process.pid) {
    if (held.has(dir)) return null;
    return o.start === processStartTime(process.pid) ? "copied with the folder" : "pid reused";
  }
  if (!isAlive(o.pid)) return "process gone";
  const now = processStartTime(o.pid);
  if (o.start && now && now !== o.start) return "pid reused by another process";
  return null;
}

function writeOwner(file: string, owner: LockOwner, exclusive: boolean): void {
  const tmp = `${file}.${process.pid}.${owner.token}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(owner) + "\n", { mode: 0o644 });
  try {
    if (exclusive)
      fs.linkSync(tmp, file); // atomic: fails with EEXIST when another holds it
    else fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * Takes the folder's lock or throws DatabaseLockedError naming the holder. Creates the folder.
 * `command`: what to name this process as (default its command line).
 */
export function acquireFolderLock(dataDir: string, command?: string): LockOwner {
  const dir = path.resolve(dataDir);
  if (held.has(dir)) throw new DatabaseLockedError(dir, held.get(dir)!, "It is already open in this process.");
  fs.mkdirSync(dir, { recursive: true });
  const owner: LockOwner = {
    pid: process.pid,
    start: processStartTime(process.pid),
    host: os.hostname(),
    command: (
      command ??
      process.argv
        .map((a) => path.basename(a))
        .slice(0, 6)
        .join(" ")
    ).slice(0, 200),
    since: new Date().toISOString(),
    token: crypto.randomBytes(8).toString("hex"),
  };
  const file = lockPath(dir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeOwner(file, owner, true);
      held.set(dir, owner);
      installExitHook();
      return owner;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const current = readLock(dir);
    if (!staleReason(dir, current)) throw new DatabaseLockedError(dir, current);
    fs.rmSync(file, { force: true }); // stale: take over
  }
  throw new DatabaseLockedError(dir, readLock(dir));
}

/** Writes our lock again (PGlite's loadDataDir unpacks a backup over the folder, lock file included). */
export function reassertFolderLock(dataDir: string): void {
  const dir = path.resolve(dataDir);
  const owner = held.get(dir);
  if (owner) writeOwner(lockPath(dir), owner, false);
}

/** Releases our lock on `dataDir` (no-op if we do not hold it). */
export function releaseFolderLock(dataDir: string): void {
  const dir = path.resolve(dataDir);
  const owner = held.get(dir);
  if (!owner) return;
  held.delete(dir);
  if (readLock(dir)?.token === owner.token) fs.rmSync(lockPath(dir), { force: true });
}

function installExitHook() {
  if (state.exitHook) return;
  state.exitHook = true;
  process.on("exit", () => {
    for (const dir of [...held.keys()]) {
      try {
        releaseFolderLock(dir);
      } catch {
        // exiting anyway; the next opener sees the pid gone
      }
    }
  });
}
