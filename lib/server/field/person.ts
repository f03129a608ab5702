// One person as the field sees them: the renewal due (amount of the usual payment on the due date, from
// the calculator and the policy in force that day), the prepared reminder, the VietQR code of the agent's
// collection account, the contact log and the payments with their receipts; and the one-confirmation
// renewal that records the usual payment with everything prefilled.
import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { incomeCeiling } from "@/lib/domain/contribution";
import { coverageStatus, type CoverageStatus } from "@/lib/domain/coverage-status";
import { addDays, todayInVietnam, toIsoDate, type IsoDate } from "@/lib/domain/dates";
import { maskPersonalId } from "@/lib/domain/personal-id-mask";
import { policyAt } from "@/lib/domain/policy";
import { reminderText } from "@/lib/domain/reminder";
import type { PaymentPeriod, SubsidyGroup } from "@/lib/domain/types";
import { transferNote, vietQrPayload } from "@/lib/domain/vietqr";
import { quickRenewalSchema } from "@/lib/validation/field";
import type { DbTx } from "../db/client";
import { assertEnrolleeReachable, assertFieldRead, assertFieldWrite, type Principal } from "../auth/authz";
import { loadPolicyTables } from "../reference/policy";
import { amountFor } from "../renewals/renewals";
import { recordPayment, type PaymentRecord } from "../enrollment/contributions";
import { contactsOf, type ContactEntry } from "./contacts";
import { qrSvg } from "./qr";

export type FieldPerson = {
  id: number;
  fullName: string;
  personalIdShown: string;
  phone: string | null;
  address: string | null;
  communeName: string;
  version: number;
  coverageEnd: IsoDate | null;
  status: CoverageStatus;
  subsidyGroup: SubsidyGroup;
  plan: { period: PaymentPeriod; months: number; declaredIncome: number; gross: number; subsidy: number; amount: number | null; dueOn: IsoDate };
  agent: { id: number; name: string; phone: string | null; account: { bankBin: string; accountNo: string; accountName: string } | null } | null;
  reminder: string;
  qr: { payload: string; svg: string; note: string } | null;
  contacts: ContactEntry[];
  payments: { id: number; periodStart: IsoDate; periodEnd: IsoDate; months: number; net: number; paidOn: IsoDate; receiptNo: string }[];
};

async function loadReachable(db: DbTx, p: Principal, id: number) {
  const e = Number.isSafeInteger(id)
    ? await db.enrollee.findUnique({
        where: { id },
        include: {
          commune: { select: { fullName: true } },
          agent: { select: { id: true, name: true, phone: true, bankBin: true, bankAccountNo: true, bankAccountName: true } },
          contributions: { orderBy: { periodEnd: "desc" }, take: 1, select: { months: true } },
        },
      })
    : null;
  assertEnrolleeReachable(p, e);
  return e!;
}

/** What the usual payment costs on the day it falls due (today when already overdue or lapsed). */
async function planOf(db: DbTx, e: Awaited<ReturnType<typeof loadReachable>>, on: IsoDate, opts: { paidToday?: boolean } = {}) {
  const coverageEnd = e.coverageEnd ? toIsoDate(e.coverageEnd) : null;
  const dueOn = !opts.paidToday && coverageEnd && addDays(coverageEnd, 1) > on ? addDays(coverageEnd, 1) : on;
  const period = e.paymentPeriod as PaymentPeriod;
  const months = period === "ADVANCE" || period === "BACK_PAYMENT" ? (e.contributions[0]?.months ?? 12) : undefined;
  const policy = policyAt(await loadPolicyTables(db), dueOn, e.provinceCode);
  const due = amountFor(policy, e.declaredIncome, period, months, e.subsidyGroup as SubsidyGroup, e.subsidyMonthsUsed);
  const declaredIncome = Math.min(Math.max(e.declaredIncome, policy.incomeFloor), incomeCeiling(policy));
  return { period, months: due.months, declaredIncome, gross: due.gross, subsidy: due.subsidy, amount: due.net, dueOn };
}

export async function fieldPerson(db: DbTx, p: Principal, id: number, opts: { on?: IsoDate } = {}): Promise<FieldPerson> {
  assertFieldRead(p);
  const on = opts.on ?? todayInVietnam();
  const e = await loadReachable(db, p, id);
  const plan = await planOf(db, e, on);
  const coverageEnd = e.coverageEnd ? toIsoDate(e.coverageEnd) : null;
  const a = e.agent;
  const account =
    a?.bankBin && a.bankAccountNo && a.bankAccountName ? { bankBin: a.bankBin, accountNo: a.bankAccountNo, accountName: a.bankAccountName } : null;
  const note = transferNote(e.personalId, e.fullName);
  let qr: FieldPerson["qr"] = null;
  if (account && plan.amount && plan.amount > 0) {
    const payload = vietQrPayload({ bankBin: account.bankBin, accountNo: account.accountNo, amount: plan.amount, note });
    qr = { payload, svg: await qrSvg(payload), note };
  }
  const [contacts, payments] = await Promise.all([
    contactsOf(db, p, e.id),
    db.contribution.findMany({
      where: { enrolleeId: e.id },
      orderBy: [{ periodStart: "desc" }, { id: "desc" }],
      take: 24,
      select: { id: true, periodStart: true, periodEnd: true, months: true, net: true, paidOn: true, receiptNo: true },
    }),
  ]);
  return {
    id: e.id,
    fullName: e.fullName,
    personalIdShown: maskPersonalId(e.personalId, p.role),
    phone: e.phone,
    address: e.address,
    communeName: e.commune.fullName,
    version: e.version,
    coverageEnd,
    status: coverageStatus(coverageEnd, on),
    subsidyGroup: e.subsidyGroup as SubsidyGroup,
    plan,
    agent: a ? { id: a.id, name: a.name, phone: a.phone, account } : null,
    reminder: reminderText({
      fullName: e.fullName,
      coverageEnd: coverageEnd ?? on,
      amount: plan.amount,
      months: plan.months,
      agentName: a?.name ?? "BHXH",
      agentPhone: a?.phone ?? null,
      ended: !!coverageEnd && coverageEnd < on,
      transferNote: qr ? note : null,
    }),
    qr,
    contacts,
    payments: payments.map((c) => ({
      id: c.id,
      periodStart: toIsoDate(c.periodStart),
      periodEnd: toIsoDate(c.periodEnd),
      months: c.months,
      net: c.net,
      paidOn: toIsoDate(c.paidOn),
      receiptNo: c.receiptNo,
    })),
  };
}

