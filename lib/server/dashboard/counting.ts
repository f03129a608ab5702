// The one implementation of each count in docs/domain.md ("Counting"), shared by the hierarchy
// browser, dashboards, exports, the API and the seeds. docs/features/dashboard.md defines each figure.
//
// THE RULE: a figure "on D" counts only contributions PAID ON OR BEFORE D, so a figure for a past
// date never changes when a later payment is recorded (a late renewal, a back payment). For one
// person, a contribution counts from k = greatest(periodStart, paidOn) to its periodEnd; on D the
// person's latest known end E(D) = max(periodEnd | k ≤ D) makes them a participant (E(D) ≥ D),
// overdue (ended within the last 3 months) or lapsed (earlier), in the commune and with the agent
// of that latest-ending contribution. "New" uses the first covered date known on D:
// min(periodStart | paidOn ≤ D).
//
// The counts are read from aggregate tables (daily deltas per commune, area and province, and per
// agent) that triggers on "Contribution" keep in the same transaction as every write — see
// prisma/migrations/20261123050000_dashboard_aggregates and ADR 0501. Σ delta over day ≤ D is the
// count on D. The live definition (participantRowsSql) is used where people's attributes are needed
// (breakdowns) and by the consistency check.
import { Prisma } from "@/generated/prisma/client";
import { addMonths, fromIsoDate, type IsoDate } from "@/lib/domain/dates";
import type { DbTx } from "../db/client";
import { unitCondition, type UnitRef } from "../auth/authz";

export type GroupLevel = "provinceCode" | "areaCode" | "communeCode";
export type { UnitRef };

/** The level whose code names a unit's children in the data tables. */
export function childColumn(level: string): GroupLevel | null {
  return level === "NATION" ? "provinceCode" : level === "PROVINCE" ? "areaCode" : level === "AREA" ? "communeCode" : null;
}

// ------------------------------------------------------------------ aggregate reads

/** A row of a result: a unit (or a set of units summed, e.g. the nation = its provinces). */
export type Group = { key: string; codes: string[] };

export type StatusMeasure = "COVERED" | "OVERDUE" | "LAPSED";
export type StatusLevels = Record<StatusMeasure, number[]>; // one value per requested date
/** The status measures of the aggregates that are levels (Σ delta up to D): the three statuses, and the
 *  participants whose payments already reach the year end (ADR 1405, read by the forecast). */
export type LevelMeasure = StatusMeasure | "REACHES_YEAR_END";
const STATUSES: StatusMeasure[] = ["COVERED", "OVERDUE", "LAPSED"];

/** The aggregate rows that make up a unit: the nation has none of its own, it is its provinces. */
export async function groupOf(db: DbTx, unit: UnitRef): Promise<Group> {
  if (unit.level !== "NATION") return { key: unit.code, codes: [unit.code] };
  const provinces = await db.unit.findMany({ where: { level: "PROVINCE" }, select: { code: true }, orderBy: { code: "asc" } });
  return { key: unit.code, codes: provinces.map((p) => p.code) };
}

/** One group per child unit (none for a commune: its children are agents). */
export async function childGroups(db: DbTx, unit: UnitRef): Promise<Group[]> {
  if (unit.level === "COMMUNE") return [];
  const children = await db.unit.findMany({ where: { parentCode: unit.code }, select: { code: true }, orderBy: { code: "asc" } });
  return children.map((c) => ({ key: c.code, codes: [c.code] }));
}

function groupValues(groups: Group[]): Prisma.Sql {
  const pairs = groups.flatMap((g) => g.codes.map((c) => Prisma.sql`(${g.key}, ${c})`));
  return Prisma.sql`(VALUES ${Prisma.join(pairs)}) AS g(grp, code)`;
}

const n = (v: bigint | number | null | undefined) => Number(v ?? 0);

const first = (d: IsoDate) => fromIsoDate(`${d.slice(0, 7)}-01`);

/**
 * Σ delta up to each date, per key: the monthly sums before the date's month plus the daily deltas of
 * its month. `month` and `day` are SQL selects of (key, measure, month|day, delta) restricted to the groups.
 */
