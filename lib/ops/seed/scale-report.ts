// A quick plausibility report on a generated data set, straight from SQL (`npm run seed:scale -- --report`
// or `--report-only`): enrollees per province against the labour force, payments per month (the May and
// November peaks), coverage status shares, participants today and a year ago.
import { addDays, addMonths, yearOf, type IsoDate } from "@/lib/domain/dates";
import { statusBounds } from "@/lib/domain/coverage-status";
import type { SqlConnection } from "../../server/db/sql";

export type ScaleReport = {
  rows: Record<string, number>;
  provinces: { code: string; enrollees: number; labourForce: number; ratio: number }[];
  months: { month: string; payments: number }[];
  /** Mean payments in May and November ÷ mean of the other months, over the last 24 whole months. */
  peakRatio: number;
  status: Record<"ACTIVE" | "DUE" | "OVERDUE" | "LAPSED" | "NEVER_PAID", number>;
  participants: { today: number; yearAgo: number };
};

const n = (v: unknown) => Number(v ?? 0);

export async function scaleReport(conn: SqlConnection, asOf: IsoDate): Promise<ScaleReport> {
  const rows: Record<string, number> = {};
  for (const t of ["Unit", "CollectionAgent", "AgentCommune", "Collector", "OutreachConference", "Enrollee", "Contribution", "Target", "User"]) {
    rows[t] = n((await conn.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${t}"`))[0].n);
  }
  const year = yearOf(asOf);
  const prov = await conn.query<{ code: string; enrollees: string; lf: string }>(
    `SELECT p.code,
       (SELECT count(*) FROM "Enrollee" e WHERE e."provinceCode" = p.code)::text AS enrollees,
       (SELECT COALESCE(sum(lf.persons), 0) FROM "LabourForce" lf JOIN "Unit" c ON c.code = lf."unitCode"
         WHERE c.level = 'COMMUNE' AND c."provinceCode" = p.code AND lf.year = $1)::text AS lf
     FROM "Unit" p WHERE p.level = 'PROVINCE' ORDER BY p.code`,
    [year],
  );
  const withPeople = prov.filter((p) => n(p.enrollees) > 0);
  const totalE = withPeople.reduce((s, p) => s + n(p.enrollees), 0);
  const totalLf = withPeople.reduce((s, p) => s + n(p.lf), 0);
  const provinces = withPeople.map((p) => ({
    code: p.code,
    enrollees: n(p.enrollees),
    labourForce: n(p.lf),
    ratio: totalE && totalLf ? n(p.enrollees) / totalE / (n(p.lf) / totalLf) : 0,
  }));

  const from = addMonths(`${asOf.slice(0, 7)}-01`, -24);
  const months = (
    await conn.query<{ month: string; payments: string }>(
      `SELECT to_char("paidOn", 'YYYY-MM') AS month, count(*)::text AS payments FROM "Contribution"
     WHERE "paidOn" >= $1::date AND "paidOn" < date_trunc('month', $2::date) GROUP BY 1 ORDER BY 1`,
      [from, asOf],
    )
  ).map((r) => ({ month: r.month, payments: n(r.payments) }));
  const peak = months.filter((m) => m.month.endsWith("-05") || m.month.endsWith("-11"));
  const rest = months.filter((m) => !peak.includes(m));
  const mean = (xs: { payments: number }[]) => xs.reduce((s, x) => s + x.payments, 0) / Math.max(1, xs.length);
  const peakRatio = rest.length ? mean(peak) / mean(rest) : 0;

  const { dueUntil, overdueFrom } = statusBounds(asOf);
  const st = (
    await conn.query<Record<string, string>>(
      `SELECT
       count(*) FILTER (WHERE "coverageEnd" IS NULL)::text AS never_paid,
       count(*) FILTER (WHERE "coverageEnd" > $2::date)::text AS active,
       count(*) FILTER (WHERE "coverageEnd" >= $1::date AND "coverageEnd" <= $2::date)::text AS due,
       count(*) FILTER (WHERE "coverageEnd" < $1::date AND "coverageEnd" >= $3::date)::text AS overdue,
       count(*) FILTER (WHERE "coverageEnd" < $3::date)::text AS lapsed
     FROM "Enrollee"`,
      [asOf, dueUntil, overdueFrom],
    )
  )[0];
  const participantsOn = async (d: IsoDate) =>
    n(
      (
        await conn.query<{ n: string }>(
          `SELECT count(DISTINCT "enrolleeId")::text AS n FROM "Contribution" WHERE "periodStart" <= $1::date AND "periodEnd" >= $1::date`,
          [d],
        )
      )[0].n,
    );

  return {
    rows,
    provinces,
    months,
    peakRatio,
    status: { ACTIVE: n(st.active), DUE: n(st.due), OVERDUE: n(st.overdue), LAPSED: n(st.lapsed), NEVER_PAID: n(st.never_paid) },
    participants: { today: await participantsOn(asOf), yearAgo: await participantsOn(addDays(asOf, -365)) },
  };
}

/** The report as plain text lines for the console. */
export function formatScaleReport(r: ScaleReport): string[] {
  const f = (x: number) => x.toLocaleString("en-US");
  const pct = (x: number, of: number) => `${((100 * x) / Math.max(1, of)).toFixed(1)}%`;
  const out: string[] = [];
  out.push(
    `Rows: ${Object.entries(r.rows)
      .map(([t, v]) => `${t} ${f(v)}`)
      .join(", ")}`,
  );
  const ratios = r.provinces.map((p) => p.ratio);
  out.push(
    `Enrollees per province ÷ labour-force share: min ${Math.min(...ratios).toFixed(3)}, max ${Math.max(...ratios).toFixed(3)} (1 = exactly proportional)`,
  );
  const max = Math.max(...r.months.map((m) => m.payments), 1);
  out.push("Payments per month (paidOn):");
  for (const m of r.months) out.push(`  ${m.month} ${f(m.payments).padStart(9)} ${"█".repeat(Math.round((40 * m.payments) / max))}`);
  out.push(`May/November ÷ other months: ${r.peakRatio.toFixed(2)}×`);
  const total = Object.values(r.status).reduce((a, b) => a + b, 0);
  out.push(
    `Status today: ${Object.entries(r.status)
      .map(([k, v]) => `${k} ${f(v)} (${pct(v, total)})`)
      .join(", ")}`,
  );
  const change = r.participants.today - r.participants.yearAgo;
  out.push(
    `Participants today ${f(r.participants.today)}, a year ago ${f(r.participants.yearAgo)} (${change >= 0 ? "+" : ""}${pct(change, r.participants.yearAgo)})`,
  );
  return out;
}
