// The D05-TS list: payments recorded through the app's own payment path, exported as the form's Excel
// file, read back cell by cell, and every column and total compared with an independent SQL query
// (support rates from the SubsidyTier / ProvincialTopUp tables in force on the receipt date, "Tăng mới"
// from the person's earlier periods). Plus the scope: other areas' agents are "not found".
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { vi } from "vitest";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import { agentInput } from "../fixtures/agents";
import { issueTestToken, registrationInput } from "../fixtures/enrollment";
import type { Principal } from "@/lib/server/auth/authz";
import { createAgent } from "@/lib/server/agents/agents";
import { registerEnrollee } from "@/lib/server/enrollment/enrollees";
import { recordPayment } from "@/lib/server/enrollment/contributions";
import { getD05List } from "@/lib/server/paperwork/d05";
import { D05_LAYOUT, d05Workbook } from "@/lib/server/paperwork/d05-xlsx";
import { D05_COLUMNS } from "@/lib/domain/d05";

vi.mock("next-auth", async (orig) => ({ ...(await orig<typeof import("next-auth")>()), getServerSession: async () => null }));

let t: TestDb;
let hanoiAdmin: Principal, officer: Principal, badinh: Principal, dongda: Principal;
let agentId: number, otherAgentId: number, dongdaAgentId: number;

type SqlRow = {
  id: number;
  fullName: string;
  siCode: string | null;
  personalId: string;
  address: string;
  paidOn: string;
  receiptNo: string;
  declaredIncome: number;
  months: number;
  fromMonth: string;
  gross: number;
  net: number;
  central: number;
  topUp: number;
  stateBp: number | null;
  localBp: number | null;
  note: string;
};

/** The list computed independently in SQL. */
async function expectedRows(agent: number, from: string, to: string): Promise<SqlRow[]> {
  return t.prisma.$queryRawUnsafe<SqlRow[]>(
    `
    SELECT c.id, e."fullName", e."siCode", e."personalId",
           CASE WHEN e.address IS NULL THEN u."fullName" WHEN position(u."fullName" in e.address) > 0 THEN e.address ELSE e.address || ', ' || u."fullName" END AS address,
           to_char(c."paidOn", 'DD/MM/YYYY') AS "paidOn", c."receiptNo", c."declaredIncome", c.months, to_char(c."periodStart", 'MM/YYYY') AS "fromMonth",
           c.gross, c.net, c."centralSubsidy" AS central, c."provincialTopUp" AS "topUp",
           CASE WHEN c."centralSubsidy" > 0 THEN (SELECT s."rateBp" FROM "SubsidyTier" s WHERE s."group" = e."subsidyGroup" AND s."effectiveFrom" <= c."paidOn" ORDER BY s."effectiveFrom" DESC LIMIT 1) END AS "stateBp",
           CASE WHEN c."provincialTopUp" > 0 THEN (SELECT s."rateBp" FROM "ProvincialTopUp" s WHERE s."group" = e."subsidyGroup" AND s."provinceCode" = c."provinceCode" AND s."effectiveFrom" <= c."paidOn" ORDER BY s."effectiveFrom" DESC LIMIT 1) END AS "localBp",
           CASE WHEN EXISTS (SELECT 1 FROM "Contribution" o WHERE o."enrolleeId" = c."enrolleeId" AND o.id <> c.id AND o."periodStart" < c."periodStart") THEN 'Đóng tiếp' ELSE 'Tăng mới' END AS note
    FROM "Contribution" c JOIN "Enrollee" e ON e.id = c."enrolleeId" JOIN "Unit" u ON u.code = c."communeCode"
    WHERE c."agentId" = $1 AND c."paidOn" BETWEEN $2::date AND $3::date
    ORDER BY c."paidOn", c."receiptNo", c.id`,
    agent,
    from,
    to,
  );
}

/** The data rows and the two totals rows of the exported workbook, as cell values by column number. */
async function readBack(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const cells = (r: number) =>
    D05_COLUMNS.map((_, i) => {
      const v = ws.getCell(r, i + 1).value;
      return v === null || v === undefined ? null : v;
    });
  const numbers = cells(D05_LAYOUT.numberRow);
  const section = [cells(D05_LAYOUT.sectionRow).slice(0, 2), cells(D05_LAYOUT.groupRow).slice(0, 2)];
  const rows: (string | number | null)[][] = [];
  let r = D05_LAYOUT.firstDataRow;
  while (ws.getCell(r, 2).value !== "Cộng I.1") rows.push(cells(r++) as (string | number | null)[]);
  return {
    ws,
    numbers,
    section,
    rows,
    subtotal: cells(r),
    total: cells(r + 1),
    title: ws.getCell(5, 1).value,
    period: ws.getCell(6, 1).value,
    agentLine: ws.getCell("A1").value,
    codeLine: ws.getCell("A2").value,
  };
}

