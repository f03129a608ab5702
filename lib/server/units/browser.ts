// The hierarchy as the caller may see it: their unit's subtree and nothing else.
import { toSearchForm } from "@/lib/domain/text";
import { yearOf, type IsoDate } from "@/lib/domain/dates";
import type { DbTx } from "../db/client";
import { assertCan, assertInScope, scopeWhere, type Principal } from "../auth/authz";
import { countEnrolleesByChild, countParticipantsByChild, labourForceOf } from "../dashboard/counting";

export type UnitSummary = {
  code: string;
  level: string;
  name: string;
  fullName: string;
  kind: string | null;
  parentCode: string | null;
  provinceCode: string | null;
  areaCode: string | null;
};

const select = { code: true, level: true, name: true, fullName: true, kind: true, parentCode: true, provinceCode: true, areaCode: true } as const;

/** A unit inside the caller's scope, or AuthError(404). */
export async function getUnit(db: DbTx, p: Principal, code: string): Promise<UnitSummary> {
  assertCan(p, "unit.read");
  const unit = await db.unit.findUnique({ where: { code }, select });
  assertInScope(p, unit);
  return unit as UnitSummary;
}

/** The chain from the caller's own unit down to `unit` (for breadcrumbs); never above the caller's unit. */
export async function getBreadcrumbs(db: DbTx, p: Principal, unit: UnitSummary): Promise<UnitSummary[]> {
  const chain: UnitSummary[] = [unit];
  let cur = unit;
  while (cur.code !== p.unitCode && cur.parentCode) {
    const parent = await db.unit.findUnique({ where: { code: cur.parentCode }, select });
    if (!parent) break;
    chain.unshift(parent as UnitSummary);
    cur = parent as UnitSummary;
  }
  return chain;
}

export type ChildRow = UnitSummary & { enrollees: number; participants: number; target: number | null; labourForce: number; communes: number };

/** The unit's children with their enrollee and participant counts, this year's target and labour force. */
export async function listChildrenWithStats(db: DbTx, p: Principal, code: string, on: IsoDate): Promise<{ unit: UnitSummary; children: ChildRow[] }> {
  const unit = await getUnit(db, p, code);
  const year = yearOf(on);
  const children = (await db.unit.findMany({ where: { parentCode: unit.code }, select, orderBy: { code: "asc" } })) as UnitSummary[];
  const codes = children.map((c) => c.code);
  const [enrollees, participants, targets, lf, communeCounts] = await Promise.all([
    countEnrolleesByChild(db, unit),
    countParticipantsByChild(db, unit, on),
    db.target.findMany({ where: { year, unitCode: { in: codes } }, select: { unitCode: true, participants: true } }),
    labourForceOf(db, codes, year),
    unit.level === "COMMUNE"
      ? Promise.resolve([])
      : db.unit.groupBy({
          by: [unit.level === "NATION" ? "provinceCode" : "areaCode"],
          where: { level: "COMMUNE", ...(unit.level === "NATION" ? {} : unit.level === "PROVINCE" ? { provinceCode: unit.code } : { areaCode: unit.code }) },
          _count: { _all: true },
        }),
  ]);
  const targetOf = new Map(targets.map((t) => [t.unitCode!, t.participants]));
  const communesOf = new Map(
    communeCounts.map((g) => [(g as { provinceCode?: string; areaCode?: string }).provinceCode ?? (g as { areaCode?: string }).areaCode ?? "", g._count._all]),
  );
  return {
    unit,
    children: children.map((c) => ({
      ...c,
      enrollees: enrollees.get(c.code) ?? 0,
      participants: participants.get(c.code) ?? 0,
      target: targetOf.get(c.code) ?? null,
      labourForce: lf.get(c.code) ?? 0,
      communes: c.level === "COMMUNE" ? 1 : (communesOf.get(c.code) ?? 0),
    })),
  };
}

/** Units in the caller's scope whose name matches, diacritics optional ("tan hoa" finds "Xã Tân Hòa"). */
export async function searchUnits(db: DbTx, p: Principal, query: string, limit = 30): Promise<UnitSummary[]> {
  assertCan(p, "unit.read");
  const words = toSearchForm(query).split(" ").filter(Boolean).slice(0, 6);
  if (words.length === 0) return [];
  return (await db.unit.findMany({
    where: { ...scopeWhere(p.scope), AND: words.map((w) => ({ searchName: { contains: w } })) },
    select,
    orderBy: [{ level: "asc" }, { code: "asc" }],
    take: limit,
  })) as UnitSummary[];
}
