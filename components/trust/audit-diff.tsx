import { diffAudit } from "@/lib/domain/audit-diff";
import { fill, type Locale } from "@/lib/i18n/messages";
import { fieldLabel, ledgerValue, type LedgerText } from "@/lib/i18n/audit-ledger-values";

type Text = { showChanges: string; showFields: string; noChanges: string; field: string; before: string; after: string; unchanged: string };

const ROW_STYLE = { added: "bg-emerald-50", removed: "bg-rose-50", changed: "bg-amber-50", same: "text-slate-500" } as const;

export { fieldLabel, ledgerValue, type LedgerText };

/** An entry's before/after as a field-by-field table, folded by default (the log is scanned, not read). */
export function AuditDiff({
  before,
  after,
  text,
  ledger,
  locale = "vi",
}: {
  before: unknown;
  after: unknown;
  text: Text;
  ledger?: LedgerText;
  locale?: Locale;
}) {
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
            <th scope="col" className="pr-2 font-medium">
              {text.field}
            </th>
            {showBefore && (
              <th scope="col" className="pr-2 font-medium">
                {text.before}
              </th>
            )}
            <th scope="col" className="font-medium">
              {text.after}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.path} className={ROW_STYLE[r.kind]}>
              <td className="pr-2 align-top" title={r.path} data-testid="audit-field">
                {fieldLabel(r.path, ledger)}
              </td>
              {showBefore && <td className="max-w-xs break-words pr-2 align-top">{r.before === null ? "∅" : val(r.path, r.before)}</td>}
              <td className="max-w-xs break-words align-top">
                {r.kind === "same" ? <span className="italic">{text.unchanged}</span> : r.after === null ? "∅" : val(r.path, r.after)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
