// Prisma driver adapter for embedded PGlite (wraps pglite-prisma-adapter 0.6.1) with three fixes:
//  1. the adapter reports every PostgreSQL error as kind "postgres", so Prisma would throw a raw
//     driver error where adapter-pg gives P2002/P2003…; we map SQLSTATEs the way adapter-pg does,
//     so callers see the same error codes on both engines (tested in tests/integration).
//  2. its dispose() is a no-op; ours closes the PGlite instance.
//  3. it swallows an error raised by COMMIT (a deferred constraint, an I/O failure): Prisma would report
//     success for a transaction PostgreSQL rolled back. Ours rethrows it (tests/integration/trust-audit-writes).
//  4. Prisma sends a Bytes argument as a base64 string (adapter-pg decodes it by its argType); the library
//     passes the string on and PGlite refuses it for a bytea: we decode it (the import jobs, ADR 1801).
import fs from "node:fs";
import path from "node:path";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { acquireFolderLock, reassertFolderLock, releaseFolderLock } from "./folder-lock";

type Adapter = Awaited<ReturnType<PrismaPGlite["connect"]>>;
type Query = { sql: string; args: unknown[]; argTypes?: ({ scalarType?: string } | undefined)[] };
type PgCause = { kind: string; code?: string; message?: string; detail?: string; column?: string };

function mapPgError(c: PgCause): object {
  const fields = c.detail?.match(/Key \(([^)]+)\)/)?.[1]?.split(", ");
  switch (c.code) {
    case "23505":
      return { kind: "UniqueConstraintViolation", constraint: fields ? { fields } : undefined };
    case "23502":
      return { kind: "NullConstraintViolation", constraint: fields ? { fields } : undefined };
    case "23503":
      return { kind: "ForeignKeyConstraintViolation", constraint: c.column ? { fields: [c.column] } : undefined };
    case "22001":
      return { kind: "LengthMismatch", column: c.column };
    case "22003":
      return { kind: "ValueOutOfRange", cause: c.message };
    case "40001":
      return { kind: "TransactionWriteConflict" };
    default:
      return c;
  }
}

let errorMappingInstalled = false;
function installErrorMapping(adapter: Adapter) {
  if (errorMappingInstalled) return;
  // onError lives on the base class shared by the adapter and its transactions
  const base = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as { onError(e: unknown): never; performIO(q: Query): Promise<unknown> };
  const performIO = base.performIO;
  base.performIO = function (q: Query) {
    const args = q.args.map((a, i) => (typeof a === "string" && q.argTypes?.[i]?.scalarType === "bytes" ? new Uint8Array(Buffer.from(a, "base64")) : a));
    return performIO.call(this, { ...q, args });
  };
  const orig = base.onError;
  base.onError = function (e: unknown): never {
    try {
      return orig.call(this, e);
    } catch (err) {
      const c = (err as { cause?: PgCause }).cause;
      if (c?.kind === "postgres") {
        (err as { cause: object }).cause = { originalCode: c.code, originalMessage: c.message, ...mapPgError(c) };
      }
      throw err;
    }
  };
  errorMappingInstalled = true;
}

type TxLike = { commit(): Promise<void> };
type Inner = (conn: Pick<PGlite, "transaction">, options: unknown) => Promise<TxLike>;

/** The library resolves commit() even when PGlite's transaction (its COMMIT) failed: keep the
 *  transaction's own promise and let commit() fail with its error. */
function surfaceCommitErrors(adapter: Adapter) {
  const a = adapter as unknown as { startTransactionInner: Inner; onError(e: unknown): never };
  const inner = a.startTransactionInner.bind(adapter);
  a.startTransactionInner = async (conn, options) => {
    let outcome: Promise<unknown> = Promise.resolve();
    const spy = { transaction: ((cb: never) => (outcome = conn.transaction(cb))) as PGlite["transaction"] };
    const tx = await inner(spy, options);
    const commit = tx.commit.bind(tx);
    tx.commit = async () => {
      await commit();
      await outcome.catch((e: unknown) => a.onError(e));
    };
    return tx;
  };
}

export async function pgliteAdapter(db: PGlite): Promise<Adapter> {
  const adapter = await new PrismaPGlite(db).connect();
  installErrorMapping(adapter);
  surfaceCommitErrors(adapter);
  adapter.dispose = async () => {
    if (!db.closed) await db.close();
  };
  return adapter;
}

/**
 * The extensions the migrations create (pg_trgm: the enrollee search's trigram index, ADR 0603).
 * Every PGlite that opens our database must load them, or the migration (and any query touching
 * the index) fails: use openPGlite, or pass `{ extensions: PGLITE_EXTENSIONS }`.
 */
export const PGLITE_EXTENSIONS = { pg_trgm } as const;

/**
 * A PGlite on a folder (or in memory), with our extensions; `options` e.g. `{ loadDataDir }`.
 * A folder is opened by one process at a time: this takes its lock (folder-lock.ts, ADR 1701) or
 * throws DatabaseLockedError naming the holder; closing the database releases it.
 */
export function openPGlite(dataDir?: string, options: Omit<PGliteOptions, "extensions" | "dataDir"> = {}): PGlite {
  if (!dataDir) return new PGlite({ ...options, extensions: PGLITE_EXTENSIONS });
  const dir = path.resolve(dataDir);
  fs.mkdirSync(path.dirname(dir), { recursive: true }); // PGlite creates only the last folder
  acquireFolderLock(dir);
  let pg: PGlite;
  try {
    pg = new PGlite(dir, { ...options, extensions: PGLITE_EXTENSIONS });
  } catch (e) {
    releaseFolderLock(dir);
    throw e;
  }
  if (options.loadDataDir)
    void pg.waitReady.then(
      () => reassertFolderLock(dir),
      () => {},
    );
  const close = pg.close.bind(pg);
  pg.close = async () => {
    try {
      await close();
    } finally {
      releaseFolderLock(dir);
    }
  };
  return pg;
}
