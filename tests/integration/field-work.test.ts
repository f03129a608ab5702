// Field work (issue 11) against a real database: the collector's scope through the functions, the actions'
// server functions and the JSON API (another agent's person: 404, nothing changed); the worklist with the
// contact log (a promise takes a person off until its date); contact-log entries audited in the same
// transaction; and the renewal rate equal to an independent count at every level.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { freshDb, type TestDb } from "./db";
import { createAgent, createEnrollee, principalFor } from "../fixtures/factories";
import { issueTestToken } from "../fixtures/enrollment";
import { addMonths, fromIsoDate, toIsoDate } from "@/lib/domain/dates";
import type { Principal } from "@/lib/server/auth/authz";
import { scopeOfUnit } from "@/lib/server/auth/authz";
import { recordPayment } from "@/lib/server/enrollment/contributions";
import { listWorklist } from "@/lib/server/field/worklist";
import { logContact } from "@/lib/server/field/contacts";
import { fieldPerson, quickRenewal } from "@/lib/server/field/person";
import { receiptFor } from "@/lib/server/field/receipts";
import { renewalRates, type RenewalGroup } from "@/lib/server/dashboard/retention";
import * as enrolleeContributions from "@/app/api/v1/enrollees/[id]/contributions/route";
import * as retentionRoute from "@/app/api/v1/retention/route";

const ON = "2026-06-15";
let t: TestDb;
let staff: Principal, collector: Principal;
let agentA: number, agentB: number, collectorA: number, collectorToken: string;
let mine: number, theirs: number, theirsContribution: number;

let seq = 0;
async function pay(enrolleeId: number, start: string, end: string, paidOn: string, agentId: number | null = null, collectorId: number | null = null) {
  const e = await t.prisma.enrollee.findUniqueOrThrow({ where: { id: enrolleeId } });
  const months = Math.round((fromIsoDate(end).getTime() - fromIsoDate(start).getTime()) / (30.44 * 86_400_000));
  const c = await t.prisma.contribution.create({
    data: {
      enrolleeId,
      provinceCode: e.provinceCode,
      areaCode: e.areaCode,
      communeCode: e.communeCode,
      periodStart: fromIsoDate(start),
      periodEnd: fromIsoDate(end),
      months,
      declaredIncome: 1_500_000,
      paymentPeriod: "ANNUAL",
      gross: 330_000 * months,
      centralSubsidy: 66_000 * months,
      provincialTopUp: 0,
      net: 264_000 * months,
      subsidyMonths: months,
      method: "CASH",
      receiptNo: `F${++seq}`,
      paidOn: fromIsoDate(paidOn),
      agentId,
      collectorId,
    },
  });
  await t.prisma.enrollee.update({
    where: { id: enrolleeId },
    data: { coverageEnd: fromIsoDate(end), firstCoveredOn: e.firstCoveredOn ?? fromIsoDate(start) },
  });
  return c.id;
}

const counts = async () => ({
  contacts: await t.prisma.contactLog.count(),
  contributions: await t.prisma.contribution.count(),
  audit: await t.prisma.auditLog.count(),
  enrollees: JSON.stringify(await t.prisma.enrollee.findMany({ orderBy: { id: "asc" }, select: { id: true, coverageEnd: true, version: true } })),
});

