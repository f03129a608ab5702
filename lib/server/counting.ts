// The one implementation of each count in docs/domain.md ("Counting"), in SQL, shared by the
// hierarchy browser, dashboards, exports, the API and the tests' expectations.
import { Prisma } from "@/generated/prisma/client";
import { fromIsoDate, type IsoDate } from "@/lib/domain/dates";
import type { DbTx } from "./db-client";
import type { Scope } from "./authz";

export type GroupLevel = "provinceCode" | "areaCode" | "communeCode";

/** SQL condition restricting a table with provinceCode/areaCode columns to a unit's subtree. */
export function unitCondition(unit: { level: string; code: string }, alias = ""): Prisma.Sql {
  const col = (c: string) => Prisma.raw(`${alias ? `${alias}.` : ""}"${c}"`);
  switch (unit.level) {
    case "NATION": return Prisma.sql`TRUE`;
    case "PROVINCE": return Prisma.sql`${col("provinceCode")} = ${unit.code}`;
    case "AREA": return Prisma.sql`${col("areaCode")} = ${unit.code}`;
    case "COMMUNE": return Prisma.sql`${col("communeCode")} = ${unit.code}`;
    default: throw new Error(`unknown level ${unit.level}`);
  }
}

export function scopeCondition(scope: Scope, alias = ""): Prisma.Sql {
  switch (scope.level) {
    case "NATION": return unitCondition({ level: "NATION", code: "VN" }, alias);
    case "PROVINCE": return unitCondition({ level: "PROVINCE", code: scope.provinceCode }, alias);
    case "AREA": return unitCondition({ level: "AREA", code: scope.areaCode }, alias);
  }
}

/** The level whose code names a unit's children in the data tables. */
export function childColumn(level: string): GroupLevel | null {
  return level === "NATION" ? "provinceCode" : level === "PROVINCE" ? "areaCode" : level === "AREA" ? "communeCode" : null;
}

/** Participants on D: people with a recorded contribution whose period covers D. */
export async function countParticipants(db: DbTx, unit: { level: string; code: string }, on: IsoDate): Promise<number> {
  const d = fromIsoDate(on);
  const rows = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(DISTINCT "enrolleeId") AS n FROM "Contribution"
    WHERE ${unitCondition(unit)} AND "periodStart" <= ${d} AND "periodEnd" >= ${d}`;
  return Number(rows[0]?.n ?? 0);
}

/** Participants on D per child unit of `unit` (keys: child codes; children with none are absent). */
export async function countParticipantsByChild(db: DbTx, unit: { level: string; code: string }, on: IsoDate): Promise<Map<string, number>> {
  const col = childColumn(unit.level);
  if (!col) return new Map();
  const d = fromIsoDate(on);
  const rows = await db.$queryRaw<{ code: string; n: bigint }[]>`
    SELECT ${Prisma.raw(`"${col}"`)} AS code, count(DISTINCT "enrolleeId") AS n FROM "Contribution"
    WHERE ${unitCondition(unit)} AND "periodStart" <= ${d} AND "periodEnd" >= ${d}
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.code, Number(r.n)]));
}

/** Registered enrollees per child unit (whatever their payments). */
export async function countEnrolleesByChild(db: DbTx, unit: { level: string; code: string }): Promise<Map<string, number>> {
  const col = childColumn(unit.level);
  if (!col) return new Map();
  const rows = await db.$queryRaw<{ code: string; n: bigint }[]>`
    SELECT ${Prisma.raw(`"${col}"`)} AS code, count(*) AS n FROM "Enrollee" WHERE ${unitCondition(unit)} GROUP BY 1`;
  return new Map(rows.map((r) => [r.code, Number(r.n)]));
}

/** Labour force of units for a year; a unit without its own figure uses the sum of its communes. */
export async function labourForceOf(db: DbTx, codes: string[], year: number): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db.$queryRaw<{ code: string; persons: bigint }[]>`
    SELECT u.code,
      COALESCE(
        (SELECT lf.persons FROM "LabourForce" lf WHERE lf."unitCode" = u.code AND lf.year = ${year}),
        (SELECT sum(lf.persons) FROM "LabourForce" lf JOIN "Unit" c ON c.code = lf."unitCode"
          WHERE lf.year = ${year} AND c.level = 'COMMUNE' AND (
            (u.level = 'NATION') OR (u.level = 'PROVINCE' AND c."provinceCode" = u.code) OR (u.level = 'AREA' AND c."areaCode" = u.code)))
      ) AS persons
    FROM "Unit" u WHERE u.code IN (${Prisma.join(codes)})`;
  return new Map(rows.map((r) => [r.code, Number(r.persons ?? 0)]));
}
