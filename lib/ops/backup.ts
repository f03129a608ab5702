// Backups and moves (docs/operations.md, ADR 0702). Used by scripts/{backup,restore,export,import}.ts,
// never by the running app.
//  - Physical backup/restore, same engine: the embedded database's folder as PGlite's own gzip
//    tarball (dumpDataDir) — the app must be stopped; PostgreSQL with pg_dump -Fc / pg_restore.
//  - Logical export/import, any engine to any engine (e.g. embedded → PostgreSQL): every table as
//    JSON lines of text values, parents before children, streamed in batches, in one transaction
//    on the way in, sequences carried over.
import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { finished } from "node:stream/promises";
import zlib from "node:zlib";
import { Client } from "pg";
import { resolveDatabase, type DatabaseTarget } from "../server/db/url";
import { config } from "../server/env";
import { migrate, readMigrations } from "./migrate";
import { openPGlite } from "../server/db/pglite-adapter";
import { fromPg, fromPGlite, type SqlConnection } from "../server/db/sql";

/** A refusal or failure to show the operator as is (no stack trace). */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

type Log = (line: string) => void;
const quiet: Log = () => {};

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

// ------------------------------------------------------------------ the embedded database's folder

/**
 * Processes holding files open inside `dir` (an open PGlite keeps its WAL and catalog files open),
 * this one included; null where /proc is not available to tell.
 */
export function processesUsingFolder(dir: string): number[] | null {
  if (!fs.existsSync("/proc/self/fd")) return null;
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    return [];
  }
  const prefix = real + path.sep;
  const found: number[] = [];
  for (const pid of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    for (const fd of fds) {
      try {
        if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(prefix)) {
          found.push(Number(pid));
          break;
        }
      } catch {
        // closed meanwhile
      }
    }
  }
  return found;
}

/** Refuses to touch an embedded database another process (or this one) has open. */
export function assertFolderIdle(dir: string, opts: { force?: boolean; log?: Log } = {}): void {
  const log = opts.log ?? quiet;
  const users = processesUsingFolder(dir);
  const pidFile = fs.existsSync(path.join(dir, "postmaster.pid"));
  if (users && users.length > 0) {
    const who = users.map((p) => (p === process.pid ? `${p} (this process)` : String(p))).join(", ");
    throw new BackupError(
      `The embedded database in ${dir} is in use by process ${who}. Stop the app (and any script using it) first: a copy of an open database may be inconsistent.`,
    );
  }
  if (pidFile) {
    if (users === null && !opts.force) {
      throw new BackupError(
        `${dir} has a postmaster.pid: the database may be open in another process, or was not shut down cleanly. Stop the app; if nothing uses it, run again with --force.`,
      );
    }
    log(`note: ${dir} was not shut down cleanly (postmaster.pid left behind); PGlite recovers it while opening.`);
  }
}

function isPgliteFolder(dir: string): boolean {
  return fs.existsSync(path.join(dir, "PG_VERSION"));
}

function folderIsEmpty(dir: string): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

// ------------------------------------------------------------------ files

/** Refuses to overwrite `file` unless forced; returns the temporary name to write to, renamed on success. */
function prepareOutput(file: string, force?: boolean): string {
  if (fs.existsSync(file) && !force) throw new BackupError(`${file} exists; choose another name or pass --force to overwrite it.`);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return `${file}.partial`;
}

export type FileKind = "pglite-tarball" | "pg-custom-dump" | "logical-export" | "unknown";

/** What a backup file is, from its first bytes. */
export function detectBackupFile(file: string): FileKind {
  const fd = fs.openSync(file, "r");
  const head = Buffer.alloc(64 * 1024);
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  let bytes = head.subarray(0, n);
  if (bytes.subarray(0, 5).toString("latin1") === "PGDMP") return "pg-custom-dump";
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      // the start of the compressed stream is enough to see what it holds
      bytes = zlib.gunzipSync(bytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).subarray(0, 1024);
    } catch {
      return "unknown";
    }
  }
  if (bytes.subarray(0, 40).toString("utf8").startsWith(`{"format":"${EXPORT_FORMAT}"`)) return "logical-export";
  if (bytes.length >= 262 && bytes.subarray(257, 262).toString("latin1") === "ustar") return "pglite-tarball";
  return "unknown";
}

