// Year-end projection of participants, to flag units that will miss their target (ADR 1401,
// docs/features/dashboard.md "Forecast").
//
// A cohort model, so that the projection does not drop on the first day of a month when the people
// whose coverage ended the day before have not renewed yet. On D, in year Y (31/12/Y = year end):
//
//   projected = participants − ending                       those who stay covered to the year end
//             + r × (ending + inGrace)                      expected renewals
//             + expected new participants for the rest of Y
//
//  - participants: participants on D; ending: those of them whose latest known end is before 31/12/Y;
//  - inGrace: people overdue on D (coverage ended within the last 3 months: they may still renew);
//  - r: the unit's renewal rate, measured over the coverage ends of the last 12 months whose grace
//    period is over (renewalRateBp); with fewer than MIN_RENEWAL_ENDS ends, its parent's rate (and so
//    on up); with none at all, DEFAULT_RENEWAL_RATE_BP;
//  - expected new: the unit's average new participants per calendar month over the last (up to 3)
//    years with data (seasonalNewPerMonth), for the months after D plus the part of D's month still
//    ahead (days after D ÷ days in the month). Without any history, this year's own daily pace.
// A person who moves from "ending" to "in grace" (their coverage ended yesterday) changes nothing:
// both cohorts renew at r. Day to day the projection only moves with that day's events (payments,
// new people, lapses, ends whose grace period ran out) and by a day's share of expected new people.
//
// Status: ON_TRACK when projected ≥ target, AT_RISK when projected ≥ 90% of target, else OFF_TRACK;
// a target of 0 is always ON_TRACK.
import { addMonths, type IsoDate } from "./dates";

export type ForecastStatus = "ON_TRACK" | "AT_RISK" | "OFF_TRACK";
export type Forecast = { projected: number; status: ForecastStatus; shortfall: number };

/** projected ≥ this share of the target (basis points) is AT_RISK rather than OFF_TRACK. */
export const AT_RISK_THRESHOLD_BP = 9000;
/** projected ≥ this share of the target (basis points) is ON_TRACK. */
export const ON_TRACK_THRESHOLD_BP = 10000;
/** A unit with fewer measured coverage ends than this borrows its parent's renewal rate. */
export const MIN_RENEWAL_ENDS = 30;
/** Renewal rate when no unit up to the nation has any measured coverage end (basis points). */
export const DEFAULT_RENEWAL_RATE_BP = 7000;
/** Years of history for the seasonal pattern of new participants. */
export const SEASONAL_YEARS = 3;
/** Grace period: a person overdue up to this many months may still renew (docs/domain.md). */
export const GRACE_MONTHS = 3;
/** Renewal rates are measured over the coverage ends of this many months before the grace period. */
export const RENEWAL_WINDOW_MONTHS = 12;

export function forecastStatus(projected: number, target: number): ForecastStatus {
  if (target <= 0 || projected * 10000 >= target * ON_TRACK_THRESHOLD_BP) return "ON_TRACK";
  return projected * 10000 >= target * AT_RISK_THRESHOLD_BP ? "AT_RISK" : "OFF_TRACK";
}

/** Coverage ends measured for a unit: how many ended in the window, how many of them renewed in time. */
export type RenewalCounts = { ended: number; renewed: number };

/** The window of coverage ends measured on D: ends in [D − 15 months, D − 3 months) — their grace period is over. */
export function renewalWindow(on: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: addMonths(on, -(GRACE_MONTHS + RENEWAL_WINDOW_MONTHS)), to: addMonths(on, -GRACE_MONTHS) };
}

/**
 * The renewal rate to use for a unit (basis points): its own when it has at least MIN_RENEWAL_ENDS
 * measured ends, else the first ancestor's (nearest first) that has; else the largest measured
 * among them all (own first) when any has ends; else DEFAULT_RENEWAL_RATE_BP.
 */
export function renewalRateBp(own: RenewalCounts, ancestors: RenewalCounts[] = []): { bp: number; source: "OWN" | "PARENT" | "FEW" | "DEFAULT" } {
  const chain = [own, ...ancestors];
  const rate = (c: RenewalCounts) => Math.round((c.renewed * 10000) / c.ended);
  const enough = chain.findIndex((c) => c.ended >= MIN_RENEWAL_ENDS);
  if (enough === 0) return { bp: rate(own), source: "OWN" };
  if (enough > 0) return { bp: rate(chain[enough]), source: "PARENT" };
  const most = chain.reduce((a, c) => (c.ended > a.ended ? c : a), chain[0]);
  return most.ended > 0 ? { bp: rate(most), source: "FEW" } : { bp: DEFAULT_RENEWAL_RATE_BP, source: "DEFAULT" };
}

