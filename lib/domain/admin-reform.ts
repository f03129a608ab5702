// The 1 July 2025 administrative reform (Resolution 202/2025/QH15, Decision 19/2025/QĐ-TTg): 63
// provinces became 34, districts were abolished and 10,035 communes became 3,321. The app works
// under today's units only; its AREA level is the former district (the same codes), so records
// under the old codes map exactly at area and province level. An old commune maps to a new one only
// by an exact name within its former district (resolveOldCommune); never by guess.

/** The first day under the new units. */
export const REFORM_DATE = "2025-07-01";

/** A commune of the 2024 list: its full name ("Xã Tân Lập") and former district code. */
export type OldCommune = { code: string; fullName: string; districtCode: string; districtName: string };
/** A commune of today's list in an area. */
export type NewCommune = { code: string; name: string; fullName: string };

const PREFIX = /^(xã|phường|thị trấn|đặc khu)\s+/u;
// the old and the new placement of the tone mark on oa, oe, uy: one form for comparing
const TONES: [RegExp, string][] = [
  [/oà/g, "òa"],
  [/oá/g, "óa"],
  [/oả/g, "ỏa"],
  [/oã/g, "õa"],
  [/oạ/g, "ọa"],
  [/oè/g, "òe"],
  [/oé/g, "óe"],
  [/oẻ/g, "ỏe"],
  [/oẽ/g, "õe"],
  [/oẹ/g, "ọe"],
  [/uỳ/g, "ùy"],
  [/uý/g, "úy"],
  [/uỷ/g, "ủy"],
  [/uỹ/g, "ũy"],
  [/uỵ/g, "ụy"],
];

/** A commune's name for comparing across the lists: NFC, lower case, without the kind, one tone placement, single spaces. */
export function communeNameKey(name: string): string {
  let s = name.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim().replace(PREFIX, "");
  for (const [re, to] of TONES) s = s.replace(re, to);
  return s.replace(/[’']/g, "'");
}

export type OldCommuneResolution =
  { ok: true; communeCode: string } | { ok: false; reason: "UNKNOWN" } | { ok: false; reason: "NOT_UNIQUE"; candidates: NewCommune[] };

/**
 * Today's commune for an old commune code: its former district is the area; the commune of that area
 * with the same name when exactly one exists. Otherwise NOT_UNIQUE with the area's communes as
 * candidates (the caller asks for today's code). `areaCommunes` are today's communes of the old
 * commune's former district (the area of the same code).
 */
export function resolveOldCommune(old: OldCommune | undefined, areaCommunes: NewCommune[]): OldCommuneResolution {
  if (!old) return { ok: false, reason: "UNKNOWN" };
  const key = communeNameKey(old.fullName);
  const same = areaCommunes.filter((c) => communeNameKey(c.name) === key);
  if (same.length === 1) return { ok: true, communeCode: same[0].code };
  const candidates = (same.length > 1 ? same : areaCommunes).slice().sort((a, b) => a.code.localeCompare(b.code));
  return { ok: false, reason: "NOT_UNIQUE", candidates };
}