// ------------------------------------------------------------------ PostgreSQL client programs

/** pg_dump / pg_restore: PG_BIN_DIR, then PATH, then Debian's /usr/lib/postgresql/<newest>/bin. */
export function findPgTool(name: "pg_dump" | "pg_restore"): string {
  const dirs = [...(config().PG_BIN_DIR ? [config().PG_BIN_DIR!] : []), ...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean)];
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => path.join(debian, v, "bin")));
  }
  for (const d of dirs) {
    const p = path.join(d, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // next
    }
  }
  throw new BackupError(`${name} not found. Install PostgreSQL's client programs (Debian: apt-get install postgresql-client) or set PG_BIN_DIR.`);
}

/** Connection settings as libpq environment variables, so no password appears on a command line. */
export function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  const set = (k: string, v: string | null | undefined) => {
    if (v) env[k] = v;
  };
  set("PGHOST", u.searchParams.get("host") ?? u.hostname.replace(/^\[|\]$/g, ""));
  set("PGPORT", u.port || u.searchParams.get("port"));
  set("PGUSER", decodeURIComponent(u.username));
  set("PGPASSWORD", decodeURIComponent(u.password));
  set("PGDATABASE", decodeURIComponent(u.pathname.replace(/^\//, "")));
  set("PGSSLMODE", u.searchParams.get("sslmode"));
  return env;
}

function run(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: ["ignore", "inherit", "pipe"] });
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err = (err + c.toString()).slice(-4000)));
    child.on("error", (e) => reject(new BackupError(`${path.basename(bin)}: ${e.message}`)));
    child.on("close", (code) => (code === 0 ? resolve() : reject(new BackupError(`${path.basename(bin)} failed (exit ${code}): ${err.trim()}`))));
  });
}

async function pgIsEmpty(url: string): Promise<boolean> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ n: string }>(`
      SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')`);
    return Number(r.rows[0].n) === 0;
  } finally {
    await c.end();
  }
}

// ------------------------------------------------------------------ physical backup and restore

export type BackupOptions = { url?: string; file: string; force?: boolean; log?: Log };

/** `npm run db:backup -- <file>`: the database of DATABASE_URL (or `url`) into `file`. */
export async function backupDatabase(o: BackupOptions): Promise<{ engine: DatabaseTarget["engine"]; bytes: number; counts?: Record<string, number> }> {
  const log = o.log ?? quiet;
  const target = resolveDatabase(o.url ?? config().DATABASE_URL ?? "");
  if (target.engine === "postgres") {
    const partial = prepareOutput(o.file, o.force);
    await run(findPgTool("pg_dump"), ["--format=custom", "--compress=6", "--no-password", `--file=${partial}`], libpqEnv(target.url));
    fs.renameSync(partial, o.file);
    return { engine: "postgres", bytes: fs.statSync(o.file).size };
  }
  if (!isPgliteFolder(target.dir)) throw new BackupError(`No embedded database in ${target.dir}.`);
  assertFolderIdle(target.dir, { force: o.force, log });
  const partial = prepareOutput(o.file, o.force);
  const pg = openPGlite(target.dir);
  try {
    await pg.waitReady;
    await pg.exec("CHECKPOINT"); // everything in the data files, so the copy needs no WAL replay
    const conn = fromPGlite(pg, false);
    const counts = await tableCounts(conn);
    const dump = await pg.dumpDataDir("gzip");
    await fs.promises.writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(partial, o.file);
    return { engine: "pglite", bytes: fs.statSync(o.file).size, counts };
  } finally {
    if (!pg.closed) await pg.close();
    fs.rmSync(partial, { force: true });
  }
}

/** `npm run db:restore -- <file>`: into an empty embedded folder or an empty PostgreSQL database
 *  (with `force`: the folder is moved aside, or pg_restore --clean replaces what is there). */
