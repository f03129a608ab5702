import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { freshDb, type TestDb } from "./db";
import { addContribution, createAgent, createEnrollee, principalFor } from "../fixtures/factories";
import { addDays, addMonths } from "@/lib/domain/dates";
import { messages } from "@/lib/i18n/messages";
import { listRenewals } from "@/lib/server/renewals/renewals";
import { renewalExport } from "@/lib/server/renewals/export";
import { readRows } from "@/lib/server/files/spreadsheet";
import type { Principal } from "@/lib/server/auth/authz";

const ON = "2026-11-23";
let t: TestDb;
let badinh: Principal, dongda: Principal, hanoi: Principal;
let agentA: number, agentB: number;
const names = new Map<number, string>();

/** A person whose contributions end on `end` (the enrollee's coverageEnd is kept as the payment service does). */
async function personEnding(commune: string, end: string, over: { agentId?: number; fullName?: string; months?: number } = {}) {
  const e = await createEnrollee(t.prisma, commune, { agentId: over.agentId, fullName: over.fullName, coverageEnd: end, firstCoveredOn: "2024-01-01" });
  await addContribution(t.prisma, e.id, "2024-01-01", "2024-12-31", 12);
  if (end > "2024-12-31") await addContribution(t.prisma, e.id, "2025-01-01", end, over.months ?? 12);
  names.set(e.id, e.fullName);
  return e;
}

beforeAll(async () => {
  t = await freshDb();
  badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  dongda = await principalFor(t.prisma, "DISTRICT_STAFF", "006");
  hanoi = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
  agentA = (await createAgent(t.prisma, "00004")).id;
  agentB = (await createAgent(t.prisma, "00008")).id;
  const overdueFrom = addMonths(ON, -3);
  // boundaries of both windows, in two communes and two agents
  await personEnding("00004", ON, { agentId: agentA, fullName: "Bùi Thị Đúng Hạn" }); // due today
  await personEnding("00004", addDays(ON, 30), { agentId: agentA }); // last day of the window
  await personEnding("00004", addDays(ON, 31), { agentId: agentA }); // not yet due
  await personEnding("00008", addDays(ON, -1), { agentId: agentB }); // overdue by a day
  await personEnding("00008", overdueFrom, { agentId: agentB }); // overdue, last recoverable day
  await personEnding("00008", addDays(overdueFrom, -1), { agentId: agentB }); // lapsed
  await personEnding("00025", addDays(ON, 10)); // no agent
  await personEnding("00004", addDays(ON, 10), { agentId: agentA, fullName: "An Văn Cùng Ngày" }); // same end: sorted by name
  await personEnding("00004", "2027-06-30", { agentId: agentA }); // active
  // another area: never in Ba Đình's list
  const dd = (await t.prisma.unit.findFirstOrThrow({ where: { areaCode: "006", level: "COMMUNE" }, orderBy: { code: "asc" } })).code;
  await personEnding(dd, addDays(ON, 5));
});
afterAll(async () => {
  await t.close();
});

/** The worklist computed independently from the contributions themselves. */
async function expectedList(area: string, extra = "") {
  return t.prisma.$queryRawUnsafe<{ id: number; e: string; phone: string | null }[]>(
    `
    WITH last AS (SELECT "enrolleeId", max("periodEnd") AS e FROM "Contribution" WHERE "areaCode" = $1 GROUP BY 1)
    SELECT en.id, last.e::text AS e, en.phone FROM last JOIN "Enrollee" en ON en.id = last."enrolleeId"
    WHERE last.e BETWEEN (DATE '${ON}' - interval '3 months')::date AND DATE '${ON}' + 30 ${extra}
    ORDER BY last.e, en."fullName", en.id`,
    area,
  );
}

