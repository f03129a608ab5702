// Transactions that compose, and database errors recognised the same way on PGlite and PostgreSQL
// (see ./pglite-adapter.ts for how PGlite's errors are mapped). The one copy of each (issue 16, item 3).
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import type { DbTx } from "./client";

/** How long a transaction may run, and wait for its connection (the bulk import's is the longest). */
export const TRANSACTION_TIMEOUT_MS = 30_000;

/** Runs `fn` in a new transaction, or in the caller's when `db` already is one. */
export async function inTransaction<T>(db: PrismaClient | DbTx, fn: (tx: DbTx) => Promise<T>): Promise<T> {
  const client = db as Partial<PrismaClient>;
  if (typeof client.$transaction === "function") {
    return (db as PrismaClient).$transaction((tx) => fn(tx), { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS });
  }
  return fn(db);
}

type DriverCause = { kind?: string; constraint?: { fields?: string[] }; originalCode?: string; originalMessage?: string; code?: string; message?: string };

function causeOf(e: unknown): DriverCause | undefined {
  const meta = (e as { meta?: { driverAdapterError?: { cause?: DriverCause } } })?.meta;
  return meta?.driverAdapterError?.cause ?? (e as { cause?: DriverCause })?.cause;
}

/**
 * A unique violation: Prisma's P2002, or the driver's own report of SQLSTATE 23505 (a raw statement, a
 * bulk insert). With `field`, only one on that column (when the error names its columns).
 */
export function isUniqueViolation(e: unknown, field?: string): boolean {
  const cause = causeOf(e);
  const known = e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
  const unique = known || (e as { code?: string })?.code === "P2002" || cause?.kind === "UniqueConstraintViolation" || cause?.originalCode === "23505";
  if (!unique || !field) return unique;
  const target = (e as { meta?: { target?: unknown } })?.meta?.target;
  const fields = Array.isArray(target) ? target.map(String) : cause?.constraint?.fields?.map((f) => f.replace(/"/g, ""));
  return !fields || fields.includes(field) || (typeof target === "string" && target.includes(field));
}

/** The "Contribution" overlap trigger's refusal (SQLSTATE 23P01, message contribution_overlap). */
export function isOverlapViolation(e: unknown): boolean {
  const text = `${(e as Error)?.message ?? ""} ${JSON.stringify(causeOf(e) ?? {})}`;
  return text.includes("contribution_overlap");
}
