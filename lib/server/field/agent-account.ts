// The agent's side of field work (issue 11), for administrators on the agent's page: the collection
// account people pay by VietQR, and sign-ins for its collectors (lib/server/auth/users.ts createCollectorUser).
import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { collectionAccountSchema } from "@/lib/validation/field";
import { AuthError, assertCan, scopeWhere, type Principal } from "../auth/authz";
import { writeAudit } from "../trust/audit";

/** Sets (or clears: all three blank) the agent's collection account. Agents outside the scope: 404. */
export async function setCollectionAccount(db: PrismaClient, p: Principal, agentId: number, input: unknown) {
  assertCan(p, "agent.write");
  const v = collectionAccountSchema(p.locale).parse(input);
  return db.$transaction(async (tx) => {
    const a = Number.isSafeInteger(agentId)
      ? await tx.collectionAgent.findFirst({
          where: { id: agentId, ...scopeWhere(p.scope) },
          select: { id: true, areaCode: true, bankBin: true, bankAccountNo: true, bankAccountName: true },
        })
      : null;
    if (!a) throw new AuthError(404, "not found");
    await tx.collectionAgent.update({ where: { id: a.id }, data: v });
    await writeAudit(tx, p, {
      action: "agent.account",
      entity: "CollectionAgent",
      entityId: a.id,
      unitCode: a.areaCode,
      before: { bankBin: a.bankBin, bankAccountNo: a.bankAccountNo, bankAccountName: a.bankAccountName },
      after: v,
    });
    return v;
  });
}

/** The agent's collection account and which of its collectors have a sign-in (for the agent's page). */
export async function agentFieldInfo(db: PrismaClient, p: Principal, agentId: number) {
  assertCan(p, "unit.read");
  const a = await db.collectionAgent.findFirst({
    where: { id: agentId, ...scopeWhere(p.scope) },
    select: {
      bankBin: true,
      bankAccountNo: true,
      bankAccountName: true,
      collectors: { select: { id: true, users: { select: { login: true, active: true } } } },
    },
  });
  if (!a) throw new AuthError(404, "not found");
  return {
    account: { bankBin: a.bankBin ?? "", bankAccountNo: a.bankAccountNo ?? "", bankAccountName: a.bankAccountName ?? "" },
    logins: Object.fromEntries(a.collectors.map((c) => [c.id, c.users[0]?.login ?? null])) as Record<number, string | null>,
  };
}

/** Which of these agents have a collection account (so their people's QR codes exist). */
export async function agentsWithAccount(db: PrismaClient, agentIds: (number | null)[]): Promise<Set<number>> {
  const ids = [...new Set(agentIds.filter((a): a is number => a != null))];
  if (ids.length === 0) return new Set();
  const rows = await db.collectionAgent.findMany({
    where: { id: { in: ids }, bankBin: { not: null }, bankAccountNo: { not: null }, bankAccountName: { not: null } },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}
