// The SQL floors of the benchmark: for each dashboard figure, the same figures computed by one
// hand-written SQL statement run directly with pg (no Next.js, no Prisma, no auth, one round trip).
// Written here from the counting rules (docs/domain.md, docs/features/dashboard.md), not by calling
// the app's code, so a wrong or slow app query shows as a mismatch or a large ratio.
import { addMonths, yearOf, type IsoDate } from "../../lib/domain/dates";

export type Level = "NATION" | "PROVINCE" | "AREA" | "COMMUNE";
export type Floor = { sql: string; params: unknown[] };

const COMMUNE_COL: Record<Level, string | null> = { NATION: null, PROVINCE: "provinceCode", AREA: "areaCode", COMMUNE: "code" };
const CHILD_COL: Record<Level, string | null> = { NATION: "provinceCode", PROVINCE: "areaCode", AREA: "code", COMMUNE: null };
const CONTRIBUTION_COL: Record<Level, string | null> = { NATION: null, PROVINCE: "provinceCode", AREA: "areaCode", COMMUNE: "communeCode" };

/** The same date a year earlier (29 Feb → 28 Feb), as the dashboard compares. */
export const yearEarlier = (d: IsoDate) => addMonths(d, -12);

/**
 * A unit's overview on D from the aggregate tables: participants / overdue / lapsed on D and a year
 * earlier, participants at each month's end and lapses per month since January last year, new
 * participants per month this year, this year's target and labour force. `codes` are the aggregate
 * rows the unit is made of (the nation: its provinces).
 */
export function overviewFloor(level: Level, code: string, codes: string[], on: IsoDate): Floor {
  const year = yearOf(on);
  const lfWhere = COMMUNE_COL[level] ? `AND c."${COMMUNE_COL[level]}" = $6` : "AND $6::text IS NOT NULL";
  return {
    sql: `
      WITH s AS (
        SELECT measure::text AS m, sum(delta) FILTER (WHERE day <= $2::date) AS d, sum(delta) FILTER (WHERE day <= $3::date) AS ly
        FROM "DashboardStatusDelta" WHERE "unitCode" = ANY($1::text[]) AND measure IN ('COVERED', 'OVERDUE', 'LAPSED') AND day <= $2::date GROUP BY 1),
      mo AS (
        SELECT measure::text AS m, CASE WHEN day < $4::date THEN '' ELSE to_char(day, 'YYYY-MM') END AS month, sum(delta) AS v
        FROM "DashboardStatusDelta" WHERE "unitCode" = ANY($1::text[]) AND day <= $2::date
          AND (measure = 'COVERED' OR (measure = 'LAPSE_EVENT' AND day >= $4::date)) GROUP BY 1, 2),
      nw AS (
        SELECT to_char("firstStart", 'YYYY-MM') AS month, sum(delta) AS v FROM "DashboardNewDelta"
        WHERE "unitCode" = ANY($1::text[]) AND "firstStart" >= $5::date AND "firstStart" <= $2::date AND "knownOn" <= $2::date GROUP BY 1)
      SELECT (SELECT json_agg(s) FROM s) AS status, (SELECT json_agg(mo) FROM mo) AS months, (SELECT json_agg(nw) FROM nw) AS news,
        (SELECT participants FROM "Target" WHERE year = $7 AND "unitCode" = $6) AS target,
        (SELECT sum(lf.persons) FROM "LabourForce" lf JOIN "Unit" c ON c.code = lf."unitCode" WHERE lf.year = $7 AND c.level = 'COMMUNE' ${lfWhere}) AS labour_force`,
    params: [`{${codes.join(",")}}`, on, yearEarlier(on), `${year - 1}-01-01`, `${year}-01-01`, code, year],
  };
}