function levelsSql(dates: IsoDate[], month: (cond: Prisma.Sql) => Prisma.Sql, day: (cond: Prisma.Sql) => Prisma.Sql): Prisma.Sql {
  const parts = dates.flatMap((d, i) => [
    Prisma.sql`SELECT ${i}::int AS i, x.* FROM (${month(Prisma.sql`< ${first(d)}`)}) x`,
    Prisma.sql`SELECT ${i}::int AS i, x.* FROM (${day(Prisma.sql`BETWEEN ${first(d)} AND ${fromIsoDate(d)}`)}) x`,
  ]);
  return Prisma.join(parts, " UNION ALL ");
}

/** Participants, overdue and lapsed (or the measures asked for) on each date, per group. Groups without any row get zeros. */
export async function statusOn(db: DbTx, groups: Group[], dates: IsoDate[]): Promise<Map<string, StatusLevels>>;
export async function statusOn<M extends LevelMeasure>(db: DbTx, groups: Group[], dates: IsoDate[], measures: M[]): Promise<Map<string, Record<M, number[]>>>;
export async function statusOn(
  db: DbTx,
  groups: Group[],
  dates: IsoDate[],
  measures: LevelMeasure[] = STATUSES,
): Promise<Map<string, Record<string, number[]>>> {
  const out = new Map<string, Record<string, number[]>>();
  for (const g of groups) out.set(g.key, Object.fromEntries(measures.map((m) => [m, dates.map(() => 0)])));
  if (groups.length === 0 || dates.length === 0) return out;
  const wanted = Prisma.sql`s.measure IN (${Prisma.join(measures.map((m) => Prisma.sql`${m}::"DashboardMeasure"`))})`;
  const rows = await db.$queryRaw<{ grp: string; measure: string; i: number; v: bigint }[]>`
    WITH g AS (SELECT * FROM ${groupValues(groups)})
    SELECT grp, measure::text AS measure, i, sum(delta) AS v FROM (${levelsSql(
      dates,
      (c) => Prisma.sql`SELECT g.grp, s.measure, s.delta FROM g JOIN "DashboardStatusMonth" s ON s."unitCode" = g.code WHERE ${wanted} AND s.month ${c}`,
      (c) => Prisma.sql`SELECT g.grp, s.measure, s.delta FROM g JOIN "DashboardStatusDelta" s ON s."unitCode" = g.code WHERE ${wanted} AND s.day ${c}`,
    )}) u GROUP BY 1, 2, 3`;
  for (const r of rows) out.get(r.grp)![r.measure][Number(r.i)] = n(r.v);
  return out;
}

/** Coverage ends of a window per group, as known on D (ADR 1405). */
export type RenewalFacts = {
  /** contributions ending in the window paid on or before D (the forecast's) */
  ended: number;
  /** of them, followed by a contribution of the same person reaching further, paid within 3 months of the end */
  renewed: number;
  /** contributions ending in the window, whenever paid (the retention page's, lib/server/dashboard/retention.ts) */
  endedAll: number;
  /** of those, followed by a contribution starting the day after the end, paid within 3 months of it and by D */
  renewedNext: number;
};

/**
 * Coverage ends per group in [from, to) as known on D, from the renewal aggregates (ADR 1405). The months
 * before D's month from the monthly table; D's month from the daily one, which holds only the facts known
 * two calendar months or more after their end's month — all that can fall in D's month when the window
 * ends at least a month before D's month begins (the forecast's and the retention page's end 3 months before D).
 */
export async function renewalFactsOn(db: DbTx, groups: Group[], window: { from: IsoDate; to: IsoDate }, on: IsoDate): Promise<Map<string, RenewalFacts>> {
  const latest = addMonths(`${on.slice(0, 7)}-01`, -1);
  if (window.to > latest) throw new Error(`renewalFactsOn: the window must end by ${latest}`);
  const out = new Map<string, RenewalFacts>(groups.map((g) => [g.key, { ended: 0, renewed: 0, endedAll: 0, renewedNext: 0 }]));
  if (groups.length === 0) return out;
  const ends = (col: string) => Prisma.sql`${Prisma.raw(col)} >= ${fromIsoDate(window.from)} AND ${Prisma.raw(col)} < ${fromIsoDate(window.to)}`;
  const before = Prisma.sql`s."knownMonth" < ${first(on)}`;
  const rows = await db.$queryRaw<{ grp: string; ended: bigint; renewed: bigint; endedAll: bigint; renewedNext: bigint }[]>`
    WITH g AS (SELECT * FROM ${groupValues(groups)})
    SELECT grp, sum(ended) AS ended, sum(renewed) AS renewed, sum("endedAll") AS "endedAll", sum("renewedNext") AS "renewedNext" FROM (
      SELECT g.grp, CASE WHEN ${before} THEN s.ended ELSE 0 END AS ended, CASE WHEN ${before} THEN s.renewed ELSE 0 END AS renewed,
             s.ended AS "endedAll", CASE WHEN ${before} THEN s."renewedNext" ELSE 0 END AS "renewedNext"
      FROM g JOIN "DashboardRenewalMonth" s ON s."unitCode" = g.code
      WHERE ${ends(`s."endDay"`)}
      UNION ALL
      SELECT g.grp, s.ended, s.renewed, 0, s."renewedNext" FROM g JOIN "DashboardRenewalDelta" s ON s."unitCode" = g.code
      WHERE s."knownOn" BETWEEN ${first(on)} AND ${fromIsoDate(on)} AND ${ends(`s."endDay"`)}
    ) u GROUP BY 1`;
  for (const r of rows) out.set(r.grp, { ended: n(r.ended), renewed: n(r.renewed), endedAll: n(r.endedAll), renewedNext: n(r.renewedNext) });
  return out;
}

