// Reads the regulation tables (small) and answers "what was in force on this date here".
import type { PolicyKind as DbPolicyKind } from "@/generated/prisma/enums";
import { toIsoDate } from "@/lib/domain/dates";
import { policyAt, type PolicyTables } from "@/lib/domain/policy";
import type { PolicySnapshot } from "@/lib/domain/contribution";
import type { DbTx } from "../db/client";

export async function loadPolicyTables(db: DbTx): Promise<PolicyTables> {
  const [parameters, subsidyTiers, topUps] = await Promise.all([db.policyParameter.findMany(), db.subsidyTier.findMany(), db.provincialTopUp.findMany()]);
  return {
    parameters: parameters.map((p) => ({ kind: p.kind as DbPolicyKind, value: p.value, effectiveFrom: toIsoDate(p.effectiveFrom) })),
    subsidyTiers: subsidyTiers.map((s) => ({ group: s.group, rateBp: s.rateBp, effectiveFrom: toIsoDate(s.effectiveFrom) })),
    topUps: topUps.map((s) => ({ provinceCode: s.provinceCode, group: s.group, rateBp: s.rateBp, effectiveFrom: toIsoDate(s.effectiveFrom) })),
  };
}

export async function getPolicySnapshot(db: DbTx, date: string, provinceCode: string): Promise<PolicySnapshot> {
  return policyAt(await loadPolicyTables(db), date, provinceCode);
}

export async function loadMilestones(db: DbTx) {
  return (await db.coverageMilestone.findMany({ orderBy: { year: "asc" } })).map((m) => ({ year: m.year, shareBp: m.shareBp }));
}