beforeAll(async () => {
  t = await freshDb({ asProcessClient: true });
  hanoiAdmin = await principalFor(t.prisma, "ADMIN", "01");
  officer = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
  badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  dongda = await principalFor(t.prisma, "DISTRICT_STAFF", "006");
  agentId = (await createAgent(t.prisma, hanoiAdmin, agentInput({ code: "HN-D05-01", name: "Bưu điện Phường Ba Đình", contractStart: "2024-01-01" }))).id;
  otherAgentId = (await createAgent(t.prisma, hanoiAdmin, agentInput({ code: "HN-D05-02", name: "Hội Nông dân Ba Đình", contractStart: "2024-01-01" }))).id;
  const dongdaCommune = (await t.prisma.unit.findFirstOrThrow({ where: { areaCode: "006", level: "COMMUNE" }, orderBy: { code: "asc" } })).code;
  dongdaAgentId = (
    await createAgent(
      t.prisma,
      hanoiAdmin,
      agentInput({ code: "HN-D05-03", name: "Đại lý Đống Đa", areaCode: "006", communeCodes: [dongdaCommune], contractStart: "2024-01-01" }),
    )
  ).id;

  const reg = (over: Record<string, unknown>) =>
    registerEnrollee(t.prisma, badinh, registrationInput({ agentId, enrolledOn: "2025-03-01", ...over }), { today: "2026-06-15" });
  // 1. a new participant in May 2026 (poor household: central 50% + Hà Nội top-up)
  await reg({ subsidyGroup: "POOR", siCode: "0112345678", payment: { method: "CASH", receiptNo: "0000012", paidOn: "2026-05-20" }, enrolledOn: "2026-05-20" });
  // 2. paid in 2025, renews in May 2026: "Đóng tiếp"
  const b = await reg({ payment: { method: "CASH", receiptNo: "0000003", paidOn: "2025-05-10" } });
  await recordPayment(t.prisma, badinh, b.enrollee.id, {
    method: "BANK_TRANSFER",
    receiptNo: "0000011",
    paidOn: "2026-05-02",
    period: "SEMIANNUAL",
    declaredIncome: 2_000_000,
  });
  // 3. a new participant, near-poor, quarterly, no address of its own beyond the street
  await reg({
    subsidyGroup: "NEAR_POOR",
    paymentPeriod: "QUARTERLY",
    declaredIncome: 3_000_000,
    payment: { method: "CASH", receiptNo: "0000013", paidOn: "2026-05-31" },
    enrolledOn: "2026-05-31",
  });
  // outside the list: June (next month), April (previous), and another agent in May
  await reg({ payment: { method: "CASH", receiptNo: "0000020", paidOn: "2026-06-01" }, enrolledOn: "2026-06-01" });
  await reg({ payment: { method: "CASH", receiptNo: "0000010", paidOn: "2026-04-30" }, enrolledOn: "2026-04-30" });
  await reg({ agentId: otherAgentId, payment: { method: "CASH", receiptNo: "0000014", paidOn: "2026-05-15" }, enrolledOn: "2026-05-15" });
});
afterAll(async () => {
  await t.close();
});

