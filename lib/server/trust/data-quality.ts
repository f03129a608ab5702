// Data-quality checks over the caller's scope (/data-quality): possible duplicate people, personal
// ID numbers that fail validation against the date of birth and sex, contributions that overlap or
// leave a gap, and enrollees without a collection agent. Each check is one SQL statement over the
// scoped rows (no table is loaded into memory); lists are paginated. Personal ID numbers are masked
// for roles that do not enroll people (lib/domain/personal-id-mask.ts).
import { Prisma } from "@/generated/prisma/client";
import { ID_PROVINCE_CODES, validatePersonalId, type IdIssue } from "@/lib/domain/personal-id";
import { maskPersonalId } from "@/lib/domain/personal-id-mask";
import { toIsoDate, type IsoDate } from "@/lib/domain/dates";
import type { Sex } from "@/lib/domain/types";
import type { DbTx } from "../db/client";
import { assertCan, type Principal, scopeCondition } from "../auth/authz";

export const DQ_CHECKS = ["duplicates", "personal-id", "contributions", "no-agent"] as const;
export type DqCheck = (typeof DQ_CHECKS)[number];
export const DQ_PAGE_SIZE = 50;

export type DqPerson = {
  id: number;
  fullName: string;
  personalId: string; // masked for roles that do not need it
  dateOfBirth: IsoDate;
  sex: Sex;
  communeCode: string;
  communeName: string | null;
};

export type DqSummary = {
  duplicates: { groups: number; people: number };
  personalId: number;
  contributions: { overlaps: number; gaps: number; enrollees: number };
  noAgent: number;
};

type RawPerson = { id: number | bigint; fullName: string; personalId: string; dateOfBirth: Date; sex: Sex; communeCode: string; communeName: string | null };

function person(p: Principal, r: RawPerson): DqPerson {
  return {
    id: Number(r.id),
    fullName: r.fullName,
    personalId: maskPersonalId(r.personalId, p.role),
    dateOfBirth: toIsoDate(r.dateOfBirth),
    sex: r.sex,
    communeCode: r.communeCode,
    communeName: r.communeName,
  };
}

const PERSON_COLUMNS = Prisma.sql`e.id, e."fullName", e."personalId", e."dateOfBirth", e.sex, e."communeCode", u."fullName" AS "communeName"`;

const n = (v: bigint | number | null | undefined) => Number(v ?? 0);

function page(input: number | undefined): { limit: number; offset: number; page: number } {
  const pg = Number.isInteger(input) && input! >= 1 && input! <= 100_000 ? input! : 1;
  return { limit: DQ_PAGE_SIZE, offset: (pg - 1) * DQ_PAGE_SIZE, page: pg };
}

// ---------------------------------------------------------------- possible duplicates

/** Groups of enrollees with the same diacritics-free name and date of birth (their ID numbers differ: they are unique). */
const duplicateGroups = (p: Principal) => Prisma.sql`
  SELECT e."searchName", e."dateOfBirth", count(*) AS n FROM "Enrollee" e
  WHERE ${scopeCondition(p.scope, "e")}
  GROUP BY e."searchName", e."dateOfBirth" HAVING count(*) > 1`;

export type DuplicateGroup = { searchName: string; dateOfBirth: IsoDate; people: DqPerson[] };

