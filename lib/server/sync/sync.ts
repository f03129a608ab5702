// Offline field entry (issue 12): the writes a phone queued without a signal, applied exactly once.
//
// Each entry has a client-generated idempotency key. In ONE transaction the key is claimed (a row in
// "SyncKey"; the primary key makes a concurrent second claim wait and then fail), the write goes through
// the same server function the online form uses (registerEnrollee / recordPayment, with their zod schemas
// and rules) and its result is stored on the key. So:
//   - a repeat of an accepted key by the same user answers the stored first result and writes nothing;
//   - a key used by another user is refused (409, nothing revealed);
//   - a refused write rolls back the claim too: nothing changed, and the fixed entry is sent again with
//     the same key.
// A payment carries the coverage end the collector saw; if someone else recorded a payment meanwhile so
// that this one's period would overlap it, it is refused with the form's overlap message (kind "overlap")
// instead of being stacked after the other one (the person would have paid twice).
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { periodMonths } from "@/lib/domain/contribution";
import { nextPeriodStart, periodEndFor } from "@/lib/domain/coverage-status";
import { fromIsoDate, todayInVietnam, type IsoDate } from "@/lib/domain/dates";
import { normalizePersonalId } from "@/lib/domain/personal-id";
import { classifyRefusal, type Conflict, type RefusalIssue } from "@/lib/domain/sync-conflict";
import { messages } from "@/lib/i18n/messages";
import { parseDateInput } from "@/lib/validation/enrollee";
import { PAYMENT_PERIODS, type PaymentPeriod } from "@/lib/domain/types";
import type { SyncEntry } from "@/lib/validation/sync";
import type { DbTx } from "../db/client";
import { config } from "../env";
import { inTransaction, isUniqueViolation } from "../db/helpers";
import { AuthError, assertEnrolleeReachable, assertFieldWrite, type Principal } from "../auth/authz";
import { registerEnrollee } from "../enrollment/enrollees";
import { lockEnrollee, recordPayment } from "../enrollment/contributions";
import { fieldIssue, validationError } from "../enrollment/errors";
import { withElectronicReceipt } from "../field/person";
import { auditElsewhere } from "../enrollment/id-checks";

type Db = PrismaClient | DbTx;

/** What an accepted entry answers (stored on its key, answered again on a repeat). */
export type SyncAccepted = {
  enrolleeId: number;
  fullName?: string;
  contributionId: number | null;
  receiptNo: string | null;
  net: number | null;
  periodStart: IsoDate | null;
  periodEnd: IsoDate | null;
  coverageEnd: IsoDate | null;
  receiptWarning?: string;
};

export type SyncOutcome = { key: string; status: "accepted"; repeat: boolean; result: SyncAccepted } | { key: string; status: "refused"; conflict: Conflict };

/** Applies one queued entry (already parsed by syncEntrySchema). Refusals come back as outcomes; other errors throw. */
export async function applySyncEntry(db: Db, p: Principal, entry: SyncEntry): Promise<SyncOutcome> {
  const first = await storedOutcome(db, p, entry.key);
  if (first) return first;
  try {
    const result = await inTransaction(db, async (tx) => {
      await tx.syncKey.create({ data: { key: entry.key, userId: p.userId, kind: entry.kind, result: {} } });
      const r = entry.kind === "registration" ? await register(tx, p, entry) : await pay(tx, p, entry);
      await tx.syncKey.update({ where: { key: entry.key }, data: { result: r as unknown as Prisma.InputJsonValue } });
      return r;
    });
    return { key: entry.key, status: "accepted", repeat: false, result };
  } catch (e) {
    if (isUniqueViolation(e)) {
      // the same key was claimed meanwhile (a second tab, a retried request): answer what it got
      const again = await storedOutcome(db, p, entry.key);
      if (again) return again;
    }
    const refusal = await refusalOf(db, p, entry, e);
    if (refusal) return { key: entry.key, status: "refused", conflict: refusal };
    throw e;
  }
}

/** Applies a batch in the order given (the phone's queue order); one entry's refusal does not stop the others. */
export async function applySyncBatch(db: Db, p: Principal, entries: SyncEntry[]): Promise<SyncOutcome[]> {
  const out: SyncOutcome[] = [];
  for (const e of entries) out.push(await applySyncEntry(db, p, e));
  void sweepOldSyncKeys(db).catch(() => undefined); // after the batch's writes, as import jobs are swept when a new one starts
  return out;
}

async function storedOutcome(db: Db, p: Principal, key: string): Promise<SyncOutcome | null> {
  const row = await db.syncKey.findUnique({ where: { key } });
  if (!row) return null;
  if (row.userId !== p.userId) {
    return { key, status: "refused", conflict: classifyRefusal({ status: 409, issues: [{ path: "key", message: messages[p.locale].offline.keyTaken }] }) };
  }
  return { key, status: "accepted", repeat: true, result: row.result as unknown as SyncAccepted };
}

async function register(tx: DbTx, p: Principal, entry: SyncEntry): Promise<SyncAccepted> {
  const r = await registerEnrollee(tx, p, entry.data);
  return {
    enrolleeId: r.id,
    fullName: r.enrollee.fullName,
    contributionId: r.payment?.contributionId ?? null,
    receiptNo: r.payment?.receiptNo ?? null,
    net: r.payment?.net ?? null,
    periodStart: r.payment?.periodStart ?? null,
    periodEnd: r.payment?.periodEnd ?? null,
    coverageEnd: r.enrollee.coverageEnd,
    ...(r.payment?.receiptWarning ? { receiptWarning: r.payment.receiptWarning } : {}),
  };
}

