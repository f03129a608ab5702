// Collection agents (đại lý thu), the communes they serve and their collectors.
// Every read takes the caller's scope; every write checks agent.write, stays inside the scope,
// runs in one transaction and writes an audit entry.
//
// For the enrollment screens: `listSelectableAgents` (the agents that may be chosen for a new
// enrollment in a commune today) and `isAgentSelectableFor` (the server-side re-check when the
// enrollment is saved). The rule itself is `isAgentSelectable` in lib/domain/agent-status.ts.
import { isUniqueViolation } from "../db/helpers";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { fromIsoDate, toIsoDate, todayInVietnam, yearOf, type IsoDate } from "@/lib/domain/dates";
import { agentState, allowedAgentActions, isAgentSelectable, type AgentAction, type AgentState } from "@/lib/domain/agent-status";
import { toSearchForm } from "@/lib/domain/text";
import { messages, type Locale } from "@/lib/i18n/messages";
import { agentSchema, collectorSchema, endContractSchema, type AgentFilter, type AgentKind } from "@/lib/validation/agent";
import { fieldError } from "@/lib/validation/form";
import type { DbTx } from "../db/client";
import { AuthError, assertCan, assertInScope, scopeWhere, unitInScope, type Principal, provincesWhere, provinceFor } from "../auth/authz";
import { writeAudit } from "../trust/audit";

export { isAgentSelectable };

export const AGENT_PAGE_SIZE = 50;

type Opts = { locale?: Locale; today?: IsoDate };
const textOf = (p: Principal, o?: Opts) => messages[o?.locale ?? p.locale].agents.v;

/** Prisma form of isAgentSelectable: status ACTIVE and start ≤ today ≤ end (no end = open-ended). */
export function selectableAgentWhere(today: IsoDate): Prisma.CollectionAgentWhereInput {
  const d = fromIsoDate(today);
  return { status: "ACTIVE", contractStart: { lte: d }, OR: [{ contractEnd: null }, { contractEnd: { gte: d } }] };
}

/** Prisma form of agentState(a, today) === state. */
export function agentStateWhere(state: AgentState, today: IsoDate): Prisma.CollectionAgentWhereInput {
  const d = fromIsoDate(today);
  switch (state) {
    case "ACTIVE":
      return selectableAgentWhere(today);
    case "SUSPENDED":
      return { status: "SUSPENDED" };
    case "ENDED":
      return { status: "ENDED" };
    case "EXPIRED":
      return { status: "ACTIVE", contractEnd: { lt: d } };
    case "NOT_STARTED":
      return { status: "ACTIVE", contractStart: { gt: d }, OR: [{ contractEnd: null }, { contractEnd: { gte: d } }] };
  }
}

/** An agent row carries provinceCode/areaCode, so the scope test of units applies to it as well. */
const asScoped = (a: { code: string; provinceCode: string; areaCode: string }) => ({
  code: a.code,
  level: "AGENT",
  provinceCode: a.provinceCode,
  areaCode: a.areaCode,
});

// ------------------------------------------------------------------------------- counts

/**
 * Participants each agent serves on a date: distinct enrollees whose agent is this one and who
 * have a contribution covering the date (docs/domain.md "participant on D"). One grouped query.
 */
export async function countParticipantsByAgent(db: DbTx, agentIds: number[], on: IsoDate): Promise<Map<number, number>> {
  if (agentIds.length === 0) return new Map();
  const d = fromIsoDate(on);
  const rows = await db.$queryRaw<{ id: number; n: bigint }[]>`
    SELECT e."agentId" AS id, count(*) AS n FROM "Enrollee" e
    WHERE e."agentId" IN (${Prisma.join(agentIds)})
      AND EXISTS (SELECT 1 FROM "Contribution" c WHERE c."enrolleeId" = e.id AND c."periodStart" <= ${d} AND c."periodEnd" >= ${d})
    GROUP BY 1`;
  return new Map(rows.map((r) => [Number(r.id), Number(r.n)]));
}