export async function listDuplicates(db: DbTx, p: Principal, pageNo?: number): Promise<{ groups: DuplicateGroup[]; total: number; page: number }> {
  assertCan(p, "enrollee.read");
  const { limit, offset, page: pg } = page(pageNo);
  const [count, groups] = await Promise.all([
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM (${duplicateGroups(p)}) g`,
    db.$queryRaw<{ searchName: string; dateOfBirth: Date }[]>`
      SELECT g."searchName", g."dateOfBirth" FROM (${duplicateGroups(p)}) g
      ORDER BY g."searchName", g."dateOfBirth" LIMIT ${limit} OFFSET ${offset}`,
  ]);
  if (groups.length === 0) return { groups: [], total: n(count[0]?.n), page: pg };
  const keys = Prisma.join(groups.map((g) => Prisma.sql`(${g.searchName}, ${toIsoDate(g.dateOfBirth)}::date)`));
  const people = await db.$queryRaw<(RawPerson & { searchName: string })[]>`
    SELECT ${PERSON_COLUMNS}, e."searchName" FROM "Enrollee" e LEFT JOIN "Unit" u ON u.code = e."communeCode"
    WHERE ${scopeCondition(p.scope, "e")} AND (e."searchName", e."dateOfBirth") IN (${keys})
    ORDER BY e.id`;
  return {
    total: n(count[0]?.n),
    page: pg,
    groups: groups.map((g) => ({
      searchName: g.searchName,
      dateOfBirth: toIsoDate(g.dateOfBirth),
      people: people.filter((x) => x.searchName === g.searchName && toIsoDate(x.dateOfBirth) === toIsoDate(g.dateOfBirth)).map((x) => person(p, x)),
    })),
  };
}

// ---------------------------------------------------------------- personal ID numbers

/**
 * Enrollees whose ID number validatePersonalId would reject given their date of birth and sex, in SQL:
 * not 12 digits; digits 1–3 not a province code; digit 4 (century and sex: 2 × (century since 1900) +
 * 1 if female) not 0–5 or disagreeing with the birth year's century or the sex; digits 5–6 ≠ year mod 100.
 * The CASEs keep the casts away from numbers that are not 12 digits.
 */
function badPersonalIds(p: Principal): Prisma.Sql {
  const provinces = Prisma.join([...ID_PROVINCE_CODES]);
  return Prisma.sql`
    SELECT x.* FROM (
      SELECT e.id, e."personalId", e.sex,
        CASE WHEN e."personalId" ~ '^[0-9]{12}$' THEN substring(e."personalId", 4, 1)::int END AS g,
        CASE WHEN e."personalId" ~ '^[0-9]{12}$' THEN substring(e."personalId", 5, 2)::int END AS yy,
        extract(year FROM e."dateOfBirth")::int AS y
      FROM "Enrollee" e WHERE ${scopeCondition(p.scope, "e")}
    ) x
    WHERE x.g IS NULL
      OR substring(x."personalId", 1, 3) NOT IN (${provinces})
      OR x.g >= 6
      OR x.g / 2 <> floor((x.y - 1900) / 100.0)
      OR (x.g % 2 = 1) <> (x.sex = 'FEMALE')
      OR x.yy <> x.y % 100`;
}

export type PersonalIdProblem = DqPerson & { issues: IdIssue[] };

export async function listPersonalIdProblems(db: DbTx, p: Principal, pageNo?: number): Promise<{ rows: PersonalIdProblem[]; total: number; page: number }> {
  assertCan(p, "enrollee.read");
  const { limit, offset, page: pg } = page(pageNo);
  const [count, rows] = await Promise.all([
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM (${badPersonalIds(p)}) b`,
    db.$queryRaw<RawPerson[]>`
      SELECT ${PERSON_COLUMNS} FROM (${badPersonalIds(p)}) b JOIN "Enrollee" e ON e.id = b.id LEFT JOIN "Unit" u ON u.code = e."communeCode"
      ORDER BY e.id LIMIT ${limit} OFFSET ${offset}`,
  ]);
  return {
    total: n(count[0]?.n),
    page: pg,
    // the messages come from the one validator, on the page's rows only (the number itself, unmasked)
    rows: rows.map((r) => ({ ...person(p, r), issues: validatePersonalId(r.personalId, toIsoDate(r.dateOfBirth), r.sex) })),
  };
}

// ---------------------------------------------------------------- contributions

/**
 * Each contribution compared with the latest end of the enrollee's earlier contributions (ordered by
 * period start): overlap when it starts on or before that end; gap when it starts more than one day after.
 * A running maximum rather than only the previous row, so a short payment inside a long one does not
 * hide a later overlap with the long one.
 */
function contributionIssues(p: Principal): Prisma.Sql {
  return Prisma.sql`
    SELECT x.*, CASE WHEN x."periodStart" <= x."prevEnd" THEN 'overlap' ELSE 'gap' END AS kind FROM (
      SELECT c.id, c."enrolleeId", c."periodStart", c."periodEnd",
        max(c."periodEnd") OVER (PARTITION BY c."enrolleeId" ORDER BY c."periodStart", c.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS "prevEnd"
      FROM "Contribution" c JOIN "Enrollee" e ON e.id = c."enrolleeId"
      WHERE ${scopeCondition(p.scope, "e")}
    ) x
    WHERE x."prevEnd" IS NOT NULL AND (x."periodStart" <= x."prevEnd" OR x."periodStart" > x."prevEnd" + 1)`;
}

export type ContributionProblem = {
  contributionId: number;
  kind: "overlap" | "gap";
  periodStart: IsoDate;
  periodEnd: IsoDate;
  previousEnd: IsoDate;
  /** Days of overlap, or days without cover. */
  days: number;
  enrollee: DqPerson;
};

