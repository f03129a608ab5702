import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { freshDb, type TestDb } from "./db";
import { createAgent, principalFor } from "../fixtures/factories";
import { csvOf, person } from "../fixtures/import";
import { messages } from "@/lib/i18n/messages";
import { confirmStaged, rejectedReport, stageAndPreview, type StreamEvent } from "@/lib/server/imports/flow";
import { importTemplate } from "@/lib/server/imports/template";
import { makePersonalId } from "@/lib/domain/personal-id";
import { previewImport, runImport } from "@/lib/server/imports/imports";
import { readRows, type SheetRow } from "@/lib/server/files/spreadsheet";
import type { Principal } from "@/lib/server/auth/authz";

let t: TestDb;
let badinh: Principal, other: Principal;
const vi = messages.vi;

beforeAll(async () => {
  t = await freshDb();
  badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  other = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  await createAgent(t.prisma, "00004");
});
afterAll(async () => {
  await t.close();
});

async function rowsOf(res: Response, name: string): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const r of readRows({ name, data: new Uint8Array(await res.arrayBuffer()) })) out.push(r);
  return out;
}

describe("template", () => {
  it("XLSX: Vietnamese headers, a valid-looking example, a guide and the caller's communes, agents and recent conferences", async () => {
    const held = await t.prisma.outreachConference.create({
      data: { heldOn: new Date("2026-10-02T00:00:00Z"), communeCode: "00008", areaCode: "001", provinceCode: "01", title: "Hội nghị Ngọc Hà" },
    });
    await t.prisma.outreachConference.create({
      data: { heldOn: new Date("2020-10-02T00:00:00Z"), communeCode: "00008", areaCode: "001", provinceCode: "01", title: "Hội nghị cũ" },
    });
    const res = await importTemplate(t.prisma, badinh, "xlsx", vi, "2026-11-23");
    expect(res.headers.get("content-disposition")).toContain("filename*=UTF-8''Mau%20nhap%20nguoi%20tham%20gia.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Mẫu nhập", "Hướng dẫn", "Danh mục xã", "Danh mục đại lý", "Danh mục hội nghị"]);
    const head = (wb.worksheets[0].getRow(1).values as string[]).slice(1);
    expect(head.slice(0, 5)).toEqual(["Số CCCD", "Mã số BHXH", "Họ và tên", "Ngày sinh", "Giới tính"]);
    expect(head).toHaveLength(23);
    expect(head).toContain("Mã hội nghị tuyên truyền");
    expect(head.slice(-3)).toEqual(["Quốc tịch", "Dân tộc", "Thư điện tử"]); // the TK1-TS fields (issue 13)
    // the conferences of the last two years, with the code to type in the column
    expect(
      wb.worksheets[4]
        .getSheetValues()
        .slice(2)
        .map((r) => (r as string[]).slice(1)),
    ).toEqual([[String(held.id), "02/10/2026", "Hội nghị Ngọc Hà", "00008"]]);
    expect(wb.worksheets[0].getColumn(1).numFmt).toBe("@"); // ID numbers keep their leading zeros
    const communes = wb.worksheets[2]
      .getSheetValues()
      .slice(2)
      .map((r) => (r as string[])[1]);
    expect(communes).toEqual(["00004", "00008", "00025"]);
    const example = await rowsOf(await importTemplate(t.prisma, badinh, "xlsx", vi, "2026-11-23"), "t.xlsx");
    expect(example).toHaveLength(1);
    expect(example[0].values).toMatchObject({
      "Mã xã": "00004",
      "Giới tính": "Nữ",
      "Phương thức đóng": "12 tháng",
      "Ngày nộp tiền": "23/11/2026",
      "Quốc tịch": "Việt Nam",
      "Dân tộc": "Kinh",
    });
  });

  it("CSV: the same columns; importing the untouched template refuses its example row", async () => {
    const res = await importTemplate(t.prisma, badinh, "csv", vi);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.clone().arrayBuffer()); // keep the BOM
    expect(text.startsWith('\uFEFF"Số CCCD","Mã số BHXH","Họ và tên"')).toBe(true);
    const s = await previewImport(t.prisma, badinh, { name: "mau.csv", data: new Uint8Array(await res.arrayBuffer()) });
    expect(s).toMatchObject({ total: 1, valid: 0, rejected: 1 });
    expect(s.errors).toEqual([
      { line: 2, name: "Nguyễn Thị Mẫu", field: "personalId", column: "Số CCCD", message: "Đây là dòng ví dụ của tệp mẫu — hãy xóa dòng này" },
    ]);
  });
});