async function countEnrolleesByAgent(db: DbTx, agentIds: number[]): Promise<Map<number, number>> {
  if (agentIds.length === 0) return new Map();
  const rows = await db.enrollee.groupBy({ by: ["agentId"], where: { agentId: { in: agentIds } }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.agentId!, r._count._all]));
}

// ------------------------------------------------------------------------------- reads

export type AgentListRow = {
  id: number;
  code: string;
  name: string;
  kind: AgentKind;
  provinceCode: string;
  areaCode: string;
  areaName: string;
  state: AgentState;
  contractNo: string | null;
  contractStart: IsoDate;
  contractEnd: IsoDate | null;
  phone: string | null;
  communes: number;
  collectors: number;
  enrollees: number;
  participants: number;
  target: number | null;
};

function listWhere(p: Principal, f: AgentFilter, today: IsoDate): Prisma.CollectionAgentWhereInput {
  const and: Prisma.CollectionAgentWhereInput[] = [scopeWhere(p.scope)];
  if (f.province) and.push({ provinceCode: f.province });
  if (f.area) and.push({ areaCode: f.area });
  if (f.commune) and.push({ communes: { some: { communeCode: f.commune } } });
  if (f.kind) and.push({ kind: f.kind });
  if (f.state) and.push(agentStateWhere(f.state, today));
  const words = toSearchForm(f.q ?? "")
    .split(" ")
    .filter(Boolean)
    .slice(0, 6);
  if (words.length) {
    // toSearchForm keeps letters and digits only, so no LIKE wildcard reaches the query
    const byName: Prisma.CollectionAgentWhereInput = { AND: words.map((w) => ({ searchName: { contains: w } })) };
    const code = (f.q ?? "").trim().toUpperCase();
    and.push(/^[A-Z0-9.-]+$/.test(code) ? { OR: [byName, { code: { startsWith: code } }] } : byName);
  }
  return { AND: and };
}

