// Recording a contribution (payment) for an enrollee: the period, the amounts and the enrollee's
// coverage summary change together, in one transaction, with an audit entry.
//
// Concurrency: the enrollee row is locked (SELECT … FOR UPDATE) before the period is computed, so two
// people recording a payment for the same person at the same time are serialised and the second
// continues where the first ended. A trigger on "Contribution" (migration 20261123010000) refuses any
// overlapping period as a last line of defence, whoever inserts it (ADR 0102).
import type { PrismaClient } from "@/generated/prisma/client";
import { calculateContribution, periodMonths, type ContributionResult } from "@/lib/domain/contribution";
import { coverageStatus, nextPeriodStart, periodEndFor, type CoverageStatus } from "@/lib/domain/coverage-status";
import { fromIsoDate, toIsoDate, todayInVietnam, type IsoDate } from "@/lib/domain/dates";
import { MissingPolicyError } from "@/lib/domain/policy";
import type { PaymentPeriod, SubsidyGroup } from "@/lib/domain/types";
import { messages, fill } from "@/lib/i18n/messages";
import { parseDateInput, schemasFor, type PaymentMethod } from "@/lib/validation/enrollee";
import type { DbTx } from "../db/client";
import { AuthError, assertEnrolleeReachable, assertFieldWrite, unitInScope, type Principal, ownProvince } from "../auth/authz";
import { writeAudit } from "../trust/audit";
import { getPolicySnapshot } from "../reference/policy";
import { isAgentSelectableFor } from "../agents/agents";
import { checkReceiptForPayment } from "../paperwork/receipt-books";
import { fieldIssue, validationError } from "./errors";
import { inTransaction, isOverlapViolation, isUniqueViolation } from "../db/helpers";

export type PaymentRecord = {
  contributionId: number;
  enrolleeId: number;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  months: number;
  declaredIncome: number;
  paymentPeriod: PaymentPeriod;
  monthlyContribution: number;
  gross: number;
  centralSubsidy: number;
  provincialTopUp: number;
  net: number;
  subsidyMonths: number;
  method: PaymentMethod;
  receiptNo: string;
  paidOn: IsoDate;
  agentId: number | null;
  collectorId: number | null;
  /** The enrollee after the payment. */
  coverageEnd: IsoDate;
  firstCoveredOn: IsoDate;
  status: CoverageStatus;
  /** Set when the number is outside the agent's open receipt books and the province only warns (lib/server/paperwork/receipt-books.ts). */
  receiptWarning?: string;
};

/** The enrollee's row as locked for a payment. */
export type LockedEnrollee = {
  id: number;
  provinceCode: string;
  areaCode: string;
  communeCode: string;
  agentId: number | null;
  subsidyGroup: SubsidyGroup;
  coverageEnd: IsoDate | null;
  firstCoveredOn: IsoDate | null;
  subsidyMonthsUsed: number;
  version: number;
};

const isoOf = (d: Date | string | null): IsoDate | null => (d == null ? null : typeof d === "string" ? d.slice(0, 10) : toIsoDate(d));

/** Locks the enrollee row for the rest of the transaction; null when it does not exist. */
export async function lockEnrollee(tx: DbTx, id: number): Promise<LockedEnrollee | null> {
  const rows = await tx.$queryRaw<
    {
      id: number;
      provinceCode: string;
      areaCode: string;
      communeCode: string;
      agentId: number | null;
      subsidyGroup: string;
      coverageEnd: Date | string | null;
      firstCoveredOn: Date | string | null;
      subsidyMonthsUsed: number;
      version: number;
    }[]
  >`
    SELECT id, "provinceCode", "areaCode", "communeCode", "agentId", "subsidyGroup"::text AS "subsidyGroup",
           "coverageEnd", "firstCoveredOn", "subsidyMonthsUsed", version
    FROM "Enrollee" WHERE id = ${id} FOR UPDATE`;
  const r = rows[0];
  if (!r) return null;
  return {
    id: Number(r.id),
    provinceCode: r.provinceCode,
    areaCode: r.areaCode,
    communeCode: r.communeCode,
    agentId: r.agentId == null ? null : Number(r.agentId),
    subsidyGroup: r.subsidyGroup as SubsidyGroup,
    coverageEnd: isoOf(r.coverageEnd),
    firstCoveredOn: isoOf(r.firstCoveredOn),
    subsidyMonthsUsed: Number(r.subsidyMonthsUsed),
    version: Number(r.version),
  };
}

