import { PrismaClient } from "@/generated/prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PGlite } from "@electric-sql/pglite";
import { openPGlite, pgliteAdapter } from "./pglite-adapter";
import { resolveDatabase } from "./url";
import { config } from "../env";

export type Db = PrismaClient;
/** What a function needs to read or write: the client, or a transaction of it. */
export type DbTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** Clients with a pool of PostgreSQL connections (PGlite has one connection). */
const pooled = new WeakSet<object>();

/** Whether a read may run on another connection while a transaction of this client is open: with
 *  PGlite's single connection it would wait for that transaction to end (a deadlock). */
export function hasConnectionPool(db: object): boolean {
  return pooled.has(db);
}

/**
 * The one way to build a Prisma client — the app's, the scripts', the tests' (issue 16, item 3):
 * DATABASE_URL=postgres(ql)://… → PostgreSQL (with the failed-COMMIT fix below); otherwise embedded PGlite
 * in a local folder; or an already-open PGlite instance (tests, the scale generator), which the caller closes.
 * `logQueries`: emit a "query" event per statement (the benchmark scripts time them); `poolSize`: PostgreSQL
 * connections (default DATABASE_POOL_SIZE or 10).
 */
export function createPrisma(source: string | PGlite = config().DATABASE_URL ?? "", opts: { logQueries?: boolean; poolSize?: number } = {}): PrismaClient {
  const log = opts.logQueries ? [{ emit: "event" as const, level: "query" as const }] : [];
  if (typeof source !== "string") {
    return new PrismaClient({ log, adapter: { provider: "postgres", adapterName: "pglite-prisma-adapter", connect: () => pgliteAdapter(source) } });
  }
  const target = resolveDatabase(source);
  if (target.engine === "postgres") {
    const max = opts.poolSize ?? config().DATABASE_POOL_SIZE;
    // JIT off (ADR 1406): PostgreSQL compiles a query whose estimated cost is high, which on the dashboards'
    // per-person queries took 0.9-1.2 s of the 1.5 s they ran (83 ms without it) at 3 million enrollees
    const client = new PrismaClient({ log, adapter: releaseOnFailedCommit(new PrismaPg({ connectionString: target.url, max, options: "-c jit=off" })) });
    pooled.add(client);
    return client;
  }
  let current: PGlite | undefined;
  // Close PGlite cleanly on shutdown: an unclean stop forces crash recovery on the next open.
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => void (current && !current.closed ? current.close() : Promise.resolve()).finally(() => process.exit(0)));
  }
  return new PrismaClient({
    log,
    adapter: {
      provider: "postgres",
      adapterName: "pglite-prisma-adapter",
      connect: () => pgliteAdapter((current = openPGlite(target.dir))),
    },
  });
}

type PgTx = { executeRaw(q: { sql: string }): Promise<unknown>; commit(): Promise<void>; rollback(): Promise<void> };
type PgAdapter = { startTransaction(isolationLevel?: unknown): Promise<PgTx> };

/**
 * @prisma/adapter-pg 6.19 keeps a transaction's pool connection checked out for good when its COMMIT
 * fails (a deferred constraint, a serialization failure): Prisma then calls neither commit() nor
 * rollback(), which release it. After a few such failures the pool is exhausted and every request
 * waits. PostgreSQL has already ended the transaction, so the connection is clean: release it.
 */
export function releaseOnFailedCommit(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const a = adapter as unknown as PgAdapter;
    const start = a.startTransaction.bind(adapter);
    a.startTransaction = async (isolationLevel) => {
      const tx = await start(isolationLevel);
      let released = false;
      const once = (f: () => Promise<void>) => async () => {
        if (released) return;
        released = true;
        await f();
      };
      const [commit, rollback, exec] = [once(tx.commit.bind(tx)), once(tx.rollback.bind(tx)), tx.executeRaw.bind(tx)];
      Object.assign(tx, {
        commit,
        rollback,
        executeRaw: async (q: { sql: string }) => {
          try {
            return await exec(q);
          } catch (e) {
            if (/^\s*COMMIT\b/i.test(q.sql)) await rollback();
            throw e;
          }
        },
      });
      return tx;
    };
    return adapter;
  };
  return factory;
}
