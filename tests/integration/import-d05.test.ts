// The importer's second layout (issue 13 item 3): a D05-TS list. The sample file of tests/fixtures (our
// own export plus "Ngày sinh" and "Dân tộc" right of column 17) previews and imports with its rows and
// every problem of each bad row at once, re-importing it changes nothing (the same idempotency as the
// template), and an export → import round trip into another database gives the same payments. Also the
// D05-TS column 16 = the code of the collector who took the payment.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import { agentInput } from "../fixtures/agents";
import { D05_SAMPLE, D05_SAMPLE_AGENT, D05_SAMPLE_FILE, d05Cells, d05SampleId, d05SampleXlsx } from "../fixtures/d05-sample";
import type { Principal } from "@/lib/server/auth/authz";
import { createAgent } from "@/lib/server/agents/agents";
import { previewImport, runImport } from "@/lib/server/imports/imports";
import { getD05List } from "@/lib/server/paperwork/d05";
import { D05_LAYOUT, d05Workbook } from "@/lib/server/paperwork/d05-xlsx";
import { collectorCode } from "@/lib/domain/d05";

let t: TestDb;
let badinh: Principal, hanoiAdmin: Principal;
let agentId: number;
let sample: { name: string; data: Uint8Array };

const byLine = (errors: { line: number; field: string }[], line: number) => [...new Set(errors.filter((e) => e.line === line).map((e) => e.field))].sort();

beforeAll(async () => {
  t = await freshDb({ asProcessClient: true });
  badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  hanoiAdmin = await principalFor(t.prisma, "ADMIN", "01");
  agentId = (await createAgent(t.prisma, hanoiAdmin, agentInput({ ...D05_SAMPLE_AGENT, contractStart: "2024-01-01" }))).id;
  sample = { name: "d05-sample.xlsx", data: new Uint8Array(await readFile(D05_SAMPLE_FILE)) };
});
afterAll(async () => {
  await t?.close();
});