export type PaymentTerms = {
  method: PaymentMethod;
  receiptNo: string;
  paidOn: IsoDate;
  period: PaymentPeriod;
  months?: number;
  declaredIncome: number;
  agentId: number | null;
  /** the collector who took the money (a COLLECTOR's own; null at the desk) */
  collectorId?: number | null;
};

/** Field names the caller's form uses (registration calls the period "paymentPeriod"). */
export type PaymentPaths = { declaredIncome: string[]; months: string[]; period: string[]; receiptNo: string[]; paidOn: string[]; agentId: string[] };
const PAYMENT_PATHS: PaymentPaths = {
  declaredIncome: ["declaredIncome"],
  months: ["months"],
  period: ["period"],
  receiptNo: ["receiptNo"],
  paidOn: ["paidOn"],
  agentId: ["agentId"],
};

/**
 * Records one payment for an enrollee whose row the caller has locked (lockEnrollee) in `tx`.
 * The period starts where coverage ends — or on the 1st of the paid month after a lapse or for a first
 * payment (nextPeriodStart, as of the payment date) — and the amounts use the policy in force on the paid date.
 */
export async function recordPaymentLocked(
  tx: DbTx,
  p: Principal,
  e: LockedEnrollee,
  terms: PaymentTerms,
  paths: PaymentPaths = PAYMENT_PATHS,
): Promise<PaymentRecord> {
  const m = messages[p.locale].enrollment.v;
  const months = periodMonths(terms.period, terms.months);
  // the schemas check this already; kept so a caller that skips them still gets a field error
  if (months === null) throw validationError([fieldIssue(paths.months, fill(m.monthsRange, { min: 1, max: 60 }))]);

  let policy;
  try {
    policy = await getPolicySnapshot(tx, terms.paidOn, e.provinceCode);
  } catch (err) {
    if (err instanceof MissingPolicyError) throw validationError([fieldIssue(paths.paidOn, fill(m.policyMissing, { date: terms.paidOn }))]);
    throw err;
  }
  const calc = calculateContribution({
    policy,
    declaredIncome: terms.declaredIncome,
    period: terms.period,
    months: terms.months,
    subsidyGroup: e.subsidyGroup,
    subsidyMonthsUsed: e.subsidyMonthsUsed,
  });
  if (!calc.ok) {
    throw validationError(
      calc.errors.map((x) =>
        fieldIssue(x.field === "declaredIncome" ? paths.declaredIncome : x.field === "months" ? paths.months : paths.period, x.message[p.locale]),
      ),
    );
  }
  const amounts: ContributionResult = calc.value;

  // the receipt: unique per agent (also enforced by the unique index; checked first for a clean message)
  const clash = await tx.contribution.findFirst({ where: { agentId: terms.agentId, receiptNo: terms.receiptNo }, select: { id: true } });
  if (clash) throw validationError([fieldIssue(paths.receiptNo, fill(m.receiptTaken, { receiptNo: terms.receiptNo }), { code: "RECEIPT_TAKEN" })]);
  // the receipt books: a number outside the agent's open books is refused or warned about, per province
  const receipt = await checkReceiptForPayment(tx, { agentId: terms.agentId, provinceCode: e.provinceCode, receiptNo: terms.receiptNo, paidOn: terms.paidOn });
  if (receipt?.mode === "REFUSE")
    throw validationError([fieldIssue(paths.receiptNo, receipt.problem.message[p.locale], { code: `RECEIPT_${receipt.problem.code}` })]);

  const periodStart = nextPeriodStart(e.coverageEnd, terms.paidOn);
  const periodEnd = periodEndFor(periodStart, months);
  // belt and braces: the row lock makes this impossible; the trigger refuses it in the database too
  const overlap = await tx.contribution.findFirst({
    where: { enrolleeId: e.id, periodStart: { lte: fromIsoDate(periodEnd) }, periodEnd: { gte: fromIsoDate(periodStart) } },
    select: { id: true },
  });
  if (overlap) throw validationError([fieldIssue(["_form"], m.periodOverlap, { code: "STALE" })]);

  let created;
  try {
    created = await tx.contribution.create({
      data: {
        enrolleeId: e.id,
        provinceCode: e.provinceCode,
        areaCode: e.areaCode,
        communeCode: e.communeCode,
        periodStart: fromIsoDate(periodStart),
        periodEnd: fromIsoDate(periodEnd),
        months,
        declaredIncome: terms.declaredIncome,
        paymentPeriod: terms.period,
        gross: amounts.gross,
        centralSubsidy: amounts.centralSubsidy,
        provincialTopUp: amounts.provincialTopUp,
        net: amounts.net,
        subsidyMonths: amounts.subsidyMonths,
        method: terms.method,
        receiptNo: terms.receiptNo,
        paidOn: fromIsoDate(terms.paidOn),
        agentId: terms.agentId,
        collectorId: terms.collectorId ?? null,
        recordedById: p.userId,
      },
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw validationError([fieldIssue(paths.receiptNo, fill(m.receiptTaken, { receiptNo: terms.receiptNo }), { code: "RECEIPT_TAKEN" })]);
    if (isOverlapViolation(err)) throw validationError([fieldIssue(["_form"], m.periodOverlap, { code: "STALE" })]);
    throw err;
  }

  const coverageEnd = e.coverageEnd && e.coverageEnd > periodEnd ? e.coverageEnd : periodEnd;
  const firstCoveredOn = e.firstCoveredOn && e.firstCoveredOn < periodStart ? e.firstCoveredOn : periodStart;
  await tx.enrollee.update({
    where: { id: e.id },
    data: {
      coverageEnd: fromIsoDate(coverageEnd),
      firstCoveredOn: fromIsoDate(firstCoveredOn),
      subsidyMonthsUsed: { increment: amounts.subsidyMonths },
      version: { increment: 1 },
      // the latest payment's terms become the person's plan (what the renewal worklist asks for next time)
      declaredIncome: terms.declaredIncome,
      paymentPeriod: terms.period,
    },
  });

  const record: PaymentRecord = {
    contributionId: created.id,
    enrolleeId: e.id,
    periodStart,
    periodEnd,
    months,
    declaredIncome: terms.declaredIncome,
    paymentPeriod: terms.period,
    monthlyContribution: amounts.monthlyContribution,
    gross: amounts.gross,
    centralSubsidy: amounts.centralSubsidy,
    provincialTopUp: amounts.provincialTopUp,
    net: amounts.net,
    subsidyMonths: amounts.subsidyMonths,
    method: terms.method,
    receiptNo: terms.receiptNo,
    paidOn: terms.paidOn,
    agentId: terms.agentId,
    collectorId: terms.collectorId ?? null,
    coverageEnd,
    firstCoveredOn,
    status: coverageStatus(coverageEnd, todayInVietnam()),
    ...(receipt ? { receiptWarning: receipt.problem.message[p.locale] } : {}),
  };
  await writeAudit(tx, p, {
    action: "contribution.create",
    entity: "Enrollee",
    entityId: e.id,
    unitCode: e.communeCode,
    before: { coverageEnd: e.coverageEnd, firstCoveredOn: e.firstCoveredOn, subsidyMonthsUsed: e.subsidyMonthsUsed, version: e.version },
    after: { ...record, subsidyMonthsUsed: e.subsidyMonthsUsed + amounts.subsidyMonths, version: e.version + 1 },
  });
  return record;
}

/**
 * Records a payment (renewal) for an enrollee in the caller's scope. Input: paymentSchema.
 * Throws a ZodError with field paths on invalid input or a taken receipt number; AuthError(404) for
 * an enrollee that does not exist or lies outside the scope.
 */
export async function recordPayment(db: PrismaClient | DbTx, p: Principal, enrolleeId: number, input: unknown): Promise<PaymentRecord> {
  // desk staff, or a collector for its agent's people (agent and collector preset: see below)
  assertFieldWrite(p);
  const paidOn = parseDateInput((input as { paidOn?: unknown } | null)?.paidOn) ?? todayInVietnam();
  const province = ownProvince(p.scope);
  const policy = province ? await getPolicySnapshot(db, paidOn, province).catch(() => null) : null;
  const v = schemasFor(p.locale, policy).payment.parse(input);
  const m = messages[p.locale].enrollment.v;
  return inTransaction(db, async (tx) => {
    const e = Number.isSafeInteger(enrolleeId) ? await lockEnrollee(tx, enrolleeId) : null;
    if (!e || !unitInScope(p.scope, { ...e, code: e.communeCode, level: "COMMUNE" })) throw new AuthError(404, "not found");
    assertEnrolleeReachable(p, e);
    if (v.version !== undefined && v.version !== e.version) throw validationError([fieldIssue(["_form"], m.stale, { code: "STALE" })]);
    let agentId = e.agentId;
    if (p.collector) {
      // a collector collects for its own agent (its people are that agent's): the form's choice is ignored
      return recordPaymentLocked(tx, p, e, {
        method: v.method,
        receiptNo: v.receiptNo,
        paidOn: v.paidOn,
        period: v.period,
        months: v.months,
        declaredIncome: v.declaredIncome,
        agentId: p.collector.agentId,
        collectorId: p.collector.collectorId,
      });
    }
    if (v.agentId === null)
      agentId = null; // paid at the social insurance office, chosen explicitly
    else if (v.agentId === undefined && e.agentId === null) throw validationError([fieldIssue(["agentId"], m.agentRequired)]);
    else if (v.agentId !== undefined && v.agentId !== e.agentId) {
      // another agent collected this payment: it must serve the person's commune and be under contract that day
      if (!(await isAgentSelectableFor(tx, v.agentId, e.communeCode, v.paidOn))) throw validationError([fieldIssue(["agentId"], m.agentNotServing)]);
      agentId = v.agentId;
    }
    return recordPaymentLocked(tx, p, e, {
      method: v.method,
      receiptNo: v.receiptNo,
      paidOn: v.paidOn,
      period: v.period,
      months: v.months,
      declaredIncome: v.declaredIncome,
      agentId,
    });
  });
}

export type ContributionRow = {
  id: number;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  months: number;
  declaredIncome: number;
  paymentPeriod: PaymentPeriod;
  gross: number;
  centralSubsidy: number;
  provincialTopUp: number;
  net: number;
  subsidyMonths: number;
  method: PaymentMethod;
  receiptNo: string;
  paidOn: IsoDate;
  agentId: number | null;
  agentName: string | null;
  recordedBy: string | null;
  createdAt: Date;
};

/** Every contribution of one enrollee (already checked to be in scope), oldest period first. */
export async function contributionsOf(db: DbTx, enrolleeId: number): Promise<ContributionRow[]> {
  const rows = await db.contribution.findMany({
    where: { enrolleeId },
    orderBy: [{ periodStart: "asc" }, { id: "asc" }],
    include: { agent: { select: { name: true } }, recordedBy: { select: { login: true } } },
  });
  return rows.map((c) => ({
    id: c.id,
    periodStart: toIsoDate(c.periodStart),
    periodEnd: toIsoDate(c.periodEnd),
    months: c.months,
    declaredIncome: c.declaredIncome,
    paymentPeriod: c.paymentPeriod,
    gross: c.gross,
    centralSubsidy: c.centralSubsidy,
    provincialTopUp: c.provincialTopUp,
    net: c.net,
    subsidyMonths: c.subsidyMonths,
    method: c.method,
    receiptNo: c.receiptNo,
    paidOn: toIsoDate(c.paidOn),
    agentId: c.agentId,
    agentName: c.agent?.name ?? null,
    recordedBy: c.recordedBy?.login ?? null,
    createdAt: c.createdAt,
  }));
}
