// The target editor's one save for the whole table (issue 15 item 9): every changed row in ONE transaction,
// all or nothing. Each row keeps its own optimistic-concurrency check (the version it was loaded with,
// ADR 0301) and its own audit entry, through the same applyTarget as a single save. A row that is refused
// (stale version, lock, a bad number) does not stop the others from being checked: every refused row's
// message comes back next to its row, and nothing at all is written.
import { z } from "zod";
import { isUniqueViolation, inTransaction } from "../db/helpers";
import { RuleError } from "../errors";
import type { PrismaClient } from "@/generated/prisma/client";
import { targetBatchSchema, targetSetSchema, type TargetSetInput } from "@/lib/validation/target";
import type { DbTx } from "../db/client";
import { assertCan, type Principal } from "../auth/authz";
import { applyTarget, textOf, type Opts } from "./targets";

export type BatchRowResult = { key: string; status: "created" | "updated" | "unchanged"; before: number | null; participants: number; version: number };

export type BatchResult =
  | { ok: true; rows: BatchRowResult[] }
  /** nothing saved: the message of every refused row, by key (`_form`: the whole batch) */
  | { ok: false; rowErrors: Record<string, string> };

/** Thrown inside the transaction to roll every row back. */
class RowsRefused extends Error {
  constructor(public readonly rowErrors: Record<string, string>) {
    super("rows refused");
  }
}

/**
 * Saves the changed rows of the editor's table. Permission and scope refusals (AuthError) concern the
 * whole request and are thrown; everything about one row comes back in `rowErrors`.
 */
export async function saveTargets(db: PrismaClient | DbTx, p: Principal, input: unknown, o?: Opts): Promise<BatchResult> {
  assertCan(p, "target.write");
  const text = textOf(p, o);
  const batch = targetBatchSchema(text.v).parse(input);
  // every row's own checks first: a bad number is reported on its row without opening a transaction
  const rowErrors: Record<string, string> = {};
  const rows: { key: string; v: TargetSetInput }[] = [];
  const seen = new Set<string>();
  for (const r of batch.rows) {
    if (seen.has(r.key)) throw new z.ZodError([{ code: "custom", path: ["rows"], message: text.v.participants, input: r.key }]);
    seen.add(r.key);
    const parsed = targetSetSchema(text.v).safeParse({ ...r, year: batch.year });
    if (parsed.success) rows.push({ key: r.key, v: parsed.data });
    else rowErrors[r.key] = parsed.error.issues[0]?.message ?? text.v.participants;
  }
  if (Object.keys(rowErrors).length) return { ok: false, rowErrors };
  try {
    const saved = await inTransaction(db, async (tx) => {
      const out: BatchRowResult[] = [];
      const refused: Record<string, string> = {};
      for (const { key, v } of rows) {
        try {
          const r = await applyTarget(tx, p, v, o);
          out.push({ key, status: r.status, before: r.before, participants: r.target.participants, version: r.target.version });
        } catch (e) {
          // a refusal of this row (stale version, lock, level): note it, check the others, save nothing
          if (e instanceof RuleError) refused[key] = e.message;
          else throw e;
        }
      }
      if (Object.keys(refused).length) throw new RowsRefused(refused);
      return out;
    });
    return { ok: true, rows: saved };
  } catch (e) {
    if (e instanceof RowsRefused) return { ok: false, rowErrors: e.rowErrors };
    // someone created one of these targets at the same moment: the database refused it; nothing was saved
    if (isUniqueViolation(e)) return { ok: false, rowErrors: { _form: text.batch.concurrent } };
    throw e;
  }
}
