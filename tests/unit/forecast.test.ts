import { describe, it, expect } from "vitest";
import {
  AT_RISK_THRESHOLD_BP,
  DEFAULT_RENEWAL_RATE_BP,
  expectedNewAfter,
  forecastFromMonthEnds,
  forecastStatus,
  forecastYearEnd,
  renewalRateBp,
  renewalWindow,
  seasonalNewPerMonth,
} from "@/lib/domain/forecast";

// Last year with the campaign peaks in May and November.
const SEASONAL = [1000, 1010, 1020, 1030, 1200, 1210, 1220, 1230, 1240, 1250, 1500, 1500];

describe("forecastFromMonthEnds — seasonal ratio", () => {
  it("steady last year: growth continues at last year's pace", () => {
    const steady = [100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210];
    // 6 months: current 300 × 210/150 = 420
    const f = forecastFromMonthEnds({ ytd: [250, 260, 270, 280, 290, 300], lastYear: steady, target: 400 });
    expect(f).toEqual({ projected: 420, status: "ON_TRACK", shortfall: 0 });
  });
  it("before the May peak the projection includes the May and November jumps", () => {
    // April: 1236 × 1500/1030 = 1800 exactly
    const f = forecastFromMonthEnds({ ytd: [1200, 1210, 1220, 1236], lastYear: SEASONAL, target: 2000 });
    expect(f.projected).toBe(1800);
    expect(f.status).toBe("AT_RISK"); // 1800 ≥ 90% of 2000
    expect(f.shortfall).toBe(200);
  });
  it("after May only November's jump is left", () => {
    // May: 1440 × 1500/1200 = 1800; a straight line from Jan would say 1440 + 60×7 = 1860
    const f = forecastFromMonthEnds({ ytd: [1200, 1210, 1220, 1236, 1440], lastYear: SEASONAL, target: 1800 });
    expect(f.projected).toBe(1800);
    expect(f.status).toBe("ON_TRACK");
  });
  it("rounds to a whole participant (halves up)", () => {
    // 3 × 1500/1000 = 4.5 → 5 ; 7 × 1010/1000 = 7.07 → 7
    expect(forecastFromMonthEnds({ ytd: [3], lastYear: [1000, ...Array(10).fill(1200), 1500], target: 0 }).projected).toBe(5);
    expect(forecastFromMonthEnds({ ytd: [7], lastYear: [1000, ...Array(10).fill(1200), 1010], target: 0 }).projected).toBe(7);
  });
  it("December: the projection is the current count", () => {
    const ytd = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1234];
    expect(forecastFromMonthEnds({ ytd, lastYear: SEASONAL, target: 1000 }).projected).toBe(1234);
  });
});

describe("forecastFromMonthEnds — linear fallback", () => {
  it("empty last year: straight line through January and now", () => {
    // March: slope (140 − 100)/2 = 20 a month, 9 months left → 140 + 180 = 320
    const f = forecastFromMonthEnds({ ytd: [100, 120, 140], lastYear: [], target: 400 });
    expect(f).toEqual({ projected: 320, status: "OFF_TRACK", shortfall: 80 });
  });
  it("all-zero or partial last year also falls back", () => {
    expect(forecastFromMonthEnds({ ytd: [100, 120, 140], lastYear: Array(12).fill(0), target: 0 }).projected).toBe(320);
    expect(forecastFromMonthEnds({ ytd: [100, 120, 140], lastYear: [5, 6, 7], target: 0 }).projected).toBe(320);
    // last year had no one yet at this month → ratio undefined → linear
    expect(forecastFromMonthEnds({ ytd: [100, 120, 140], lastYear: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50], target: 0 }).projected).toBe(320);
  });
  it("January only: flat", () => {
    expect(forecastFromMonthEnds({ ytd: [75], lastYear: [], target: 0 }).projected).toBe(75);
  });
  it("uneven slope rounds: (107 − 100)/3 × 8 = 18.67 → 107 + 18.67 = 125.67 → 126", () => {
    expect(forecastFromMonthEnds({ ytd: [100, 101, 105, 107], lastYear: [], target: 0 }).projected).toBe(126);
  });
  it("a falling count never projects below 0", () => {
    expect(forecastFromMonthEnds({ ytd: [100, 60], lastYear: [], target: 50 })).toEqual({ projected: 0, status: "OFF_TRACK", shortfall: 50 });
  });
  it("rejects an empty or overlong year", () => {
    expect(() => forecastFromMonthEnds({ ytd: [], lastYear: [], target: 1 })).toThrow(RangeError);
    expect(() => forecastFromMonthEnds({ ytd: Array(13).fill(1), lastYear: [], target: 1 })).toThrow(RangeError);
  });
});

describe("status thresholds", () => {
  it("ON_TRACK at or above the target, AT_RISK from 90%, OFF_TRACK below", () => {
    expect(AT_RISK_THRESHOLD_BP).toBe(9000);
    expect(forecastStatus(1000, 1000)).toBe("ON_TRACK");
    expect(forecastStatus(999, 1000)).toBe("AT_RISK");
    expect(forecastStatus(900, 1000)).toBe("AT_RISK");
    expect(forecastStatus(899, 1000)).toBe("OFF_TRACK");
    expect(forecastStatus(0, 0)).toBe("ON_TRACK");
  });
});