describe("D05-TS list", () => {
  it("exports the month's payments in the form's layout; every column and total equals independent SQL", async () => {
    const list = await getD05List(t.prisma, badinh, { agentId: String(agentId), month: "2026-05" });
    const sql = await expectedRows(agentId, "2026-05-01", "2026-05-31");
    expect(sql).toHaveLength(3);
    expect(list.rows).toHaveLength(3);
    const x = await readBack(await d05Workbook(list));

    expect(x.title).toBe("DANH SÁCH NGƯỜI THAM GIA BHXH TỰ NGUYỆN");
    expect(x.period).toBe("Tháng 05 năm 2026");
    expect(x.agentLine).toBe("Tên đại lý thu: Bưu điện Phường Ba Đình");
    expect(x.codeLine).toBe("Mã đại lý thu: HN-D05-01");
    expect(x.numbers).toEqual(["A", "B", "C", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17"]);
    expect(x.section).toEqual([
      ["I", "Tăng"],
      ["I.1", "Người tham gia"],
    ]);

    const pct = (bp: number | null) => (bp == null ? null : Number(bp) / 100);
    const expected = sql.map((s, i) => [
      i + 1,
      s.fullName,
      s.siCode,
      s.personalId,
      s.address,
      s.paidOn,
      s.receiptNo,
      Number(s.declaredIncome),
      Number(s.months),
      s.fromMonth,
      Number(s.gross),
      Number(s.net),
      pct(s.stateBp),
      Number(s.central),
      pct(s.localBp),
      Number(s.topUp),
      null,
      null,
      null,
      s.note,
    ]);
    expect(x.rows).toEqual(expected);
    // the three kinds of row are really there
    expect(x.rows.map((r) => r[19])).toEqual(["Đóng tiếp", "Tăng mới", "Tăng mới"]);
    expect(x.rows.map((r) => r[12])).toEqual([20, 50, 40]); // Decree 159 rates for others / poor / near-poor
    expect(x.rows[1][15]).toBeGreaterThan(0); // Hà Nội's top-up for the poor household

    const [tot] = await t.prisma.$queryRawUnsafe<{ months: bigint; gross: bigint; net: bigint; central: bigint; topup: bigint; people: bigint }[]>(
      `
      SELECT sum(months) AS months, sum(gross) AS gross, sum(net) AS net, sum("centralSubsidy") AS central, sum("provincialTopUp") AS topup, count(DISTINCT "enrolleeId") AS people
      FROM "Contribution" WHERE "agentId" = $1 AND "paidOn" BETWEEN '2026-05-01' AND '2026-05-31'`,
      agentId,
    );
    for (const row of [x.subtotal, x.total]) {
      expect(row[8]).toBe(Number(tot.months));
      expect(row[10]).toBe(Number(tot.gross));
      expect(row[11]).toBe(Number(tot.net));
      expect(row[13]).toBe(Number(tot.central));
      expect(row[15]).toBe(Number(tot.topup));
      expect(row[19]).toBe(`${Number(tot.people)} người`);
    }
    // column 8 = 9 + 11 + 13 for every row (no other support is recorded)
    for (const r of x.rows) expect(r[10]).toBe((r[11] as number) + (r[13] as number) + (r[15] as number));
  });

  it("a date range, the area's list and the print page's JSON agree with the same SQL", async () => {
    const range = await getD05List(t.prisma, badinh, { agentId: String(agentId), from: "2026-04-30", to: "2026-06-01" });
    expect(range.rows.map((r) => r.contributionId)).toEqual((await expectedRows(agentId, "2026-04-30", "2026-06-01")).map((s) => Number(s.id)));
    expect(range.rows).toHaveLength(5);
    const area = await getD05List(t.prisma, badinh, { unit: "001", month: "2026-05" });
    const [n] = await t.prisma.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "Contribution" WHERE "areaCode" = '001' AND "paidOn" BETWEEN '2026-05-01' AND '2026-05-31'`,
    );
    expect(area.rows).toHaveLength(Number(n.n));
    expect(area.agent).toBeNull();
  });

  it("masks ID numbers for roles that do not enroll; other areas' agents and units are not found", async () => {
    const masked = await getD05List(t.prisma, officer, { agentId: String(agentId), month: "2026-05" });
    expect(masked.rows.every((r) => /^\*{8}\d{4}$/.test(r.personalId))).toBe(true);
    await expect(getD05List(t.prisma, dongda, { agentId: String(agentId), month: "2026-05" })).rejects.toMatchObject({ status: 404 });
    await expect(getD05List(t.prisma, badinh, { agentId: String(dongdaAgentId), month: "2026-05" })).rejects.toMatchObject({ status: 404 });
    await expect(getD05List(t.prisma, badinh, { unit: "006", month: "2026-05" })).rejects.toMatchObject({ status: 404 });
    await expect(getD05List(t.prisma, badinh, { agentId: String(agentId) })).rejects.toMatchObject({ name: "ZodError" });
    await expect(getD05List(t.prisma, badinh, { agentId: String(agentId), from: "2025-01-01", to: "2026-06-01" })).rejects.toMatchObject({ name: "ZodError" });
  });

  it("the API answers the list as JSON and as the Excel file, scoped", async () => {
    const { GET } = await import("@/app/api/v1/agents/[id]/d05/route");
    const { GET: GET_ALL } = await import("@/app/api/v1/d05/route");
    const token = await issueTestToken(t.prisma, badinh.userId);
    const call = (handler: typeof GET, url: string, id?: number) =>
      handler(new NextRequest(`http://127.0.0.1${url}`, { headers: { authorization: `Bearer ${token}` } }), {
        params: Promise.resolve({ id: String(id ?? "") }),
      });
    const json = await (await call(GET, `/api/v1/agents/${agentId}/d05?month=2026-05`, agentId)).json();
    expect(json.totals.amountDue).toBe(json.rows.reduce((s: number, r: { amountDue: number }) => s + r.amountDue, 0));
    const file = await call(GET, `/api/v1/agents/${agentId}/d05?month=2026-05&format=xlsx`, agentId);
    expect(file.headers.get("content-disposition")).toContain("D05-TS_HN-D05-01_2026-05.xlsx");
    expect((await readBack(Buffer.from(await file.arrayBuffer()))).rows).toHaveLength(3);
    expect((await call(GET, `/api/v1/agents/${dongdaAgentId}/d05?month=2026-05`, dongdaAgentId)).status).toBe(404);
    const all = await call(GET_ALL as typeof GET, `/api/v1/d05?agentId=${agentId}&month=2026-05`);
    expect((await all.json()).rows).toHaveLength(3);
    expect((await call(GET_ALL as typeof GET, `/api/v1/d05?month=2026-05`)).status).toBe(400);
  });
});
