// The world the authorization matrix is checked in: the four demo callers, three places (Ba Đình = inside
// everyone's scope; Đống Đa and Vinh = outside the district staff's and the Hà Nội roles' scope) each with
// an enrollee, an agent with a collector, a conference, a user and a provincial top-up, and builders for
// fresh objects (for cells that delete or change what they are given). Written through Prisma to a real
// migrated database.
import type { PrismaClient } from "@/generated/prisma/client";
import type { Role } from "@/generated/prisma/enums";
import { scopeOfUnit, type Principal } from "@/lib/server/auth/authz";
import { createConference } from "@/lib/server/agents/conferences";
import { stageAndPreview, type StreamEvent } from "@/lib/server/imports/flow";
import { lockTargets } from "@/lib/server/targets/targets";
import { addContribution, createAgent, createEnrollee } from "../fixtures/factories";
import { issueTestToken } from "../fixtures/enrollment";
import { csvOf, person } from "../fixtures/import";
import { putTarget } from "../fixtures/targets";
import { CALLERS, COLLECTOR_CALLER, MATRIX, collectorCell, keyOf, type AnyCaller, type Caller, type Cell, type Entry, type Outcome } from "./matrix";

export const TODAY = "2026-06-15";
const ROLES: Record<Caller, { role: Role; unit: string }> = {
  admin: { role: "ADMIN", unit: "VN" },
  "admin.hanoi": { role: "ADMIN", unit: "01" },
  "tinh.hanoi": { role: "PROVINCE_OFFICER", unit: "01" },
  "cs.badinh": { role: "DISTRICT_STAFF", unit: "001" },
};

export type Place = {
  name: string;
  province: string;
  area: string;
  commune: string;
  enrolleeId: number;
  personalId: string;
  agentId: number;
  collectorId: number;
  conferenceId: number;
  /** the place enrollee's contribution (its receipt) */
  contributionId: number;
  userId: number;
  userLogin: string;
  staff: Principal;
  topUpId: number;
};

export type World = {
  prisma: PrismaClient;
  principals: Record<AnyCaller, Principal>;
  tokens: Record<AnyCaller, string>;
  places: { badinh: Place; dongda: Place; vinh: Place };
  /** "in" is Ba Đình for everyone; "out" is Đống Đa for Ba Đình's staff, Vinh for the Hà Nội roles. */
  placeFor(caller: AnyCaller | null, where: "in" | "out"): Place;
  national: Principal;
  seq(): number;
  /** a year no other cell has used (targets and locks are per year) */
  year(): number;
  fresh: {
    enrollee(pl: Place): Promise<{ id: number; personalId: string }>;
    /** a person without payments (those with payments cannot be deleted) */
    bareEnrollee(pl: Place): Promise<number>;
    agent(pl: Place): Promise<{ id: number; collectorId: number }>;
    conference(pl: Place): Promise<number>;
    user(pl: Place): Promise<{ id: number; login: string }>;
    token(pl: Place): Promise<number>;
    topUp(pl: Place): Promise<number>;
    job(owner: Principal, pl: Place): Promise<string>;
    lockedYear(pl: Place): Promise<number>;
    targetYear(pl: Place): Promise<number>;
  };
  importFile(pl: Place): { name: string; data: Uint8Array };
};

let counter = 0;
/** names may not contain digits: 1 → "Ab", 2 → "Ac", … */
const letters = (n: number) => "A" + [...n.toString(26)].map((d) => String.fromCharCode(97 + parseInt(d, 26))).join("");
let years = 2030;

async function principal(db: PrismaClient, login: string, role: Role, unitCode: string): Promise<Principal> {
  const unit = await db.unit.findUniqueOrThrow({ where: { code: unitCode } });
  const user = await db.user.create({ data: { login, name: login, passwordHash: "x", role, unitCode } });
  return { userId: user.id, login, name: login, role, unitCode, scope: scopeOfUnit(unit), locale: "vi" };
}

