// Retention (issue 11): the renewal rate, ONE function for the dashboard card and league table, the agent
// review page, the JSON API and the map. Definition (docs/domain.md "Counting", docs/features/field-work.md):
//
//   Of the people whose coverage ended on a day in P — a contribution whose period ends in P (the person was
//   a participant that day) — the share who paid a renewal that starts the next day (contiguous) within the
//   grace period (paid no later than 3 months after the end, the overdue window of coverage-status.ts) and
//   no later than D (the day the figure is for). Provisional while the grace period of some of them has not
//   passed on D.
//
// Grouped by the unit of the person (province, area, commune: copied on the contribution) or by the agent /
// collector who collected the payment that ended (the one expected to renew it). Lapse reasons: the latest
// refusal in the contact log of each person who did not renew.
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { OVERDUE_WINDOW_MONTHS } from "@/lib/domain/coverage-status";
import { z } from "zod";
import { addDays, addMonths, fromIsoDate, todayInVietnam, type IsoDate } from "@/lib/domain/dates";
import { dashboardQuerySchema } from "@/lib/validation/dashboard";
import type { DbTx } from "../db/client";
import { sharedComputation } from "../db/shared-computation";
import { renewalFactsOn, type Group } from "./counting";
import {
  AuthError,
  LEVEL_DEPTH,
  assertCan,
  assertInScope,
  levelBelow,
  scopeCondition,
  scopeWhere,
  unitCondition,
  type Principal,
  type Scope,
} from "../auth/authz";

export type RenewalGroup = "province" | "area" | "commune" | "agent" | "collector";
const GROUP_COLUMN: Record<RenewalGroup, string> = {
  province: "provinceCode",
  area: "areaCode",
  commune: "communeCode",
  agent: "agentId",
  collector: "collectorId",
};

export type RenewalRateRow = {
  /** unit code, or agent/collector id as a string */
  key: string;
  ended: number;
  renewed: number;
  /** renewed ÷ ended in percent, two decimals; null when nobody's coverage ended */
  ratePct: number | null;
};

export type RenewalRates = {
  from: IsoDate;
  to: IsoDate;
  on: IsoDate;
  /** some of the people's grace period has not passed on `on`: the figure can still rise */
  provisional: boolean;
  rows: RenewalRateRow[];
  total: RenewalRateRow;
  /** why those who did not renew stopped (latest refusal in the contact log), with "unknown" for no refusal logged */
  lapseReasons: Record<string, number>;
};

export const ratePct = (renewed: number, ended: number) => (ended === 0 ? null : Math.round((renewed * 10_000) / ended) / 100);

/**
 * The renewal rate of the period [from, to], as known on `on`, for the rows inside `scope` (and, optionally,
 * of one agent or one collector), grouped by `groupBy`. Callers check the permission; the scope fences the rows.
 */
export async function renewalRates(
  db: DbTx,
  scope: Scope,
  q: {
    from: IsoDate;
    to: IsoDate;
    on?: IsoDate;
    groupBy: RenewalGroup;
    agentId?: number;
    collectorId?: number;
    unitCode?: { level: "PROVINCE" | "AREA" | "COMMUNE"; code: string };
    /** false: skip the lapse reasons (a second pass over the people who did not renew; the map shows none) */
    lapseReasons?: boolean;
  },
): Promise<RenewalRates> {
  const on = q.on ?? todayInVietnam();
  // by agent or collector, or over another period, counted live (seconds for a province at 3 million enrollees):
  // requests asking the same at once share one computation and at most two run per process, leaving the
  // pool's other connections to payments (lib/server/db/shared-computation.ts)
  const key = JSON.stringify([scope, { ...q, on }]);
  return sharedComputation(db, "renewalRates", key, RATES_AT_ONCE, () => computeRenewalRates(db, scope, { ...q, on }));
}

/** Renewal-rate computations run at once in one process (each holds one or two connections). */
const RATES_AT_ONCE = 2;

