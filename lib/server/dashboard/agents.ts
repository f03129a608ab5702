// Collection agents on the dashboard: each agent's participants (people whose latest-ending
// contribution it collected — lib/server/dashboard/counting.ts), against its own target, with the forecast
// and the "cần rà soát" flag after the first half of the year (threshold: a policy parameter). The forecast
// is the units' cohort model (lib/domain/forecast.ts, ADR 1401) on the agent's own cohorts
// (lib/server/dashboard/forecast.ts agentCohortInputs), so it does not drop at a month's start either.
import "server-only";
import type { AgentKind, AgentStatus } from "@/generated/prisma/enums";
import { attainmentPct, changeVsLastYear } from "@/lib/domain/coverage";
import { todayInVietnam, yearOf, type IsoDate } from "@/lib/domain/dates";
import { forecastYearEnd, type ForecastStatus } from "@/lib/domain/forecast";
import { inForce } from "@/lib/domain/policy";
import { needsReview, reviewApplies, sameDateLastYear, sortRows, type SortDir } from "@/lib/domain/dashboard-figures";
import { agentsQuerySchema, type AgentSort } from "@/lib/validation/dashboard";
import type { DbTx } from "../db/client";
import { assertCan, type Principal } from "../auth/authz";
import { agentParticipantsOn } from "./counting";
import { agentCohortInputs } from "./forecast";
import { loadPolicyTables } from "../reference/policy";
import { getUnit, type UnitSummary } from "../units/browser";

export type AgentRef = { id: number; code: string; name: string; kind: AgentKind; status: AgentStatus; areaCode: string };

export type AgentFigures = AgentRef & {
  participants: number;
  participantsLastYear: number;
  change: { delta: number; pct: number | null };
  target: number | null;
  attainmentPct: number | null;
  projected: number;
  forecastStatus: ForecastStatus | null;
  shortfall: number | null;
  /** the forecast's parts (ADR 1401), as for units */
  forecastParts: { staying: number; renewals: number; newExpected: number; renewalRateBp: number };
};

const agentSelect = { id: true, code: true, name: true, kind: true, status: true, areaCode: true } as const;

/** The agents working in a unit: a commune's agents serve it; an area's or province's are bound to it. */
export async function agentsServing(db: DbTx, unit: UnitSummary): Promise<AgentRef[]> {
  const where =
    unit.level === "COMMUNE"
      ? { communes: { some: { communeCode: unit.code } } }
      : unit.level === "AREA"
        ? { areaCode: unit.code }
        : unit.level === "PROVINCE"
          ? { provinceCode: unit.code }
          : {};
  return db.collectionAgent.findMany({ where, select: agentSelect, orderBy: { code: "asc" } });
}

/** Figures of agents on D: a fixed number of queries whatever their number. */
export async function agentFigures(db: DbTx, agents: AgentRef[], on: IsoDate): Promise<AgentFigures[]> {
  if (agents.length === 0) return [];
  const year = yearOf(on);
  const ids = agents.map((a) => a.id);
  const [levels, cohorts, targets] = await Promise.all([
    agentParticipantsOn(db, ids, [on, sameDateLastYear(on)]),
    agentCohortInputs(db, agents, on),
    db.target.findMany({ where: { year, agentId: { in: ids } }, select: { agentId: true, participants: true } }),
  ]);
  const targetOf = new Map(targets.map((t) => [t.agentId!, t.participants]));
  return agents.map((a) => {
    const [participants, participantsLastYear] = levels.get(a.id)!;
    const co = cohorts.get(a.id)!;
    const target = targetOf.get(a.id) ?? null;
    const f = forecastYearEnd({
      on,
      participants,
      ending: Math.min(co.ending, participants),
      inGrace: co.inGrace,
      renewalBp: co.renewalBp,
      newPerMonth: co.newPerMonth,
      newThisYear: co.newThisYear,
      target: target ?? 0,
    });
    return {
      ...a,
      participants,
      participantsLastYear,
      change: changeVsLastYear(participants, participantsLastYear),
      target,
      attainmentPct: target === null ? null : attainmentPct(participants, target),
      projected: f.projected,
      forecastStatus: target === null ? null : f.status,
      shortfall: target === null ? null : f.shortfall,
      forecastParts: { staying: f.staying, renewals: f.renewals, newExpected: f.newExpected, renewalRateBp: co.renewalBp },
    };
  });
}

export type AgentRow = AgentFigures & { review: boolean };

export type AgentTable = {
  unit: UnitSummary;
  date: IsoDate;
  /** the nation has tens of thousands of agents: the table asks for a province */
  tooBroad: boolean;
  thresholdBp: number | null;
  reviewApplies: boolean;
  sort: AgentSort;
  dir: SortDir;
  rows: AgentRow[]; // this page
  total: number;
  flagged: number;
  page: number;
  pageSize: number;
};

export const AGENT_TABLE_PAGE_SIZE = 50;

const AGENT_VALUE: Record<AgentSort, (r: AgentRow) => number | string | null> = {
  code: (r) => r.code,
  name: (r) => r.name,
  participants: (r) => r.participants,
  target: (r) => r.target,
  attainment: (r) => r.attainmentPct,
  change: (r) => r.change.delta,
  projected: (r) => r.projected,
  shortfall: (r) => r.shortfall,
};

/** The agents working in the unit with their attainment; flagged for review below the threshold after 30 June. */
export async function getAgentTable(db: DbTx, p: Principal, input: unknown, opts: { all?: boolean } = {}): Promise<AgentTable> {
  const q = agentsQuerySchema.parse(input);
  assertCan(p, "unit.read");
  const unit = await getUnit(db, p, q.unit ?? p.unitCode);
  const on = q.date ?? todayInVietnam();
  const sort = q.sort ?? "attainment";
  const dir = q.dir ?? "asc";
  const base = { unit, date: on, sort, dir, page: 1, pageSize: AGENT_TABLE_PAGE_SIZE, reviewApplies: reviewApplies(on) };
  if (unit.level === "NATION") return { ...base, tooBroad: true, thresholdBp: null, rows: [], total: 0, flagged: 0 };
  const tables = await loadPolicyTables(db);
  const thresholdBp =
    inForce(
      tables.parameters.filter((x) => x.kind === "AGENT_REVIEW_THRESHOLD_BP"),
      on,
    )?.value ?? null;
  const figures = await agentFigures(db, await agentsServing(db, unit), on);
  // an ended contract is not reviewed: it has already ended
  const rows: AgentRow[] = figures.map((a) => ({ ...a, review: a.status !== "ENDED" && needsReview(a.participants, a.target, thresholdBp, on) }));
  const sorted = sortRows(rows, AGENT_VALUE[sort], dir);
  const pages = Math.max(1, Math.ceil(sorted.length / AGENT_TABLE_PAGE_SIZE));
  const page = Math.min(q.page ?? 1, pages);
  return {
    ...base,
    tooBroad: false,
    thresholdBp,
    total: rows.length,
    flagged: rows.filter((r) => r.review).length,
    page,
    rows: opts.all ? sorted : sorted.slice((page - 1) * AGENT_TABLE_PAGE_SIZE, page * AGENT_TABLE_PAGE_SIZE),
  };
}
