import { describe, it, expect } from "vitest";
import {
  PERIOD_MONTHS,
  allowedMonths,
  calculateContribution,
  incomeCeiling,
  periodMonths,
  type ContributionInput,
  type ContributionResult,
  type PolicySnapshot,
} from "@/lib/domain/contribution";
import type { PaymentPeriod, SubsidyGroup } from "@/lib/domain/types";

const NO_TOP_UP: Record<SubsidyGroup, number> = { POOR: 0, NEAR_POOR: 0, ISLAND: 0, ETHNIC_MINORITY: 0, OTHER: 0 };

// Floor 1,500,000, reference 2,340,000 × 20 = 46,800,000; 22%; no fund interest.
const base = {
  rateBp: 2200,
  incomeFloor: 1_500_000,
  referenceLevel: 2_340_000,
  ceilingMultiplier: 20,
  fundMonthlyInterestPpm: 0,
  subsidyMaxMonths: 120,
  provincialTopUpBp: NO_TOP_UP,
};
const d134: PolicySnapshot = {
  ...base,
  date: "2024-07-01",
  subsidyBp: { POOR: 3000, NEAR_POOR: 2500, ISLAND: 1000, ETHNIC_MINORITY: 1000, OTHER: 1000 },
};
const d159: PolicySnapshot = {
  ...base,
  date: "2025-07-01",
  subsidyBp: { POOR: 5000, NEAR_POOR: 4000, ISLAND: 5000, ETHNIC_MINORITY: 3000, OTHER: 2000 },
};
const hanoi159: PolicySnapshot = { ...d159, provincialTopUpBp: { ...NO_TOP_UP, POOR: 5000, NEAR_POOR: 6000, OTHER: 1000 } };

const FLOOR = 1_500_000;
const CEILING = 46_800_000;

