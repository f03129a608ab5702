// One place for how numbers, money and dates look. Vietnamese by default:
// 1.500.000 ₫ and dd/mm/yyyy; English: 1,500,000 VND and dd/mm/yyyy as well (users share printouts).
import type { Locale } from "./messages";

const numberFormats = {
  vi: new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 }),
};

export function formatNumber(n: number, locale: Locale = "vi"): string {
  return numberFormats[locale].format(n);
}

export function formatVnd(n: number, locale: Locale = "vi"): string {
  return locale === "vi" ? `${numberFormats.vi.format(n)} ₫` : `${numberFormats.en.format(n)} VND`;
}

/** "yyyy-mm-dd" or a DATE value → dd/mm/yyyy. */
export function formatDate(d: string | Date | null | undefined): string {
  if (!d) return "";
  const iso = typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10);
  const [y, m, day] = iso.split("-");
  return `${day}/${m}/${y}`;
}

/** A timestamp shown in Vietnam's time: dd/mm/yyyy hh:mm. */
export function formatDateTime(d: Date): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("day")}/${get("month")}/${get("year")} ${get("hour")}:${get("minute")}`;
}

/** dd/mm/yyyy (also d/m/yyyy) → yyyy-mm-dd, or null. */
export function parseVnDate(s: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(s);
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}
