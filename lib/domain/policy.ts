// Regulation values are data with effective dates; this picks the one in force on a date.
// Pure: the caller loads the (small) parameter tables once and passes them in.
import type { PolicySnapshot } from "./contribution";
import { SUBSIDY_GROUPS, type SubsidyGroup } from "./types";

export type PolicyKind =
  | "CONTRIBUTION_RATE_BP"
  | "INCOME_FLOOR_VND"
  | "REFERENCE_LEVEL_VND"
  | "CEILING_MULTIPLIER"
  | "FUND_MONTHLY_INTEREST_PPM"
  | "SUBSIDY_MAX_MONTHS"
  | "AGENT_REVIEW_THRESHOLD_BP"
  | "PENSION_MIN_MONTHS";

export type PolicyTables = {
  parameters: { kind: PolicyKind; value: number; effectiveFrom: string }[];
  subsidyTiers: { group: SubsidyGroup; rateBp: number; effectiveFrom: string }[];
  topUps: { provinceCode: string; group: SubsidyGroup; rateBp: number; effectiveFrom: string }[];
};

/** The latest row whose effectiveFrom ≤ date, or undefined. */
export function inForce<T extends { effectiveFrom: string }>(rows: T[], date: string): T | undefined {
  let best: T | undefined;
  for (const r of rows) if (r.effectiveFrom <= date && (!best || r.effectiveFrom > best.effectiveFrom)) best = r;
  return best;
}

export class MissingPolicyError extends Error {}

function parameterAt(t: PolicyTables, kind: PolicyKind, date: string, fallback?: number): number {
  const row = inForce(
    t.parameters.filter((p) => p.kind === kind),
    date,
  );
  if (row) return row.value;
  if (fallback !== undefined) return fallback;
  throw new MissingPolicyError(`no ${kind} in force on ${date}`);
}

/** Everything the contribution calculator needs for one date and province. */
export function policyAt(t: PolicyTables, date: string, provinceCode: string): PolicySnapshot {
  const subsidyBp = {} as Record<SubsidyGroup, number>;
  const provincialTopUpBp = {} as Record<SubsidyGroup, number>;
  for (const g of SUBSIDY_GROUPS) {
    subsidyBp[g] =
      inForce(
        t.subsidyTiers.filter((s) => s.group === g),
        date,
      )?.rateBp ?? 0;
    provincialTopUpBp[g] =
      inForce(
        t.topUps.filter((s) => s.group === g && s.provinceCode === provinceCode),
        date,
      )?.rateBp ?? 0;
  }
  return {
    date,
    rateBp: parameterAt(t, "CONTRIBUTION_RATE_BP", date),
    incomeFloor: parameterAt(t, "INCOME_FLOOR_VND", date),
    referenceLevel: parameterAt(t, "REFERENCE_LEVEL_VND", date),
    ceilingMultiplier: parameterAt(t, "CEILING_MULTIPLIER", date),
    fundMonthlyInterestPpm: parameterAt(t, "FUND_MONTHLY_INTEREST_PPM", date, 0),
    subsidyMaxMonths: parameterAt(t, "SUBSIDY_MAX_MONTHS", date),
    subsidyBp,
    provincialTopUpBp,
  };
}