async function pay(tx: DbTx, p: Principal, entry: SyncEntry): Promise<SyncAccepted> {
  const enrolleeId = entry.enrolleeId!;
  assertFieldWrite(p); // the role first (403), as recordPayment does, before anything about the person
  if (entry.coverageEndSeen !== undefined) {
    const e = await lockEnrollee(tx, enrolleeId);
    assertEnrolleeReachable(p, e); // 404 before anything about the person is compared
    if (e.coverageEnd !== entry.coverageEndSeen) {
      // the period the collector took money for, from what the phone knew, against what is recorded now
      const raw = entry.data as { period?: unknown; months?: unknown; paidOn?: unknown };
      const paidOn = parseDateInput(raw.paidOn) ?? todayInVietnam();
      const period = (PAYMENT_PERIODS as readonly unknown[]).includes(raw.period) ? (raw.period as PaymentPeriod) : null;
      const months = period ? periodMonths(period, raw.months === undefined || raw.months === "" ? undefined : Number(raw.months)) : null;
      if (months !== null) {
        const start = nextPeriodStart(entry.coverageEndSeen, paidOn);
        const end = periodEndFor(start, months);
        const overlap = await tx.contribution.findFirst({
          where: { enrolleeId, periodStart: { lte: fromIsoDate(end) }, periodEnd: { gte: fromIsoDate(start) } },
          select: { id: true },
        });
        if (overlap) throw validationError([fieldIssue(["_form"], messages[p.locale].offline.overlap, { code: "STALE" })]);
      }
    }
  }
  const r = entry.autoReceipt ? await renewal(tx, p, enrolleeId, entry.data) : await recordPayment(tx, p, enrolleeId, entry.data);
  return {
    enrolleeId: r.enrolleeId,
    contributionId: r.contributionId,
    receiptNo: r.receiptNo,
    net: r.net,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    coverageEnd: r.coverageEnd,
    ...(r.receiptWarning ? { receiptWarning: r.receiptWarning } : {}),
  };
}

/** A one-confirmation renewal queued offline: the payment as the phone prefilled it, under the next
 *  electronic receipt number, given now (the phone could not know it). */
async function renewal(tx: DbTx, p: Principal, enrolleeId: number, data: Record<string, unknown>) {
  const e = await lockEnrollee(tx, enrolleeId);
  assertEnrolleeReachable(p, e); // 404 before anything about the person is used
  const paidOn = parseDateInput(data.paidOn) ?? todayInVietnam();
  return withElectronicReceipt(tx, p, e, paidOn, ({ receiptNo }) => recordPayment(tx, p, enrolleeId, { ...data, receiptNo }));
}

/** A refusal as a conflict to show, or null for an error that is not one (a bug, the database down). */
async function refusalOf(db: Db, p: Principal, entry: SyncEntry, e: unknown): Promise<Conflict | null> {
  const t = messages[p.locale];
  if (e instanceof AuthError) {
    if (e.status === 401) return null;
    const message = e.status === 403 ? t.seam.api.forbidden : t.offline.outOfScope;
    return classifyRefusal({ status: e.status, issues: [{ path: "_form", message }] });
  }
  if (e instanceof z.ZodError) {
    const issues: RefusalIssue[] = e.issues.map((i) => {
      const params = (i as { params?: { code?: string; existingId?: number } }).params;
      return {
        path: i.path.join("."),
        message: i.message,
        ...(params?.code ? { code: params.code } : {}),
        ...(params?.existingId !== undefined ? { existingId: params.existingId } : {}),
      };
    });
    // "registered elsewhere" answers are audited; their entry was written in the rolled-back transaction
    const elsewhere = issues.find((i) => (i.code === "DUPLICATE_PERSONAL_ID" && i.existingId === undefined) || i.code === "RATE_LIMITED");
    if (elsewhere && entry.kind === "registration") {
      const personalId = normalizePersonalId(String((entry.data as { personalId?: unknown }).personalId ?? ""));
      await auditElsewhere(db, p, personalId, elsewhere.code === "RATE_LIMITED");
    }
    return classifyRefusal({ status: 400, issues });
  }
  return null;
}

/**
 * Deletes the keys accepted more than SYNC_KEY_RETENTION_DAYS ago (default 90), with the results stored on
 * them. Run by every sync batch, as import jobs are swept by every new import. A phone resending an
 * entry after that long gets no "already accepted" answer: its write is tried again and meets the
 * rules a second copy meets anyway (a payment overlapping the recorded one, an ID number already
 * registered), so it is refused as a conflict rather than written twice.
 */
export async function sweepOldSyncKeys(db: Db, now = Date.now(), days = config().SYNC_KEY_RETENTION_DAYS): Promise<number> {
  const { count } = await db.syncKey.deleteMany({ where: { createdAt: { lt: new Date(now - days * 86_400_000) } } });
  return count;
}

/** How many entries of one user were accepted (for the tests and the status page). */
export async function acceptedCount(db: Db, p: Principal): Promise<number> {
  return db.syncKey.count({ where: { userId: p.userId } });
}
