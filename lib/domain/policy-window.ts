// The policy a phone keeps for offline work (issue 12): the one in force today and the next known change,
// so the calculator is right on the day a new regulation takes effect even without a signal. Pure.
import type { PolicySnapshot } from "./contribution";
import { MissingPolicyError, policyAt, type PolicyTables } from "./policy";

export type PolicyWindow = {
  /** In force on `today` (null when none is). */
  current: PolicySnapshot | null;
  /** The next change after `today` in this province, with what will be in force from then. */
  next: { from: string; policy: PolicySnapshot } | null;
};

const safePolicyAt = (t: PolicyTables, date: string, province: string): PolicySnapshot | null => {
  try {
    return policyAt(t, date, province);
  } catch (e) {
    if (e instanceof MissingPolicyError) return null;
    throw e;
  }
};

/** Today's policy and the next known change in the province. */
export function policyWindow(t: PolicyTables, today: string, provinceCode: string): PolicyWindow {
  const dates = [
    ...t.parameters.map((p) => p.effectiveFrom),
    ...t.subsidyTiers.map((s) => s.effectiveFrom),
    ...t.topUps.filter((s) => s.provinceCode === provinceCode).map((s) => s.effectiveFrom),
  ]
    .filter((d) => d > today)
    .sort();
  const from = dates[0];
  const nextPolicy = from ? safePolicyAt(t, from, provinceCode) : null;
  return { current: safePolicyAt(t, today, provinceCode), next: from && nextPolicy ? { from, policy: nextPolicy } : null };
}

/** The policy of a window in force on `date` (a day on or after the window's today). */
export function policyOn(w: PolicyWindow, date: string): PolicySnapshot | null {
  if (w.next && date >= w.next.from) return w.next.policy;
  return w.current;
}
