import { diffAudit } from "@/lib/domain/audit-diff";
import { fill, type Locale } from "@/lib/i18n/messages";
import { formatDate, formatDateTime, formatNumber, formatVnd } from "@/lib/i18n/format";

type Text = { showChanges: string; showFields: string; noChanges: string; field: string; before: string; after: string; unchanged: string };

const ROW_STYLE = { added: "bg-emerald-50", removed: "bg-rose-50", changed: "bg-amber-50", same: "text-slate-500" } as const;

/** Field labels and words for the values (lib/i18n/areas/audit-ledger.ts). */
export type LedgerText = { fields: Record<string, string>; yes: string; no: string };

const MONEY = new Set(["declaredIncome", "gross", "centralSubsidy", "provincialTopUp", "net"]);
const COUNT = new Set(["participants", "persons", "total", "created", "contributions", "duplicates", "rejected", "warned", "fileBytes", "parentTarget", "targetsLocked", "targetsReopened", "attendees", "rows", "inserted", "updated", "rejectedLines"]);

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

/** An entry's before/after as a field-by-field table, folded by default (the log is scanned, not read). */
export function AuditDiff({ before, after, text, ledger, locale = "vi" }: { before: unknown; after: unknown; text: Text; ledger?: LedgerText; locale?: Locale }) {
  const val = (path: string, v: string) => ledgerValue(path, v, locale, ledger);
  const rows = diffAudit(before, after);
  if (rows.length === 0) return <span className="text-slate-400">{text.noChanges}</span>;
  const changed = rows.filter((r) => r.kind !== "same").length;
  const showBefore = before !== null && before !== undefined;
  return (
    <details className="group" data-testid="audit-diff">
      <summary className="cursor-pointer text-sky-700 hover:underline">
        {changed > 0 && showBefore ? fill(text.showChanges, { n: changed }) : fill(text.showFields, { n: rows.length })}
      </summary>
      <table className="mt-1 w-full border-collapse text-xs">
        <thead>
          <tr className="text-left text-slate-600">
            <th scope="col" className="pr-2 font-medium">{text.field}</th>
            {showBefore && <th scope="col" className="pr-2 font-medium">{text.before}</th>}
            <th scope="col" className="font-medium">{text.after}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.path} className={ROW_STYLE[r.kind]}>
              <td className="pr-2 align-top" title={r.path} data-testid="audit-field">{fieldLabel(r.path, ledger)}</td>
              {showBefore && <td className="max-w-xs break-words pr-2 align-top">{r.before === null ? "∅" : val(r.path, r.before)}</td>}
              <td className="max-w-xs break-words align-top">{r.kind === "same" ? <span className="italic">{text.unchanged}</span> : r.after === null ? "∅" : val(r.path, r.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
