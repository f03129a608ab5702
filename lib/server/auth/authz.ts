// The one place that says who may do what, and where. Every page, server action and route
// handler calls a require…() from here, and every query takes scopeWhere(principal.scope) (or its SQL
// twin scopeCondition), so no list or aggregate can include rows outside the caller's unit. Every rule
// that looks at a scope's level lives in this file: tests/unit/scope-one-place.test.ts fails when a
// file outside lib/server/auth inspects `scope.level`.
import { Prisma } from "@/generated/prisma/client";
import type { Role } from "@/generated/prisma/enums";
import type { Locale } from "@/lib/i18n/locale";

export const PERMISSIONS = [
  "unit.read", // hierarchy, dashboards, targets, agents, conferences of the scope
  "enrollee.read",
  "enrollee.write", // register, edit, import enrollees; record contributions
  "target.write", // set and allocate targets below one's own unit
  "target.lock",
  "agent.write", // collection agents and their collectors
  "conference.write",
  "reference.write", // labour force, provincial top-ups
  "policy.write", // national policy parameters and milestones
  "user.manage",
  "token.manage",
  "audit.read",
  "field.work", // COLLECTOR: its agent's people — worklist, contact log, renewals, registration, receipts
  "paperwork.write", // receipt books (issue, void, close) and remittances of the agents in scope
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  ADMIN: [
    "unit.read",
    "enrollee.read",
    "target.write",
    "target.lock",
    "agent.write",
    "conference.write",
    "reference.write",
    "policy.write",
    "user.manage",
    "token.manage",
    "audit.read",
    "paperwork.write",
  ],
  PROVINCE_OFFICER: ["unit.read", "enrollee.read"],
  DISTRICT_STAFF: ["unit.read", "enrollee.read", "enrollee.write", "conference.write", "paperwork.write"],
  // nothing of the desk's permissions: a collector reaches its people only through the field functions,
  // which narrow every query with collectorEnrolleeWhere() (see "Collectors" below)
  COLLECTOR: ["field.work"],
};

export type Scope = { level: "NATION" } | { level: "PROVINCE"; provinceCode: string } | { level: "AREA"; provinceCode: string; areaCode: string };

export type Principal = {
  userId: number;
  login: string;
  name: string;
  role: Role;
  unitCode: string;
  scope: Scope;
  locale: Locale;
  /** COLLECTOR only: the collector this login is, its agent and the communes the agent serves.
   *  The scope is then the agent's area (a second fence: every scopeWhere() still applies). */
  collector?: CollectorBinding;
};

export type CollectorBinding = { collectorId: number; agentId: number; communeCodes: string[] };

export function can(p: Pick<Principal, "role" | "scope">, permission: Permission): boolean {
  if (!ROLE_PERMISSIONS[p.role].includes(permission)) return false;
  // national regulation values are set nationally
  if (permission === "policy.write") return p.scope.level === "NATION";
  return true;
}

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

/** Which unit levels a role may be bound to. */
export const ROLE_LEVELS: Record<Role, readonly Scope["level"][]> = {
  ADMIN: ["NATION", "PROVINCE"],
  PROVINCE_OFFICER: ["PROVINCE"],
  DISTRICT_STAFF: ["AREA"],
  COLLECTOR: ["AREA"], // the area of its agent; created from the agent's collectors panel
};

/** Prisma `where` fragment for any table with provinceCode / areaCode columns
 *  (Unit, Enrollee, Contribution, CollectionAgent, OutreachConference). */
export function scopeWhere(scope: Scope): { provinceCode?: string; areaCode?: string } {
  switch (scope.level) {
    case "NATION":
      return {};
    case "PROVINCE":
      return { provinceCode: scope.provinceCode };
    case "AREA":
      return { areaCode: scope.areaCode };
  }
}

type UnitLike = { code: string; level: string; provinceCode: string | null; areaCode: string | null };