export async function restoreDatabase(
  o: BackupOptions,
): Promise<{ engine: DatabaseTarget["engine"]; movedAside?: string; counts?: Record<string, number>; pendingMigrations: string[] }> {
  const log = o.log ?? quiet;
  if (!fs.existsSync(o.file)) throw new BackupError(`${o.file} not found.`);
  const kind = detectBackupFile(o.file);
  const target = resolveDatabase(o.url ?? config().DATABASE_URL ?? "");
  if (kind === "logical-export") throw new BackupError(`${o.file} is a logical export: load it with npm run db:import.`);
  if (target.engine === "postgres") {
    if (kind !== "pg-custom-dump")
      throw new BackupError(
        `${o.file} is not a pg_dump custom-format file${kind === "pglite-tarball" ? " (it is an embedded-database backup: restore it into a folder, or move data between engines with db:export/db:import)" : ""}.`,
      );
    const empty = await pgIsEmpty(target.url);
    if (!empty && !o.force)
      throw new BackupError("The target PostgreSQL database is not empty. Restore into a new database (createdb), or pass --force to replace its contents.");
    const args = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--no-password"];
    if (!empty) args.push("--clean", "--if-exists");
    const env = libpqEnv(target.url);
    await run(findPgTool("pg_restore"), [...args, `--dbname=${env.PGDATABASE ?? ""}`, o.file], env);
    const c = new Client({ connectionString: target.url });
    await c.connect();
    try {
      return { engine: "postgres", pendingMigrations: await pendingMigrations(fromPg(c)) };
    } finally {
      await c.end();
    }
  }
  if (kind !== "pglite-tarball")
    throw new BackupError(
      `${o.file} is not an embedded-database backup${kind === "pg-custom-dump" ? " (it is a pg_dump file: restore it into PostgreSQL)" : ""}.`,
    );
  const dir = target.dir;
  let movedAside: string | undefined;
  if (!folderIsEmpty(dir)) {
    if (!o.force)
      throw new BackupError(`${dir} is not empty. Restore into a new folder (DATABASE_URL=file:<folder>), or pass --force to move the current one aside.`);
    assertFolderIdle(dir, { log });
    movedAside = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    fs.renameSync(dir, movedAside);
    log(`moved the current database aside to ${movedAside}`);
  }
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const pg = openPGlite(dir, { loadDataDir: new Blob([fs.readFileSync(o.file)]) });
  try {
    await pg.waitReady;
    const conn = fromPGlite(pg, false);
    return { engine: "pglite", movedAside, counts: await tableCounts(conn), pendingMigrations: await pendingMigrations(conn) };
  } finally {
    if (!pg.closed) await pg.close();
  }
}

async function pendingMigrations(conn: SqlConnection): Promise<string[]> {
  const applied = new Set(
    (
      await conn
        .query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
        .catch(() => [])
    ).map((r) => r.migration_name),
  );
  return readMigrations()
    .map((m) => m.name)
    .filter((n) => !applied.has(n));
}

// ------------------------------------------------------------------ catalog

type TableInfo = { name: string; columns: { name: string; type: string }[]; primaryKey: string[]; selfRef: { column: string; references: string } | null };