/**
 * Average new participants per calendar month (index 0 = January) over the history years given
 * (each a 12-month row, oldest first), using only the last SEASONAL_YEARS years from the first year
 * that has any new participant. null when no year has any.
 */
export function seasonalNewPerMonth(years: number[][]): number[] | null {
  const start = years.findIndex((y) => y.some((v) => v > 0));
  if (start < 0) return null;
  const used = years.slice(Math.max(start, years.length - SEASONAL_YEARS));
  return Array.from({ length: 12 }, (_, m) => used.reduce((s, y) => s + (y[m] ?? 0), 0) / used.length);
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate(); // m: 1..12

/** Day of the year of D (1 January = 1). */
function dayOfYear(on: IsoDate): number {
  const [y, m, d] = on.split("-").map(Number);
  return (Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000 + 1;
}

/**
 * Expected new participants after D until 31 December: the rest of D's month (days after D ÷ days
 * in the month of that month's average) and the following months' averages. Without a pattern
 * (null), this year's daily pace so far (newThisYear ÷ days elapsed) over the days left.
 */
export function expectedNewAfter(on: IsoDate, perMonth: number[] | null, newThisYear: number): number {
  const [y, m, d] = on.split("-").map(Number);
  if (perMonth === null) {
    const elapsed = dayOfYear(on);
    const total = dayOfYear(`${y}-12-31`);
    return (newThisYear / elapsed) * (total - elapsed);
  }
  let out = (perMonth[m - 1] * (daysIn(y, m) - d)) / daysIn(y, m);
  for (let k = m; k < 12; k++) out += perMonth[k];
  return out;
}

export type ForecastInput = {
  on: IsoDate;
  /** participants on D */
  participants: number;
  /** participants on D with no contribution paid by D reaching 31 December of D's year */
  ending: number;
  /** overdue on D: in the grace period, may still renew */
  inGrace: number;
  /** renewal rate, basis points (renewalRateBp) */
  renewalBp: number;
  /** seasonal new participants per calendar month (seasonalNewPerMonth), null without history */
  newPerMonth: number[] | null;
  /** new participants this year up to D (used only without history) */
  newThisYear: number;
  target: number;
};

export type ForecastParts = Forecast & { staying: number; renewals: number; newExpected: number };

export function forecastYearEnd(input: ForecastInput): ForecastParts {
  const { participants, ending, inGrace, renewalBp, target } = input;
  if (ending > participants || ending < 0 || inGrace < 0 || renewalBp < 0 || renewalBp > 10000) throw new RangeError("inconsistent forecast input");
  const staying = participants - ending;
  const renewals = ((ending + inGrace) * renewalBp) / 10000;
  const newExpected = expectedNewAfter(input.on, input.newPerMonth, input.newThisYear);
  const projected = Math.max(0, Math.round(staying + renewals + newExpected));
  return {
    projected,
    status: forecastStatus(projected, target),
    shortfall: Math.max(0, target - projected),
    staying,
    renewals: Math.round(renewals),
    newExpected: Math.round(newExpected),
  };
}

/**
 * Month-end extrapolation — the method before ADR 1401/1404, kept only as the baseline the stability tests
 * show failing at month starts (units and agents now use forecastYearEnd): with this
 * year's month-end counts up to D and last year's twelve, projected = current × last December ÷ last
 * year's same month when last year has a usable pattern, else this year's average monthly growth
 * continued to December (never below 0). Halves round up.
 */
export function forecastFromMonthEnds(input: { ytd: number[]; lastYear: number[]; target: number }): Forecast {
  const { ytd, lastYear, target } = input;
  const m = ytd.length;
  if (m < 1 || m > 12) throw new RangeError(`ytd must hold 1 to 12 month-end counts, got ${m}`);
  const current = ytd[m - 1];
  const divRound = (a: number, b: number) => Math.floor((2 * a + b) / (2 * b));
  let projected: number;
  if (lastYear.length === 12 && lastYear[11] > 0 && lastYear[m - 1] > 0) projected = divRound(current * lastYear[11], lastYear[m - 1]);
  else if (m >= 2) projected = Math.max(0, divRound(current * (m - 1) + (current - ytd[0]) * (12 - m), m - 1));
  else projected = current;
  return { projected, status: forecastStatus(projected, target), shortfall: Math.max(0, target - projected) };
}
