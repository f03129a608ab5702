// The cohorts behind the year-end forecast (lib/domain/forecast.ts, ADR 1401): participants whose
// coverage ends before the year end, the units' measured renewal rates (with the parent's as a
// fallback) and their seasonal pattern of new participants. Same rule as every figure: only
// contributions paid on or before D count.
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { fromIsoDate, yearOf, type IsoDate } from "@/lib/domain/dates";
import {
  GRACE_MONTHS, MIN_RENEWAL_ENDS, SEASONAL_YEARS, renewalRateBp, renewalWindow, seasonalNewPerMonth, type RenewalCounts,
} from "@/lib/domain/forecast";
import type { DbTx } from "../db/client";
import { unitCondition, type UnitRef } from "../auth/authz";
import { newByMonth, participantRowsSql, type Group, type GroupLevel } from "./counting";

const n = (v: bigint | number | null | undefined) => Number(v ?? 0);

/** The SQL expression naming a row's group: the child column, or the scope's own code. */
const keyOf = (scope: UnitRef, childCol: GroupLevel | null, alias: string) =>
  childCol ? Prisma.raw(`${alias}."${childCol}"`) : Prisma.sql`${scope.code}::text`;

/** Participants on D none of whose contributions paid by D reaches 31 December of D's year, per group
 *  (a renewal paid in advance for a period starting later already counts as renewed). */
export async function endingBeforeYearEnd(db: DbTx, scope: UnitRef, childCol: GroupLevel | null, on: IsoDate): Promise<Map<string, number>> {
  const yearEnd = fromIsoDate(`${yearOf(on)}-12-31`);
  const rows = await db.$queryRaw<{ code: string; v: bigint }[]>`
    SELECT ${keyOf(scope, childCol, "p")} AS code, count(*) AS v FROM ${participantRowsSql(scope, on)} p
    WHERE NOT EXISTS (SELECT 1 FROM "Contribution" o WHERE o."enrolleeId" = p."enrolleeId" AND o."paidOn" <= ${fromIsoDate(on)} AND o."periodEnd" >= ${yearEnd})
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.code, n(r.v)]));
}

/**
 * Coverage ends measured on D, per group: contributions known on D whose period ended in the
 * renewal window (ends whose grace period is over), and how many of them were renewed in time —
 * the same person has a contribution reaching further, paid no later than 3 months after that end.
 */
export async function renewalCounts(db: DbTx, scope: UnitRef, childCol: GroupLevel | null, on: IsoDate): Promise<Map<string, RenewalCounts>> {
  const w = renewalWindow(on);
  const rows = await db.$queryRaw<{ code: string; ended: bigint; renewed: bigint }[]>`
    SELECT ${keyOf(scope, childCol, "c")} AS code, count(*) AS ended,
      count(*) FILTER (WHERE EXISTS (
        SELECT 1 FROM "Contribution" o WHERE o."enrolleeId" = c."enrolleeId" AND o.id <> c.id
          AND o."periodEnd" > c."periodEnd" AND o."paidOn" <= (c."periodEnd" + make_interval(months => ${GRACE_MONTHS}))::date
      )) AS renewed
    FROM "Contribution" c
    WHERE ${unitCondition(scope, "c")} AND c."periodEnd" >= ${fromIsoDate(w.from)} AND c."periodEnd" < ${fromIsoDate(w.to)} AND c."paidOn" <= ${fromIsoDate(on)}
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
export async function cohortInputs(
  db: DbTx, scope: UnitRef, childCol: GroupLevel | null, groups: Group[], ancestors: UnitRef[], on: IsoDate,
): Promise<Map<string, CohortInputs>> {
  const year = yearOf(on);
  const [ending, renewals, history] = await Promise.all([
    endingBeforeYearEnd(db, scope, childCol, on),
    renewalCounts(db, scope, childCol, on),
    newByMonth(db, groups, on, { from: `${year - SEASONAL_YEARS}-01-01`, to: `${year - 1}-12-31` }),
  ]);
  const none: RenewalCounts = { ended: 0, renewed: 0 };
  const own = (key: string) => (childCol ? renewals.get(key) : renewals.get(scope.code)) ?? none;
  // ancestors' counts, read lazily (the nation's is a large scan at national volume)
  const up: RenewalCounts[] = [];
  const needUp = groups.some((g) => own(g.key).ended < MIN_RENEWAL_ENDS);
  if (needUp) {
    for (const a of ancestors) {
      const agg = a.code === scope.code && childCol
        ? [...renewals.values()].reduce((s, c) => ({ ended: s.ended + c.ended, renewed: s.renewed + c.renewed }), none)
        : (await renewalCounts(db, a, null, on)).get(a.code) ?? none;
      up.push(agg);
      if (agg.ended >= MIN_RENEWAL_ENDS) break;
    }
  }
  const out = new Map<string, CohortInputs>();
  for (const g of groups) {
    const rate = renewalRateBp(own(g.key), up);
    const byMonth = history.get(g.key)!;
    const years = Array.from({ length: SEASONAL_YEARS }, (_, i) => year - SEASONAL_YEARS + i).map((y) =>
      Array.from({ length: 12 }, (_, m) => byMonth.get(`${y}-${String(m + 1).padStart(2, "0")}`) ?? 0));
    out.set(g.key, {
      ending: childCol ? ending.get(g.key) ?? 0 : ending.get(scope.code) ?? 0,
      renewalBp: rate.bp, renewalSource: rate.source, newPerMonth: seasonalNewPerMonth(years),
    });
  }
  return out;
}
