// User accounts, managed by administrators inside their own scope.
//
// The rule that matters: nobody gives an account a wider scope than their own. An account's scope is
// its unit's (scopeOfUnit); the unit must suit the role (ROLE_LEVELS) and lie inside the admin's scope
// (scopeContains). So a province admin can create province/area accounts of its own province only —
// never a national admin, nor anyone in another province. Accounts outside the scope are "not found".
// Passwords are hashed (lib/server/auth/passwords.ts) and never logged; every change is audited.
import { z } from "zod";
import { fieldError } from "@/lib/validation/form";
import { isUniqueViolation } from "../db/helpers";
import crypto from "node:crypto";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import type { Role } from "@/generated/prisma/enums";
import { fill, messages, type Locale } from "@/lib/i18n/messages";
import { USER_ROLES, passwordProblem, passwordResetSchema, userActiveSchema, userCreateSchema, type UserFilter, type UserRole } from "@/lib/validation/user";
import type { DbTx } from "../db/client";
import { AuthError, ROLE_LEVELS, assertCan, scopeContains, scopeOfUnit, type Principal, userScopeWhere, scopeWhere, levelAtOrBelow } from "./authz";
import { writeAudit } from "../trust/audit";
import { hashPassword } from "./passwords";
import { clearLogin } from "./login-throttle";

export const USER_PAGE_SIZE = 50;

type Opts = { locale?: Locale };
const localeOf = (p: Principal, o?: Opts) => o?.locale ?? p.locale;
const textOf = (p: Principal, o?: Opts) => messages[localeOf(p, o)].admin;

const userSelect = {
  id: true,
  login: true,
  name: true,
  role: true,
  unitCode: true,
  active: true,
  createdAt: true,
  lastLoginAt: true,
  unit: { select: { code: true, level: true, fullName: true, provinceCode: true, areaCode: true } },
} as const;

export type UserRow = {
  id: number;
  login: string;
  name: string;
  role: Role;
  unitCode: string;
  unitName: string;
  unitLevel: string;
  active: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
};

type Selected = Prisma.UserGetPayload<{ select: typeof userSelect }>;
const toRow = (u: Selected): UserRow => ({
  id: u.id,
  login: u.login,
  name: u.name,
  role: u.role,
  unitCode: u.unitCode,
  unitName: u.unit.fullName,
  unitLevel: u.unit.level,
  active: u.active,
  createdAt: u.createdAt,
  lastLoginAt: u.lastLoginAt,
});

/** A page of the accounts in the caller's scope. */
export async function listUsers(db: DbTx, p: Principal, f: UserFilter): Promise<{ rows: UserRow[]; total: number; page: number; pageSize: number }> {
  assertCan(p, "user.manage");
  const page = f.page ?? 1;
  const and: Prisma.UserWhereInput[] = [userScopeWhere(p.scope)];
  if (f.role) and.push({ role: f.role });
  if (f.state) and.push({ active: f.state === "active" });
  if (f.q) and.push({ OR: [{ login: { contains: f.q.toLowerCase() } }, { name: { contains: f.q, mode: "insensitive" } }] });
  const where = { AND: and };
  const [total, users] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({ where, select: userSelect, orderBy: { login: "asc" }, skip: (page - 1) * USER_PAGE_SIZE, take: USER_PAGE_SIZE }),
  ]);
  return { rows: users.map(toRow), total, page, pageSize: USER_PAGE_SIZE };
}

async function scopedUser(db: DbTx, p: Principal, id: number): Promise<Selected> {
  const u = await db.user.findUnique({ where: { id }, select: userSelect });
  if (!u || !scopeContains(p.scope, scopeOfUnit(u.unit))) throw new AuthError(404, "not found");
  return u;
}

/** One account in the caller's scope, or AuthError(404). */
export async function getUser(db: DbTx, p: Principal, id: number): Promise<UserRow> {
  assertCan(p, "user.manage");
  return toRow(await scopedUser(db, p, id));
}