export async function buildWorld(prisma: PrismaClient): Promise<World> {
  const principals = {} as Record<AnyCaller, Principal>;
  const tokens = {} as Record<AnyCaller, string>;
  for (const c of CALLERS) {
    principals[c] = await principal(prisma, c, ROLES[c].role, ROLES[c].unit);
    tokens[c] = await issueTestToken(prisma, principals[c].userId);
  }
  const national = principals.admin;
  const seq = () => ++counter;
  const year = () => {
    if (years >= 2100) throw new Error("the matrix ran out of target years (2030–2100)");
    return ++years;
  };
  const importFile = (pl: Place) => ({ name: `nhap-${seq()}.csv`, data: csvOf([person(700_000 + seq(), pl.commune)]) });

  const fresh: World["fresh"] = {
    async enrollee(pl) {
      const e = await createEnrollee(prisma, pl.commune, { fullName: `Nguyễn Thị ${letters(seq())}`, firstCoveredOn: "2026-01-01", coverageEnd: "2026-12-31" });
      await addContribution(prisma, e.id, "2026-01-01", "2026-12-31");
      return { id: e.id, personalId: e.personalId };
    },
    async bareEnrollee(pl) {
      return (await createEnrollee(prisma, pl.commune, { fullName: `Trần Văn ${letters(seq())}` })).id;
    },
    async agent(pl) {
      const a = await createAgent(prisma, pl.commune);
      const c = await prisma.collector.create({ data: { agentId: a.id, name: "Nguyễn Thị Thu" } });
      return { id: a.id, collectorId: c.id };
    },
    async conference(pl) {
      return (
        await createConference(
          prisma,
          national,
          { heldOn: "2026-05-10", communeCode: pl.commune, title: `Hội nghị ${pl.name} ${seq()}`, attendees: 30 },
          { today: TODAY },
        )
      ).id;
    },
    async user(pl) {
      const u = await principal(prisma, `nv.${pl.area}.${seq()}`, "DISTRICT_STAFF", pl.area);
      return { id: u.userId, login: u.login };
    },
    async token(pl) {
      const t = await prisma.apiToken.create({ data: { userId: pl.userId, name: `t${seq()}`, tokenHash: `hash-${seq()}-${Math.random()}` } });
      return t.id;
    },
    async topUp(pl) {
      const r = await prisma.provincialTopUp.create({
        data: { provinceCode: pl.province, group: "OTHER", rateBp: 500 + seq(), effectiveFrom: new Date(Date.UTC(2099, 0, 1 + (seq() % 300))) },
      });
      return r.id;
    },
    async job(owner, pl) {
      let jobId = "";
      await stageAndPreview(prisma, owner, importFile(pl), (e: StreamEvent) => {
        if (e.type === "preview") jobId = e.summary.jobId;
      });
      return jobId;
    },
    async lockedYear(pl) {
      const y = year();
      await putTarget(prisma, y, { unitCode: pl.area }, 100);
      await lockTargets(prisma, national, { year: y, unitCode: pl.area }, { today: TODAY });
      return y;
    },
    async targetYear(pl) {
      const y = year();
      await putTarget(prisma, y, { unitCode: pl.area }, 100);
      return y;
    },
  };

  async function place(name: string, area: string): Promise<Place> {
    const commune = (await prisma.unit.findFirstOrThrow({ where: { areaCode: area, level: "COMMUNE" }, orderBy: { code: "asc" } })).code;
    const province = (await prisma.unit.findUniqueOrThrow({ where: { code: area } })).provinceCode!;
    const staff = await principal(prisma, `nv.${name}`, "DISTRICT_STAFF", area);
    const pl = { name, province, area, commune, userId: staff.userId, userLogin: staff.login, staff } as Place;
    const e = await fresh.enrollee(pl);
    const a = await fresh.agent(pl);
    // the place's person is its agent's (the collector of that agent reaches it)
    await prisma.enrollee.update({ where: { id: e.id }, data: { agentId: a.id } });
    const contribution = await prisma.contribution.findFirstOrThrow({ where: { enrolleeId: e.id }, select: { id: true } });
    Object.assign(pl, {
      contributionId: contribution.id,
      enrolleeId: e.id,
      personalId: e.personalId,
      agentId: a.id,
      collectorId: a.collectorId,
      conferenceId: await fresh.conference(pl),
      topUpId: await fresh.topUp(pl),
    });
    return pl;
  }
  const places = { badinh: await place("badinh", "001"), dongda: await place("dongda", "006"), vinh: await place("vinh", "412") };
  // the collector of Ba Đình's agent (issue 11)
  {
    const user = await prisma.user.create({
      data: { login: COLLECTOR_CALLER, name: COLLECTOR_CALLER, passwordHash: "x", role: "COLLECTOR", unitCode: "001", collectorId: places.badinh.collectorId },
    });
    const communes = await prisma.agentCommune.findMany({ where: { agentId: places.badinh.agentId }, select: { communeCode: true } });
    principals[COLLECTOR_CALLER] = {
      userId: user.id,
      login: COLLECTOR_CALLER,
      name: COLLECTOR_CALLER,
      role: "COLLECTOR",
      unitCode: "001",
      locale: "vi",
      scope: scopeOfUnit(await prisma.unit.findUniqueOrThrow({ where: { code: "001" } })),
      collector: { collectorId: places.badinh.collectorId, agentId: places.badinh.agentId, communeCodes: communes.map((c) => c.communeCode) },
    };
    tokens[COLLECTOR_CALLER] = await issueTestToken(prisma, user.id);
  }
  return {
    prisma,
    principals,
    tokens,
    places,
    national,
    seq,
    fresh,
    importFile,
    year,
    placeFor: (caller, where) => (where === "in" ? places.badinh : caller === "cs.badinh" || caller === COLLECTOR_CALLER ? places.dongda : places.vinh),
  };
}

