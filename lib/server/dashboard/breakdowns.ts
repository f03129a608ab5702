// Who the participants of a unit on D are: by subsidy group, sex, age band (age on D), occupation,
// payment period and payment method of the contribution they are attributed to (their latest-ending
// contribution known on D). Counted live from the definition (participantRowsSql) because age on D
// cannot be pre-aggregated; one grouped query (GROUPING SETS). Totals equal the participants figure.
import "server-only";
import { ageBandOf, AGE_BANDS, type AgeBand } from "@/lib/domain/dashboard-figures";
import { fromIsoDate, todayInVietnam, type IsoDate } from "@/lib/domain/dates";
import { dashboardQuerySchema } from "@/lib/validation/dashboard";
import type { DbTx } from "../db/client";
import { assertCan, type Principal } from "../auth/authz";
import { participantRowsSql } from "./counting";
import { getUnit, type UnitSummary } from "../units/browser";

export const BREAKDOWN_DIMENSIONS = {
  subsidyGroup: ["POOR", "NEAR_POOR", "ISLAND", "ETHNIC_MINORITY", "OTHER"],
  sex: ["MALE", "FEMALE"],
  ageBand: [...AGE_BANDS.map((b) => b.key), "under-15"] as AgeBand[],
  occupation: ["FARMER", "SELF_EMPLOYED", "INFORMAL_WORKER", "HOUSEHOLD_BUSINESS", "STUDENT", "OTHER"],
  paymentPeriod: ["MONTHLY", "QUARTERLY", "SEMIANNUAL", "ANNUAL", "ADVANCE", "BACK_PAYMENT"],
  method: ["CASH", "POST_OFFICE", "BANK_TRANSFER", "E_WALLET"],
} as const;
export type BreakdownDimension = keyof typeof BREAKDOWN_DIMENSIONS;
export const DIMENSIONS = Object.keys(BREAKDOWN_DIMENSIONS) as BreakdownDimension[];

export type Breakdowns = {
  unit: UnitSummary;
  date: IsoDate;
  total: number;
  /** every key of each dimension, in a fixed order, zeros included */
  by: Record<BreakdownDimension, { key: string; count: number }[]>;
};

export async function getBreakdowns(db: DbTx, p: Principal, input: unknown): Promise<Breakdowns> {
  const q = dashboardQuerySchema.parse(input);
  assertCan(p, "unit.read");
  const unit = await getUnit(db, p, q.unit ?? p.unitCode);
  const on = q.date ?? todayInVietnam();
  const d = fromIsoDate(on);
  const rows = await db.$queryRaw<{ g: string; k: string | number | null; n: bigint }[]>`
    SELECT CASE
             WHEN GROUPING(e."subsidyGroup") = 0 THEN 'subsidyGroup'
             WHEN GROUPING(e.sex) = 0 THEN 'sex'
             WHEN GROUPING(e.occupation) = 0 THEN 'occupation'
             WHEN GROUPING(c."paymentPeriod") = 0 THEN 'paymentPeriod'
             WHEN GROUPING(c.method) = 0 THEN 'method'
             WHEN GROUPING(age) = 0 THEN 'age'
             ELSE 'total' END AS g,
           COALESCE(e."subsidyGroup"::text, e.sex::text, e.occupation::text, c."paymentPeriod"::text, c.method::text, age::text) AS k,
           count(*) AS n
    FROM ${participantRowsSql(unit, on)} c
    JOIN "Enrollee" e ON e.id = c."enrolleeId"
    CROSS JOIN LATERAL (SELECT extract(year FROM age(${d}::date, e."dateOfBirth"))::int AS age) a
    GROUP BY GROUPING SETS ((e."subsidyGroup"), (e.sex), (e.occupation), (c."paymentPeriod"), (c.method), (age), ())`;
  const counts = new Map<string, number>();
  let total = 0;
  for (const r of rows) {
    const v = Number(r.n);
    if (r.g === "total") total = v;
    else if (r.g === "age") {
      const key = `ageBand|${ageBandOf(Number(r.k))}`;
      counts.set(key, (counts.get(key) ?? 0) + v);
    } else counts.set(`${r.g}|${r.k}`, v);
  }
  const by = Object.fromEntries(
    DIMENSIONS.map((dim) => [dim, BREAKDOWN_DIMENSIONS[dim].map((key) => ({ key, count: counts.get(`${dim}|${key}`) ?? 0 }))]),
  ) as Breakdowns["by"];
  return { unit, date: on, total, by };
}
