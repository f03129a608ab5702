// The pure rules of agents' commission statements (lib/domain/commission.ts) and participants' yearly
// statements (lib/domain/yearly-statement.ts).
import { describe, expect, it } from "vitest";
import { commissionOf, commissionRateFor, commissionRows, commissionTotals, type CommissionPayment, type CommissionRateRow } from "@/lib/domain/commission";
import { statementAsOf, yearlyStatement } from "@/lib/domain/yearly-statement";

const rate = (over: Partial<CommissionRateRow>): CommissionRateRow => ({
  agentKind: "POST_OFFICE",
  paymentPeriod: null,
  newRateBp: 800,
  renewalRateBp: 500,
  effectiveFrom: "2026-01-01",
  sample: false,
  ...over,
});
const RATES = [
  rate({}),
  rate({ paymentPeriod: "MONTHLY", newRateBp: 1000, renewalRateBp: 600 }),
  rate({ effectiveFrom: "2026-07-01", newRateBp: 900, renewalRateBp: 400 }),
  rate({ agentKind: "WOMEN_UNION", newRateBp: 100, renewalRateBp: 100 }),
];

describe("commission rate in force", () => {
  it("takes the kind's latest table on the date, its period's row before the any-period row", () => {
    expect(commissionRateFor(RATES, "POST_OFFICE", "ANNUAL", true, "2026-03-01")?.rateBp).toBe(800);
    expect(commissionRateFor(RATES, "POST_OFFICE", "ANNUAL", false, "2026-03-01")?.rateBp).toBe(500);
    expect(commissionRateFor(RATES, "POST_OFFICE", "MONTHLY", true, "2026-03-01")?.rateBp).toBe(1000);
    // the table of 1 July replaces the whole older one: its monthly row no longer applies
    expect(commissionRateFor(RATES, "POST_OFFICE", "MONTHLY", true, "2026-07-01")).toMatchObject({ rateBp: 900, effectiveFrom: "2026-07-01" });
    expect(commissionRateFor(RATES, "POST_OFFICE", "ANNUAL", true, "2025-12-31")).toBeNull();
    expect(commissionRateFor(RATES, "VETERANS", "ANNUAL", true, "2026-03-01")).toBeNull();
    // a table without an any-period row has no rate for other periods
    expect(commissionRateFor([rate({ paymentPeriod: "MONTHLY" })], "POST_OFFICE", "ANNUAL", true, "2026-03-01")).toBeNull();
  });

  it("rounds half up to whole VND on integers", () => {
    expect(commissionOf(3_168_000, 800)).toBe(253_440);
    expect(commissionOf(1_005, 50)).toBe(5); // 5.025
    expect(commissionOf(1_010, 50)).toBe(5); // 5.05 → 5
    expect(commissionOf(1_030, 50)).toBe(5); // 5.15 → 5
    expect(commissionOf(1_100, 50)).toBe(6); // 5.5 → 6
    expect(commissionOf(0, 800)).toBe(0);
  });
});

const payment = (id: number, paidOn: string, amount: number, over: Partial<CommissionPayment> = {}): CommissionPayment => ({
  contributionId: id,
  paidOn,
  receiptNo: `R${id}`,
  fullName: `P${id}`,
  collectorId: null,
  collectorName: null,
  paymentPeriod: "ANNUAL",
  months: 12,
  amount,
  isNew: true,
  ...over,
});

describe("commission rows", () => {
  const payments = [
    payment(3, "2026-05-20", 300),
    payment(1, "2026-05-02", 100, { collectorId: 7 }),
    payment(2, "2026-05-02", 200, { isNew: false }),
    payment(4, "2026-06-01", 1_000),
  ];
  const may = { from: "2026-05-01", to: "2026-05-31" };

  it("collected: the month's payments in receipt order, the whole amount as base", () => {
    const rows = commissionRows("collected", payments, RATES, "POST_OFFICE", may);
    expect(rows.map((r) => [r.contributionId, r.base, r.rateBp])).toEqual([
      [1, 100, 800],
      [2, 200, 500],
      [3, 300, 800],
    ]);
    expect(commissionTotals(rows)).toMatchObject({ payments: 3, base: 600, newBase: 400, renewalBase: 200 });
  });

  it("remitted: the month's remittances cover the oldest collections first, in parts", () => {
    const rows = commissionRows("remitted", payments, RATES, "POST_OFFICE", may, { before: 150, during: 400 });
    expect(rows.map((r) => [r.contributionId, r.base])).toEqual([
      [2, 150],
      [3, 250],
    ]);
    expect(commissionRows("remitted", payments, RATES, "POST_OFFICE", may, { before: 0, during: 0 })).toEqual([]);
    // more remitted than collected: the bases stop at what was collected
    const all = commissionRows("remitted", payments, RATES, "POST_OFFICE", may, { before: 0, during: 5_000 });
    expect(all.reduce((s, r) => s + r.base, 0)).toBe(1_600);
  });

  it("narrows to one collector after the agent's allocation", () => {
    expect(commissionRows("remitted", payments, RATES, "POST_OFFICE", may, { before: 0, during: 150 }, 7).map((r) => [r.contributionId, r.base])).toEqual([
      [1, 100],
    ]);
  });

  it("a payment without a rate in force earns nothing and is counted", () => {
    const rows = commissionRows("collected", [payment(9, "2026-05-03", 500)], RATES, "VETERANS", may);
    expect(rows[0]).toMatchObject({ rateBp: null, commission: 0 });
    expect(commissionTotals(rows).withoutRate).toBe(1);
  });
});

describe("yearly statement", () => {
  const c = (paidOn: string, periodStart: string, periodEnd: string, months: number) => ({
    paidOn,
    periodStart,
    periodEnd,
    months,
    gross: 330_000 * months,
    net: 264_000 * months,
    centralSubsidy: 66_000 * months,
    provincialTopUp: 0,
  });
  const history = [
    c("2024-05-02", "2024-05-01", "2025-04-30", 12),
    c("2025-05-03", "2025-05-01", "2026-04-30", 12),
    c("2026-05-04", "2026-05-01", "2026-10-31", 6),
  ];

  it("speaks of 31/12, or of today during the year", () => {
    expect(statementAsOf(2025, "2026-06-15")).toBe("2025-12-31");
    expect(statementAsOf(2026, "2026-06-15")).toBe("2026-06-15");
  });

  it("counts what was paid by its day, this year's part, and the months still needed", () => {
    const s = yearlyStatement(history, 2025, "2025-12-31", 180);
    expect(s).toMatchObject({ monthsContributed: 24, monthsStillNeeded: 156, coveredUntil: "2026-04-30", firstCoveredOn: "2024-05-01" });
    expect(s.thisYear).toEqual({ months: 12, gross: 3_960_000, net: 3_168_000, centralSubsidy: 792_000, provincialTopUp: 0 });
    expect(s.byYear.map((y) => [y.year, y.months])).toEqual([
      [2024, 12],
      [2025, 12],
    ]);
    expect(yearlyStatement(history, 2026, "2026-06-15", 180).monthsContributed).toBe(30);
    expect(yearlyStatement(history, 2026, "2026-06-15", 24).monthsStillNeeded).toBe(0);
    expect(yearlyStatement(history, 2026, "2026-06-15", null).monthsStillNeeded).toBeNull();
    expect(yearlyStatement([], 2026, "2026-06-15", 180)).toMatchObject({ monthsContributed: 0, monthsStillNeeded: 180, coveredUntil: null });
  });
});
