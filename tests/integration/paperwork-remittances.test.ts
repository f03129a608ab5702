// Remittances: what an agent remitted, its balance collected − remitted equal to independent SQL, the
// money held longer than the province's number of days flagged (oldest collections paid off first),
// scope and audit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import { agentInput } from "../fixtures/agents";
import { registrationInput } from "../fixtures/enrollment";
import type { Principal } from "@/lib/server/auth/authz";
import { createAgent } from "@/lib/server/agents/agents";
import { registerEnrollee } from "@/lib/server/enrollment/enrollees";
import { agentsHoldingMoney, listRemittances, recordRemittance } from "@/lib/server/paperwork/remittances";
import { setPaperworkSettings } from "@/lib/server/paperwork/receipt-books";
import { agentBalance } from "@/lib/domain/remittance";

let t: TestDb;
let hanoiAdmin: Principal, officer: Principal, badinh: Principal, dongda: Principal;
let agentId: number;
const TODAY = "2026-06-15";

async function sqlBalance(agent: number, today: string) {
  const [r] = await t.prisma.$queryRawUnsafe<{ collected: bigint; remitted: bigint }[]>(
    `
    SELECT (SELECT coalesce(sum(net), 0) FROM "Contribution" WHERE "agentId" = $1 AND "paidOn" <= $2::date) AS collected,
           (SELECT coalesce(sum(amount), 0) FROM "Remittance" WHERE "agentId" = $1 AND "remittedOn" <= $2::date) AS remitted`,
    agent,
    today,
  );
  return { collected: Number(r.collected), remitted: Number(r.remitted) };
}

beforeAll(async () => {
  t = await freshDb();
  hanoiAdmin = await principalFor(t.prisma, "ADMIN", "01");
  officer = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
  badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  dongda = await principalFor(t.prisma, "DISTRICT_STAFF", "006");
  agentId = (await createAgent(t.prisma, hanoiAdmin, agentInput({ code: "HN-NT-01", contractStart: "2024-01-01" }))).id;
  for (const [paidOn, receipt] of [
    ["2026-05-02", "R1"],
    ["2026-05-20", "R2"],
    ["2026-06-10", "R3"],
  ]) {
    await registerEnrollee(t.prisma, badinh, registrationInput({ agentId, enrolledOn: paidOn, payment: { method: "CASH", receiptNo: receipt, paidOn } }), {
      today: TODAY,
    });
  }
});
afterAll(async () => {
  await t.close();
});

describe("remittances", () => {
  it("first in, first out: held since the oldest collection not yet covered (pure rule)", () => {
    const c = [
      { day: "2026-05-02", amount: 100 },
      { day: "2026-05-20", amount: 100 },
      { day: "2026-06-10", amount: 100 },
    ];
    expect(agentBalance(c, 0, TODAY, 7)).toMatchObject({ collected: 300, balance: 300, heldSince: "2026-05-02", heldDays: 44, overdue: true });
    expect(agentBalance(c, 150, TODAY, 7)).toMatchObject({ balance: 150, heldSince: "2026-05-20", heldDays: 26, overdue: true });
    expect(agentBalance(c, 200, TODAY, 7)).toMatchObject({ balance: 100, heldSince: "2026-06-10", heldDays: 5, overdue: false });
    expect(agentBalance(c, 300, TODAY, 7)).toMatchObject({ balance: 0, heldSince: null, heldDays: null, overdue: false });
  });

  it("records remittances (audited, scoped); the balance equals SQL; money held too long is flagged", async () => {
    const before = await listRemittances(t.prisma, badinh, agentId, TODAY);
    expect({ collected: before.balance.collected, remitted: before.balance.remitted }).toEqual(await sqlBalance(agentId, TODAY));
    expect(before.balance.heldSince).toBe("2026-05-02");
    expect(before.balance.overdue).toBe(true);

    const [first] = await t.prisma.$queryRawUnsafe<{ net: number }[]>(`SELECT net FROM "Contribution" WHERE "agentId" = $1 ORDER BY "paidOn" LIMIT 1`, agentId);
    const r = await recordRemittance(t.prisma, badinh, {
      agentId: String(agentId),
      remittedOn: "2026-05-05",
      amount: String(first.net),
      bankReference: "FT26125001",
      periodFrom: "2026-05-01",
      periodTo: "2026-05-04",
    });
    expect(await t.prisma.auditLog.count({ where: { action: "remittance.create", entityId: String(r.id) } })).toBe(1);
    await recordRemittance(t.prisma, badinh, {
      agentId: String(agentId),
      remittedOn: "2026-06-12",
      amount: "1.000",
      bankReference: "FT26163002",
      periodFrom: "2026-05-05",
      periodTo: "2026-06-11",
      note: "nộp một phần",
    });

    const after = await listRemittances(t.prisma, officer, agentId, TODAY);
    const sql = await sqlBalance(agentId, TODAY);
    expect(after.balance.collected).toBe(sql.collected);
    expect(after.balance.remitted).toBe(sql.remitted);
    expect(after.balance.balance).toBe(sql.collected - sql.remitted);
    expect(after.balance.heldSince).toBe("2026-05-20"); // the first collection is paid off, the second only in part
    expect(after.remittances.map((x) => x.bankReference)).toEqual(["FT26163002", "FT26125001"]);
    // the province allows 30 days: 26 days is not flagged any more
    await setPaperworkSettings(t.prisma, hanoiAdmin, "01", { receiptCheck: "WARN", remittanceDays: "30" });
    expect((await agentsHoldingMoney(t.prisma, badinh, TODAY)).get(agentId)).toMatchObject({ overdue: false, heldDays: 26, maxDays: 30 });
    // on an earlier day, later remittances do not count
    expect((await listRemittances(t.prisma, badinh, agentId, "2026-05-31")).balance.remitted).toBe((await sqlBalance(agentId, "2026-05-31")).remitted);
  });

  it("refuses bad input and out-of-scope callers, changing nothing", async () => {
    const n = await t.prisma.remittance.count();
    const bad = await recordRemittance(t.prisma, badinh, {
      agentId: String(agentId),
      remittedOn: "2026-05-05",
      amount: "-5",
      bankReference: "",
      periodFrom: "2026-05-10",
      periodTo: "2026-05-01",
    }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ZodError);
    expect((bad as ZodError).issues.map((i) => i.path.join(".")).sort()).toEqual(["amount", "bankReference", "periodTo"]);
    await expect(
      recordRemittance(t.prisma, dongda, {
        agentId: String(agentId),
        remittedOn: "2026-05-05",
        amount: "1000",
        bankReference: "FT1",
        periodFrom: "2026-05-01",
        periodTo: "2026-05-02",
      }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      recordRemittance(t.prisma, officer, {
        agentId: String(agentId),
        remittedOn: "2026-05-05",
        amount: "1000",
        bankReference: "FT1",
        periodFrom: "2026-05-01",
        periodTo: "2026-05-02",
      }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(listRemittances(t.prisma, dongda, agentId, TODAY)).rejects.toMatchObject({ status: 404 });
    expect(await t.prisma.remittance.count()).toBe(n);
  });
});
