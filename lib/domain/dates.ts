// Calendar dates as "yyyy-mm-dd" strings (Asia/Ho_Chi_Minh). The database stores DATE columns,
// which Prisma maps to JS Dates at UTC midnight; these helpers convert both ways without
// letting the server's own time zone leak in.

export type IsoDate = string; // yyyy-mm-dd

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Arithmetic rather than a Date round trip: imports call this several times per row.
export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const y = +m[1],
    mo = +m[2],
    d = +m[3];
  // years 0–99 are refused, as Date.UTC (which maps them to 1900–1999) always did here
  if (y < 100 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]);
}

/** Today's calendar date in Vietnam. */
// built once: creating a formatter costs ~0.3 ms, and imports ask for today on every row
const VIETNAM_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" });

// Vietnam's offset is a whole number of hours, so the date only changes on a minute boundary:
// remembering the last minute's answer keeps a 100,000-row import from formatting 300,000 times.
let memo: { minute: number; day: IsoDate } = { minute: NaN, day: "" };

export function todayInVietnam(now: Date = new Date()): IsoDate {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== memo.minute) memo = { minute, day: VIETNAM_DATE.format(now) };
  return memo.day;
}

/** A DATE column value (UTC midnight) → "yyyy-mm-dd". */
export function toIsoDate(d: Date): IsoDate {
  return d.toISOString().slice(0, 10);
}

/** "yyyy-mm-dd" → Date at UTC midnight, as Prisma expects for @db.Date. */
export function fromIsoDate(s: IsoDate): Date {
  if (!isIsoDate(s)) throw new RangeError(`not a date: ${s}`);
  return new Date(`${s}T00:00:00.000Z`);
}

export function addDays(s: IsoDate, days: number): IsoDate {
  const d = fromIsoDate(s);
  d.setUTCDate(d.getUTCDate() + days);
  return toIsoDate(d);
}

/** Adds calendar months, clamping the day to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(s: IsoDate, months: number): IsoDate {
  const [y, m, d] = s.split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return toIsoDate(new Date(Date.UTC(ny, nm, Math.min(d, last))));
}

/** Whole years between two dates (age on a date). */
export function yearsBetween(from: IsoDate, to: IsoDate): number {
  const fy = +from.slice(0, 4),
    fm = +from.slice(5, 7),
    fd = +from.slice(8, 10);
  const ty = +to.slice(0, 4),
    tm = +to.slice(5, 7),
    td = +to.slice(8, 10);
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

export function yearOf(s: IsoDate): number {
  return Number(s.slice(0, 4));
}
