// The dashboard's tables as spreadsheets (XLSX with real numbers, or CSV), headers in the
// interface language (Vietnamese by default). The same reads as the pages: same scope, same figures.
import "server-only";
import type { Messages } from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/messages";
import { formatDate } from "@/lib/i18n/format";
import { todayInVietnam } from "@/lib/domain/dates";
import { exportQuerySchema, type ExportTable } from "@/lib/validation/dashboard";
import type { DbTx } from "../db/client";
import type { Principal } from "../auth/authz";
import { toCsv, toXlsx, type Column } from "../files/spreadsheet";
import { getLeague, getOverview, type League, type Overview } from "./overview";
import { getAgentTable } from "./agents";
import { DIMENSIONS, getBreakdowns } from "./breakdowns";
import { breakdownLabel } from "./labels";

type Sheet = { name: string; title: string; columns: Column[]; rows: Record<string, unknown>[] };

function overviewSheet(t: Messages, o: Overview): Sheet {
  const d = t.dashboard;
  const f = o.figures;
  const row = (figure: string, value: number | null) => ({ figure, value });
  return {
    name: d.tables.overview,
    title: `${d.tables.overview} — ${o.unit.fullName} — ${formatDate(o.date)}`,
    columns: [
      { key: "figure", label: d.figure },
      { key: "value", label: d.value, type: "number" },
    ],
    rows: [
      row(d.participants, f.participants),
      row(`${d.participants} (${fill(d.lastYearDate, { date: formatDate(o.lastYearDate) })})`, f.participantsLastYear),
      row(fill(d.target, { year: o.year }), f.target),
      row(`${d.attainment} (%)`, f.attainmentPct),
      row(`${d.change}`, f.change.delta),
      row(`${d.change} (%)`, f.change.pct),
      row(d.newThisYear, f.newThisYear),
      row(d.overdue, f.overdue),
      row(d.lapsed, f.lapsed),
      row(d.lapsedThisYear, f.lapsedThisYear),
      row(`${d.lapseRate} (%)`, f.lapseRatePct),
      row(fill(d.labourForce, { year: o.year }), f.labourForce),
      row(`${d.coverage} (%)`, f.coveragePct),
      row(`${fill(d.expected, { year: o.year, pct: "" }).replace(/:\s*$/, "")} (%)`, f.expectedShareBp / 100),
      row(d.col.expected, f.expectedParticipants),
      row(d.missing, f.missingToExpected),
      row(d.forecast, f.projected),
      row(d.shortfall, f.shortfall),
    ],
  };
}

function seriesSheet(t: Messages, o: Overview): Sheet {
  const d = t.dashboard;
  return {
    name: d.tables.series,
    title: `${d.tables.series} — ${o.unit.fullName} — ${o.year}`,
    columns: [
      { key: "month", label: d.month },
      { key: "participants", label: fill(d.thisYear, { year: o.year }), type: "number" },
      { key: "lastYear", label: fill(d.thisYear, { year: o.year - 1 }), type: "number" },
      { key: "target", label: d.targetLine, type: "number" },
      { key: "newCount", label: d.newLabel, type: "number" },
      { key: "lapsed", label: d.lapsedLabel, type: "number" },
    ],
    rows: o.figures.months.map((m) => ({ ...m, month: `${m.month.slice(5)}/${m.month.slice(0, 4)}`, target: o.figures.target })),
  };
}

function leagueSheet(t: Messages, l: League, atRisk = false): Sheet {
  const d = t.dashboard;
  const units = l.kind === "UNITS";
  const columns: Column[] = [
    { key: "code", label: d.col.code },
    { key: "name", label: d.col.name },
    { key: "participants", label: d.col.participants, type: "number" },
    { key: "participantsLastYear", label: d.col.lastYear, type: "number" },
    { key: "target", label: d.col.target, type: "number" },
    { key: "attainmentPct", label: `${d.col.attainment}`, type: "number" },
    { key: "changeDelta", label: d.col.change, type: "number" },
    { key: "changePct", label: d.col.changePct, type: "number" },
    ...(units
      ? [
          { key: "coveragePct", label: d.col.coverage, type: "number" as const },
          { key: "lapseRatePct", label: d.col.lapseRate, type: "number" as const },
          { key: "newThisYear", label: d.col.newThisYear, type: "number" as const },
          { key: "overdue", label: d.col.overdue, type: "number" as const },
          { key: "lapsed", label: d.col.lapsed, type: "number" as const },
          { key: "labourForce", label: d.col.labourForce, type: "number" as const },
          { key: "missingToExpected", label: d.col.missing, type: "number" as const },
        ]
      : []),
    { key: "projected", label: d.col.projected, type: "number" },
    { key: "shortfall", label: d.col.shortfall, type: "number" },
    { key: "status", label: d.col.status },
  ];
  const rows = (atRisk ? l.atRisk : l.rows).map((r) => ({
    ...r,
    changeDelta: r.change.delta,
    changePct: r.change.pct,
    status: r.forecastStatus ? d.status[r.forecastStatus] : "",
  }));
  const name = atRisk ? d.tables["at-risk"] : d.tables.league;
  return { name, title: `${name} — ${l.unit.fullName} — ${formatDate(l.date)}`, columns, rows };
}

