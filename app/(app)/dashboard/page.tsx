import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { todayInVietnam } from "@/lib/domain/dates";
import { formatDate } from "@/lib/i18n/format";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { getLeague, getOverview } from "@/lib/server/dashboard/overview";
import { getRetention } from "@/lib/server/dashboard/retention";
import { RetentionCard } from "@/components/field/retention-card";
import { flatParams, leagueQuerySchema, readParams } from "@/lib/validation/dashboard";
import { DashboardHeader, ExportLinks } from "@/components/dashboard/header";
import { FigureCards, chartMonths } from "@/components/dashboard/figures";
import { FlowChart, ParticipantsChart } from "@/components/dashboard/charts";
import { AtRiskList, LeagueTable } from "@/components/dashboard/league-table";
import { exportHref } from "@/components/dashboard/links";
import { ChoroplethMap } from "@/components/dashboard/choropleth-map";
import { ReformNote } from "@/components/dashboard/reform-note";
import { getMapData } from "@/lib/server/dashboard/map";

export const dynamic = "force-dynamic";

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = await requirePagePrincipal("unit.read");
  const { locale, t } = await getMessages();
  const d = t.dashboard;
  const { value: q, errors } = readParams(leagueQuerySchema, flatParams(await searchParams));
  const overview = await orNotFound(() => getOverview(db(), p, { unit: q.unit, date: q.date }));
  const league = await orNotFound(() => getLeague(db(), p, { unit: overview.unit.code, date: overview.date, sort: q.sort, dir: q.dir }));
  const { unit, date } = overview;
  const retention = await orNotFound(() => getRetention(db(), p, { unit: unit.code, date }));
  const renewalByKey = Object.fromEntries(retention.rows.map((r) => [r.key, r.ratePct]));
  const map = await getMapData(db(), p, { unit: unit.code, date });
  const months = chartMonths(t, overview.figures.months);
  const params = { unit: unit.code, date };
  const tables = ["overview", "series", "league", "at-risk"] as const;

  return (
    <div className="space-y-6">
      <DashboardHeader
        t={t}
        unit={unit}
        breadcrumbs={overview.breadcrumbs}
        date={date}
        today={todayInVietnam()}
        view="overview"
        errors={errors}
        exports={
          <ExportLinks
            t={t}
            items={[
              { table: "all", label: d.exportAll, xlsx: exportHref("all", "xlsx", params), csv: exportHref("overview", "csv", params) },
              ...tables.map((tb) => ({
                table: tb,
                label: d.tables[tb],
                xlsx: exportHref(tb, "xlsx", { ...params, sort: q.sort, dir: q.dir }),
                csv: exportHref(tb, "csv", { ...params, sort: q.sort, dir: q.dir }),
              })),
            ]}
          />
        }
      />
      <FigureCards t={t} locale={locale} o={overview} />
      <RetentionCard t={t} locale={locale} r={retention} />
      <p className="text-xs text-slate-500">{fill(d.asOfNote, { date: formatDate(date) })}</p>
      <ReformNote t={t} date={date} />

      <div className="grid gap-4 lg:grid-cols-2">
        <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="chart-participants">
          <h2 className="mb-2 text-sm font-semibold">{fill(d.chartParticipants, { year: overview.year, lastYear: overview.year - 1 })}</h2>
          <ParticipantsChart
            months={months}
            target={overview.figures.target}
            locale={locale}
            labels={{ thisYear: fill(d.thisYear, { year: overview.year }), lastYear: fill(d.thisYear, { year: overview.year - 1 }), target: d.targetLine }}
          />
        </section>
        <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="chart-flow">
          <h2 className="mb-2 text-sm font-semibold">{fill(d.chartFlow, { year: overview.year })}</h2>
          <FlowChart months={months} locale={locale} labels={{ newCount: d.newLabel, lapsed: d.lapsedLabel }} />
        </section>
      </div>

      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <ChoroplethMap data={map} labels={t.map} locale={locale} dateLabel={formatDate(date)} linkBase={`/dashboard?date=${date}&unit=`} />
      </section>

      <section id="league" className="space-y-2">
        <h2 className="text-lg font-semibold">
          {league.kind === "AGENTS" ? d.leagueAgents : fill(d.league, { children: d.children[unit.level as keyof typeof d.children] })}
        </h2>
        {league.kind === "AGENTS" && <p className="text-xs text-slate-500">{d.leagueAgentsNote}</p>}
        <LeagueTable t={t} locale={locale} league={league} renewal={renewalByKey} />
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{league.kind === "AGENTS" ? d.atRiskAgents : d.atRisk}</h2>
        <p className="text-xs text-slate-500">{d.atRiskNote}</p>
        <AtRiskList t={t} locale={locale} league={league} />
      </section>
    </div>
  );
}