/** Is this unit (or a row carrying its codes) inside the scope? */
export function unitInScope(scope: Scope, unit: UnitLike): boolean {
  switch (scope.level) {
    case "NATION":
      return true;
    case "PROVINCE":
      return unit.provinceCode === scope.provinceCode;
    case "AREA":
      return unit.areaCode === scope.areaCode;
  }
}

/** Is scope `inner` contained in (or equal to) scope `outer`? Used so nobody grants a wider scope than their own. */
export function scopeContains(outer: Scope, inner: Scope): boolean {
  if (outer.level === "NATION") return true;
  if (inner.level === "NATION") return false;
  if (outer.level === "PROVINCE") return inner.provinceCode === outer.provinceCode;
  return inner.level === "AREA" && inner.areaCode === outer.areaCode;
}

/** Depth of a level in the hierarchy: the nation 0 … a commune 3. */
export const LEVEL_DEPTH = { NATION: 0, PROVINCE: 1, AREA: 2, COMMUNE: 3 } as const;
type Level = keyof typeof LEVEL_DEPTH;
const depthOf = (level: string) => LEVEL_DEPTH[level as Level] ?? Number.POSITIVE_INFINITY;

/** Does the scope cover the whole nation? */
export function isNational(scope: Scope): boolean {
  return scope.level === "NATION";
}

/** The caller's own province; null for a nation-wide caller. */
export function ownProvince(scope: Scope): string | null {
  return scope.level === "NATION" ? null : scope.provinceCode;
}

/** The caller's own area; null for a province- or nation-wide caller. */
export function ownArea(scope: Scope): string | null {
  return scope.level === "AREA" ? scope.areaCode : null;
}

/**
 * The province a new record (agent, conference, enrollee, policy lookup) belongs to: the caller's own,
 * or for a nation-wide caller the one it asked for (a two-digit code; null until chosen). Whatever is
 * chosen is still checked against the scope where the record is written.
 */
export function provinceFor(scope: Scope, requested?: string | null): string | null {
  if (scope.level !== "NATION") return scope.provinceCode;
  return requested && /^\d{2}$/.test(requested) ? requested : null;
}

/** Prisma where: rows of the caller's own province (all rows nationally) — for tables that only carry a provinceCode. */
export function provinceWhere(scope: Scope): { provinceCode?: string } {
  return scope.level === "NATION" ? {} : { provinceCode: scope.provinceCode };
}

/** Prisma where on Unit: the provinces the caller may pick (all of them nationally, else its own). */
export function provincesWhere(scope: Scope): { level: "PROVINCE"; code?: string } {
  return { level: "PROVINCE", ...(scope.level === "NATION" ? {} : { code: scope.provinceCode }) };
}

/** Is this province inside the scope (the nation's, or one's own province)? An area's scope holds no whole province. */
export function provinceInScope(scope: Scope, provinceCode: string): boolean {
  return unitInScope(scope, { code: provinceCode, level: "PROVINCE", provinceCode, areaCode: null });
}

/** Is a unit of this level at or below the scope's own level (e.g. a level a user may be bound to)? */
export function levelAtOrBelow(scope: Scope, level: string): boolean {
  return depthOf(level) >= LEVEL_DEPTH[scope.level];
}

/** Is a unit of this level strictly below the scope's own (an admin sets targets of units below its own)?
 *  The nation has nothing above it: its own figure is set by the nation's admins. */
export function levelBelow(scope: Scope, level: string): boolean {
  if (level === "NATION") return scope.level === "NATION";
  return depthOf(level) > LEVEL_DEPTH[scope.level];
}

/** Prisma where on User: the accounts whose unit lies in the scope. */
export function userScopeWhere(scope: Scope): { unit?: { provinceCode?: string; areaCode?: string } } {
  return scope.level === "NATION" ? {} : { unit: scopeWhere(scope) };
}

// ------------------------------------------------------------------ the same rules in SQL

/** A unit named by level and code (the dashboards' unit, an audit filter's unit). */
export type UnitRef = { level: string; code: string };

