// Loads the reference data every database needs: the hierarchy, labour force, regulations.
// Idempotent: rows that exist are left alone (an admin may have edited them).
import type { PrismaClient } from "@/generated/prisma/client";
import { fromIsoDate } from "@/lib/domain/dates";
import { hashUnit } from "./random";
import { loadUnitRows, type UnitRow } from "./units";
import {
  LABOUR_FORCE_GROWTH_PER_YEAR,
  LABOUR_FORCE_YEARS,
  MILESTONES,
  NATIONAL_LABOUR_FORCE_2023,
  POLICY_PARAMETERS,
  PROVINCIAL_TOP_UPS,
  SUBSIDY_TIERS,
} from "./reference-data";

const KIND_WEIGHT = { PHUONG: 1.4, XA: 1.0, DAC_KHU: 0.35 } as const;

/** Plausible working-age labour force per commune and year (docs/labour-force.md). */
export function communeLabourForce(communes: UnitRow[]): { unitCode: string; year: number; persons: number }[] {
  const weights = communes.map((c) => KIND_WEIGHT[c.communeKind ?? "XA"] * (0.6 + 0.8 * hashUnit(c.code)));
  const total = weights.reduce((a, b) => a + b, 0);
  const rows: { unitCode: string; year: number; persons: number }[] = [];
  for (const year of LABOUR_FORCE_YEARS) {
    const national = NATIONAL_LABOUR_FORCE_2023 * (1 + LABOUR_FORCE_GROWTH_PER_YEAR) ** (year - 2023);
    communes.forEach((c, i) => rows.push({ unitCode: c.code, year, persons: Math.round((national * weights[i]) / total) }));
  }
  return rows;
}

export async function seedReference(db: PrismaClient): Promise<{ units: number }> {
  const units = loadUnitRows();
  // parents before children (FK on parentCode)
  for (const level of ["NATION", "PROVINCE", "AREA", "COMMUNE"] as const) {
    await db.unit.createMany({ data: units.filter((u) => u.level === level), skipDuplicates: true });
  }
  const lf = communeLabourForce(units.filter((u) => u.level === "COMMUNE"));
  for (let i = 0; i < lf.length; i += 5000) {
    await db.labourForce.createMany({ data: lf.slice(i, i + 5000).map((r) => ({ ...r, source: "ước tính (docs/labour-force.md)" })), skipDuplicates: true });
  }
  await db.policyParameter.createMany({ data: POLICY_PARAMETERS.map((p) => ({ ...p, effectiveFrom: fromIsoDate(p.effectiveFrom) })), skipDuplicates: true });
  await db.subsidyTier.createMany({ data: SUBSIDY_TIERS.map((p) => ({ ...p, effectiveFrom: fromIsoDate(p.effectiveFrom) })), skipDuplicates: true });
  await db.provincialTopUp.createMany({ data: PROVINCIAL_TOP_UPS.map((p) => ({ ...p, effectiveFrom: fromIsoDate(p.effectiveFrom) })), skipDuplicates: true });
  await db.coverageMilestone.createMany({ data: MILESTONES, skipDuplicates: true });
  return { units: units.length };
}