describe("upload → preview → confirm → report", () => {
  const good = [person(11, "00004"), person(12, "00008"), person(13, "00025")];
  const bad = [person(14, "00004", { sex: "?" }), person(15, "00004", { declaredIncome: "abc" })];
  const file = { name: "đợt 1.csv", data: csvOf([...good, ...bad]) };
  let jobId = "";

  it("stages the upload privately and streams the preview; the report lists the rejected rows with their cells and reasons", async () => {
    const events: StreamEvent[] = [];
    await stageAndPreview(t.prisma, badinh, file, (e) => events.push(e));
    const preview = events.find((e) => e.type === "preview");
    expect(preview?.type).toBe("preview");
    if (preview?.type !== "preview") return;
    jobId = preview.summary.jobId;
    expect(events[0]).toEqual({ type: "progress", phase: "validate", rows: 5 }); // progress reaches the browser before the preview
    expect(preview.summary).toMatchObject({ total: 5, valid: 3, rejected: 2, duplicates: 0, fileName: "đợt 1.csv" });
    // staged in the database (ADR 1801): the bytes as uploaded, owned by the uploader, the report beside them
    const staged = await t.prisma.importJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(staged).toMatchObject({
      userId: badinh.userId,
      fileName: "đợt 1.csv",
      size: file.data.byteLength,
      status: "previewed",
      preview: { total: 5, valid: 3, rejected: 2 },
    });
    expect(Buffer.from(staged.upload!).equals(Buffer.from(file.data))).toBe(true);
    expect(await t.prisma.importJobReport.count({ where: { jobId } })).toBe(1);
    expect(await t.prisma.enrollee.count()).toBe(0);

    const report = await rowsOf((await rejectedReport(t.prisma, badinh, jobId, "csv", vi))!, "r.csv");
    expect(report.map((r) => [r.values["Dòng"], r.values["Số CCCD"], r.values["Lý do bị loại"]])).toEqual([
      ["5", bad[0].personalId, 'Giới tính: Giá trị "?" không hợp lệ. Chọn một trong: Nam; Nữ'],
      ["6", bad[1].personalId, "Mức thu nhập tháng: Nhập mức thu nhập tháng bằng số đồng nguyên, ví dụ 1.500.000"],
    ]);
    // someone else (even in the same area) cannot see or confirm it
    expect(await rejectedReport(t.prisma, other, jobId, "csv", vi)).toBeNull();
    const stolen: StreamEvent[] = [];
    await expect(confirmStaged(t.prisma, other, jobId, vi, (e) => stolen.push(e))).rejects.toThrow(
      "Phiên nhập đã hết hạn hoặc không tồn tại. Hãy tải tệp lên lại.",
    );
  });

  it("an unreadable file is refused with a clear message and nothing of it is kept", async () => {
    const before = await t.prisma.importJob.count();
    const legacy = new Uint8Array([...new TextEncoder().encode("Số CCCD,Họ và tên\n001085012399,Nguy"), 0xea, 0x6e, 0x0a]); // "ê" in a legacy code page
    await expect(stageAndPreview(t.prisma, badinh, { name: "cu.csv", data: legacy }, () => undefined)).rejects.toThrow(/^Tệp không phải UTF-8/);
    expect(await t.prisma.importJob.count()).toBe(before);
  });

  it("confirm imports the valid rows from the staged file, deletes the upload and keeps the report; a second confirm is refused", async () => {
    const events: StreamEvent[] = [];
    await confirmStaged(t.prisma, badinh, jobId, vi, (e) => events.push(e));
    const done = events.find((e) => e.type === "done");
    expect(done?.type === "done" && done.result).toMatchObject({ created: 3, rejected: 2, duplicates: 0 });
    const ids = (await t.prisma.$queryRaw<{ personalId: string }[]>`SELECT "personalId" FROM "Enrollee" ORDER BY 1`).map((r) => r.personalId);
    expect(ids).toEqual(good.map((g) => g.personalId).sort());
    expect((await t.prisma.importJob.findUniqueOrThrow({ where: { id: jobId } })).upload, "the staged bytes are deleted").toBeNull();

    const xlsx = await rowsOf((await rejectedReport(t.prisma, badinh, jobId, "xlsx", vi))!, "r.xlsx");
    expect(xlsx.map((r) => r.line)).toEqual([2, 3]);
    expect(xlsx[0].values["Họ và tên"]).toBe(bad[0].fullName);
    // the report itself can be fixed and imported again: its extra columns are ignored
    const again = await previewImport(t.prisma, badinh, {
      name: "r.csv",
      data: new Uint8Array(await (await rejectedReport(t.prisma, badinh, jobId, "csv", vi))!.arrayBuffer()),
    });
    expect(again).toMatchObject({ total: 2, rejected: 2 });

    await expect(confirmStaged(t.prisma, badinh, jobId, vi, () => undefined)).rejects.toThrow("Tệp này đã được nhập rồi.");
    expect(await t.prisma.enrollee.count()).toBe(3);
  });
});

