// Vietnam's 54 ethnic groups (dân tộc), with the codes of the General Statistics Office's list
// "Danh mục các dân tộc Việt Nam" (Decision 1019/QĐ-TCTK of 12/11/2008, which revised the 1979 list of
// Decision 121-TCTK/PPCĐ; ordered by population). TK1-TS field [05] takes one of these names.
// Source and how to check it: docs/features/paperwork.md ("Reference: the 54 ethnic groups").
import { toSearchForm } from "./text";

export type Ethnicity = { code: string; name: string; /** other spellings people write */ aliases?: string[] };

export const ETHNICITIES: readonly Ethnicity[] = [
  { code: "01", name: "Kinh", aliases: ["Việt", "Kinh (Việt)"] },
  { code: "02", name: "Tày" },
  { code: "03", name: "Thái" },
  { code: "04", name: "Mường" },
  { code: "05", name: "Khơ-me", aliases: ["Khmer", "Khơ me"] },
  { code: "06", name: "Hoa", aliases: ["Hán"] },
  { code: "07", name: "Nùng" },
  { code: "08", name: "Mông", aliases: ["H'Mông", "HMông", "Hmông", "Mèo"] },
  { code: "09", name: "Dao" },
  { code: "10", name: "Gia-rai", aliases: ["Jrai", "Giarai"] },
  { code: "11", name: "Ê-đê", aliases: ["Ede", "Rhade"] },
  { code: "12", name: "Ba-na", aliases: ["Bahnar"] },
  { code: "13", name: "Sán Chay", aliases: ["Cao Lan", "Sán Chỉ"] },
  { code: "14", name: "Chăm", aliases: ["Chàm"] },
  { code: "15", name: "Cơ-ho", aliases: ["K'Ho"] },
  { code: "16", name: "Xơ-đăng", aliases: ["Sedang"] },
  { code: "17", name: "Sán Dìu" },
  { code: "18", name: "Hrê" },
  { code: "19", name: "Ra-glai", aliases: ["Raglai", "Ra-giai"] },
  { code: "20", name: "Mnông", aliases: ["M'Nông"] },
  { code: "21", name: "Thổ" },
  { code: "22", name: "Xtiêng", aliases: ["Stiêng"] },
  { code: "23", name: "Khơ-mú", aliases: ["Khơ mú", "Khmu"] },
  { code: "24", name: "Bru-Vân Kiều", aliases: ["Bru", "Vân Kiều"] },
  { code: "25", name: "Cơ-tu", aliases: ["Cờ-tu", "Katu"] },
  { code: "26", name: "Giáy" },
  { code: "27", name: "Tà-ôi", aliases: ["Pa Cô"] },
  { code: "28", name: "Mạ" },
  { code: "29", name: "Giẻ-Triêng", aliases: ["Gié-Triêng"] },
  { code: "30", name: "Co" },
  { code: "31", name: "Chơ-ro", aliases: ["Chơ Ro"] },
  { code: "32", name: "Xinh-mun" },
  { code: "33", name: "Hà Nhì" },
  { code: "34", name: "Chu-ru", aliases: ["Chu Ru"] },
  { code: "35", name: "Lào" },
  { code: "36", name: "Kháng" },
  { code: "37", name: "La Chí" },
  { code: "38", name: "Phù Lá" },
  { code: "39", name: "La Hủ" },
  { code: "40", name: "La Ha" },
  { code: "41", name: "Pà Thẻn" },
  { code: "42", name: "Lự" },
  { code: "43", name: "Ngái" },
  { code: "44", name: "Chứt" },
  { code: "45", name: "Lô Lô" },
  { code: "46", name: "Mảng" },
  { code: "47", name: "Cơ Lao", aliases: ["Cờ Lao"] },
  { code: "48", name: "Bố Y" },
  { code: "49", name: "Cống" },
  { code: "50", name: "Si La" },
  { code: "51", name: "Pu Péo" },
  { code: "52", name: "Rơ-măm" },
  { code: "53", name: "Brâu" },
  { code: "54", name: "Ơ-đu", aliases: ["Ơ Đu"] },
];

/** The nationality a person has unless told otherwise (TK1-TS [04]). */
export const DEFAULT_NATIONALITY = "Việt Nam";

const BY_KEY = new Map<string, Ethnicity>();
for (const e of ETHNICITIES) {
  for (const s of [e.name, e.code, String(Number(e.code)), ...(e.aliases ?? [])]) BY_KEY.set(toSearchForm(s), e);
}

/** The group a text names ("Kinh", "kinh", "khmer", "05", "dân tộc Tày"), or null. Diacritics, case and hyphens do not matter. */
export function findEthnicity(text: string): Ethnicity | null {
  const k = toSearchForm(text).replace(/^dan toc /, "");
  return BY_KEY.get(k) ?? null;
}
