// Issue 14: records from before the 1 July 2025 reform carry old commune codes. Their former district
// is the area; today's commune is the area's commune of the same name when exactly one exists;
// otherwise the row is refused with the area's communes as candidates. The old code is kept.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import { H, person, type RowSpec } from "../fixtures/import";
import { runImport } from "@/lib/server/imports/imports";
import { getEnrollee, registerEnrollee } from "@/lib/server/enrollment/enrollees";
import { communeNameKey, resolveOldCommune } from "@/lib/domain/admin-reform";
import type { Principal } from "@/lib/server/auth/authz";

let t: TestDb;
let badinh: Principal;
beforeAll(async () => {
  t = await freshDb();
  badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
});
afterAll(async () => {
  await t.close();
});

/** A CSV with the template's columns and "Mã xã cũ". */
function csv(rows: (RowSpec & { old?: string })[]): { name: string; data: Uint8Array } {
  const keys = Object.keys(H) as (keyof typeof H)[];
  const q = (s: string) => (/[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [[...keys.map((k) => H[k]), "Mã xã cũ"].join(","), ...rows.map((r) => [...keys.map((k) => q(r[k] ?? "")), r.old ?? ""].join(","))];
  return { name: "old-codes.csv", data: new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`) };
}

describe("old commune codes (before 1 July 2025)", () => {
  it("name matching within the former district: exact after normalising kind, case and tone placement; never a guess", () => {
    expect(communeNameKey("Phường Thu Thuỷ")).toBe(communeNameKey("Thu Thủy"));
    expect(communeNameKey("Xã Hưng Hoà")).toBe(communeNameKey("hưng hòa"));
    const area = [
      { code: "1", name: "An Bình", fullName: "Xã An Bình" },
      { code: "2", name: "An Hòa", fullName: "Xã An Hòa" },
    ];
    expect(resolveOldCommune({ code: "9", fullName: "Xã An Hoà", districtCode: "x", districtName: "Huyện X" }, area)).toEqual({ ok: true, communeCode: "2" });
    expect(resolveOldCommune({ code: "9", fullName: "Xã An Phú", districtCode: "x", districtName: "Huyện X" }, area)).toEqual({
      ok: false,
      reason: "NOT_UNIQUE",
      candidates: area,
    });
    expect(resolveOldCommune(undefined, area)).toEqual({ ok: false, reason: "UNKNOWN" });
  });

  it("an import lands in the right area and commune and keeps the old code; an unresolvable row is refused with its candidates", async () => {
    const rows = [
      { ...person(1401, ""), enrolledOn: "15/03/2024", old: "00016" }, // Phường Ngọc Hà (Quận Ba Đình) → 00008 Ngọc Hà
      { ...person(1402, ""), enrolledOn: "20/09/2023", old: "31" }, // Phường Giảng Võ, a numeric cell without its zeros → 00025
      { ...person(1403, ""), old: "00001" }, // Phường Phúc Xá: no commune of that name in the area today
      { ...person(1404, ""), old: "00181" }, // Văn Miếu (Đống Đa): outside Ba Đình's scope, reads as unknown
      { ...person(1405, "00004"), old: "00016" }, // with today's code too: it lies in the former district → kept as given
      { ...person(1406, "00190"), old: "00016" }, // today's code outside the former district → refused
    ];
    const r = await runImport(t.prisma, badinh, csv(rows));
    expect(r.created).toBe(3);
    const made = await t.prisma.enrollee.findMany({
      where: { fullName: { contains: "Nhập" } },
      select: { fullName: true, provinceCode: true, areaCode: true, communeCode: true, oldCommuneCode: true },
      orderBy: { id: "asc" },
    });
    expect(made.map((e) => [e.provinceCode, e.areaCode, e.communeCode, e.oldCommuneCode])).toEqual([
      ["01", "001", "00008", "00016"],
      ["01", "001", "00025", "00031"],
      ["01", "001", "00004", "00016"],
    ]);
    const byLine = new Map<number, string[]>();
    for (const e of r.errors) byLine.set(e.line, [...(byLine.get(e.line) ?? []), `${e.field}: ${e.message}`]);
    const phucXa = byLine.get(4)!.join(" | ");
    expect(phucXa).toContain("oldCommuneCode");
    expect(phucXa).toContain("Phường Phúc Xá");
    expect(phucXa).toContain("00004 Phường Ba Đình; 00008 Phường Ngọc Hà; 00025 Phường Giảng Võ");
    expect(phucXa).toContain("mã xã hiện nay");
    expect(byLine.get(4)).toHaveLength(1); // one clear message, not a second one about the empty commune
    expect(byLine.get(5)!.join()).toContain("00181 không có trong danh mục");
    expect(byLine.get(7)!.join()).toContain("00190 không thuộc khu vực Quận Ba Đình");
  });

  it("the API accepts an old code the same way, and the person's page shows it", async () => {
    const base = person(1407, "");
    const input = {
      personalId: base.personalId,
      fullName: base.fullName,
      dateOfBirth: base.dateOfBirth!.split("/").reverse().join("-"),
      sex: base.personalId!.charAt(3) === "1" ? "FEMALE" : "MALE",
      occupation: "FARMER",
      subsidyGroup: "OTHER",
      declaredIncome: 1_500_000,
      paymentPeriod: "ANNUAL",
      enrolledOn: "2024-05-02",
      oldCommuneCode: "00031",
    };
    const r = await registerEnrollee(t.prisma, badinh, input);
    expect(r.enrollee.communeCode).toBe("00025");
    const e = await getEnrollee(t.prisma, badinh, r.enrollee.id);
    expect(e.oldCommune).toEqual({ code: "00031", name: "Phường Giảng Võ, Quận Ba Đình" });
    await expect(registerEnrollee(t.prisma, badinh, { ...input, personalId: person(1408, "").personalId, oldCommuneCode: "00001" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["oldCommuneCode"], message: expect.stringContaining("00008 Phường Ngọc Hà") })],
    });
  });
});