function api(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handler: (req: NextRequest, ctx: any) => Promise<Response>,
  method: string,
  url: string,
  token: string,
  body?: unknown,
  params?: Record<string, string>,
) {
  const req = new NextRequest(`http://127.0.0.1${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return handler(req, { params: Promise.resolve(params ?? {}) }).then(async (res) => ({ status: res.status, body: (await res.json()) as Record<string, any> })); // eslint-disable-line @typescript-eslint/no-explicit-any
}

beforeAll(async () => {
  t = await freshDb({ asProcessClient: true });
  staff = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  // two agents serving the same commune of Ba Đình; the collector works for A
  agentA = (await createAgent(t.prisma, "00004")).id;
  agentB = (await createAgent(t.prisma, "00004")).id;
  collectorA = (await t.prisma.collector.create({ data: { agentId: agentA, name: "Trần Thị Thu" } })).id;
  const user = await t.prisma.user.create({
    data: { login: "thu.a", name: "Trần Thị Thu", passwordHash: "x", role: "COLLECTOR", unitCode: "001", collectorId: collectorA },
  });
  collector = {
    userId: user.id,
    login: "thu.a",
    name: "Trần Thị Thu",
    role: "COLLECTOR",
    unitCode: "001",
    locale: "vi",
    scope: scopeOfUnit(await t.prisma.unit.findUniqueOrThrow({ where: { code: "001" } })),
    collector: { collectorId: collectorA, agentId: agentA, communeCodes: ["00004"] },
  };
  collectorToken = await issueTestToken(t.prisma, user.id);
  mine = (await createEnrollee(t.prisma, "00004", { fullName: "Nguyễn Văn Của Tôi", agentId: agentA })).id;
  await pay(mine, "2025-07-01", "2026-06-30", "2025-07-01", agentA);
  theirs = (await createEnrollee(t.prisma, "00004", { fullName: "Lê Thị Của Người Khác", agentId: agentB })).id;
  theirsContribution = await pay(theirs, "2025-07-01", "2026-06-30", "2025-07-01", agentB);
});
afterAll(async () => {
  await t.close();
});

describe("a collector's scope", () => {
  it("lists only its agent's people in the agent's communes", async () => {
    const w = await listWorklist(t.prisma, collector, {}, { on: ON });
    expect(w.rows.map((r) => r.enrolleeId)).toEqual([mine]);
    const desk = await listWorklist(t.prisma, staff, {}, { on: ON });
    expect(desk.rows.map((r) => r.enrolleeId).sort()).toEqual([mine, theirs].sort());
  });

  it("another agent's person is not found everywhere, and nothing changes", async () => {
    const before = await counts();
    await expect(fieldPerson(t.prisma, collector, theirs, { on: ON })).rejects.toMatchObject({ status: 404 });
    await expect(logContact(t.prisma, collector, theirs, { outcome: "REACHED" }, { on: ON })).rejects.toMatchObject({ status: 404 });
    await expect(quickRenewal(t.prisma, collector, theirs, {}, { on: ON })).rejects.toMatchObject({ status: 404 });
    await expect(
      recordPayment(t.prisma, collector, theirs, { method: "CASH", receiptNo: "X-1", period: "ANNUAL", declaredIncome: 1_500_000, paidOn: ON }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(receiptFor(t.prisma, collector, theirsContribution)).rejects.toMatchObject({ status: 404 });
    const r = await api(
      enrolleeContributions.POST,
      "POST",
      `/api/v1/enrollees/${theirs}/contributions`,
      collectorToken,
      { method: "CASH", receiptNo: "X-2", period: "ANNUAL", declaredIncome: 1_500_000, paidOn: ON },
      { id: String(theirs) },
    );
    expect(r.status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it("cannot use the desk's pages' functions (no enrollee.read): the API's reads answer 403", async () => {
    const r = await api(enrolleeContributions.GET, "GET", `/api/v1/enrollees/${mine}/contributions`, collectorToken, undefined, { id: String(mine) });
    expect(r.status).toBe(403);
  });

  it("records a renewal for its own person with agent and collector preset, and reads the receipt", async () => {
    const rec = await quickRenewal(t.prisma, collector, mine, { method: "CASH" }, { on: ON });
    const c = await t.prisma.contribution.findUniqueOrThrow({ where: { id: rec.contributionId } });
    expect({ agentId: c.agentId, collectorId: c.collectorId, periodStart: toIsoDate(c.periodStart), months: c.months }).toEqual({
      agentId: agentA,
      collectorId: collectorA,
      periodStart: "2026-07-01",
      months: 12,
    });
    expect(c.receiptNo).toMatch(/^BH26-T\d+\/0000001$/);
    const first = await receiptFor(t.prisma, collector, c.id, { print: true });
    expect(first.reprint).toBe(false);
    expect(first.collector).toBe("Trần Thị Thu");
    expect(first.netInWords).toMatch(/ đồng$/);
    const again = await receiptFor(t.prisma, collector, c.id, { print: true });
    expect(again.reprint).toBe(true);
    expect(await t.prisma.auditLog.count({ where: { action: "receipt.print", entityId: String(c.id) } })).toBe(1);
  });

  it("its own figures through the API; another area's unit is not found", async () => {
    expect((await api(retentionRoute.GET, "GET", "/api/v1/retention?unit=001", collectorToken)).status).toBe(200);
    expect((await api(retentionRoute.GET, "GET", "/api/v1/retention?unit=006", collectorToken)).status).toBe(404);
  });
});

describe("contact log", () => {
  it("a promise takes the person off the worklist until its date; the entry is audited", async () => {
    const p = (await createEnrollee(t.prisma, "00004", { fullName: "Phạm Văn Hẹn", agentId: agentA })).id;
    await pay(p, "2025-07-01", "2026-06-30", "2025-07-01", agentA);
    expect((await listWorklist(t.prisma, collector, {}, { on: ON })).rows.some((r) => r.enrolleeId === p)).toBe(true);
    const entry = await logContact(t.prisma, collector, p, { outcome: "PROMISED", promisedOn: "2026-06-25", note: "Hẹn cuối tháng" }, { on: ON });
    expect(entry.followUpOn).toBe("2026-06-25");
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "contact.create", entityId: String(p) } });
    expect(audit.userId).toBe(collector.userId);
    expect(audit.after).toMatchObject({ contactId: entry.id, outcome: "PROMISED", promisedOn: "2026-06-25" });
    const off = await listWorklist(t.prisma, collector, {}, { on: ON });
    expect(off.rows.some((r) => r.enrolleeId === p)).toBe(false);
    expect(off.hidden.promised).toBe(1);
    const back = await listWorklist(t.prisma, collector, {}, { on: "2026-06-25" });
    expect(back.rows.find((r) => r.enrolleeId === p)?.urgency).toBe(0);
  });

  it("refusals need a reason; a final one (deceased) takes the person off for good", async () => {
    const p = (await createEnrollee(t.prisma, "00004", { agentId: agentA })).id;
    await pay(p, "2025-07-01", "2026-06-30", "2025-07-01", agentA);
    await expect(logContact(t.prisma, collector, p, { outcome: "REFUSED" }, { on: ON })).rejects.toThrow(/lý do/);
    await logContact(t.prisma, collector, p, { outcome: "REFUSED", reason: "DECEASED" }, { on: ON });
    expect((await listWorklist(t.prisma, collector, {}, { on: "2026-08-01" })).rows.some((r) => r.enrolleeId === p)).toBe(false);
  });

  it("is written in the same transaction as its audit entry: no audit, no entry", async () => {
    await t.prisma.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION test_fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit unavailable'; END $$`,
    );
    await t.prisma.$executeRawUnsafe(`CREATE TRIGGER test_fail_audit BEFORE INSERT ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION test_fail_audit()`);
    try {
      const before = await t.prisma.contactLog.count();
      await expect(logContact(t.prisma, collector, mine, { outcome: "NOT_REACHED" }, { on: ON })).rejects.toThrow(/audit unavailable/);
      expect(await t.prisma.contactLog.count()).toBe(before);
    } finally {
      await t.prisma.$executeRawUnsafe(`DROP TRIGGER test_fail_audit ON "AuditLog"`);
    }
  });
});