export type AssignableUnit = { code: string; level: "NATION" | "PROVINCE" | "AREA"; fullName: string; provinceCode: string | null };

/** The units an account created by `p` may be bound to: the nation, provinces and areas inside p's scope. */
export async function assignableUnits(db: DbTx, p: Principal): Promise<AssignableUnit[]> {
  assertCan(p, "user.manage");
  const units = await db.unit.findMany({
    where: { ...scopeWhere(p.scope), level: { in: ["NATION", "PROVINCE", "AREA"] } },
    select: { code: true, level: true, fullName: true, provinceCode: true },
    orderBy: [{ provinceCode: "asc" }, { level: "asc" }, { code: "asc" }],
  });
  return units as AssignableUnit[];
}

/** Which roles `p` may hand out at all (their own role's permissions are the ceiling only through the scope rule). */
export function assignableRoles(p: Principal): UserRole[] {
  // collector logins are made from their agent's collectors panel (createCollectorUser), not here
  return USER_ROLES.filter((r) => ROLE_LEVELS[r].some((level) => levelAtOrBelow(p.scope, level)));
}

const ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/** A random password that meets the rules (14 characters, no look-alike characters). */
export function generatePassword(login: string): string {
  for (;;) {
    let s = "";
    for (let i = 0; i < 14; i++) s += ALPHABET[crypto.randomInt(ALPHABET.length)];
    if (passwordProblem(s, login) === null) return s;
  }
}

/** Creates an account inside the caller's scope. Returns the generated password once (never stored in clear). */
export async function createUser(db: PrismaClient, p: Principal, input: unknown, o?: Opts): Promise<{ id: number; login: string; password: string | null }> {
  assertCan(p, "user.manage");
  const text = textOf(p, o);
  const v = userCreateSchema(text.v).parse(input);
  const unit = await db.unit.findUnique({ where: { code: v.unitCode }, select: { code: true, level: true, provinceCode: true, areaCode: true } });
  if (!unit) throw fieldError("unitCode", text.users.err.unitUnknown);
  const levels = ROLE_LEVELS[v.role];
  if (!(levels as readonly string[]).includes(unit.level)) {
    const names = messages[localeOf(p, o)].levels;
    throw fieldError("unitCode", fill(text.users.err.roleLevel, { levels: levels.map((l) => names[l]).join(", ") }));
  }
  if (!scopeContains(p.scope, scopeOfUnit(unit))) throw fieldError("unitCode", text.users.err.unitOutOfScope);
  const password = v.passwordMode === "generate" ? generatePassword(v.login) : v.password;
  const passwordHash = await hashPassword(password);
  try {
    const user = await db.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { login: v.login }, select: { id: true } })) throw fieldError("login", text.users.err.loginTaken);
      const u = await tx.user.create({ data: { login: v.login, name: v.name, role: v.role, unitCode: unit.code, passwordHash } });
      await writeAudit(tx, p, {
        action: "user.create",
        entity: "User",
        entityId: u.id,
        unitCode: unit.code,
        after: { login: u.login, name: u.name, role: u.role, unitCode: u.unitCode, active: u.active, passwordGenerated: v.passwordMode === "generate" },
      });
      return u;
    });
    return { id: user.id, login: user.login, password: v.passwordMode === "generate" ? password : null };
  } catch (e) {
    if (isUniqueViolation(e)) throw fieldError("login", text.users.err.loginTaken);
    throw e;
  }
}

/**
 * A sign-in for one collector of an agent in the caller's scope (issue 11): role COLLECTOR, bound to the
 * agent's area and to the collector. One login per collector. Returns the generated password once.
 */