async function computeRenewalRates(db: DbTx, scope: Scope, q: Parameters<typeof renewalRates>[2] & { on: IsoDate }): Promise<RenewalRates> {
  const on = q.on;
  const col = Prisma.raw(`c."${GROUP_COLUMN[q.groupBy]}"`);
  const conds: Prisma.Sql[] = [
    scopeCondition(scope, "c"),
    Prisma.sql`c."periodEnd" BETWEEN ${fromIsoDate(q.from)} AND ${fromIsoDate(q.to)}`,
    // the end is in the past on D (coverage "ended")
    Prisma.sql`c."periodEnd" < ${fromIsoDate(on)}`,
  ];
  if (q.agentId !== undefined) conds.push(Prisma.sql`c."agentId" = ${q.agentId}`);
  if (q.collectorId !== undefined) conds.push(Prisma.sql`c."collectorId" = ${q.collectorId}`);
  if (q.unitCode) conds.push(unitCondition(q.unitCode, "c"));
  const where = Prisma.join(conds, " AND ");
  const graceMonths = `${OVERDUE_WINDOW_MONTHS} months`;
  // whole units of the final period (the dashboard's card and map): read from the renewal aggregates (ADR 1405),
  // ~30 s for the nation at 3 million enrollees counted live; the groups are units inside the unit and the scope
  const level = UNIT_LEVEL[q.groupBy];
  const final = finalPeriod(on);
  const fromAggregates =
    level !== undefined &&
    q.agentId === undefined &&
    q.collectorId === undefined &&
    q.from === final.from &&
    q.to === final.to &&
    levelBelow(scope, level) &&
    (!q.unitCode || LEVEL_DEPTH[level] > LEVEL_DEPTH[q.unitCode.level]);
  let out: RenewalRateRow[];
  if (fromAggregates) {
    const within = !q.unitCode ? {} : q.unitCode.level === "PROVINCE" ? { provinceCode: q.unitCode.code } : { areaCode: q.unitCode.code };
    const units = await db.unit.findMany({ where: { level, ...scopeWhere(scope), ...within }, select: { code: true }, orderBy: { code: "asc" } });
    out = await unitRenewalRates(
      db,
      units.map((u) => ({ key: u.code, codes: [u.code] })),
      final,
      on,
    );
  } else {
    const rows = await db.$queryRaw<{ key: string | null; ended: number; renewed: number }[]>`
      WITH ended AS (
        SELECT ${col}::text AS key, c."enrolleeId", c."periodEnd",
               EXISTS (SELECT 1 FROM "Contribution" n
                       WHERE n."enrolleeId" = c."enrolleeId" AND n."periodStart" = c."periodEnd" + 1
                         AND n."paidOn" <= (c."periodEnd" + ${graceMonths}::interval)::date AND n."paidOn" <= ${fromIsoDate(on)}) AS renewed
        FROM "Contribution" c WHERE ${where}
      )
      SELECT key, count(*)::int AS ended, count(*) FILTER (WHERE renewed)::int AS renewed FROM ended GROUP BY key ORDER BY key`;
    out = rows.map((r) => ({ key: r.key ?? "", ended: Number(r.ended), renewed: Number(r.renewed), ratePct: ratePct(Number(r.renewed), Number(r.ended)) }));
  }
  // lapse reasons: the latest refusal logged for each person who did not renew; read from the people with a refusal
  // (few) rather than from every end of the period — the others are "UNKNOWN": the ends not renewed minus those
  const reasons =
    q.lapseReasons === false
      ? []
      : await db.$queryRaw<{ reason: string | null; n: number }[]>`
    WITH lost AS (
      SELECT c."enrolleeId", c."periodEnd" FROM "Contribution" c
      WHERE c."enrolleeId" IN (SELECT k."enrolleeId" FROM "ContactLog" k WHERE k."outcome" = 'REFUSED') AND ${where}
        AND NOT EXISTS (SELECT 1 FROM "Contribution" n WHERE n."enrolleeId" = c."enrolleeId" AND n."periodStart" = c."periodEnd" + 1
                          AND n."paidOn" <= (c."periodEnd" + ${graceMonths}::interval)::date AND n."paidOn" <= ${fromIsoDate(on)})
    )
    SELECT r.reason, count(*)::int AS n FROM lost l
    JOIN LATERAL (SELECT k."reason"::text AS reason FROM "ContactLog" k
                  WHERE k."enrolleeId" = l."enrolleeId" AND k."outcome" = 'REFUSED' AND k."contactedOn" >= l."periodEnd" - 60
                  ORDER BY k."createdAt" DESC, k."id" DESC LIMIT 1) r ON TRUE
    GROUP BY r.reason`;
  const ended = out.reduce((s, r) => s + r.ended, 0),
    renewed = out.reduce((s, r) => s + r.renewed, 0);
  return {
    from: q.from,
    to: q.to,
    on,
    provisional: isProvisional(q.to, on),
    rows: out,
    total: { key: "total", ended, renewed, ratePct: ratePct(renewed, ended) },
    lapseReasons: q.lapseReasons === false ? {} : lapseReasons(reasons, ended - renewed),
  };
}

/** Refusal reasons counted per reason (a refusal without a reason is "UNKNOWN"), and the ends not renewed without
 *  any refusal logged as "UNKNOWN" too; a reason with no one is left out. */
function lapseReasons(rows: { reason: string | null; n: number }[], lost: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.reason ?? "UNKNOWN"] = (out[r.reason ?? "UNKNOWN"] ?? 0) + Number(r.n);
  const unknown = lost - rows.reduce((s, r) => s + Number(r.n), 0);
  if (unknown > 0) out.UNKNOWN = (out.UNKNOWN ?? 0) + unknown;
  return out;
}

