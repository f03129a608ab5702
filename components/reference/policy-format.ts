// How stored regulation integers read on screen: basis points and ppm as percentages, money as VND.
import { formatNumber, formatVnd } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/messages";
import { POLICY_UNITS, type PolicyKindName } from "@/lib/validation/reference";

const pct = (decimals: number, locale: Locale) => new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-US", { maximumFractionDigits: decimals });

/** 2200 basis points → "22%"; 3375 ppm → "0,3375%". */
export function formatScaledPercent(value: number, decimals: number, locale: Locale): string {
  return `${pct(decimals, locale).format(value / 10 ** decimals)}%`;
}

export function formatPolicyValue(kind: PolicyKindName, value: number, locale: Locale, units: Record<PolicyKindName, string>): string {
  const u = POLICY_UNITS[kind];
  if (u.unit === "percent")
    return `${formatScaledPercent(value, u.decimals, locale)}${kind === "FUND_MONTHLY_INTEREST_PPM" ? units[kind].replace("%", "") : ""}`;
  if (u.unit === "vnd") return formatVnd(value, locale);
  return `${formatNumber(value, locale)} ${units[kind]}`;
}
