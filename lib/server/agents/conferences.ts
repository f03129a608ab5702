// Outreach conferences (hội nghị tuyên truyền): planned and recorded per commune, optionally with
// the agent serving it. An enrollment may name the conference (Enrollee.conferenceId), which is
// how each conference's "people enrolled" is counted.
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { addDays, fromIsoDate, toIsoDate, todayInVietnam, type IsoDate } from "@/lib/domain/dates";
import { agentCanServeConference, agentState, type AgentState } from "@/lib/domain/agent-status";
import { messages, type Locale } from "@/lib/i18n/messages";
import { conferenceSchema, type ConferenceFilter, type ConferenceInput } from "@/lib/validation/conference";
import { fieldError } from "@/lib/validation/form";
import type { DbTx } from "../db/client";
import { AuthError, assertCan, assertInScope, scopeWhere, unitInScope, type Principal, provinceFor } from "../auth/authz";
import { writeAudit } from "../trust/audit";

export const CONFERENCE_PAGE_SIZE = 50;

type Opts = { locale?: Locale; today?: IsoDate };
const textOf = (p: Principal, o?: Opts) => messages[o?.locale ?? p.locale].agents.v;

/** People enrolled through each conference (Enrollee.conferenceId): one grouped query. */
export async function countEnrolledByConference(db: DbTx, conferenceIds: number[]): Promise<Map<number, number>> {
  if (conferenceIds.length === 0) return new Map();
  const rows = await db.enrollee.groupBy({ by: ["conferenceId"], where: { conferenceId: { in: conferenceIds } }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.conferenceId!, r._count._all]));
}

export type ConferenceRow = {
  id: number;
  heldOn: IsoDate;
  planned: boolean;
  title: string;
  attendees: number;
  enrolled: number;
  communeCode: string;
  communeName: string;
  areaCode: string;
  provinceCode: string;
  agentId: number | null;
  agentName: string | null;
};

function listWhere(p: Principal, f: ConferenceFilter): Prisma.OutreachConferenceWhereInput {
  const and: Prisma.OutreachConferenceWhereInput[] = [scopeWhere(p.scope)];
  if (f.province) and.push({ provinceCode: f.province });
  if (f.area) and.push({ areaCode: f.area });
  if (f.commune) and.push({ communeCode: f.commune });
  if (f.agent) and.push({ agentId: f.agent });
  if (f.from) and.push({ heldOn: { gte: fromIsoDate(f.from) } });
  if (f.to) and.push({ heldOn: { lte: fromIsoDate(f.to) } });
  return { AND: and };
}

