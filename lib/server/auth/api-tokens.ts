// Bearer tokens for the JSON API v1. An admin (token.manage) issues a token to a user inside its own
// scope; the API then acts as that user, with that user's role and scope (lib/server/http/api.ts).
// Only a SHA-256 of the token is stored: the clear text is shown once, at issue, and never again.
import crypto from "node:crypto";
import { z } from "zod";
import type { PrismaClient } from "@/generated/prisma/client";
import { messages, type Locale } from "@/lib/i18n/messages";
import type { DbTx } from "../db/client";
import { AuthError, assertCan, scopeContains, scopeOfUnit, scopeWhere, type Principal } from "./authz";
import { writeAudit } from "../trust/audit";
import { hashToken } from "../http/api";
import { fieldIssue, validationError } from "../enrollment/errors";
import { inTransaction } from "../db/helpers";

type Db = PrismaClient | DbTx;

/** "bhxh_" + 32 random bytes, base64url: 256 bits, easy to spot in logs and secret scanners. */
export function newTokenText(): string {
  return `bhxh_${crypto.randomBytes(32).toString("base64url")}`;
}

export type ApiTokenRow = {
  id: number;
  name: string;
  userId: number;
  userLogin: string;
  userName: string;
  role: string;
  unitCode: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export type TokenUser = { id: number; login: string; name: string; role: string; unitCode: string; unitName: string };

/** Users the caller may issue tokens to: active users whose unit lies inside the caller's scope. */
export async function listTokenUsers(db: Db, p: Principal): Promise<TokenUser[]> {
  assertCan(p, "token.manage");
  const users = await db.user.findMany({
    where: { active: true, unit: scopeWhere(p.scope) },
    select: { id: true, login: true, name: true, role: true, unitCode: true, unit: { select: { fullName: true } } },
    orderBy: { login: "asc" },
    take: 2000,
  });
  return users.map((u) => ({ id: u.id, login: u.login, name: u.name, role: u.role, unitCode: u.unitCode, unitName: u.unit.fullName }));
}

/** Tokens of users inside the caller's scope, newest first. */
export async function listApiTokens(db: Db, p: Principal): Promise<ApiTokenRow[]> {
  assertCan(p, "token.manage");
  const rows = await db.apiToken.findMany({
    where: { user: { unit: scopeWhere(p.scope) } },
    include: { user: { select: { login: true, name: true, role: true, unitCode: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
  });
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    userId: t.userId,
    userLogin: t.user.login,
    userName: t.user.name,
    role: t.user.role,
    unitCode: t.user.unitCode,
    createdAt: t.createdAt,
    lastUsedAt: t.lastUsedAt,
    revokedAt: t.revokedAt,
  }));
}

export function tokenSchema(locale: Locale = "vi") {
  const m = messages[locale].admin.tokens;
  return z.object({
    userId: z.coerce.number({ error: m.userRequired }).int(m.userRequired).positive(m.userRequired),
    name: z
      .string({ error: m.nameRequired })
      .transform((s) => s.normalize("NFC").replace(/\s+/g, " ").trim())
      .pipe(z.string().min(2, m.nameRequired).max(100, m.nameRequired)),
  });
}

/**
 * Issues a token for a user inside the caller's scope. Returns the clear text ONCE; only its hash is kept.
 * A user outside the scope is reported as a field error, without saying whether it exists.
 */
export async function issueApiToken(db: Db, p: Principal, input: unknown): Promise<{ id: number; token: string; userLogin: string }> {
  assertCan(p, "token.manage");
  const v = tokenSchema(p.locale).parse(input);
  const m = messages[p.locale].admin.tokens;
  return inTransaction(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: v.userId }, include: { unit: true } });
    if (!user || !user.active || !scopeContains(p.scope, scopeOfUnit(user.unit))) throw validationError([fieldIssue("userId", m.userOutOfScope)]);
    const token = newTokenText();
    const row = await tx.apiToken.create({ data: { userId: user.id, name: v.name, tokenHash: hashToken(token) } });
    await writeAudit(tx, p, {
      action: "apiToken.create",
      entity: "ApiToken",
      entityId: row.id,
      unitCode: user.unitCode,
      after: { name: v.name, userId: user.id, userLogin: user.login },
    });
    return { id: row.id, token, userLogin: user.login };
  });
}

/** Revokes a token of a user inside the caller's scope (404 otherwise). Idempotent. */
export async function revokeApiToken(db: Db, p: Principal, id: number): Promise<void> {
  assertCan(p, "token.manage");
  await inTransaction(db, async (tx) => {
    const t = Number.isSafeInteger(id) ? await tx.apiToken.findUnique({ where: { id }, include: { user: { include: { unit: true } } } }) : null;
    if (!t || !scopeContains(p.scope, scopeOfUnit(t.user.unit))) throw new AuthError(404, "not found");
    if (t.revokedAt) return;
    const revokedAt = new Date();
    await tx.apiToken.update({ where: { id }, data: { revokedAt } });
    await writeAudit(tx, p, {
      action: "apiToken.revoke",
      entity: "ApiToken",
      entityId: id,
      unitCode: t.user.unitCode,
      before: { revokedAt: null },
      after: { revokedAt, name: t.name, userLogin: t.user.login },
    });
  });
}