const UNIT_LEVEL: Partial<Record<RenewalGroup, "PROVINCE" | "AREA" | "COMMUNE">> = { province: "PROVINCE", area: "AREA", commune: "COMMUNE" };

/** Some of the people whose coverage ended by `to` are still within their grace period on `on`. */
const isProvisional = (to: IsoDate, on: IsoDate) => addMonths(to, OVERDUE_WINDOW_MONTHS) >= on;

/**
 * The same renewal rates for whole units (rows: the groups with an end in the period), read from the renewal
 * aggregates kept by the dashboard triggers (ADR 1405: "endedAll" and "renewedNext" are this file's definition)
 * instead of counting the contributions — ~30 s for the nation at 3 million enrollees. The period must end at
 * least a month before D's month (the final period does).
 */
export async function unitRenewalRates(db: DbTx, groups: Group[], period: { from: IsoDate; to: IsoDate }, on: IsoDate): Promise<RenewalRateRow[]> {
  const facts = await renewalFactsOn(db, groups, { from: period.from, to: addDays(period.to, 1) }, on);
  return [...facts]
    .filter(([, f]) => f.endedAll > 0)
    .map(([key, f]) => ({ key, ended: f.endedAll, renewed: f.renewedNext, ratePct: ratePct(f.renewedNext, f.endedAll) }));
}

// ------------------------------------------------------------------ the scoped reader (pages, API)

export const retentionQuerySchema = dashboardQuerySchema.extend({
  by: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["province", "area", "commune", "agent", "collector"], "Cách nhóm không hợp lệ").optional()),
  agent: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive("Đại lý không hợp lệ").optional()),
});

const CHILD_GROUP: Record<string, RenewalGroup> = { NATION: "province", PROVINCE: "area", AREA: "commune", COMMUNE: "agent" };

/** The default period: the 12 months whose grace period has fully passed on D (ending 3 months before D). */
export function finalPeriod(on: IsoDate): { from: IsoDate; to: IsoDate } {
  const to = addDays(addMonths(on, -OVERDUE_WINDOW_MONTHS), -1);
  return { from: addDays(addMonths(to, -12), 1), to };
}

export type Retention = RenewalRates & { unit: { code: string; level: string; name: string }; groupBy: RenewalGroup; names: Record<string, string> };

/**
 * Renewal rates of a unit (default: the caller's) grouped by its children (or as asked), for the final
 * 12-month period before D. A collector gets its own figures only (its collector id, its agent's communes).
 */
export async function getRetention(db: DbTx, p: Principal, input: unknown): Promise<Retention> {
  if (p.role !== "COLLECTOR") assertCan(p, "unit.read");
  else if (!p.collector) throw new AuthError(403);
  const q = retentionQuerySchema.parse(input ?? {});
  const on = q.date ?? todayInVietnam();
  const unitRow = await db.unit.findUnique({
    where: { code: q.unit ?? p.unitCode },
    select: { code: true, level: true, fullName: true, provinceCode: true, areaCode: true },
  });
  assertInScope(p, unitRow);
  if (p.collector && unitRow!.level === "COMMUNE" && !p.collector.communeCodes.includes(unitRow!.code)) throw new AuthError(404, "not found");
  const agentId = q.agent;
  if (agentId !== undefined) {
    const a = await db.collectionAgent.findFirst({ where: { id: agentId, ...scopeWhere(p.scope) }, select: { id: true } });
    if (!a || (p.collector && a.id !== p.collector.agentId)) throw new AuthError(404, "not found");
  }
  const groupBy = p.collector ? "collector" : (q.by ?? CHILD_GROUP[unitRow!.level]);
  const rates = await renewalRates(db, p.scope, {
    ...finalPeriod(on),
    on,
    groupBy,
    agentId,
    collectorId: p.collector?.collectorId,
    unitCode: unitRow!.level === "NATION" ? undefined : { level: unitRow!.level as "PROVINCE" | "AREA" | "COMMUNE", code: unitRow!.code },
  });
  const keys = rates.rows.map((r) => r.key).filter(Boolean);
  let names: Record<string, string> = {};
  if (groupBy === "agent" || groupBy === "collector") {
    const ids = keys.map(Number).filter(Number.isSafeInteger);
    const rows =
      groupBy === "agent"
        ? await db.collectionAgent.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
        : await db.collector.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
    names = Object.fromEntries(rows.map((r) => [String(r.id), r.name]));
  } else {
    const rows = await db.unit.findMany({ where: { code: { in: keys } }, select: { code: true, fullName: true } });
    names = Object.fromEntries(rows.map((r) => [r.code, r.fullName]));
  }
  return { ...rates, unit: { code: unitRow!.code, level: unitRow!.level, name: unitRow!.fullName }, groupBy, names };
}