/** The league table of a unit's children on D from the aggregate tables: the overview's figures per child. */
export function leagueFloor(level: Level, code: string, on: IsoDate): Floor {
  const year = yearOf(on);
  const childCol = CHILD_COL[level]!;
  const lfWhere = COMMUNE_COL[level] ? `AND c."${COMMUNE_COL[level]}" = $1` : "AND $1::text IS NOT NULL";
  return {
    sql: `
      WITH ch AS (SELECT code FROM "Unit" WHERE "parentCode" = $1),
      s AS (
        SELECT d."unitCode", measure::text AS m, sum(delta) FILTER (WHERE day <= $2::date) AS d, sum(delta) FILTER (WHERE day <= $3::date) AS ly
        FROM "DashboardStatusDelta" d JOIN ch ON ch.code = d."unitCode" WHERE measure IN ('COVERED', 'OVERDUE', 'LAPSED') AND day <= $2::date GROUP BY 1, 2),
      mo AS (
        SELECT d."unitCode", measure::text AS m, CASE WHEN day < $4::date THEN '' ELSE to_char(day, 'YYYY-MM') END AS month, sum(delta) AS v
        FROM "DashboardStatusDelta" d JOIN ch ON ch.code = d."unitCode" WHERE day <= $2::date
          AND (measure = 'COVERED' OR (measure = 'LAPSE_EVENT' AND day >= $4::date)) GROUP BY 1, 2, 3),
      nw AS (
        SELECT d."unitCode", to_char("firstStart", 'YYYY-MM') AS month, sum(delta) AS v FROM "DashboardNewDelta" d JOIN ch ON ch.code = d."unitCode"
        WHERE "firstStart" >= $5::date AND "firstStart" <= $2::date AND "knownOn" <= $2::date GROUP BY 1, 2),
      tg AS (SELECT t."unitCode", t.participants FROM "Target" t JOIN ch ON ch.code = t."unitCode" WHERE t.year = $6),
      lf AS (SELECT c."${childCol}" AS code, sum(lf.persons) AS persons FROM "LabourForce" lf JOIN "Unit" c ON c.code = lf."unitCode"
             WHERE lf.year = $6 AND c.level = 'COMMUNE' ${lfWhere} GROUP BY 1)
      SELECT (SELECT json_agg(s) FROM s) AS status, (SELECT json_agg(mo) FROM mo) AS months, (SELECT json_agg(nw) FROM nw) AS news,
        (SELECT json_agg(tg) FROM tg) AS targets, (SELECT json_agg(lf) FROM lf) AS labour_force`,
    params: [code, on, yearEarlier(on), `${year - 1}-01-01`, `${year}-01-01`, year],
  };
}

/**
 * The headline figure without aggregates: participants on D and a year earlier counted straight
 * from "Contribution" (a payment known on D — paidOn ≤ D — whose period covers D). People in the
 * generated data never move, so the person's latest contribution always lies in the same unit.
 */
export function liveParticipantsFloor(level: Level, code: string, on: IsoDate): Floor {
  const col = CONTRIBUTION_COL[level];
  return {
    sql: `
      SELECT count(DISTINCT "enrolleeId") FILTER (WHERE "periodStart" <= $1::date AND "periodEnd" >= $1::date AND "paidOn" <= $1::date) AS d,
             count(DISTINCT "enrolleeId") FILTER (WHERE "periodStart" <= $2::date AND "periodEnd" >= $2::date AND "paidOn" <= $2::date) AS ly
      FROM "Contribution" WHERE ${col ? `"${col}" = $3` : "$3::text IS NOT NULL"} AND "periodStart" <= $1::date AND "periodEnd" >= $2::date`,
    params: [on, yearEarlier(on), code],
  };
}

/** The enrollee list's search: every word of the name in the scope, the count and the first page. */
export function searchFloor(scope: { column: "areaCode" | "provinceCode" | null; code: string }, words: string[], pageSize = 50): Floor {
  const likes = words.map((_, i) => `"searchName" LIKE $${i + 2}`).join(" AND ");
  return {
    sql: `
      WITH m AS (SELECT id, "searchName" FROM "Enrollee" WHERE ${scope.column ? `"${scope.column}" = $1` : "$1::text IS NOT NULL"} AND ${likes})
      SELECT (SELECT count(*) FROM m) AS total,
             (SELECT json_agg(x) FROM (SELECT e.id, e."personalId", e."fullName", e."coverageEnd" FROM m JOIN "Enrollee" e ON e.id = m.id
               ORDER BY m."searchName", m.id LIMIT ${pageSize}) x) AS page`,
    params: [scope.code, ...words.map((w) => `%${w}%`)],
  };
}

/** An exact search (ID number, SI code or phone) in a scope. */
export function exactSearchFloor(scope: { column: "areaCode" | "provinceCode" | null; code: string }, digits: string): Floor {
  return {
    sql: `SELECT id, "personalId", "fullName" FROM "Enrollee"
          WHERE ${scope.column ? `"${scope.column}" = $1` : "$1::text IS NOT NULL"} AND ("personalId" = $2 OR "siCode" = $2 OR phone = $2)
          ORDER BY "searchName", id LIMIT 50`,
    params: [scope.code, digits],
  };
}
