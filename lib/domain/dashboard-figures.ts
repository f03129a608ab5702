// Pure rules of the dashboard (docs/features/dashboard.md): dates a figure compares, age bands,
// the agent review flag, rates, sorting and how a change is written. No I/O.
import { addMonths, yearsBetween, type IsoDate } from "./dates";
import { attainmentPct, changeVsLastYear, formatPct, formatSignedNumber } from "./coverage";

import type { Locale } from "@/lib/i18n/locale";

/** The same date a year earlier (29 February → 28 February). */
export function sameDateLastYear(on: IsoDate): IsoDate {
  return addMonths(on, -12);
}

/** The last day of a yyyy-mm month. */
export function monthEnd(month: string): IsoDate {
  const [y, m] = month.split("-").map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`;
}

/** The date a monthly report describes: the month's last day, or today while the month is running. */
export function reportDate(month: string, today: IsoDate): IsoDate {
  const end = monthEnd(month);
  return end > today ? today : end;
}

// ------------------------------------------------------------------ age bands

export const AGE_BANDS = [
  { key: "15-24", min: 15, max: 24 },
  { key: "25-34", min: 25, max: 34 },
  { key: "35-44", min: 35, max: 44 },
  { key: "45-54", min: 45, max: 54 },
  { key: "55-59", min: 55, max: 59 },
  { key: "60+", min: 60, max: Infinity },
] as const;
export type AgeBand = (typeof AGE_BANDS)[number]["key"] | "under-15";

/** The band of an age in whole years (under 15 cannot enroll, but a wrong birth date must still be counted somewhere). */
export function ageBandOf(age: number): AgeBand {
  return AGE_BANDS.find((b) => age >= b.min && age <= b.max)?.key ?? "under-15";
}

/** Age band of a person on a date (whole years, birthday counted on the day). */
export function ageBand(dateOfBirth: IsoDate, on: IsoDate): AgeBand {
  return ageBandOf(yearsBetween(dateOfBirth, on));
}

// ------------------------------------------------------------------ rates and flags

/** Lapse rate: people who became lapsed from 1 January to D ÷ participants on 31 December of the year before, %, two decimals. */
export function lapseRatePct(lapsedThisYear: number, participantsAtYearStart: number): number | null {
  return participantsAtYearStart === 0 ? null : attainmentPct(lapsedThisYear, participantsAtYearStart);
}

/** Review starts after the first half of the year: D later than 30 June. */
export function reviewApplies(on: IsoDate): boolean {
  return on.slice(5) > "06-30";
}

/**
 * An agent is flagged "cần rà soát" after the first half of the year when its attainment is below
 * the threshold (basis points, a policy parameter). Exact in integers: participants ÷ target < bp ÷ 10000.
 * No target or no threshold → never flagged (there is nothing to compare with).
 */
export function needsReview(participants: number, target: number | null, thresholdBp: number | null, on: IsoDate): boolean {
  if (!reviewApplies(on) || !target || target <= 0 || thresholdBp === null) return false;
  return participants * 10000 < target * thresholdBp;
}

// ------------------------------------------------------------------ writing figures

/** "+1.250 (+42,66%)" — the change vs the same date last year, signed; "—" for the % without last year's figure. */
export function formatChange(now: number, lastYear: number, locale: Locale): string {
  const c = changeVsLastYear(now, lastYear);
  return `${formatSignedNumber(c.delta, locale)} (${formatPct(c.pct, locale, { signed: true })})`;
}

// ------------------------------------------------------------------ sorting

export type SortDir = "asc" | "desc";

/** Sorts rows by a numeric or text column; missing values (null) always go last. Stable. */
export function sortRows<T>(rows: T[], value: (r: T) => number | string | null, dir: SortDir): T[] {
  const sign = dir === "asc" ? 1 : -1;
  return rows
    .map((r, i) => ({ r, i, v: value(r) }))
    .sort((a, b) => {
      if (a.v === null && b.v === null) return a.i - b.i;
      if (a.v === null) return 1;
      if (b.v === null) return -1;
      const c = typeof a.v === "number" && typeof b.v === "number" ? a.v - b.v : String(a.v).localeCompare(String(b.v), "vi");
      return c !== 0 ? sign * c : a.i - b.i;
    })
    .map((x) => x.r);
}
