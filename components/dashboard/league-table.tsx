import Link from "next/link";
import type { Messages, Locale } from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/messages";
import { formatNumber } from "@/lib/i18n/format";
import { formatPct, formatSignedNumber } from "@/lib/domain/coverage";
import type { League, LeagueRow } from "@/lib/server/dashboard/overview";
import type { LeagueSort } from "@/lib/validation/dashboard";
import { Table, Td, Th } from "@/components/ui/table";
import { StatusBadge } from "./status-badge";
import { dashboardHref } from "./links";

type Col = { key: LeagueSort | null; label: string; numeric?: boolean; render: (r: LeagueRow) => React.ReactNode; units?: boolean };

/** The children's league table: sortable by clicking a column (the sort is in the URL), each row drills down. */
export function LeagueTable({
  t,
  locale,
  league,
  sortable = true,
  testId = "league-table",
  renewal,
}: {
  t: Messages;
  locale: Locale;
  league: League;
  sortable?: boolean;
  testId?: string;
  /** renewal rate per row (unit code, or agent id for agents): lib/server/dashboard/retention.ts */
  renewal?: Record<string, number | null>;
}) {
  const d = t.dashboard;
  const n = (v: number) => formatNumber(v, locale);
  const units = league.kind === "UNITS";
  const drill = (r: LeagueRow) => (r.kind === "UNIT" ? dashboardHref("overview", { unit: r.code, date: league.date }) : `/agents/${r.agentId}`);
  const all: Col[] = [
    { key: "code", label: d.col.code, render: (r) => r.code },
    {
      key: "name",
      label: d.col.name,
      render: (r) => (
        <Link className="text-sky-700 hover:underline" href={drill(r)} data-testid="drill-link">
          {r.name}
        </Link>
      ),
    },
    { key: "participants", label: d.col.participants, numeric: true, render: (r) => n(r.participants) },
    {
      key: "target",
      label: d.col.target,
      numeric: true,
      render: (r) => (r.target === null ? <span className="text-slate-400">{d.noTarget}</span> : n(r.target)),
    },
    { key: "attainment", label: d.col.attainment, numeric: true, render: (r) => formatPct(r.attainmentPct, locale) },
    { key: "change", label: d.col.change, numeric: true, render: (r) => formatSignedNumber(r.change.delta, locale) },
    { key: "changePct", label: d.col.changePct, numeric: true, render: (r) => formatPct(r.change.pct, locale, { signed: true }) },
    { key: "coverage", label: d.col.coverage, numeric: true, units: true, render: (r) => formatPct(r.coveragePct, locale) },
    { key: "lapseRate", label: d.col.lapseRate, numeric: true, units: true, render: (r) => formatPct(r.lapseRatePct, locale) },
    ...(renewal
      ? [
          {
            key: null,
            label: t.field.retention.column,
            numeric: true,
            render: (r: LeagueRow) => formatPct(renewal[r.kind === "UNIT" ? r.code : String(r.agentId)] ?? null, locale),
          },
        ]
      : []),
    { key: "projected", label: d.col.projected, numeric: true, render: (r) => n(r.projected) },
    { key: null, label: d.col.status, render: (r) => <StatusBadge status={r.forecastStatus} label={r.forecastStatus ? d.status[r.forecastStatus] : ""} /> },
  ];
  const cols = all.filter((c) => units || !c.units);

  const sortHref = (key: LeagueSort) => {
    const dir = league.sort === key && league.dir === "desc" ? "asc" : league.sort === key ? "desc" : key === "code" || key === "name" ? "asc" : "desc";
    return `${dashboardHref("overview", { unit: league.unit.code, date: league.date, sort: key, dir })}#league`;
  };

  return (
    <Table testId={testId}>
      <thead>
        <tr>
          {cols.map((c) => (
            <Th key={c.label} numeric={c.numeric}>
              {sortable && c.key ? (
                <Link
                  href={sortHref(c.key)}
                  className="hover:underline"
                  aria-label={fill(d.sortBy, { col: c.label })}
                  data-testid={`sort-${c.key}`}
                  aria-sort={league.sort === c.key ? (league.dir === "asc" ? "ascending" : "descending") : undefined}
                >
                  {c.label}
                  {league.sort === c.key ? (league.dir === "asc" ? " ▲" : " ▼") : ""}
                </Link>
              ) : (
                c.label
              )}
            </Th>
          ))}
        </tr>
      </thead>
      <tbody>
        {league.rows.map((r) => (
          <tr key={`${r.kind}-${r.code}`} className="hover:bg-slate-50" data-testid="league-row" data-code={r.code}>
            {cols.map((c) => (
              <Td key={c.label} numeric={c.numeric}>
                {c.render(r)}
              </Td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Units projected to miss their target, the largest shortfall first. */
export function AtRiskList({ t, locale, league }: { t: Messages; locale: Locale; league: League }) {
  const d = t.dashboard;
  const n = (v: number) => formatNumber(v, locale);
  if (league.atRisk.length === 0)
    return (
      <p className="text-sm text-slate-600" data-testid="at-risk-none">
        {d.atRiskNone}
      </p>
    );
  return (
    <Table testId="at-risk">
      <thead>
        <tr>
          <Th>{d.col.code}</Th>
          <Th>{d.col.name}</Th>
          <Th numeric>{d.col.participants}</Th>
          <Th numeric>{d.col.target}</Th>
          <Th numeric>{d.col.projected}</Th>
          <Th numeric>{d.col.shortfall}</Th>
          <Th>{d.col.status}</Th>
        </tr>
      </thead>
      <tbody>
        {league.atRisk.map((r) => (
          <tr key={`${r.kind}-${r.code}`} data-testid="at-risk-row">
            <Td>{r.code}</Td>
            <Td>
              {r.kind === "UNIT" ? (
                <Link className="text-sky-700 hover:underline" href={dashboardHref("overview", { unit: r.code, date: league.date })}>
                  {r.name}
                </Link>
              ) : (
                r.name
              )}
            </Td>
            <Td numeric>{n(r.participants)}</Td>
            <Td numeric>{r.target === null ? "—" : n(r.target)}</Td>
            <Td numeric>{n(r.projected)}</Td>
            <Td numeric className="font-semibold">
              {r.shortfall === null ? "—" : n(r.shortfall)}
            </Td>
            <Td>
              <StatusBadge status={r.forecastStatus} label={r.forecastStatus ? d.status[r.forecastStatus] : ""} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
