// The web flow of a bulk import: upload → staged preview → confirm → report, and the HTTP helpers its
// route handlers share (multipart reading with a size limit, NDJSON progress streams).
// Staging in the database is ADR 1801 (it replaced ADR 0201's temp files); the import itself is
// lib/server/imports/imports.ts.
import "server-only";
import os from "node:os";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Messages } from "@/lib/i18n/messages";
import { fill, type Locale } from "@/lib/i18n/messages";
import type { Principal } from "../auth/authz";
import { assertCan } from "../auth/authz";
import type { DbTx } from "../db/client";
import { processStartTime } from "../db/folder-lock";
import {
  clearRejected,
  createJob,
  deleteJob,
  deleteUpload,
  heartbeat,
  openRejectedWriter,
  readJob,
  readRejected,
  readUpload,
  transitionJob,
  writeJob,
  type ImportJobMeta,
} from "./jobs";
import { ImportFileError, previewImport, runImport, type ImportResult, type ImportSummary } from "./imports";
import { defaultLimits, fileResponse, SpreadsheetError, toCsv, toXlsx, type Column } from "../files/spreadsheet";
import { readLimitedBody, readLimitedFormData } from "../http/body";

/** Issues sent to the browser's preview; the downloadable report has every rejected row. */
export const PREVIEW_MAX_ISSUES = 2_000;

export class UploadError extends Error {
  constructor(
    public readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** The `file` part of a multipart body, or a raw body (then `?name=` gives the file name). Refuses an oversize body before reading it. */
export async function readUploadedFile(req: Request, t: Messages): Promise<{ name: string; data: Uint8Array }> {
  const max = defaultLimits().maxBytes;
  const tooLarge = () =>
    new UploadError(413, fill(t.imports.limits, { mb: Math.round(max / 1024 / 1024), rows: defaultLimits().maxRows.toLocaleString("vi-VN") }));
  const type = req.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      // read with a limit (chunked uploads declare no length): a 100 MB body is refused, not buffered
      form = await readLimitedFormData(req, max + 256 * 1024, tooLarge);
    } catch (e) {
      if (e instanceof UploadError) throw e;
      throw new UploadError(400, t.imports.chooseFile);
    }
    const file = form.get("file");
    if (!file || typeof file === "string") throw new UploadError(400, t.imports.chooseFile);
    if (file.size > max) throw tooLarge();
    return { name: cleanFileName(file.name), data: new Uint8Array(await file.arrayBuffer()) };
  }
  const data = await readLimitedBody(req, max, tooLarge);
  if (data.byteLength === 0) throw new UploadError(400, t.imports.chooseFile);
  if (data.byteLength > max) throw tooLarge();
  return { name: cleanFileName(new URL(req.url).searchParams.get("name") ?? "upload.csv"), data };
}

function cleanFileName(name: string): string {
  return (
    (name.split(/[\\/]/).pop() ?? "upload")
      .normalize("NFC")
      .replace(/[\u0000-\u001f]/g, "")
      .slice(0, 200) || "upload"
  );
}

/** A user-facing message for a failed import (file-level problems in the user's language). */
export function importErrorMessage(e: unknown, locale: Locale): string | null {
  if (e instanceof ImportFileError || e instanceof SpreadsheetError) return locale === "en" ? e.en : e.message;
  if (e instanceof UploadError) return e.message;
  return null;
}

export type StreamEvent =
  | { type: "progress"; phase: "validate" | "import"; rows: number }
  | { type: "preview"; summary: ImportSummary & { jobId: string } }
  | { type: "done"; result: ImportResult }
  | { type: "error"; message: string };