/** Monthly figures per group for the months from `fromMonth` (yyyy-mm) to D's month:
 *  participants at each month's end (at D for D's month) and people who became lapsed in each month (up to D). */
export async function monthlyOn(
  db: DbTx,
  groups: Group[],
  fromMonth: string,
  on: IsoDate,
): Promise<Map<string, { month: string; participants: number; lapsed: number }[]>> {
  const months = monthsBetween(fromMonth, on.slice(0, 7));
  const out = new Map<string, { month: string; participants: number; lapsed: number }[]>();
  for (const g of groups)
    out.set(
      g.key,
      months.map((month) => ({ month, participants: 0, lapsed: 0 })),
    );
  if (groups.length === 0) return out;
  const from = fromIsoDate(`${fromMonth}-01`);
  const wanted = Prisma.sql`(s.measure = 'COVERED' OR s.measure = 'LAPSE_EVENT')`;
  // months before D's month from the monthly sums (everything before `from` collapses into the base), D's month from its days up to D
  const rows = await db.$queryRaw<{ grp: string; measure: string; month: string; v: bigint }[]>`
    WITH g AS (SELECT * FROM ${groupValues(groups)})
    SELECT grp, measure::text AS measure, month, sum(delta) AS v FROM (
      SELECT g.grp, s.measure, CASE WHEN s.month < ${from} THEN '' ELSE to_char(s.month, 'YYYY-MM') END AS month, s.delta
      FROM g JOIN "DashboardStatusMonth" s ON s."unitCode" = g.code
      WHERE ${wanted} AND s.month < ${first(on)} AND (s.measure = 'COVERED' OR s.month >= ${from})
      UNION ALL
      SELECT g.grp, s.measure, to_char(s.day, 'YYYY-MM'), s.delta
      FROM g JOIN "DashboardStatusDelta" s ON s."unitCode" = g.code
      WHERE ${wanted} AND s.day BETWEEN ${first(on)} AND ${fromIsoDate(on)}
    ) u GROUP BY 1, 2, 3`;
  const base = new Map<string, number>();
  const covered = new Map<string, number>();
  const lapsed = new Map<string, number>();
  for (const r of rows) {
    if (r.measure === "COVERED" && r.month === "") base.set(r.grp, n(r.v));
    else if (r.measure === "COVERED") covered.set(`${r.grp}|${r.month}`, n(r.v));
    else lapsed.set(`${r.grp}|${r.month}`, n(r.v));
  }
  for (const [key, list] of out) {
    let level = base.get(key) ?? 0;
    for (const m of list) {
      level += covered.get(`${key}|${m.month}`) ?? 0;
      m.participants = level;
      m.lapsed = lapsed.get(`${key}|${m.month}`) ?? 0;
    }
  }
  return out;
}

/** New participants per month of D's year up to D: people whose first covered date known on D
 *  falls in that month (and not after D). Keys: group → month (yyyy-mm) → count.
 *  `range` (first covered dates from..to, as known on D) reads other months, e.g. past years for the forecast. */
