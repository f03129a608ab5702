// Offline field entry (issue 12): what a phone keeps to register and collect without a signal — the
// communes and agents of the user's scope (only those) and the policy in force with its next known change.
import type { PrismaClient } from "@/generated/prisma/client";
import { todayInVietnam, type IsoDate } from "@/lib/domain/dates";
import { policyWindow, type PolicyWindow } from "@/lib/domain/policy-window";
import type { DbTx } from "../db/client";
import { assertFieldWrite, ownProvince, type Principal } from "../auth/authz";
import { registrationOptions } from "../enrollment/enrollees";
import { loadPolicyTables } from "../reference/policy";

export type OfflineReference = {
  userId: number;
  today: IsoDate;
  provinceCode: string | null;
  communes: { code: string; fullName: string }[];
  agents: { id: number; name: string; communes: string[] }[];
  policy: PolicyWindow;
};

export async function offlineReference(db: PrismaClient | DbTx, p: Principal, o: { today?: IsoDate } = {}): Promise<OfflineReference> {
  assertFieldWrite(p);
  const today = o.today ?? todayInVietnam();
  const provinceCode = ownProvince(p.scope);
  let communes: OfflineReference["communes"];
  let agents: OfflineReference["agents"];
  if (p.collector) {
    // a collector: its agent's communes and its agent, nothing wider
    communes = await db.unit.findMany({
      where: { code: { in: p.collector.communeCodes }, level: "COMMUNE" },
      select: { code: true, fullName: true },
      orderBy: { fullName: "asc" },
    });
    const agent = await db.collectionAgent.findUnique({ where: { id: p.collector.agentId }, select: { id: true, name: true } });
    agents = agent ? [{ ...agent, communes: p.collector.communeCodes }] : [];
  } else {
    const r = await registrationOptions(db, p, { today });
    communes = r.communes;
    agents = r.agents.map((a) => ({ id: a.id, name: a.name, communes: a.communes }));
  }
  const policy = provinceCode ? policyWindow(await loadPolicyTables(db), today, provinceCode) : { current: null, next: null };
  return { userId: p.userId, today, provinceCode, communes, agents, policy };
}
