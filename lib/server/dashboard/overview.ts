// Dashboards: a unit's figures on a date against plan and against Resolution 28, its children's
// league table, the forecast and the units at risk, the monthly series and the monthly report.
// Every figure comes from lib/server/dashboard/counting.ts (one definition each; docs/features/dashboard.md).
// Each read is scoped: the unit must lie in the caller's scope (AuthError 404 otherwise).
import "server-only";
import { attainmentPct, changeVsLastYear, coveragePct, expectedParticipants, expectedShareBp, missingToExpected } from "@/lib/domain/coverage";
import { todayInVietnam, yearOf, type IsoDate } from "@/lib/domain/dates";
import { forecastYearEnd, type ForecastStatus } from "@/lib/domain/forecast";
import { lapseRatePct, monthEnd, reportDate, sameDateLastYear, sortRows, type SortDir } from "@/lib/domain/dashboard-figures";
import { dashboardQuerySchema, leagueQuerySchema, reportQuerySchema, seriesQuerySchema, type LeagueSort } from "@/lib/validation/dashboard";
import type { DbTx } from "../db/client";
import { assertCan, type Principal } from "../auth/authz";
import { childColumn, childGroups, groupOf, labourForceOf, monthlyOn, newByMonth, statusOn, type Group } from "./counting";
import { ancestorsOf, cohortInputs, type CohortInputs } from "./forecast";
import { loadMilestones } from "../reference/policy";
import { getBreadcrumbs, getUnit, type UnitSummary } from "../units/browser";
import { agentFigures, agentsServing, type AgentFigures } from "./agents";

export type MonthFigures = {
  month: string; // yyyy-mm
  /** participants at the month's end (at D for D's month); null after D's month */
  participants: number | null;
  lastYear: number;
  newCount: number | null;
  lapsed: number | null;
};

export type UnitFigures = {
  participants: number;
  participantsLastYear: number;
  change: { delta: number; pct: number | null };
  target: number | null;
  attainmentPct: number | null;
  newThisYear: number;
  overdue: number;
  lapsed: number;
  lapsedThisYear: number;
  participantsAtYearStart: number;
  lapseRatePct: number | null;
  labourForce: number;
  coveragePct: number | null;
  expectedShareBp: number;
  expectedParticipants: number;
  missingToExpected: number;
  projected: number;
  forecastStatus: ForecastStatus | null; // null without a target
  shortfall: number | null;
  /** the forecast's parts (ADR 1401): participants staying covered to the year end, expected renewals, expected new */
  forecastParts: { staying: number; renewals: number; newExpected: number; renewalRateBp: number };
  months: MonthFigures[]; // January to December of D's year
};

type Ctx = { targets: Map<string, number | null>; labourForce: Map<string, number>; shareBp: number; cohorts: Map<string, CohortInputs> };

/** All figures of several groups on D, in three aggregate queries whatever the number of groups. */
async function figuresOf(db: DbTx, groups: Group[], on: IsoDate, ctx: Ctx): Promise<Map<string, UnitFigures>> {
  const year = yearOf(on);
  const [status, monthly, news] = await Promise.all([
    statusOn(db, groups, [on, sameDateLastYear(on)]),
    monthlyOn(db, groups, `${year - 1}-01`, on),
    newByMonth(db, groups, on),
  ]);
  const out = new Map<string, UnitFigures>();
  for (const g of groups) {
    const st = status.get(g.key)!;
    const ms = monthly.get(g.key)!;
    const lastYear = ms.slice(0, 12);
    const thisYear = ms.slice(12);
    const nm = news.get(g.key)!;
    const participants = st.COVERED[0];
    const target = ctx.targets.get(g.key) ?? null;
    const labourForce = ctx.labourForce.get(g.key) ?? 0;
    const participantsAtYearStart = lastYear[11].participants;
    const lapsedThisYear = thisYear.reduce((s, m) => s + m.lapsed, 0);
    const newThisYear = [...nm.values()].reduce((s, v) => s + v, 0);
    const co = ctx.cohorts.get(g.key)!;
    const f = forecastYearEnd({
      on,
      participants,
      ending: co.ending,
      inGrace: st.OVERDUE[0],
      renewalBp: co.renewalBp,
      newPerMonth: co.newPerMonth,
      newThisYear,
      target: target ?? 0,
    });
    const months: MonthFigures[] = lastYear.map((ly, i) => {
      const cur = thisYear[i];
      return {
        month: `${year}-${ly.month.slice(5)}`,
        participants: cur?.participants ?? null,
        lastYear: ly.participants,
        newCount: cur ? (nm.get(cur.month) ?? 0) : null,
        lapsed: cur?.lapsed ?? null,
      };
    });
    out.set(g.key, {
      participants,
      participantsLastYear: st.COVERED[1],
      change: changeVsLastYear(participants, st.COVERED[1]),
      target,
      attainmentPct: target === null ? null : attainmentPct(participants, target),
      newThisYear,
      overdue: st.OVERDUE[0],
      lapsed: st.LAPSED[0],
      lapsedThisYear,
      participantsAtYearStart,
      lapseRatePct: lapseRatePct(lapsedThisYear, participantsAtYearStart),
      labourForce,
      coveragePct: coveragePct(participants, labourForce),
      expectedShareBp: ctx.shareBp,
      expectedParticipants: expectedParticipants(labourForce, ctx.shareBp),
      missingToExpected: missingToExpected(participants, labourForce, ctx.shareBp),
      projected: f.projected,
      forecastStatus: target === null ? null : f.status,
      shortfall: target === null ? null : f.shortfall,
      forecastParts: { staying: f.staying, renewals: f.renewals, newExpected: f.newExpected, renewalRateBp: co.renewalBp },
      months,
    });
  }
  return out;
}

