// The one place that says who may do what, and where. Every page, server action and route
// handler calls a require…() from here, and every query takes scopeWhere(principal.scope),
// so no list or aggregate can include rows outside the caller's unit.
import type { Role } from "@/generated/prisma/enums";

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
  "paperwork.write", // receipt books (issue, void, close) and remittances of the agents in scope
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  ADMIN: ["unit.read", "enrollee.read", "target.write", "target.lock", "agent.write", "conference.write", "reference.write", "policy.write", "user.manage", "token.manage", "audit.read", "paperwork.write"],
  PROVINCE_OFFICER: ["unit.read", "enrollee.read"],
  DISTRICT_STAFF: ["unit.read", "enrollee.read", "enrollee.write", "conference.write", "paperwork.write"],
};

export type Scope =
  | { level: "NATION" }
  | { level: "PROVINCE"; provinceCode: string }
  | { level: "AREA"; provinceCode: string; areaCode: string };

export type Principal = {
  userId: number;
  login: string;
  name: string;
  role: Role;
  unitCode: string;
  scope: Scope;
  locale: "vi" | "en";
};

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
};

/** Prisma `where` fragment for any table with provinceCode / areaCode columns
 *  (Unit, Enrollee, Contribution, CollectionAgent, OutreachConference). */
export function scopeWhere(scope: Scope): { provinceCode?: string; areaCode?: string } {
  switch (scope.level) {
    case "NATION": return {};
    case "PROVINCE": return { provinceCode: scope.provinceCode };
    case "AREA": return { areaCode: scope.areaCode };
  }
}

type UnitLike = { code: string; level: string; provinceCode: string | null; areaCode: string | null };

/** Is this unit (or a row carrying its codes) inside the scope? */
export function unitInScope(scope: Scope, unit: UnitLike): boolean {
  switch (scope.level) {
    case "NATION": return true;
    case "PROVINCE": return unit.provinceCode === scope.provinceCode;
    case "AREA": return unit.areaCode === scope.areaCode;
  }
}

/** Is scope `inner` contained in (or equal to) scope `outer`? Used so nobody grants a wider scope than their own. */
export function scopeContains(outer: Scope, inner: Scope): boolean {
  if (outer.level === "NATION") return true;
  if (inner.level === "NATION") return false;
  if (outer.level === "PROVINCE") return inner.provinceCode === outer.provinceCode;
  return inner.level === "AREA" && inner.areaCode === outer.areaCode;
}

/** Is `inner` strictly below `outer` (an admin edits targets of units below its own)? */
export function scopeStrictlyContains(outer: Scope, inner: Scope): boolean {
  return scopeContains(outer, inner) && outer.level !== inner.level;
}

export function scopeOfUnit(unit: UnitLike): Scope {
  switch (unit.level) {
    case "NATION": return { level: "NATION" };
    case "PROVINCE": return { level: "PROVINCE", provinceCode: unit.code };
    case "AREA": return { level: "AREA", provinceCode: unit.provinceCode!, areaCode: unit.code };
    default: throw new Error(`a user cannot be bound to a ${unit.level}`);
  }
}

/** Thrown by require…(): pages turn it into notFound()/redirect, routes into 401/403 JSON. */
export class AuthError extends Error {
  constructor(public readonly status: 401 | 403 | 404, message = status === 401 ? "unauthenticated" : "forbidden") {
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