function ok(input: Partial<ContributionInput> & { policy: PolicySnapshot }): ContributionResult {
  const r = calculateContribution({ declaredIncome: FLOOR, period: "MONTHLY", subsidyGroup: "OTHER", ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

function errors(input: Partial<ContributionInput> & { policy: PolicySnapshot }) {
  const r = calculateContribution({ declaredIncome: FLOOR, period: "MONTHLY", subsidyGroup: "OTHER", ...input });
  if (r.ok) throw new Error("expected errors");
  return r.errors;
}

describe("periods", () => {
  it("fixed periods have fixed month counts; lump sums need 1..60", () => {
    expect(PERIOD_MONTHS).toEqual({ MONTHLY: 1, QUARTERLY: 3, SEMIANNUAL: 6, ANNUAL: 12 });
    expect(periodMonths("QUARTERLY")).toBe(3);
    expect(periodMonths("ANNUAL", 5)).toBe(12); // months is ignored for fixed periods
    expect(periodMonths("ADVANCE", 60)).toBe(60);
    expect(periodMonths("ADVANCE")).toBeNull();
    expect(periodMonths("BACK_PAYMENT", 61)).toBeNull();
    expect(periodMonths("BACK_PAYMENT", 0)).toBeNull();
    expect(periodMonths("BACK_PAYMENT", 2.5)).toBeNull();
    expect(allowedMonths("SEMIANNUAL")).toEqual({ min: 6, max: 6 });
    expect(allowedMonths("BACK_PAYMENT")).toEqual({ min: 1, max: 60 });
  });

  it("month errors for lump sums", () => {
    expect(errors({ policy: d159, period: "ADVANCE" })).toMatchObject([{ field: "months", code: "MONTHS_REQUIRED" }]);
    const [e] = errors({ policy: d159, period: "BACK_PAYMENT", months: 61 });
    expect(e).toMatchObject({ field: "months", code: "MONTHS_OUT_OF_RANGE" });
    expect(e.message.vi).toContain("từ 1 đến 60");
  });

  it("an unknown period is an error on the period field", () => {
    expect(errors({ policy: d159, period: "WEEKLY" as PaymentPeriod })).toMatchObject([{ field: "period", code: "PERIOD_UNKNOWN" }]);
  });
});

describe("central subsidy per month, every group (MONTHLY, income at the floor, m = 330,000)", () => {
  // perMonth = 1,500,000 × 22% × bp = 330,000 × bp / 10,000
  const rows: [PolicySnapshot, SubsidyGroup, number][] = [
    [d134, "POOR", 99_000], // 30%
    [d134, "NEAR_POOR", 82_500], // 25%
    [d134, "ISLAND", 33_000], // 10%
    [d134, "ETHNIC_MINORITY", 33_000],
    [d134, "OTHER", 33_000],
    [d159, "POOR", 165_000], // 50%
    [d159, "NEAR_POOR", 132_000], // 40%
    [d159, "ISLAND", 165_000], // 50%, same tier as poor
    [d159, "ETHNIC_MINORITY", 99_000], // 30%
    [d159, "OTHER", 66_000], // 20%
  ];
  it.each(rows)("%#: %s", (policy, subsidyGroup, perMonth) => {
    const v = ok({ policy, subsidyGroup });
    expect(v).toEqual({
      months: 1,
      monthlyContribution: 330_000,
      gross: 330_000,
      centralSubsidy: perMonth,
      provincialTopUp: 0,
      net: 330_000 - perMonth,
      subsidyMonths: 1,
      incomeCeiling: CEILING,
    });
  });
});

describe("every period at the floor and the ceiling, no interest", () => {
  // [policy, group, period, months, income, expected months, gross, central subsidy, net]
  // floor: m = 330,000; ceiling: m = 46,800,000 × 22% = 10,296,000. Subsidy does not depend on income.
  const rows: [PolicySnapshot, SubsidyGroup, PaymentPeriod, number | undefined, number, number, number, number, number][] = [
    [d159, "OTHER", "MONTHLY", undefined, FLOOR, 1, 330_000, 66_000, 264_000],
    [d159, "OTHER", "MONTHLY", undefined, CEILING, 1, 10_296_000, 66_000, 10_230_000],
    [d159, "OTHER", "QUARTERLY", undefined, FLOOR, 3, 990_000, 198_000, 792_000],
    [d159, "OTHER", "QUARTERLY", undefined, CEILING, 3, 30_888_000, 198_000, 30_690_000],
    [d159, "OTHER", "SEMIANNUAL", undefined, FLOOR, 6, 1_980_000, 396_000, 1_584_000],
    [d159, "OTHER", "SEMIANNUAL", undefined, CEILING, 6, 61_776_000, 396_000, 61_380_000],
    [d159, "OTHER", "ANNUAL", undefined, FLOOR, 12, 3_960_000, 792_000, 3_168_000], // the docs/domain.md example
    [d159, "OTHER", "ANNUAL", undefined, CEILING, 12, 123_552_000, 792_000, 122_760_000],
    [d159, "OTHER", "ADVANCE", 60, FLOOR, 60, 19_800_000, 3_960_000, 15_840_000],
    [d159, "OTHER", "ADVANCE", 60, CEILING, 60, 617_760_000, 3_960_000, 613_800_000],
    [d159, "OTHER", "BACK_PAYMENT", 24, FLOOR, 24, 7_920_000, 1_584_000, 6_336_000],
    [d159, "OTHER", "BACK_PAYMENT", 24, CEILING, 24, 247_104_000, 1_584_000, 245_520_000],
    // other groups and Decree 134
    [d134, "POOR", "ANNUAL", undefined, FLOOR, 12, 3_960_000, 1_188_000, 2_772_000],
    [d134, "NEAR_POOR", "SEMIANNUAL", undefined, CEILING, 6, 61_776_000, 495_000, 61_281_000],
    [d134, "ETHNIC_MINORITY", "ADVANCE", 7, FLOOR, 7, 2_310_000, 231_000, 2_079_000],
    [d159, "POOR", "QUARTERLY", undefined, FLOOR, 3, 990_000, 495_000, 495_000],
    [d159, "NEAR_POOR", "BACK_PAYMENT", 24, FLOOR, 24, 7_920_000, 3_168_000, 4_752_000],
    [d159, "ISLAND", "ADVANCE", 60, CEILING, 60, 617_760_000, 9_900_000, 607_860_000],
    [d159, "ETHNIC_MINORITY", "ANNUAL", undefined, 5_000_000, 12, 13_200_000, 1_188_000, 12_012_000],
  ];
  it.each(rows)("%#: %s %s %s months=%s income=%d", (policy, subsidyGroup, period, months, declaredIncome, n, gross, central, net) => {
    const v = ok({ policy, subsidyGroup, period, months, declaredIncome });
    expect(v).toMatchObject({ months: n, gross, centralSubsidy: central, provincialTopUp: 0, net, subsidyMonths: n });
  });
});

describe("declared income", () => {
  it("the ceiling is multiplier × reference level", () => {
    expect(incomeCeiling(d159)).toBe(46_800_000);
  });

  it("rounds the monthly contribution to the nearest VND", () => {
    // 1,500,003 × 22% = 330,000.66 → 330,001; 1,500,002 × 22% = 330,000.44 → 330,000
    expect(ok({ policy: d159, declaredIncome: 1_500_003 }).monthlyContribution).toBe(330_001);
    expect(ok({ policy: d159, declaredIncome: 1_500_002 }).monthlyContribution).toBe(330_000);
    // a half rounds up: 25 × 2% = 0.5 VND → 1 (tiny policy just to hit the half)
    expect(ok({ policy: { ...d159, rateBp: 200, incomeFloor: 25 }, declaredIncome: 25 }).monthlyContribution).toBe(1);
  });

  it.each([1_499_999, 46_800_001, 0, -1_500_000])("%d is outside the range", (declaredIncome) => {
    const [e, ...rest] = errors({ policy: d159, declaredIncome });
    expect(rest).toEqual([]);
    expect(e.field).toBe("declaredIncome");
    expect(e.code).toBe("INCOME_OUT_OF_RANGE");
    expect(e.message.vi).toBe("Mức thu nhập phải từ 1.500.000 ₫ đến 46.800.000 ₫");
    expect(e.message.en).toBe("Income must be between 1,500,000 VND and 46,800,000 VND");
  });

  it.each([1_500_000.5, Number.NaN, Number.POSITIVE_INFINITY])("%d is not a whole number of VND", (declaredIncome) => {
    const [e] = errors({ policy: d159, declaredIncome });
    expect(e).toMatchObject({ field: "declaredIncome", code: "INCOME_NOT_INTEGER" });
    expect(e.message.vi).toContain("1.500.000 ₫ đến 46.800.000 ₫");
  });

  it("reports income and months errors together", () => {
    const errs = errors({ policy: d159, declaredIncome: 100, period: "ADVANCE", months: 0 });
    expect(errs.map((e) => e.field)).toEqual(["declaredIncome", "months"]);
  });
});

describe("provincial top-up (Hà Nội-like: poor 50%, near-poor 60%, others 10%)", () => {
  it("adds to the central subsidy on the same basis", () => {
    // OTHER: central 66,000 + top-up 33,000 a month; 12 months: 792,000 + 396,000, net 3,960,000 − 1,188,000
    expect(ok({ policy: hanoi159, period: "ANNUAL" })).toMatchObject({
      gross: 3_960_000,
      centralSubsidy: 792_000,
      provincialTopUp: 396_000,
      net: 2_772_000,
    });
    // ETHNIC_MINORITY has no top-up here
    expect(ok({ policy: hanoi159, subsidyGroup: "ETHNIC_MINORITY" })).toMatchObject({ centralSubsidy: 99_000, provincialTopUp: 0, net: 231_000 });
  });

  it("poor and near-poor at the floor pay nothing (165,000 + 165,000 and 132,000 + 198,000 = 330,000)", () => {
    expect(ok({ policy: hanoi159, subsidyGroup: "POOR", period: "QUARTERLY" })).toMatchObject({
      gross: 990_000,
      centralSubsidy: 495_000,
      provincialTopUp: 495_000,
      net: 0,
    });
    expect(ok({ policy: hanoi159, subsidyGroup: "NEAR_POOR" })).toMatchObject({ centralSubsidy: 132_000, provincialTopUp: 198_000, net: 0 });
  });

  it("net never goes below 0", () => {
    // top-up 80% → 264,000; with 165,000 central that is 429,000 > 330,000
    const generous = { ...d159, provincialTopUpBp: { ...NO_TOP_UP, POOR: 8000 } };
    expect(ok({ policy: generous, subsidyGroup: "POOR", period: "ANNUAL" })).toMatchObject({
      gross: 3_960_000,
      centralSubsidy: 1_980_000,
      provincialTopUp: 3_168_000,
      net: 0,
    });
  });
});

describe("subsidy cap of 120 months per person", () => {
  it("115 used + 12 paid → 5 subsidised months", () => {
    expect(ok({ policy: d159, period: "ANNUAL", subsidyMonthsUsed: 115 })).toMatchObject({
      months: 12,
      subsidyMonths: 5,
      centralSubsidy: 330_000,
      net: 3_630_000, // 5 × 66,000; 3,960,000 − 330,000
    });
  });

  it("no subsidy once 120 (or more) months were used", () => {
    expect(ok({ policy: d159, period: "ANNUAL", subsidyMonthsUsed: 120 })).toMatchObject({ subsidyMonths: 0, centralSubsidy: 0, net: 3_960_000 });
    expect(ok({ policy: d159, period: "ANNUAL", subsidyMonthsUsed: 130 })).toMatchObject({ subsidyMonths: 0, net: 3_960_000 });
  });

  it("the top-up obeys the same cap", () => {
    expect(ok({ policy: hanoi159, period: "ANNUAL", subsidyMonthsUsed: 115 })).toMatchObject({
      subsidyMonths: 5,
      centralSubsidy: 330_000,
      provincialTopUp: 165_000, // 5 × 33,000
    });
  });
});

describe("fund interest r = 3000 ppm (0.3% a month)", () => {
  const withR = { ...d159, fundMonthlyInterestPpm: 3000 };

  it("MONTHLY is never discounted", () => {
    expect(ok({ policy: withR }).gross).toBe(330_000);
  });

  it("ANNUAL ahead: Σ round(330,000 / 1.003^(i−1)), i = 1..12", () => {
    // Computed independently (python3, exact fractions): 330000, 329013 (329012.96), 328029, 327048, 326070, 325094,
    // 324122, 323152, 322186, 321222, 320261, 319303 → 3,895,500
    expect(ok({ policy: withR, period: "ANNUAL" })).toMatchObject({ gross: 3_895_500, centralSubsidy: 792_000, net: 3_103_500 });
    // at the ceiling, m = 10,296,000 → 121,539,616
    expect(ok({ policy: withR, period: "ANNUAL", declaredIncome: CEILING }).gross).toBe(121_539_616);
  });

  it("QUARTERLY / SEMIANNUAL / ADVANCE are discounted the same way", () => {
    // 330000 + 329013 + 328029 = 987,042
    expect(ok({ policy: withR, period: "QUARTERLY" }).gross).toBe(987_042);
    expect(ok({ policy: withR, period: "SEMIANNUAL" }).gross).toBe(1_965_254);
    expect(ok({ policy: withR, period: "ADVANCE", months: 60 }).gross).toBe(18_149_803);
  });

  it("BACK_PAYMENT behind: Σ round(330,000 × 1.003^i), i = 1..n", () => {
    // i=1: 330,990; i=2: 331,982.97 → 331,983; … i=12: 342,078 → 4,038,078 (python3, exact fractions)
    expect(ok({ policy: withR, period: "BACK_PAYMENT", months: 12 })).toMatchObject({ gross: 4_038_078, centralSubsidy: 792_000, net: 3_246_078 });
    // 1 month behind is charged one month of interest: 330,000 × 1.003 = 330,990
    expect(ok({ policy: withR, period: "BACK_PAYMENT", months: 1 }).gross).toBe(330_990);
    expect(ok({ policy: withR, period: "BACK_PAYMENT", months: 60 }).gross).toBe(21_723_407);
    expect(ok({ policy: withR, period: "BACK_PAYMENT", months: 60, declaredIncome: CEILING }).gross).toBe(677_770_192);
  });

  it("income 5,000,000 (m = 1,100,000), 12 months both ways", () => {
    expect(ok({ policy: withR, period: "ANNUAL", declaredIncome: 5_000_000 }).gross).toBe(12_985_002);
    expect(ok({ policy: withR, period: "BACK_PAYMENT", months: 12, declaredIncome: 5_000_000 }).gross).toBe(13_460_253);
  });
});
