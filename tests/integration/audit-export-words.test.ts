// Issue 15 item 7: the audit log's CSV/XLSX export reads like the page — action names in words, the subject
// by name, local time, field labels and formatted values — in the user's language, not action codes,
// column names and JSON.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import { putTarget } from "../fixtures/targets";
import { writeAudit } from "@/lib/server/trust/audit";

vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined }),
  headers: async () => new Headers(),
}));

let t: TestDb;
let token: string;

beforeAll(async () => {
  t = await freshDb({ asProcessClient: true }); // the route handler uses the process's client
  const admin = await principalFor(t.prisma, "ADMIN", "01");
  const { issueApiToken } = await import("@/lib/server/auth/api-tokens");
  token = (await issueApiToken(t.prisma, admin, { userId: admin.userId, name: "Xuất nhật ký" })).token;
  const target = await putTarget(t.prisma, 2026, { unitCode: "001" }, 450);
  await writeAudit(t.prisma, admin, {
    action: "target.update",
    entity: "Target",
    entityId: target.id,
    unitCode: "001",
    before: { year: 2026, unitCode: "001", participants: 400, version: 1, locked: false },
    after: { year: 2026, unitCode: "001", participants: 4500, version: 2, locked: true, lockedAt: "2026-12-04T01:30:00.000Z" },
  });
}, 120_000);
afterAll(async () => {
  await t.close();
});

async function exportOf(format: "csv" | "xlsx", lang: "vi" | "en"): Promise<string[][]> {
  const route = await import("@/app/(app)/audit/export/route");
  const res = await route.GET(
    new NextRequest(`http://127.0.0.1/audit/export?format=${format}&action=target.&lang=${lang}`, { headers: { authorization: `Bearer ${token}` } }),
    { params: Promise.resolve({}) },
  );
  expect(res.status).toBe(200);
  const buf = await res.arrayBuffer();
  if (format === "csv") {
    return new TextDecoder()
      .decode(buf)
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n")
      .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"|([^,]+)/g)].map((m) => (m[1] ?? m[2]).replace(/""/g, '"')));
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
  return rows;
}

describe("the audit log's export", () => {
  it("in Vietnamese: action, subject, fields and values in words, local time", async () => {
    for (const format of ["csv", "xlsx"] as const) {
      const rows = await exportOf(format, "vi");
      const text = rows.map((r) => r.join(" | ")).join("\n");
      const header = rows.find((r) => r.includes("Thao tác"))!;
      expect(header).toEqual(expect.arrayContaining(["Thời gian (giờ Việt Nam)", "Thao tác", "Đối tượng", "Thay đổi", "Trước", "Sau"]));
      const row = rows[rows.indexOf(header) + 1];
      const col = (name: string) => row[header.indexOf(name)];
      expect(col("Thao tác")).toBe("Sửa chỉ tiêu");
      expect(col("Loại đối tượng")).toBe("Chỉ tiêu");
      expect(col("Đối tượng")).toMatch(/^Chỉ tiêu 2026 · .*Ba Đình/);
      expect(col("Thời gian (giờ Việt Nam)")).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
      expect(col("Thay đổi")).toContain("Chỉ tiêu (người): 400 → 4.500");
      expect(col("Thay đổi")).toContain("Đã khóa: Không → Có");
      expect(col("Thay đổi")).toContain("Thời điểm khóa: 04/12/2026 08:30");
      expect(col("Trước")).toContain("Chỉ tiêu (người): 400");
      expect(col("Sau")).toContain("Phiên bản: 2");
      // no action codes, column names or JSON
      expect(text).not.toMatch(/target\.update|participants|lockedAt|\{"/);
    }
  });

  it("in English for an English-speaking user", async () => {
    const rows = await exportOf("csv", "en");
    const header = rows.find((r) => r.includes("Action"))!;
    const row = rows[rows.indexOf(header) + 1];
    const col = (name: string) => row[header.indexOf(name)];
    expect(col("Action")).toBe("Changed a target");
    expect(col("Subject")).toMatch(/^Target 2026 · /);
    expect(col("Changes")).toContain("Target (people): 400 → 4,500");
    expect(col("Changes")).toContain("Locked: No → Yes");
  });
});