export async function listContributionProblems(
  db: DbTx,
  p: Principal,
  input: { page?: number; kind?: "overlap" | "gap" } = {},
): Promise<{ rows: ContributionProblem[]; total: number; page: number }> {
  assertCan(p, "enrollee.read");
  const { limit, offset, page: pg } = page(input.page);
  const kind = input.kind === "gap" || input.kind === "overlap" ? Prisma.sql`i.kind = ${input.kind}` : Prisma.sql`TRUE`;
  const [count, rows] = await Promise.all([
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM (${contributionIssues(p)}) i WHERE ${kind}`,
    db.$queryRaw<(RawPerson & { contributionId: number | bigint; kind: "overlap" | "gap"; periodStart: Date; periodEnd: Date; prevEnd: Date })[]>`
      SELECT i.id AS "contributionId", i.kind, i."periodStart", i."periodEnd", i."prevEnd", ${PERSON_COLUMNS}
      FROM (${contributionIssues(p)}) i JOIN "Enrollee" e ON e.id = i."enrolleeId" LEFT JOIN "Unit" u ON u.code = e."communeCode"
      WHERE ${kind}
      ORDER BY i."enrolleeId", i."periodStart", i.id LIMIT ${limit} OFFSET ${offset}`,
  ]);
  const day = 86_400_000;
  return {
    total: n(count[0]?.n),
    page: pg,
    rows: rows.map((r) => ({
      contributionId: Number(r.contributionId),
      kind: r.kind,
      periodStart: toIsoDate(r.periodStart),
      periodEnd: toIsoDate(r.periodEnd),
      previousEnd: toIsoDate(r.prevEnd),
      days:
        r.kind === "gap"
          ? Math.round((r.periodStart.getTime() - r.prevEnd.getTime()) / day) - 1
          : Math.round((Math.min(r.periodEnd.getTime(), r.prevEnd.getTime()) - r.periodStart.getTime()) / day) + 1,
      enrollee: person(p, r),
    })),
  };
}

// ---------------------------------------------------------------- enrollees without an agent

export async function listWithoutAgent(db: DbTx, p: Principal, pageNo?: number): Promise<{ rows: DqPerson[]; total: number; page: number }> {
  assertCan(p, "enrollee.read");
  const { limit, offset, page: pg } = page(pageNo);
  const [count, rows] = await Promise.all([
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Enrollee" e WHERE ${scopeCondition(p.scope, "e")} AND e."agentId" IS NULL`,
    db.$queryRaw<RawPerson[]>`
      SELECT ${PERSON_COLUMNS} FROM "Enrollee" e LEFT JOIN "Unit" u ON u.code = e."communeCode"
      WHERE ${scopeCondition(p.scope, "e")} AND e."agentId" IS NULL
      ORDER BY e.id LIMIT ${limit} OFFSET ${offset}`,
  ]);
  return { total: n(count[0]?.n), page: pg, rows: rows.map((r) => person(p, r)) };
}

// ---------------------------------------------------------------- summary

/** The count of each check, for the page's cards. */
export async function dataQualitySummary(db: DbTx, p: Principal): Promise<DqSummary> {
  assertCan(p, "enrollee.read");
  const [dup, ids, contrib, noAgent] = await Promise.all([
    db.$queryRaw<{ groups: bigint; people: bigint | null }[]>`SELECT count(*) AS groups, sum(g.n) AS people FROM (${duplicateGroups(p)}) g`,
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM (${badPersonalIds(p)}) b`,
    db.$queryRaw<{ overlaps: bigint; gaps: bigint; enrollees: bigint }[]>`
      SELECT count(*) FILTER (WHERE i.kind = 'overlap') AS overlaps, count(*) FILTER (WHERE i.kind = 'gap') AS gaps, count(DISTINCT i."enrolleeId") AS enrollees
      FROM (${contributionIssues(p)}) i`,
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Enrollee" e WHERE ${scopeCondition(p.scope, "e")} AND e."agentId" IS NULL`,
  ]);
  return {
    duplicates: { groups: n(dup[0]?.groups), people: n(dup[0]?.people) },
    personalId: n(ids[0]?.n),
    contributions: { overlaps: n(contrib[0]?.overlaps), gaps: n(contrib[0]?.gaps), enrollees: n(contrib[0]?.enrollees) },
    noAgent: n(noAgent[0]?.n),
  };
}
