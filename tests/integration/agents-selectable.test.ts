// Which agents may be chosen for a new enrollment: suspended, ended, expired and not-yet-started
// agents may not; the database query (listSelectableAgents) agrees with the rule (isAgentSelectable).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import { agentInput } from "../fixtures/agents";
import type { Principal } from "@/lib/server/auth/authz";
import {
  createAgent,
  endAgentContract,
  isAgentSelectable,
  isAgentSelectableFor,
  listAgents,
  listSelectableAgents,
  reactivateAgent,
  suspendAgent,
} from "@/lib/server/agents/agents";

const TODAY = "2026-06-15";
let t: TestDb;
let admin: Principal, badinh: Principal, dongda: Principal;
const id: Record<string, number> = {};

beforeAll(async () => {
  t = await freshDb();
  admin = await principalFor(t.prisma, "ADMIN", "01");
  badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  dongda = await principalFor(t.prisma, "DISTRICT_STAFF", "006");
  const mk = async (key: string, over: Record<string, unknown>) => {
    id[key] = (await createAgent(t.prisma, admin, agentInput({ code: key.toUpperCase(), name: `Đại lý ${key}`, communeCodes: ["00004"], ...over }))).id;
  };
  await mk("active", {});
  await mk("lastday", { contractEnd: TODAY }); // the end date is the last working day
  await mk("expired", { contractEnd: "2026-06-14" });
  await mk("future", { contractStart: "2026-06-16" });
  await mk("suspended", {});
  await mk("ended", {});
  await mk("elsewhere", { communeCodes: ["00008"] });
  await suspendAgent(t.prisma, admin, id.suspended);
  await endAgentContract(t.prisma, admin, id.ended, { contractEnd: "2026-06-01" }, { today: TODAY });
});
afterAll(async () => {
  await t.close();
});

describe("agents: who can be chosen for a new enrollment", () => {
  it("lists only active agents within their contract that serve the commune", async () => {
    const list = await listSelectableAgents(t.prisma, badinh, "00004", TODAY);
    expect(list.map((a) => a.id).sort()).toEqual([id.active, id.lastday].sort());
    expect(await isAgentSelectableFor(t.prisma, id.active, "00004", TODAY)).toBe(true);
    expect(await isAgentSelectableFor(t.prisma, id.active, "00008", TODAY)).toBe(false); // does not serve it
    for (const k of ["expired", "future", "suspended", "ended"]) expect(await isAgentSelectableFor(t.prisma, id[k], "00004", TODAY)).toBe(false);
    // a day later the "last day" agent has expired and the future one has started
    expect((await listSelectableAgents(t.prisma, badinh, "00004", "2026-06-16")).map((a) => a.id).sort()).toEqual([id.active, id.future].sort());
  });

  it("the rule and the query agree on every agent", async () => {
    const rows = await t.prisma.collectionAgent.findMany({ where: { id: { in: Object.values(id) } } });
    for (const day of ["2026-06-14", TODAY, "2026-06-16"]) {
      const byRule = rows
        .filter((a) => isAgentSelectable(a, day))
        .map((a) => a.id)
        .sort();
      const byQuery = (await listAgents(t.prisma, admin, { state: "ACTIVE", pageSize: 200 }, day)).rows.map((r) => r.id).sort();
      expect(byQuery).toEqual(byRule);
    }
  });

  it("shows each agent's state in the list", async () => {
    const rows = (await listAgents(t.prisma, admin, { pageSize: 200 }, TODAY)).rows;
    const state = Object.fromEntries(rows.map((r) => [r.id, r.state]));
    expect(state[id.active]).toBe("ACTIVE");
    expect(state[id.expired]).toBe("EXPIRED");
    expect(state[id.future]).toBe("NOT_STARTED");
    expect(state[id.suspended]).toBe("SUSPENDED");
    expect(state[id.ended]).toBe("ENDED");
    const ended = await t.prisma.collectionAgent.findUniqueOrThrow({ where: { id: id.ended } });
    expect(ended.contractEnd?.toISOString().slice(0, 10)).toBe("2026-06-01");
  });

  it("ending a contract removes the agent from selection at once; suspension can be lifted, an ended contract cannot", async () => {
    await endAgentContract(t.prisma, admin, id.active, { contractEnd: TODAY }, { today: TODAY });
    expect((await listSelectableAgents(t.prisma, badinh, "00004", TODAY)).map((a) => a.id)).toEqual([id.lastday]);
    await expect(reactivateAgent(t.prisma, admin, id.active)).rejects.toThrow();
    await reactivateAgent(t.prisma, admin, id.suspended);
    expect((await listSelectableAgents(t.prisma, badinh, "00004", TODAY)).map((a) => a.id).sort()).toEqual([id.lastday, id.suspended].sort());
    const actions = await t.prisma.auditLog.findMany({
      where: { entity: "CollectionAgent", action: { in: ["agent.suspend", "agent.reactivate", "agent.end"] } },
      orderBy: { id: "asc" },
    });
    expect(actions.map((a) => `${a.action}:${a.entityId}`)).toEqual([
      `agent.suspend:${id.suspended}`,
      `agent.end:${id.ended}`,
      `agent.end:${id.active}`,
      `agent.reactivate:${id.suspended}`,
    ]);
    expect((actions[2].before as { status: string }).status).toBe("ACTIVE");
    expect(actions[2].after as { status: string; contractEnd: string }).toMatchObject({ status: "ENDED", contractEnd: TODAY });
  });

  it("refuses an end date in the future or before the contract start", async () => {
    await expect(endAgentContract(t.prisma, admin, id.lastday, { contractEnd: "2026-06-16" }, { today: TODAY })).rejects.toMatchObject({
      issues: [{ path: ["contractEnd"] }],
    });
    await expect(endAgentContract(t.prisma, admin, id.lastday, { contractEnd: "2024-12-31" }, { today: TODAY })).rejects.toMatchObject({
      issues: [{ path: ["contractEnd"] }],
    });
    expect((await t.prisma.collectionAgent.findUniqueOrThrow({ where: { id: id.lastday } })).status).toBe("ACTIVE");
  });

  it("does not list agents for a commune outside the caller's scope", async () => {
    await expect(listSelectableAgents(t.prisma, dongda, "00004", TODAY)).rejects.toMatchObject({ status: 404 });
  });
});
