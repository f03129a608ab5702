// Yearly participant targets (docs/domain.md "How targets cascade"; docs/features/targets.md).
//
// Who may do what:
//  - read: anyone with unit.read, inside their scope;
//  - set a unit's target: an ADMIN whose unit lies strictly above it (a national admin sets provinces —
//    and the national figure, since nobody is above the nation; a province admin sets its areas,
//    communes and agents, never its own province);
//  - set an agent's target: an ADMIN whose scope holds the agent;
//  - lock a unit's year: an ADMIN whose scope holds the unit; reopen it: an ADMIN whose scope strictly
//    contains the unit (national admins may also reopen the nation's own lock: nobody is above them).
// Every change runs in one transaction with its audit entry. Edits carry the version the editor
// loaded; the update is `WHERE id = ? AND version = ?`, so a concurrent change is a conflict, never a
// silent overwrite (docs/decisions/0301-optimistic-concurrency-for-targets.md).
import { inTransaction, isUniqueViolation } from "../db/helpers";
import { RuleError } from "../errors";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { allocateTarget, type AllocationMethod } from "@/lib/domain/allocation";
import { expectedShareBp } from "@/lib/domain/coverage";
import { fromIsoDate, todayInVietnam, yearOf, type IsoDate } from "@/lib/domain/dates";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { fill, messages, type Locale } from "@/lib/i18n/messages";
import {
  AGENT_ALLOCATION_METHODS,
  ALLOCATION_METHODS,
  allocationSaveSchema,
  allocationSchema,
  lockSchema,
  targetSetSchema,
  type AllocationInput,
  type TargetSetInput,
} from "@/lib/validation/target";
import type { DbTx } from "../db/client";
import {
  AuthError,
  assertCan,
  assertInScope,
  can,
  unitInScope,
  type Principal,
  scopeCondition,
  levelBelow,
  levelAtOrBelow,
  provinceWhere,
} from "../auth/authz";
import { writeAudit } from "../trust/audit";
import { countParticipants, countParticipantsByChild, labourForceOf } from "../dashboard/counting";
import { loadMilestones } from "../reference/policy";
import { getBreadcrumbs, type UnitSummary } from "../units/browser";

export type Level = "NATION" | "PROVINCE" | "AREA" | "COMMUNE";
const DEPTH: Record<string, number> = { NATION: 0, PROVINCE: 1, AREA: 2, COMMUNE: 3 };

export type Opts = { locale?: Locale; today?: IsoDate };
export const textOf = (p: Principal, o?: Opts) => messages[o?.locale ?? p.locale].targets;
const numberOf = (n: number | null | undefined, p: Principal, o?: Opts) => (n == null ? textOf(p, o).notSet : formatNumber(n, o?.locale ?? p.locale));

export const SHORTFALL_PAGE_SIZE = 50;

// --------------------------------------------------------------------------- errors

export type TargetErrorCode = "locked" | "conflict" | "stale" | "forbidden" | "no_target" | "already_locked" | "not_locked" | "ancestor_locked" | "allocation";

/** A business-rule refusal with a message in the caller's language. `current` is the stored target on a conflict. */
export class TargetError extends RuleError {
  constructor(
    public readonly code: TargetErrorCode,
    message: string,
    public readonly current: { participants: number; version: number } | null = null,
  ) {
    super(message, code === "forbidden" ? 403 : code === "no_target" || code === "allocation" ? 422 : 409);
  }
}

// --------------------------------------------------------------------------- permissions

type UnitLike = { code: string; level: string; provinceCode: string | null; areaCode: string | null };
type AgentLike = { provinceCode: string; areaCode: string };
const agentAsUnit = (a: AgentLike & { code?: string }) => ({ code: a.code ?? "", level: "AGENT", provinceCode: a.provinceCode, areaCode: a.areaCode });

/** May `p` set this unit's target? Only strictly below its own unit (the nation's own figure: national admins). */
export function canSetUnitTarget(p: Principal, unit: UnitLike): boolean {
  return can(p, "target.write") && unitInScope(p.scope, unit) && levelBelow(p.scope, unit.level);
}

/** May `p` set this agent's target? Agents are below every admin's unit, so: inside the scope. */
export function canSetAgentTarget(p: Principal, agent: AgentLike): boolean {
  return can(p, "target.write") && unitInScope(p.scope, agentAsUnit(agent));
}

/** May `p` allocate this unit's target among its children (children strictly below p's unit)? */
export function canAllocate(p: Principal, unit: UnitLike): boolean {
  return can(p, "target.write") && unitInScope(p.scope, unit) && levelAtOrBelow(p.scope, unit.level);
}

export function canLockUnit(p: Principal, unit: UnitLike): boolean {
  return can(p, "target.lock") && unitInScope(p.scope, unit);
}

/** Reopening needs an admin strictly above the unit; the nation has nobody above, so national admins reopen it. */
export function canReopenUnit(p: Principal, unit: UnitLike): boolean {
  return can(p, "target.lock") && unitInScope(p.scope, unit) && levelBelow(p.scope, unit.level);
}

// --------------------------------------------------------------------------- lookups

const unitSelect = { code: true, level: true, name: true, fullName: true, kind: true, parentCode: true, provinceCode: true, areaCode: true } as const;

