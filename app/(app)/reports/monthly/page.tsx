import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { formatPct } from "@/lib/domain/coverage";
import { formatChange } from "@/lib/domain/dashboard-figures";
import { todayInVietnam } from "@/lib/domain/dates";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { getMonthlyReport } from "@/lib/server/dashboard/overview";
import { DASHBOARD_FIRST_DATE, flatParams, readParams, reportQuerySchema } from "@/lib/validation/dashboard";
import { FlowChart, ParticipantsChart } from "@/components/dashboard/charts";
import { chartMonths } from "@/components/dashboard/figures";
import { AtRiskList, LeagueTable } from "@/components/dashboard/league-table";
import { PrintButton } from "@/components/dashboard/print-button";
import { dashboardHref } from "@/components/dashboard/links";
import { ChoroplethMap } from "@/components/dashboard/choropleth-map";
import { ReformNote } from "@/components/dashboard/reform-note";
import { getMapData } from "@/lib/server/dashboard/map";
import { DateField } from "@/components/ui/date-field";

export const dynamic = "force-dynamic";

export async function generateMetadata({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { t } = await getMessages();
  const month = (flatParams(await searchParams).month ?? todayInVietnam().slice(0, 7)).slice(0, 7);
  return { title: fill(t.dashboard.reportTitle, { month: `${month.slice(5)}/${month.slice(0, 4)}` }) };
}

/** The print-ready monthly report a province sends to its People's Committee (A4, Vietnamese). */
export default async function MonthlyReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = await requirePagePrincipal("unit.read");
  const { locale, t } = await getMessages();
  const d = t.dashboard;
  const { value: q, errors } = readParams(reportQuerySchema, flatParams(await searchParams));
  const r = await orNotFound(() => getMonthlyReport(db(), p, q));
  const { overview: o, league } = r;
  const map = await getMapData(db(), p, { unit: o.unit.code, date: r.date });
  const f = o.figures;
  const n = (v: number | null) => (v === null ? "—" : formatNumber(v, locale));
  const mm = `${r.month.slice(5)}/${r.month.slice(0, 4)}`;
  const months = chartMonths(t, f.months);
  const today = todayInVietnam();
  const children = d.children[o.unit.level as keyof typeof d.children];
  const rows: [string, string][] = [
    [d.participants, n(f.participants)],
    [fill(d.lastYearDate, { date: formatDate(o.lastYearDate) }), n(f.participantsLastYear)],
    [d.change, formatChange(f.participants, f.participantsLastYear, locale)],
    [fill(d.target, { year: o.year }) + (o.targetSource === "CHILDREN" ? " (*)" : ""), f.target === null ? d.noTarget : n(f.target)],
    [d.attainment, formatPct(f.attainmentPct, locale)],
    [d.newThisYear, n(f.newThisYear)],
    [d.overdue, n(f.overdue)],
    [d.lapsed, n(f.lapsed)],
    [`${d.lapsedThisYear} · ${d.lapseRate}`, `${n(f.lapsedThisYear)} · ${formatPct(f.lapseRatePct, locale)}`],
    [fill(d.labourForce, { year: o.year }), n(f.labourForce)],
    [d.coverage, formatPct(f.coveragePct, locale)],
    [fill(d.expected, { year: o.year, pct: formatPct(f.expectedShareBp / 100, locale) }), n(f.expectedParticipants)],
    [d.missing, n(f.missingToExpected)],
    [d.forecast, `${n(f.projected)}${f.forecastStatus ? ` — ${d.status[f.forecastStatus]}` : ""}${f.shortfall ? ` (${d.shortfall} ${n(f.shortfall)})` : ""}`],
  ];

  return (
    <article
      className="report mx-auto max-w-[190mm] space-y-5 bg-white p-3 text-[13px] sm:p-6 leading-snug print:max-w-none print:p-0"
      data-testid="monthly-report"
    >
      <style>{`@media print { @page { size: A4 portrait; margin: 14mm 12mm; } main { padding: 0 !important; max-width: none !important; } .report section { break-inside: avoid; } .report table { font-size: 11px; } }`}</style>
      <div className="no-print flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 pb-3">
        <form method="get" className="flex flex-wrap items-end gap-2" data-testid="report-form">
          <input type="hidden" name="unit" value={o.unit.code} />
          <label className="text-sm">
            <span className="block text-slate-600">{d.reportMonth}</span>
            <DateField
              mode="month"
              name="month"
              id="report-month"
              defaultValue={r.month}
              min={DASHBOARD_FIRST_DATE.slice(0, 7)}
              max={today.slice(0, 7)}
              data-testid="month-input"
            />
          </label>
          <button type="submit" className="rounded bg-sky-700 px-3 py-1.5 text-sm text-white">
            {d.show}
          </button>
        </form>
        <div className="flex flex-wrap gap-2">
          <Link
            href={dashboardHref("overview", { unit: o.unit.code, date: r.date })}
            className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
          >
            {d.title}
          </Link>
          <PrintButton label={d.reportPrint} />
        </div>
        {Object.keys(errors).length > 0 && (
          <p className="w-full text-sm text-amber-800" aria-live="polite" data-testid="report-errors">
            {d.errors.invalidParams} {Object.values(errors).join("; ")}
          </p>
        )}
      </div>

      <header className="space-y-1 text-center">
        <p className="text-sm font-semibold uppercase">{o.unit.fullName}</p>
        <h1 className="text-lg font-bold uppercase" data-testid="report-title">
          {fill(d.reportTitle, { month: mm })}
        </h1>
        <p className="italic text-slate-700">{fill(d.reportIntro, { date: formatDate(r.date) })}</p>
      </header>
      <ReformNote t={t} date={r.date} />

      <section className="space-y-2">
        <h2 className="font-bold">{d.reportFigures}</h2>
        <table className="w-full border-collapse" data-testid="report-figures">
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label}>
                <td className="border border-slate-300 px-2 py-1">{label}</td>
                <td className="border border-slate-300 px-2 py-1 text-right tabular-nums">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {o.targetSource === "CHILDREN" && <p className="text-xs italic">(*) {d.targetFromChildren}</p>}
      </section>

      <section className="space-y-2" data-testid="report-charts">
        <h2 className="font-bold">{d.reportCharts}</h2>
        <p className="text-xs font-semibold">{fill(d.chartParticipants, { year: o.year, lastYear: o.year - 1 })}</p>
        {/* the charts keep the A4 width for print; on a phone they scroll inside their own box */}
        <div className="overflow-x-auto print:overflow-visible">
          <ParticipantsChart
            months={months}
            target={f.target}
            locale={locale}
            width={680}
            height={220}
            labels={{ thisYear: fill(d.thisYear, { year: o.year }), lastYear: fill(d.thisYear, { year: o.year - 1 }), target: d.targetLine }}
          />
        </div>
        <p className="text-xs font-semibold">{fill(d.chartFlow, { year: o.year })}</p>
        <div className="overflow-x-auto print:overflow-visible">
          <FlowChart months={months} locale={locale} width={680} height={200} labels={{ newCount: d.newLabel, lapsed: d.lapsedLabel }} />
        </div>
      </section>

      <section className="space-y-2" data-testid="report-map">
        <ChoroplethMap data={map} labels={t.map} locale={locale} dateLabel={formatDate(r.date)} linkBase={null} print />
      </section>

      <section className="space-y-2">
        <h2 className="font-bold">{fill(d.reportLeague, { children })}</h2>
        <div className="max-w-full overflow-x-auto">
          <LeagueTable t={t} locale={locale} league={league} sortable={false} testId="report-league" />
        </div>
      </section>

      <section className="space-y-2">
        <h2 className="font-bold">{d.reportRisk}</h2>
        <AtRiskList t={t} locale={locale} league={league} />
      </section>

      <footer className="grid grid-cols-2 pt-4 text-center">
        <div />
        <div className="space-y-1">
          <p className="italic">{fill(d.reportPlace, { place: o.unit.name, day: today.slice(8), month: today.slice(5, 7), year: today.slice(0, 4) })}</p>
          <p className="font-semibold">{d.reportSigner}</p>
          <p className="pt-12">{p.name}</p>
        </div>
      </footer>
    </article>
  );
}
