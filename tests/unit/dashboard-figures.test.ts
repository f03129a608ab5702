import { describe, expect, it } from "vitest";
import {
  ageBand,
  ageBandOf,
  formatChange,
  lapseRatePct,
  monthEnd,
  needsReview,
  reportDate,
  reviewApplies,
  sameDateLastYear,
  sortRows,
} from "@/lib/domain/dashboard-figures";
import { attainmentPct, changeVsLastYear, formatPct, formatSignedNumber } from "@/lib/domain/coverage";
import { forecastFromMonthEnds } from "@/lib/domain/forecast";

describe("dates the dashboard compares", () => {
  it("the same date last year; 29 February becomes 28 February", () => {
    expect(sameDateLastYear("2025-10-20")).toBe("2024-10-20");
    expect(sameDateLastYear("2024-02-29")).toBe("2023-02-28");
    expect(sameDateLastYear("2025-01-01")).toBe("2024-01-01");
  });
  it("month ends and the date of a monthly report", () => {
    expect(monthEnd("2024-02")).toBe("2024-02-29");
    expect(monthEnd("2025-02")).toBe("2025-02-28");
    expect(monthEnd("2025-12")).toBe("2025-12-31");
    expect(reportDate("2025-09", "2025-10-20")).toBe("2025-09-30");
    expect(reportDate("2025-10", "2025-10-20")).toBe("2025-10-20"); // the running month: today
  });
});

describe("age bands (age on D)", () => {
  it("15–24, 25–34, 35–44, 45–54, 55–59, 60+ with the birthday counted on the day", () => {
    expect(ageBand("2001-10-20", "2025-10-20")).toBe("15-24"); // 24 today
    expect(ageBand("2000-10-20", "2025-10-20")).toBe("25-34"); // 25 today
    expect(ageBand("2000-10-21", "2025-10-20")).toBe("15-24"); // 25 tomorrow
    expect(ageBand("1966-01-01", "2025-10-20")).toBe("55-59");
    expect(ageBand("1965-10-20", "2025-10-20")).toBe("60+");
    expect(ageBand("2004-02-29", "2019-02-28")).toBe("under-15"); // 15 only on 1 March in a common year
    expect([14, 15, 24, 25, 34, 35, 44, 45, 54, 55, 59, 60, 99].map(ageBandOf)).toEqual([
      "under-15",
      "15-24",
      "15-24",
      "25-34",
      "25-34",
      "35-44",
      "35-44",
      "45-54",
      "45-54",
      "55-59",
      "55-59",
      "60+",
      "60+",
    ]);
  });
});

describe("agent review flag", () => {
  it("only after 30 June, below the threshold, with a target", () => {
    expect(reviewApplies("2025-06-30")).toBe(false);
    expect(reviewApplies("2025-07-01")).toBe(true);
    expect(needsReview(4, 10, 5000, "2025-06-30")).toBe(false);
    expect(needsReview(4, 10, 5000, "2025-07-01")).toBe(true);
    expect(needsReview(5, 10, 5000, "2025-12-31")).toBe(false); // exactly 50% is not below
    expect(needsReview(49_999, 100_000, 5000, "2025-08-01")).toBe(true);
    expect(needsReview(0, null, 5000, "2025-08-01")).toBe(false);
    expect(needsReview(0, 0, 5000, "2025-08-01")).toBe(false);
    expect(needsReview(0, 10, null, "2025-08-01")).toBe(false);
  });
});

describe("attainment, change and rates: two decimals, signs", () => {
  it("attainment as in docs/domain.md: 4,180 of 4,400 = 95.00%", () => {
    expect(attainmentPct(4180, 4400)).toBe(95);
    expect(formatPct(attainmentPct(4180, 4400), "vi")).toBe("95,00%");
    expect(formatPct(attainmentPct(4180, 4400), "en")).toBe("95.00%");
    expect(formatPct(attainmentPct(1, 3), "vi")).toBe("33,33%");
    expect(formatPct(attainmentPct(2, 3), "en")).toBe("66.67%");
    expect(formatPct(attainmentPct(5, 0), "vi")).toBe("—");
  });
  it("change vs last year: 4,180 now, 2,930 a year ago → +1,250, +42.66%", () => {
    expect(changeVsLastYear(4180, 2930)).toEqual({ delta: 1250, pct: 42.66 });
    expect(formatChange(4180, 2930, "vi")).toBe("+1.250 (+42,66%)");
    expect(formatChange(4180, 2930, "en")).toBe("+1,250 (+42.66%)");
    expect(formatChange(2900, 2930, "vi")).toBe("-30 (-1,02%)");
    expect(formatChange(7, 7, "en")).toBe("0 (0.00%)");
    expect(formatChange(5, 0, "vi")).toBe("+5 (—)");
    expect(formatSignedNumber(-1250, "vi")).toBe("-1.250");
  });
  it("lapse rate: lapsed this year ÷ participants at the start of the year", () => {
    expect(lapseRatePct(12, 400)).toBe(3);
    expect(lapseRatePct(1, 3)).toBe(33.33);
    expect(lapseRatePct(5, 0)).toBeNull();
  });
});

describe("sorting the league table", () => {
  const rows = [
    { code: "b", v: 2 as number | null },
    { code: "a", v: null },
    { code: "c", v: 5 },
    { code: "d", v: 2 },
  ];
  it("ascending and descending, missing values last, ties in their order", () => {
    expect(sortRows(rows, (r) => r.v, "asc").map((r) => r.code)).toEqual(["b", "d", "c", "a"]);
    expect(sortRows(rows, (r) => r.v, "desc").map((r) => r.code)).toEqual(["c", "b", "d", "a"]);
    expect(sortRows(rows, (r) => r.code, "desc").map((r) => r.code)).toEqual(["d", "c", "b", "a"]);
  });
  it("text in Vietnamese order", () => {
    const names = [{ n: "Đống Đa" }, { n: "Ba Đình" }, { n: "Cầu Giấy" }, { n: "Ân Thi" }];
    expect(sortRows(names, (r) => r.n, "asc").map((r) => r.n)).toEqual(["Ân Thi", "Ba Đình", "Cầu Giấy", "Đống Đa"]);
  });
});

describe("forecast on hand-made month-end series (the dashboard passes this year's and last year's month ends)", () => {
  it("steady growth, a seasonal year with May and November peaks, and no last year", () => {
    const steadyLast = [100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210];
    // March: 225 × 210 / 120 = 393.75 → 394
    expect(forecastFromMonthEnds({ ytd: [205, 215, 225], lastYear: steadyLast, target: 450 })).toEqual({ projected: 394, status: "OFF_TRACK", shortfall: 56 });
    const seasonal = [1000, 1010, 1020, 1030, 1200, 1210, 1220, 1230, 1240, 1250, 1500, 1500];
    // October: 2600 × 1500 / 1250 = 3120, the November jump still ahead
    expect(forecastFromMonthEnds({ ytd: [2000, 2010, 2020, 2030, 2400, 2420, 2440, 2460, 2480, 2600], lastYear: seasonal, target: 3200 })).toEqual({
      projected: 3120,
      status: "AT_RISK",
      shortfall: 80,
    });
    // a unit that started this year: a straight line from January
    expect(forecastFromMonthEnds({ ytd: [10, 20, 30, 40], lastYear: Array(12).fill(0), target: 100 })).toEqual({
      projected: 120,
      status: "ON_TRACK",
      shortfall: 0,
    });
  });
});
