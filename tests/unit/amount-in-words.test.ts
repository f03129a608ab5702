import { describe, expect, it } from "vitest";
import { amountInWords } from "@/lib/domain/amount-in-words";
import { calculateContribution } from "@/lib/domain/contribution";

describe("amountInWords (receipts)", () => {
  it.each([
    [0, "Không đồng"],
    [1_000, "Một nghìn đồng"],
    [15_000, "Mười lăm nghìn đồng"],
    [1_005_000, "Một triệu không trăm linh năm nghìn đồng"],
    [1_980_000, "Một triệu chín trăm tám mươi nghìn đồng"],
    [3_960_000, "Ba triệu chín trăm sáu mươi nghìn đồng"],
    [46_800_000, "Bốn mươi sáu triệu tám trăm nghìn đồng"],
    [21_000, "Hai mươi mốt nghìn đồng"],
    [105, "Một trăm linh năm đồng"],
    [1_000_015, "Một triệu không trăm mười lăm đồng"],
    [2_000_000_000, "Hai tỷ đồng"],
    [1_000_000_000_000, "Một nghìn tỷ đồng"],
    [5_010_000_001, "Năm tỷ không trăm mười triệu không trăm linh một đồng"],
  ])("%i → %s", (n, words) => {
    expect(amountInWords(n)).toBe(words);
  });

  it("reads a five-year lump sum as the calculator computes it (60 months at the floor, no interest)", () => {
    const r = calculateContribution({
      policy: {
        date: "2026-06-01",
        rateBp: 2200,
        incomeFloor: 1_500_000,
        referenceLevel: 2_340_000,
        ceilingMultiplier: 20,
        fundMonthlyInterestPpm: 0,
        subsidyMaxMonths: 120,
        subsidyBp: { POOR: 0, NEAR_POOR: 0, ISLAND: 0, ETHNIC_MINORITY: 0, OTHER: 0 },
        provincialTopUpBp: { POOR: 0, NEAR_POOR: 0, ISLAND: 0, ETHNIC_MINORITY: 0, OTHER: 0 },
      },
      declaredIncome: 1_500_000,
      period: "ADVANCE",
      months: 60,
      subsidyGroup: "OTHER",
      subsidyMonthsUsed: 0,
    });
    expect(r.ok).toBe(true);
    const net = (r as { ok: true; value: { net: number } }).value.net;
    expect(net).toBe(19_800_000);
    expect(amountInWords(net)).toBe("Mười chín triệu tám trăm nghìn đồng");
  });

  it("refuses what is not a whole VND amount", () => {
    expect(() => amountInWords(-1)).toThrow(RangeError);
    expect(() => amountInWords(1.5)).toThrow(RangeError);
  });
});
