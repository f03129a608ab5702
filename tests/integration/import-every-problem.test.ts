// The import reports every problem of a row at once, with the person's name next to the line number,
// and lists (not only counts) the rows skipped because the person is already registered in the caller's
// own area — in the preview, the run's answer and the API's; an XLSX number in a date column is read as
// an Excel date serial even without a date format (issue 15).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { NextRequest } from "next/server";
import { freshDb, type TestDb } from "./db";
import { createAgent, createEnrollee, principalFor } from "../fixtures/factories";
import { csvOf, H, person } from "../fixtures/import";
import { makePersonalId } from "@/lib/domain/personal-id";
import { previewImport, runImport, type RejectedRow } from "@/lib/server/imports/imports";
import { excelSerialToIso } from "@/lib/server/files/spreadsheet";
import type { Principal } from "@/lib/server/auth/authz";

let t: TestDb;
let badinh: Principal, admin: Principal;
let dongdaCommune: string;
let existing: { id: number; personalId: string; fullName: string };
let agentCode: string;
const BD = ["00004", "00008"];

beforeAll(async () => {
  t = await freshDb({ asProcessClient: true });
  badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  admin = await principalFor(t.prisma, "ADMIN", "01");
  dongdaCommune = (await t.prisma.unit.findFirstOrThrow({ where: { areaCode: "006", level: "COMMUNE" }, orderBy: { code: "asc" } })).code;
  existing = await createEnrollee(t.prisma, BD[0], { fullName: "Lê Thị Đã Có", dateOfBirth: "1980-06-15", sex: "FEMALE" });
  agentCode = (await createAgent(t.prisma, BD[0])).code;
});
afterAll(async () => {
  await t?.close();
});

const byLine = (errors: { line: number; field: string }[], line: number) => [...new Set(errors.filter((e) => e.line === line).map((e) => e.field))].sort();

describe("every problem of a row at once", () => {
  it("a wrong CCCD and an out-of-area commune are both reported, with the name next to the line", async () => {
    const rows = [
      person(701, BD[0], { personalId: "00118501234", communeCode: dongdaCommune }), // wrong length + another area
      person(702, BD[0], { personalId: "001185012345x", communeCode: dongdaCommune, occupation: "Phi hành gia" }), // three problems
      person(703, dongdaCommune, { agentCode: "KHONG-CO" }), // parsed, but another area and an unknown agent
      person(704, BD[0], { method: "Tiền mặt", receiptNo: "BL-1", paidOn: "15/08/2025", agentCode: "" }), // a payment without an agent
      person(705, BD[0]),
    ];
    const s = await previewImport(t.prisma, badinh, { name: "nhieu-loi.csv", data: csvOf(rows) });
    expect(s).toMatchObject({ total: 5, valid: 1, rejected: 4 });
    expect(byLine(s.errors, 2)).toEqual(["communeCode", "personalId"]);
    expect(byLine(s.errors, 3)).toEqual(["communeCode", "occupation", "personalId"]);
    expect(byLine(s.errors, 4)).toEqual(["agentCode", "communeCode"]);
    expect(byLine(s.errors, 5)).toEqual(["agentCode"]);
    for (const e of s.errors) expect(e.name).toBe(rows[e.line - 2].fullName);
    expect(s.errors.find((e) => e.line === 2 && e.field === "communeCode")!.message).toBe("Xã/phường không thuộc khu vực bạn quản lý");
  });
});

