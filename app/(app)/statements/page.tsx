import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { todayInVietnam } from "@/lib/domain/dates";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { listFilterOptions } from "@/lib/server/enrollment/enrollees";
import { getYearlyStatements, type StatementBatch } from "@/lib/server/paperwork/yearly-statements";
import { statementBatchSchema } from "@/lib/validation/commissions";
import { PrintButton } from "@/components/renewals/print-button";
import { YearlyStatementSheet } from "@/components/paperwork/yearly-statement-sheet";
import { buttonClass, inputClass } from "@/components/ui/fields";

export const dynamic = "force-dynamic";

/** The yearly notice in batch: one printed page per person of an agent or a commune. */
export default async function StatementsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = await requirePagePrincipal("enrollee.read");
  const { locale, t } = await getMessages();
  const y = t.commissions.yearly;
  const sp = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const wanted = { year: sp.year, agentId: sp.agentId, commune: sp.commune };
  const today = todayInVietnam();
  const asked = statementBatchSchema.safeParse(wanted).success;
  const [options, batch] = await Promise.all([
    listFilterOptions(db(), p),
    asked ? orNotFound(() => getYearlyStatements(db(), p, wanted, today)) : Promise.resolve(null as StatementBatch | null),
  ]);
  const label = "flex flex-col gap-1 text-sm";
  const who = batch?.agent ? `${batch.agent.name} (${batch.agent.code})` : batch?.commune?.fullName;

  return (
    <div className="space-y-4" data-testid="statements-page">
      <style>{`@media print { @page { size: A4 portrait; margin: 15mm; } main { padding: 0 !important; max-width: none !important; } .statement-sheet { break-after: page; } .statement-sheet:last-child { break-after: auto; } }`}</style>
      <div className="no-print space-y-3">
        <h1 className="text-2xl font-bold">{y.batchTitle}</h1>
        <p className="text-sm text-slate-600">{y.batchIntro}</p>
        <form method="get" className="grid gap-3 sm:grid-cols-4 sm:items-end" data-testid="statements-filter">
          <label className={label}>
            {y.year}
            <input name="year" defaultValue={batch?.year ?? sp.year ?? today.slice(0, 4)} inputMode="numeric" className={inputClass} />
          </label>
          <label className={label}>
            {y.agent}
            {options.agents.length ? (
              <select name="agentId" defaultValue={sp.agentId ?? ""} className={inputClass} data-testid="statements-agent">
                <option value="">{y.chooseAgent}</option>
                {options.agents.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            ) : (
              <input name="agentId" defaultValue={sp.agentId ?? ""} inputMode="numeric" className={inputClass} />
            )}
          </label>
          <label className={label}>
            {y.commune}
            {options.communes.length ? (
              <select name="commune" defaultValue={sp.commune ?? ""} className={inputClass} data-testid="statements-commune">
                <option value="">{y.chooseCommune}</option>
                {options.communes.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.fullName}
                  </option>
                ))}
              </select>
            ) : (
              <input name="commune" defaultValue={sp.commune ?? ""} inputMode="numeric" className={inputClass} />
            )}
          </label>
          <div className="flex gap-2">
            <button type="submit" className={buttonClass}>
              {y.show}
            </button>
            {batch && batch.statements.length > 0 && <PrintButton label={y.print} />}
          </div>
        </form>
        {batch && (
          <p className="text-sm font-semibold" data-testid="statements-count">
            {who} · {fill(y.count, { n: batch.statements.length })}
          </p>
        )}
      </div>
      {batch && batch.statements.length === 0 && <p className="text-sm text-slate-600">{y.none}</p>}
      <div className="space-y-4 print:space-y-0">
        {batch?.statements.map((s) => (
          <YearlyStatementSheet key={s.person.id} item={s} requirement={batch.requirement} text={y} locale={locale} unitName={who} />
        ))}
      </div>
    </div>
  );
}
