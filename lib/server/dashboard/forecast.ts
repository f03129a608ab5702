// The cohorts behind the year-end forecast (lib/domain/forecast.ts, ADR 1401): participants whose
// coverage ends before the year end, the units' measured renewal rates (with the parent's as a
// fallback) and their seasonal pattern of new participants — for units and for collection agents
// (agentCohortInputs). Same rule as every figure: only contributions paid on or before D count.
// The units' inputs are read from the dashboard aggregates (ADR 1405: participants reaching the year
// end, coverage ends and their renewals, kept by the triggers of ADR 0501); the agents' are counted live
// over their own people.
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { addMonths, fromIsoDate, yearOf, type IsoDate } from "@/lib/domain/dates";
import { GRACE_MONTHS, MIN_RENEWAL_ENDS, SEASONAL_YEARS, renewalRateBp, renewalWindow, seasonalNewPerMonth, type RenewalCounts } from "@/lib/domain/forecast";
import type { DbTx } from "../db/client";
import type { UnitRef } from "../auth/authz";
import { groupOf, newByMonth, renewalFactsOn, statusOn, type Group, type GroupLevel } from "./counting";
import { sharedComputation } from "../db/shared-computation";

const n = (v: bigint | number | null | undefined) => Number(v ?? 0);

/** Participants on D none of whose contributions paid by D reaches 31 December of D's year, per group
 *  (a renewal paid in advance for a period starting later already counts as renewed): participants
 *  minus those whose payments reach the year end, both kept as aggregates (ADR 1405). */
export async function endingBeforeYearEnd(db: DbTx, groups: Group[], on: IsoDate): Promise<Map<string, number>> {
  const levels = await statusOn(db, groups, [on], ["COVERED", "REACHES_YEAR_END"]);
  return new Map([...levels].map(([key, v]) => [key, v.COVERED[0] - v.REACHES_YEAR_END[0]]));
}

/**
 * Coverage ends measured on D, per group: contributions known on D whose period ended in the
 * renewal window (ends whose grace period is over), and how many of them were renewed in time —
 * the same person has a contribution reaching further, paid no later than 3 months after that end.
 * Read from the renewal aggregates (ADR 1405), attributed to the contribution's own units.
 */
export async function renewalCounts(db: DbTx, groups: Group[], on: IsoDate): Promise<Map<string, RenewalCounts>> {
  const facts = await renewalFactsOn(db, groups, renewalWindow(on), on);
  return new Map([...facts].map(([key, f]) => [key, { ended: f.ended, renewed: f.renewed }]));
}

