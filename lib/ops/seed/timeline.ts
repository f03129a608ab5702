// Simulates one person's payments from enrollment to `asOf`: renewals, late payments, lapses.
// Shared by the demo seed and the national-scale generator, so both look like real campaigns.
import { calculateContribution, type PolicySnapshot } from "@/lib/domain/contribution";
import { addDays as addDaysTo, yearOf, type IsoDate } from "@/lib/domain/dates";
import { nextPeriodStart as nextPeriodStartOf, periodEndFor as periodEndOf } from "@/lib/domain/coverage-status";
import type { PaymentPeriod, SubsidyGroup } from "@/lib/domain/types";
import { memo2 } from "./memo";
import { intBetween, weighted, type Rng } from "./random";

const addDays = memo2(addDaysTo);
const nextPeriodStart = memo2(nextPeriodStartOf);
const periodEndFor = memo2(periodEndOf);

// Enrollment and payments peak in May and November (campaign months).
export const MONTH_WEIGHTS = [0.8, 0.6, 0.9, 1, 2.4, 1, 0.9, 0.9, 1, 1.1, 2.6, 1.4];

export function seasonalDate(rng: Rng, fromYear: number, asOf: IsoDate): IsoDate {
  for (;;) {
    const year = intBetween(rng, fromYear, yearOf(asOf));
    const month = Number(weighted(rng, Object.fromEntries(MONTH_WEIGHTS.map((w, i) => [String(i + 1), w])) as Record<string, number>));
    const day = intBetween(rng, 1, 28);
    const d = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    if (d <= asOf) return d;
  }
}

export type SimulatedPayment = {
  periodStart: IsoDate;
  periodEnd: IsoDate;
  months: number;
  paidOn: IsoDate;
  period: PaymentPeriod;
  declaredIncome: number;
  gross: number;
  centralSubsidy: number;
  provincialTopUp: number;
  net: number;
  subsidyMonths: number;
};

export type PersonPlan = {
  enrolledOn: IsoDate;
  period: PaymentPeriod;
  declaredIncome: number;
  subsidyGroup: SubsidyGroup;
  loyalty: number; // probability of renewing each time
};

const MONTHS: Record<PaymentPeriod, number> = { MONTHLY: 1, QUARTERLY: 3, SEMIANNUAL: 6, ANNUAL: 12, ADVANCE: 24, BACK_PAYMENT: 0 };

/** When someone who renews pays next, given the end of the period they paid for. */
export type RenewalTiming = (rng: Rng, periodEnd: IsoDate) => IsoDate;

/** Most renew around the end of their period, some a little late (the demo). */
export const renewNearPeriodEnd: RenewalTiming = (rng, periodEnd) => addDays(periodEnd, rng() < 0.8 ? -intBetween(rng, 0, 20) : intBetween(rng, 1, 60));

/**
 * Renewals mostly in the first weeks of the new period, when agents collect them in the campaign
 * months (the national-scale generator): periods start on the first of the month people joined
 * (peaks in May and November), so this keeps the payment peaks there instead of a month earlier.
 * A few pay ahead of time, some late but within 3 months.
 */
export const renewInCampaignWeeks: RenewalTiming = (rng, periodEnd) => {
  const r = rng();
  return addDays(periodEnd, r < 0.2 ? -intBetween(rng, 0, 15) : r < 0.85 ? intBetween(rng, 1, 25) : intBetween(rng, 26, 80));
};

export function simulatePayments(
  rng: Rng,
  plan: PersonPlan,
  asOf: IsoDate,
  policyOn: (date: IsoDate) => PolicySnapshot,
  renewal: RenewalTiming = renewNearPeriodEnd,
): SimulatedPayment[] {
  const out: SimulatedPayment[] = [];
  let paidOn = plan.enrolledOn;
  let coverageEnd: IsoDate | null = null;
  let subsidyUsed = 0;
  while (paidOn <= asOf) {
    const months = MONTHS[plan.period];
    const periodStart = nextPeriodStart(coverageEnd, paidOn);
    const periodEnd = periodEndFor(periodStart, months);
    const policy = policyOn(paidOn);
    const income = Math.max(plan.declaredIncome, policy.incomeFloor);
    const r = calculateContribution({
      policy,
      declaredIncome: income,
      period: plan.period,
      months,
      subsidyGroup: plan.subsidyGroup,
      subsidyMonthsUsed: subsidyUsed,
    });
    if (!r.ok) throw new Error(`simulated payment invalid: ${JSON.stringify(r.errors)}`);
    const v = r.value;
    out.push({
      periodStart,
      periodEnd,
      months,
      paidOn,
      period: plan.period,
      declaredIncome: income,
      gross: v.gross,
      centralSubsidy: v.centralSubsidy,
      provincialTopUp: v.provincialTopUp,
      net: v.net,
      subsidyMonths: v.subsidyMonths,
    });
    subsidyUsed += v.subsidyMonths;
    coverageEnd = periodEnd;
    if (rng() > plan.loyalty) {
      // stops paying; some come back months later
      if (rng() < 0.35) paidOn = addDays(periodEnd, intBetween(rng, 40, 400));
      else break;
    } else {
      paidOn = renewal(rng, periodEnd);
    }
  }
  return out;
}