/** The schema's tables (not Prisma's bookkeeping), parents before children (foreign keys), then by name. */
export async function listTables(conn: SqlConnection): Promise<TableInfo[]> {
  const tables = (
    await conn.query<{ name: string }>(`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations' AND NOT c.relispartition
    ORDER BY c.relname`)
  ).map((r) => r.name);
  const columns = await conn.query<{ table: string; name: string; type: string }>(`
    SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    ORDER BY c.relname, a.attnum`);
  const pks = await conn.query<{ table: string; name: string }>(`
    SELECT c.relname AS table, a.attname AS name
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON TRUE
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
    WHERE n.nspname = current_schema() AND i.indisprimary
    ORDER BY c.relname, k.ord`);
  const fks = await conn.query<{ child: string; parent: string; columns: string[] | string; refs: string[] | string }>(`
    SELECT ch.relname AS child, pa.relname AS parent,
      ARRAY(SELECT a.attname::text FROM unnest(f.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.n ORDER BY k.o) AS columns,
      ARRAY(SELECT a.attname::text FROM unnest(f.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = f.confrelid AND a.attnum = k.n ORDER BY k.o) AS refs
    FROM pg_constraint f JOIN pg_class ch ON ch.oid = f.conrelid JOIN pg_class pa ON pa.oid = f.confrelid
    JOIN pg_namespace n ON n.oid = ch.relnamespace
    WHERE f.contype = 'f' AND n.nspname = current_schema()`);
  const arr = (v: string[] | string): string[] =>
    Array.isArray(v)
      ? v
      : v
          .replace(/^\{|\}$/g, "")
          .split(",")
          .filter(Boolean)
          .map((s) => s.replace(/^"|"$/g, ""));

  const info = new Map<string, TableInfo>(tables.map((t) => [t, { name: t, columns: [], primaryKey: [], selfRef: null }]));
  for (const c of columns) info.get(c.table)?.columns.push({ name: c.name, type: c.type });
  for (const k of pks) info.get(k.table)?.primaryKey.push(k.name);
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]));
  for (const f of fks) {
    if (!info.has(f.child) || !info.has(f.parent)) continue;
    if (f.child === f.parent) {
      const cols = arr(f.columns),
        refs = arr(f.refs);
      if (cols.length !== 1) throw new BackupError(`table ${f.child} refers to itself through several columns: not supported`);
      info.get(f.child)!.selfRef = { column: cols[0], references: refs[0] };
    } else parents.get(f.child)!.add(f.parent);
  }
  // Kahn's algorithm, alphabetical among the ready ones so the order is stable
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !done.has(t) && [...parents.get(t)!].every((p) => done.has(p)));
    if (ready.length === 0) throw new BackupError(`foreign keys form a cycle among: ${tables.filter((t) => !done.has(t)).join(", ")}`);
    for (const t of ready) {
      done.add(t);
      ordered.push(info.get(t)!);
    }
  }
  return ordered;
}

