// Staging of an uploaded import file between its preview and the user's confirmation
// (docs/decisions/0201-import-staging-in-temp-files.md): the raw upload is kept in a private folder,
// named after the uploader's user id and a random id, re-parsed on confirm, deleted after use;
// the rejected rows are kept beside it for the downloadable report. Nothing here is shared between users.
import "server-only";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { config } from "../env";
import type { RejectedRow } from "./imports";

export type ImportJobMeta = {
  id: string;
  userId: number;
  fileName: string;
  size: number;
  createdAt: string;
  status: "previewed" | "importing" | "imported" | "failed";
  /** the file's header row, for the report's columns */
  headers?: string[];
  preview?: { total: number; valid: number; duplicates: number; rejected: number; warned?: number };
  result?: { created: number; contributions: number; duplicates: number; rejected: number; warned?: number; auditId?: number };
  /** The process running the import (status "importing"): pid, its start time and host, to tell a crash. */
  runner?: { pid: number; start: string | null; host: string };
};


/** Kept for a working day: an abandoned preview is swept by the next upload after that. */
export const JOB_TTL_MS = 24 * 60 * 60 * 1000;
const ID = /^[a-f0-9]{24}$/;

export function importDir(): string {
  // runtime data, not part of the build: keep the bundler from tracing this folder
  return path.resolve(/*turbopackIgnore: true*/ config().IMPORT_TMP_DIR);
}

function base(userId: number, id: string): string {
  if (!ID.test(id) || !Number.isInteger(userId)) throw new Error("bad import job id");
  return path.join(importDir(), `${userId}-${id}`);
}

export const jobPaths = (userId: number, id: string) => {
  const b = base(userId, id);
  return { upload: `${b}.upload`, meta: `${b}.json`, rejected: `${b}.rejected.ndjson` };
};

/** Saves an upload; the folder is private to the server process (0700, files 0600). */
export async function createJob(userId: number, fileName: string, data: Uint8Array): Promise<ImportJobMeta> {
  const dir = importDir();
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  void sweepOldJobs().catch(() => undefined);
  const id = crypto.randomBytes(12).toString("hex");
  const meta: ImportJobMeta = { id, userId, fileName, size: data.byteLength, createdAt: new Date().toISOString(), status: "previewed" };
  const p = jobPaths(userId, id);
  await fs.writeFile(p.upload, data, { mode: 0o600 });
  await fs.writeFile(p.meta, JSON.stringify(meta), { mode: 0o600 });
  return meta;
}

/** The caller's own job, or null (another user's id simply does not exist for them). */
export async function readJob(userId: number, id: string): Promise<ImportJobMeta | null> {
  if (!ID.test(id)) return null;
  try {
    const meta = JSON.parse(await fs.readFile(/*turbopackIgnore: true*/ jobPaths(userId, id).meta, "utf8")) as ImportJobMeta;
    if (meta.userId !== userId || Date.now() - Date.parse(meta.createdAt) > JOB_TTL_MS) return null;
    return meta;
  } catch {
    return null;
  }
}

export async function writeJob(meta: ImportJobMeta): Promise<void> {
  await fs.writeFile(jobPaths(meta.userId, meta.id).meta, JSON.stringify(meta), { mode: 0o600 });
}

export async function readUpload(meta: ImportJobMeta): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await fs.readFile(/*turbopackIgnore: true*/ jobPaths(meta.userId, meta.id).upload));
  } catch {
    return null;
  }
}

export async function deleteUpload(meta: ImportJobMeta): Promise<void> {
  await fs.rm(jobPaths(meta.userId, meta.id).upload, { force: true });
}

/** Removes every file of a job (a preview that failed: nothing worth keeping). */
export async function deleteJob(meta: ImportJobMeta): Promise<void> {
  const p = jobPaths(meta.userId, meta.id);
  await Promise.all([p.upload, p.meta, p.rejected].map((f) => fs.rm(f, { force: true })));
}

/** Appends rejected rows as NDJSON while the file is validated (the report may have 50,000 rows). */
export async function openRejectedWriter(meta: ImportJobMeta) {
  const handle = await fs.open(/*turbopackIgnore: true*/ jobPaths(meta.userId, meta.id).rejected, "w", 0o600);
  let buffer = "";
  return {
    async add(row: RejectedRow) {
      buffer += JSON.stringify(row) + "\n";
      if (buffer.length > 256 * 1024) { await handle.write(buffer); buffer = ""; }
    },
    async close() {
      if (buffer) await handle.write(buffer);
      await handle.close();
    },
  };
}

export async function* readRejected(meta: ImportJobMeta): AsyncGenerator<RejectedRow> {
  let handle;
  try {
    handle = await fs.open(/*turbopackIgnore: true*/ jobPaths(meta.userId, meta.id).rejected, "r");
  } catch {
    return;
  }
  try {
    for await (const line of handle.readLines()) if (line) yield JSON.parse(line) as RejectedRow;
  } finally {
    await handle.close();
  }
}

/** Removes jobs older than the TTL (anybody's: they are abandoned). */
export async function sweepOldJobs(now = Date.now()): Promise<number> {
  let removed = 0;
  const dir = importDir();
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    const full = path.join(dir, name);
    const st = await fs.stat(full).catch(() => null);
    if (st && now - st.mtimeMs > JOB_TTL_MS) {
      await fs.rm(full, { force: true });
      removed++;
    }
  }
  return removed;
}
