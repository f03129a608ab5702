// Agents' commission (thù lao) statements. Pure: the caller loads the rate rows, the agent's payments
// and remittances, and gets the statement's rows and totals (docs/features/paperwork.md, ADR 1310).
//
// - A rate table is the set of rows of one agent kind sharing one effective date; the table in force on
//   a payment's receipt date is the latest one dated on or before it (a newer table replaces the whole
//   older one). Within it, the row of the payment's period wins over the row for any period (null).
// - The base is what the participant paid the agent (Contribution.net, column 9 of the D05-TS).
// - "Tăng mới" (new) when the person had no contribution with an earlier period, else "Đóng tiếp".
// - Commission of a row = round(base × rate), rate in basis points, rounded half up to whole VND.
// - Mode "collected": the payments received in the month, base = the whole payment.
//   Mode "remitted": remittances pay off the agent's collections oldest first (as the balance does,
//   lib/domain/remittance.ts); the base of a payment is the part of it paid off by remittances dated in
//   the month. Payments paid off across two months appear in both, each with its part.
import type { PaymentPeriod } from "./types";

export type CommissionMode = "collected" | "remitted";
export const COMMISSION_MODES: readonly CommissionMode[] = ["collected", "remitted"];

export type CommissionRateRow = {
  agentKind: string;
  /** null: any payment period */
  paymentPeriod: PaymentPeriod | null;
  newRateBp: number;
  renewalRateBp: number;
  effectiveFrom: string;
  sample: boolean;
};

export type RateInForce = { rateBp: number; effectiveFrom: string; sample: boolean };

/** The rate of a payment: the agent kind's table in force on `date`, the period's row or the any-period row. */
export function commissionRateFor(
  rows: readonly CommissionRateRow[],
  agentKind: string,
  period: PaymentPeriod,
  isNew: boolean,
  date: string,
): RateInForce | null {
  let tableDate: string | null = null;
  for (const r of rows)
    if (r.agentKind === agentKind && r.effectiveFrom <= date && (tableDate === null || r.effectiveFrom > tableDate)) tableDate = r.effectiveFrom;
  if (tableDate === null) return null;
  const table = rows.filter((r) => r.agentKind === agentKind && r.effectiveFrom === tableDate);
  const row = table.find((r) => r.paymentPeriod === period) ?? table.find((r) => r.paymentPeriod === null);
  if (!row) return null;
  return { rateBp: isNew ? row.newRateBp : row.renewalRateBp, effectiveFrom: row.effectiveFrom, sample: row.sample };
}

/** round(base × rateBp / 10 000), half up, whole VND (integers only: no float drift). */
export function commissionOf(base: number, rateBp: number): number {
  return Math.floor((base * rateBp + 5_000) / 10_000);
}

export type CommissionPayment = {
  contributionId: number;
  paidOn: string;
  receiptNo: string;
  fullName: string;
  collectorId: number | null;
  collectorName: string | null;
  paymentPeriod: PaymentPeriod;
  months: number;
  /** what the participant paid (Contribution.net) */
  amount: number;
  isNew: boolean;
};

export type CommissionRow = CommissionPayment & {
  /** the part of the payment the commission is computed on */
  base: number;
  rateBp: number | null;
  rateFrom: string | null;
  sample: boolean;
  commission: number;
};

export type CommissionTotals = {
  payments: number;
  amount: number;
  base: number;
  commission: number;
  newBase: number;
  newCommission: number;
  renewalBase: number;
  renewalCommission: number;
  /** rows without a rate in force (commission 0) */
  withoutRate: number;
};

/** Σ amounts remitted with a date in [from, to] and before `from`. */
export type RemittedInMonth = { before: number; during: number };

function withRate(p: CommissionPayment, base: number, rates: readonly CommissionRateRow[], agentKind: string): CommissionRow {
  const r = commissionRateFor(rates, agentKind, p.paymentPeriod, p.isNew, p.paidOn);
  return {
    ...p,
    base,
    rateBp: r?.rateBp ?? null,
    rateFrom: r?.effectiveFrom ?? null,
    sample: r?.sample ?? false,
    commission: r ? commissionOf(base, r.rateBp) : 0,
  };
}

const byReceipt = (a: CommissionPayment, b: CommissionPayment) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : a.contributionId - b.contributionId);

/**
 * The statement's rows. `payments`: mode "collected" — the month's payments; mode "remitted" — every
 * payment of the agent (the oldest-first allocation needs them all), `remitted` the month's remittances.
 * `collectorId` narrows the rows to one collector (the allocation stays the agent's).
 */
export function commissionRows(
  mode: CommissionMode,
  payments: readonly CommissionPayment[],
  rates: readonly CommissionRateRow[],
  agentKind: string,
  month: { from: string; to: string },
  remitted: RemittedInMonth = { before: 0, during: 0 },
  collectorId?: number,
): CommissionRow[] {
  const sorted = [...payments].sort(byReceipt);
  let rows: CommissionRow[];
  if (mode === "collected") {
    rows = sorted.filter((p) => p.paidOn >= month.from && p.paidOn <= month.to).map((p) => withRate(p, p.amount, rates, agentKind));
  } else {
    const lo = remitted.before,
      hi = remitted.before + remitted.during;
    rows = [];
    let cum = 0;
    for (const p of sorted) {
      if (p.amount <= 0) continue;
      const start = cum;
      cum += p.amount;
      const part = Math.min(cum, hi) - Math.max(start, lo);
      if (part > 0) rows.push(withRate(p, part, rates, agentKind));
      if (cum >= hi) break;
    }
  }
  return collectorId === undefined ? rows : rows.filter((r) => r.collectorId === collectorId);
}

export function commissionTotals(rows: readonly CommissionRow[]): CommissionTotals {
  const t: CommissionTotals = {
    payments: rows.length,
    amount: 0,
    base: 0,
    commission: 0,
    newBase: 0,
    newCommission: 0,
    renewalBase: 0,
    renewalCommission: 0,
    withoutRate: 0,
  };
  for (const r of rows) {
    t.amount += r.amount;
    t.base += r.base;
    t.commission += r.commission;
    if (r.isNew) {
      t.newBase += r.base;
      t.newCommission += r.commission;
    } else {
      t.renewalBase += r.base;
      t.renewalCommission += r.commission;
    }
    if (r.rateBp === null) t.withoutRate++;
  }
  return t;
}