async function agentsSheet(db: DbTx, p: Principal, t: Messages, q: Record<string, unknown>): Promise<Sheet | null> {
  const d = t.dashboard;
  const a = await getAgentTable(db, p, q, { all: true });
  if (a.tooBroad) return null;
  return {
    name: d.tables.agents,
    title: `${fill(d.agentsTitle, { unit: a.unit.fullName })} — ${formatDate(a.date)}`,
    columns: [
      { key: "code", label: d.col.code },
      { key: "name", label: d.col.name },
      { key: "kindLabel", label: d.col.kind },
      { key: "statusLabel", label: d.col.agentStatus },
      { key: "participants", label: d.col.participants, type: "number" },
      { key: "participantsLastYear", label: d.col.lastYear, type: "number" },
      { key: "target", label: d.col.target, type: "number" },
      { key: "attainmentPct", label: d.col.attainment, type: "number" },
      { key: "changeDelta", label: d.col.change, type: "number" },
      { key: "projected", label: d.col.projected, type: "number" },
      { key: "shortfall", label: d.col.shortfall, type: "number" },
      { key: "forecast", label: d.col.status },
      { key: "reviewLabel", label: d.col.review },
    ],
    rows: a.rows.map((r) => ({
      ...r,
      kindLabel: t.agents.kinds[r.kind as keyof typeof t.agents.kinds] ?? r.kind,
      statusLabel: d.agentStatus[r.status],
      changeDelta: r.change.delta,
      forecast: r.forecastStatus ? d.status[r.forecastStatus] : "",
      reviewLabel: r.review ? d.reviewFlag : "",
    })),
  };
}

async function breakdownSheet(db: DbTx, p: Principal, t: Messages, q: Record<string, unknown>): Promise<Sheet> {
  const d = t.dashboard;
  const b = await getBreakdowns(db, p, { unit: q.unit, date: q.date });
  return {
    name: d.tables.breakdowns,
    title: `${fill(d.breakdownsTitle, { date: formatDate(b.date) })} — ${b.unit.fullName}`,
    columns: [
      { key: "dimension", label: d.figure },
      { key: "group", label: d.tables.breakdowns },
      { key: "count", label: d.count, type: "number" },
      { key: "share", label: `${d.share} (%)`, type: "number" },
    ],
    rows: DIMENSIONS.flatMap((dim) =>
      b.by[dim].map((x) => ({
        dimension: d.dims[dim],
        group: breakdownLabel(t, dim, x.key),
        count: x.count,
        share: b.total === 0 ? null : Math.round((x.count / b.total) * 10000) / 100,
      })),
    ),
  };
}

/** Builds the requested export. Throws ZodError (bad params) or AuthError (scope), like the pages. */
export async function exportDashboard(
  db: DbTx,
  p: Principal,
  t: Messages,
  input: unknown,
): Promise<{ body: string | Buffer; filename: string; kind: "csv" | "xlsx" }> {
  const q = exportQuerySchema.parse(input);
  const base = { unit: q.unit, date: q.date };
  const sheets: Sheet[] = [];
  const want = (x: ExportTable) => q.table === x || q.table === "all";
  let unitCode = q.unit ?? p.unitCode;
  let date = q.date ?? todayInVietnam();
  if (want("overview") || want("series")) {
    const o = await getOverview(db, p, base);
    unitCode = o.unit.code;
    date = o.date;
    if (want("overview")) sheets.push(overviewSheet(t, o));
    if (want("series")) sheets.push(seriesSheet(t, o));
  }
  if (want("league") || want("at-risk")) {
    const l = await getLeague(db, p, { ...base, sort: q.sort, dir: q.dir });
    unitCode = l.unit.code;
    date = l.date;
    if (want("league")) sheets.push(leagueSheet(t, l));
    if (want("at-risk")) sheets.push(leagueSheet(t, l, true));
  }
  if (want("agents")) {
    const s = await agentsSheet(db, p, t, { ...base, sort: q.sort, dir: q.dir });
    if (s) sheets.push(s);
  }
  if (want("breakdowns")) sheets.push(await breakdownSheet(db, p, t, base));
  const stem = `${q.table === "all" ? t.dashboard.title : t.dashboard.tables[q.table as Exclude<ExportTable, "all">]} ${unitCode} ${date}`.trim();
  if (q.format === "csv") {
    const s = sheets[0];
    return { body: s ? toCsv(s.columns, s.rows) : toCsv([], []), filename: `${stem}.csv`, kind: "csv" };
  }
  return { body: await toXlsx(sheets), filename: `${stem}.xlsx`, kind: "xlsx" };
}
