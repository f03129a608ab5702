// Offline field entry (issue 12), server side: queued writes applied exactly once per idempotency key
// through the same server functions and schemas as the forms; a key reused by another user is refused;
// a queued payment that would overlap one recorded meanwhile is refused with its message and changes
// nothing; other refusals classified (out of scope, ID registered elsewhere, validation) and fixable; the
// one-tap renewal queued offline numbered by the server once, and not twice when it had reached it already.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { freshDb, type TestDb } from "./db";
import { createAgent, createEnrollee, principalFor } from "../fixtures/factories";
import { issueTestToken, registrationInput } from "../fixtures/enrollment";
import { messages } from "@/lib/i18n/messages";
import { scopeOfUnit, type Principal } from "@/lib/server/auth/authz";
import { recordPayment } from "@/lib/server/enrollment/contributions";
import { applySyncBatch, applySyncEntry, sweepOldSyncKeys } from "@/lib/server/sync/sync";
import { config } from "@/lib/server/env";
import { quickRenewal } from "@/lib/server/field/person";
import { offlineReference } from "@/lib/server/sync/reference";
import * as syncRoute from "@/app/api/v1/sync/route";

let t: TestDb;
let staff: Principal, otherStaff: Principal, dongda: Principal, collector: Principal;
let agentA: number, person: number, farAway: number, collectorToken: string;

const key = () => crypto.randomUUID();
const payment = (over: Record<string, unknown> = {}) => ({
  method: "CASH",
  receiptNo: `Q-${Math.random().toString(36).slice(2, 9)}`,
  period: "ANNUAL",
  declaredIncome: 1_500_000,
  paidOn: "2026-07-02",
  ...over,
});

/** Everything a sync could change, to compare before and after a refusal. */
const snapshot = async () => ({
  enrollees: JSON.stringify(
    await t.prisma.enrollee.findMany({ orderBy: { id: "asc" }, select: { id: true, coverageEnd: true, version: true, subsidyMonthsUsed: true } }),
  ),
  contributions: await t.prisma.contribution.count(),
  keys: await t.prisma.syncKey.count(),
  audit: await t.prisma.auditLog.count({ where: { action: { not: "enrollee.id_elsewhere" } } }),
});

beforeAll(async () => {
  t = await freshDb({ asProcessClient: true });
  staff = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  otherStaff = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  dongda = await principalFor(t.prisma, "DISTRICT_STAFF", "006");
  agentA = (await createAgent(t.prisma, "00004")).id;
  const collectorId = (await t.prisma.collector.create({ data: { agentId: agentA, name: "Trần Thị Thu" } })).id;
  const user = await t.prisma.user.create({
    data: { login: "thu.sync", name: "Trần Thị Thu", passwordHash: "x", role: "COLLECTOR", unitCode: "001", collectorId },
  });
  collector = {
    userId: user.id,
    login: "thu.sync",
    name: "Trần Thị Thu",
    role: "COLLECTOR",
    unitCode: "001",
    locale: "vi",
    scope: scopeOfUnit(await t.prisma.unit.findUniqueOrThrow({ where: { code: "001" } })),
    collector: { collectorId, agentId: agentA, communeCodes: ["00004"] },
  };
  collectorToken = await issueTestToken(t.prisma, user.id);
  person = (await createEnrollee(t.prisma, "00004", { agentId: agentA, coverageEnd: "2026-06-30", firstCoveredOn: "2025-07-01" })).id;
  const dongdaCommune = (await t.prisma.unit.findFirstOrThrow({ where: { level: "COMMUNE", areaCode: "006" } })).code;
  farAway = (await createEnrollee(t.prisma, dongdaCommune, { coverageEnd: "2026-06-30" })).id;
});
afterAll(async () => {
  await t.close();
});