export async function newByMonth(db: DbTx, groups: Group[], on: IsoDate, range?: { from: IsoDate; to: IsoDate }): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  for (const g of groups) out.set(g.key, new Map());
  if (groups.length === 0) return out;
  const d = fromIsoDate(on);
  const inYear = (col: string) =>
    Prisma.sql`${Prisma.raw(col)} BETWEEN ${fromIsoDate(range?.from ?? `${on.slice(0, 4)}-01-01`)} AND ${range ? fromIsoDate(range.to) : d}`;
  const rows = await db.$queryRaw<{ grp: string; month: string; v: bigint }[]>`
    WITH g AS (SELECT * FROM ${groupValues(groups)})
    SELECT grp, to_char(fs, 'YYYY-MM') AS month, sum(delta) AS v FROM (
      SELECT g.grp, s."firstStart" AS fs, s.delta FROM g JOIN "DashboardNewMonth" s ON s."unitCode" = g.code
      WHERE ${inYear(`s."firstStart"`)} AND s."knownMonth" < ${first(on)}
      UNION ALL
      SELECT g.grp, s."firstStart", s.delta FROM g JOIN "DashboardNewDelta" s ON s."unitCode" = g.code
      WHERE ${inYear(`s."firstStart"`)} AND s."knownOn" BETWEEN ${first(on)} AND ${d}
    ) u GROUP BY 1, 2`;
  for (const r of rows) out.get(r.grp)!.set(r.month, n(r.v));
  return out;
}

/** Participants attributed to each agent on each date (the agent of the person's latest-ending contribution known on D). */
export async function agentParticipantsOn(db: DbTx, agentIds: number[], dates: IsoDate[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(agentIds.map((id) => [id, dates.map(() => 0)]));
  if (agentIds.length === 0 || dates.length === 0) return out;
  const ids = Prisma.join(agentIds);
  const rows = await db.$queryRaw<{ agentId: number; i: number; v: bigint }[]>`
    SELECT "agentId", i, sum(delta) AS v FROM (${levelsSql(
      dates,
      (c) => Prisma.sql`SELECT "agentId", delta FROM "DashboardAgentMonth" WHERE "agentId" IN (${ids}) AND month ${c}`,
      (c) => Prisma.sql`SELECT "agentId", delta FROM "DashboardAgentDelta" WHERE "agentId" IN (${ids}) AND day ${c}`,
    )}) u GROUP BY 1, 2`;
  for (const r of rows) out.get(Number(r.agentId))![Number(r.i)] = n(r.v);
  return out;
}

/** Agents' participants at each month's end from `fromMonth` to D's month (at D for D's month). */
export async function agentMonthlyOn(db: DbTx, agentIds: number[], fromMonth: string, on: IsoDate): Promise<Map<number, number[]>> {
  const months = monthsBetween(fromMonth, on.slice(0, 7));
  const out = new Map<number, number[]>(agentIds.map((id) => [id, months.map(() => 0)]));
  if (agentIds.length === 0) return out;
  const from = fromIsoDate(`${fromMonth}-01`);
  const ids = Prisma.join(agentIds);
  const rows = await db.$queryRaw<{ agentId: number; month: string; v: bigint }[]>`
    SELECT "agentId", month, sum(delta) AS v FROM (
      SELECT "agentId", CASE WHEN month < ${from} THEN '' ELSE to_char(month, 'YYYY-MM') END AS month, delta
      FROM "DashboardAgentMonth" WHERE "agentId" IN (${ids}) AND month < ${first(on)}
      UNION ALL
      SELECT "agentId", to_char(day, 'YYYY-MM'), delta FROM "DashboardAgentDelta" WHERE "agentId" IN (${ids}) AND day BETWEEN ${first(on)} AND ${fromIsoDate(on)}
    ) u GROUP BY 1, 2`;
  const by = new Map<string, number>(rows.map((r) => [`${r.agentId}|${r.month}`, n(r.v)]));
  for (const [id, values] of out) {
    let level = by.get(`${id}|`) ?? 0;
    months.forEach((m, i) => {
      level += by.get(`${id}|${m}`) ?? 0;
      values[i] = level;
    });
  }
  return out;
}

/** yyyy-mm months from `from` to `to` inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split("-").map(Number);
  const [ty, tm] = to.split("-").map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

// ------------------------------------------------------------------ the historical API

/** Participants on D in a unit (contributions paid on or before D). */
export async function countParticipants(db: DbTx, unit: UnitRef, on: IsoDate): Promise<number> {
  const g = await groupOf(db, unit);
  return (await statusOn(db, [g], [on])).get(g.key)!.COVERED[0];
}

/** Participants on D per child unit of `unit` (keys: child codes; children with none are absent). */
export async function countParticipantsByChild(db: DbTx, unit: UnitRef, on: IsoDate): Promise<Map<string, number>> {
  const groups = await childGroups(db, unit);
  const levels = await statusOn(db, groups, [on]);
  return new Map([...levels].filter(([, v]) => v.COVERED[0] !== 0).map(([k, v]) => [k, v.COVERED[0]]));
}

/** Registered enrollees per child unit (whatever their payments). */
export async function countEnrolleesByChild(db: DbTx, unit: UnitRef): Promise<Map<string, number>> {
  const col = childColumn(unit.level);
  if (!col) return new Map();
  const rows = await db.$queryRaw<{ code: string; n: bigint }[]>`
    SELECT ${Prisma.raw(`"${col}"`)} AS code, count(*) AS n FROM "Enrollee" WHERE ${unitCondition(unit)} GROUP BY 1`;
  return new Map(rows.map((r) => [r.code, Number(r.n)]));
}

/** Labour force of units for a year; a unit without its own figure uses the sum of its communes. */
export async function labourForceOf(db: DbTx, codes: string[], year: number): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db.$queryRaw<{ code: string; persons: bigint }[]>`
    SELECT u.code,
      COALESCE(
        (SELECT lf.persons FROM "LabourForce" lf WHERE lf."unitCode" = u.code AND lf.year = ${year}),
        (SELECT sum(lf.persons) FROM "LabourForce" lf JOIN "Unit" c ON c.code = lf."unitCode"
          WHERE lf.year = ${year} AND c.level = 'COMMUNE' AND (
            (u.level = 'NATION') OR (u.level = 'PROVINCE' AND c."provinceCode" = u.code) OR (u.level = 'AREA' AND c."areaCode" = u.code)))
      ) AS persons
    FROM "Unit" u WHERE u.code IN (${Prisma.join(codes)})`;
  return new Map(rows.map((r) => [r.code, Number(r.persons ?? 0)]));
}

