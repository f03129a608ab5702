// Small helpers shared by lib/server/enrollment/enrollees.ts and contributions.ts: business-rule failures reported
// exactly like validation failures (a ZodError with field paths, so forms and the API show them next to
// the field), database errors recognised the same way on PGlite and PostgreSQL, and transactions that
// compose (a caller already inside a transaction — e.g. the bulk import — passes its `tx`).
import { z } from "zod";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import type { DbTx } from "../db/client";

export type Issue = { path: (string | number)[]; message: string; params?: Record<string, unknown> };

export function fieldIssue(path: string | (string | number)[], message: string, params?: Record<string, unknown>): Issue {
  return { path: Array.isArray(path) ? path : [path], message, ...(params ? { params } : {}) };
}

export function validationError(issues: Issue[]): z.ZodError {
  return new z.ZodError(issues.map((i) => ({ code: "custom" as const, path: i.path, message: i.message, input: undefined, ...(i.params ? { params: i.params } : {}) })));
}

/** Runs `fn` in a new transaction, or in the caller's when `db` already is one. */
export async function inTransaction<T>(db: PrismaClient | DbTx, fn: (tx: DbTx) => Promise<T>): Promise<T> {
  const client = db as Partial<PrismaClient>;
  if (typeof client.$transaction === "function") return (db as PrismaClient).$transaction((tx) => fn(tx), { timeout: 20_000, maxWait: 20_000 });
  return fn(db);
}

type DriverCause = { kind?: string; constraint?: { fields?: string[] }; originalCode?: string; originalMessage?: string; code?: string; message?: string };

function causeOf(e: unknown): DriverCause | undefined {
  const meta = (e as { meta?: { driverAdapterError?: { cause?: DriverCause } } })?.meta;
  return meta?.driverAdapterError?.cause ?? (e as { cause?: DriverCause })?.cause;
}

/** A unique violation (P2002 on both engines; see lib/server/db/pglite-adapter.ts). With `field`, only on that column. */
export function isUniqueViolation(e: unknown, field?: string): boolean {
  if (!(e instanceof Prisma.PrismaClientKnownRequestError) || e.code !== "P2002") return false;
  if (!field) return true;
  const target = (e.meta as { target?: unknown } | undefined)?.target;
  const fields = Array.isArray(target) ? target.map(String) : causeOf(e)?.constraint?.fields?.map((f) => f.replace(/"/g, ""));
  return !fields || fields.includes(field) || (typeof target === "string" && target.includes(field));
}

/** The "Contribution" overlap trigger's refusal (SQLSTATE 23P01, message contribution_overlap). */
export function isOverlapViolation(e: unknown): boolean {
  const text = `${(e as Error)?.message ?? ""} ${JSON.stringify(causeOf(e) ?? {})}`;
  return text.includes("contribution_overlap");
}