describe("renewal rate", () => {
  const FROM = "2025-01-01",
    TO = "2025-12-31";
  beforeAll(async () => {
    const c2 = (await t.prisma.collector.create({ data: { agentId: agentB, name: "Hoàng Văn Hai" } })).id;
    const dongda = (await t.prisma.unit.findFirstOrThrow({ where: { areaCode: "006", level: "COMMUNE" }, orderBy: { code: "asc" } })).code;
    const agentD = (await createAgent(t.prisma, dongda)).id;
    const vinh = (await t.prisma.unit.findFirstOrThrow({ where: { areaCode: "412", level: "COMMUNE" }, orderBy: { code: "asc" } })).code;
    const mk = async (commune: string, agent: number) => (await createEnrollee(t.prisma, commune, { agentId: agent })).id;
    // renewed contiguously within the grace period
    let e = await mk("00004", agentA);
    await pay(e, "2025-01-01", "2025-06-30", "2025-01-01", agentA, collectorA);
    await pay(e, "2025-07-01", "2026-06-30", "2025-07-20", agentA, collectorA);
    // renewed contiguously but paid after the grace period: not counted as renewed
    e = await mk("00004", agentB);
    await pay(e, "2025-03-01", "2025-08-31", "2025-03-01", agentB, c2);
    await pay(e, "2025-09-01", "2026-08-31", "2025-12-15", agentB, c2);
    // lapsed, refused: cannot afford
    e = await mk("00004", agentA);
    await pay(e, "2024-10-01", "2025-09-30", "2024-10-01", agentA, collectorA);
    await t.prisma.contactLog.create({
      data: {
        enrolleeId: e,
        provinceCode: "01",
        areaCode: "001",
        communeCode: "00004",
        agentId: agentA,
        collectorId: collectorA,
        userId: collector.userId,
        outcome: "REFUSED",
        reason: "CANNOT_AFFORD",
        contactedOn: fromIsoDate("2025-10-05"),
      },
    });
    // Đống Đa: a renewal, whose own end is in the period and not renewed
    e = await mk(dongda, agentD);
    await pay(e, "2025-01-01", "2025-03-31", "2025-01-01", agentD);
    await pay(e, "2025-04-01", "2025-12-31", "2025-03-25", agentD);
    // Vinh: renewed; and one ending after the period
    e = await mk(vinh, agentD);
    await pay(e, "2025-02-01", "2025-04-30", "2025-02-01");
    await pay(e, "2025-05-01", "2026-01-31", "2025-05-02");
  });

  /** Independent count: every contribution read into memory, the rule applied in JavaScript. */
  async function expected(group: RenewalGroup, on: string) {
    const col = { province: "provinceCode", area: "areaCode", commune: "communeCode", agent: "agentId", collector: "collectorId" }[group] as "provinceCode";
    const all = await t.prisma.contribution.findMany();
    const out = new Map<string, { ended: number; renewed: number }>();
    for (const c of all) {
      const end = toIsoDate(c.periodEnd);
      if (end < FROM || end > TO || end >= on) continue;
      const next = toIsoDate(new Date(c.periodEnd.getTime() + 86_400_000));
      const renewed = all.some(
        (n) => n.enrolleeId === c.enrolleeId && toIsoDate(n.periodStart) === next && toIsoDate(n.paidOn) <= addMonths(end, 3) && toIsoDate(n.paidOn) <= on,
      );
      const key = c[col] == null ? "" : String(c[col]);
      const g = out.get(key) ?? { ended: 0, renewed: 0 };
      g.ended++;
      if (renewed) g.renewed++;
      out.set(key, g);
    }
    return [...out].map(([key, v]) => ({ key, ...v })).sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  /** Independent count in SQL (issue 11: "an independent SQL count"), written apart from renewalRates. */
  async function sqlCount(group: RenewalGroup, on: string) {
    const col = { province: "provinceCode", area: "areaCode", commune: "communeCode", agent: "agentId", collector: "collectorId" }[group];
    const rows = await t.prisma.$queryRawUnsafe<{ key: string; ended: bigint; renewed: bigint }[]>(
      `
      SELECT coalesce(c."${col}"::text, '') AS key, count(*) AS ended,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Contribution" n WHERE n."enrolleeId" = c."enrolleeId"
               AND n."periodStart" = c."periodEnd" + 1 AND n."paidOn" <= (c."periodEnd" + interval '3 months')::date AND n."paidOn" <= $3::date)) AS renewed
      FROM "Contribution" c
      WHERE c."periodEnd" BETWEEN $1::date AND $2::date AND c."periodEnd" < $3::date
      GROUP BY 1`,
      FROM,
      TO,
      on,
    );
    return rows.map((r) => ({ key: r.key, ended: Number(r.ended), renewed: Number(r.renewed) })).sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  for (const group of ["province", "area", "commune", "agent", "collector"] as const) {
    it(`equals the independent count by ${group}`, async () => {
      for (const on of [ON, "2025-10-15"]) {
        const r = await renewalRates(t.prisma, { level: "NATION" }, { from: FROM, to: TO, on, groupBy: group });
        const got = r.rows.map(({ key, ended, renewed }) => ({ key, ended, renewed })).sort((a, b) => (a.key < b.key ? -1 : 1));
        expect(got, `on ${on}`).toEqual(await expected(group, on));
        expect(got, `on ${on}, SQL`).toEqual(await sqlCount(group, on));
        expect(got.length, "the test data covers several groups").toBeGreaterThan(1);
      }
    });
  }

  it("has the hand-counted totals and lapse reasons, final once the grace period has passed", async () => {
    const r = await renewalRates(t.prisma, { level: "AREA", provinceCode: "01", areaCode: "001" }, { from: FROM, to: TO, on: ON, groupBy: "area" });
    // Ba Đình: ended in 2025 — the renewed one, the late one, the lapsed one
    expect(r.total).toEqual({ key: "total", ended: 3, renewed: 1, ratePct: 33.33 });
    expect(r.lapseReasons).toEqual({ CANNOT_AFFORD: 1, UNKNOWN: 1 });
    expect(r.provisional).toBe(false);
    expect((await renewalRates(t.prisma, { level: "NATION" }, { from: FROM, to: TO, on: "2026-02-01", groupBy: "province" })).provisional).toBe(true);
  });
});
