// Staging of an uploaded import file between its preview and the user's confirmation, in the database
// (docs/decisions/1801-shared-state-in-postgresql.md, replacing ADR 0201's temp files): an "ImportJob"
// row holds the raw upload, the preview's counts and the status, so a preview made through one app
// instance can be confirmed through another and survives a restart. The rejected rows are kept as
// gzip-compressed NDJSON chunks ("ImportJobReport") for the downloadable report. A job is the uploader's
// own: every read is by (id, userId), so another user's id simply does not exist for them.
import "server-only";
import crypto from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { Prisma } from "@/generated/prisma/client";
import type { DbTx } from "../db/client";
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
  /** When the runner last said it was alive (status "importing"; see flow.ts). */
  heartbeatAt?: string;
};

/** Kept for a working day: an abandoned preview is swept by the next upload after that. */
export const JOB_TTL_MS = 24 * 60 * 60 * 1000;
const ID = /^[a-f0-9]{24}$/;
/** Uncompressed NDJSON per report chunk. */
const CHUNK_CHARS = 256 * 1024;

const metaSelect = {
  id: true,
  userId: true,
  fileName: true,
  size: true,
  createdAt: true,
  status: true,
  headers: true,
  preview: true,
  result: true,
  runner: true,
  heartbeatAt: true,
} as const;
type Row = {
  id: string;
  userId: number;
  fileName: string;
  size: number;
  createdAt: Date;
  status: string;
  headers: unknown;
  preview: unknown;
  result: unknown;
  runner: unknown;
  heartbeatAt: Date | null;
};

function toMeta(r: Row): ImportJobMeta {
  const m: ImportJobMeta = {
    id: r.id,
    userId: r.userId,
    fileName: r.fileName,
    size: r.size,
    createdAt: r.createdAt.toISOString(),
    status: r.status as ImportJobMeta["status"],
  };
  if (r.headers) m.headers = r.headers as string[];
  if (r.preview) m.preview = r.preview as ImportJobMeta["preview"];
  if (r.result) m.result = r.result as ImportJobMeta["result"];
  if (r.runner) m.runner = r.runner as ImportJobMeta["runner"];
  if (r.heartbeatAt) m.heartbeatAt = r.heartbeatAt.toISOString();
  return m;
}

const json = (v: unknown) => (v === undefined || v === null ? Prisma.DbNull : (v as Prisma.InputJsonValue));

/** Saves an upload (the caller has checked its size against the spreadsheet limits). */
export async function createJob(db: DbTx, userId: number, fileName: string, data: Uint8Array): Promise<ImportJobMeta> {
  if (!Number.isInteger(userId)) throw new Error("bad import job owner");
  void sweepOldJobs(db).catch(() => undefined);
  const id = crypto.randomBytes(12).toString("hex");
  const row = await db.importJob.create({
    data: { id, userId, fileName, size: data.byteLength, status: "previewed", upload: new Uint8Array(data) },
    select: metaSelect,
  });
  return toMeta(row);
}

/** The caller's own job, or null (another user's id simply does not exist for them). */
export async function readJob(db: DbTx, userId: number, id: string): Promise<ImportJobMeta | null> {
  if (!ID.test(id) || !Number.isInteger(userId)) return null;
  const row = await db.importJob.findFirst({ where: { id, userId, createdAt: { gt: new Date(Date.now() - JOB_TTL_MS) } }, select: metaSelect });
  return row ? toMeta(row) : null;
}

const changes = (meta: ImportJobMeta) => ({
  status: meta.status,
  headers: json(meta.headers),
  preview: json(meta.preview),
  result: json(meta.result),
  runner: json(meta.runner),
  heartbeatAt: meta.heartbeatAt ? new Date(meta.heartbeatAt) : null,
});

export async function writeJob(db: DbTx, meta: ImportJobMeta): Promise<void> {
  await db.importJob.updateMany({ where: { id: meta.id, userId: meta.userId }, data: changes(meta) });
}

/**
 * Writes `next` only if the job is still as `seen` left it (same status and heartbeat): when two instances
 * receive the same confirmation at once, exactly one wins. Returns whether this caller won.
 */
export async function transitionJob(db: DbTx, seen: ImportJobMeta, next: ImportJobMeta): Promise<boolean> {
  const { count } = await db.importJob.updateMany({
    where: { id: seen.id, userId: seen.userId, status: seen.status, heartbeatAt: seen.heartbeatAt ? new Date(seen.heartbeatAt) : null },
    data: changes(next),
  });
  return count === 1;
}

/** The runner of an "importing" job says it is still alive. */
export async function heartbeat(db: DbTx, meta: ImportJobMeta, at = new Date()): Promise<void> {
  await db.importJob.updateMany({ where: { id: meta.id, userId: meta.userId, status: "importing" }, data: { heartbeatAt: at } });
  meta.heartbeatAt = at.toISOString();
}

export async function readUpload(db: DbTx, meta: ImportJobMeta): Promise<Uint8Array | null> {
  const row = await db.importJob.findFirst({ where: { id: meta.id, userId: meta.userId }, select: { upload: true } });
  return row?.upload ? new Uint8Array(row.upload) : null;
}

export async function deleteUpload(db: DbTx, meta: ImportJobMeta): Promise<void> {
  await db.importJob.updateMany({ where: { id: meta.id, userId: meta.userId }, data: { upload: null } });
}

/** Removes a job and its report (a preview that failed: nothing worth keeping). */
export async function deleteJob(db: DbTx, meta: ImportJobMeta): Promise<void> {
  await db.importJob.deleteMany({ where: { id: meta.id, userId: meta.userId } });
}

/** Forgets the job's rejected rows (before a new run writes them again). */
export async function clearRejected(db: DbTx, meta: ImportJobMeta): Promise<void> {
  await db.importJobReport.deleteMany({ where: { jobId: meta.id } });
}

/**
 * Collects rejected rows as NDJSON while the file is validated (the report may have 50,000 rows):
 * compressed in memory chunk by chunk, written when the run ends. Nothing is written while the import's
 * transaction is open (with the embedded database's one connection that would wait for it to end).
 */
export function openRejectedWriter(db: DbTx, meta: ImportJobMeta) {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let buffer = "";
  const seal = () => {
    if (buffer) chunks.push(new Uint8Array(gzipSync(buffer)));
    buffer = "";
  };
  return {
    add(row: RejectedRow) {
      buffer += JSON.stringify(row) + "\n";
      if (buffer.length > CHUNK_CHARS) seal();
    },
    async close() {
      seal();
      await clearRejected(db, meta);
      if (chunks.length) await db.importJobReport.createMany({ data: chunks.map((data, seq) => ({ jobId: meta.id, seq, data })) });
    },
  };
}

export async function* readRejected(db: DbTx, meta: ImportJobMeta): AsyncGenerator<RejectedRow> {
  for (let seq = 0; ; seq++) {
    const chunk = await db.importJobReport.findUnique({ where: { jobId_seq: { jobId: meta.id, seq } }, select: { data: true } });
    if (!chunk) return;
    for (const line of gunzipSync(chunk.data).toString("utf8").split("\n")) if (line) yield JSON.parse(line) as RejectedRow;
  }
}

/** Removes jobs older than the TTL (anybody's: they are abandoned); their reports go with them. */
export async function sweepOldJobs(db: DbTx, now = Date.now()): Promise<number> {
  const { count } = await db.importJob.deleteMany({ where: { createdAt: { lt: new Date(now - JOB_TTL_MS) } } });
  return count;
}