describe("exactly once per key", () => {
  it("the same registration sent twice with one key creates one enrollee, and the repeat answers the first result", async () => {
    const k = key();
    const input = registrationInput();
    const first = await applySyncEntry(t.prisma, staff, { key: k, kind: "registration", data: input });
    expect(first).toMatchObject({ status: "accepted", repeat: false });
    const before = await snapshot();
    const again = await applySyncEntry(t.prisma, staff, { key: k, kind: "registration", data: input });
    expect(again).toEqual({ ...first, repeat: true });
    expect(await snapshot()).toEqual(before);
    expect(await t.prisma.enrollee.count({ where: { personalId: input.personalId } })).toBe(1);
    expect(await t.prisma.contribution.count({ where: { receiptNo: input.payment.receiptNo } })).toBe(1);
  });

  it("the same payment sent twice (one batch, then again) records one contribution", async () => {
    const k = key();
    const entry = { key: k, kind: "payment" as const, enrolleeId: person, coverageEndSeen: "2026-06-30", data: payment() };
    const [a, b] = await applySyncBatch(t.prisma, collector, [entry, entry]);
    expect(a).toMatchObject({ status: "accepted", repeat: false, result: { enrolleeId: person, periodStart: "2026-07-01", periodEnd: "2027-06-30" } });
    expect(b).toMatchObject({ status: "accepted", repeat: true, result: a.status === "accepted" ? a.result : {} });
    const c = await applySyncEntry(t.prisma, collector, entry);
    expect(c).toMatchObject({ status: "accepted", repeat: true });
    expect(await t.prisma.contribution.count({ where: { enrolleeId: person } })).toBe(1);
    expect(await t.prisma.syncKey.count({ where: { key: k } })).toBe(1);
    // recorded as the collector's, like the online form
    expect(await t.prisma.contribution.findFirstOrThrow({ where: { enrolleeId: person } })).toMatchObject({
      collectorId: collector.collector!.collectorId,
      agentId: agentA,
      recordedById: collector.userId,
    });
  });

  it("a key reused by another user is refused, reveals nothing and changes nothing", async () => {
    const k = key();
    const first = await applySyncEntry(t.prisma, staff, { key: k, kind: "registration", data: registrationInput() });
    expect(first.status).toBe("accepted");
    const before = await snapshot();
    for (const who of [otherStaff, dongda]) {
      const r = await applySyncEntry(t.prisma, who, { key: k, kind: "registration", data: registrationInput() });
      expect(r).toEqual({
        key: k,
        status: "refused",
        conflict: expect.objectContaining({ kind: "key_taken", message: messages.vi.offline.keyTaken, fixable: false }),
      });
      expect(JSON.stringify(r)).not.toContain("enrolleeId");
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("conflicts are refused with the server's message and change nothing", () => {
  it("a queued payment that would overlap a payment recorded meanwhile", async () => {
    const e = (await createEnrollee(t.prisma, "00004", { agentId: agentA, coverageEnd: "2026-05-31", firstCoveredOn: "2025-06-01" })).id;
    // the desk records a payment while the collector's phone is offline
    await recordPayment(t.prisma, staff, e, payment({ paidOn: "2026-06-01" }));
    const before = await snapshot();
    const k = key();
    const r = await applySyncEntry(t.prisma, collector, {
      key: k,
      kind: "payment",
      enrolleeId: e,
      coverageEndSeen: "2026-05-31",
      data: payment({ paidOn: "2026-06-03" }),
    });
    expect(r).toMatchObject({ status: "refused", conflict: { kind: "overlap", message: messages.vi.offline.overlap, fixable: false } });
    expect(await snapshot()).toEqual(before);
    expect(await t.prisma.syncKey.findUnique({ where: { key: k } })).toBeNull();
  });

  it("a payment whose coverage end changed without overlapping goes through (e.g. a correction that shortened it)", async () => {
    const e = (await createEnrollee(t.prisma, "00004", { agentId: agentA, coverageEnd: "2026-03-31", firstCoveredOn: "2025-04-01" })).id;
    const r = await applySyncEntry(t.prisma, collector, {
      key: key(),
      kind: "payment",
      enrolleeId: e,
      coverageEndSeen: "2026-02-28",
      data: payment({ paidOn: "2026-07-01" }),
    });
    expect(r).toMatchObject({ status: "accepted" });
  });

  it("a person who left the user's scope", async () => {
    const before = await snapshot();
    const r = await applySyncEntry(t.prisma, staff, { key: key(), kind: "payment", enrolleeId: farAway, coverageEndSeen: "2026-06-30", data: payment() });
    expect(r).toMatchObject({ status: "refused", conflict: { kind: "out_of_scope", message: messages.vi.offline.outOfScope } });
    // and another agent's person for a collector: the same answer
    const theirs = (await createEnrollee(t.prisma, "00004", { coverageEnd: "2026-06-30" })).id;
    const r2 = await applySyncEntry(t.prisma, collector, { key: key(), kind: "payment", enrolleeId: theirs, coverageEndSeen: "2026-06-30", data: payment() });
    expect(r2).toMatchObject({ status: "refused", conflict: { kind: "out_of_scope" } });
    expect(await snapshot()).toEqual({ ...before, enrollees: expect.any(String) });
  });

  it("an ID number registered by another area meanwhile (audited like the form's answer)", async () => {
    const input = registrationInput();
    await applySyncEntry(t.prisma, dongda, {
      key: key(),
      kind: "registration",
      data: { ...input, communeCode: (await t.prisma.unit.findFirstOrThrow({ where: { level: "COMMUNE", areaCode: "006" } })).code },
    });
    const before = await snapshot();
    const audits = await t.prisma.auditLog.count({ where: { action: "enrollee.id_elsewhere" } });
    const r = await applySyncEntry(t.prisma, staff, {
      key: key(),
      kind: "registration",
      data: { ...input, payment: { ...input.payment, receiptNo: "BL-OTHER-1" } },
    });
    expect(r).toMatchObject({
      status: "refused",
      conflict: { kind: "registered_elsewhere", message: messages.vi.enrollment.v.duplicatePersonalIdElsewhere, fixable: false },
    });
    expect(await snapshot()).toEqual(before);
    expect(await t.prisma.auditLog.count({ where: { action: "enrollee.id_elsewhere" } })).toBe(audits + 1);
  });

  it("a commune outside the scope", async () => {
    const r = await applySyncEntry(t.prisma, staff, {
      key: key(),
      kind: "registration",
      data: registrationInput({ communeCode: (await t.prisma.unit.findFirstOrThrow({ where: { level: "COMMUNE", areaCode: "006" } })).code }),
    });
    expect(r).toMatchObject({ status: "refused", conflict: { kind: "out_of_scope", message: messages.vi.enrollment.v.communeOutOfScope } });
  });

  it("a validation refusal keeps the key free: the fixed entry goes through with the same key", async () => {
    const k = key();
    const bad = await applySyncEntry(t.prisma, staff, { key: k, kind: "registration", data: registrationInput({ declaredIncome: 1000 }) });
    expect(bad).toMatchObject({ status: "refused", conflict: { kind: "validation", fixable: true } });
    if (bad.status === "refused") expect(bad.conflict.fields.map((f) => f.path)).toContain("declaredIncome");
    const good = await applySyncEntry(t.prisma, staff, { key: k, kind: "registration", data: registrationInput() });
    expect(good).toMatchObject({ status: "accepted", repeat: false });
  });
});

describe("the one-tap renewal queued offline (a payment entry with autoReceipt)", () => {
  /** what components/field/renew-form.tsx queues: the renewal page's prefilled terms, paid that day */
  const renewal = (enrolleeId: number, over: Record<string, unknown> = {}) => ({
    key: key(),
    kind: "payment" as const,
    enrolleeId,
    coverageEndSeen: "2026-06-30",
    autoReceipt: true as const,
    data: { method: "CASH", paidOn: "2026-07-02", period: "ANNUAL", months: 12, declaredIncome: 1_500_000, ...over },
  });

  it("is recorded once under the next electronic receipt number, given by the server; a repeat answers the same receipt", async () => {
    const e = (await createEnrollee(t.prisma, "00004", { agentId: agentA, coverageEnd: "2026-06-30", firstCoveredOn: "2025-07-01" })).id;
    const entry = renewal(e);
    const first = await applySyncEntry(t.prisma, collector, entry);
    expect(first).toMatchObject({ status: "accepted", repeat: false, result: { enrolleeId: e, periodStart: "2026-07-01", periodEnd: "2027-06-30" } });
    const receiptNo = first.status === "accepted" ? first.result.receiptNo : null;
    expect(receiptNo).toMatch(/^BH26-[^/]+\/\d{7}$/);
    const again = await applySyncEntry(t.prisma, collector, entry);
    expect(again).toEqual({ ...first, repeat: true });
    expect(await t.prisma.contribution.findMany({ where: { enrolleeId: e }, select: { receiptNo: true, agentId: true, collectorId: true } })).toEqual([
      { receiptNo, agentId: agentA, collectorId: collector.collector!.collectorId },
    ]);
    // the next renewal of the same agent gets the next number
    const e2 = (await createEnrollee(t.prisma, "00004", { agentId: agentA, coverageEnd: "2026-06-30", firstCoveredOn: "2025-07-01" })).id;
    const second = await applySyncEntry(t.prisma, collector, renewal(e2));
    const n = (r: typeof first) => (r.status === "accepted" ? Number(r.result.receiptNo!.split("/")[1]) : NaN);
    expect(n(second)).toBe(n(first) + 1);
  });

  it("a renewal that reached the server before the network dropped is not recorded twice when the queued copy syncs", async () => {
    const e = (await createEnrollee(t.prisma, "00004", { agentId: agentA, coverageEnd: "2026-06-30", firstCoveredOn: "2025-07-01" })).id;
    await quickRenewal(t.prisma, collector, e, { method: "CASH" }, { on: "2026-07-02" }); // the answer was lost on the way back
    const before = await snapshot();
    const r = await applySyncEntry(t.prisma, collector, renewal(e));
    expect(r).toMatchObject({ status: "refused", conflict: { kind: "overlap", message: messages.vi.offline.overlap } });
    expect(await snapshot()).toEqual(before);
  });

  it("another agent's person: refused as out of scope, nothing numbered", async () => {
    const theirs = (await createEnrollee(t.prisma, "00004", { coverageEnd: "2026-06-30" })).id;
    const before = await snapshot();
    expect(await applySyncEntry(t.prisma, collector, renewal(theirs))).toMatchObject({ status: "refused", conflict: { kind: "out_of_scope" } });
    expect(await snapshot()).toEqual(before);
  });
});

describe("POST /api/v1/sync", () => {
  const call = async (body: unknown) => {
    const req = new NextRequest("http://127.0.0.1/api/v1/sync", {
      method: "POST",
      headers: { authorization: `Bearer ${collectorToken}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const res = await syncRoute.POST(req, { params: Promise.resolve({}) } as never);
    return { status: res.status, body: (await res.json()) as { results?: { status: string; repeat?: boolean }[]; error?: unknown } };
  };

  it("answers one outcome per entry, and a repeat sends nothing twice", async () => {
    const e = (await createEnrollee(t.prisma, "00004", { agentId: agentA, coverageEnd: "2026-06-30", firstCoveredOn: "2025-07-01" })).id;
    const entries = [{ key: key(), kind: "payment", enrolleeId: e, coverageEndSeen: "2026-06-30", data: payment() }];
    const a = await call({ entries });
    expect(a.status).toBe(200);
    expect(a.body.results).toMatchObject([{ status: "accepted", repeat: false }]);
    const b = await call({ entries });
    expect(b.body.results).toMatchObject([{ status: "accepted", repeat: true }]);
    expect(await t.prisma.contribution.count({ where: { enrolleeId: e } })).toBe(1);
  });

  it("refuses a malformed batch with 400 and field paths", async () => {
    const r = await call({ entries: [{ key: "short", kind: "payment", data: {} }] });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain("entries.0.key");
  });

  it("takes a renewal's autoReceipt, for payments only", async () => {
    const e = (await createEnrollee(t.prisma, "00004", { agentId: agentA, coverageEnd: "2026-06-30", firstCoveredOn: "2025-07-01" })).id;
    const data = { method: "CASH", paidOn: "2026-07-02", period: "ANNUAL", months: 12, declaredIncome: 1_500_000 };
    const ok = await call({ entries: [{ key: key(), kind: "payment", enrolleeId: e, coverageEndSeen: "2026-06-30", autoReceipt: true, data }] });
    expect(ok.body.results).toMatchObject([{ status: "accepted", repeat: false }]);
    const bad = await call({ entries: [{ key: key(), kind: "registration", autoReceipt: true, data: registrationInput() }] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("entries.0.autoReceipt");
  });
});

describe("old keys are purged (SYNC_KEY_RETENTION_DAYS, default 90)", () => {
  const DAY = 86_400_000;
  const keyAged = async (days: number) => {
    const k = key();
    await t.prisma.syncKey.create({ data: { key: k, userId: collector.userId, kind: "payment", result: {}, createdAt: new Date(Date.now() - days * DAY) } });
    return k;
  };
  const exists = async (k: string) => (await t.prisma.syncKey.count({ where: { key: k } })) === 1;

  it("a key older than the retention is deleted, a recent one kept", async () => {
    const old = await keyAged(91);
    const recent = await keyAged(89);
    expect(await sweepOldSyncKeys(t.prisma)).toBeGreaterThanOrEqual(1);
    expect(await exists(old)).toBe(false);
    expect(await exists(recent)).toBe(true);
    // the retention comes from the environment (validated: a whole number of days, at least 7)
    expect(await sweepOldSyncKeys(t.prisma, Date.now(), config({ SYNC_KEY_RETENTION_DAYS: "30" }).SYNC_KEY_RETENTION_DAYS)).toBeGreaterThanOrEqual(1);
    expect(await exists(recent)).toBe(false);
    expect(() => config({ SYNC_KEY_RETENTION_DAYS: "3" })).toThrow(/SYNC_KEY_RETENTION_DAYS/);
  });

  it("every sync batch sweeps, as every new import sweeps old import jobs", async () => {
    const old = await keyAged(120);
    const recent = await keyAged(1);
    const e = (await createEnrollee(t.prisma, "00004", { agentId: agentA, coverageEnd: "2026-06-30", firstCoveredOn: "2025-07-01" })).id;
    await applySyncBatch(t.prisma, collector, [{ key: key(), kind: "payment", enrolleeId: e, coverageEndSeen: "2026-06-30", data: payment() }]);
    await expect.poll(() => exists(old)).toBe(false);
    expect(await exists(recent)).toBe(true);
  });
});

describe("what a phone keeps", () => {
  it("a collector gets its agent's communes and agent, and the policy window", async () => {
    const r = await offlineReference(t.prisma, collector, { today: "2026-07-01" });
    expect(r.communes.map((c) => c.code)).toEqual(["00004"]);
    expect(r.agents.map((a) => a.id)).toEqual([agentA]);
    expect(r.policy.current).not.toBeNull();
  });
});