async function scopedUnit(db: DbTx, p: Principal, code: string): Promise<UnitSummary> {
  const unit = await db.unit.findUnique({ where: { code }, select: unitSelect });
  assertInScope(p, unit);
  return unit as UnitSummary;
}

type AgentRow = { id: number; code: string; name: string; status: string; provinceCode: string; areaCode: string; communes: string[] };

async function scopedAgent(db: DbTx, p: Principal, id: number): Promise<AgentRow> {
  const a = await db.collectionAgent.findUnique({
    where: { id },
    select: { id: true, code: true, name: true, status: true, provinceCode: true, areaCode: true, communes: { select: { communeCode: true } } },
  });
  if (!a || !unitInScope(p.scope, agentAsUnit(a))) throw new AuthError(404, "not found");
  return { ...a, communes: a.communes.map((c) => c.communeCode) };
}

/** The unit codes above a unit (area, province, nation), nearest first. */
function ancestorsOf(unit: UnitLike): string[] {
  const out: string[] = [];
  if (unit.level === "COMMUNE" && unit.areaCode) out.push(unit.areaCode);
  if ((unit.level === "COMMUNE" || unit.level === "AREA") && unit.provinceCode) out.push(unit.provinceCode);
  if (unit.level !== "NATION") out.push("VN");
  return out;
}

type Subject =
  | { kind: "unit"; unit: UnitSummary; label: string; auditUnit: string; provinceCode: string | null }
  | { kind: "agent"; agent: AgentRow; label: string; auditUnit: string; provinceCode: string };

const subjectWhere = (year: number, s: Subject) =>
  s.kind === "unit" ? { year_unitCode: { year, unitCode: s.unit.code } } : { year_agentId: { year, agentId: s.agent.id } };

/** A locked target that blocks changing `s` for the year: its own, or one of the units it belongs to. */
async function blockingLock(db: DbTx, year: number, s: Subject) {
  const codes = s.kind === "unit" ? [s.unit.code, ...ancestorsOf(s.unit)] : [...s.agent.communes, s.agent.areaCode, s.agent.provinceCode, "VN"];
  const rows = await db.target.findMany({
    where: { year, locked: true, OR: [{ unitCode: { in: codes } }, ...(s.kind === "agent" ? [{ agentId: s.agent.id }] : [])] },
    select: { unitCode: true, agentId: true, lockedAt: true, unit: { select: { fullName: true, level: true } }, agent: { select: { name: true } } },
  });
  if (rows.length === 0) return null;
  // name the widest lock: that is the one to reopen
  rows.sort((a, b) => (a.unit ? DEPTH[a.unit.level] : 4) - (b.unit ? DEPTH[b.unit.level] : 4));
  const r = rows[0];
  return { name: r.unit?.fullName ?? r.agent?.name ?? "", lockedAt: r.lockedAt };
}

function lockedError(p: Principal, o: Opts | undefined, year: number, lock: { name: string; lockedAt: Date | null }): TargetError {
  return new TargetError("locked", fill(textOf(p, o).err.locked, { year, unit: lock.name, date: lock.lockedAt ? formatDate(lock.lockedAt) : "" }));
}

/** `seen` = the value the user had on screen (null = "not set"); `undefined` when unknown (an API call without it). */
function conflictError(
  p: Principal,
  o: Opts | undefined,
  seen: number | null | undefined,
  current: { participants: number; version: number } | null,
): TargetError {
  const now = current ? { participants: current.participants, version: current.version } : null;
  const to = numberOf(now?.participants, p, o);
  const err = textOf(p, o).err;
  return new TargetError("conflict", seen === undefined ? fill(err.conflictNow, { to }) : fill(err.conflict, { from: numberOf(seen, p, o), to }), now);
}

/** Target rows of a unit's subtree for a year: the unit's, its descendants' and its agents'. */
function subtreeWhere(year: number, unit: UnitLike): Prisma.TargetWhereInput {
  switch (unit.level) {
    case "NATION":
      return { year };
    case "PROVINCE":
      return { year, OR: [{ provinceCode: unit.code }, { unit: { provinceCode: unit.code } }, { agent: { provinceCode: unit.code } }] };
    case "AREA":
      return {
        year,
        OR: [{ unit: { areaCode: unit.code } }, { agent: { OR: [{ areaCode: unit.code }, { communes: { some: { commune: { areaCode: unit.code } } } }] } }],
      };
    default:
      return { year, OR: [{ unitCode: unit.code }, { agent: { communes: { some: { communeCode: unit.code } } } }] };
  }
}

/** Participants on D are counted up to today: a past year at its last day, this or a future year today. */
export function asOfFor(year: number, today: IsoDate): IsoDate {
  const end = `${year}-12-31`;
  return end < today ? end : today;
}

/** "Last year's participants": at the end of the previous year, or today if that day has not come yet. */
export function lastYearDateFor(year: number, today: IsoDate): IsoDate {
  return asOfFor(year - 1, today);
}

/**
 * Participants served by each agent on D: distinct enrollees with a contribution covering D that was
 * collected by the agent (Contribution.agentId) — the counting definition of docs/domain.md applied to
 * an agent's collections. Uses the (agentId, receiptNo) index.
 */