/** A page of the agents in the caller's scope, with this year's target and today's counts for that page only. */
export async function listAgents(
  db: DbTx,
  p: Principal,
  f: AgentFilter,
  today: IsoDate,
): Promise<{ rows: AgentListRow[]; total: number; page: number; pageSize: number }> {
  assertCan(p, "unit.read");
  const pageSize = f.pageSize ?? AGENT_PAGE_SIZE;
  const page = f.page ?? 1;
  const where = listWhere(p, f, today);
  const [total, agents] = await Promise.all([
    db.collectionAgent.count({ where }),
    db.collectionAgent.findMany({
      where,
      orderBy: [{ code: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        code: true,
        name: true,
        kind: true,
        provinceCode: true,
        areaCode: true,
        status: true,
        contractNo: true,
        contractStart: true,
        contractEnd: true,
        phone: true,
        _count: { select: { communes: true, collectors: { where: { active: true } } } },
      },
    }),
  ]);
  const ids = agents.map((a) => a.id);
  const [areas, enrollees, participants, targets] = await Promise.all([
    db.unit.findMany({ where: { code: { in: [...new Set(agents.map((a) => a.areaCode))] } }, select: { code: true, fullName: true } }),
    countEnrolleesByAgent(db, ids),
    countParticipantsByAgent(db, ids, today),
    db.target.findMany({ where: { year: yearOf(today), agentId: { in: ids } }, select: { agentId: true, participants: true } }),
  ]);
  const areaName = new Map(areas.map((a) => [a.code, a.fullName]));
  const targetOf = new Map(targets.map((t) => [t.agentId!, t.participants]));
  return {
    total,
    page,
    pageSize,
    rows: agents.map((a) => ({
      id: a.id,
      code: a.code,
      name: a.name,
      kind: a.kind,
      provinceCode: a.provinceCode,
      areaCode: a.areaCode,
      areaName: areaName.get(a.areaCode) ?? a.areaCode,
      state: agentState(a, today),
      contractNo: a.contractNo,
      contractStart: toIsoDate(a.contractStart),
      contractEnd: a.contractEnd ? toIsoDate(a.contractEnd) : null,
      phone: a.phone,
      communes: a._count.communes,
      collectors: a._count.collectors,
      enrollees: enrollees.get(a.id) ?? 0,
      participants: participants.get(a.id) ?? 0,
      target: targetOf.get(a.id) ?? null,
    })),
  };
}

export type AgentDetail = {
  id: number;
  code: string;
  name: string;
  kind: AgentKind;
  status: "ACTIVE" | "SUSPENDED" | "ENDED";
  state: AgentState;
  selectable: boolean;
  provinceCode: string;
  provinceName: string;
  areaCode: string;
  areaName: string;
  contractNo: string | null;
  contractStart: IsoDate;
  contractEnd: IsoDate | null;
  phone: string | null;
  address: string | null;
  communes: { code: string; fullName: string; areaCode: string }[];
  collectors: { id: number; name: string; phone: string | null; active: boolean }[];
  actions: AgentAction[];
  year: number;
  target: number | null;
  participants: number;
  enrollees: number;
};

/** One agent of the caller's scope (else AuthError 404) with its communes, collectors, target and counts. */
export async function getAgentDetail(db: DbTx, p: Principal, id: number, today: IsoDate): Promise<AgentDetail> {
  assertCan(p, "unit.read");
  const a = await db.collectionAgent.findUnique({
    where: { id },
    include: {
      communes: { include: { commune: { select: { code: true, fullName: true, areaCode: true } } } },
      collectors: { orderBy: [{ active: "desc" }, { name: "asc" }, { id: "asc" }], select: { id: true, name: true, phone: true, active: true } },
    },
  });
  if (!a) throw new AuthError(404, "not found");
  assertInScope(p, asScoped(a));
  const year = yearOf(today);
  const [units, target, participants, enrollees] = await Promise.all([
    db.unit.findMany({ where: { code: { in: [a.provinceCode, a.areaCode] } }, select: { code: true, fullName: true } }),
    db.target.findUnique({ where: { year_agentId: { year, agentId: a.id } }, select: { participants: true } }),
    countParticipantsByAgent(db, [a.id], today),
    db.enrollee.count({ where: { agentId: a.id } }),
  ]);
  const name = new Map(units.map((u) => [u.code, u.fullName]));
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    kind: a.kind,
    status: a.status,
    state: agentState(a, today),
    selectable: isAgentSelectable(a, today),
    provinceCode: a.provinceCode,
    provinceName: name.get(a.provinceCode) ?? a.provinceCode,
    areaCode: a.areaCode,
    areaName: name.get(a.areaCode) ?? a.areaCode,
    contractNo: a.contractNo,
    contractStart: toIsoDate(a.contractStart),
    contractEnd: a.contractEnd ? toIsoDate(a.contractEnd) : null,
    phone: a.phone,
    address: a.address,
    communes: a.communes.map((c) => c.commune).sort((x, y) => x.code.localeCompare(y.code)) as AgentDetail["communes"],
    collectors: a.collectors,
    actions: allowedAgentActions(a),
    year,
    target: target?.participants ?? null,
    participants: participants.get(a.id) ?? 0,
    enrollees,
  };
}

export type SelectableAgent = { id: number; code: string; name: string; kind: AgentKind };

/**
 * The agents that may be chosen for a new enrollment in a commune today: they serve the commune
 * (AgentCommune), their status is ACTIVE and today is within their contract. The commune must be
 * inside the caller's scope (else AuthError 404). For the enrollment form's agent select.
 */
