import type { Messages, Locale } from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { formatPct } from "@/lib/domain/coverage";
import { formatChange } from "@/lib/domain/dashboard-figures";
import type { MonthFigures, Overview } from "@/lib/server/dashboard/overview";
import { StatCard } from "@/components/ui/card";
import { StatusBadge } from "./status-badge";
import type { ChartMonth } from "./charts";

/** The overview's cards. */
export function FigureCards({ t, locale, o }: { t: Messages; locale: Locale; o: Overview }) {
  const d = t.dashboard;
  const f = o.figures;
  const n = (v: number) => formatNumber(v, locale);
  const sharePct = formatPct(f.expectedShareBp / 100, locale);
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5" data-testid="figure-cards">
      <StatCard
        label={d.participants}
        value={n(f.participants)}
        testId="stat-participants"
        hint={`${fill(d.lastYearDate, { date: formatDate(o.lastYearDate) })}: ${n(f.participantsLastYear)}`}
      />
      <StatCard
        label={fill(d.target, { year: o.year })}
        value={f.target === null ? <span className="text-base text-slate-400">{d.noTarget}</span> : n(f.target)}
        testId="stat-target"
        hint={o.targetSource === "CHILDREN" ? d.targetFromChildren : undefined}
      />
      <StatCard label={d.attainment} value={formatPct(f.attainmentPct, locale)} testId="stat-attainment" />
      <StatCard
        label={d.change}
        value={<span className={f.change.delta < 0 ? "text-rose-700" : ""}>{formatChange(f.participants, f.participantsLastYear, locale)}</span>}
        testId="stat-change"
      />
      <StatCard label={d.newThisYear} value={n(f.newThisYear)} testId="stat-new" />
      <StatCard label={d.overdue} value={n(f.overdue)} testId="stat-overdue" />
      <StatCard
        label={d.lapsed}
        value={n(f.lapsed)}
        testId="stat-lapsed"
        hint={`${d.lapsedThisYear}: ${n(f.lapsedThisYear)} · ${d.lapseRate}: ${formatPct(f.lapseRatePct, locale)}`}
      />
      <StatCard
        label={d.coverage}
        value={formatPct(f.coveragePct, locale)}
        testId="stat-coverage"
        hint={`${fill(d.expected, { year: o.year, pct: sharePct })} · ${fill(d.labourForce, { year: o.year })}: ${n(f.labourForce)}`}
      />
      <StatCard label={d.missing} value={n(f.missingToExpected)} testId="stat-missing" hint={`${d.col.expected}: ${n(f.expectedParticipants)}`} />
      <StatCard
        label={d.forecast}
        value={n(f.projected)}
        testId="stat-forecast"
        hint={
          f.forecastStatus ? (
            <StatusBadge status={f.forecastStatus} label={`${d.status[f.forecastStatus]}${f.shortfall ? ` · ${d.shortfall} ${n(f.shortfall)}` : ""}`} />
          ) : (
            d.noTarget
          )
        }
      />
    </div>
  );
}

export function chartMonths(t: Messages, months: MonthFigures[]): ChartMonth[] {
  return months.map((m) => ({
    label: fill(t.dashboard.monthShort, { m: Number(m.month.slice(5)) }),
    participants: m.participants,
    lastYear: m.lastYear,
    newCount: m.newCount,
    lapsed: m.lapsed,
  }));
}