export async function countParticipantsByAgentContributions(db: DbTx, agentIds: number[], on: IsoDate): Promise<Map<number, number>> {
  if (agentIds.length === 0) return new Map();
  const d = fromIsoDate(on);
  const rows = await db.$queryRaw<{ id: number; n: bigint }[]>`
    SELECT "agentId" AS id, count(DISTINCT "enrolleeId") AS n FROM "Contribution"
    WHERE "agentId" IN (${Prisma.join(agentIds)}) AND "periodStart" <= ${d} AND "periodEnd" >= ${d}
    GROUP BY 1`;
  return new Map(rows.map((r) => [Number(r.id), Number(r.n)]));
}

/**
 * Sum and number of the children's targets of each parent, for a year. A unit's children are the
 * units whose parentCode it is; a commune's children are the agents serving it (an agent serving
 * several communes counts in full in each: a commune flagged short is short on any reading).
 */
export async function childrenTargetSums(
  db: DbTx,
  year: number,
  parents: { code: string; level: string }[],
): Promise<Map<string, { sum: number; count: number }>> {
  const unitParents = parents.filter((u) => u.level !== "COMMUNE").map((u) => u.code);
  const communes = parents.filter((u) => u.level === "COMMUNE").map((u) => u.code);
  if (unitParents.length === 0 && communes.length === 0) return new Map();
  const rows = await db.$queryRaw<{ code: string; s: bigint; n: bigint }[]>`
    SELECT u."parentCode" AS code, sum(t.participants) AS s, count(*) AS n
    FROM "Target" t JOIN "Unit" u ON u.code = t."unitCode"
    WHERE t.year = ${year} AND ${unitParents.length ? Prisma.sql`u."parentCode" IN (${Prisma.join(unitParents)})` : Prisma.sql`FALSE`}
    GROUP BY 1
    UNION ALL
    SELECT ac."communeCode" AS code, sum(t.participants) AS s, count(*) AS n
    FROM "Target" t JOIN "AgentCommune" ac ON ac."agentId" = t."agentId"
    WHERE t.year = ${year} AND ${communes.length ? Prisma.sql`ac."communeCode" IN (${Prisma.join(communes)})` : Prisma.sql`FALSE`}
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.code, { sum: Number(r.s), count: Number(r.n) }]));
}

// --------------------------------------------------------------------------- the editor

export type EditorRow = {
  key: string; // "u:01" or "a:123"
  kind: "unit" | "agent";
  code: string;
  unitCode: string | null;
  agentId: number | null;
  name: string;
  level: Level | "AGENT";
  target: number | null;
  version: number | null;
  locked: boolean;
  participants: number;
  /** Sum of this row's children's targets (null for agents, which have no children). */
  childrenSum: number | null;
  childrenWithTarget: number;
  /** target − children's sum when positive, else 0. */
  shortfall: number;
  canEdit: boolean;
  agent?: { status: string; communes: number };
};

export type TargetEditor = {
  year: number;
  asOf: IsoDate;
  unit: UnitSummary;
  crumbs: UnitSummary[];
  self: EditorRow;
  children: EditorRow[];
  childrenSum: number;
  lock: { locked: boolean; lockedAt: Date | null; lockedBy: string | null; ancestorLock: { name: string; lockedAt: Date | null } | null };
  can: { editSelf: boolean; editChildren: boolean; allocate: boolean; lock: boolean; reopen: boolean };
  /** the children (units, or a commune's agents) without a target this year, in the table's order: the warning
   *  shown before locking lists them, since nobody can give them one once the year is locked (issue 15 item 9) */
  withoutTarget: { key: string; code: string; name: string }[];
  allocationMethods: readonly AllocationMethod[];
  expectedShareBp: number;
};

const shortfallOf = (target: number | null, sum: number | null) => (target != null && sum != null && sum < target ? target - sum : 0);

/** The unit (default: the caller's) with its target and its children's, their sums and differences, for a year. */
export async function getTargetEditor(db: DbTx, p: Principal, input: { year?: number; unit?: string }, o?: Opts): Promise<TargetEditor> {
  assertCan(p, "unit.read");
  const today = o?.today ?? todayInVietnam();
  const year = input.year ?? yearOf(today);
  const asOf = asOfFor(year, today);
  const unit = await scopedUnit(db, p, input.unit ?? p.unitCode);
  const [crumbs, own, milestones] = await Promise.all([
    getBreadcrumbs(db, p, unit),
    db.target.findUnique({ where: { year_unitCode: { year, unitCode: unit.code } } }),
    loadMilestones(db),
  ]);

  let children: EditorRow[];
  let selfParticipants: number;
  if (unit.level !== "COMMUNE") {
    const units = (await db.unit.findMany({ where: { parentCode: unit.code }, select: unitSelect, orderBy: { code: "asc" } })) as UnitSummary[];
    const codes = units.map((u) => u.code);
    const [targets, sums, parts, total] = await Promise.all([
      db.target.findMany({ where: { year, unitCode: { in: codes } } }),
      childrenTargetSums(db, year, units),
      countParticipantsByChild(db, unit, asOf),
      countParticipants(db, unit, asOf),
    ]);
    selfParticipants = total;
    const byCode = new Map(targets.map((t) => [t.unitCode!, t]));
    children = units.map((u) => {
      const t = byCode.get(u.code);
      const s = sums.get(u.code);
      const childrenSum = s?.sum ?? 0;
      return {
        key: `u:${u.code}`,
        kind: "unit",
        code: u.code,
        unitCode: u.code,
        agentId: null,
        name: u.fullName,
        level: u.level as Level,
        target: t?.participants ?? null,
        version: t?.version ?? null,
        locked: t?.locked ?? false,
        participants: parts.get(u.code) ?? 0,
        childrenSum,
        childrenWithTarget: s?.count ?? 0,
        shortfall: shortfallOf(t?.participants ?? null, childrenSum),
        canEdit: canSetUnitTarget(p, u),
      };
    });
  } else {
    const agents = await db.collectionAgent.findMany({
      where: { communes: { some: { communeCode: unit.code } } },
      select: { id: true, code: true, name: true, status: true, provinceCode: true, areaCode: true, _count: { select: { communes: true } } },
      orderBy: { code: "asc" },
    });
    const ids = agents.map((a) => a.id);
    const [targets, parts, total] = await Promise.all([
      db.target.findMany({ where: { year, agentId: { in: ids } } }),
      countParticipantsByAgentContributions(db, ids, asOf),
      countParticipants(db, unit, asOf),
    ]);
    selfParticipants = total;
    const byId = new Map(targets.map((t) => [t.agentId!, t]));
    children = agents.map((a) => {
      const t = byId.get(a.id);
      return {
        key: `a:${a.id}`,
        kind: "agent",
        code: a.code,
        unitCode: null,
        agentId: a.id,
        name: a.name,
        level: "AGENT",
        target: t?.participants ?? null,
        version: t?.version ?? null,
        locked: t?.locked ?? false,
        participants: parts.get(a.id) ?? 0,
        childrenSum: null,
        childrenWithTarget: 0,
        shortfall: 0,
        canEdit: canSetAgentTarget(p, a),
        agent: { status: a.status, communes: a._count.communes },
      };
    });
  }

  const childrenSum = children.reduce((s, c) => s + (c.target ?? 0), 0);
  const self: EditorRow = {
    key: `u:${unit.code}`,
    kind: "unit",
    code: unit.code,
    unitCode: unit.code,
    agentId: null,
    name: unit.fullName,
    level: unit.level as Level,
    target: own?.participants ?? null,
    version: own?.version ?? null,
    locked: own?.locked ?? false,
    participants: selfParticipants,
    childrenSum,
    childrenWithTarget: children.filter((c) => c.target != null).length,
    shortfall: shortfallOf(own?.participants ?? null, childrenSum),
    canEdit: canSetUnitTarget(p, unit),
  };
  const ancestorLock = await blockingLockAbove(db, year, unit);
  const lockedBy = own?.lockedById ? ((await db.user.findUnique({ where: { id: own.lockedById }, select: { name: true } }))?.name ?? null) : null;
  const locked = self.locked || ancestorLock !== null;
  const writable = !locked;
  return {
    year,
    asOf,
    unit,
    crumbs,
    self,
    children,
    childrenSum,
    lock: { locked: self.locked, lockedAt: own?.lockedAt ?? null, lockedBy, ancestorLock },
    can: {
      editSelf: self.canEdit && writable,
      editChildren: writable && children.some((c) => c.canEdit),
      allocate: writable && own !== null && canAllocate(p, unit),
      lock: canLockUnit(p, unit) && own !== null && !locked,
      reopen: self.locked && ancestorLock === null && canReopenUnit(p, unit),
    },
    withoutTarget: children.filter((c) => c.target === null).map((c) => ({ key: c.key, code: c.code, name: c.name })),
    allocationMethods: unit.level === "COMMUNE" ? AGENT_ALLOCATION_METHODS : ALLOCATION_METHODS,
    expectedShareBp: expectedShareBp(year, milestones),
  };
}

/** A locked target of a unit above `unit` (the lock that covers it), or null. */
async function blockingLockAbove(db: DbTx, year: number, unit: UnitLike) {
  const codes = ancestorsOf(unit);
  if (codes.length === 0) return null;
  const rows = await db.target.findMany({
    where: { year, locked: true, unitCode: { in: codes } },
    select: { lockedAt: true, unit: { select: { fullName: true, level: true } } },
  });
  if (rows.length === 0) return null;
  rows.sort((a, b) => DEPTH[a.unit!.level] - DEPTH[b.unit!.level]);
  return { name: rows[0].unit!.fullName, lockedAt: rows[0].lockedAt };
}

// --------------------------------------------------------------------------- shortfalls

export type ShortfallRow = {
  code: string;
  level: Level;
  name: string;
  parentName: string | null;
  target: number;
  childrenSum: number;
  children: number;
  shortfall: number;
};

/**
 * Every unit in the caller's scope whose children's targets add up to less than its own target for
 * the year — provinces, areas, communes (against the agents serving them) — in ONE query.
 */
export async function listShortfalls(
  db: DbTx,
  p: Principal,
  input: { year: number; page?: number; pageSize?: number },
): Promise<{ rows: ShortfallRow[]; total: number; page: number; pageSize: number }> {
  assertCan(p, "unit.read");
  const pageSize = input.pageSize ?? SHORTFALL_PAGE_SIZE;
  const page = input.page ?? 1;
  const year = input.year;
  const rows = await db.$queryRaw<
    { code: string; level: Level; name: string; parent_name: string | null; target: number; children_sum: bigint; children: bigint; total_rows: bigint }[]
  >`
    WITH parent AS (
      SELECT t."unitCode" AS code, u.level::text AS level, u."fullName" AS name, u."parentCode" AS parent, t.participants AS target
      FROM "Target" t JOIN "Unit" u ON u.code = t."unitCode"
      WHERE t.year = ${year} AND ${scopeCondition(p.scope, "u")}
    ), sums AS (
      SELECT u."parentCode" AS code, sum(t.participants) AS s, count(*) AS n
      FROM "Target" t JOIN "Unit" u ON u.code = t."unitCode"
      WHERE t.year = ${year} AND u."parentCode" IN (SELECT code FROM parent WHERE level <> 'COMMUNE')
      GROUP BY 1
      UNION ALL
      SELECT ac."communeCode" AS code, sum(t.participants) AS s, count(*) AS n
      FROM "Target" t JOIN "AgentCommune" ac ON ac."agentId" = t."agentId"
      WHERE t.year = ${year} AND ac."communeCode" IN (SELECT code FROM parent WHERE level = 'COMMUNE')
      GROUP BY 1
    )
    SELECT parent.code, parent.level, parent.name, pu."fullName" AS parent_name, parent.target,
      COALESCE(sums.s, 0) AS children_sum, COALESCE(sums.n, 0) AS children, count(*) OVER () AS total_rows
    FROM parent LEFT JOIN sums ON sums.code = parent.code LEFT JOIN "Unit" pu ON pu.code = parent.parent
    WHERE COALESCE(sums.s, 0) < parent.target
    ORDER BY CASE parent.level WHEN 'NATION' THEN 0 WHEN 'PROVINCE' THEN 1 WHEN 'AREA' THEN 2 ELSE 3 END, parent.code
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  let total = rows.length ? Number(rows[0].total_rows) : 0;
  if (rows.length === 0 && page > 1) total = (await listShortfalls(db, p, { year, page: 1, pageSize: 1 })).total;
  return {
    page,
    pageSize,
    total,
    rows: rows.map((r) => ({
      code: r.code,
      level: r.level,
      name: r.name,
      parentName: r.parent_name,
      target: r.target,
      childrenSum: Number(r.children_sum),
      children: Number(r.children),
      shortfall: r.target - Number(r.children_sum),
    })),
  };
}

