import { describe, it, expect } from "vitest";
import { AT_RISK_THRESHOLD_BP, forecastStatus, forecastYearEnd } from "@/lib/domain/forecast";

// Last year with the campaign peaks in May and November.
const SEASONAL = [1000, 1010, 1020, 1030, 1200, 1210, 1220, 1230, 1240, 1250, 1500, 1500];

describe("forecastYearEnd — seasonal ratio", () => {
  it("steady last year: growth continues at last year's pace", () => {
    const steady = [100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210];
    // 6 months: current 300 × 210/150 = 420
    const f = forecastYearEnd({ ytd: [250, 260, 270, 280, 290, 300], lastYear: steady, target: 400 });
    expect(f).toEqual({ projected: 420, status: "ON_TRACK", shortfall: 0 });
  });
  it("before the May peak the projection includes the May and November jumps", () => {
    // April: 1236 × 1500/1030 = 1800 exactly
    const f = forecastYearEnd({ ytd: [1200, 1210, 1220, 1236], lastYear: SEASONAL, target: 2000 });
    expect(f.projected).toBe(1800);
    expect(f.status).toBe("AT_RISK"); // 1800 ≥ 90% of 2000
    expect(f.shortfall).toBe(200);
  });
  it("after May only November's jump is left", () => {
    // May: 1440 × 1500/1200 = 1800; a straight line from Jan would say 1440 + 60×7 = 1860
    const f = forecastYearEnd({ ytd: [1200, 1210, 1220, 1236, 1440], lastYear: SEASONAL, target: 1800 });
    expect(f.projected).toBe(1800);
    expect(f.status).toBe("ON_TRACK");
  });
  it("rounds to a whole participant (halves up)", () => {
    // 3 × 1500/1000 = 4.5 → 5 ; 7 × 1010/1000 = 7.07 → 7
    expect(forecastYearEnd({ ytd: [3], lastYear: [1000, ...Array(10).fill(1200), 1500], target: 0 }).projected).toBe(5);
    expect(forecastYearEnd({ ytd: [7], lastYear: [1000, ...Array(10).fill(1200), 1010], target: 0 }).projected).toBe(7);
  });
  it("December: the projection is the current count", () => {
    const ytd = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1234];
    expect(forecastYearEnd({ ytd, lastYear: SEASONAL, target: 1000 }).projected).toBe(1234);
  });
});

describe("forecastYearEnd — linear fallback", () => {
  it("empty last year: straight line through January and now", () => {
    // March: slope (140 − 100)/2 = 20 a month, 9 months left → 140 + 180 = 320
    const f = forecastYearEnd({ ytd: [100, 120, 140], lastYear: [], target: 400 });
    expect(f).toEqual({ projected: 320, status: "OFF_TRACK", shortfall: 80 });
  });
  it("all-zero or partial last year also falls back", () => {
    expect(forecastYearEnd({ ytd: [100, 120, 140], lastYear: Array(12).fill(0), target: 0 }).projected).toBe(320);
    expect(forecastYearEnd({ ytd: [100, 120, 140], lastYear: [5, 6, 7], target: 0 }).projected).toBe(320);
    // last year had no one yet at this month → ratio undefined → linear
    expect(forecastYearEnd({ ytd: [100, 120, 140], lastYear: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50], target: 0 }).projected).toBe(320);
  });
  it("January only: flat", () => {
    expect(forecastYearEnd({ ytd: [75], lastYear: [], target: 0 }).projected).toBe(75);
  });
  it("uneven slope rounds: (107 − 100)/3 × 8 = 18.67 → 107 + 18.67 = 125.67 → 126", () => {
    expect(forecastYearEnd({ ytd: [100, 101, 105, 107], lastYear: [], target: 0 }).projected).toBe(126);
  });
  it("a falling count never projects below 0", () => {
    expect(forecastYearEnd({ ytd: [100, 60], lastYear: [], target: 50 })).toEqual({ projected: 0, status: "OFF_TRACK", shortfall: 50 });
  });
  it("rejects an empty or overlong year", () => {
    expect(() => forecastYearEnd({ ytd: [], lastYear: [], target: 1 })).toThrow(RangeError);
    expect(() => forecastYearEnd({ ytd: Array(13).fill(1), lastYear: [], target: 1 })).toThrow(RangeError);
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