/** Targets of units for a year (units without a row: absent). */
async function targetsOf(db: DbTx, codes: string[], year: number): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db.target.findMany({ where: { year, unitCode: { in: codes } }, select: { unitCode: true, participants: true } });
  return new Map(rows.map((r) => [r.unitCode!, r.participants]));
}

export type TargetSource = "OWN" | "CHILDREN" | null;

/** A unit's target: its own row; without one (e.g. the nation), the sum of its children's, marked as such. */
async function unitTarget(db: DbTx, unit: UnitSummary, year: number): Promise<{ value: number | null; source: TargetSource }> {
  const own = await db.target.findUnique({ where: { year_unitCode: { year, unitCode: unit.code } }, select: { participants: true } });
  if (own) return { value: own.participants, source: "OWN" };
  if (unit.level === "COMMUNE") return { value: null, source: null };
  const sum = await db.target.aggregate({ where: { year, unit: { parentCode: unit.code } }, _sum: { participants: true }, _count: { _all: true } });
  return sum._count._all > 0 ? { value: sum._sum.participants ?? 0, source: "CHILDREN" } : { value: null, source: null };
}

async function resolve(db: DbTx, p: Principal, unitCode: string | undefined, date: IsoDate | undefined) {
  assertCan(p, "unit.read");
  const unit = await getUnit(db, p, unitCode ?? p.unitCode);
  return { unit, on: date ?? todayInVietnam() };
}

// ------------------------------------------------------------------ overview

export type Overview = {
  unit: UnitSummary;
  breadcrumbs: UnitSummary[];
  date: IsoDate;
  lastYearDate: IsoDate;
  year: number;
  targetSource: TargetSource;
  figures: UnitFigures;
};

export async function getOverview(db: DbTx, p: Principal, input: unknown): Promise<Overview> {
  const q = dashboardQuerySchema.parse(input);
  const { unit, on } = await resolve(db, p, q.unit, q.date);
  return overviewOf(db, p, unit, on);
}

async function overviewOf(db: DbTx, p: Principal, unit: UnitSummary, on: IsoDate): Promise<Overview> {
  const year = yearOf(on);
  const [group, target, lf, milestones, breadcrumbs] = await Promise.all([
    groupOf(db, unit),
    unitTarget(db, unit, year),
    labourForceOf(db, [unit.code], year),
    loadMilestones(db),
    getBreadcrumbs(db, p, unit),
  ]);
  const cohorts = await cohortInputs(db, unit, null, [group], ancestorsOf(unit), on);
  const figures = (
    await figuresOf(db, [group], on, {
      targets: new Map([[unit.code, target.value]]),
      labourForce: lf,
      shareBp: expectedShareBp(year, milestones),
      cohorts,
    })
  ).get(unit.code)!;
  return { unit, breadcrumbs, date: on, lastYearDate: sameDateLastYear(on), year, targetSource: target.source, figures };
}

// ------------------------------------------------------------------ league table

export type LeagueRow = Omit<UnitFigures, "months"> & {
  code: string;
  name: string;
  /** a unit row drills down to that unit's dashboard; an agent row (children of a commune) to the agent */
  kind: "UNIT" | "AGENT";
  agentId: number | null;
};

export type League = {
  unit: UnitSummary;
  date: IsoDate;
  kind: "UNITS" | "AGENTS";
  sort: LeagueSort;
  dir: SortDir;
  rows: LeagueRow[];
  /** rows whose forecast is AT_RISK or OFF_TRACK, the largest shortfall first */
  atRisk: LeagueRow[];
};

const LEAGUE_VALUE: Record<LeagueSort, (r: LeagueRow) => number | string | null> = {
  code: (r) => r.code,
  name: (r) => r.name,
  participants: (r) => r.participants,
  target: (r) => r.target,
  attainment: (r) => r.attainmentPct,
  change: (r) => r.change.delta,
  changePct: (r) => r.change.pct,
  coverage: (r) => r.coveragePct,
  lapseRate: (r) => r.lapseRatePct,
  projected: (r) => r.projected,
  shortfall: (r) => r.shortfall,
};

export const DEFAULT_LEAGUE_SORT: { sort: LeagueSort; dir: SortDir } = { sort: "attainment", dir: "desc" };