// --------------------------------------------------------------------------- set one target

export type SetTargetResult = { status: "created" | "updated" | "unchanged"; target: { id: number; participants: number; version: number } };

async function resolveSubject(db: DbTx, p: Principal, v: { unitCode?: string; agentId?: number }, o?: Opts): Promise<Subject> {
  if (v.unitCode) {
    const unit = await scopedUnit(db, p, v.unitCode);
    if (!canSetUnitTarget(p, unit)) throw new TargetError("forbidden", fill(textOf(p, o).err.forbiddenLevel, { unit: unit.fullName }));
    return { kind: "unit", unit, label: unit.fullName, auditUnit: unit.code, provinceCode: unit.level === "NATION" ? null : unit.provinceCode };
  }
  const agent = await scopedAgent(db, p, v.agentId!);
  if (!canSetAgentTarget(p, agent)) throw new TargetError("forbidden", fill(textOf(p, o).err.forbiddenLevel, { unit: agent.name }));
  return { kind: "agent", agent, label: agent.name, auditUnit: agent.areaCode, provinceCode: agent.provinceCode };
}

const auditView = (year: number, s: Subject, t: { participants: number; version: number } | null) =>
  t === null
    ? null
    : {
        year,
        ...(s.kind === "unit" ? { unitCode: s.unit.code } : { agentId: s.agent.id, agentCode: s.agent.code }),
        participants: t.participants,
        version: t.version,
      };

