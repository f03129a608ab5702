// Offline field entry (issue 12): the classification of a refused queued write (lib/domain/sync-conflict.ts)
// and the policy a phone keeps (today's and the next known change: lib/domain/policy-window.ts).
import { describe, expect, it } from "vitest";
import { classifyRefusal, conflictKind } from "@/lib/domain/sync-conflict";
import { policyOn, policyWindow } from "@/lib/domain/policy-window";
import type { PolicyTables } from "@/lib/domain/policy";

describe("conflict classification", () => {
  const issue = (code?: string, extra: Record<string, unknown> = {}) => ({ path: "x", message: `m-${code ?? "plain"}`, ...(code ? { code } : {}), ...extra });

  it("names each kind of refusal", () => {
    expect(conflictKind({ status: 400, issues: [issue("STALE")] })).toBe("overlap");
    expect(conflictKind({ status: 400, issues: [issue("DUPLICATE_PERSONAL_ID")] })).toBe("registered_elsewhere");
    expect(conflictKind({ status: 400, issues: [issue("RATE_LIMITED")] })).toBe("registered_elsewhere");
    expect(conflictKind({ status: 400, issues: [issue("DUPLICATE_PERSONAL_ID", { existingId: 7 })] })).toBe("duplicate");
    expect(conflictKind({ status: 400, issues: [issue("POSSIBLE_DUPLICATE")] })).toBe("possible_duplicate");
    expect(conflictKind({ status: 400, issues: [issue("OUT_OF_SCOPE")] })).toBe("out_of_scope");
    expect(conflictKind({ status: 404, issues: [issue()] })).toBe("out_of_scope");
    expect(conflictKind({ status: 403, issues: [issue()] })).toBe("forbidden");
    expect(conflictKind({ status: 409, issues: [issue()] })).toBe("key_taken");
    expect(conflictKind({ status: 400, issues: [issue(), issue("RECEIPT_TAKEN")] })).toBe("validation");
  });

  it("the most specific reason wins over field problems listed before it", () => {
    const c = classifyRefusal({ status: 400, issues: [issue(), issue("POSSIBLE_DUPLICATE"), issue("STALE")] });
    expect(c).toEqual({
      kind: "overlap",
      message: "m-STALE",
      fields: [
        { path: "x", message: "m-plain" },
        { path: "x", message: "m-POSSIBLE_DUPLICATE" },
        { path: "x", message: "m-STALE" },
      ],
      fixable: false,
    });
  });

  it("only what a correction can fix is fixable", () => {
    expect(classifyRefusal({ status: 400, issues: [issue()] }).fixable).toBe(true);
    expect(classifyRefusal({ status: 400, issues: [issue("POSSIBLE_DUPLICATE")] }).fixable).toBe(true);
    expect(classifyRefusal({ status: 400, issues: [issue("DUPLICATE_PERSONAL_ID")] }).fixable).toBe(false);
    expect(classifyRefusal({ status: 404, issues: [] }, "gone")).toMatchObject({ kind: "out_of_scope", message: "gone", fixable: false });
  });
});

describe("the policy a phone keeps", () => {
  const tables: PolicyTables = {
    parameters: [
      { kind: "CONTRIBUTION_RATE_BP", value: 2200, effectiveFrom: "2018-01-01" },
      { kind: "INCOME_FLOOR_VND", value: 1_500_000, effectiveFrom: "2022-01-01" },
      { kind: "INCOME_FLOOR_VND", value: 2_000_000, effectiveFrom: "2027-01-01" },
      { kind: "REFERENCE_LEVEL_VND", value: 2_340_000, effectiveFrom: "2024-07-01" },
      { kind: "CEILING_MULTIPLIER", value: 20, effectiveFrom: "2018-01-01" },
      { kind: "SUBSIDY_MAX_MONTHS", value: 120, effectiveFrom: "2018-01-01" },
    ],
    subsidyTiers: [{ group: "POOR", rateBp: 5000, effectiveFrom: "2026-12-15" }],
    topUps: [{ provinceCode: "22", group: "POOR", rateBp: 1000, effectiveFrom: "2026-12-10" }],
  };

  it("today's policy and the next change in the province (another province's change is not one)", () => {
    const w = policyWindow(tables, "2026-12-04", "01");
    expect(w.current?.incomeFloor).toBe(1_500_000);
    expect(w.next?.from).toBe("2026-12-15");
    expect(w.next?.policy.subsidyBp.POOR).toBe(5000);
    expect(policyWindow(tables, "2026-12-04", "22").next?.from).toBe("2026-12-10");
  });

  it("the calculator uses the next policy from its first day", () => {
    const w = policyWindow(tables, "2026-12-16", "01");
    expect(w.next?.from).toBe("2027-01-01");
    expect(policyOn(w, "2026-12-31")?.incomeFloor).toBe(1_500_000);
    expect(policyOn(w, "2027-01-01")?.incomeFloor).toBe(2_000_000);
    expect(policyWindow(tables, "2027-02-01", "01").next).toBeNull();
  });
});
