// The receipt of a payment ("Biên lai thu tiền", issue 11): everything a printed or on-screen receipt
// shows, for any contribution the caller may reach. The first print is recorded on the contribution
// (receiptFirstPrintedAt, with an audit entry); every later print says "Bản in lại".
import "server-only";
import { amountInWords } from "@/lib/domain/amount-in-words";
import { toIsoDate, type IsoDate } from "@/lib/domain/dates";
import { maskPersonalId } from "@/lib/domain/personal-id-mask";
import type { PaymentPeriod } from "@/lib/domain/types";
import type { PaymentMethod } from "@/lib/validation/enrollee";
import type { DbTx } from "../db/client";
import { assertEnrolleeReachable, assertFieldRead, type Principal } from "../auth/authz";
import { writeAudit } from "../trust/audit";

export type Receipt = {
  contributionId: number;
  receiptNo: string;
  paidOn: IsoDate;
  method: PaymentMethod;
  agent: { code: string; name: string; phone: string | null; address: string | null } | null;
  collector: string | null;
  recordedBy: string | null;
  payer: { id: number; fullName: string; personalIdShown: string; address: string | null; communeName: string };
  periodStart: IsoDate;
  periodEnd: IsoDate;
  months: number;
  paymentPeriod: PaymentPeriod;
  declaredIncome: number;
  gross: number;
  centralSubsidy: number;
  provincialTopUp: number;
  net: number;
  netInWords: string;
  /** this rendering is a reprint (the receipt was printed before) */
  reprint: boolean;
  firstPrintedAt: Date | null;
};

/** The receipt; with `print`, the first print is recorded (a later one is a reprint). Out of reach → 404. */
export async function receiptFor(db: DbTx, p: Principal, contributionId: number, opts: { print?: boolean } = {}): Promise<Receipt> {
  assertFieldRead(p);
  const c = Number.isSafeInteger(contributionId)
    ? await db.contribution.findUnique({
        where: { id: contributionId },
        include: {
          enrollee: {
            select: {
              id: true,
              fullName: true,
              personalId: true,
              address: true,
              agentId: true,
              communeCode: true,
              areaCode: true,
              provinceCode: true,
              commune: { select: { fullName: true } },
            },
          },
          agent: { select: { code: true, name: true, phone: true, address: true } },
          collector: { select: { name: true } },
          recordedBy: { select: { name: true } },
        },
      })
    : null;
  // a collector reaches the receipts of its agent's people; the desk those of its scope
  assertEnrolleeReachable(p, c ? c.enrollee : null);
  let reprint = c!.receiptFirstPrintedAt != null;
  let firstPrintedAt = c!.receiptFirstPrintedAt;
  if (opts.print && !reprint) {
    // only the first print sets the time (two printers at once: one wins, the other is a reprint)
    const now = new Date();
    const won = await db.contribution.updateMany({ where: { id: c!.id, receiptFirstPrintedAt: null }, data: { receiptFirstPrintedAt: now } });
    if (won.count === 1) {
      firstPrintedAt = now;
      await writeAudit(db, p, {
        action: "receipt.print",
        entity: "Contribution",
        entityId: c!.id,
        unitCode: c!.communeCode,
        after: { receiptNo: c!.receiptNo, printedAt: now },
      });
    } else reprint = true;
  }
  const e = c!.enrollee;
  return {
    contributionId: c!.id,
    receiptNo: c!.receiptNo,
    paidOn: toIsoDate(c!.paidOn),
    method: c!.method as PaymentMethod,
    agent: c!.agent,
    collector: c!.collector?.name ?? null,
    recordedBy: c!.recordedBy?.name ?? null,
    payer: { id: e.id, fullName: e.fullName, personalIdShown: maskPersonalId(e.personalId, p.role), address: e.address, communeName: e.commune.fullName },
    periodStart: toIsoDate(c!.periodStart),
    periodEnd: toIsoDate(c!.periodEnd),
    months: c!.months,
    paymentPeriod: c!.paymentPeriod as PaymentPeriod,
    declaredIncome: c!.declaredIncome,
    gross: c!.gross,
    centralSubsidy: c!.centralSubsidy,
    provincialTopUp: c!.provincialTopUp,
    net: c!.net,
    netInWords: amountInWords(c!.net),
    reprint,
    firstPrintedAt,
  };
}