/**
 * Sets one target (a unit's or an agent's) for a year. `version` is the one the editor loaded (null
 * when there was no target): a stale version is a conflict and nothing is written.
 */
export async function setTarget(db: PrismaClient | DbTx, p: Principal, input: unknown, o?: Opts): Promise<SetTargetResult> {
  assertCan(p, "target.write");
  const v = targetSetSchema(textOf(p, o).v).parse(input);
  try {
    return await inTransaction(db, (tx) => applyTarget(tx, p, v, o));
  } catch (e) {
    // two people created the same target at once: the unique (year, unit|agent) refused the second
    if (isUniqueViolation(e)) {
      const now = await db.target.findFirst({ where: { year: v.year, ...(v.unitCode ? { unitCode: v.unitCode } : { agentId: v.agentId }) } });
      throw conflictError(p, o, null, now);
    }
    throw e;
  }
}

/**
 * One target's write inside the caller's transaction (setTarget, and the editor's batch save in
 * lib/server/targets/batch.ts): the rules, the version check and the audit entry. Throws TargetError /
 * AuthError before writing anything for this target.
 */
export async function applyTarget(tx: DbTx, p: Principal, v: TargetSetInput, o?: Opts): Promise<SetTargetResult & { before: number | null }> {
  const s = await resolveSubject(tx, p, v, o);
  const lock = await blockingLock(tx, v.year, s);
  if (lock) throw lockedError(p, o, v.year, lock);
  const existing = await tx.target.findUnique({ where: subjectWhere(v.year, s) });
  if (existing) {
    // no version: the form was loaded before anyone set this target
    if (v.version === null) throw conflictError(p, o, null, existing);
    if (existing.version !== v.version) throw conflictError(p, o, v.seen ?? undefined, existing);
    if (existing.participants === v.participants)
      return {
        status: "unchanged" as const,
        before: existing.participants,
        target: { id: existing.id, participants: existing.participants, version: existing.version },
      };
    const n = await tx.target.updateMany({
      where: { id: existing.id, version: v.version, locked: false },
      data: { participants: v.participants, version: { increment: 1 }, updatedById: p.userId },
    });
    if (n.count === 0) {
      const now = await tx.target.findUnique({ where: { id: existing.id } });
      if (now?.locked) throw lockedError(p, o, v.year, { name: s.label, lockedAt: now.lockedAt });
      throw conflictError(p, o, existing.participants, now); // the value at the version the user loaded
    }
    const after = { participants: v.participants, version: v.version + 1 };
    await writeAudit(tx, p, {
      action: "target.update",
      entity: "Target",
      entityId: existing.id,
      unitCode: s.auditUnit,
      before: auditView(v.year, s, existing),
      after: auditView(v.year, s, after),
    });
    return { status: "updated" as const, before: existing.participants, target: { id: existing.id, ...after } };
  }
  if (v.version !== null) throw conflictError(p, o, v.seen ?? undefined, null);
  const created = await tx.target.create({
    data: {
      year: v.year,
      participants: v.participants,
      provinceCode: s.provinceCode,
      updatedById: p.userId,
      ...(s.kind === "unit" ? { unitCode: s.unit.code } : { agentId: s.agent.id }),
    },
  });
  await writeAudit(tx, p, {
    action: "target.create",
    entity: "Target",
    entityId: created.id,
    unitCode: s.auditUnit,
    before: null,
    after: auditView(v.year, s, created),
  });
  return { status: "created" as const, before: null, target: { id: created.id, participants: created.participants, version: created.version } };
}

