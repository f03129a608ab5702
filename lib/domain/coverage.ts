// Coverage, plan attainment and change vs last year (docs/domain.md "Counting" and "Resolution 28").
// Pure: callers pass counts and milestones read from the database; nothing here is hard-coded data.
//
// Percentages are returned as numbers rounded to two decimals. Counts are whole numbers, so the
// rounding is done in integer arithmetic (hundredths of a percent) to avoid 0.1 + 0.2 surprises,
// e.g. an exact x.xx5 must round the same way on every machine.

export type Milestone = { year: number; shareBp: number }; // shareBp: basis points, 100 = 1%
import type { Locale } from "@/lib/i18n/locale";

/**
 * Expected voluntary-SI share of the labour force for a year, in basis points.
 * Straight-line interpolation between the surrounding milestones; before the first milestone the
 * first share, after the last the last share. Not rounded (2022 between 100 and 250 → 137.5).
 * No milestones at all → 0 (no expectation can be stated; callers show nothing rather than guess).
 */
export function expectedShareBp(year: number, milestones: Milestone[]): number {
  if (milestones.length === 0) return 0;
  const ms = [...milestones].sort((a, b) => a.year - b.year);
  if (year <= ms[0].year) return ms[0].shareBp;
  const last = ms[ms.length - 1];
  if (year >= last.year) return last.shareBp;
  const i = ms.findIndex((m) => m.year >= year);
  const b = ms[i];
  if (b.year === year) return b.shareBp;
  const a = ms[i - 1]; // a.year < year < b.year, so the denominator is never 0
  return a.shareBp + ((b.shareBp - a.shareBp) * (year - a.year)) / (b.year - a.year);
}

/** num ÷ den × 100, rounded to two decimals, half away from zero (so +x and −x mirror each other). */
function pct2(num: number, den: number): number {
  if (Number.isSafeInteger(num) && Number.isSafeInteger(den)) {
    // Exact: hundredths of a percent = num × 10000 / den, rounded in BigInt.
    const neg = num < 0 !== den < 0;
    const n = BigInt(Math.abs(num)) * 10000n;
    const d = BigInt(Math.abs(den));
    let q = n / d;
    if ((n % d) * 2n >= d) q += 1n;
    const v = Number(q) / 100;
    return neg && v !== 0 ? -v : v;
  }
  const v = Math.round(Math.abs((num / den) * 10000) + 1e-9) / 100;
  return num / den < 0 && v !== 0 ? -v : v;
}

/** Plan attainment: participants ÷ target as a percentage, two decimals. null when there is no target. */
export function attainmentPct(participants: number, target: number): number | null {
  return target === 0 ? null : pct2(participants, target);
}

/** Change vs the same date last year: the difference and that difference as a % of last year. */
export function changeVsLastYear(now: number, lastYear: number): { delta: number; pct: number | null } {
  const delta = now - lastYear;
  return { delta, pct: lastYear === 0 ? null : pct2(delta, lastYear) };
}

/** Coverage: participants ÷ working-age labour force as a percentage, two decimals. null without a labour force. */
export function coveragePct(participants: number, labourForce: number): number | null {
  return labourForce === 0 ? null : pct2(participants, labourForce);
}

/**
 * Participants needed to reach the expected share: ceil(labourForce × shareBp / 10000).
 * shareBp may be fractional (interpolated), so the product is a float; a value that is an integer
 * up to float noise (e.g. 250.00000000000003) must not be pushed up by ceil.
 */
export function expectedParticipants(labourForce: number, shareBp: number): number {
  const v = (labourForce * shareBp) / 10000;
  const r = Math.round(v);
  return Math.abs(v - r) <= 1e-9 * Math.max(1, Math.abs(v)) ? r : Math.ceil(v);
}

/** Participants still missing to reach the expected coverage (never negative). */
export function missingToExpected(participants: number, labourForce: number, expectedShareBp: number): number {
  return Math.max(0, expectedParticipants(labourForce, expectedShareBp) - participants);
}

const intl = (locale: Locale, opts: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-US", opts);
const signedInt = {
  vi: intl("vi", { signDisplay: "exceptZero", maximumFractionDigits: 0 }),
  en: intl("en", { signDisplay: "exceptZero", maximumFractionDigits: 0 }),
};
const pctFmt = (signDisplay: "auto" | "exceptZero") => ({
  vi: intl("vi", { signDisplay, minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: intl("en", { signDisplay, minimumFractionDigits: 2, maximumFractionDigits: 2 }),
});
const plainPct = pctFmt("auto");
const signedPct = pctFmt("exceptZero");

/** "+1.250" (vi) / "+1,250" (en), "-30", and "0" without a sign. ASCII "+" and "-". */
export function formatSignedNumber(n: number, locale: Locale): string {
  return signedInt[locale].format(n);
}

/** "95,00%" (vi) / "95.00%" (en); signed: "+42,66%"; null → "—". */
export function formatPct(p: number | null, locale: Locale, opts?: { signed?: boolean }): string {
  if (p === null) return "—";
  return `${(opts?.signed ? signedPct : plainPct)[locale].format(p)}%`;
}
