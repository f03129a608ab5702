// Old (pre-1 July 2025) commune codes in imports and the API (issue 14): resolved to today's
// commune by lib/domain/admin-reform.ts against the 2024 list kept in
// prisma/data/vn-admin-units-2024-communes.json. Only communes inside the caller's scope can result.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { resolveOldCommune, type NewCommune, type OldCommune } from "@/lib/domain/admin-reform";
import { fill, messages, type Locale } from "@/lib/i18n/messages";
import type { DbTx } from "../db/client";
import { scopeWhere, type Principal } from "../auth/authz";

export const OLD_UNITS_FILE = path.resolve(process.cwd(), "prisma", "data", "vn-admin-units-2024-communes.json");

type OldFile = { districts: Record<string, [string, string]>; communes: Record<string, [string, string]> };
let file: OldFile | null = null;

/** An old commune of the 2024 list by code (5 digits; shorter numbers are padded). */
export function oldCommune(code: string): OldCommune | undefined {
  file ??= JSON.parse(fs.readFileSync(OLD_UNITS_FILE, "utf8")) as OldFile;
  const c = file.communes[/^\d{1,5}$/.test(code) ? code.padStart(5, "0") : code];
  if (!c) return undefined;
  const d = file.districts[c[1]];
  return { code: code.padStart(5, "0"), fullName: c[0], districtCode: c[1], districtName: d?.[0] ?? c[1] };
}

export type OldCodeResult = { communeCode: string; oldCommuneCode: string } | { message: string };

/**
 * Resolves old codes for one caller: loads the caller's communes once, then answers per row.
 * `given` is today's code when the row has one too: it must lie in the old commune's former district.
 */
export async function oldCommuneResolver(db: DbTx, p: Principal, locale: Locale) {
  const communes = await db.unit.findMany({
    where: { level: "COMMUNE", ...scopeWhere(p.scope) },
    select: { code: true, name: true, fullName: true, areaCode: true },
  });
  const byArea = new Map<string, NewCommune[]>();
  for (const c of communes) {
    const list = byArea.get(c.areaCode!) ?? [];
    list.push({ code: c.code, name: c.name, fullName: c.fullName });
    byArea.set(c.areaCode!, list);
  }
  const m = messages[locale].map;
  return (raw: string, given?: string): OldCodeResult => {
    const code = raw.trim().slice(0, 20); // quoted in messages: never a long text
    const old = oldCommune(code);
    if (!old) return { message: fill(m.oldCodeUnknown, { code }) };
    const inArea = byArea.get(old.districtCode);
    // an old commune outside the caller's scope reads as unknown: nothing leaks
    if (!inArea) return { message: fill(m.oldCodeUnknown, { code }) };
    if (given) {
      return inArea.some((c) => c.code === given)
        ? { communeCode: given, oldCommuneCode: old.code }
        : { message: fill(m.oldCodeMismatch, { code: old.code, given, district: old.districtName }) };
    }
    const r = resolveOldCommune(old, inArea);
    if (r.ok) return { communeCode: r.communeCode, oldCommuneCode: old.code };
    if (r.reason === "UNKNOWN") return { message: fill(m.oldCodeUnknown, { code }) };
    return {
      message: fill(m.oldCodeNotUnique, {
        code: old.code,
        name: old.fullName,
        district: old.districtName,
        candidates: r.candidates.map((c) => `${c.code} ${c.fullName}`).join("; "),
      }),
    };
  };
}