// --------------------------------------------------------------------------- allocation

export type AllocationPreviewRow = {
  key: string;
  id: number | null; // the existing target row
  code: string;
  name: string;
  labourForce: number | null;
  participants: number;
  lastYearParticipants: number;
  floor: number | null;
  old: number | null;
  version: number | null;
  next: number;
  change: number;
};

export type AllocationPreview = {
  year: number;
  unitCode: string;
  unitName: string;
  method: AllocationMethod;
  floorCurrent: boolean;
  total: number;
  parentVersion: number;
  expectedShareBp: number | null;
  asOf: IsoDate;
  lastYearDate: IsoDate;
  rows: AllocationPreviewRow[];
  newTotal: number;
};

/** Computes an allocation of a unit's target among its children without saving anything. */
async function computeAllocation(db: DbTx, p: Principal, v: AllocationInput, o?: Opts): Promise<AllocationPreview> {
  const text = textOf(p, o);
  const locale = o?.locale ?? p.locale;
  const today = o?.today ?? todayInVietnam();
  const unit = await scopedUnit(db, p, v.unitCode);
  if (!canAllocate(p, unit)) throw new TargetError("forbidden", fill(text.err.forbiddenLevel, { unit: unit.fullName }));
  const parent = await db.target.findUnique({ where: { year_unitCode: { year: v.year, unitCode: unit.code } } });
  if (!parent) throw new TargetError("no_target", fill(text.err.noParentTarget, { unit: unit.fullName, year: v.year }));
  const parentSubject: Subject = { kind: "unit", unit, label: unit.fullName, auditUnit: unit.code, provinceCode: unit.provinceCode };
  const lock = await blockingLock(db, v.year, parentSubject);
  if (lock) throw lockedError(p, o, v.year, lock);

  const asOf = asOfFor(v.year, today);
  const lastYearDate = lastYearDateFor(v.year, today);
  type Child = {
    key: string;
    code: string;
    name: string;
    labourForce: number | null;
    participants: number;
    lastYearParticipants: number;
    target: { id: number; participants: number; version: number; locked: boolean; lockedAt: Date | null } | undefined;
  };
  let children: Child[];
  if (unit.level !== "COMMUNE") {
    const units = await db.unit.findMany({ where: { parentCode: unit.code }, select: { code: true, fullName: true }, orderBy: { code: "asc" } });
    const codes = units.map((u) => u.code);
    const [lf, now, last, targets] = await Promise.all([
      labourForceOf(db, codes, v.year),
      countParticipantsByChild(db, unit, asOf),
      countParticipantsByChild(db, unit, lastYearDate),
      db.target.findMany({ where: { year: v.year, unitCode: { in: codes } } }),
    ]);
    const byCode = new Map(targets.map((t) => [t.unitCode!, t]));
    children = units.map((u) => ({
      key: `u:${u.code}`,
      code: u.code,
      name: u.fullName,
      labourForce: lf.get(u.code) ?? 0,
      participants: now.get(u.code) ?? 0,
      lastYearParticipants: last.get(u.code) ?? 0,
      target: byCode.get(u.code),
    }));
  } else {
    if (!(AGENT_ALLOCATION_METHODS as readonly string[]).includes(v.method)) throw new TargetError("allocation", text.methodNotForAgents);
    // only agents serving this commune alone: a shared agent's one target cannot be one commune's share
    const agents = await db.collectionAgent.findMany({
      where: { status: { not: "ENDED" }, communes: { some: { communeCode: unit.code }, every: { communeCode: unit.code } }, ...provinceWhere(p.scope) },
      select: { id: true, code: true, name: true },
      orderBy: { code: "asc" },
    });
    if (agents.length === 0) throw new TargetError("allocation", text.allocNoExclusiveAgents);
    const ids = agents.map((a) => a.id);
    const [now, last, targets] = await Promise.all([
      countParticipantsByAgentContributions(db, ids, asOf),
      countParticipantsByAgentContributions(db, ids, lastYearDate),
      db.target.findMany({ where: { year: v.year, agentId: { in: ids } } }),
    ]);
    const byId = new Map(targets.map((t) => [t.agentId!, t]));
    children = agents.map((a) => ({
      key: `a:${a.id}`,
      code: a.code,
      name: a.name,
      labourForce: null,
      participants: now.get(a.id) ?? 0,
      lastYearParticipants: last.get(a.id) ?? 0,
      target: byId.get(a.id),
    }));
  }
  const lockedChild = children.find((c) => c.target?.locked);
  if (lockedChild) throw lockedError(p, o, v.year, { name: lockedChild.name, lockedAt: lockedChild.target!.lockedAt });

  const shareBp = v.method === "R28_GAP" ? expectedShareBp(v.year, await loadMilestones(db)) : undefined;
  const floors = v.floorCurrent ? Object.fromEntries(children.map((c) => [c.key, c.participants])) : undefined;
  const r = allocateTarget({
    total: parent.participants,
    method: v.method,
    expectedShareBp: shareBp,
    floors,
    children: children.map((c) => ({
      code: c.key,
      labourForce: c.labourForce ?? 0,
      participants: c.participants,
      lastYearParticipants: c.lastYearParticipants,
    })),
  });
  if (!r.ok) throw new TargetError("allocation", r.error.message[locale]);
  const rows = children.map((c) => {
    const next = r.allocations[c.key];
    return {
      key: c.key,
      id: c.target?.id ?? null,
      code: c.code,
      name: c.name,
      labourForce: c.labourForce,
      participants: c.participants,
      lastYearParticipants: c.lastYearParticipants,
      floor: floors ? floors[c.key] : null,
      old: c.target?.participants ?? null,
      version: c.target?.version ?? null,
      next,
      change: next - (c.target?.participants ?? 0),
    };
  });
  return {
    year: v.year,
    unitCode: unit.code,
    unitName: unit.fullName,
    method: v.method,
    floorCurrent: v.floorCurrent,
    total: parent.participants,
    parentVersion: parent.version,
    expectedShareBp: shareBp ?? null,
    asOf,
    lastYearDate,
    rows,
    newTotal: rows.reduce((s, x) => s + x.next, 0),
  };
}