describe("the sample D05-TS file", () => {
  it("is the one tests/fixtures/d05-sample.ts builds (deterministic)", async () => {
    expect(await d05Cells(sample.data)).toEqual(await d05Cells(await d05SampleXlsx()));
  });

  it("previews with its rows and every problem of each bad row at once, next to the D05 column", async () => {
    const s = await previewImport(t.prisma, badinh, sample);
    expect(s).toMatchObject({ total: 5, valid: 3, rejected: 2, duplicates: 0, withPayments: 3 });
    D05_SAMPLE.forEach((p, i) => {
      const line = D05_LAYOUT.firstDataRow + i;
      expect(byLine(s.errors, line)).toEqual("errors" in p.expect ? [...p.expect.errors].sort() : []);
    });
    const msg = (line: number, field: string) => s.errors.find((e) => e.line === line && e.field === field)!;
    const bad1 = D05_LAYOUT.firstDataRow + 3,
      bad2 = D05_LAYOUT.firstDataRow + 4;
    expect(msg(bad1, "fromMonth")).toMatchObject({
      column: "7. Từ tháng/năm",
      name: "Phạm Văn Bình",
      message: "Cột 7 ghi 04/2026, nhưng khoản đóng đầu tiên bắt đầu từ tháng nộp tiền 05/2026",
    });
    expect(msg(bad1, "paidByParticipant")).toMatchObject({
      column: "9. Số tiền người tham gia đóng",
      message: "Cột 9 ghi 3.500.000, nhưng theo mức thu nhập, số tháng và chính sách ngày 22/05/2026 là 3.564.000",
    });
    expect(msg(bad1, "receiptNo").message).toBe(`Số biên lai trùng với dòng ${D05_LAYOUT.firstDataRow} của tệp (cùng đại lý)`);
    expect(msg(bad2, "dateOfBirth")).toMatchObject({ column: "Ngày sinh", message: "Ngày không hợp lệ (định dạng dd/mm/yyyy)" }); // the added column, left blank
    expect(msg(bad2, "communeCode").column).toBe("Mã xã (theo địa chỉ, cột 2)");
    expect(msg(bad2, "ethnicity")).toMatchObject({ column: "Dân tộc", message: expect.stringContaining("54 dân tộc") });
    expect(s.headers.slice(0, 4)).toEqual(["A. STT", "B. Họ và tên", "C. Mã số BHXH", "1. Số CCCD/ĐDCN/Hộ chiếu"]);
  });

  it("imports the good rows with what the list tells (sex, period, commune, group, agent) and the same amounts; a second import changes nothing", async () => {
    const r = await runImport(t.prisma, badinh, sample);
    expect(r).toMatchObject({ created: 3, contributions: 3, rejected: 2 });
    for (const [i, p] of D05_SAMPLE.entries()) {
      const e = await t.prisma.enrollee.findUnique({ where: { personalId: d05SampleId(p, i) }, include: { contributions: true } });
      if ("errors" in p.expect) {
        expect(e).toBeNull();
        continue;
      }
      expect(e).toMatchObject({
        fullName: p.fullName,
        sex: p.sex,
        communeCode: p.expect.commune,
        subsidyGroup: p.expect.group,
        agentId,
        occupation: "OTHER",
        nationality: "Việt Nam",
        ethnicity: p.ethnicity || null,
        address: p.address,
        declaredIncome: p.income,
      });
      expect(e!.dateOfBirth.toISOString().slice(0, 10)).toBe(p.birth.split("/").reverse().join("-"));
      expect(e!.contributions).toHaveLength(1);
      expect(e!.contributions[0]).toMatchObject({
        receiptNo: p.receiptNo,
        months: p.months,
        gross: p.gross,
        net: p.net,
        centralSubsidy: p.central,
        provincialTopUp: p.topUp,
        method: "CASH",
        agentId,
      });
    }
    const again = await runImport(t.prisma, badinh, sample);
    expect(again).toMatchObject({ created: 0, contributions: 0, duplicates: 3, rejected: 2 });
  });

  it("an export → import round trip: the agent's D05-TS of May, with the dates of birth added, imports into another database as the same payments", async () => {
    const list = await getD05List(t.prisma, badinh, { agentId: String(agentId), month: "2026-05" });
    expect(list.rows).toHaveLength(3);
    const plain = { name: "D05-TS_export.xlsx", data: new Uint8Array(await d05Workbook(list)) };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(plain.data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    ws.getCell(D05_LAYOUT.headerRow, 21).value = "Ngày sinh";
    const births = new Map(D05_SAMPLE.map((p, i) => [d05SampleId(p, i), p.birth]));
    list.rows.forEach((row, i) => (ws.getCell(D05_LAYOUT.firstDataRow + i, 21).value = births.get(row.personalId)!));
    const file = { name: "D05-TS_round-trip.xlsx", data: new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer) };

    // into the same database, the export as it is: every row is someone already registered in the area
    // (skipped: the date of birth is not needed), nothing changes
    expect(await previewImport(t.prisma, badinh, plain)).toMatchObject({ total: 3, duplicates: 3, rejected: 0, valid: 0 });

    const other = await freshDb();
    try {
      const staff = await principalFor(other.prisma, "DISTRICT_STAFF", "001");
      const admin = await principalFor(other.prisma, "ADMIN", "01");
      const otherAgent = (await createAgent(other.prisma, admin, agentInput({ ...D05_SAMPLE_AGENT, contractStart: "2024-01-01" }))).id;
      // new people from the export as it is: the list has no date of birth, and says so on each row
      const without = await previewImport(other.prisma, staff, plain);
      expect(without).toMatchObject({ total: 3, rejected: 3 });
      expect(without.errors.map((e) => e.field)).toEqual(["dateOfBirth", "dateOfBirth", "dateOfBirth"]);
      expect(without.errors[0].message).toBe("Danh sách D05-TS không ghi ngày sinh: thêm cột «Ngày sinh» bên phải cột 17 (hoặc đăng ký người này trước)");
      const r = await runImport(other.prisma, staff, file);
      expect(r).toMatchObject({ created: 3, contributions: 3, rejected: 0 });
      const again = await getD05List(other.prisma, staff, { agentId: String(otherAgent), month: "2026-05" });
      const strip = (rows: typeof list.rows) => rows.map(({ contributionId: _c, ...rest }) => rest);
      expect(strip(again.rows)).toEqual(strip(list.rows));
      expect(again.totals).toEqual(list.totals);
    } finally {
      await other.close();
    }
  });
});

describe("D05-TS column 16", () => {
  it("is the code of the collector who took the payment, empty for a payment at the desk", async () => {
    const collector = await t.prisma.collector.create({ data: { agentId, name: "Nguyễn Văn Thu" } });
    const c = await t.prisma.contribution.findFirstOrThrow({ where: { agentId, receiptNo: "0000102" } });
    await t.prisma.contribution.update({ where: { id: c.id }, data: { collectorId: collector.id } });
    const list = await getD05List(t.prisma, badinh, { agentId: String(agentId), month: "2026-05" });
    expect(list.rows.map((r) => [r.receiptNo, r.collectorCode])).toEqual([
      ["0000101", ""],
      ["0000102", collectorCode(collector.id)],
      ["0000103", ""],
    ]);
    expect(collectorCode(collector.id)).toMatch(/^NV\d{5}$/);
    expect(list.collectorKnown).toBe(false);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await d05Workbook(list)) as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getCell(D05_LAYOUT.firstDataRow + 1, 19).value).toBe(collectorCode(collector.id));
  });
});