describe("rows skipped as already registered in the caller's area", () => {
  const rows = () => [
    person(801, BD[0]),
    { ...person(802, BD[0]), personalId: existing.personalId, fullName: existing.fullName, dateOfBirth: "15/06/1980", sex: "Nữ" },
    person(803, BD[1]),
  ];

  it("are listed with line, name and the existing record in the preview and the run, and reported", async () => {
    const skippedReport: RejectedRow[] = [];
    const s = await previewImport(t.prisma, badinh, { name: "lap.csv", data: csvOf(rows()) }, { onSkipped: (r) => void skippedReport.push(r) });
    expect(s).toMatchObject({ total: 3, valid: 2, duplicates: 1, rejected: 0 });
    expect(s.skipped).toEqual([{ line: 3, name: existing.fullName, personalId: existing.personalId, existingId: existing.id }]);
    expect(skippedReport.map((r) => [r.line, r.skippedAs])).toEqual([[3, existing.id]]);
    const r = await runImport(t.prisma, badinh, { name: "lap.csv", data: csvOf(rows()) });
    expect(r).toMatchObject({ created: 2, duplicates: 1 });
    expect(r.skipped.map((x) => x.existingId)).toEqual([existing.id]);
    // importing the same file again: every row is listed as skipped, each with its own record
    const again = await previewImport(t.prisma, badinh, { name: "lap.csv", data: csvOf(rows()) });
    expect(again.skipped.map((x) => x.line)).toEqual([2, 3, 4]);
    expect(new Set(again.skipped.map((x) => x.existingId)).size).toBe(3);
  });

  it("the API's answer lists them (line, name, existingId, href) and names every problem's row", async () => {
    const { issueApiToken } = await import("@/lib/server/auth/api-tokens");
    const token = (await issueApiToken(t.prisma, admin, { userId: badinh.userId, name: "Nhập thử" })).token;
    const { POST } = await import("@/app/api/v1/imports/route");
    const file = csvOf([
      person(901, BD[0]),
      { ...person(902, BD[0]), personalId: existing.personalId },
      person(903, BD[0], { communeCode: dongdaCommune, personalId: "123" }),
    ]);
    const fd = new FormData();
    fd.append("file", new Blob([file as BlobPart]), "api.csv");
    const res = await POST(
      new NextRequest("http://127.0.0.1/api/v1/imports?dryRun=true", { method: "POST", headers: { authorization: `Bearer ${token}` }, body: fd }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.skipped).toEqual([{ line: 3, name: person(902, BD[0]).fullName, existingId: existing.id, href: `/api/v1/enrollees/${existing.id}` }]);
    expect(
      body.errors
        .filter((e: { line: number }) => e.line === 4)
        .map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(["communeCode", "personalId"]);
    expect(body.errors[0].name).toBe(person(903, BD[0]).fullName);
  });
});

describe("XLSX date serials", () => {
  it("reads a number in a date column as an Excel date, whatever the cell's format", async () => {
    expect(excelSerialToIso("31107")).toBe("1985-03-01");
    expect(excelSerialToIso("45884")).toBe("2025-08-15");
    expect(excelSerialToIso("45884.5")).toBe("2025-08-15");
    expect(excelSerialToIso("15/08/2025")).toBeNull();
    expect(excelSerialToIso("12")).toBeNull();

    const serial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
    const keys = Object.keys(H) as (keyof typeof H)[];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Mẫu nhập");
    ws.addRow(keys.map((k) => H[k]));
    const dob = "1985-03-05";
    const p = person(1001, BD[0], { personalId: makePersonalId("001", dob, "MALE", 1001), sex: "Nam" });
    // plain numbers, no date format: what a date typed into a "General" or "Number" column holds
    ws.addRow(
      keys.map((k) =>
        k === "dateOfBirth"
          ? serial(dob)
          : k === "enrolledOn"
            ? serial("2025-08-15")
            : k === "paidOn"
              ? serial("2025-08-15")
              : k === "method"
                ? "Tiền mặt"
                : k === "receiptNo"
                  ? "SER-1"
                  : k === "agentCode"
                    ? agentCode
                    : (p[k] ?? ""),
      ),
    );
    const data = new Uint8Array(await wb.xlsx.writeBuffer());
    const s = await previewImport(t.prisma, badinh, { name: "so.xlsx", data });
    expect(s.errors).toEqual([]);
    expect(s).toMatchObject({ total: 1, valid: 1, withPayments: 1 });
    const r = await runImport(t.prisma, badinh, { name: "so.xlsx", data });
    expect(r.created).toBe(1);
    const [e] = await t.prisma.$queryRaw<
      { dob: string; on: string }[]
    >`SELECT "dateOfBirth"::text AS dob, "enrolledOn"::text AS on FROM "Enrollee" WHERE "personalId" = ${p.personalId}`;
    expect(e).toEqual({ dob, on: "2025-08-15" });
  });
});