export async function listSelectableAgents(db: DbTx, p: Principal, communeCode: string, today: IsoDate): Promise<SelectableAgent[]> {
  assertCan(p, "unit.read");
  const commune = await db.unit.findUnique({ where: { code: communeCode }, select: { code: true, level: true, provinceCode: true, areaCode: true } });
  if (!commune || commune.level !== "COMMUNE") throw new AuthError(404, "not found");
  assertInScope(p, commune);
  return db.collectionAgent.findMany({
    where: { AND: [{ communes: { some: { communeCode } } }, selectableAgentWhere(today)] },
    select: { id: true, code: true, name: true, kind: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

/** Server-side re-check when an enrollment (or conference) names an agent: serves the commune and is selectable today. */
export async function isAgentSelectableFor(db: DbTx, agentId: number, communeCode: string, today: IsoDate): Promise<boolean> {
  const n = await db.collectionAgent.count({ where: { AND: [{ id: agentId, communes: { some: { communeCode } } }, selectableAgentWhere(today)] } });
  return n > 0;
}

export type UnitOption = { code: string; fullName: string; areaCode: string | null; provinceCode: string | null };

/** Provinces the caller may pick in filters and forms (a national user: all; others: their own). */
export async function provinceOptions(db: DbTx, p: Principal): Promise<UnitOption[]> {
  return db.unit.findMany({
    where: provincesWhere(p.scope),
    select: { code: true, fullName: true, areaCode: true, provinceCode: true },
    orderBy: { code: "asc" },
  });
}

/** Areas and communes of one province that lie in the caller's scope (for selects and pickers). */
export async function unitOptions(db: DbTx, p: Principal, provinceCode: string | null | undefined): Promise<{ areas: UnitOption[]; communes: UnitOption[] }> {
  const province = provinceFor(p.scope, provinceCode);
  if (!province) return { areas: [], communes: [] };
  const select = { code: true, fullName: true, areaCode: true, provinceCode: true } as const;
  const where = { provinceCode: province, ...scopeWhere(p.scope) };
  const [areas, communes] = await Promise.all([
    db.unit.findMany({ where: { ...where, level: "AREA" }, select, orderBy: { code: "asc" } }),
    db.unit.findMany({ where: { ...where, level: "COMMUNE" }, select, orderBy: { code: "asc" } }),
  ]);
  return { areas, communes };
}

// ------------------------------------------------------------------------------- writes

type AgentRow = Prisma.CollectionAgentGetPayload<{ include: { communes: true } }>;

async function loadAgentForWrite(db: DbTx, p: Principal, id: number): Promise<AgentRow> {
  assertCan(p, "agent.write");
  const a = await db.collectionAgent.findUnique({ where: { id }, include: { communes: true } });
  if (!a) throw new AuthError(404, "not found");
  assertInScope(p, asScoped(a));
  return a;
}

function auditView(a: AgentRow | (Omit<AgentRow, "communes"> & { communes?: { communeCode: string }[] })) {
  return {
    code: a.code,
    name: a.name,
    kind: a.kind,
    provinceCode: a.provinceCode,
    areaCode: a.areaCode,
    status: a.status,
    contractNo: a.contractNo,
    contractStart: toIsoDate(a.contractStart),
    contractEnd: a.contractEnd ? toIsoDate(a.contractEnd) : null,
    phone: a.phone,
    address: a.address,
    communes: (a.communes ?? []).map((c) => c.communeCode).sort(),
  };
}

/** Checks the area and communes of an agent form against the caller's scope; returns the province. */
async function checkPlacement(db: DbTx, p: Principal, areaCode: string, communeCodes: string[], m: ReturnType<typeof textOf>): Promise<string> {
  const area = await db.unit.findUnique({ where: { code: areaCode }, select: { code: true, level: true, provinceCode: true, areaCode: true } });
  if (!area || area.level !== "AREA" || !unitInScope(p.scope, area)) throw fieldError("areaCode", m.areaOutside);
  const communes = await db.unit.findMany({
    where: { code: { in: communeCodes }, level: "COMMUNE" },
    select: { code: true, level: true, provinceCode: true, areaCode: true },
  });
  const ok = communes.length === communeCodes.length && communes.every((c) => c.provinceCode === area.provinceCode && unitInScope(p.scope, c));
  if (!ok) throw fieldError("communeCodes", m.communeOutside);
  return area.provinceCode!;
}

/** Creates an agent with the communes it serves. Returns its id. */
export async function createAgent(db: PrismaClient, p: Principal, input: unknown, o?: Opts): Promise<{ id: number }> {
  assertCan(p, "agent.write");
  const m = textOf(p, o);
  const v = agentSchema(m).parse(input);
  const provinceCode = await checkPlacement(db, p, v.areaCode, v.communeCodes, m);
  if (await db.collectionAgent.findUnique({ where: { code: v.code }, select: { id: true } })) throw fieldError("code", m.codeTaken);
  try {
    return await db.$transaction(async (tx) => {
      const a = await tx.collectionAgent.create({
        data: {
          code: v.code,
          name: v.name,
          searchName: toSearchForm(v.name),
          kind: v.kind,
          provinceCode,
          areaCode: v.areaCode,
          contractNo: v.contractNo,
          contractStart: fromIsoDate(v.contractStart),
          contractEnd: v.contractEnd ? fromIsoDate(v.contractEnd) : null,
          phone: v.phone,
          address: v.address,
          communes: { create: v.communeCodes.map((communeCode) => ({ communeCode })) },
        },
        include: { communes: true },
      });
      await writeAudit(tx, p, { action: "agent.create", entity: "CollectionAgent", entityId: a.id, unitCode: a.areaCode, after: auditView(a) });
      return { id: a.id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw fieldError("code", m.codeTaken);
    throw e;
  }
}

/** Edits an agent's details and the communes it serves (its status changes through the actions below). */
export async function updateAgent(db: PrismaClient, p: Principal, id: number, input: unknown, o?: Opts): Promise<void> {
  const m = textOf(p, o);
  const before = await loadAgentForWrite(db, p, id);
  const v = agentSchema(m).parse(input);
  const provinceCode = await checkPlacement(db, p, v.areaCode, v.communeCodes, m);
  const clash = await db.collectionAgent.findUnique({ where: { code: v.code }, select: { id: true } });
  if (clash && clash.id !== id) throw fieldError("code", m.codeTaken);
  try {
    await db.$transaction(async (tx) => {
      await tx.agentCommune.deleteMany({ where: { agentId: id, communeCode: { notIn: v.communeCodes } } });
      await tx.agentCommune.createMany({ data: v.communeCodes.map((communeCode) => ({ agentId: id, communeCode })), skipDuplicates: true });
      const after = await tx.collectionAgent.update({
        where: { id },
        data: {
          code: v.code,
          name: v.name,
          searchName: toSearchForm(v.name),
          kind: v.kind,
          provinceCode,
          areaCode: v.areaCode,
          contractNo: v.contractNo,
          contractStart: fromIsoDate(v.contractStart),
          contractEnd: v.contractEnd ? fromIsoDate(v.contractEnd) : null,
          phone: v.phone,
          address: v.address,
        },
        include: { communes: true },
      });
      await writeAudit(tx, p, {
        action: "agent.update",
        entity: "CollectionAgent",
        entityId: id,
        unitCode: after.areaCode,
        before: auditView(before),
        after: auditView(after),
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw fieldError("code", m.codeTaken);
    throw e;
  }
}

/** Suspend, reactivate or end an agent's contract. The change is conditional on the status read, so two admins cannot both apply it. */
export async function changeAgentStatus(db: PrismaClient, p: Principal, id: number, action: AgentAction, input: unknown = {}, o?: Opts): Promise<void> {
  const m = textOf(p, o);
  const today = o?.today ?? todayInVietnam();
  const before = await loadAgentForWrite(db, p, id);
  if (!allowedAgentActions(before).includes(action)) throw fieldError("_form", m.notAllowed);
  const data: Prisma.CollectionAgentUpdateManyMutationInput = {};
  if (action === "suspend") data.status = "SUSPENDED";
  if (action === "reactivate") data.status = "ACTIVE";
  if (action === "end") {
    const { contractEnd } = endContractSchema(m).parse(input);
    if (contractEnd > today) throw fieldError("contractEnd", m.endAfterToday);
    if (contractEnd < toIsoDate(before.contractStart)) throw fieldError("contractEnd", m.endBeforeStart);
    data.status = "ENDED";
    data.contractEnd = fromIsoDate(contractEnd);
  }
  await db.$transaction(async (tx) => {
    const { count } = await tx.collectionAgent.updateMany({ where: { id, status: before.status }, data });
    if (count !== 1) throw fieldError("_form", m.notAllowed); // changed by someone else meanwhile
    const after = await tx.collectionAgent.findUniqueOrThrow({ where: { id }, include: { communes: true } });
    await writeAudit(tx, p, {
      action: `agent.${action}`,
      entity: "CollectionAgent",
      entityId: id,
      unitCode: after.areaCode,
      before: auditView(before),
      after: auditView(after),
    });
  });
}

export const suspendAgent = (db: PrismaClient, p: Principal, id: number, o?: Opts) => changeAgentStatus(db, p, id, "suspend", {}, o);
export const reactivateAgent = (db: PrismaClient, p: Principal, id: number, o?: Opts) => changeAgentStatus(db, p, id, "reactivate", {}, o);
export const endAgentContract = (db: PrismaClient, p: Principal, id: number, input: unknown, o?: Opts) => changeAgentStatus(db, p, id, "end", input, o);

/** Adds a collector to an agent. */
export async function addCollector(db: PrismaClient, p: Principal, agentId: number, input: unknown, o?: Opts): Promise<{ id: number }> {
  const agent = await loadAgentForWrite(db, p, agentId);
  const v = collectorSchema(textOf(p, o)).parse(input);
  return db.$transaction(async (tx) => {
    const c = await tx.collector.create({ data: { agentId, name: v.name, phone: v.phone, active: v.active ?? true } });
    await writeAudit(tx, p, {
      action: "collector.create",
      entity: "Collector",
      entityId: c.id,
      unitCode: agent.areaCode,
      after: { agentId, agentCode: agent.code, name: c.name, phone: c.phone, active: c.active },
    });
    return { id: c.id };
  });
}

/** Edits a collector (name, phone, working or not). Collectors are never deleted: they appear on past receipts. */
export async function updateCollector(db: PrismaClient, p: Principal, collectorId: number, input: unknown, o?: Opts): Promise<void> {
  assertCan(p, "agent.write");
  const before = await db.collector.findUnique({ where: { id: collectorId } });
  if (!before) throw new AuthError(404, "not found");
  const agent = await loadAgentForWrite(db, p, before.agentId);
  const v = collectorSchema(textOf(p, o)).parse(input);
  await db.$transaction(async (tx) => {
    const after = await tx.collector.update({ where: { id: collectorId }, data: { name: v.name, phone: v.phone, active: v.active ?? before.active } });
    await writeAudit(tx, p, {
      action: "collector.update",
      entity: "Collector",
      entityId: collectorId,
      unitCode: agent.areaCode,
      before: { agentId: agent.id, name: before.name, phone: before.phone, active: before.active },
      after: { agentId: agent.id, name: after.name, phone: after.phone, active: after.active },
    });
  });
}

/** Marks a collector as working or as having left. */
export async function setCollectorActive(db: PrismaClient, p: Principal, collectorId: number, active: boolean): Promise<void> {
  const c = await db.collector.findUnique({ where: { id: collectorId } });
  if (!c) throw new AuthError(404, "not found");
  await updateCollector(db, p, collectorId, { name: c.name, phone: c.phone, active });
}