/** Preview: old vs new target of every child; nothing is written. */
export async function previewAllocation(db: DbTx, p: Principal, input: unknown, o?: Opts): Promise<AllocationPreview> {
  assertCan(p, "target.write");
  const v = allocationSchema(textOf(p, o).v).parse(input);
  return computeAllocation(db, p, v, o);
}

/**
 * Saves a previewed allocation in one transaction: recomputes it, and refuses (nothing saved) when
 * anything differs from what the user saw — the parent's or a child's version, or a figure. Every
 * changed child gets a version bump and an audit entry.
 */
export async function saveAllocation(db: PrismaClient | DbTx, p: Principal, input: unknown, o?: Opts): Promise<{ changed: number; total: number }> {
  assertCan(p, "target.write");
  const text = textOf(p, o);
  const v = allocationSaveSchema(text.v).parse(input);
  const stale = () => new TargetError("stale", text.allocStale);
  try {
    return await inTransaction(db, async (tx) => {
      // hold the parent's row: its target cannot change while its children are written
      await tx.$queryRaw`SELECT id FROM "Target" WHERE year = ${v.year} AND "unitCode" = ${v.unitCode} FOR SHARE`;
      const pre = await computeAllocation(tx, p, v, o);
      if (pre.parentVersion !== v.parentVersion || pre.rows.length !== v.children.length) throw stale();
      const sent = new Map(v.children.map((c) => [c.key, c]));
      for (const r of pre.rows) {
        const c = sent.get(r.key);
        if (!c || c.version !== r.version || c.participants !== r.next) throw stale();
      }
      const agentIds = pre.rows.filter((r) => r.key.startsWith("a:")).map((r) => Number(r.key.slice(2)));
      const unitCodes = pre.rows.filter((r) => r.key.startsWith("u:")).map((r) => r.key.slice(2));
      const [agentRows, unitRows] = await Promise.all([
        tx.collectionAgent.findMany({ where: { id: { in: agentIds } }, select: { id: true, code: true, areaCode: true, provinceCode: true } }),
        tx.unit.findMany({ where: { code: { in: unitCodes } }, select: { code: true, provinceCode: true } }),
      ]);
      const agents = new Map(agentRows.map((a) => [a.id, a]));
      const provinceOfUnit = new Map(unitRows.map((u) => [u.code, u.provinceCode]));
      let changed = 0;
      for (const r of pre.rows) {
        if (r.old === r.next) continue;
        const agentId = r.key.startsWith("a:") ? Number(r.key.slice(2)) : null;
        const unitCode = agentId === null ? r.key.slice(2) : null;
        const who = agentId === null ? { unitCode } : { agentId, agentCode: agents.get(agentId)?.code };
        let id: number;
        if (r.id !== null && r.version !== null) {
          const n = await tx.target.updateMany({
            where: { id: r.id, version: r.version, locked: false },
            data: { participants: r.next, version: { increment: 1 }, updatedById: p.userId },
          });
          if (n.count === 0) throw stale();
          id = r.id;
        } else {
          const provinceCode = agentId === null ? (provinceOfUnit.get(unitCode!) ?? null) : agents.get(agentId)!.provinceCode;
          id = (
            await tx.target.create({
              data: { year: v.year, participants: r.next, provinceCode, updatedById: p.userId, ...(agentId === null ? { unitCode } : { agentId }) },
            })
          ).id;
        }
        await writeAudit(tx, p, {
          action: "target.allocate",
          entity: "Target",
          entityId: id,
          unitCode: agentId === null ? unitCode : agents.get(agentId)!.areaCode,
          before: r.old === null ? null : { year: v.year, ...who, participants: r.old, version: r.version },
          after: {
            year: v.year,
            ...who,
            participants: r.next,
            version: (r.version ?? 0) + 1,
            method: v.method,
            floorCurrent: v.floorCurrent,
            parent: pre.unitCode,
            parentTarget: pre.total,
          },
        });
        changed++;
      }
      return { changed, total: pre.newTotal };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw stale();
    throw e;
  }
}

// --------------------------------------------------------------------------- locking

/** Finalises a unit's targets for a year: its own and every target below it, in one transaction. */
export async function lockTargets(db: PrismaClient | DbTx, p: Principal, input: unknown, o?: Opts): Promise<{ count: number }> {
  assertCan(p, "unit.read");
  const text = textOf(p, o);
  const v = lockSchema(text.v).parse(input);
  return inTransaction(db, async (tx) => {
    const unit = await scopedUnit(tx, p, v.unitCode);
    if (!canLockUnit(p, unit)) throw new TargetError("forbidden", text.err.forbiddenLock);
    const own = await tx.target.findUnique({ where: { year_unitCode: { year: v.year, unitCode: unit.code } } });
    if (!own) throw new TargetError("no_target", fill(text.err.noTargetToLock, { unit: unit.fullName, year: v.year }));
    if (own.locked) throw new TargetError("already_locked", fill(text.err.alreadyLocked, { unit: unit.fullName, year: v.year }));
    const { count } = await tx.target.updateMany({
      where: { AND: [subtreeWhere(v.year, unit), { locked: false }] },
      data: { locked: true, lockedAt: new Date(), lockedById: p.userId },
    });
    await writeAudit(tx, p, {
      action: "target.lock",
      entity: "Target",
      entityId: own.id,
      unitCode: unit.code,
      before: { year: v.year, unitCode: unit.code, locked: false },
      after: { year: v.year, unitCode: unit.code, locked: true, targetsLocked: count },
    });
    return { count };
  });
}

/** Reopens a locked unit's year (it and everything below); only an admin strictly above the unit. */
export async function reopenTargets(db: PrismaClient | DbTx, p: Principal, input: unknown, o?: Opts): Promise<{ count: number }> {
  assertCan(p, "unit.read");
  const text = textOf(p, o);
  const v = lockSchema(text.v).parse(input);
  return inTransaction(db, async (tx) => {
    const unit = await scopedUnit(tx, p, v.unitCode);
    if (!canReopenUnit(p, unit)) throw new TargetError("forbidden", text.reopenNeedsHigher);
    const own = await tx.target.findUnique({ where: { year_unitCode: { year: v.year, unitCode: unit.code } } });
    if (!own?.locked) throw new TargetError("not_locked", fill(text.err.notLocked, { unit: unit.fullName, year: v.year }));
    const above = await blockingLockAbove(tx, v.year, unit);
    if (above) throw new TargetError("ancestor_locked", fill(text.err.ancestorLocked, { unit: above.name, year: v.year }));
    const { count } = await tx.target.updateMany({
      where: { AND: [subtreeWhere(v.year, unit), { locked: true }] },
      data: { locked: false, lockedAt: null, lockedById: null },
    });
    await writeAudit(tx, p, {
      action: "target.reopen",
      entity: "Target",
      entityId: own.id,
      unitCode: unit.code,
      before: { year: v.year, unitCode: unit.code, locked: true, lockedAt: own.lockedAt, lockedById: own.lockedById },
      after: { year: v.year, unitCode: unit.code, locked: false, targetsReopened: count },
    });
    return { count };
  });
}