describe("renewal worklist", () => {
  it("equals an independent SQL query over the contributions, with statuses and days left", async () => {
    const list = await listRenewals(t.prisma, badinh, {}, { on: ON });
    const expected = await expectedList("001");
    expect(expected).toHaveLength(6);
    expect(list.rows.map((r) => ({ id: r.enrolleeId, e: r.coverageEnd, phone: r.phone }))).toEqual(expected);
    // 23/08 → 23/11 is 92 days; the two people ending on the same day are sorted by name
    expect(list.rows.map((r) => [r.status, r.daysLeft])).toEqual([
      ["OVERDUE", -92],
      ["OVERDUE", -1],
      ["DUE", 0],
      ["DUE", 10],
      ["DUE", 10],
      ["DUE", 30],
    ]);
    expect(list.rows[3].fullName).toBe("An Văn Cùng Ngày");
    expect(list.totals).toMatchObject({ due: 4, overdue: 2 });
    expect(list.bounds).toEqual({ overdueFrom: "2026-08-23", dueUntil: "2026-12-23" });
  });

  it("computes the amount due for the usual period with today's policy (Hà Nội, 1,500,000 VND, 12 months)", async () => {
    const list = await listRenewals(t.prisma, badinh, {}, { on: ON });
    // Decree 159: 22% × 1,500,000 = 330,000/month; central 20% = 66,000; Hà Nội 10% = 33,000 → 231,000 × 12
    for (const r of list.rows) expect(r).toMatchObject({ paymentPeriod: "ANNUAL", months: 12, gross: 3_960_000, subsidy: 1_188_000, amountDue: 2_772_000 });
    expect(list.totals.amountDue).toBe(6 * 2_772_000);
    // someone with 115 of the 120 subsidised months used gets 5 more months of subsidy only
    const e = await personEnding("00025", addDays(ON, 3));
    await t.prisma.enrollee.update({
      where: { id: e.id },
      data: { subsidyMonthsUsed: 115, subsidyGroup: "POOR", paymentPeriod: "MONTHLY", declaredIncome: 700_000 },
    });
    const again = await listRenewals(t.prisma, badinh, { commune: "00025" }, { on: ON });
    const row = again.rows.find((r) => r.enrolleeId === e.id)!;
    // the 700,000 declared in 2021 is below today's floor: the renewal is at 1,500,000; POOR: 50% + Hà Nội 50% → nothing left to pay
    expect(row).toMatchObject({ months: 1, gross: 330_000, subsidy: 330_000, amountDue: 0 });
    await t.prisma.enrollee.update({ where: { id: e.id }, data: { subsidyGroup: "OTHER", paymentPeriod: "ANNUAL", declaredIncome: 1_500_000 } });
    const capped = (await listRenewals(t.prisma, badinh, { commune: "00025" }, { on: ON })).rows.find((r) => r.enrolleeId === e.id)!;
    expect(capped).toMatchObject({ months: 12, gross: 3_960_000, subsidy: 5 * 99_000, amountDue: 3_960_000 - 5 * 99_000 });
    await t.prisma.contribution.deleteMany({ where: { enrolleeId: e.id } });
    await t.prisma.enrollee.delete({ where: { id: e.id } });
  });

  it("filters per commune, per agent and by status — each equal to the same SQL with that condition", async () => {
    const byCommune = await listRenewals(t.prisma, badinh, { commune: "00008" }, { on: ON });
    expect(byCommune.rows.map((r) => r.enrolleeId)).toEqual((await expectedList("001", `AND en."communeCode" = '00008'`)).map((r) => r.id));
    expect(byCommune.commune).toEqual({ code: "00008", fullName: "Phường Ngọc Hà" });
    const byAgent = await listRenewals(t.prisma, badinh, { agent: String(agentA) }, { on: ON });
    expect(byAgent.rows.map((r) => r.enrolleeId)).toEqual((await expectedList("001", `AND en."agentId" = ${agentA}`)).map((r) => r.id));
    expect(byAgent.rows).toHaveLength(3);
    const due = await listRenewals(t.prisma, badinh, { status: "DUE" }, { on: ON });
    expect(due.rows.map((r) => r.enrolleeId)).toEqual((await expectedList("001", `AND last.e >= DATE '${ON}'`)).map((r) => r.id));
    const overdue = await listRenewals(t.prisma, badinh, { status: "OVERDUE" }, { on: ON });
    expect(overdue.rows.map((r) => r.enrolleeId)).toEqual((await expectedList("001", `AND last.e < DATE '${ON}'`)).map((r) => r.id));
  });

  it("is scoped: another area's commune or agent is 'not found'; the province sees both areas", async () => {
    await expect(listRenewals(t.prisma, dongda, { commune: "00004" }, { on: ON })).rejects.toMatchObject({ status: 404 });
    await expect(listRenewals(t.prisma, dongda, { agent: agentA }, { on: ON })).rejects.toMatchObject({ status: 404 });
    const own = await listRenewals(t.prisma, dongda, {}, { on: ON });
    expect(own.rows.map((r) => r.enrolleeId)).toEqual((await expectedList("006")).map((r) => r.id));
    expect(own.rows).toHaveLength(1);
    const province = await listRenewals(t.prisma, hanoi, {}, { on: ON });
    expect(province.rows).toHaveLength(7);
  });

  it("exports the same rows to XLSX (typed cells) and CSV", async () => {
    const t0 = messages.vi;
    const list = await listRenewals(t.prisma, badinh, { agent: agentA }, { on: ON });
    const xlsx = await renewalExport(t.prisma, badinh, { agent: agentA, status: "ALL" }, "xlsx", t0, ON);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    expect(decodeURIComponent(xlsx.headers.get("content-disposition")!.split("''")[1])).toMatch(
      /^Danh sách đến hạn Quận Ba Đình - Đại lý T\d+ 2026-11-23\.xlsx$/,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const ws = wb.worksheets[0];
    expect(String(ws.getCell("A1").value)).toMatch(/^Danh sách người tham gia BHXH tự nguyện đến hạn đóng — /);
    expect(ws.getRow(2).getCell(2).value).toBe("Họ và tên");
    expect(ws.rowCount).toBe(2 + list.rows.length);
    expect(ws.getRow(3).getCell(2).value).toBe(list.rows[0].fullName);
    expect(ws.getRow(3).getCell(9).value).toEqual(new Date(`${list.rows[0].coverageEnd}T00:00:00.000Z`));
    expect(ws.getRow(3).getCell(17).value).toBe(2_772_000);
    expect(ws.getRow(3).getCell(17).numFmt).toBe("#,##0");

    const csv = await renewalExport(t.prisma, badinh, { agent: agentA, status: "ALL" }, "csv", t0, ON);
    const rows = [];
    for await (const r of readRows({ name: "x.csv", data: new Uint8Array(await csv.arrayBuffer()) })) rows.push(r.values);
    expect(rows.map((r) => r["Họ và tên"])).toEqual(list.rows.map((r) => r.fullName));
    expect(rows[0]).toMatchObject({ "Tình trạng": "Sắp đến hạn", "Số tiền cần thu": "2772000", "Hết hạn": "23/11/2026" });
  });
});