describe("rows with a warning (same name and date of birth in the province)", () => {
  it("are counted in the preview, imported on confirm, and listed in the report with the warning; the report re-imports as duplicates", async () => {
    const existing = person(31, "00004", { fullName: "Trịnh Văn Giống" }); // born 04/08/1991, male
    await runImport(t.prisma, badinh, { name: "first.csv", data: csvOf([existing]) });
    // someone else (another ID) with the same name typed without diacritics and the same date of birth
    const twin = person(32, "00008", {
      fullName: "Trinh Van Giong",
      dateOfBirth: "04/08/1991",
      sex: "Nam",
      personalId: makePersonalId("001", "1991-08-04", "MALE", 999_032),
    });
    const events: StreamEvent[] = [];
    await stageAndPreview(t.prisma, badinh, { name: "twin.csv", data: csvOf([twin, person(33, "00025")]) }, (e) => events.push(e));
    const preview = events.find((e) => e.type === "preview");
    if (preview?.type !== "preview") throw new Error("no preview");
    expect(preview.summary).toMatchObject({ total: 2, valid: 2, rejected: 0, warned: 1 });
    expect(preview.summary.warnings.map((w) => w.line)).toEqual([2]);
    const done: StreamEvent[] = [];
    await confirmStaged(t.prisma, badinh, preview.summary.jobId, vi, (e) => done.push(e));
    expect(done.find((e) => e.type === "done")).toMatchObject({ result: { created: 2, warned: 1 } });
    const report = await rowsOf((await rejectedReport(t.prisma, badinh, preview.summary.jobId, "csv", vi))!, "r.csv");
    expect(report.map((r) => [r.values["Dòng"], r.values["Số CCCD"], r.values["Lý do bị loại"], r.values["Cảnh báo"]])).toEqual([
      ["2", twin.personalId, "", expect.stringMatching(/^Họ và tên: Cảnh báo: trong tỉnh đã có 1 người cùng họ tên và ngày sinh/)],
    ]);
    const again = await previewImport(t.prisma, badinh, {
      name: "r.csv",
      data: new Uint8Array(await (await rejectedReport(t.prisma, badinh, preview.summary.jobId, "csv", vi))!.arrayBuffer()),
    });
    expect(again).toMatchObject({ total: 1, duplicates: 1, valid: 0, warned: 0 });
  });
});