/** An NDJSON response fed while `work` runs: the browser shows progress as lines arrive. */
export function ndjsonResponse(work: (send: (e: StreamEvent) => void) => Promise<void>, t: Messages, locale: Locale): Response {
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (e: StreamEvent) => controller.enqueue(enc.encode(JSON.stringify(e) + "\n"));
      try {
        await work(send);
      } catch (e) {
        const known = importErrorMessage(e, locale);
        if (!known) console.error(e);
        send({ type: "error", message: known ?? t.error });
      } finally {
        controller.close();
      }
    },
  });
  // no-transform: keeps compression from buffering the progress lines
  return new Response(body, {
    headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store, no-transform", "X-Accel-Buffering": "no" },
  });
}

/** Progress at most every 250 ms (each batch is 1,000 rows). */
function throttled(send: (e: StreamEvent) => void, phase: "validate" | "import") {
  let last = 0;
  return (rows: number) => {
    const now = Date.now();
    if (now - last > 250) {
      last = now;
      send({ type: "progress", phase, rows });
    }
  };
}

/** Stages the upload, validates it (dry run) and keeps the rejected rows for the report. */
export async function stageAndPreview(db: DbTx, p: Principal, file: { name: string; data: Uint8Array }, send: (e: StreamEvent) => void): Promise<void> {
  assertCan(p, "enrollee.write");
  const job = await createJob(db, p.userId, file.name, file.data);
  const writer = openRejectedWriter(db, job);
  let summary: ImportSummary;
  try {
    summary = await previewImport(db, p, file, {
      maxIssues: PREVIEW_MAX_ISSUES,
      onRejected: (r) => writer.add(r),
      onWarned: (r) => writer.add(r),
      onSkipped: (r) => writer.add(r),
      onProgress: throttled(send, "validate"),
    });
  } catch (e) {
    await deleteJob(db, job); // an unreadable file is not kept
    throw e;
  }
  await writer.close();
  job.preview = { total: summary.total, valid: summary.valid, duplicates: summary.duplicates, rejected: summary.rejected, warned: summary.warned };
  job.headers = summary.headers;
  await writeJob(db, job);
  send({ type: "preview", summary: { ...summary, jobId: job.id } });
}

const running = new Set<string>();
/** The runner of an import refreshes its job's heartbeat this often; a runner on another host whose
 *  heartbeat is older than HEARTBEAT_STALE_MS is taken for crashed. */
export const HEARTBEAT_MS = 10_000;
export const HEARTBEAT_STALE_MS = 60_000;

/** Is the process that set the job "importing" still running it? On this host: is that process alive;
 *  on another host (another instance): has it refreshed the heartbeat lately. */
