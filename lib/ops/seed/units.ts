// The real hierarchy: 34 provinces and 3,321 communes (Decision 19/2025/QĐ-TTg), grouped into
// local-office areas by the pre-July-2025 district each commune came from.
import fs from "node:fs";
import path from "node:path";
import { toSearchForm } from "@/lib/domain/text";

type RawCommune = { code: string; name: string; fullName: string; nameEn: string; kind: string; formerDistrictCode: string; formerDistrictName: string };
type RawProvince = { code: string; name: string; fullName: string; nameEn: string; kind: string; communes: RawCommune[] };

export type UnitRow = {
  code: string;
  level: "NATION" | "PROVINCE" | "AREA" | "COMMUNE";
  parentCode: string | null;
  name: string;
  fullName: string;
  nameEn: string | null;
  searchName: string;
  kind: string | null;
  communeKind: "XA" | "PHUONG" | "DAC_KHU" | null;
  provinceCode: string | null;
  areaCode: string | null;
};

export const NATION_CODE = "VN";
export const UNITS_FILE = path.resolve(process.cwd(), "prisma", "data", "vn-admin-units-2026.json");

const COMMUNE_KIND: Record<string, UnitRow["communeKind"]> = { Xã: "XA", Phường: "PHUONG", "Đặc khu": "DAC_KHU" };
const AREA_KINDS = ["Thành phố", "Thị xã", "Quận", "Huyện"];

/** "Quận Ba Đình" → { kind: "Quận", name: "Ba Đình" } */
function splitKind(fullName: string): { kind: string | null; name: string } {
  const kind = AREA_KINDS.find((k) => fullName.startsWith(`${k} `));
  return kind ? { kind, name: fullName.slice(kind.length + 1) } : { kind: null, name: fullName };
}

export function loadUnitRows(file = UNITS_FILE): UnitRow[] {
  const data = JSON.parse(fs.readFileSync(file, "utf8")) as { provinces: RawProvince[] };
  const rows: UnitRow[] = [
    {
      code: NATION_CODE,
      level: "NATION",
      parentCode: null,
      name: "Việt Nam",
      fullName: "Toàn quốc",
      nameEn: "Viet Nam",
      searchName: "viet nam toan quoc",
      kind: null,
      communeKind: null,
      provinceCode: null,
      areaCode: null,
    },
  ];
  for (const p of data.provinces) {
    rows.push({
      code: p.code,
      level: "PROVINCE",
      parentCode: NATION_CODE,
      name: p.name,
      fullName: p.fullName,
      nameEn: p.nameEn,
      searchName: toSearchForm(p.fullName),
      kind: p.kind,
      communeKind: null,
      provinceCode: p.code,
      areaCode: null,
    });
    const areas = new Map<string, string>();
    for (const c of p.communes) areas.set(c.formerDistrictCode, c.formerDistrictName);
    for (const [code, fullName] of [...areas].sort()) {
      const { kind, name } = splitKind(fullName);
      rows.push({
        code,
        level: "AREA",
        parentCode: p.code,
        name,
        fullName,
        nameEn: null,
        searchName: toSearchForm(fullName),
        kind,
        communeKind: null,
        provinceCode: p.code,
        areaCode: code,
      });
    }
    for (const c of p.communes) {
      rows.push({
        code: c.code,
        level: "COMMUNE",
        parentCode: c.formerDistrictCode,
        name: c.name,
        fullName: c.fullName,
        nameEn: c.nameEn,
        searchName: toSearchForm(c.fullName),
        kind: c.kind,
        communeKind: COMMUNE_KIND[c.kind] ?? "XA",
        provinceCode: p.code,
        areaCode: c.formerDistrictCode,
      });
    }
  }
  return rows;
}
