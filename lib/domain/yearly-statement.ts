// The yearly statement a participant receives (thông báo hằng năm): where they stand on a day — months
// contributed, money paid, support received, and the months still missing for a pension. Pure.
//
// - Counted: the contributions recorded in the app with a receipt date on or before `asOf` (the end of
//   the year, or today for the current year). Months paid ahead count as contributed months (they are paid).
// - The months required for a pension are the PENSION_MIN_MONTHS policy value in force on `asOf`
//   (180 = 15 years under the Law on Social Insurance 2024 from 1 July 2025; 240 before): data, not a constant.
// - Compulsory insurance months the person may have elsewhere are not known to the app (the statement says so).

export type StatementContribution = {
  paidOn: string;
  periodStart: string;
  periodEnd: string;
  months: number;
  gross: number;
  net: number;
  centralSubsidy: number;
  provincialTopUp: number;
};

export type StatementMoney = { months: number; gross: number; net: number; centralSubsidy: number; provincialTopUp: number };

export type YearlyStatement = {
  year: number;
  asOf: string;
  /** Σ months of the contributions counted */
  monthsContributed: number;
  /** what was paid in `year` (receipt dates in the year, up to asOf) */
  thisYear: StatementMoney;
  /** everything counted, since the first contribution */
  total: StatementMoney;
  /** per receipt year, oldest first */
  byYear: (StatementMoney & { year: number })[];
  /** the last day covered by the contributions counted (null: none) */
  coveredUntil: string | null;
  firstCoveredOn: string | null;
  /** the months a pension requires on asOf (null when no value is in force) */
  requiredMonths: number | null;
  /** max(0, required − contributed); null when the requirement is unknown */
  monthsStillNeeded: number | null;
};

const zero = (): StatementMoney => ({ months: 0, gross: 0, net: 0, centralSubsidy: 0, provincialTopUp: 0 });
const add = (m: StatementMoney, c: StatementContribution) => {
  m.months += c.months;
  m.gross += c.gross;
  m.net += c.net;
  m.centralSubsidy += c.centralSubsidy;
  m.provincialTopUp += c.provincialTopUp;
};

/** The day a statement for `year` speaks of: 31/12 of the year, or `today` when the year is not over. */
export function statementAsOf(year: number, today: string): string {
  const end = `${year}-12-31`;
  return end < today ? end : today;
}

export function yearlyStatement(contributions: readonly StatementContribution[], year: number, asOf: string, requiredMonths: number | null): YearlyStatement {
  const counted = contributions.filter((c) => c.paidOn <= asOf);
  const total = zero(),
    thisYear = zero();
  const years = new Map<number, StatementMoney>();
  let coveredUntil: string | null = null,
    firstCoveredOn: string | null = null;
  for (const c of counted) {
    add(total, c);
    const y = Number(c.paidOn.slice(0, 4));
    if (y === year) add(thisYear, c);
    if (!years.has(y)) years.set(y, zero());
    add(years.get(y)!, c);
    if (coveredUntil === null || c.periodEnd > coveredUntil) coveredUntil = c.periodEnd;
    if (firstCoveredOn === null || c.periodStart < firstCoveredOn) firstCoveredOn = c.periodStart;
  }
  return {
    year,
    asOf,
    monthsContributed: total.months,
    thisYear,
    total,
    byYear: [...years.entries()].sort((a, b) => a[0] - b[0]).map(([y, m]) => ({ year: y, ...m })),
    coveredUntil,
    firstCoveredOn,
    requiredMonths,
    monthsStillNeeded: requiredMonths === null ? null : Math.max(0, requiredMonths - total.months),
  };
}
