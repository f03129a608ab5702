// The audit log's fields and values as a person reads them (field labels from lib/i18n/areas/trust.ts,
// amounts formatted, dates dd/mm/yyyy, times in Vietnam, yes/no). One implementation for the page
// (components/trust/audit-diff.tsx) and the CSV/XLSX export (lib/server/trust/audit-export.ts).
import { diffAudit } from "@/lib/domain/audit-diff";
import { formatDate, formatDateTime, formatNumber, formatVnd } from "./format";
import type { Locale } from "./locale";

/** Field labels and words for the values (lib/i18n/areas/trust.ts, `auditLedger`). */
export type LedgerText = { fields: Record<string, string>; yes: string; no: string };

const MONEY = new Set(["declaredIncome", "gross", "centralSubsidy", "provincialTopUp", "net"]);
const COUNT = new Set([
  "participants",
  "persons",
  "total",
  "created",
  "contributions",
  "duplicates",
  "rejected",
  "warned",
  "fileBytes",
  "parentTarget",
  "targetsLocked",
  "targetsReopened",
  "attendees",
  "rows",
  "inserted",
  "updated",
  "rejectedLines",
]);

/** A field's label: the last part of its path in words ("payment.paidOn" → "Ngày nộp"), else the path. */
export function fieldLabel(path: string, ledger?: LedgerText): string {
  if (!ledger) return path;
  const parts = path.split(".");
  const last = parts[parts.length - 1];
  return ledger.fields[path] ?? ledger.fields[last] ?? path;
}

/** A value as a person reads it: amounts formatted, dates dd/mm/yyyy, times in Vietnam, yes/no. */
export function ledgerValue(path: string, v: string, locale: Locale, ledger?: LedgerText): string {
  if (!ledger) return v;
  const key = path.split(".").pop()!;
  if (/^-?\d+$/.test(v) && MONEY.has(key)) return formatVnd(Number(v), locale);
  if (/^-?\d+$/.test(v) && COUNT.has(key)) return formatNumber(Number(v), locale);
  if (v === "true") return ledger.yes;
  if (v === "false") return ledger.no;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v);
  if (/^\d{4}-\d{2}-\d{2}T00:00:00(\.000)?Z$/.test(v)) return formatDate(v); // a DATE column read as midnight UTC
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && !isNaN(Date.parse(v))) return formatDateTime(new Date(v));
  return v;
}

/**
 * An entry's before/after as one line of words for a spreadsheet cell: "Chỉ tiêu (người): 400 → 450; …".
 * `changes`: what changed (a creation lists the new values); `before` / `after`: every field of that side.
 */
export function ledgerLine(
  which: "changes" | "before" | "after",
  before: unknown,
  after: unknown,
  locale: Locale,
  ledger: LedgerText,
  maxChars = 32_000,
): string {
  const val = (path: string, v: string | null) => (v === null ? "∅" : ledgerValue(path, v, locale, ledger));
  const label = (path: string) => fieldLabel(path, ledger);
  const parts =
    which === "before"
      ? diffAudit(before, null).map((r) => `${label(r.path)}: ${val(r.path, r.before)}`)
      : which === "after"
        ? diffAudit(null, after).map((r) => `${label(r.path)}: ${val(r.path, r.after)}`)
        : diffAudit(before, after)
            .filter((r) => r.kind !== "same")
            .map((r) =>
              r.kind === "added" ? `${label(r.path)}: ${val(r.path, r.after)}` : `${label(r.path)}: ${val(r.path, r.before)} → ${val(r.path, r.after)}`,
            );
  const s = parts.join("; ");
  return s.length > maxChars ? `${s.slice(0, maxChars - 1)}…` : s;
}
