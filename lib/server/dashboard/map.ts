// The map's figures (issue 14): the units a unit's map shows on D, each with the figures the map's
// measures read (lib/domain/map-classes.ts). The nation shows its provinces; a province all its
// communes; an area its communes; a commune its area's communes (itself highlighted). Same counts
// as the dashboard (lib/server/dashboard/counting.ts); same scope rule (the unit must be readable).
import "server-only";
import { attainmentPct, coveragePct, expectedParticipants, expectedShareBp, missingToExpected } from "@/lib/domain/coverage";
import { todayInVietnam, yearOf, type IsoDate } from "@/lib/domain/dates";
import type { MapFigures } from "@/lib/domain/map-classes";
import { dashboardQuerySchema } from "@/lib/validation/dashboard";
import type { DbTx } from "../db/client";
import { assertCan, type Principal } from "../auth/authz";
import { getUnit, type UnitSummary } from "../units/browser";
import { loadMilestones } from "../reference/policy";
import { labourForceOf, statusOn } from "./counting";
import { finalPeriod, renewalRates } from "./retention";

export type MapRow = MapFigures & {
  code: string;
  name: string;
  areaCode: string | null;
  /** the renewal rate's counts (lib/server/dashboard/retention.ts): coverage ends in the period, and how many were renewed */
  renewalEnded: number;
  renewalRenewed: number;
};

export type MapData = {
  unit: UnitSummary;
  date: IsoDate;
  /** the geometry to load: "provinces" or a province code (its communes) — GET /api/v1/map/{layer} */
  layer: string;
  /** the level of the shapes shown */
  shapes: "PROVINCE" | "COMMUNE";
  /** a unit to outline (the commune itself in a commune's view) */
  highlight: string | null;
  rows: MapRow[];
  /** the renewal rate's period (the retention page's default: the 12 months whose grace period has passed on D) */
  renewal: { from: IsoDate; to: IsoDate; provisional: boolean };
};

export async function getMapData(db: DbTx, p: Principal, input: unknown): Promise<MapData> {
  assertCan(p, "unit.read");
  const q = dashboardQuerySchema.parse(input);
  const unit = await getUnit(db, p, q.unit ?? p.unitCode);
  const on = q.date ?? todayInVietnam();
  const year = yearOf(on);
  const where =
    unit.level === "NATION"
      ? { level: "PROVINCE" as const }
      : unit.level === "PROVINCE"
        ? { level: "COMMUNE" as const, provinceCode: unit.code }
        : { level: "COMMUNE" as const, areaCode: unit.level === "AREA" ? unit.code : unit.areaCode! };
  const units = await db.unit.findMany({ where, select: { code: true, fullName: true, areaCode: true }, orderBy: { code: "asc" } });
  const codes = units.map((u) => u.code);
  // the renewal rate: the one implementation (retention.ts), per province for the nation, per commune below it
  const period = finalPeriod(on);
  const [status, targets, lf, milestones, renewals] = await Promise.all([
    statusOn(
      db,
      units.map((u) => ({ key: u.code, codes: [u.code] })),
      [on],
    ),
    codes.length ? db.target.findMany({ where: { year, unitCode: { in: codes } }, select: { unitCode: true, participants: true } }) : [],
    labourForceOf(db, codes, year),
    loadMilestones(db),
    // read from the renewal aggregates for the nation's provinces and a province's communes (ADR 1405)
    renewalRates(db, p.scope, {
      ...period,
      on,
      groupBy: unit.level === "NATION" ? "province" : "commune",
      unitCode:
        unit.level === "NATION"
          ? undefined
          : unit.level === "PROVINCE"
            ? { level: "PROVINCE", code: unit.code }
            : { level: "AREA", code: unit.level === "AREA" ? unit.code : unit.areaCode! },
      lapseReasons: false,
    }),
  ]);
  const renewalOf = new Map(renewals.rows.map((r) => [r.key, r]));
  const targetOf = new Map(targets.map((t) => [t.unitCode!, t.participants]));
  const shareBp = expectedShareBp(year, milestones);
  const rows = units.map((u): MapRow => {
    const participants = status.get(u.code)!.COVERED[0];
    const target = targetOf.get(u.code) ?? null;
    const labourForce = lf.get(u.code) ?? 0;
    const renewal = renewalOf.get(u.code);
    return {
      code: u.code,
      name: u.fullName,
      areaCode: u.areaCode,
      participants,
      target,
      attainmentPct: target === null ? null : attainmentPct(participants, target),
      labourForce,
      coveragePct: coveragePct(participants, labourForce),
      expectedParticipants: expectedParticipants(labourForce, shareBp),
      missingToExpected: missingToExpected(participants, labourForce, shareBp),
      // nobody's coverage ended in the period: no data
      renewalRatePct: renewal?.ratePct ?? null,
      renewalEnded: renewal?.ended ?? 0,
      renewalRenewed: renewal?.renewed ?? 0,
    };
  });
  return {
    unit,
    date: on,
    layer: unit.level === "NATION" ? "provinces" : (unit.provinceCode ?? unit.code),
    shapes: unit.level === "NATION" ? "PROVINCE" : "COMMUNE",
    highlight: unit.level === "COMMUNE" ? unit.code : null,
    rows,
    renewal: { ...period, provisional: renewals.provisional },
  };
}
