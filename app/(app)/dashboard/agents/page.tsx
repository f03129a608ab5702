import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatNumber } from "@/lib/i18n/format";
import { formatPct, formatSignedNumber } from "@/lib/domain/coverage";
import { todayInVietnam } from "@/lib/domain/dates";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { getBreadcrumbs } from "@/lib/server/units/browser";
import { getAgentTable, type AgentRow } from "@/lib/server/dashboard/agents";
import { getRetention } from "@/lib/server/dashboard/retention";
import { RetentionCard } from "@/components/field/retention-card";
import { agentsQuerySchema, flatParams, readParams, type AgentSort } from "@/lib/validation/dashboard";
import { DashboardHeader, ExportLinks } from "@/components/dashboard/header";
import { StatusBadge } from "@/components/dashboard/status-badge";
import { dashboardHref, exportHref } from "@/components/dashboard/links";
import { Table, Td, Th } from "@/components/ui/table";

export const dynamic = "force-dynamic";

export default async function DashboardAgentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = await requirePagePrincipal("unit.read");
  const { locale, t } = await getMessages();
  const d = t.dashboard;
  const { value: q, errors } = readParams(agentsQuerySchema, flatParams(await searchParams));
  const table = await orNotFound(() => getAgentTable(db(), p, q));
  const breadcrumbs = await getBreadcrumbs(db(), p, table.unit);
  const { unit, date } = table;
  // the agent review also looks at who keeps its payers (issue 11): renewal rate per agent
  const retention = table.tooBroad ? null : await orNotFound(() => getRetention(db(), p, { unit: unit.code, date, by: "agent" }));
  const renewalOf = new Map((retention?.rows ?? []).map((r) => [r.key, r.ratePct]));
  const n = (v: number) => formatNumber(v, locale);
  const pages = Math.max(1, Math.ceil(table.total / table.pageSize));
  const params = { unit: unit.code, date, sort: q.sort, dir: q.dir };
  const href = (extra: Record<string, string | number | undefined>) =>
    dashboardHref("agents", { unit: unit.code, date, sort: table.sort, dir: table.dir, ...extra });
  const sortHref = (key: AgentSort) => href({ sort: key, dir: table.sort === key && table.dir === "asc" ? "desc" : "asc", page: undefined });
  const cols: { key: AgentSort | null; label: string; numeric?: boolean; render: (r: AgentRow) => React.ReactNode }[] = [
    { key: "code", label: d.col.code, render: (r) => r.code },
    {
      key: "name",
      label: d.col.name,
      render: (r) => (
        <Link className="text-sky-700 hover:underline" href={`/agents/${r.id}`}>
          {r.name}
        </Link>
      ),
    },
    { key: null, label: d.col.kind, render: (r) => t.agents.kinds[r.kind as keyof typeof t.agents.kinds] ?? r.kind },
    { key: null, label: d.col.agentStatus, render: (r) => d.agentStatus[r.status] },
    { key: "participants", label: d.col.participants, numeric: true, render: (r) => n(r.participants) },
    {
      key: "target",
      label: d.col.target,
      numeric: true,
      render: (r) => (r.target === null ? <span className="text-slate-400">{d.noTarget}</span> : n(r.target)),
    },
    { key: "attainment", label: d.col.attainment, numeric: true, render: (r) => formatPct(r.attainmentPct, locale) },
    { key: "change", label: d.col.change, numeric: true, render: (r) => formatSignedNumber(r.change.delta, locale) },
    { key: null, label: t.field.retention.column, numeric: true, render: (r) => formatPct(renewalOf.get(String(r.id)) ?? null, locale) },
    { key: "projected", label: d.col.projected, numeric: true, render: (r) => n(r.projected) },
    { key: null, label: d.col.status, render: (r) => <StatusBadge status={r.forecastStatus} label={r.forecastStatus ? d.status[r.forecastStatus] : ""} /> },
    {
      key: null,
      label: d.col.review,
      render: (r) =>
        r.review ? (
          <span className="whitespace-nowrap rounded bg-rose-100 px-1.5 py-0.5 text-xs font-semibold text-rose-800" data-testid="review-flag">
            {d.reviewFlag}
          </span>
        ) : (
          ""
        ),
    },
  ];

  return (
    <div className="space-y-6">
      <DashboardHeader
        t={t}
        unit={unit}
        breadcrumbs={breadcrumbs}
        date={date}
        today={todayInVietnam()}
        view="agents"
        errors={errors}
        exports={
          table.tooBroad ? null : (
            <ExportLinks
              t={t}
              items={[{ table: "agents", label: d.tables.agents, xlsx: exportHref("agents", "xlsx", params), csv: exportHref("agents", "csv", params) }]}
            />
          )
        }
      />
      <h2 className="text-lg font-semibold">{fill(d.agentsTitle, { unit: unit.fullName })}</h2>
      {retention && <RetentionCard t={t} locale={locale} r={retention} />}
      {table.tooBroad ? (
        <p data-testid="agents-too-broad">{d.agentsTooBroad}</p>
      ) : (
        <>
          <p className="text-sm text-slate-600" data-testid="review-rule">
            {table.thresholdBp === null
              ? d.reviewNoThreshold
              : table.reviewApplies
                ? fill(d.reviewRule, { pct: formatPct(table.thresholdBp / 100, locale) })
                : d.reviewNotYet}
            {table.flagged > 0 && <strong className="ml-2 text-rose-800">{fill(d.flaggedCount, { n: table.flagged })}</strong>}
          </p>
          {table.rows.length === 0 ? (
            <p>{d.agentsNone}</p>
          ) : (
            <Table testId="agents-table">
              <thead>
                <tr>
                  {cols.map((c) => (
                    <Th key={c.label} numeric={c.numeric}>
                      {c.key ? (
                        <Link className="hover:underline" href={sortHref(c.key)} aria-label={fill(d.sortBy, { col: c.label })}>
                          {c.label}
                          {table.sort === c.key ? (table.dir === "asc" ? " ▲" : " ▼") : ""}
                        </Link>
                      ) : (
                        c.label
                      )}
                    </Th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r) => (
                  <tr key={r.id} className={r.review ? "bg-rose-50/50" : "hover:bg-slate-50"} data-testid="agent-row">
                    {cols.map((c) => (
                      <Td key={c.label} numeric={c.numeric}>
                        {c.render(r)}
                      </Td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          {pages > 1 && (
            <nav className="flex items-center gap-3 text-sm" aria-label="pagination">
              {table.page > 1 && (
                <Link className="text-sky-700 hover:underline" href={href({ page: table.page - 1 })}>
                  {d.prev}
                </Link>
              )}
              <span>{fill(d.page, { page: table.page, pages })}</span>
              {table.page < pages && (
                <Link className="text-sky-700 hover:underline" href={href({ page: table.page + 1 })}>
                  {d.next}
                </Link>
              )}
            </nav>
          )}
        </>
      )}
    </div>
  );
}
