// Issue 14 item 1: the map's renewal rate per unit is the retention figure (lib/server/dashboard/retention.ts,
// the one implementation) — per province in the nation view, per commune in a province's and an area's —
// and agrees with a count made here from the contributions themselves; a unit where nobody's coverage
// ended in the period has no data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import { DASH_AS_OF, generateDashboardData } from "../fixtures/dashboard";
import { getMapData } from "@/lib/server/dashboard/map";
import { finalPeriod, getRetention } from "@/lib/server/dashboard/retention";
import { addDays, addMonths, toIsoDate, type IsoDate } from "@/lib/domain/dates";
import { mapClass, mapMeasuresOf, mapValue, NO_DATA } from "@/lib/domain/map-classes";
import type { Principal } from "@/lib/server/auth/authz";

let t: TestDb;
let admin: Principal;
const ON = DASH_AS_OF;

/** The renewal rate counted by hand: ends in the period (before D) of the unit's contributions, and how many
 *  were followed by a contribution starting the next day, paid within 3 months of the end and by D. */
async function countByHand(where: { provinceCode?: string; communeCode?: string }, on: IsoDate) {
  const { from, to } = finalPeriod(on);
  const all = await t.prisma.contribution.findMany({
    select: { enrolleeId: true, periodStart: true, periodEnd: true, paidOn: true, provinceCode: true, communeCode: true },
  });
  let ended = 0,
    renewed = 0;
  for (const c of all) {
    if (where.provinceCode && c.provinceCode !== where.provinceCode) continue;
    if (where.communeCode && c.communeCode !== where.communeCode) continue;
    const end = toIsoDate(c.periodEnd);
    if (end < from || end > to || end >= on) continue;
    ended++;
    const next = addDays(end, 1),
      limit = addMonths(end, 3);
    if (all.some((n) => n.enrolleeId === c.enrolleeId && toIsoDate(n.periodStart) === next && toIsoDate(n.paidOn) <= limit && toIsoDate(n.paidOn) <= on))
      renewed++;
  }
  return { ended, renewed, pct: ended === 0 ? null : Math.round((renewed * 10_000) / ended) / 100 };
}

beforeAll(async () => {
  t = await freshDb();
  await generateDashboardData(t.prisma, { seed: 21 });
  admin = await principalFor(t.prisma, "ADMIN", "VN");
}, 300_000);
afterAll(async () => {
  await t.close();
});

describe("the map's renewal rate", () => {
  it("per province in the nation view: the retention figure, the hand count, and no data where nobody's coverage ended", async () => {
    const map = await getMapData(t.prisma, admin, { unit: "VN", date: ON });
    const retention = await getRetention(t.prisma, admin, { unit: "VN", date: ON, by: "province" });
    expect(map.renewal).toMatchObject(finalPeriod(ON));
    expect(mapMeasuresOf(map.rows)).toContain("renewal");
    for (const code of ["01", "40"]) {
      const row = map.rows.find((r) => r.code === code)!;
      const hand = await countByHand({ provinceCode: code }, ON);
      expect(hand.ended).toBeGreaterThan(10);
      expect(row.renewalRatePct).toBe(retention.rows.find((r) => r.key === code)!.ratePct);
      expect(row.renewalRatePct).toBe(hand.pct);
      expect([row.renewalEnded, row.renewalRenewed]).toEqual([hand.ended, hand.renewed]);
      expect(mapClass("renewal", mapValue("renewal", row))).not.toBe(NO_DATA);
    }
    // a province without anybody in the data set
    const other = map.rows.find((r) => r.code === "79")!;
    expect(other.renewalRatePct).toBeNull();
    expect(mapClass("renewal", mapValue("renewal", other))).toBe(NO_DATA);
  });

  // the nation's and a province's map, and the dashboard's retention card, read the renewal aggregates (ADR 1405):
  // compared with a count in SQL written here, straight from the contributions
  async function sqlCount(col: "provinceCode" | "communeCode", on: IsoDate, provinceCode?: string) {
    const { from, to } = finalPeriod(on);
    const rows = await t.prisma.$queryRawUnsafe<{ key: string; ended: bigint; renewed: bigint }[]>(
      `SELECT c."${col}" AS key, count(*) AS ended,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Contribution" n WHERE n."enrolleeId" = c."enrolleeId"
                AND n."periodStart" = c."periodEnd" + 1 AND n."paidOn" <= (c."periodEnd" + interval '3 months')::date AND n."paidOn" <= $3::date)) AS renewed
       FROM "Contribution" c WHERE c."periodEnd" BETWEEN $1::date AND $2::date AND c."periodEnd" < $3::date AND ($4::text IS NULL OR c."provinceCode" = $4)
       GROUP BY 1`,
      from,
      to,
      on,
      provinceCode ?? null,
    );
    return new Map(rows.map((r) => [r.key, { ended: Number(r.ended), renewed: Number(r.renewed) }]));
  }
  for (const on of ["2024-12-31", "2025-01-01", "2025-03-01", "2025-06-15"]) {
    it(`from the aggregates: every province and every commune of Hà Nội equal a count in SQL on ${on}`, async () => {
      const [nation, hanoi, card, byProvince, byCommune] = await Promise.all([
        getMapData(t.prisma, admin, { unit: "VN", date: on }),
        getMapData(t.prisma, admin, { unit: "01", date: on }),
        getRetention(t.prisma, admin, { unit: "VN", date: on }),
        sqlCount("provinceCode", on),
        sqlCount("communeCode", on, "01"),
      ]);
      for (const [map, sql] of [
        [nation, byProvince],
        [hanoi, byCommune],
      ] as const) {
        for (const row of map.rows) {
          const r = sql.get(row.code) ?? { ended: 0, renewed: 0 };
          expect([row.renewalEnded, row.renewalRenewed], row.code).toEqual([r.ended, r.renewed]);
          expect(row.renewalRatePct).toBe(r.ended === 0 ? null : Math.round((r.renewed * 10_000) / r.ended) / 100);
        }
      }
      expect(card.groupBy).toBe("province");
      expect(card.rows.map((r) => [r.key, r.ended, r.renewed])).toEqual([...byProvince].sort().map(([k, v]) => [k, v.ended, v.renewed]));
      expect(nation.rows.reduce((s, r) => s + r.renewalRenewed, 0)).toBeGreaterThan(0);
    });
  }

  it("per commune in a province's and an area's view", async () => {
    const province = await getMapData(t.prisma, admin, { unit: "01", date: ON });
    const retention = await getRetention(t.prisma, admin, { unit: "01", date: ON, by: "commune" });
    const withData = province.rows.filter((r) => r.renewalRatePct !== null);
    expect(withData.length).toBeGreaterThan(2);
    for (const row of withData.slice(0, 3)) {
      expect(row.renewalRatePct).toBe(retention.rows.find((r) => r.key === row.code)!.ratePct);
      expect(row.renewalRatePct).toBe((await countByHand({ communeCode: row.code }, ON)).pct);
    }
    // communes of Hà Nội outside the data set's two areas: no data
    const empty = province.rows.find((r) => r.areaCode !== "001" && r.areaCode !== "006")!;
    expect(empty.renewalRatePct).toBeNull();
    expect(empty.renewalEnded).toBe(0);

    const area = await getMapData(t.prisma, admin, { unit: "001", date: ON });
    expect(area.rows.every((r) => r.areaCode === "001")).toBe(true);
    for (const row of area.rows) expect(row.renewalRatePct).toBe(province.rows.find((r) => r.code === row.code)!.renewalRatePct);
  });
});