export async function createCollectorUser(
  db: PrismaClient,
  p: Principal,
  collectorId: number,
  input: unknown,
  o?: Opts,
): Promise<{ id: number; login: string; password: string; agentId: number }> {
  assertCan(p, "user.manage");
  assertCan(p, "agent.write");
  const text = textOf(p, o);
  const c = Number.isSafeInteger(collectorId)
    ? await db.collector.findFirst({
        where: { id: collectorId, agent: scopeWhere(p.scope) },
        include: { agent: { select: { areaCode: true } }, users: { select: { id: true } } },
      })
    : null;
  if (!c) throw new AuthError(404, "not found");
  const v = z.object({ login: userCreateSchema(text.v).shape.login }).parse(input);
  if (c.users.length > 0) throw fieldError("login", text.users.err.loginTaken);
  const password = generatePassword(v.login);
  const passwordHash = await hashPassword(password);
  try {
    const user = await db.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { login: v.login }, select: { id: true } })) throw fieldError("login", text.users.err.loginTaken);
      const u = await tx.user.create({
        data: { login: v.login, name: c.name, role: "COLLECTOR", unitCode: c.agent.areaCode, collectorId: c.id, passwordHash },
      });
      await writeAudit(tx, p, {
        action: "user.create",
        entity: "User",
        entityId: u.id,
        unitCode: u.unitCode,
        after: { login: u.login, name: u.name, role: u.role, unitCode: u.unitCode, collectorId: c.id, agentId: c.agentId, passwordGenerated: true },
      });
      return u;
    });
    return { id: user.id, login: user.login, password, agentId: c.agentId };
  } catch (e) {
    if (isUniqueViolation(e)) throw fieldError("login", text.users.err.loginTaken);
    throw e;
  }
}

/** Deactivates or reactivates an account in the caller's scope (not one's own). */
export async function setUserActive(db: PrismaClient, p: Principal, input: unknown, o?: Opts): Promise<UserRow> {
  assertCan(p, "user.manage");
  const v = userActiveSchema.parse(input);
  if (v.id === p.userId && !v.active) throw fieldError("active", textOf(p, o).users.err.self);
  return db.$transaction(async (tx) => {
    const u = await scopedUser(tx, p, v.id);
    if (u.active === v.active) return toRow(u);
    const updated = await tx.user.update({ where: { id: u.id }, data: { active: v.active }, select: userSelect });
    await writeAudit(tx, p, {
      action: v.active ? "user.reactivate" : "user.deactivate",
      entity: "User",
      entityId: u.id,
      unitCode: u.unitCode,
      before: { login: u.login, active: u.active },
      after: { login: u.login, active: v.active },
    });
    return toRow(updated);
  });
}

/** Sets a new password (generated and returned once, or chosen by the admin) and clears the sign-in lock. */
export async function resetPassword(db: PrismaClient, p: Principal, input: unknown, o?: Opts): Promise<{ password: string | null }> {
  assertCan(p, "user.manage");
  const text = textOf(p, o);
  const v = passwordResetSchema(text.v).parse(input);
  const u = await scopedUser(db, p, v.id);
  if (v.passwordMode === "choose") {
    const problem = passwordProblem(v.password, u.login, text.v);
    if (problem) throw fieldError("password", problem);
  }
  const password = v.passwordMode === "generate" ? generatePassword(u.login) : v.password;
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await scopedUser(tx, p, v.id);
    await tx.user.update({ where: { id: u.id }, data: { passwordHash } });
    await clearLogin(tx, u.login);
    await writeAudit(tx, p, {
      action: "user.password_reset",
      entity: "User",
      entityId: u.id,
      unitCode: u.unitCode,
      after: { login: u.login, passwordGenerated: v.passwordMode === "generate" },
    });
  });
  return { password: v.passwordMode === "generate" ? password : null };
}

/** The caller's own interface language, saved so another device and the API speak it too (lib/server/http/locale.ts). */
export async function saveOwnLocale(db: DbTx, p: Principal, locale: Locale): Promise<void> {
  await db.user.update({ where: { id: p.userId }, data: { locale } });
}
