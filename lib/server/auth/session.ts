import "server-only";
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { cache } from "react";
import { z } from "zod";
import { db } from "../db/index";
import type { PrismaClient } from "@/generated/prisma/client";
import { verifyPasswordOrDummy } from "./passwords";
import { recordFailure, recordSuccess, throttledUntil } from "./login-throttle";
import { writeAudit } from "../trust/audit";
import { AuthError, scopeOfUnit, type Principal } from "./authz";
import { env } from "../env";
import { safeCallbackPath } from "@/lib/domain/safe-redirect";
import { clientIp, loginIpLimiter } from "../http/rate-limit";

const credentials = z.object({ login: z.string().trim().toLowerCase().min(1).max(64), password: z.string().min(1).max(200) });

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60; // one working day

/** Codes the sign-in page turns into messages in the user's language. */
export const LOGIN_ERRORS = { invalid: "INVALID_CREDENTIALS", locked: "LOCKED" } as const;

export const authOptions: NextAuthOptions = {
  secret: env().NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  useSecureCookies: env().NEXTAUTH_URL.startsWith("https://"),
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { login: { type: "text" }, password: { type: "password" } },
      async authorize(raw, req) {
        // per-IP limit on failed sign-ins (password spraying across many logins), shared by every instance
        const address = clientIp(req?.headers ?? {});
        const ip = `ip:${address}`;
        const prisma = db();
        const ipLimit = await loginIpLimiter().check(prisma, ip);
        if (!ipLimit.ok) throw new Error(`${LOGIN_ERRORS.locked}:${new Date(ipLimit.resetAt).toISOString()}`);
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) throw new Error(LOGIN_ERRORS.invalid);
        const { login, password } = parsed.data;
        // this address's delay for this login (other addresses, the owner's included, are not slowed)
        const until = await throttledUntil(prisma, login, address);
        if (until) throw new Error(`${LOGIN_ERRORS.locked}:${until.toISOString()}`);
        const user = await prisma.user.findUnique({ where: { login } });
        // one bcrypt comparison whether or not the login exists (a dummy hash), so timing reveals nothing
        const passwordOk = await verifyPasswordOrDummy(password, user?.passwordHash);
        if (!user || !user.active || !passwordOk) {
          await loginIpLimiter().hit(prisma, ip);
          const wait = await recordFailure(prisma, login, address);
          await writeAudit(prisma, null, { action: "auth.login_failed", entity: "User", entityId: user?.id, unitCode: user?.unitCode, after: { login } });
          if (wait) throw new Error(`${LOGIN_ERRORS.locked}:${wait.toISOString()}`);
          throw new Error(LOGIN_ERRORS.invalid);
        }
        await recordSuccess(prisma, login, address);
        await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
        await writeAudit(prisma, { userId: user.id, login: user.login }, { action: "auth.login", entity: "User", entityId: user.id, unitCode: user.unitCode });
        return { id: String(user.id), name: user.name, sv: user.sessionVersion } as { id: string; name: string };
      },
    }),
  ],
  callbacks: {
    // next-auth's own redirects (sign-in, sign-out): only to this app (lib/domain/safe-redirect.ts)
    redirect({ url, baseUrl }) {
      return new URL(safeCallbackPath(url, baseUrl), baseUrl).toString();
    },
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = (user as { sv?: number }).sv; // the user's session version when signing in
      }
      return token;
    },
    session({ session, token }) {
      (session as SessionClaims).uid = token.uid as number;
      (session as SessionClaims).sv = token.sv as number;
      return session;
    },
  },
  events: {
    // signing out ends every session of the user, on every device (a replayed cookie is refused)
    async signOut({ token }) {
      const uid = Number((token as { uid?: unknown } | null)?.uid);
      if (Number.isSafeInteger(uid)) await endSessions(db(), uid);
    },
  },
};

/** What the session cookie says: the user and the session version it was issued with. */
export type SessionClaims = { uid?: number; sv?: number };

/** Ends every existing session of a user (the version in their cookies no longer matches). */
export async function endSessions(prisma: { user: { updateMany: PrismaClient["user"]["updateMany"] } }, userId: number): Promise<void> {
  await prisma.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/** The principal of a session cookie's claims: the user must be active and the session version current. */
export async function principalFromSession(s: SessionClaims | null | undefined): Promise<Principal | null> {
  if (!s?.uid) return null;
  // a cookie issued before session versions existed counts as version 0: valid until the first event
  return principalFromUserId(s.uid, typeof s.sv === "number" ? s.sv : 0);
}

/**
 * Loads the signed-in user afresh on each request, so a deactivated account stops at once. Every
 * request pays for it, so it is one statement (user and unit joined): Prisma's findUnique with
 * `include: { unit }` sends two, one after the other (docs/benchmarks.md, "where the time goes").
 */
export async function principalFromUserId(userId: number, sessionVersion?: number): Promise<Principal | null> {
  if (!Number.isSafeInteger(userId)) return null;
  const [user] = await db().$queryRaw<
    {
      id: number;
      login: string;
      name: string;
      role: Principal["role"];
      unitCode: string;
      active: boolean;
      locale: string;
      level: string;
      provinceCode: string | null;
      areaCode: string | null;
      sessionVersion: number;
      collectorId: number | null;
      agentId: number | null;
      communeCodes: string[] | null;
    }[]
  >`
    SELECT u."id", u."login", u."name", u."role"::text AS "role", u."unitCode", u."active", u."locale", u."sessionVersion",
           n."level"::text AS "level", n."provinceCode", n."areaCode",
           c."id" AS "collectorId", c."agentId",
           (SELECT array_agg(ac."communeCode" ORDER BY ac."communeCode") FROM "AgentCommune" ac WHERE ac."agentId" = c."agentId") AS "communeCodes"
    FROM "User" u JOIN "Unit" n ON n."code" = u."unitCode"
    LEFT JOIN "Collector" c ON c."id" = u."collectorId" AND c."active"
    WHERE u."id" = ${userId}`;
  if (!user || !user.active) return null;
  // a session cookie is valid only for the version it was issued with (sign-out, password, role, unit,
  // deactivation bump it); bearer tokens pass no version
  if (sessionVersion !== undefined && user.sessionVersion !== sessionVersion) return null;
  // a collector login whose collector was deactivated (or unbound) signs in to nothing
  if (user.role === "COLLECTOR" && user.collectorId == null) return null;
  return {
    userId: user.id,
    login: user.login,
    name: user.name,
    role: user.role,
    unitCode: user.unitCode,
    scope: scopeOfUnit({ code: user.unitCode, level: user.level, provinceCode: user.provinceCode, areaCode: user.areaCode }),
    locale: user.locale === "en" ? "en" : "vi",
    ...(user.role === "COLLECTOR"
      ? { collector: { collectorId: Number(user.collectorId), agentId: Number(user.agentId), communeCodes: user.communeCodes ?? [] } }
      : {}),
  };
}

/** The caller of this request (session cookie), or null. Cached per request. */
export const currentPrincipal = cache(async (): Promise<Principal | null> => {
  return principalFromSession((await getServerSession(authOptions)) as SessionClaims | null);
});

/** For server actions: the caller or an AuthError(401). */
export async function requirePrincipal(): Promise<Principal> {
  const p = await currentPrincipal();
  if (!p) throw new AuthError(401);
  return p;
}
