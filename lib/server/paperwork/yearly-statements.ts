// The yearly statement of a participant (issue 13 item 7; lib/domain/yearly-statement.ts): one person, or
// in batch the people of an agent or of a commune for the yearly notice. Scoped: the person, agent or
// commune must lie in the caller's scope (else 404); a batch lists only people of communes inside it.
// The months a pension requires are the PENSION_MIN_MONTHS policy value in force on the statement's day.
import { Prisma } from "@/generated/prisma/client";
import { z } from "zod";
import { fromIsoDate, toIsoDate, type IsoDate } from "@/lib/domain/dates";
import { maskPersonalId } from "@/lib/domain/personal-id-mask";
import { inForce } from "@/lib/domain/policy";
import { statementAsOf, yearlyStatement, type StatementContribution, type YearlyStatement } from "@/lib/domain/yearly-statement";
import { statementBatchSchema, statementYearSchema } from "@/lib/validation/commissions";
import type { DbTx } from "../db/client";
import { AuthError, assertCan, assertInScope, scopeCondition, type Principal } from "../auth/authz";

/** The most people one batch prints (a commune has tens to hundreds of participants). */
export const STATEMENT_BATCH_MAX = 5_000;

export type StatementPerson = {
  id: number;
  fullName: string;
  personalId: string;
  siCode: string | null;
  dateOfBirth: IsoDate;
  address: string | null;
  communeName: string;
  agentName: string | null;
};
export type PersonStatement = { person: StatementPerson; statement: YearlyStatement };
export type Requirement = { months: number | null; legalBasis: string | null; effectiveFrom: IsoDate | null };

async function requirementOn(db: DbTx, day: IsoDate): Promise<Requirement> {
  const rows = (await db.policyParameter.findMany({ where: { kind: "PENSION_MIN_MONTHS" } })).map((r) => ({
    value: r.value,
    legalBasis: r.legalBasis,
    effectiveFrom: toIsoDate(r.effectiveFrom),
  }));
  const row = inForce(rows, day);
  return { months: row?.value ?? null, legalBasis: row?.legalBasis ?? null, effectiveFrom: row?.effectiveFrom ?? null };
}

type RawPerson = {
  id: number;
  fullName: string;
  personalId: string;
  siCode: string | null;
  dateOfBirth: Date;
  address: string | null;
  communeName: string;
  agentName: string | null;
};
type RawContribution = {
  enrolleeId: number;
  paidOn: Date;
  periodStart: Date;
  periodEnd: Date;
  months: number;
  gross: number;
  net: number;
  centralSubsidy: number;
  provincialTopUp: number;
};

async function statementsOf(db: DbTx, p: Principal, people: RawPerson[], year: number, asOf: IsoDate, required: number | null): Promise<PersonStatement[]> {
  if (people.length === 0) return [];
  const contributions = await db.$queryRaw<RawContribution[]>`
    SELECT "enrolleeId", "paidOn", "periodStart", "periodEnd", months, gross, net, "centralSubsidy", "provincialTopUp"
    FROM "Contribution" WHERE "enrolleeId" IN (${Prisma.join(people.map((x) => x.id))}) AND "paidOn" <= ${fromIsoDate(asOf)}`;
  const byPerson = new Map<number, StatementContribution[]>();
  for (const c of contributions) {
    const k = Number(c.enrolleeId);
    if (!byPerson.has(k)) byPerson.set(k, []);
    byPerson.get(k)!.push({
      paidOn: toIsoDate(c.paidOn),
      periodStart: toIsoDate(c.periodStart),
      periodEnd: toIsoDate(c.periodEnd),
      months: Number(c.months),
      gross: Number(c.gross),
      net: Number(c.net),
      centralSubsidy: Number(c.centralSubsidy),
      provincialTopUp: Number(c.provincialTopUp),
    });
  }
  return people.map((x) => ({
    person: {
      id: Number(x.id),
      fullName: x.fullName,
      personalId: maskPersonalId(x.personalId, p.role),
      siCode: x.siCode,
      dateOfBirth: toIsoDate(x.dateOfBirth),
      address: x.address,
      communeName: x.communeName,
      agentName: x.agentName,
    },
    statement: yearlyStatement(byPerson.get(Number(x.id)) ?? [], year, asOf, required),
  }));
}

