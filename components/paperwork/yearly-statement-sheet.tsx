// One participant's yearly statement on one sheet of paper (A4 portrait; the next one starts on a new page).
// Rendered by the person's statement page and by the batch of an agent or a commune.
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatNumber, formatVnd } from "@/lib/i18n/format";
import type { commissionsVi } from "@/lib/i18n/areas/paperwork";
import type { Locale } from "@/lib/i18n/locale";
import type { PersonStatement, Requirement } from "@/lib/server/paperwork/yearly-statements";

type Text = (typeof commissionsVi)["yearly"];

export function YearlyStatementSheet({
  item,
  requirement,
  text,
  locale,
  unitName,
}: {
  item: PersonStatement;
  requirement: Requirement;
  text: Text;
  locale: Locale;
  unitName?: string;
}) {
  const { person, statement: s } = item;
  const money = (v: number) => formatVnd(v, locale);
  const n = (v: number) => formatNumber(v, locale);
  const line = (label: string, value: string) => (
    <div className="flex justify-between gap-3 border-b border-dotted border-slate-300 py-0.5">
      <span>{label}</span>
      <span className="text-right font-semibold tabular-nums">{value}</span>
    </div>
  );
  return (
    <article
      className="statement-sheet space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm text-black print:rounded-none print:border-0 print:p-0"
      data-testid="yearly-statement"
    >
      {unitName && <p className="text-xs uppercase text-slate-600">{unitName}</p>}
      <h2 className="text-center text-base font-bold uppercase">{fill(text.title, { year: s.year })}</h2>
      <p className="text-center italic">{fill(text.asOf, { date: formatDate(s.asOf) })}</p>
      <div className="grid gap-x-6 sm:grid-cols-2 print:grid-cols-2">
        {line(text.person, person.fullName)}
        {line(text.dateOfBirth, formatDate(person.dateOfBirth))}
        {line(text.personalId, person.personalId)}
        {line(text.siCode, person.siCode ?? "")}
        {line(text.address, [person.address, person.address?.includes(person.communeName) ? null : person.communeName].filter(Boolean).join(", "))}
        {line(text.agentName, person.agentName ?? "")}
      </div>
      <div className="grid gap-3 sm:grid-cols-2 print:grid-cols-2">
        <div className="rounded border border-slate-300 p-2">
          <div className="text-xs text-slate-600">{text.monthsContributed}</div>
          <div className="text-2xl font-bold tabular-nums" data-testid="statement-months">
            {n(s.monthsContributed)}
          </div>
          {s.coveredUntil && (
            <div className="text-xs">
              {text.coveredUntil} {formatDate(s.coveredUntil)}
            </div>
          )}
        </div>
        <div className="rounded border border-slate-300 p-2">
          <div className="text-xs text-slate-600">{text.monthsStillNeeded}</div>
          <div className="text-2xl font-bold tabular-nums" data-testid="statement-needed">
            {s.monthsStillNeeded === null ? "—" : n(s.monthsStillNeeded)}
          </div>
          <div className="text-xs">
            {requirement.months === null
              ? text.requiredUnknown
              : fill(text.required, { months: n(requirement.months), years: n(requirement.months / 12), basis: requirement.legalBasis ?? "" })}
          </div>
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-2 print:grid-cols-2">
        {(
          [
            [fill(text.thisYear, { year: s.year }), s.thisYear, "statement-this-year"],
            [text.total, s.total, "statement-total"],
          ] as const
        ).map(([label, m, id]) => (
          <div key={id} className="rounded border border-slate-300 p-2" data-testid={id}>
            <div className="mb-1 font-semibold">{label}</div>
            {line(text.months, n(m.months))}
            {line(text.gross, money(m.gross))}
            {line(text.net, money(m.net))}
            {line(text.central, money(m.centralSubsidy))}
            {line(text.local, money(m.provincialTopUp))}
          </div>
        ))}
      </div>
      {s.byYear.length > 1 && (
        <details className="text-xs print:hidden">
          <summary className="tap cursor-pointer">{text.byYear}</summary>
          <ul className="mt-1 space-y-0.5">
            {s.byYear.map((y) => (
              <li key={y.year} className="tabular-nums">
                {y.year}: {n(y.months)} {text.months.toLowerCase()} · {money(y.net)}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="text-xs italic text-slate-700">{text.note}</p>
    </article>
  );
}