export async function getLeague(db: DbTx, p: Principal, input: unknown): Promise<League> {
  const q = leagueQuerySchema.parse(input);
  const { unit, on } = await resolve(db, p, q.unit, q.date);
  const sort = q.sort ?? DEFAULT_LEAGUE_SORT.sort;
  const dir = q.dir ?? (q.sort ? "asc" : DEFAULT_LEAGUE_SORT.dir);
  const rows = unit.level === "COMMUNE" ? await agentLeagueRows(db, unit, on) : await unitLeagueRows(db, unit, on);
  return {
    unit,
    date: on,
    kind: unit.level === "COMMUNE" ? "AGENTS" : "UNITS",
    sort,
    dir,
    rows: sortRows(rows, LEAGUE_VALUE[sort], dir),
    atRisk: atRiskOf(rows),
  };
}

/** Units (or agents) whose forecast misses the target, sorted by how many participants they are short. */
export function atRiskOf<T extends { forecastStatus: ForecastStatus | null; shortfall: number | null; code: string }>(rows: T[]): T[] {
  return sortRows(
    rows.filter((r) => r.forecastStatus === "AT_RISK" || r.forecastStatus === "OFF_TRACK"),
    (r) => r.shortfall,
    "desc",
  );
}

async function unitLeagueRows(db: DbTx, unit: UnitSummary, on: IsoDate): Promise<LeagueRow[]> {
  const year = yearOf(on);
  const children = await db.unit.findMany({ where: { parentCode: unit.code }, select: { code: true, fullName: true }, orderBy: { code: "asc" } });
  const codes = children.map((c) => c.code);
  const [groups, targets, lf, milestones] = await Promise.all([
    childGroups(db, unit),
    targetsOf(db, codes, year),
    labourForceOf(db, codes, year),
    loadMilestones(db),
  ]);
  const cohorts = await cohortInputs(db, unit, childColumn(unit.level), groups, [unit, ...ancestorsOf(unit)], on);
  const figures = await figuresOf(db, groups, on, {
    targets: new Map(codes.map((c) => [c, targets.get(c) ?? null])),
    labourForce: lf,
    shareBp: expectedShareBp(year, milestones),
    cohorts,
  });
  return children.map((c) => {
    const { months: _m, ...f } = figures.get(c.code)!;
    return { ...f, code: c.code, name: c.fullName, kind: "UNIT" as const, agentId: null };
  });
}

/** A commune's children are the agents serving it; their figures are the agents' own (all their communes). */
async function agentLeagueRows(db: DbTx, unit: UnitSummary, on: IsoDate): Promise<LeagueRow[]> {
  const agents = await agentsServing(db, unit);
  const figures = await agentFigures(db, agents, on);
  return figures.map((a) => agentAsLeagueRow(a));
}

function agentAsLeagueRow(a: AgentFigures): LeagueRow {
  return {
    code: a.code,
    name: a.name,
    kind: "AGENT",
    agentId: a.id,
    participants: a.participants,
    participantsLastYear: a.participantsLastYear,
    change: a.change,
    target: a.target,
    attainmentPct: a.attainmentPct,
    newThisYear: 0,
    overdue: 0,
    lapsed: 0,
    lapsedThisYear: 0,
    participantsAtYearStart: 0,
    lapseRatePct: null,
    labourForce: 0,
    coveragePct: null,
    expectedShareBp: 0,
    expectedParticipants: 0,
    missingToExpected: 0,
    projected: a.projected,
    forecastStatus: a.forecastStatus,
    shortfall: a.shortfall,
    forecastParts: a.forecastParts,
  };
}

// ------------------------------------------------------------------ series

export type Series = { unit: UnitSummary; year: number; asOf: IsoDate; target: number | null; targetSource: TargetSource; months: MonthFigures[] };

/** Month by month for a year: participants at each month's end (this year up to today, and last year), new and lapsed per month. */
export async function getSeries(db: DbTx, p: Principal, input: unknown): Promise<Series> {
  const q = seriesQuerySchema.parse(input);
  const today = todayInVietnam();
  const year = q.year ?? yearOf(today);
  const asOf = year < yearOf(today) ? `${year}-12-31` : today;
  const o = await getOverview(db, p, { unit: q.unit, date: asOf });
  return { unit: o.unit, year, asOf, target: o.figures.target, targetSource: o.targetSource, months: o.figures.months };
}

// ------------------------------------------------------------------ monthly report

export type MonthlyReport = { month: string; date: IsoDate; overview: Overview; league: League };

export async function getMonthlyReport(db: DbTx, p: Principal, input: unknown): Promise<MonthlyReport> {
  const q = reportQuerySchema.parse(input);
  const today = todayInVietnam();
  const month = q.month ?? today.slice(0, 7);
  const date = reportDate(month, today);
  const overview = await getOverview(db, p, { unit: q.unit, date });
  const league = await getLeague(db, p, { unit: overview.unit.code, date, sort: "code", dir: "asc" });
  return { month, date, overview, league };
}

export { monthEnd };