const PEOPLE = Prisma.sql`
  SELECT e.id, e."fullName", e."personalId", e."siCode", e."dateOfBirth", e.address, u."fullName" AS "communeName", a.name AS "agentName"
  FROM "Enrollee" e JOIN "Unit" u ON u.code = e."communeCode" LEFT JOIN "CollectionAgent" a ON a.id = e."agentId"`;

/** One person's statement for `year` (statementYearSchema; default this year). */
export async function getYearlyStatement(
  db: DbTx,
  p: Principal,
  enrolleeId: number,
  input: unknown,
  today: IsoDate,
): Promise<PersonStatement & { requirement: Requirement }> {
  assertCan(p, "enrollee.read");
  const q = statementYearSchema.parse(input);
  const e = Number.isSafeInteger(enrolleeId)
    ? await db.enrollee.findUnique({ where: { id: enrolleeId }, select: { id: true, communeCode: true, provinceCode: true, areaCode: true } })
    : null;
  if (!e) throw new AuthError(404, "not found");
  assertInScope(p, { code: e.communeCode, level: "COMMUNE", provinceCode: e.provinceCode, areaCode: e.areaCode });
  const year = q.year ?? Number(today.slice(0, 4));
  const asOf = statementAsOf(year, today);
  const requirement = await requirementOn(db, asOf);
  const people = await db.$queryRaw<RawPerson[]>`${PEOPLE} WHERE e.id = ${e.id}`;
  const [one] = await statementsOf(db, p, people, year, asOf, requirement.months);
  return { ...one, requirement };
}

export type StatementBatch = {
  year: number;
  asOf: IsoDate;
  requirement: Requirement;
  agent: { id: number; code: string; name: string } | null;
  commune: { code: string; fullName: string } | null;
  statements: PersonStatement[];
};

/** The yearly notice in batch: every person of an agent or a commune (inside the scope) with a contribution paid by the statement's day. */
export async function getYearlyStatements(db: DbTx, p: Principal, input: unknown, today: IsoDate): Promise<StatementBatch> {
  assertCan(p, "enrollee.read");
  const q = statementBatchSchema.parse(input);
  const year = q.year ?? Number(today.slice(0, 4));
  const asOf = statementAsOf(year, today);
  let agent: StatementBatch["agent"] = null,
    commune: StatementBatch["commune"] = null;
  let who: Prisma.Sql;
  if (q.agentId !== undefined) {
    const a = await db.collectionAgent.findUnique({
      where: { id: q.agentId },
      select: { id: true, code: true, name: true, provinceCode: true, areaCode: true },
    });
    if (!a) throw new AuthError(404, "not found");
    assertInScope(p, { code: a.code, level: "AGENT", provinceCode: a.provinceCode, areaCode: a.areaCode });
    agent = { id: a.id, code: a.code, name: a.name };
    who = Prisma.sql`e."agentId" = ${a.id}`;
  } else {
    const u = await db.unit.findUnique({
      where: { code: q.commune! },
      select: { code: true, level: true, fullName: true, provinceCode: true, areaCode: true },
    });
    if (!u || u.level !== "COMMUNE") throw new AuthError(404, "not found");
    assertInScope(p, u);
    commune = { code: u.code, fullName: u.fullName };
    who = Prisma.sql`e."communeCode" = ${u.code}`;
  }
  const people = await db.$queryRaw<RawPerson[]>`${PEOPLE}
    WHERE ${who} AND ${scopeCondition(p.scope, "e")}
      AND EXISTS (SELECT 1 FROM "Contribution" c WHERE c."enrolleeId" = e.id AND c."paidOn" <= ${fromIsoDate(asOf)})
    ORDER BY u."fullName", e."searchName", e.id
    LIMIT ${STATEMENT_BATCH_MAX + 1}`;
  if (people.length > STATEMENT_BATCH_MAX) {
    throw new z.ZodError([
      { code: "custom", path: ["agentId"], message: `Quá ${STATEMENT_BATCH_MAX.toLocaleString("vi-VN")} người: hãy in theo từng xã`, input: q.agentId },
    ]);
  }
  const requirement = await requirementOn(db, asOf);
  return { year, asOf, requirement, agent, commune, statements: await statementsOf(db, p, people, year, asOf, requirement.months) };
}
