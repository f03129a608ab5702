// Voluntary SI contribution for one payment (docs/domain.md, "Contributions").
// Pure: every regulation value arrives in a PolicySnapshot read from the database for the payment date.
// All money is whole VND; every division is done on integers (see roundDiv) so no float error creeps in.
import { formatVnd } from "@/lib/i18n/format";
import type { Bilingual, PaymentPeriod, SubsidyGroup } from "./types";

export type PolicySnapshot = {
  date: string; // the date it applies to, yyyy-mm-dd
  rateBp: number; // 2200 = 22%
  incomeFloor: number; // VND, rural poverty line
  referenceLevel: number; // VND
  ceilingMultiplier: number; // 20
  fundMonthlyInterestPpm: number; // fund monthly interest rate, parts per million; 0 = unknown -> plain sum
  subsidyMaxMonths: number; // 120
  subsidyBp: Record<SubsidyGroup, number>; // central subsidy, % of (rate × floor), basis points
  provincialTopUpBp: Record<SubsidyGroup, number>; // province top-up on the same basis (0 when none)
};

export type ContributionInput = {
  policy: PolicySnapshot;
  declaredIncome: number;
  period: PaymentPeriod;
  /** Required for ADVANCE and BACK_PAYMENT (1..60); ignored for the fixed periods. */
  months?: number;
  subsidyGroup: SubsidyGroup;
  /** Months of subsidy the person has already received (default 0). */
  subsidyMonthsUsed?: number;
};

export type ContributionResult = {
  months: number;
  monthlyContribution: number;
  gross: number;
  centralSubsidy: number;
  provincialTopUp: number;
  net: number;
  subsidyMonths: number;
  incomeCeiling: number;
};

export type ContributionError = {
  field: "declaredIncome" | "months" | "period";
  code: string;
  message: Bilingual;
};

export const PERIOD_MONTHS = {
  MONTHLY: 1,
  QUARTERLY: 3,
  SEMIANNUAL: 6,
  ANNUAL: 12,
} as const satisfies Partial<Record<PaymentPeriod, number>>;

/** Lump sums: up to 5 years ahead, or up to 60 months short of the 15 years at retirement age. */
const LUMP_SUM_MAX_MONTHS = 60;

function isFixedPeriod(p: PaymentPeriod): p is keyof typeof PERIOD_MONTHS {
  return Object.prototype.hasOwnProperty.call(PERIOD_MONTHS, p);
}

/** Plans paid as one sum for the number of months the person chooses (advance, back payment). */
export function isLumpSum(p: string): boolean {
  return p === "ADVANCE" || p === "BACK_PAYMENT";
}

/** The month count a period allows, for form inputs (min = max for the fixed periods). */
export function allowedMonths(period: PaymentPeriod): { min: number; max: number } {
  if (isFixedPeriod(period)) return { min: PERIOD_MONTHS[period], max: PERIOD_MONTHS[period] };
  return { min: 1, max: LUMP_SUM_MAX_MONTHS };
}

/** Months covered by a payment, or null when `months` is missing/invalid for a lump sum or the period is unknown. */
export function periodMonths(period: PaymentPeriod, months?: number): number | null {
  if (isFixedPeriod(period)) return PERIOD_MONTHS[period];
  if (!isLumpSum(period)) return null;
  const { min, max } = allowedMonths(period);
  return months !== undefined && Number.isInteger(months) && months >= min && months <= max ? months : null;
}

export function incomeCeiling(policy: PolicySnapshot): number {
  return policy.ceilingMultiplier * policy.referenceLevel;
}

/** round(num / den) to the nearest integer, halves up, for non-negative integers below 2^53. */
function roundDiv(num: number, den: number): number {
  return Math.floor((2 * num + den) / (2 * den));
}