/** renewalCounts over the contributions matching `where` (alias c), grouped by `key`. */
async function renewalCountsWhere(db: DbTx, key: Prisma.Sql, where: Prisma.Sql, on: IsoDate): Promise<Map<string, RenewalCounts>> {
  const w = renewalWindow(on);
  const rows = await db.$queryRaw<{ code: string; ended: bigint; renewed: bigint }[]>`
    SELECT ${key}::text AS code, count(*) AS ended,
      count(*) FILTER (WHERE EXISTS (
        SELECT 1 FROM "Contribution" o WHERE o."enrolleeId" = c."enrolleeId" AND o.id <> c.id
          AND o."periodEnd" > c."periodEnd" AND o."paidOn" <= (c."periodEnd" + make_interval(months => ${GRACE_MONTHS}))::date
      )) AS renewed
    FROM "Contribution" c
    WHERE ${where} AND c."periodEnd" >= ${fromIsoDate(w.from)} AND c."periodEnd" < ${fromIsoDate(w.to)} AND c."paidOn" <= ${fromIsoDate(on)}
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.code, { ended: n(r.ended), renewed: n(r.renewed) }]));
}

/** The units above a unit, nearest first (commune → area, province, nation). */
export function ancestorsOf(unit: UnitRef & { provinceCode: string | null; areaCode: string | null }): UnitRef[] {
  const out: UnitRef[] = [];
  if (unit.level === "COMMUNE" && unit.areaCode) out.push({ level: "AREA", code: unit.areaCode });
  if ((unit.level === "COMMUNE" || unit.level === "AREA") && unit.provinceCode) out.push({ level: "PROVINCE", code: unit.provinceCode });
  if (unit.level !== "NATION") out.push({ level: "NATION", code: "VN" });
  return out;
}

export type CohortInputs = { ending: number; renewalBp: number; renewalSource: "OWN" | "PARENT" | "FEW" | "DEFAULT"; newPerMonth: number[] | null };

/**
 * Forecast inputs of the groups of `scope` on D: its children (childCol set, `ancestors` = scope and
 * its ancestors, nearest first) or the scope itself (childCol null, `ancestors` = its ancestors).
 * An ancestor's renewal counts are read only when some group has too few ends of its own.
 */
export function cohortInputs(
  db: DbTx,
  scope: UnitRef,
  childCol: GroupLevel | null,
  groups: Group[],
  ancestors: UnitRef[],
  on: IsoDate,
): Promise<Map<string, CohortInputs>> {
  // dashboards asking the same at once share one computation, and at most FORECAST_AT_ONCE run in this
  // process (lib/server/db/shared-computation.ts): a guard kept from when the inputs were counted live
  // (16-22 s for the nation at 3 million enrollees, ADR 1405); from the aggregates they take milliseconds
  const key = JSON.stringify([scope.code, childCol, groups, ancestors.map((a) => a.code), on]); // a unit code is unique across levels (ADR 0001)
  return sharedComputation(db, "cohortInputs", key, FORECAST_AT_ONCE, () => computeCohortInputs(db, scope, childCol, groups, ancestors, on));
}

/** Dashboards' forecasts computed at once in one process (each holds up to 3 connections of the pool). */
const FORECAST_AT_ONCE = 2;

async function computeCohortInputs(
  db: DbTx,
  scope: UnitRef,
  childCol: GroupLevel | null,
  groups: Group[],
  ancestors: UnitRef[],
  on: IsoDate,
): Promise<Map<string, CohortInputs>> {
  const year = yearOf(on);
  const [ending, renewals, history] = await Promise.all([
    endingBeforeYearEnd(db, groups, on),
    renewalCounts(db, groups, on),
    newByMonth(db, groups, on, { from: `${year - SEASONAL_YEARS}-01-01`, to: `${year - 1}-12-31` }),
  ]);
  const none: RenewalCounts = { ended: 0, renewed: 0 };
  const own = (key: string) => renewals.get(key) ?? none;
  // ancestors' counts, read only when some group has too few ends of its own
  const up: RenewalCounts[] = [];
  const needUp = groups.some((g) => own(g.key).ended < MIN_RENEWAL_ENDS);
  if (needUp) {
    for (const a of ancestors) {
      const agg =
        a.code === scope.code && childCol
          ? [...renewals.values()].reduce((s, c) => ({ ended: s.ended + c.ended, renewed: s.renewed + c.renewed }), none)
          : ((await renewalCounts(db, [await groupOf(db, a)], on)).get(a.code) ?? none);
      up.push(agg);
      if (agg.ended >= MIN_RENEWAL_ENDS) break;
    }
  }
  const out = new Map<string, CohortInputs>();
  for (const g of groups) {
    const rate = renewalRateBp(own(g.key), up);
    const byMonth = history.get(g.key)!;
    const years = Array.from({ length: SEASONAL_YEARS }, (_, i) => year - SEASONAL_YEARS + i).map((y) =>
      Array.from({ length: 12 }, (_, m) => byMonth.get(`${y}-${String(m + 1).padStart(2, "0")}`) ?? 0),
    );
    out.set(g.key, {
      ending: ending.get(g.key) ?? 0,
      renewalBp: rate.bp,
      renewalSource: rate.source,
      newPerMonth: seasonalNewPerMonth(years),
    });
  }
  return out;
}

// ------------------------------------------------------------------ collection agents (issue 14 item 3)

export type AgentCohortInputs = CohortInputs & { participants: number; inGrace: number; newThisYear: number };

/**
 * The same cohorts for collection agents, counted live from "Contribution" for the agents given (their
 * people: those whose latest-ending contribution known on D the agent collected — the attribution of
 * lib/server/dashboard/counting.ts). New participants of an agent: people whose first contribution known
 * on D (their first covered date) it collected. An agent with fewer than MIN_RENEWAL_ENDS coverage ends
 * of its own borrows the rate of its area, then its province, then the nation.
 */
export async function agentCohortInputs(
  db: DbTx,
  agents: { id: number; areaCode: string; provinceCode?: string | null }[],
  on: IsoDate,
): Promise<Map<number, AgentCohortInputs>> {
  const out = new Map<number, AgentCohortInputs>();
  if (agents.length === 0) return out;
  const year = yearOf(on);
  const d = fromIsoDate(on);
  const ids = Prisma.join(agents.map((a) => a.id));
  // the agents' people, then each person's rows through the (enrolleeId, …) index: one short lookup per person
  // (a join over "people" let the planner scan every contribution of the country, ADR 1406)
  const people = Prisma.sql`SELECT DISTINCT "enrolleeId" FROM "Contribution" WHERE "agentId" IN (${ids}) AND "paidOn" <= ${d}`;
  const [status, renewals, news, areas] = await Promise.all([
    // each person's latest-ending contribution known on D (ties as in participantRowsSql): covered, ending before the year end, or in grace
    db.$queryRaw<{ agentId: number; participants: bigint; ending: bigint; inGrace: bigint }[]>`
      WITH latest AS (
        SELECT p."enrolleeId", l."agentId", l."periodEnd" FROM (${people}) p
        CROSS JOIN LATERAL (
          SELECT x."agentId", x."periodEnd" FROM "Contribution" x
          WHERE x."enrolleeId" = p."enrolleeId" AND x."periodStart" <= ${d} AND x."paidOn" <= ${d}
          ORDER BY x."periodEnd" DESC, greatest(x."periodStart", x."paidOn") DESC, x.id DESC LIMIT 1
        ) l
      )
      SELECT l."agentId",
        count(*) FILTER (WHERE l."periodEnd" >= ${d}) AS participants,
        count(*) FILTER (WHERE l."periodEnd" >= ${d} AND NOT EXISTS (SELECT 1 FROM "Contribution" o WHERE o."enrolleeId" = l."enrolleeId"
          AND o."paidOn" <= ${d} AND o."periodEnd" >= ${fromIsoDate(`${year}-12-31`)})) AS ending,
        count(*) FILTER (WHERE l."periodEnd" < ${d} AND l."periodEnd" >= ${fromIsoDate(addMonths(on, -GRACE_MONTHS))}) AS "inGrace"
      FROM latest l WHERE l."agentId" IN (${ids}) GROUP BY 1`,
    renewalCountsWhere(db, Prisma.sql`c."agentId"`, Prisma.sql`c."agentId" IN (${ids})`, on),
    // first covered date known on D, and the agent that collected that first contribution
    db.$queryRaw<{ agentId: number; month: string; v: bigint }[]>`
      SELECT f."agentId", to_char(f.fs, 'YYYY-MM') AS month, count(*) AS v FROM (${people}) p
      CROSS JOIN LATERAL (
        SELECT c."agentId", c."periodStart" AS fs FROM "Contribution" c
        WHERE c."enrolleeId" = p."enrolleeId" AND c."paidOn" <= ${d}
        ORDER BY c."periodStart", c.id LIMIT 1
      ) f WHERE f."agentId" IN (${ids}) AND f.fs BETWEEN ${fromIsoDate(`${year - SEASONAL_YEARS}-01-01`)} AND ${d} GROUP BY 1, 2`,
    db.unit.findMany({ where: { code: { in: [...new Set(agents.map((a) => a.areaCode))] } }, select: { code: true, provinceCode: true } }),
  ]);
  const provinceOf = new Map(areas.map((a) => [a.code, a.provinceCode]));
  const byId = new Map(status.map((r) => [Number(r.agentId), r]));
  const none: RenewalCounts = { ended: 0, renewed: 0 };
  // the fallback chain's counts, read once per unit and only when some agent has too few ends
  const memo = new Map<string, Promise<RenewalCounts>>();
  const countsOf = (u: UnitRef) => {
    if (!memo.has(u.code))
      memo.set(
        u.code,
        groupOf(db, u)
          .then((g) => renewalCounts(db, [g], on))
          .then((m) => m.get(u.code) ?? none),
      );
    return memo.get(u.code)!;
  };
  for (const a of agents) {
    const own = renewals.get(String(a.id)) ?? none;
    const up: RenewalCounts[] = [];
    if (own.ended < MIN_RENEWAL_ENDS) {
      const province = a.provinceCode ?? provinceOf.get(a.areaCode) ?? null;
      const chain: UnitRef[] = [
        { level: "AREA", code: a.areaCode },
        ...(province ? [{ level: "PROVINCE" as const, code: province }] : []),
        { level: "NATION", code: "VN" },
      ];
      for (const u of chain) {
        const c = await countsOf(u);
        up.push(c);
        if (c.ended >= MIN_RENEWAL_ENDS) break;
      }
    }
    const rate = renewalRateBp(own, up);
    const months = new Map<string, number>();
    for (const r of news) if (Number(r.agentId) === a.id) months.set(r.month, n(r.v));
    const years = Array.from({ length: SEASONAL_YEARS }, (_, i) => year - SEASONAL_YEARS + i).map((y) =>
      Array.from({ length: 12 }, (_, m) => months.get(`${y}-${String(m + 1).padStart(2, "0")}`) ?? 0),
    );
    const newThisYear = [...months].filter(([m]) => m.startsWith(`${year}-`)).reduce((s, [, v]) => s + v, 0);
    const st = byId.get(a.id);
    out.set(a.id, {
      participants: n(st?.participants),
      ending: n(st?.ending),
      inGrace: n(st?.inGrace),
      newThisYear,
      renewalBp: rate.bp,
      renewalSource: rate.source,
      newPerMonth: seasonalNewPerMonth(years),
    });
  }
  return out;
}