/** Rows per table, by count(*). */
export async function tableCounts(conn: SqlConnection): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await listTables(conn))
    out[t.name] = Number((await conn.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${quoteIdent(t.name)}`))[0].n);
  return out;
}

// ------------------------------------------------------------------ logical export

export const EXPORT_FORMAT = "bhxh-export";
const EXPORT_VERSION = 1;
const FETCH_ROWS = 2_000;

export type ExportHeader = { format: typeof EXPORT_FORMAT; version: number; createdAt: string; engine: string; migrations: string[] };
type Sequence = { name: string; lastValue: string; isCalled: boolean };

/** The rows of a table in an order its foreign keys accept: by primary key, or parents first for a tree. */
function orderedSelect(t: TableInfo): string {
  // positional aliases: the values are read back by position, whatever the columns are called
  const cols = t.columns.map((c, i) => `x.${quoteIdent(c.name)}::text AS c${i}`).join(", ");
  const pk = (t.primaryKey.length ? t.primaryKey : t.columns.map((c) => c.name)).map((c) => `x.${quoteIdent(c)}`).join(", ");
  const table = quoteIdent(t.name);
  if (!t.selfRef) return `SELECT ${cols} FROM ${table} x ORDER BY ${pk}`;
  const fk = quoteIdent(t.selfRef.column),
    ref = quoteIdent(t.selfRef.references);
  return `WITH RECURSIVE depth AS (
      SELECT r.${ref} AS k, 0 AS d FROM ${table} r WHERE r.${fk} IS NULL
      UNION ALL
      SELECT r.${ref}, depth.d + 1 FROM ${table} r JOIN depth ON r.${fk} = depth.k
    ) SELECT ${cols} FROM ${table} x JOIN depth ON x.${ref} = depth.k ORDER BY depth.d, ${pk}`;
}

/**
 * Writes every table to `file` (gzip when it ends in .gz): a header line, then per table a line
 * with its columns, one JSON array of text values (or null) per row, and a line with its row count;
 * last the sequences and a trailer with all counts. Reads through cursors in one REPEATABLE READ
 * transaction, so a live PostgreSQL gives a consistent snapshot.
 */
export async function exportDatabase(
  conn: SqlConnection,
  file: string,
  opts: { force?: boolean; log?: Log; engine?: string } = {},
): Promise<Record<string, number>> {
  const log = opts.log ?? quiet;
  const partial = prepareOutput(file, opts.force);
  const out = fs.createWriteStream(partial);
  const gz = file.endsWith(".gz") ? zlib.createGzip({ level: 6 }) : null;
  if (gz) gz.pipe(out);
  const sink = gz ?? out;
  const write = async (value: unknown) => {
    if (!sink.write(JSON.stringify(value) + "\n")) await once(sink, "drain");
  };
  const counts: Record<string, number> = {};
  let ok = false;
  await conn.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    await conn.exec("SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL TimeZone = 'UTC'; SET LOCAL IntervalStyle = 'postgres'; SET LOCAL extra_float_digits = 3");
    const migrations = (
      await conn.query<{ migration_name: string }>(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
      )
    ).map((r) => r.migration_name);
    const header: ExportHeader = {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      createdAt: new Date().toISOString(),
      engine: opts.engine ?? "unknown",
      migrations,
    };
    await write(header);
    for (const t of await listTables(conn)) {
      await write({ table: t.name, columns: t.columns.map((c) => c.name) });
      await conn.exec(`DECLARE bhxh_export NO SCROLL CURSOR FOR ${orderedSelect(t)}`);
      let n = 0;
      for (;;) {
        const rows = await conn.query<Record<string, string | null>>(`FETCH ${FETCH_ROWS} FROM bhxh_export`);
        for (const r of rows) await write(t.columns.map((_, i) => r[`c${i}`] ?? null));
        n += rows.length;
        if (rows.length < FETCH_ROWS) break;
      }
      await conn.exec("CLOSE bhxh_export");
      const total = Number((await conn.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdent(t.name)}`))[0].n);
      if (total !== n) throw new BackupError(`table ${t.name}: exported ${n} rows of ${total} (rows of a tree not reachable from a root?)`);
      counts[t.name] = n;
      await write({ end: t.name, rows: n });
      log(`${t.name}: ${n.toLocaleString("en-US")} rows`);
    }
    const sequences: Sequence[] = [];
    for (const s of await conn.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'S' ORDER BY 1`,
    )) {
      const v = (
        await conn.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text AS last_value, is_called FROM ${quoteIdent(s.name)}`)
      )[0];
      sequences.push({ name: s.name, lastValue: v.last_value, isCalled: v.is_called });
    }
    await write({ sequences });
    await write({ end: true, tables: counts });
    ok = true;
  } finally {
    await conn.exec(ok ? "COMMIT" : "ROLLBACK").catch(() => undefined);
    sink.end();
    await finished(out).catch(() => undefined);
    if (ok) fs.renameSync(partial, file);
    else fs.rmSync(partial, { force: true });
  }
  return counts;
}

// ------------------------------------------------------------------ logical import

const INSERT_ROWS = 1_000;

/**
 * Loads an export into an EMPTY database of the same schema version (it applies this code's
 * migrations to an empty one first): all in one transaction — a failure leaves nothing behind.
 * Triggers are switched off while loading so derived tables (dashboard aggregates) are copied as
 * they were rather than computed twice; foreign keys stay checked.
 */