/** A hash of every table a write could touch: a refused call must leave it unchanged. ApiToken's
 *  lastUsedAt is left out (a bearer call records it before the permission is checked). */
export async function fingerprint(prisma: PrismaClient): Promise<Record<string, string>> {
  const tables = [
    "Enrollee",
    "Contribution",
    "CollectionAgent",
    "AgentCommune",
    "Collector",
    "OutreachConference",
    "Target",
    "User",
    "PolicyParameter",
    "SubsidyTier",
    "ProvincialTopUp",
    "CoverageMilestone",
    "CommissionRate",
    "AuditLog",
    "ContactLog",
  ];
  // count and an order-free sum of row hashes: no sort, one pass per table
  const parts = tables.map((t) => `(SELECT count(*) || ':' || coalesce(sum(hashtext(x::text)::bigint), 0) FROM "${t}" x) AS "${t}"`);
  // thousands of reference rows: their ids and figures are enough
  parts.push(`(SELECT count(*) || ':' || coalesce(sum(id::bigint * 7919 + persons::bigint * 31 + year), 0) FROM "LabourForce") AS "LabourForce"`);
  parts.push(
    `(SELECT count(*) || ':' || coalesce(sum(hashtext(concat_ws(',', id, "userId", name, "tokenHash", "revokedAt"))::bigint), 0) FROM "ApiToken") AS "ApiToken"`,
  );
  const [row] = await prisma.$queryRawUnsafe<Record<string, string>[]>(`SELECT ${parts.join(", ")}`);
  return row;
}

export type CellCase = { entry: Entry; key: string; caller: AnyCaller | null; where: "in" | "out"; expected: Outcome };

/** Every cell of the given kind that has an expectation, as one case each. */
export function cellsOf(kind: Entry["kind"]): CellCase[] {
  const out: CellCase[] = [];
  for (const entry of MATRIX.filter((e) => e.kind === kind)) {
    const key = keyOf(entry);
    out.push({ entry, key, caller: null, where: "in", expected: entry.anon });
    CALLERS.forEach((caller, i) => {
      out.push({ entry, key, caller, where: "in", expected: entry.in[i] });
      const o: Cell = entry.out[i];
      if (o !== "n/a") out.push({ entry, key, caller, where: "out", expected: o });
    });
    const col = collectorCell(entry);
    out.push({ entry, key, caller: COLLECTOR_CALLER, where: "in", expected: col.in });
    if (col.out !== "n/a") out.push({ entry, key, caller: COLLECTOR_CALLER, where: "out", expected: col.out });
  }
  return out;
}

/** The session the mocked next-auth getServerSession returns (actions and pages read the caller from it). */
export const session: { uid: number | null } = ((globalThis as { __authzSession?: { uid: number | null } }).__authzSession ??= { uid: null });

export const label = (c: CellCase) => `${c.key} — ${c.caller ?? "anonymous"}${c.caller ? `, ${c.where}` : ""} → ${c.expected}`;