const column = (alias: string, name: string) => Prisma.raw(`${alias ? `${alias}.` : ""}"${name}"`);

/** SQL condition restricting a table with provinceCode/areaCode/communeCode columns to a unit's subtree. */
export function unitCondition(unit: UnitRef, alias = ""): Prisma.Sql {
  switch (unit.level) {
    case "NATION":
      return Prisma.sql`TRUE`;
    case "PROVINCE":
      return Prisma.sql`${column(alias, "provinceCode")} = ${unit.code}`;
    case "AREA":
      return Prisma.sql`${column(alias, "areaCode")} = ${unit.code}`;
    case "COMMUNE":
      return Prisma.sql`${column(alias, "communeCode")} = ${unit.code}`;
    default:
      throw new Error(`unknown level ${unit.level}`);
  }
}

/** scopeWhere in SQL: rows of the caller's scope. */
export function scopeCondition(scope: Scope, alias = ""): Prisma.Sql {
  switch (scope.level) {
    case "NATION":
      return unitCondition({ level: "NATION", code: "VN" }, alias);
    case "PROVINCE":
      return unitCondition({ level: "PROVINCE", code: scope.provinceCode }, alias);
    case "AREA":
      return unitCondition({ level: "AREA", code: scope.areaCode }, alias);
  }
}

/** SQL condition for tables that name a unit by code only (the audit log's "unitCode"): the unit lies in `unit`'s subtree. */
export function unitCodeInUnitCondition(unit: UnitRef, col: Prisma.Sql): Prisma.Sql {
  switch (unit.level) {
    case "NATION":
      return Prisma.sql`TRUE`;
    case "PROVINCE":
      return Prisma.sql`${col} IN (SELECT u.code FROM "Unit" u WHERE u."provinceCode" = ${unit.code})`;
    case "AREA":
      return Prisma.sql`${col} IN (SELECT u.code FROM "Unit" u WHERE u."areaCode" = ${unit.code})`;
    case "COMMUNE":
      return Prisma.sql`${col} = ${unit.code}`;
    default:
      throw new Error(`unknown level ${unit.level}`);
  }
}

/** The same for the caller's scope (rows whose unitCode lies in the scope; all rows nationally). */
export function unitCodeInScopeCondition(scope: Scope, col: Prisma.Sql): Prisma.Sql {
  switch (scope.level) {
    case "NATION":
      return Prisma.sql`TRUE`;
    case "PROVINCE":
      return unitCodeInUnitCondition({ level: "PROVINCE", code: scope.provinceCode }, col);
    case "AREA":
      return unitCodeInUnitCondition({ level: "AREA", code: scope.areaCode }, col);
  }
}

export function scopeOfUnit(unit: UnitLike): Scope {
  switch (unit.level) {
    case "NATION":
      return { level: "NATION" };
    case "PROVINCE":
      return { level: "PROVINCE", provinceCode: unit.code };
    case "AREA":
      return { level: "AREA", provinceCode: unit.provinceCode!, areaCode: unit.code };
    default:
      throw new Error(`a user cannot be bound to a ${unit.level}`);
  }
}

/** Thrown by require…(): pages turn it into notFound()/redirect, routes into 401/403 JSON. */
export class AuthError extends Error {
  constructor(
    public readonly status: 401 | 403 | 404,
    message = status === 401 ? "unauthenticated" : "forbidden",
  ) {
    super(message);
  }
}

export function assertCan(p: Principal, permission: Permission): void {
  if (!can(p, permission)) throw new AuthError(403);
}

/** Out-of-scope rows are reported as missing, so ids outside one's unit reveal nothing. */
export function assertInScope(p: Principal, unit: UnitLike | null | undefined): asserts unit is UnitLike {
  if (!unit || !unitInScope(p.scope, unit)) throw new AuthError(404, "not found");
}