function runnerAlive(job: ImportJobMeta, now = Date.now()): boolean {
  const r = job.runner;
  if (!r) return false;
  if (r.host !== os.hostname()) return !!job.heartbeatAt && now - Date.parse(job.heartbeatAt) < HEARTBEAT_STALE_MS;
  if (r.pid === process.pid) return running.has(job.id) && r.start === processStartTime(process.pid);
  try {
    process.kill(r.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const now2 = processStartTime(r.pid);
  return !(r.start && now2 && now2 !== r.start);
}

/** Re-parses the staged file and imports its valid rows (one transaction); the upload is deleted after.
 *  Any instance can confirm a job another instance previewed (the job is in the database). */
export async function confirmStaged(db: PrismaClient, p: Principal, jobId: string, t: Messages, send: (e: StreamEvent) => void): Promise<void> {
  assertCan(p, "enrollee.write");
  const job = await readJob(db, p.userId, jobId);
  if (!job) throw new ImportFileError(t.imports.jobMissing);
  if (running.has(job.id) || (job.status === "importing" && runnerAlive(job))) throw new ImportFileError(t.imports.jobRunning);
  if (job.status === "importing" || job.status === "failed") {
    // the process running it crashed (or the import failed): its one transaction rolled back, nothing was
    // imported (ADR 0202). Say so, clear the partial report, and let the next confirmation run it again.
    if (await transitionJob(db, job, { ...job, status: "previewed", runner: undefined, heartbeatAt: undefined })) await clearRejected(db, job);
    throw new ImportFileError(t.imports.jobInterrupted);
  }
  if (job.status !== "previewed") throw new ImportFileError(t.imports.jobUsed);
  const data = await readUpload(db, job);
  if (!data) throw new ImportFileError(t.imports.jobMissing);
  const mine: ImportJobMeta = {
    ...job,
    status: "importing",
    runner: { pid: process.pid, start: processStartTime(process.pid), host: os.hostname() },
    heartbeatAt: new Date().toISOString(),
  };
  // one confirmation wins, whichever instance each double click reached
  if (!(await transitionJob(db, job, mine))) throw new ImportFileError(t.imports.jobRunning);
  running.add(job.id);
  // on PostgreSQL the heartbeat goes through another pool connection while the import's transaction runs;
  // with PGlite's one connection it waits for the transaction (one process: the pid check suffices there)
  const beat = setInterval(() => void heartbeat(db, mine).catch(() => undefined), HEARTBEAT_MS);
  beat.unref?.();
  try {
    const writer = openRejectedWriter(db, mine);
    let result: ImportResult;
    try {
      result = await runImport(
        db,
        p,
        { name: job.fileName, data },
        {
          maxIssues: PREVIEW_MAX_ISSUES,
          onRejected: (r) => writer.add(r),
          onWarned: (r) => writer.add(r),
          onSkipped: (r) => writer.add(r),
          onProgress: throttled(send, "import"),
        },
      );
    } catch (e) {
      clearInterval(beat);
      await writer.close();
      await writeJob(db, { ...mine, status: "failed" });
      throw e;
    }
    clearInterval(beat);
    await writer.close();
    const done: ImportJobMeta = { ...mine, status: "imported", runner: undefined, heartbeatAt: undefined };
    done.result = {
      created: result.created,
      contributions: result.contributions,
      duplicates: result.duplicates,
      rejected: result.rejected,
      warned: result.warned,
      auditId: result.auditId ?? undefined,
    };
    await writeJob(db, done);
    await deleteUpload(db, done);
    send({ type: "done", result });
  } finally {
    clearInterval(beat);
    running.delete(job.id);
  }
}

/** The rejected rows of the caller's own job (the cells as written, plus the reasons), and the rows
 *  imported with a warning (reasons empty, the warning in its own column). */
export async function rejectedReport(db: DbTx, p: Principal, jobId: string, format: "csv" | "xlsx", t: Messages): Promise<Response | null> {
  assertCan(p, "enrollee.write");
  const job: ImportJobMeta | null = await readJob(db, p.userId, jobId);
  if (!job) return null;
  const it = t.imports;
  const headers = job.headers ?? [];
  const columns: Column[] = [
    { key: "__line", label: it.reportLine, type: "number" },
    ...headers.map((h, i) => ({ key: `c${i}`, label: h })),
    { key: "__reasons", label: it.reportReasons },
    { key: "__warnings", label: it.reportWarnings },
  ];
  const rows: Record<string, unknown>[] = [];
  for await (const r of readRejected(db, job)) {
    const text = (list: { column: string; message: string }[] | undefined) =>
      (list ?? []).map((x) => (x.column ? `${x.column}: ${x.message}` : x.message)).join("; ");
    const warnings = r.skippedAs ? fill(it.reportSkipped, { id: r.skippedAs }) : text(r.warnings);
    const row: Record<string, unknown> = { __line: r.line, __reasons: text(r.reasons), __warnings: warnings };
    headers.forEach((h, i) => (row[`c${i}`] = r.values[h] ?? ""));
    rows.push(row);
  }
  const base = `${it.reportFileName} ${job.fileName.replace(/\.(csv|xlsx)$/i, "")}`;
  if (format === "csv") return fileResponse(toCsv(columns, rows), `${base}.csv`, "csv");
  // no title line: once fixed, the report itself can be imported again (its extra columns are ignored,
  // and the rows with a warning were imported: they are skipped as already present)
  return fileResponse(await toXlsx([{ name: it.reportSheet, columns, rows }]), `${base}.xlsx`, "xlsx");
}
