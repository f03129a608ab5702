// Remittances (nộp tiền): what an agent transferred to the social insurance office, and per agent the
// balance collected − remitted, with the money held longer than the province's number of days flagged.
// "Collected" is what participants paid the agent (Contribution.net, column 9 of the D05-TS) on or
// before the day; remittances pay off the oldest collections first (lib/domain/remittance.ts).
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { agentBalance, type Balance } from "@/lib/domain/remittance";
import { fromIsoDate, toIsoDate, type IsoDate } from "@/lib/domain/dates";
import { remittanceSchema } from "@/lib/validation/paperwork";
import type { DbTx } from "../db/client";
import { AuthError, assertCan, assertInScope, scopeWhere, type Principal } from "../auth/authz";
import { writeAudit } from "../trust/audit";
import { inTransaction } from "../db/helpers";
import { DEFAULT_SETTINGS } from "./receipt-books";

async function agentInScope(db: DbTx, p: Principal, agentId: number) {
  const a = Number.isSafeInteger(agentId)
    ? await db.collectionAgent.findUnique({ where: { id: agentId }, select: { id: true, code: true, name: true, provinceCode: true, areaCode: true } })
    : null;
  if (!a) throw new AuthError(404, "not found");
  assertInScope(p, { code: a.code, level: "AGENT", provinceCode: a.provinceCode, areaCode: a.areaCode });
  return a;
}

/** Balances of agents (already known to be in the caller's scope) on a day: one grouped query for all. */
export async function agentBalances(
  db: DbTx,
  agents: { id: number; provinceCode: string }[],
  today: IsoDate,
): Promise<Map<number, Balance & { maxDays: number }>> {
  if (agents.length === 0) return new Map();
  const ids = agents.map((a) => a.id);
  const d = fromIsoDate(today);
  const [collected, remitted, settings] = await Promise.all([
    db.$queryRaw<{ agentId: number; day: Date; amount: bigint }[]>`
      SELECT "agentId", "paidOn" AS day, sum(net) AS amount FROM "Contribution"
      WHERE "agentId" IN (${Prisma.join(ids)}) AND "paidOn" <= ${d} GROUP BY 1, 2`,
    db.remittance.groupBy({ by: ["agentId"], where: { agentId: { in: ids }, remittedOn: { lte: d } }, _sum: { amount: true } }),
    db.paperworkSetting.findMany({ where: { provinceCode: { in: [...new Set(agents.map((a) => a.provinceCode))] } } }),
  ]);
  const days = new Map(settings.map((s) => [s.provinceCode, s.remittanceDays]));
  const byAgent = new Map<number, { day: string; amount: number }[]>();
  for (const c of collected) byAgent.set(Number(c.agentId), [...(byAgent.get(Number(c.agentId)) ?? []), { day: toIsoDate(c.day), amount: Number(c.amount) }]);
  const paid = new Map(remitted.map((r) => [r.agentId, r._sum.amount ?? 0]));
  return new Map(
    agents.map((a) => {
      const maxDays = days.get(a.provinceCode) ?? DEFAULT_SETTINGS.remittanceDays;
      return [a.id, { ...agentBalance(byAgent.get(a.id) ?? [], paid.get(a.id) ?? 0, today, maxDays), maxDays }];
    }),
  );
}

export type RemittanceRow = {
  id: number;
  remittedOn: IsoDate;
  amount: number;
  bankReference: string;
  periodFrom: IsoDate;
  periodTo: IsoDate;
  note: string | null;
  createdAt: Date;
};

/** An agent's remittances (newest first) and its balance today. */
export async function listRemittances(db: DbTx, p: Principal, agentId: number, today: IsoDate) {
  assertCan(p, "unit.read");
  const a = await agentInScope(db, p, agentId);
  const [rows, balances] = await Promise.all([
    db.remittance.findMany({ where: { agentId: a.id }, orderBy: [{ remittedOn: "desc" }, { id: "desc" }] }),
    agentBalances(db, [a], today),
  ]);
  return {
    agent: { id: a.id, code: a.code, name: a.name },
    balance: balances.get(a.id)!,
    remittances: rows.map((r): RemittanceRow => ({
      id: r.id,
      remittedOn: toIsoDate(r.remittedOn),
      amount: r.amount,
      bankReference: r.bankReference,
      periodFrom: toIsoDate(r.periodFrom),
      periodTo: toIsoDate(r.periodTo),
      note: r.note,
      createdAt: r.createdAt,
    })),
  };
}

/** Records a remittance (remittanceSchema) of an agent in the caller's scope; audited. */
export async function recordRemittance(db: PrismaClient | DbTx, p: Principal, input: unknown): Promise<RemittanceRow> {
  assertCan(p, "paperwork.write");
  const v = remittanceSchema.parse(input);
  return inTransaction(db, async (tx) => {
    const a = await agentInScope(tx, p, v.agentId);
    const r = await tx.remittance.create({
      data: {
        agentId: a.id,
        provinceCode: a.provinceCode,
        areaCode: a.areaCode,
        remittedOn: fromIsoDate(v.remittedOn),
        amount: v.amount,
        bankReference: v.bankReference,
        periodFrom: fromIsoDate(v.periodFrom),
        periodTo: fromIsoDate(v.periodTo),
        note: v.note ?? null,
        recordedById: p.userId,
      },
    });
    const row: RemittanceRow = {
      id: r.id,
      remittedOn: v.remittedOn,
      amount: r.amount,
      bankReference: r.bankReference,
      periodFrom: v.periodFrom,
      periodTo: v.periodTo,
      note: r.note,
      createdAt: r.createdAt,
    };
    await writeAudit(tx, p, { action: "remittance.create", entity: "Remittance", entityId: r.id, unitCode: a.areaCode, after: { ...row, agentId: a.id } });
    return row;
  });
}

/** Agents of the caller's scope holding money longer than their province allows (for the agents page and the dashboard). */
export async function agentsHoldingMoney(db: DbTx, p: Principal, today: IsoDate, agentIds?: number[]) {
  assertCan(p, "unit.read");
  const agents = await db.collectionAgent.findMany({
    where: { ...scopeWhere(p.scope), ...(agentIds ? { id: { in: agentIds } } : {}) },
    select: { id: true, provinceCode: true },
  });
  return agentBalances(db, agents, today);
}