/** Just the QR image (SVG) of a person's usual payment, or null without a collection account. */
export async function personQr(db: DbTx, p: Principal, id: number, opts: { on?: IsoDate } = {}): Promise<string | null> {
  assertFieldRead(p);
  const on = opts.on ?? todayInVietnam();
  const e = await loadReachable(db, p, id);
  const a = e.agent;
  if (!a?.bankBin || !a.bankAccountNo || !a.bankAccountName) return null;
  const plan = await planOf(db, e, on);
  if (!plan.amount || plan.amount <= 0) return null;
  return qrSvg(vietQrPayload({ bankBin: a.bankBin, accountNo: a.bankAccountNo, amount: plan.amount, note: transferNote(e.personalId, e.fullName) }));
}

/** What the one-confirmation renewal will record if confirmed today (the confirmation screen shows it). */
export async function renewalPreview(db: DbTx, p: Principal, id: number, opts: { on?: IsoDate } = {}) {
  assertFieldWrite(p);
  const on = opts.on ?? todayInVietnam();
  const e = await loadReachable(db, p, id);
  const plan = await planOf(db, e, on, { paidToday: true });
  return {
    id: e.id,
    fullName: e.fullName,
    version: e.version,
    subsidyGroup: e.subsidyGroup as SubsidyGroup,
    coverageEnd: e.coverageEnd ? toIsoDate(e.coverageEnd) : null,
    paidOn: on,
    ...plan,
  };
}

/** The next electronic receipt number of an agent (or of the area, for a payment without agent) in a year:
 *  "BH26-<code>/0000001". The unique index (agentId, receiptNo) settles a race; the caller retries. */
async function nextReceiptNo(db: DbTx, agentId: number | null, prefixCode: string, year: number): Promise<string> {
  const prefix = `BH${String(year).slice(2)}-${prefixCode}/`;
  const n = await db.contribution.count({ where: { agentId, receiptNo: { startsWith: prefix } } });
  return prefix + String(n + 1).padStart(7, "0");
}

/**
 * Records a payment under the next electronic receipt number (the collector's agent, else the person's;
 * the area's code without an agent), numbered when it is recorded — by the one-confirmation renewal, and
 * by a renewal a phone queued offline (lib/server/sync/sync.ts), which cannot know the next number.
 * A number taken meanwhile (RECEIPT_TAKEN, found before the insert) is retried with the next one.
 */
export async function withElectronicReceipt<T>(
  db: PrismaClient | DbTx,
  p: Principal,
  e: { agentId: number | null; areaCode: string },
  on: IsoDate,
  record: (receipt: { receiptNo: string; agentId: number | null }) => Promise<T>,
): Promise<T> {
  const agentId = p.collector?.agentId ?? e.agentId;
  const code = agentId ? ((await db.collectionAgent.findUnique({ where: { id: agentId }, select: { code: true } }))?.code ?? String(agentId)) : e.areaCode;
  for (let attempt = 0; ; attempt++) {
    const receiptNo = await nextReceiptNo(db, agentId, code, Number(on.slice(0, 4)));
    try {
      return await record({ receiptNo, agentId });
    } catch (err) {
      const taken = (err as { issues?: { params?: { code?: string } }[] }).issues?.some((i) => i.params?.code === "RECEIPT_TAKEN");
      if (!taken || attempt >= 3) throw err;
    }
  }
}

/**
 * The one-confirmation renewal: the person's usual payment (last income, period and months; subsidy group
 * as registered) paid today, receipt numbered automatically, agent and collector preset for a collector.
 */
export async function quickRenewal(db: PrismaClient, p: Principal, id: number, input: unknown, opts: { on?: IsoDate } = {}): Promise<PaymentRecord> {
  assertFieldWrite(p);
  const v = quickRenewalSchema.parse(input ?? {});
  const on = opts.on ?? todayInVietnam();
  const e = await loadReachable(db, p, id);
  const plan = await planOf(db, e, on, { paidToday: true });
  return withElectronicReceipt(db, p, e, on, ({ receiptNo, agentId }) =>
    recordPayment(db, p, e.id, {
      method: v.method,
      receiptNo,
      paidOn: on,
      period: plan.period,
      months: plan.months,
      declaredIncome: plan.declaredIncome,
      ...(agentId != null ? { agentId } : {}),
      version: v.version ?? e.version,
    }),
  );
}