/** The same for BigInt, used where powers of (1 + r) outgrow doubles. */
function roundDivBig(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

const PPM = 1_000_000n;

/**
 * Decree 159/2025 arts. 6–7 with r = ppm / 1e6, each month rounded to the nearest VND:
 * ahead  Σ_{i=1..n} m / (1+r)^(i−1)  (discounted), behind Σ_{i=1..n} m × (1+r)^i (charged interest).
 * (1+r)^k is kept as the exact fraction (1e6+ppm)^k / 1e6^k.
 */
function grossWithInterest(m: number, n: number, ppm: number, behind: boolean): number {
  const num = PPM + BigInt(ppm);
  let total = 0n;
  for (let i = 1; i <= n; i++) {
    const k = BigInt(behind ? i : i - 1);
    total += behind ? roundDivBig(BigInt(m) * num ** k, PPM ** k) : roundDivBig(BigInt(m) * PPM ** k, num ** k);
  }
  return Number(total);
}

function rangeMessage(floor: number, ceiling: number): Bilingual {
  return {
    vi: `Mức thu nhập phải từ ${formatVnd(floor, "vi")} đến ${formatVnd(ceiling, "vi")}`,
    en: `Income must be between ${formatVnd(floor, "en")} and ${formatVnd(ceiling, "en")}`,
  };
}

export function calculateContribution(input: ContributionInput): { ok: true; value: ContributionResult } | { ok: false; errors: ContributionError[] } {
  const { policy, declaredIncome: income, period, subsidyGroup } = input;
  const errors: ContributionError[] = [];
  const ceiling = incomeCeiling(policy);

  // Income: whole VND within [floor, ceiling].
  if (!Number.isInteger(income)) {
    const range = rangeMessage(policy.incomeFloor, ceiling);
    errors.push({
      field: "declaredIncome",
      code: "INCOME_NOT_INTEGER",
      message: {
        vi: `Mức thu nhập phải là số đồng nguyên. ${range.vi}`,
        en: `Income must be a whole number of VND. ${range.en}`,
      },
    });
  } else if (income < policy.incomeFloor || income > ceiling) {
    errors.push({ field: "declaredIncome", code: "INCOME_OUT_OF_RANGE", message: rangeMessage(policy.incomeFloor, ceiling) });
  }

  // Period and month count.
  const months = periodMonths(period, input.months);
  if (!isFixedPeriod(period) && !isLumpSum(period)) {
    errors.push({
      field: "period",
      code: "PERIOD_UNKNOWN",
      message: { vi: "Phương thức đóng không hợp lệ", en: "Unknown payment period" },
    });
  } else if (months === null) {
    const { min, max } = allowedMonths(period);
    errors.push({
      field: "months",
      code: input.months === undefined ? "MONTHS_REQUIRED" : "MONTHS_OUT_OF_RANGE",
      message: {
        vi: `Số tháng đóng phải là số nguyên từ ${min} đến ${max}`,
        en: `Number of months must be a whole number from ${min} to ${max}`,
      },
    });
  }

  if (errors.length > 0 || months === null) return { ok: false, errors };

  const m = roundDiv(income * policy.rateBp, 10_000);
  const ppm = policy.fundMonthlyInterestPpm;
  const gross = ppm === 0 || period === "MONTHLY" ? months * m : grossWithInterest(m, months, ppm, period === "BACK_PAYMENT");

  // Back payments are subsidised too: docs/domain.md caps the subsidy by months per person only, not by payment method.
  const subsidyMonths = Math.min(months, Math.max(0, policy.subsidyMaxMonths - (input.subsidyMonthsUsed ?? 0)));
  // Per month: floor × rate × subsidy%, in one integer division (floor·rateBp·bp < 2^53).
  const perMonth = (bp: number) => roundDiv(policy.incomeFloor * policy.rateBp * bp, 100_000_000);
  const centralSubsidy = perMonth(policy.subsidyBp[subsidyGroup] ?? 0) * subsidyMonths;
  const provincialTopUp = perMonth(policy.provincialTopUpBp[subsidyGroup] ?? 0) * subsidyMonths;

  return {
    ok: true,
    value: {
      months,
      monthlyContribution: m,
      gross,
      centralSubsidy,
      provincialTopUp,
      net: Math.max(0, gross - centralSubsidy - provincialTopUp),
      subsidyMonths,
      incomeCeiling: ceiling,
    },
  };
}