export async function importDatabase(conn: SqlConnection, file: string, opts: { log?: Log } = {}): Promise<Record<string, number>> {
  const log = opts.log ?? quiet;
  if (!fs.existsSync(file)) throw new BackupError(`${file} not found.`);
  const kind = detectBackupFile(file);
  if (kind !== "logical-export")
    throw new BackupError(
      `${file} is not a logical export (${kind === "pg-custom-dump" || kind === "pglite-tarball" ? "it is a backup: use npm run db:restore" : "unknown format"}).`,
    );

  // 1. nothing may be there yet (tables that exist must be empty), then the schema of this code
  for (const t of await listTables(conn)) {
    const any = await conn.query(`SELECT 1 FROM ${quoteIdent(t.name)} LIMIT 1`);
    if (any.length > 0) throw new BackupError(`The target database is not empty (table ${t.name} has rows). Import into a new, empty database.`);
  }
  await migrate(conn);

  const tables = new Map((await listTables(conn)).map((t) => [t.name, t]));
  const counts: Record<string, number> = {};
  let header: ExportHeader | null = null;
  let current: { info: TableInfo; columns: string[]; sql: string; batch: (string | null)[][]; n: number } | null = null;
  let finishedOk = false;
  let sequences: Sequence[] = [];

  const flush = async () => {
    if (!current || current.batch.length === 0) return;
    const cols = current.columns.map((_, i) => current!.batch.map((r) => r[i]));
    await conn.query(current.sql, cols);
    current.n += current.batch.length;
    current.batch = [];
  };

  let raw: fs.ReadStream | undefined;
  let lines: readline.Interface | undefined;
  await conn.exec("BEGIN");
  try {
    await conn.exec("SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL TimeZone = 'UTC'; SET LOCAL IntervalStyle = 'postgres'");
    for (const t of tables.keys()) await conn.exec(`ALTER TABLE ${quoteIdent(t)} DISABLE TRIGGER USER`);
    // opened only now: readline drops lines emitted before its iterator exists
    raw = fs.createReadStream(file);
    lines = readline.createInterface({ input: isGzip(file) ? raw.pipe(zlib.createGunzip()) : raw, crlfDelay: Infinity });
    let lineNo = 0;
    for await (const line of lines) {
      lineNo++;
      if (line === "") continue;
      const v = JSON.parse(line) as unknown;
      if (!header) {
        header = v as ExportHeader;
        if (header.format !== EXPORT_FORMAT || header.version !== EXPORT_VERSION) throw new BackupError(`${file}: not a version ${EXPORT_VERSION} export`);
        const here = (
          await conn.query<{ migration_name: string }>(
            `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
          )
        ).map((r) => r.migration_name);
        const missing = header.migrations.filter((m) => !here.includes(m));
        const extra = here.filter((m) => !header!.migrations.includes(m));
        if (missing.length || extra.length) {
          throw new BackupError(
            `The export and this version of the app have different migrations (${missing.length ? `only in the export: ${missing.join(", ")}` : ""}${missing.length && extra.length ? "; " : ""}${extra.length ? `only here: ${extra.join(", ")}` : ""}). Export and import with the same version: upgrade the source (npm run db:migrate) before exporting.`,
          );
        }
        continue;
      }
      if (Array.isArray(v)) {
        if (!current) throw new BackupError(`${file}:${lineNo}: a row outside a table`);
        if (v.length !== current.columns.length)
          throw new BackupError(`${file}:${lineNo}: ${v.length} values for ${current.columns.length} columns of ${current.info.name}`);
        current.batch.push(v as (string | null)[]);
        if (current.batch.length >= INSERT_ROWS) await flush();
        continue;
      }
      const o = v as { table?: string; columns?: string[]; end?: string | true; rows?: number; tables?: Record<string, number>; sequences?: Sequence[] };
      if (o.table) {
        const info = tables.get(o.table);
        if (!info) throw new BackupError(`table ${o.table} of the export does not exist here`);
        const known = new Set(info.columns.map((c) => c.name));
        const unknown = (o.columns ?? []).filter((c) => !known.has(c));
        const absent = info.columns.map((c) => c.name).filter((c) => !(o.columns ?? []).includes(c));
        if (unknown.length || absent.length)
          throw new BackupError(`table ${o.table}: columns differ (${[...unknown.map((c) => `+${c}`), ...absent.map((c) => `-${c}`)].join(" ")})`);
        const type = new Map(info.columns.map((c) => [c.name, c.type]));
        const cols = o.columns!;
        // one parameter per column (a text[] of the batch's values), cast to the column's type
        const sql = `INSERT INTO ${quoteIdent(o.table)} (${cols.map(quoteIdent).join(", ")}) OVERRIDING SYSTEM VALUE
          SELECT ${cols.map((c, i) => `u.c${i}::${type.get(c)}`).join(", ")}
          FROM unnest(${cols.map((_, i) => `$${i + 1}::text[]`).join(", ")}) AS u(${cols.map((_, i) => `c${i}`).join(", ")})`;
        current = { info, columns: cols, sql, batch: [], n: 0 };
      } else if (typeof o.end === "string") {
        await flush();
        if (!current || current.info.name !== o.end || current.n !== o.rows)
          throw new BackupError(`${file}:${lineNo}: table ${o.end} ended with ${current?.n} rows, expected ${o.rows}`);
        counts[o.end] = current.n;
        log(`${o.end}: ${current.n.toLocaleString("en-US")} rows`);
        current = null;
      } else if (o.sequences) {
        sequences = o.sequences;
      } else if (o.end === true) {
        const expected = o.tables ?? {};
        for (const [t, n] of Object.entries(expected)) if (counts[t] !== n) throw new BackupError(`table ${t}: ${counts[t] ?? 0} rows imported, ${n} exported`);
        for (const t of tables.keys()) if (!(t in expected)) throw new BackupError(`table ${t} is missing from the export`);
        finishedOk = true;
      }
    }
    if (!header) throw new BackupError(`${file} is empty`);
    if (!finishedOk) throw new BackupError(`${file} is truncated (no end marker): nothing was imported`);
    await restoreSequences(conn, sequences);
    for (const t of tables.keys()) await conn.exec(`ALTER TABLE ${quoteIdent(t)} ENABLE TRIGGER USER`);
    for (const mv of await conn.query<{ name: string }>(`SELECT matviewname AS name FROM pg_matviews WHERE schemaname = current_schema()`)) {
      await conn.exec(`REFRESH MATERIALIZED VIEW ${quoteIdent(mv.name)}`);
    }
    await conn.exec("COMMIT");
  } catch (e) {
    await conn.exec("ROLLBACK").catch(() => undefined);
    lines?.close();
    raw?.destroy();
    throw e;
  }
  return counts;
}

function isGzip(file: string): boolean {
  const fd = fs.openSync(file, "r");
  const b = Buffer.alloc(2);
  fs.readSync(fd, b, 0, 2, 0);
  fs.closeSync(fd);
  return b[0] === 0x1f && b[1] === 0x8b;
}

/** Each sequence continues where the source's did, and never below the largest id now in its column. */
async function restoreSequences(conn: SqlConnection, sequences: Sequence[]): Promise<void> {
  const exported = new Map(sequences.map((s) => [s.name, s]));
  const owned = await conn.query<{ seq: string; table: string; column: string }>(`
    SELECT s.relname AS seq, t.relname AS table, a.attname AS column
    FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace
    JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
    JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
    WHERE s.relkind = 'S' AND n.nspname = current_schema()`);
  const column = new Map(owned.map((o) => [o.seq, o]));
  const all = await conn.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'S'`,
  );
  for (const { name } of all) {
    const e = exported.get(name);
    let next = e ? BigInt(e.lastValue) + (e.isCalled ? 1n : 0n) : 1n;
    const col = column.get(name);
    if (col) {
      const max = (await conn.query<{ m: string | null }>(`SELECT max(${quoteIdent(col.column)})::text AS m FROM ${quoteIdent(col.table)}`))[0].m;
      if (max !== null && BigInt(max) + 1n > next) next = BigInt(max) + 1n;
    }
    await conn.query(`SELECT setval($1::regclass, $2::bigint, false)`, [quoteIdent(name), next.toString()]);
  }
}

// ------------------------------------------------------------------ connections for the scripts

/** A raw connection to DATABASE_URL for export/import, refusing an embedded database that is open elsewhere. */
export async function openForMove(
  url = config().DATABASE_URL ?? "",
  opts: { force?: boolean; log?: Log; mustExist?: boolean } = {},
): Promise<{ conn: SqlConnection; engine: DatabaseTarget["engine"] }> {
  const target = resolveDatabase(url);
  if (target.engine === "postgres") {
    const c = new Client({ connectionString: target.url });
    await c.connect();
    return { conn: fromPg(c), engine: "postgres" };
  }
  if (opts.mustExist && !isPgliteFolder(target.dir)) throw new BackupError(`No embedded database in ${target.dir}.`);
  if (fs.existsSync(target.dir)) assertFolderIdle(target.dir, opts);
  const pg = openPGlite(target.dir);
  await pg.waitReady;
  return { conn: fromPGlite(pg), engine: "pglite" };
}
