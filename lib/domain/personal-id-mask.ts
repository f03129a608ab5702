// Who sees a whole personal ID number (CCCD) — in lists, detail pages, exports and API responses alike
// (issue 17 item 4; ADR 0704). Local-office staff enroll people and
// check the number against the card, so they see it in full; provincial officers and admins
// only follow figures, so lists show them the last 4 digits — enough to tell people apart.
// Unknown roles get the masked form (deny by default).

// Collectors register their agent's people and check the card too (issue 11), so they see it in full.
export type ViewerRole = "ADMIN" | "PROVINCE_OFFICER" | "DISTRICT_STAFF" | "COLLECTOR";

const SEES_FULL_ID: ReadonlySet<string> = new Set<ViewerRole>(["DISTRICT_STAFF", "COLLECTOR"]);

/** Does this role see whole ID numbers in lists? */
export function seesFullPersonalId(role: string): boolean {
  return SEES_FULL_ID.has(role);
}

/** "001085012345" → "********2345" for roles that do not need the whole number; unchanged for enrolling staff. */
export function maskPersonalId(id: string | null | undefined, role: string): string {
  if (!id) return "";
  if (seesFullPersonalId(role)) return id;
  if (id.length <= 4) return "*".repeat(id.length);
  return "*".repeat(id.length - 4) + id.slice(-4);
}

/** A copy of a JSON value (an audit entry's before/after) with every `personalId` field masked for `role`. */
export function maskPersonalIdsIn<T>(value: T, role: string): T {
  if (seesFullPersonalId(role) || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => maskPersonalIdsIn(v, role)) as T;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      k === "personalId" && typeof v === "string" ? maskPersonalId(v, role) : maskPersonalIdsIn(v, role),
    ]),
  ) as T;
}