// ------------------------------------------------------------------ the cohort model (ADR 1401)

const FLAT = Array(12).fill(0);
const base = { participants: 0, ending: 0, inGrace: 0, renewalBp: 8000, newPerMonth: FLAT, newThisYear: 0, target: 0 };

describe("forecastYearEnd — cohorts on hand-made data", () => {
  it("participants covered to the year end stay; those ending and those in grace renew at the rate", () => {
    // 1000 now, 300 of them end before 31/12, 50 in grace; 80%: 700 + 0.8 × 350 = 980
    const f = forecastYearEnd({ ...base, on: "2025-10-20", participants: 1000, ending: 300, inGrace: 50, target: 1000 });
    expect(f).toMatchObject({ projected: 980, staying: 700, renewals: 280, newExpected: 0, status: "AT_RISK", shortfall: 20 });
  });

  it("does not drop at a month boundary: people whose coverage ended yesterday move from 'ending' to 'in grace'", () => {
    // 30/11: 1714 participants, 400 of them end on 30/11 or later in December, 100 in grace
    const nov30 = forecastYearEnd({ ...base, on: "2025-11-30", participants: 1714, ending: 400, inGrace: 100, target: 1700 });
    // 01/12: the 128 whose coverage ended on 30/11 have not renewed yet
    const dec1 = forecastYearEnd({ ...base, on: "2025-12-01", participants: 1714 - 128, ending: 400 - 128, inGrace: 100 + 128, target: 1700 });
    expect(dec1.projected).toBe(nov30.projected);
    expect(dec1.status).toBe(nov30.status);
  });

  it("adds the seasonal new participants still ahead: the rest of D's month by days, then the following months", () => {
    const perMonth = [10, 10, 10, 10, 100, 10, 10, 10, 10, 10, 200, 20];
    // 20/11 (30 days): 200 × 10/30 + 20 = 86.67
    expect(expectedNewAfter("2025-11-20", perMonth, 0)).toBeCloseTo(200 / 3 + 20, 9);
    // 30/11: December only; 01/12: 30/31 of December — a day's share apart, no jump
    expect(expectedNewAfter("2025-11-30", perMonth, 0)).toBe(20);
    expect(expectedNewAfter("2025-12-01", perMonth, 0)).toBeCloseTo((20 * 30) / 31, 9);
    expect(expectedNewAfter("2025-12-31", perMonth, 0)).toBe(0);
    // 30/04 before the May campaign: all of it is ahead
    expect(expectedNewAfter("2025-04-30", perMonth, 0)).toBe(100 + 10 * 5 + 200 + 20);
    const f = forecastYearEnd({ ...base, on: "2025-11-20", participants: 500, ending: 100, inGrace: 0, renewalBp: 5000, newPerMonth: perMonth, target: 600 });
    expect(f).toMatchObject({ projected: 400 + 50 + 87, newExpected: 87, status: "OFF_TRACK" }); // 537 < 90% of 600
  });

  it("without history, this year's own daily pace of new participants", () => {
    // 73 new by 14/03/2025 (day 73 of 365): 1 a day for the 292 days left
    expect(expectedNewAfter("2025-03-14", null, 73)).toBeCloseTo(292, 9);
  });

  it("refuses inconsistent cohorts", () => {
    expect(() => forecastYearEnd({ ...base, on: "2025-01-01", participants: 5, ending: 6 })).toThrow(RangeError);
    expect(() => forecastYearEnd({ ...base, on: "2025-01-01", renewalBp: 10001 })).toThrow(RangeError);
  });
});

describe("renewal rate and seasonality", () => {
  it("a unit's own rate when it has enough measured ends, else its nearest ancestor's that has", () => {
    expect(renewalRateBp({ ended: 40, renewed: 30 }, [{ ended: 1000, renewed: 500 }])).toEqual({ bp: 7500, source: "OWN" });
    expect(
      renewalRateBp({ ended: 10, renewed: 10 }, [
        { ended: 20, renewed: 5 },
        { ended: 1000, renewed: 600 },
      ]),
    ).toEqual({ bp: 6000, source: "PARENT" });
    expect(renewalRateBp({ ended: 3, renewed: 1 }, [{ ended: 10, renewed: 9 }])).toEqual({ bp: 9000, source: "FEW" });
    expect(renewalRateBp({ ended: 0, renewed: 0 }, [])).toEqual({ bp: DEFAULT_RENEWAL_RATE_BP, source: "DEFAULT" });
  });
  it("the measured ends are those whose 3-month grace period is over, over 12 months", () => {
    expect(renewalWindow("2025-10-20")).toEqual({ from: "2024-07-20", to: "2025-07-20" });
  });
  it("averages each calendar month over the last years with data", () => {
    const none = Array(12).fill(0);
    const y1 = [1, 1, 1, 1, 10, 1, 1, 1, 1, 1, 20, 1];
    const y2 = [3, 3, 3, 3, 30, 3, 3, 3, 3, 3, 40, 3];
    expect(seasonalNewPerMonth([none, y1, y2])).toEqual([2, 2, 2, 2, 20, 2, 2, 2, 2, 2, 30, 2]);
    expect(seasonalNewPerMonth([none, none])).toBeNull();
  });
});