// ------------------------------------------------------------------ the live definition

/**
 * The participants of a unit on D, one row per person with the contribution they are attributed to
 * (alias `c`: all "Contribution" columns), straight from "Contribution" — the definition the
 * aggregates implement. The person's latest-ending contribution known on D (ties: the later
 * greatest(periodStart, paidOn), then the higher id) must cover D and lie in the unit.
 * Scans the unit's contributions with periodStart ≤ D (index on unit, periodStart, periodEnd).
 */
export function participantRowsSql(unit: UnitRef, on: IsoDate): Prisma.Sql {
  const d = fromIsoDate(on);
  return Prisma.sql`(
    SELECT c.* FROM (
      SELECT DISTINCT ON (x."enrolleeId") x.* FROM "Contribution" x
      WHERE ${unitCondition(unit, "x")} AND x."periodStart" <= ${d} AND x."periodEnd" >= ${d} AND x."paidOn" <= ${d}
      ORDER BY x."enrolleeId", x."periodEnd" DESC, greatest(x."periodStart", x."paidOn") DESC, x.id DESC
    ) c
    WHERE NOT EXISTS (
      SELECT 1 FROM "Contribution" o
      WHERE o."enrolleeId" = c."enrolleeId" AND o."periodStart" <= ${d} AND o."paidOn" <= ${d}
        AND (o."periodEnd", greatest(o."periodStart", o."paidOn"), o.id) > (c."periodEnd", greatest(c."periodStart", c."paidOn"), c.id)
    )
  )`;
}

/** Recomputes every aggregate from "Contribution" (after a bulk load with the triggers disabled, or
 *  to repair). Takes the aggregates' exclusive lock: contribution writes wait until it commits. */
export async function rebuildAggregates(db: DbTx): Promise<void> {
  await db.$queryRaw`SELECT 1 AS ok FROM (SELECT "dashboard_rebuild"()) x`;
}

/** Participants attributed to each agent on D (keys: agent ids; agents with none are absent). */
export async function countParticipantsByAgent(db: DbTx, agentIds: number[], on: IsoDate): Promise<Map<number, number>> {
  const levels = await agentParticipantsOn(db, agentIds, [on]);
  return new Map([...levels].filter(([, v]) => v[0] !== 0).map(([k, v]) => [k, v[0]]));
}