// ───────────────────────────────────────── Collectors (issue 11)
// A COLLECTOR sees the people its agent serves: enrollees of that agent living in one of the agent's
// communes. Desk users with "enrollee.read"/"enrollee.write" see their unit as before; the field
// functions take either (fieldWhere) so one query serves both.

/** Prisma `where` for Enrollee (and ContactLog/Contribution by their agentId/communeCode) of a collector. */
export function collectorEnrolleeWhere(c: CollectorBinding): { agentId: number; communeCode: { in: string[] } } {
  return { agentId: c.agentId, communeCode: { in: c.communeCodes } };
}

/** The enrollees a caller of the field pages may see: a collector's people, or the desk scope. */
export function fieldEnrolleeWhere(p: Principal): Record<string, unknown> {
  if (p.role === "COLLECTOR") {
    if (!p.collector) throw new AuthError(403);
    return { ...scopeWhere(p.scope), ...collectorEnrolleeWhere(p.collector) };
  }
  return scopeWhere(p.scope);
}

/** Field pages: collectors, and desk roles that read enrollees (the worklist per agent, commune, area). */
export function assertFieldRead(p: Principal): void {
  if (p.role === "COLLECTOR") {
    if (!p.collector) throw new AuthError(403);
    return;
  }
  assertCan(p, "enrollee.read");
}

/** Field writes (log a contact, record a renewal, register): collectors, and desk roles that write enrollees. */
export function assertFieldWrite(p: Principal): void {
  if (p.role === "COLLECTOR") {
    if (!p.collector) throw new AuthError(403);
    return;
  }
  assertCan(p, "enrollee.write");
}

/** Is this enrollee (its agent and commune) one of the caller's people? Out of reach → 404. */
export function assertEnrolleeReachable(
  p: Principal,
  e: { agentId: number | null; communeCode: string; provinceCode: string; areaCode: string } | null | undefined,
): asserts e is { agentId: number | null; communeCode: string; provinceCode: string; areaCode: string } {
  if (!e || !unitInScope(p.scope, { code: e.communeCode, level: "COMMUNE", provinceCode: e.provinceCode, areaCode: e.areaCode })) {
    throw new AuthError(404, "not found");
  }
  if (p.role === "COLLECTOR" && (!p.collector || e.agentId !== p.collector.agentId || !p.collector.communeCodes.includes(e.communeCode))) {
    throw new AuthError(404, "not found");
  }
}

/** The same check without throwing: is this enrollee one of the caller's people (a duplicate-ID answer may name it)? */
export function enrolleeVisibleTo(p: Principal, e: { agentId: number | null; communeCode: string; provinceCode: string; areaCode: string }): boolean {
  try {
    assertEnrolleeReachable(p, e);
    return true;
  } catch (err) {
    if (err instanceof AuthError) return false;
    throw err;
  }
}

/** May the caller place a person in this commune (register, move)? Its scope's communes; for a collector,
 *  only the communes its agent serves (the server's rule: the form merely lists the same ones). */
export function communeOpenTo(p: Principal, commune: UnitLike): boolean {
  if (commune.level !== "COMMUNE" || !unitInScope(p.scope, commune)) return false;
  if (p.role === "COLLECTOR") return !!p.collector && p.collector.communeCodes.includes(commune.code);
  return true;
}

/** fieldEnrolleeWhere in SQL, on an "Enrollee" alias: the scope and, for a collector, its agent's people. */
export function fieldEnrolleeCondition(p: Principal, alias = ""): Prisma.Sql {
  const scoped = scopeCondition(p.scope, alias);
  if (p.role !== "COLLECTOR") return scoped;
  if (!p.collector) throw new AuthError(403);
  const communes = p.collector.communeCodes.length ? p.collector.communeCodes : ["-"];
  return Prisma.sql`(${scoped} AND ${column(alias, "agentId")} = ${p.collector.agentId} AND ${column(alias, "communeCode")} IN (${Prisma.join(communes)}))`;
}
