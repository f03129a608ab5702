// Year-end projection of participants, to flag units that will miss their target.
//
// Method (m = months elapsed, current = ytd[m−1], the latest month-end count):
//  1. Seasonal ratio — when last year has a usable pattern (12 month-end counts with last year's
//     December > 0 and last year's count at month m > 0):
//        projected = current × lastYear[Dec] / lastYear[m]
//     i.e. assume the rest of the year grows as it did last year from the same month on. This
//     carries the May and November campaign peaks that a straight line would miss.
//  2. Otherwise (no, partial or zero history) — linear extrapolation of this year's own growth:
//        slope = (ytd[m−1] − ytd[0]) / (m − 1) per month when m ≥ 2, 0 when m = 1 (flat);
//        projected = current + slope × (12 − m), never below 0.
// projected is rounded to the nearest whole participant (halves up), in integer arithmetic.
// Status: ON_TRACK when projected ≥ target, AT_RISK when projected ≥ 90% of target, else OFF_TRACK;
// a target of 0 is always ON_TRACK.

export type ForecastInput = {
  ytd: number[]; // participants at the end of each elapsed month this year, index 0 = January; length 1..12
  lastYear: number[]; // 12 month-end counts last year; may be empty or all zero
  target: number;
};
export type ForecastStatus = "ON_TRACK" | "AT_RISK" | "OFF_TRACK";
export type Forecast = { projected: number; status: ForecastStatus; shortfall: number };

/** projected ≥ this share of the target (basis points) is AT_RISK rather than OFF_TRACK. */
export const AT_RISK_THRESHOLD_BP = 9000;
/** projected ≥ this share of the target (basis points) is ON_TRACK. */
export const ON_TRACK_THRESHOLD_BP = 10000;

/** a ÷ b rounded to the nearest integer, halves towards +∞; b > 0, exact for integers. */
function divRound(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

export function forecastStatus(projected: number, target: number): ForecastStatus {
  if (target <= 0 || projected * 10000 >= target * ON_TRACK_THRESHOLD_BP) return "ON_TRACK";
  return projected * 10000 >= target * AT_RISK_THRESHOLD_BP ? "AT_RISK" : "OFF_TRACK";
}

export function forecastYearEnd(input: ForecastInput): Forecast {
  const { ytd, lastYear, target } = input;
  const m = ytd.length;
  if (m < 1 || m > 12) throw new RangeError(`ytd must hold 1 to 12 month-end counts, got ${m}`);
  const current = ytd[m - 1];

  let projected: number;
  if (lastYear.length === 12 && lastYear[11] > 0 && lastYear[m - 1] > 0) {
    projected = divRound(current * lastYear[11], lastYear[m - 1]);
  } else if (m >= 2) {
    projected = Math.max(0, divRound(current * (m - 1) + (current - ytd[0]) * (12 - m), m - 1));
  } else {
    projected = current;
  }
  return { projected, status: forecastStatus(projected, target), shortfall: Math.max(0, target - projected) };
}
