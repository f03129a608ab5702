import { describe, it, expect } from "vitest";
import { attainmentPct, changeVsLastYear, coveragePct, expectedShareBp, formatPct, formatSignedNumber, missingToExpected } from "@/lib/domain/coverage";

const R28 = [
  { year: 2030, shareBp: 500 }, // deliberately unsorted: order must not matter
  { year: 2021, shareBp: 100 },
  { year: 2025, shareBp: 250 },
];

describe("expectedShareBp", () => {
  it("is the milestone share on milestone years", () => {
    expect(expectedShareBp(2021, R28)).toBe(100);
    expect(expectedShareBp(2025, R28)).toBe(250);
    expect(expectedShareBp(2030, R28)).toBe(500);
  });
  it("interpolates in a straight line between milestones", () => {
    expect(expectedShareBp(2023, R28)).toBe(175);
    expect(expectedShareBp(2027, R28)).toBe(350);
    expect(expectedShareBp(2022, R28)).toBe(137.5); // not rounded
  });
  it("uses the first share before and the last share after", () => {
    expect(expectedShareBp(2020, R28)).toBe(100);
    expect(expectedShareBp(2031, R28)).toBe(500);
  });
  it("is 0 without milestones", () => {
    expect(expectedShareBp(2025, [])).toBe(0);
  });
});

describe("percentages", () => {
  it("plan attainment: 4,180 ÷ 4,400 = 95.00%", () => {
    expect(attainmentPct(4180, 4400)).toBe(95);
    expect(attainmentPct(1, 3)).toBe(33.33);
    expect(attainmentPct(2, 3)).toBe(66.67);
    expect(attainmentPct(1, 0)).toBeNull();
  });
  it("rounds an exact half up, exactly: 1 ÷ 800 = 0.125% → 0.13; 201 ÷ 20,000 = 1.005% → 1.01", () => {
    expect(attainmentPct(1, 800)).toBe(0.13);
    expect(attainmentPct(201, 20_000)).toBe(1.01); // floating point would give 1.00
    expect(attainmentPct(1, 8000)).toBe(0.01); // 0.0125 → 0.01
    expect(attainmentPct(1, 1600)).toBe(0.06); // 0.0625 → 0.06
    expect(attainmentPct(-1, 800)).toBe(-0.13); // halves away from zero, mirroring positives
  });
  it("change vs last year: 4,180 vs 2,930 → +1,250, +42.66%", () => {
    expect(changeVsLastYear(4180, 2930)).toEqual({ delta: 1250, pct: 42.66 });
    expect(changeVsLastYear(2930, 4180)).toEqual({ delta: -1250, pct: -29.9 });
    expect(changeVsLastYear(5, 0)).toEqual({ delta: 5, pct: null });
  });
  it("coverage of the labour force", () => {
    expect(coveragePct(1_450_000, 49_000_000)).toBe(2.96);
    expect(coveragePct(10, 0)).toBeNull();
  });
  it("missing to expected: ceil(labourForce × share) − participants, never negative", () => {
    expect(missingToExpected(100, 10_000, 250)).toBe(150);
    expect(missingToExpected(300, 10_000, 250)).toBe(0);
    expect(missingToExpected(0, 1000, 137.5)).toBe(14); // 13.75 → 14
    expect(missingToExpected(0, 3, 100 / 3)).toBe(1); // 0.01 → 1
    expect(missingToExpected(0, 30_000, 100 / 3)).toBe(100); // exactly 100 despite float noise
  });
});

describe("formatting", () => {
  it("signed numbers", () => {
    expect(formatSignedNumber(1250, "vi")).toBe("+1.250");
    expect(formatSignedNumber(1250, "en")).toBe("+1,250");
    expect(formatSignedNumber(-1250, "vi")).toBe("-1.250");
    expect(formatSignedNumber(-30, "en")).toBe("-30");
    expect(formatSignedNumber(0, "vi")).toBe("0");
  });
  it("percentages with two decimals", () => {
    expect(formatPct(95, "vi")).toBe("95,00%");
    expect(formatPct(95, "en")).toBe("95.00%");
    expect(formatPct(42.66, "vi", { signed: true })).toBe("+42,66%");
    expect(formatPct(42.66, "en", { signed: true })).toBe("+42.66%");
    expect(formatPct(-29.9, "vi", { signed: true })).toBe("-29,90%");
    expect(formatPct(0, "en", { signed: true })).toBe("0.00%");
    expect(formatPct(1250.5, "vi")).toBe("1.250,50%");
    expect(formatPct(null, "vi")).toBe("—");
    expect(formatPct(null, "en", { signed: true })).toBe("—");
  });
});
