// A person's coverage status on a date, and where the next paid period starts.
// Coverage is counted in whole calendar months: a period runs from the 1st of a month to the
// last day of its final month (contributions are monthly amounts).
import { addDays, addMonths, type IsoDate } from "./dates";

export type CoverageStatus = "NEVER_PAID" | "ACTIVE" | "DUE" | "OVERDUE" | "LAPSED";

export const DUE_WINDOW_DAYS = 30; // "due for renewal": coverage ends within the next 30 days
export const OVERDUE_WINDOW_MONTHS = 3; // ended within the last 3 months: still recoverable

export function coverageStatus(coverageEnd: IsoDate | null, on: IsoDate): CoverageStatus {
  if (!coverageEnd) return "NEVER_PAID";
  if (coverageEnd >= on) return coverageEnd <= addDays(on, DUE_WINDOW_DAYS) ? "DUE" : "ACTIVE";
  return coverageEnd >= addMonths(on, -OVERDUE_WINDOW_MONTHS) ? "OVERDUE" : "LAPSED";
}

export function firstOfMonth(d: IsoDate): IsoDate {
  return `${d.slice(0, 7)}-01`;
}

/** A new payment continues the coverage (also when overdue: the missed months are recoverable);
 *  after a lapse, or for a first payment, it starts with the current month. */
export function nextPeriodStart(coverageEnd: IsoDate | null, on: IsoDate): IsoDate {
  const status = coverageStatus(coverageEnd, on);
  if (coverageEnd && status !== "LAPSED") return addDays(coverageEnd, 1);
  return firstOfMonth(on);
}

export function periodEndFor(start: IsoDate, months: number): IsoDate {
  return addDays(addMonths(firstOfMonth(start), months), -1);
}

/** Earliest date from which a status counts, for SQL filters: LAPSED means coverageEnd < this. */
export function statusBounds(on: IsoDate) {
  return { dueUntil: addDays(on, DUE_WINDOW_DAYS), overdueFrom: addMonths(on, -OVERDUE_WINDOW_MONTHS) };
}
