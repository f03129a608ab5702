// Every kind of write leaves an audit entry — who, action, entity, before/after — and the entry lives
// or dies with the write: a write whose transaction fails at commit leaves no entry, and an entry that
// cannot be written stops the write. (The log's own filters and the append-only trigger: trust-audit.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/server/db/client";
import { freshDb, type TestDb } from "./db";
import { testEngine } from "./engine";
import { createAgent, principalFor } from "../fixtures/factories";
import { registrationInput } from "../fixtures/enrollment";
import { agentInput } from "../fixtures/agents";
import type { Principal } from "@/lib/server/auth/authz";
import { registerEnrollee, updateEnrollee } from "@/lib/server/enrollment/enrollees";
import { recordPayment } from "@/lib/server/enrollment/contributions";
import { setTarget } from "@/lib/server/targets/targets";
import { changeAgentStatus, createAgent as createAgentAction } from "@/lib/server/agents/agents";
import { createUser, resetPassword, setUserActive } from "@/lib/server/auth/users";
import { addPolicyParameter, setLabourForce } from "@/lib/server/reference/reference-data";
import { createConference } from "@/lib/server/agents/conferences";
import { issueApiToken, revokeApiToken } from "@/lib/server/auth/api-tokens";
import { hashPassword } from "@/lib/server/auth/passwords";

let t: TestDb;
let staff: Principal, admin: Principal, national: Principal;
let agentId: number;

type Entry = {
  userId: number | null;
  userLogin: string | null;
  unitCode: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};
const entries = async (action: string, entityId?: string | number) =>
  (await t.prisma.auditLog.findMany({
    where: { action, ...(entityId === undefined ? {} : { entityId: String(entityId) }) },
    orderBy: { id: "asc" },
  })) as unknown as Entry[];
const by = (p: Principal) => ({ userId: p.userId, userLogin: p.login });

beforeAll(async () => {
  t = await freshDb({ asProcessClient: true }); // sign-in (lib/server/auth/session.ts) uses the process's client
  staff = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  admin = await principalFor(t.prisma, "ADMIN", "01");
  national = await principalFor(t.prisma, "ADMIN", "VN");
  agentId = (await createAgent(t.prisma, "00004")).id;
});
afterAll(async () => {
  await t?.close();
});