/** A page of the conferences in the caller's scope, newest first, each with the people it enrolled. */
export async function listConferences(
  db: DbTx,
  p: Principal,
  f: ConferenceFilter,
  today: IsoDate,
): Promise<{ rows: ConferenceRow[]; total: number; totalEnrolled: number; page: number; pageSize: number }> {
  assertCan(p, "unit.read");
  const page = f.page ?? 1;
  const pageSize = CONFERENCE_PAGE_SIZE;
  const where = listWhere(p, f);
  const [total, totalEnrolled, rows] = await Promise.all([
    db.outreachConference.count({ where }),
    db.enrollee.count({ where: { conference: where } }),
    db.outreachConference.findMany({
      where,
      orderBy: [{ heldOn: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: { commune: { select: { fullName: true } }, agent: { select: { name: true } } },
    }),
  ]);
  const enrolled = await countEnrolledByConference(
    db,
    rows.map((r) => r.id),
  );
  return {
    total,
    totalEnrolled,
    page,
    pageSize,
    rows: rows.map((r) => ({
      id: r.id,
      heldOn: toIsoDate(r.heldOn),
      planned: toIsoDate(r.heldOn) > today,
      title: r.title,
      attendees: r.attendees,
      enrolled: enrolled.get(r.id) ?? 0,
      communeCode: r.communeCode,
      communeName: r.commune.fullName,
      areaCode: r.areaCode,
      provinceCode: r.provinceCode,
      agentId: r.agentId,
      agentName: r.agent?.name ?? null,
    })),
  };
}

/** One conference of the caller's scope (else AuthError 404). */
export async function getConference(db: DbTx, p: Principal, id: number, today: IsoDate): Promise<ConferenceRow> {
  assertCan(p, "unit.read");
  const r = await db.outreachConference.findUnique({ where: { id }, include: { commune: { select: { fullName: true } }, agent: { select: { name: true } } } });
  if (!r) throw new AuthError(404, "not found");
  assertInScope(p, { code: String(r.id), level: "CONFERENCE", provinceCode: r.provinceCode, areaCode: r.areaCode });
  const enrolled = await db.enrollee.count({ where: { conferenceId: r.id } });
  return {
    id: r.id,
    heldOn: toIsoDate(r.heldOn),
    planned: toIsoDate(r.heldOn) > today,
    title: r.title,
    attendees: r.attendees,
    enrolled,
    communeCode: r.communeCode,
    communeName: r.commune.fullName,
    areaCode: r.areaCode,
    provinceCode: r.provinceCode,
    agentId: r.agentId,
    agentName: r.agent?.name ?? null,
  };
}

/**
 * Conferences held in a commune recently (the last `days` days up to today), for the enrollment
 * form's "enrolled at conference" select. The commune must be in the caller's scope.
 */
export async function listRecentConferences(
  db: DbTx,
  p: Principal,
  communeCode: string,
  today: IsoDate,
  days = 120,
): Promise<{ id: number; heldOn: IsoDate; title: string }[]> {
  assertCan(p, "unit.read");
  const commune = await db.unit.findUnique({ where: { code: communeCode }, select: { code: true, level: true, provinceCode: true, areaCode: true } });
  if (!commune || commune.level !== "COMMUNE") throw new AuthError(404, "not found");
  assertInScope(p, commune);
  const rows = await db.outreachConference.findMany({
    where: { communeCode, heldOn: { gte: fromIsoDate(addDays(today, -days)), lte: fromIsoDate(today) } },
    orderBy: [{ heldOn: "desc" }, { id: "desc" }],
    select: { id: true, heldOn: true, title: true },
  });
  return rows.map((r) => ({ id: r.id, heldOn: toIsoDate(r.heldOn), title: r.title }));
}

/** Agents the conference form offers: those serving a commune of the scope, with the communes they serve (the form filters by commune). */
export async function conferenceAgentOptions(
  db: DbTx,
  p: Principal,
  provinceCode: string | null | undefined,
  today: IsoDate,
  currentAgentId?: number | null,
): Promise<{ id: number; name: string; state: AgentState; communes: string[] }[]> {
  const province = provinceFor(p.scope, provinceCode);
  if (!province) return [];
  const serving: Prisma.CollectionAgentWhereInput = { provinceCode: province, communes: { some: { commune: scopeWhere(p.scope) } } };
  const agents = await db.collectionAgent.findMany({
    // ended agents are not offered, except the one a conference being edited already names
    where: { ...serving, OR: [{ status: { not: "ENDED" } }, ...(currentAgentId ? [{ id: currentAgentId }] : [])] },
    select: { id: true, name: true, status: true, contractStart: true, contractEnd: true, communes: { select: { communeCode: true } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return agents.map((a) => ({ id: a.id, name: a.name, state: agentState(a, today), communes: a.communes.map((c) => c.communeCode) }));
}

// ------------------------------------------------------------------------------- writes

type ConferenceRecord = Prisma.OutreachConferenceGetPayload<object>;

const auditView = (c: ConferenceRecord) => ({
  heldOn: toIsoDate(c.heldOn),
  communeCode: c.communeCode,
  areaCode: c.areaCode,
  provinceCode: c.provinceCode,
  agentId: c.agentId,
  title: c.title,
  attendees: c.attendees,
});

/** The commune must be in scope; the agent, if any, must serve it and be able to work on that date. */
async function checkPlace(db: DbTx, p: Principal, v: ConferenceInput, today: IsoDate, m: ReturnType<typeof textOf>) {
  const commune = await db.unit.findUnique({ where: { code: v.communeCode }, select: { code: true, level: true, provinceCode: true, areaCode: true } });
  if (!commune || commune.level !== "COMMUNE" || !unitInScope(p.scope, commune)) throw fieldError("communeCode", m.commune);
  if (v.agentId !== null) {
    const agent = await db.collectionAgent.findFirst({
      where: { id: v.agentId, communes: { some: { communeCode: v.communeCode } } },
      select: { status: true, contractStart: true, contractEnd: true },
    });
    if (!agent || !agentCanServeConference(agent, v.heldOn, today)) throw fieldError("agentId", m.agentNotServing);
  }
  return { provinceCode: commune.provinceCode!, areaCode: commune.areaCode! };
}

async function loadForWrite(db: DbTx, p: Principal, id: number): Promise<ConferenceRecord> {
  assertCan(p, "conference.write");
  const c = await db.outreachConference.findUnique({ where: { id } });
  if (!c) throw new AuthError(404, "not found");
  assertInScope(p, { code: String(c.id), level: "CONFERENCE", provinceCode: c.provinceCode, areaCode: c.areaCode });
  return c;
}

export async function createConference(db: PrismaClient, p: Principal, input: unknown, o?: Opts): Promise<{ id: number }> {
  assertCan(p, "conference.write");
  const m = textOf(p, o);
  const v = conferenceSchema(m).parse(input);
  const place = await checkPlace(db, p, v, o?.today ?? todayInVietnam(), m);
  return db.$transaction(async (tx) => {
    const c = await tx.outreachConference.create({
      data: { heldOn: fromIsoDate(v.heldOn), communeCode: v.communeCode, ...place, agentId: v.agentId, title: v.title, attendees: v.attendees },
    });
    await writeAudit(tx, p, { action: "conference.create", entity: "OutreachConference", entityId: c.id, unitCode: c.communeCode, after: auditView(c) });
    return { id: c.id };
  });
}

export async function updateConference(db: PrismaClient, p: Principal, id: number, input: unknown, o?: Opts): Promise<void> {
  const m = textOf(p, o);
  const before = await loadForWrite(db, p, id);
  const v = conferenceSchema(m).parse(input);
  const place = await checkPlace(db, p, v, o?.today ?? todayInVietnam(), m);
  // people already enrolled through it live in its commune: moving it elsewhere would misplace them
  if (v.communeCode !== before.communeCode && (await db.enrollee.count({ where: { conferenceId: id } })) > 0) throw fieldError("communeCode", m.communeLocked);
  await db.$transaction(async (tx) => {
    const after = await tx.outreachConference.update({
      where: { id },
      data: { heldOn: fromIsoDate(v.heldOn), communeCode: v.communeCode, ...place, agentId: v.agentId, title: v.title, attendees: v.attendees },
    });
    await writeAudit(tx, p, {
      action: "conference.update",
      entity: "OutreachConference",
      entityId: id,
      unitCode: after.communeCode,
      before: auditView(before),
      after: auditView(after),
    });
  });
}

/** Deletes a conference nobody enrolled through (a plan that did not happen, or a mistake). */
export async function deleteConference(db: PrismaClient, p: Principal, id: number, o?: Opts): Promise<void> {
  const m = textOf(p, o);
  const before = await loadForWrite(db, p, id);
  await db.$transaction(async (tx) => {
    if ((await tx.enrollee.count({ where: { conferenceId: id } })) > 0) throw fieldError("_form", m.hasEnrollees);
    await tx.outreachConference.delete({ where: { id } });
    await writeAudit(tx, p, {
      action: "conference.delete",
      entity: "OutreachConference",
      entityId: id,
      unitCode: before.communeCode,
      before: auditView(before),
    });
  });
}