describe("each kind of write is audited: who, action, entity, before and after", () => {
  it("enrollee create and edit, contribution", async () => {
    const r = await registerEnrollee(t.prisma, staff, registrationInput({ agentId, fullName: "Lê Văn Kiểm", payment: undefined }));
    const [created] = await entries("enrollee.create", r.id);
    expect(created).toMatchObject({ ...by(staff), entity: "Enrollee", unitCode: "00004", after: expect.objectContaining({ fullName: "Lê Văn Kiểm" }) });
    const e = await t.prisma.enrollee.findUniqueOrThrow({ where: { id: r.id } });
    await updateEnrollee(t.prisma, staff, r.id, {
      ...registrationInput({ agentId }),
      personalId: e.personalId,
      fullName: "Lê Văn Kiểm Tra",
      payment: undefined,
      version: e.version,
    });
    const [updated] = await entries("enrollee.update", r.id);
    expect(updated).toMatchObject({
      ...by(staff),
      entity: "Enrollee",
      before: expect.objectContaining({ fullName: "Lê Văn Kiểm" }),
      after: expect.objectContaining({ fullName: "Lê Văn Kiểm Tra" }),
    });
    const pay = await recordPayment(t.prisma, staff, r.id, {
      method: "CASH",
      receiptNo: "AUD-1",
      period: "ANNUAL",
      declaredIncome: 1_500_000,
      paidOn: "2025-06-01",
    });
    const [paid] = await entries("contribution.create", r.id);
    expect(paid).toMatchObject({ ...by(staff), entity: "Enrollee", after: expect.objectContaining({ receiptNo: "AUD-1" }) });
    expect(JSON.stringify(paid.after)).toContain(String(pay.contributionId));
  });

  it("target", async () => {
    const r = await setTarget(t.prisma, admin, { year: 2033, unitCode: "001", participants: 75 });
    const [created] = await entries("target.create");
    expect(created).toMatchObject({
      ...by(admin),
      entity: "Target",
      entityId: String(r.target.id),
      unitCode: "001",
      after: expect.objectContaining({ participants: 75 }),
    });
    await setTarget(t.prisma, admin, { year: 2033, unitCode: "001", participants: 80, version: 1 });
    const [updated] = await entries("target.update", r.target.id);
    expect(updated).toMatchObject({ before: expect.objectContaining({ participants: 75 }), after: expect.objectContaining({ participants: 80 }) });
  });

  it("agent create and status change", async () => {
    const { id } = await createAgentAction(t.prisma, admin, agentInput({ name: "Bưu điện Kiểm Toán" }));
    const [created] = await entries("agent.create", id);
    expect(created).toMatchObject({ ...by(admin), entity: "CollectionAgent", unitCode: "001", after: expect.objectContaining({ name: "Bưu điện Kiểm Toán" }) });
    await changeAgentStatus(t.prisma, admin, id, "suspend");
    const [suspended] = await entries("agent.suspend", id);
    expect(suspended).toMatchObject({
      ...by(admin),
      before: expect.objectContaining({ status: "ACTIVE" }),
      after: expect.objectContaining({ status: "SUSPENDED" }),
    });
  });

  it("user create, deactivate, password reset — never the password or its hash", async () => {
    const u = await createUser(t.prisma, admin, { login: "kiem.toan", name: "Kiểm Toán", role: "DISTRICT_STAFF", unitCode: "001", passwordMode: "generate" });
    const [created] = await entries("user.create", u.id);
    expect(created).toMatchObject({ ...by(admin), entity: "User", after: expect.objectContaining({ login: "kiem.toan", role: "DISTRICT_STAFF" }) });
    await setUserActive(t.prisma, admin, { id: u.id, active: false });
    const [off] = await entries("user.deactivate", u.id);
    expect(off).toMatchObject({ ...by(admin), before: { login: "kiem.toan", active: true }, after: { login: "kiem.toan", active: false } });
    const reset = await resetPassword(t.prisma, admin, { id: u.id, passwordMode: "generate" });
    const [r] = await entries("user.password_reset", u.id);
    expect(r).toMatchObject({ ...by(admin), entity: "User" });
    const all = JSON.stringify(await t.prisma.auditLog.findMany({ where: { entity: "User", entityId: String(u.id) } }));
    for (const secret of [u.password!, reset.password!, "passwordHash", "$2"]) expect(all).not.toContain(secret);
  });

  it("policy parameter, labour force, conference", async () => {
    const { id } = await addPolicyParameter(t.prisma, national, {
      kind: "INCOME_FLOOR_VND",
      value: "2.000.000",
      effectiveFrom: "2030-01-01",
      legalBasis: "Nghị định thử",
    });
    const [param] = await entries("policy.parameter.create", id);
    expect(param).toMatchObject({ ...by(national), after: expect.objectContaining({ kind: "INCOME_FLOOR_VND", value: 2_000_000 }) });
    await setLabourForce(t.prisma, admin, { unitCode: "00004", year: 2030, persons: "1.234" });
    const [lf] = await entries("labourForce.update");
    expect(lf).toMatchObject({ ...by(admin), after: expect.objectContaining({ persons: 1234 }) });
    const conf = await createConference(
      t.prisma,
      staff,
      { heldOn: "2026-05-10", communeCode: "00004", agentId: "", title: "Hội nghị kiểm toán", attendees: "40" },
      { today: "2026-06-01" },
    );
    const [c] = await entries("conference.create", conf.id);
    expect(c).toMatchObject({ ...by(staff), after: expect.objectContaining({ title: "Hội nghị kiểm toán", attendees: 40 }) });
  });

  it("API token issue and revoke — never the token", async () => {
    const tok = await issueApiToken(t.prisma, admin, { userId: staff.userId, name: "Kiểm toán" });
    const [issued] = await entries("apiToken.create", tok.id);
    expect(issued).toMatchObject({ ...by(admin), entity: "ApiToken" });
    await revokeApiToken(t.prisma, admin, tok.id);
    expect(await entries("apiToken.revoke", tok.id)).toHaveLength(1);
    expect(JSON.stringify(await t.prisma.auditLog.findMany({ where: { entity: "ApiToken" } }))).not.toContain(tok.token);
  });

  it("sign-in and failed sign-in", async () => {
    const { authOptions } = await import("@/lib/server/auth/session");
    type Authorize = (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
    const signIn = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
    const u = await t.prisma.user.create({
      data: { login: "kiem.dang.nhap", name: "Kiểm Đăng Nhập", passwordHash: await hashPassword("Dung@2026x"), role: "ADMIN", unitCode: "01" },
    });
    await expect(signIn({ login: "kiem.dang.nhap", password: "sai mat khau" }, { headers: { "x-forwarded-for": "198.51.100.7" } })).rejects.toThrow();
    await signIn({ login: "kiem.dang.nhap", password: "Dung@2026x" }, { headers: { "x-forwarded-for": "198.51.100.7" } });
    const [failed] = await entries("auth.login_failed", u.id);
    expect(failed).toMatchObject({ userId: null, userLogin: null, entity: "User", unitCode: "01", after: { login: "kiem.dang.nhap" } });
    const [ok] = await entries("auth.login", u.id);
    expect(ok).toMatchObject({ userId: u.id, userLogin: "kiem.dang.nhap", entity: "User", unitCode: "01" });
    expect(JSON.stringify([failed, ok])).not.toContain("sai mat khau");
  });
});

describe("the entry is written in the write's transaction", () => {
  /** A deferred constraint trigger fails the transaction at COMMIT — after the audit entry was written. */
  async function failingCommit(table: string, run: () => Promise<unknown>): Promise<void> {
    await t.prisma.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION test_fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure at commit'; END $$`,
    );
    await t.prisma.$executeRawUnsafe(
      `CREATE CONSTRAINT TRIGGER test_fail_commit AFTER INSERT OR UPDATE ON "${table}" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_fail_commit()`,
    );
    try {
      await expect(run()).rejects.toThrow(/injected failure at commit/);
    } finally {
      await t.prisma.$executeRawUnsafe(`DROP TRIGGER test_fail_commit ON "${table}"`);
    }
  }
  const count = async () => t.prisma.auditLog.count();
  const rows = async (table: string) => Number((await t.prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`))[0].n);

  it("a write that fails at commit leaves neither its rows nor its audit entry (each main kind)", async () => {
    const e = await registerEnrollee(t.prisma, staff, registrationInput({ agentId, payment: undefined }));
    const cases: [string, () => Promise<unknown>][] = [
      ["Enrollee", () => registerEnrollee(t.prisma, staff, registrationInput({ agentId }))],
      [
        "Contribution",
        () => recordPayment(t.prisma, staff, e.id, { method: "CASH", receiptNo: "FAIL-1", period: "ANNUAL", declaredIncome: 1_500_000, paidOn: "2025-06-01" }),
      ],
      ["Target", () => setTarget(t.prisma, admin, { year: 2034, unitCode: "006", participants: 10 })],
      ["CollectionAgent", () => createAgentAction(t.prisma, admin, agentInput())],
      [
        "User",
        () => createUser(t.prisma, admin, { login: "se.that.bai", name: "Sẽ Thất Bại", role: "DISTRICT_STAFF", unitCode: "001", passwordMode: "generate" }),
      ],
      ["PolicyParameter", () => addPolicyParameter(t.prisma, national, { kind: "INCOME_FLOOR_VND", value: "2100000", effectiveFrom: "2031-01-01" })],
      ["LabourForce", () => setLabourForce(t.prisma, admin, { unitCode: "00008", year: 2031, persons: "99" })],
      [
        "OutreachConference",
        () =>
          createConference(
            t.prisma,
            staff,
            { heldOn: "2026-05-11", communeCode: "00004", agentId: "", title: "Hội nghị thất bại", attendees: "1" },
            { today: "2026-06-01" },
          ),
      ],
      ["ApiToken", () => issueApiToken(t.prisma, admin, { userId: staff.userId, name: "Thất bại" })],
    ];
    for (const [table, run] of cases) {
      const before = { audit: await count(), rows: await rows(table) };
      await failingCommit(table, run);
      expect({ audit: await count(), rows: await rows(table) }, table).toEqual(before);
    }
  });

  it.runIf(testEngine() === "postgres")(
    "the connection of a transaction that failed at commit goes back to the pool (one connection, three failures, then a query)",
    async () => {
      const one = createPrisma(t.url, { poolSize: 1 });
      try {
        for (let i = 0; i < 3; i++) await failingCommit("Target", () => setTarget(one, admin, { year: 2036 + i, unitCode: "006", participants: 10 }));
        const answered = await Promise.race([
          one.$queryRaw<{ n: number }[]>`SELECT 1::int AS n`,
          new Promise((r) => setTimeout(() => r("pool exhausted"), 10_000)),
        ]);
        expect(answered).toEqual([{ n: 1 }]);
      } finally {
        await one.$disconnect();
      }
    },
  );

  it("a write whose audit entry cannot be written does not happen", async () => {
    await t.prisma.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION test_fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit unavailable'; END $$`,
    );
    await t.prisma.$executeRawUnsafe(`CREATE TRIGGER test_fail_audit BEFORE INSERT ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION test_fail_audit()`);
    try {
      const before = { e: await rows("Enrollee"), tg: await rows("Target"), u: await rows("User") };
      await expect(registerEnrollee(t.prisma, staff, registrationInput({ agentId }))).rejects.toThrow(/audit unavailable/);
      await expect(setTarget(t.prisma, admin, { year: 2035, unitCode: "006", participants: 10 })).rejects.toThrow(/audit unavailable/);
      await expect(
        createUser(t.prisma, admin, { login: "khong.audit", name: "Không Ghi", role: "DISTRICT_STAFF", unitCode: "001", passwordMode: "generate" }),
      ).rejects.toThrow(/audit unavailable/);
      expect({ e: await rows("Enrollee"), tg: await rows("Target"), u: await rows("User") }).toEqual(before);
    } finally {
      await t.prisma.$executeRawUnsafe(`DROP TRIGGER test_fail_audit ON "AuditLog"`);
    }
  });
});
