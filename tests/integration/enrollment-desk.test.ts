// The enrollment desk against a real database: registration with the first payment (amounts per
// Decree 134 vs 159, checked as literal VND), renewals, duplicates, receipts, concurrency, audit,
// and scope (through the lib functions; the API is in enrollment-api.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { freshDb, type TestDb } from "./db";
import { createAgent, principalFor } from "../fixtures/factories";
import { registrationInput } from "../fixtures/enrollment";
import { AuthError, type Principal } from "@/lib/server/auth/authz";
import {
  deleteEnrollee,
  findEnrolleeByPersonalId,
  getEnrollee,
  listEnrollees,
  lookupPersonalId,
  registerEnrollee,
  updateEnrollee,
} from "@/lib/server/enrollment/enrollees";
import { recordPayment } from "@/lib/server/enrollment/contributions";
import { addDays, addMonths, fromIsoDate, todayInVietnam } from "@/lib/domain/dates";
import { makePersonalId } from "@/lib/domain/personal-id";

let t: TestDb;
let badinh: Principal, dongda: Principal, vinh: Principal, hanoiOfficer: Principal;
let badinhAgent: number, badinhAgent2: number, endedAgent: number, dongdaCommune: string, vinhCommune: string;
const TODAY = todayInVietnam();

type IssueLike = { path: PropertyKey[]; message: string; params?: Record<string, unknown> };
async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e,
  );
}
async function fieldErrors(p: Promise<unknown>): Promise<Record<string, IssueLike[]>> {
  const e = await failure(p);
  expect(e, String(e)).toBeInstanceOf(ZodError);
  const out: Record<string, IssueLike[]> = {};
  for (const i of (e as ZodError).issues) (out[i.path.join(".")] ??= []).push(i as unknown as IssueLike);
  return out;
}
const count = async (sql: Prisma.Sql) => Number((await t.prisma.$queryRaw<{ n: bigint }[]>(sql))[0].n);

beforeAll(async () => {
  t = await freshDb();
  badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  dongda = await principalFor(t.prisma, "DISTRICT_STAFF", "006");
  vinh = await principalFor(t.prisma, "DISTRICT_STAFF", "412");
  hanoiOfficer = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
  badinhAgent = (await createAgent(t.prisma, "00004")).id;
  badinhAgent2 = (await createAgent(t.prisma, "00004")).id;
  endedAgent = (await createAgent(t.prisma, "00004", { status: "ENDED" })).id;
  dongdaCommune = (await t.prisma.unit.findFirstOrThrow({ where: { areaCode: "006", level: "COMMUNE" }, orderBy: { code: "asc" } })).code;
  vinhCommune = (await t.prisma.unit.findFirstOrThrow({ where: { areaCode: "412", level: "COMMUNE" }, orderBy: { code: "asc" } })).code;
});
afterAll(async () => {
  await t.close();
});

describe("registration with the first payment", () => {
  it("Hà Nội, others, 1,500,000 VND, 12 months paid 10/03/2025: Decree 134 (10%) + Hà Nội 10%", async () => {
    const r = await registerEnrollee(t.prisma, badinh, registrationInput({ agentId: badinhAgent }));
    expect(r.payment).toMatchObject({
      periodStart: "2025-03-01",
      periodEnd: "2026-02-28",
      months: 12,
      monthlyContribution: 330_000,
      gross: 3_960_000,
      centralSubsidy: 396_000,
      provincialTopUp: 396_000,
      net: 3_168_000,
      subsidyMonths: 12,
    });
    // the stored rows, read back with SQL
    const [c] = await t.prisma.$queryRaw<
      {
        gross: number;
        centralSubsidy: number;
        provincialTopUp: number;
        net: number;
        s: string;
        e: string;
        areaCode: string;
        communeCode: string;
        provinceCode: string;
      }[]
    >`
      SELECT gross, "centralSubsidy", "provincialTopUp", net, "periodStart"::text AS s, "periodEnd"::text AS e, "areaCode", "communeCode", "provinceCode"
      FROM "Contribution" WHERE "enrolleeId" = ${r.id}`;
    expect(c).toEqual({
      gross: 3_960_000,
      centralSubsidy: 396_000,
      provincialTopUp: 396_000,
      net: 3_168_000,
      s: "2025-03-01",
      e: "2026-02-28",
      areaCode: "001",
      communeCode: "00004",
      provinceCode: "01",
    });
    const [e] = await t.prisma.$queryRaw<{ cov: string; first: string; used: number; version: number }[]>`
      SELECT "coverageEnd"::text AS cov, "firstCoveredOn"::text AS first, "subsidyMonthsUsed" AS used, version FROM "Enrollee" WHERE id = ${r.id}`;
    expect(e).toEqual({ cov: "2026-02-28", first: "2025-03-01", used: 12, version: 2 });
  });

  it("the same person paid 10/08/2025: Decree 159 (20%) + Hà Nội 10%", async () => {
    const r = await registerEnrollee(
      t.prisma,
      badinh,
      registrationInput({ enrolledOn: "2025-08-10", payment: { method: "BANK_TRANSFER", receiptNo: "CK-159-1", paidOn: "2025-08-10" } }),
    );
    expect(r.payment).toMatchObject({
      periodStart: "2025-08-01",
      periodEnd: "2026-07-31",
      gross: 3_960_000,
      centralSubsidy: 792_000,
      provincialTopUp: 396_000,
      net: 2_772_000,
    });
  });

  it("near-poor in Hà Nội after 1/7/2025 at 2,000,000 VND, 6 months: 40% + 60% of 330,000", async () => {
    const r = await registerEnrollee(
      t.prisma,
      badinh,
      registrationInput({
        subsidyGroup: "NEAR_POOR",
        declaredIncome: "2.000.000",
        paymentPeriod: "SEMIANNUAL",
        enrolledOn: "2025-09-02",
        payment: { method: "CASH", receiptNo: "NP-1", paidOn: "2025-09-02" },
      }),
    );
    // 2,000,000 × 22% = 440,000; subsidy per month 132,000 + 198,000
    expect(r.payment).toMatchObject({
      months: 6,
      gross: 2_640_000,
      centralSubsidy: 792_000,
      provincialTopUp: 1_188_000,
      net: 660_000,
      periodEnd: "2026-02-28",
    });
  });

  it("Nghệ An (no top-up), poor household, quarterly, paid 15/06/2025 under Decree 134 (30%)", async () => {
    const r = await registerEnrollee(
      t.prisma,
      vinh,
      registrationInput({
        communeCode: vinhCommune,
        subsidyGroup: "POOR",
        paymentPeriod: "QUARTERLY",
        enrolledOn: "2025-06-15",
        payment: { method: "POST_OFFICE", receiptNo: "NA-1", paidOn: "2025-06-15" },
      }),
    );
    expect(r.payment).toMatchObject({
      months: 3,
      gross: 990_000,
      centralSubsidy: 297_000,
      provincialTopUp: 0,
      net: 693_000,
      periodStart: "2025-06-01",
      periodEnd: "2025-08-31",
    });
    expect(r.enrollee).toMatchObject({ provinceCode: "40", areaCode: "412" });
  });

  it("registers without a payment: NEVER_PAID, nothing covered", async () => {
    const { payment: _p, ...noPayment } = registrationInput();
    const r = await registerEnrollee(t.prisma, badinh, noPayment);
    expect(r.payment).toBeNull();
    expect(r.enrollee).toMatchObject({ status: "NEVER_PAID", coverageEnd: null });
  });

  it("normalises what was typed: spaced CCCD, NFD name, dd/mm/yyyy, +84 phone", async () => {
    const input = registrationInput();
    const spaced = `${input.personalId.slice(0, 3)} ${input.personalId.slice(3, 6)}.${input.personalId.slice(6)}`;
    const r = await registerEnrollee(t.prisma, badinh, {
      ...input,
      personalId: spaced,
      fullName: "  Lê   Thị Hoà  ".normalize("NFD"),
      dateOfBirth: "15/03/1985",
      phone: "+84 912 345 679",
    });
    const [row] = await t.prisma.$queryRaw<{ personalId: string; fullName: string; searchName: string; dob: string; phone: string }[]>`
      SELECT "personalId", "fullName", "searchName", "dateOfBirth"::text AS dob, phone FROM "Enrollee" WHERE id = ${r.id}`;
    expect(row).toEqual({
      personalId: input.personalId,
      fullName: "Lê Thị Hoà".normalize("NFC"),
      searchName: "le thi hoa",
      dob: "1985-03-15",
      phone: "0912345679",
    });
  });

  it("rejects on the server what the form rejects: CCCD parts, age under 15, income range", async () => {
    const errs = await fieldErrors(
      registerEnrollee(
        t.prisma,
        badinh,
        registrationInput({
          personalId: "001185012345", // G=1: female 1900s; the form says male
          declaredIncome: 50_000_000,
        }),
      ),
    );
    expect(errs.personalId.map((i) => i.message)).toEqual([
      "Chữ số thứ 4 (thế kỷ và giới tính) là 1 — nghĩa là nữ sinh thế kỷ 20, nhưng giới tính đã nhập là nam",
    ]);
    expect(errs.declaredIncome.map((i) => i.message)).toEqual(["Mức thu nhập phải từ 1.500.000 ₫ đến 46.800.000 ₫"]);
    const young = await fieldErrors(
      registerEnrollee(t.prisma, badinh, registrationInput({ dateOfBirth: "2010-03-11", personalId: makePersonalId("001", "2010-03-11", "MALE", 1) })),
    );
    expect(young.dateOfBirth[0].message).toBe("Người tham gia phải đủ 15 tuổi vào ngày đăng ký 10/03/2025 (mới 14 tuổi)");
  });

  it("checks the commune, agent and conference on the server", async () => {
    const errs = await fieldErrors(registerEnrollee(t.prisma, badinh, registrationInput({ communeCode: dongdaCommune })));
    expect(Object.keys(errs)).toContain("communeCode");
    const ended = await fieldErrors(registerEnrollee(t.prisma, badinh, registrationInput({ agentId: endedAgent })));
    expect(ended.agentId[0].message).toBe("Đại lý này không phục vụ xã/phường đã chọn hoặc không còn hoạt động");
    const conf = await t.prisma.outreachConference.create({
      data: { heldOn: fromIsoDate("2025-03-01"), communeCode: "00008", areaCode: "001", provinceCode: "01", title: "HN Ngọc Hà" },
    });
    const wrongConf = await fieldErrors(registerEnrollee(t.prisma, badinh, registrationInput({ conferenceId: conf.id })));
    expect(Object.keys(wrongConf)).toEqual(["conferenceId"]);
    const ok = await registerEnrollee(t.prisma, badinh, registrationInput({ conferenceId: conf.id, communeCode: "00008" }));
    expect(ok.id).toBeGreaterThan(0);
  });
});

describe("unique ID number and possible duplicates", () => {
  it("a taken CCCD is a field error naming the existing enrollee inside the scope, nothing outside it", async () => {
    const first = await registerEnrollee(t.prisma, badinh, registrationInput());
    const again = registrationInput({ personalId: first.enrollee.personalId, fullName: "Người Khác" });
    const errs = await fieldErrors(registerEnrollee(t.prisma, badinh, again));
    expect(errs.personalId[0].params).toEqual({ code: "DUPLICATE_PERSONAL_ID", existingId: first.id });
    expect(errs.personalId[0].message).toContain("Số CCCD này đã được đăng ký cho người tham gia khác");
    // Đống Đa staff registering the same number in their own commune learn only that it exists elsewhere
    const elsewhere = await fieldErrors(registerEnrollee(t.prisma, dongda, { ...again, communeCode: dongdaCommune }));
    expect(elsewhere.personalId[0].message).toBe("Số CCCD này đã được đăng ký ở đơn vị khác (ngoài phạm vi của bạn)");
    expect(elsewhere.personalId[0].params).toEqual({ code: "DUPLICATE_PERSONAL_ID" });
    expect(await count(Prisma.sql`SELECT count(*) AS n FROM "Enrollee" WHERE "personalId" = ${first.enrollee.personalId}`)).toBe(1);
  });

  it("the database's unique index gives the same field error when the pre-check is raced", async () => {
    const input = registrationInput({ payment: undefined });
    // two registrations of one number at the same time: exactly one wins, the other gets the personalId field error
    const results = await Promise.allSettled([
      registerEnrollee(t.prisma, badinh, input),
      registerEnrollee(t.prisma, badinh, { ...input, fullName: "Bản Sao" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ZodError);
    expect((rejected.reason as ZodError).issues[0].path).toEqual(["personalId"]);
    expect(await count(Prisma.sql`SELECT count(*) AS n FROM "Enrollee" WHERE "personalId" = ${input.personalId}`)).toBe(1);
  });

  it("same name and date of birth in the province: a warning to confirm, then registration goes ahead", async () => {
    const a = registrationInput({ fullName: "Phạm Thị Trùng", dateOfBirth: "1990-05-05", sex: "FEMALE", payment: undefined });
    await registerEnrollee(t.prisma, badinh, a);
    const b = registrationInput({ fullName: "PHAM THI TRUNG", dateOfBirth: "1990-05-05", sex: "FEMALE", payment: undefined });
    const errs = await fieldErrors(registerEnrollee(t.prisma, badinh, b));
    expect(Object.keys(errs)).toEqual(["confirmDuplicate"]);
    expect(errs.confirmDuplicate[0].message).toContain("Trong tỉnh đã có 1 người cùng họ tên và ngày sinh");
    // Đống Đa is in the same province: warned too, but not told who it is
    const fromDongda = await fieldErrors(
      registerEnrollee(t.prisma, dongda, {
        ...registrationInput({ fullName: "Phạm Thị Trùng", dateOfBirth: "1990-05-05", sex: "FEMALE", payment: undefined }),
        communeCode: dongdaCommune,
      }),
    );
    expect(fromDongda.confirmDuplicate[0].params).toEqual({ code: "POSSIBLE_DUPLICATE", existingIds: [] });
    const ok = await registerEnrollee(t.prisma, badinh, { ...b, confirmDuplicate: "on" });
    expect(ok.enrollee.fullName).toBe("PHAM THI TRUNG");
  });

  it("findEnrolleeByPersonalId / lookupPersonalId respect the scope", async () => {
    const r = await registerEnrollee(t.prisma, badinh, registrationInput({ payment: undefined }));
    expect((await findEnrolleeByPersonalId(t.prisma, badinh, r.enrollee.personalId))?.id).toBe(r.id);
    expect(await findEnrolleeByPersonalId(t.prisma, dongda, r.enrollee.personalId)).toBeNull();
    expect(await lookupPersonalId(t.prisma, dongda, r.enrollee.personalId)).toEqual({ kind: "elsewhere" });
    expect(await lookupPersonalId(t.prisma, dongda, "001999999999")).toEqual({ kind: "none" });
  });
});

describe("payments and renewals", () => {
  it("a renewal while active continues the coverage; after a lapse it starts in the month paid", async () => {
    const r = await registerEnrollee(
      t.prisma,
      badinh,
      registrationInput({
        agentId: badinhAgent,
        paymentPeriod: "MONTHLY",
        enrolledOn: "2025-01-05",
        payment: { method: "CASH", receiptNo: "M-1", paidOn: "2025-01-05" },
      }),
    );
    expect(r.payment).toMatchObject({
      periodStart: "2025-01-01",
      periodEnd: "2025-01-31",
      gross: 330_000,
      centralSubsidy: 33_000,
      provincialTopUp: 33_000,
      net: 264_000,
    });
    // paid on 20/01/2025 while covered: continues from 1/2
    const next = await recordPayment(t.prisma, badinh, r.id, {
      method: "CASH",
      receiptNo: "M-2",
      paidOn: "2025-01-20",
      period: "QUARTERLY",
      declaredIncome: 1_500_000,
    });
    expect(next).toMatchObject({ periodStart: "2025-02-01", periodEnd: "2025-04-30", agentId: badinhAgent, coverageEnd: "2025-04-30" });
    // coverage ended 30/04/2025; today it is long lapsed: a payment today starts on the 1st of this month
    const later = await recordPayment(t.prisma, badinh, r.id, { method: "E_WALLET", receiptNo: "M-3", period: "ANNUAL", declaredIncome: "3000000" });
    const start = `${TODAY.slice(0, 7)}-01`;
    expect(later).toMatchObject({
      periodStart: start,
      periodEnd: addDays(addMonths(start, 12), -1),
      paidOn: TODAY,
      status: "ACTIVE",
      declaredIncome: 3_000_000,
    });
    // Decree 159 today: 660,000 a month gross; subsidy 66,000 + 33,000 (Hà Nội)
    expect(later).toMatchObject({ gross: 7_920_000, centralSubsidy: 792_000, provincialTopUp: 396_000, net: 6_732_000 });
    const [e] = await t.prisma.$queryRaw<{ cov: string; first: string; used: number; income: number; period: string }[]>`
      SELECT "coverageEnd"::text AS cov, "firstCoveredOn"::text AS first, "subsidyMonthsUsed" AS used, "declaredIncome" AS income, "paymentPeriod"::text AS period FROM "Enrollee" WHERE id = ${r.id}`;
    expect(e).toEqual({ cov: later.periodEnd, first: "2025-01-01", used: 16, income: 3_000_000, period: "ANNUAL" });
  });

  it("a payment names its agent, or the social insurance office chosen explicitly (issue 15)", async () => {
    // registration with a first payment: no agent and no "OFFICE" is a field error on the agent, nothing is written
    const before = await t.prisma.enrollee.count();
    const errs = await fieldErrors(registerEnrollee(t.prisma, badinh, registrationInput({ agentId: undefined })));
    expect(errs.agentId.map((i) => i.message)).toEqual(["Chọn đại lý thu đã thu khoản này, hoặc chọn “Nộp tại cơ quan BHXH”"]);
    expect(await t.prisma.enrollee.count()).toBe(before);
    // explicitly at the office: no agent on the person nor on the payment
    const office = await registerEnrollee(t.prisma, badinh, registrationInput({ agentId: "OFFICE" }));
    expect(office.payment).toMatchObject({ agentId: null });
    // a renewal for a person without an agent: refused unless an agent or "OFFICE" is given
    const noAgent = await fieldErrors(
      recordPayment(t.prisma, badinh, office.id, { method: "CASH", receiptNo: "AG-1", period: "ANNUAL", declaredIncome: 1_500_000 }),
    );
    expect(Object.keys(noAgent)).toEqual(["agentId"]);
    const byAgent = await recordPayment(t.prisma, badinh, office.id, {
      method: "CASH",
      receiptNo: "AG-1",
      period: "ANNUAL",
      declaredIncome: 1_500_000,
      agentId: badinhAgent,
    });
    expect(byAgent.agentId).toBe(badinhAgent);
    // a person with an agent: the agent is their own when none is given; "OFFICE" overrides it explicitly
    const withAgent = await registerEnrollee(t.prisma, badinh, registrationInput({ agentId: badinhAgent, payment: undefined }));
    expect(
      (await recordPayment(t.prisma, badinh, withAgent.id, { method: "CASH", receiptNo: "AG-2", period: "ANNUAL", declaredIncome: 1_500_000 })).agentId,
    ).toBe(badinhAgent);
    expect(
      (
        await recordPayment(t.prisma, badinh, withAgent.id, {
          method: "CASH",
          receiptNo: "AG-3",
          period: "ANNUAL",
          declaredIncome: 1_500_000,
          agentId: "OFFICE",
        })
      ).agentId,
    ).toBeNull();
  });

  it("an overdue person (ended within 3 months) continues without a gap", async () => {
    const end = addDays(`${addMonths(TODAY, -1).slice(0, 7)}-01`, -1); // last day of two months ago
    const r = await registerEnrollee(t.prisma, badinh, registrationInput({ payment: undefined, enrolledOn: "2024-01-01" }));
    await t.prisma.contribution.create({
      data: {
        enrolleeId: r.id,
        provinceCode: "01",
        areaCode: "001",
        communeCode: "00004",
        periodStart: fromIsoDate(`${end.slice(0, 7)}-01`),
        periodEnd: fromIsoDate(end),
        months: 1,
        declaredIncome: 1_500_000,
        paymentPeriod: "MONTHLY",
        gross: 330_000,
        centralSubsidy: 66_000,
        provincialTopUp: 33_000,
        net: 231_000,
        method: "CASH",
        receiptNo: "OV-0",
        paidOn: fromIsoDate(`${end.slice(0, 7)}-01`),
      },
    });
    await t.prisma.enrollee.update({ where: { id: r.id }, data: { coverageEnd: fromIsoDate(end), firstCoveredOn: fromIsoDate(`${end.slice(0, 7)}-01`) } });
    expect((await getEnrollee(t.prisma, badinh, r.id)).status).toBe("OVERDUE");
    const p = await recordPayment(t.prisma, badinh, r.id, {
      method: "CASH",
      receiptNo: "OV-1",
      period: "MONTHLY",
      declaredIncome: 1_500_000,
      agentId: "OFFICE",
    });
    expect(p.periodStart).toBe(addDays(end, 1));
  });

  it("a receipt number is unique per agent: the second use is a field error, another agent may use it", async () => {
    const a = await registerEnrollee(
      t.prisma,
      badinh,
      registrationInput({ agentId: badinhAgent, payment: { method: "CASH", receiptNo: "bl-777", paidOn: "2025-03-10" } }),
    );
    expect(a.payment?.receiptNo).toBe("BL-777");
    const b = await registerEnrollee(t.prisma, badinh, registrationInput({ agentId: badinhAgent, payment: undefined }));
    const errs = await fieldErrors(recordPayment(t.prisma, badinh, b.id, { method: "CASH", receiptNo: "BL-777", period: "ANNUAL", declaredIncome: 1_500_000 }));
    expect(errs.receiptNo[0].message).toBe("Số biên lai BL-777 đã được dùng cho đại lý này");
    const other = await recordPayment(t.prisma, badinh, b.id, {
      method: "CASH",
      receiptNo: "BL-777",
      period: "ANNUAL",
      declaredIncome: 1_500_000,
      agentId: badinhAgent2,
    });
    expect(other.agentId).toBe(badinhAgent2);
    // an agent that does not serve the commune cannot be named
    const dongdaAgent = (await createAgent(t.prisma, dongdaCommune)).id;
    const wrong = await fieldErrors(
      recordPayment(t.prisma, badinh, b.id, { method: "CASH", receiptNo: "X-1", period: "ANNUAL", declaredIncome: 1_500_000, agentId: dongdaAgent }),
    );
    expect(Object.keys(wrong)).toEqual(["agentId"]);
  });

  it("a registration whose first payment fails leaves nothing behind: no enrollee, no contribution, no audit entry", async () => {
    await registerEnrollee(t.prisma, badinh, registrationInput({ agentId: badinhAgent, payment: { method: "CASH", receiptNo: "TX-1", paidOn: "2025-03-10" } }));
    const input = registrationInput({ agentId: badinhAgent, payment: { method: "CASH", receiptNo: "TX-1", paidOn: "2025-03-10" } });
    const auditBefore = await count(Prisma.sql`SELECT count(*) AS n FROM "AuditLog"`);
    const errs = await fieldErrors(registerEnrollee(t.prisma, badinh, input));
    expect(Object.keys(errs)).toEqual(["payment.receiptNo"]);
    expect(await count(Prisma.sql`SELECT count(*) AS n FROM "Enrollee" WHERE "personalId" = ${input.personalId}`)).toBe(0);
    expect(await count(Prisma.sql`SELECT count(*) AS n FROM "AuditLog"`)).toBe(auditBefore);
  });

  it("writes the audit entries of a registration and a payment with the change", async () => {
    const r = await registerEnrollee(t.prisma, badinh, registrationInput());
    const rows = await t.prisma.$queryRaw<{ action: string; userLogin: string; unitCode: string }[]>`
      SELECT action, "userLogin", "unitCode" FROM "AuditLog" WHERE entity = 'Enrollee' AND "entityId" = ${String(r.id)} ORDER BY id`;
    expect(rows).toEqual([
      { action: "enrollee.create", userLogin: badinh.login, unitCode: "00004" },
      { action: "contribution.create", userLogin: badinh.login, unitCode: "00004" },
    ]);
  });

  it("two payments recorded at the same time never overlap: both succeed, one after the other", async () => {
    const r = await registerEnrollee(t.prisma, badinh, registrationInput({ payment: undefined, enrolledOn: TODAY }));
    const pay = (receiptNo: string) =>
      recordPayment(t.prisma, badinh, r.id, { method: "CASH", receiptNo, period: "ANNUAL", declaredIncome: 1_500_000, agentId: "OFFICE" });
    const results = await Promise.allSettled([pay("C-1"), pay("C-2"), pay("C-3")]);
    const ok = results.filter((x) => x.status === "fulfilled");
    // the row lock serialises them: each waits for the previous one and continues where it ended
    expect(results.map((x) => (x.status === "rejected" ? String(x.reason) : "ok"))).toEqual(["ok", "ok", "ok"]);
    const overlaps = await count(Prisma.sql`
      SELECT count(*) AS n FROM "Contribution" a JOIN "Contribution" b ON a."enrolleeId" = b."enrolleeId" AND a.id < b.id
      WHERE a."enrolleeId" = ${r.id} AND a."periodStart" <= b."periodEnd" AND a."periodEnd" >= b."periodStart"`);
    expect(overlaps).toBe(0);
    const [agg] = await t.prisma.$queryRaw<{ n: bigint; months: bigint; maxEnd: string; cov: string; used: number }[]>`
      SELECT count(*) AS n, sum(c.months) AS months, max(c."periodEnd")::text AS "maxEnd", e."coverageEnd"::text AS cov, e."subsidyMonthsUsed" AS used
      FROM "Contribution" c JOIN "Enrollee" e ON e.id = c."enrolleeId" WHERE c."enrolleeId" = ${r.id} GROUP BY e.id`;
    expect(Number(agg.n)).toBe(ok.length);
    expect(Number(agg.months)).toBe(12 * ok.length);
    expect(agg.cov).toBe(agg.maxEnd);
    expect(agg.used).toBe(12 * ok.length);
    const start = `${TODAY.slice(0, 7)}-01`;
    expect(agg.maxEnd).toBe(addDays(addMonths(start, 12 * ok.length), -1));
  });

  it("the database refuses an overlapping contribution whoever writes it (trigger)", async () => {
    const r = await registerEnrollee(t.prisma, badinh, registrationInput());
    const e = await failure(
      t.prisma.contribution.create({
        data: {
          enrolleeId: r.id,
          provinceCode: "01",
          areaCode: "001",
          communeCode: "00004",
          periodStart: fromIsoDate("2025-06-01"),
          periodEnd: fromIsoDate("2025-06-30"),
          months: 1,
          declaredIncome: 1_500_000,
          paymentPeriod: "MONTHLY",
          gross: 330_000,
          centralSubsidy: 0,
          provincialTopUp: 0,
          net: 330_000,
          method: "CASH",
          receiptNo: "TRG-1",
          paidOn: fromIsoDate("2025-06-01"),
        },
      }),
    );
    expect(String((e as Error).message) + JSON.stringify((e as { meta?: unknown }).meta ?? {})).toContain("contribution_overlap");
  });
});

describe("edit and delete", () => {
  it("edits are audited with before/after of the changed fields; a CCCD change is re-validated", async () => {
    const r = await registerEnrollee(t.prisma, badinh, registrationInput({ payment: undefined }));
    const base = { ...registrationInput(), ...r.enrollee, payment: undefined, version: r.enrollee.version };
    const bad = await fieldErrors(updateEnrollee(t.prisma, badinh, r.id, { ...base, personalId: makePersonalId("001", "1986-03-15", "MALE", 1) }));
    expect(bad.personalId[0].message).toBe("Chữ số 5–6 (năm sinh) là 86 nhưng năm sinh đã nhập là 1985");
    const updated = await updateEnrollee(t.prisma, badinh, r.id, { ...base, phone: "0987654321", fullName: "Trần Văn Đổi" });
    expect(updated.version).toBe(r.enrollee.version + 1);
    const [a] = await t.prisma.$queryRaw<{ before: unknown; after: unknown }[]>`
      SELECT before, after FROM "AuditLog" WHERE entity = 'Enrollee' AND "entityId" = ${String(r.id)} AND action = 'enrollee.update'`;
    expect(a).toEqual({ before: { fullName: r.enrollee.fullName, phone: "0912345678" }, after: { fullName: "Trần Văn Đổi", phone: "0987654321" } });
    // a stale version is refused
    const stale = await fieldErrors(updateEnrollee(t.prisma, badinh, r.id, { ...base, phone: "0911111111" }));
    expect(stale._form[0].params).toEqual({ code: "STALE" });
  });

  it("deletes only a registration without contributions", async () => {
    const paid = await registerEnrollee(t.prisma, badinh, registrationInput());
    const errs = await fieldErrors(deleteEnrollee(t.prisma, badinh, paid.id));
    expect(errs._form[0].message).toBe("Không thể xóa người đã có khoản đóng");
    const unpaid = await registerEnrollee(t.prisma, badinh, registrationInput({ payment: undefined }));
    await deleteEnrollee(t.prisma, badinh, unpaid.id);
    expect(await count(Prisma.sql`SELECT count(*) AS n FROM "Enrollee" WHERE id = ${unpaid.id}`)).toBe(0);
    expect(await count(Prisma.sql`SELECT count(*) AS n FROM "AuditLog" WHERE action = 'enrollee.delete' AND "entityId" = ${String(unpaid.id)}`)).toBe(1);
  });
});

describe("list and search", () => {
  it("finds by name without diacritics (every word), CCCD, phone; filters by status; counts match SQL", async () => {
    const r = await registerEnrollee(
      t.prisma,
      badinh,
      registrationInput({
        fullName: "Đặng Thị Ngọc Ánh",
        sex: "FEMALE",
        personalId: makePersonalId("001", "1985-03-15", "FEMALE", 424242),
        phone: "0977000111",
        payment: undefined,
      }),
    );
    const byName = await listEnrollees(t.prisma, badinh, { q: "anh dang" });
    expect(byName.rows.map((x) => x.id)).toContain(r.id);
    expect(
      byName.rows.every((x) =>
        /dang/.test(
          x.fullName
            .normalize("NFD")
            .replace(/[\u0300-\u036f]/g, "")
            .replace(/Đ/g, "D")
            .toLowerCase(),
        ),
      ),
    ).toBe(true);
    expect((await listEnrollees(t.prisma, badinh, { q: r.enrollee.personalId })).rows.map((x) => x.id)).toEqual([r.id]);
    expect((await listEnrollees(t.prisma, badinh, { q: "0977 000 111" })).rows.map((x) => x.id)).toEqual([r.id]);
    const never = await listEnrollees(t.prisma, badinh, { status: "NEVER_PAID", pageSize: 200 });
    expect(never.total).toBe(await count(Prisma.sql`SELECT count(*) AS n FROM "Enrollee" WHERE "areaCode" = '001' AND "coverageEnd" IS NULL`));
    const lapsedFrom = addMonths(TODAY, -3);
    const lapsed = await listEnrollees(t.prisma, badinh, { status: "LAPSED" });
    expect(lapsed.total).toBe(await count(Prisma.sql`SELECT count(*) AS n FROM "Enrollee" WHERE "areaCode" = '001' AND "coverageEnd" < ${lapsedFrom}::date`));
    expect(lapsed.total).toBeGreaterThan(0);
    expect(lapsed.rows.every((x) => x.status === "LAPSED")).toBe(true);
    const all = await listEnrollees(t.prisma, badinh, { pageSize: 5, page: 2 });
    expect(all.total).toBe(await count(Prisma.sql`SELECT count(*) AS n FROM "Enrollee" WHERE "areaCode" = '001'`));
    expect(all.rows).toHaveLength(5);
  });
});

describe("scope: Ba Đình staff and an enrollee of Đống Đa", () => {
  let dongdaId: number;
  beforeAll(async () => {
    const r = await registerEnrollee(t.prisma, dongda, registrationInput({ communeCode: dongdaCommune, fullName: "Người Đống Đa" }));
    dongdaId = r.id;
  });

  it("cannot list, read, edit, pay for or delete it", async () => {
    expect((await listEnrollees(t.prisma, badinh, { q: "nguoi dong da" })).total).toBe(0);
    expect((await listEnrollees(t.prisma, badinh, { commune: dongdaCommune })).total).toBe(0);
    expect(await failure(getEnrollee(t.prisma, badinh, dongdaId))).toMatchObject({ status: 404 });
    const before = await count(Prisma.sql`SELECT count(*) AS n FROM "Contribution" WHERE "enrolleeId" = ${dongdaId}`);
    expect(
      await failure(recordPayment(t.prisma, badinh, dongdaId, { method: "CASH", receiptNo: "HACK-1", period: "ANNUAL", declaredIncome: 1_500_000 })),
    ).toBeInstanceOf(AuthError);
    expect(await count(Prisma.sql`SELECT count(*) AS n FROM "Contribution" WHERE "enrolleeId" = ${dongdaId}`)).toBe(before);
    const e = await t.prisma.enrollee.findUniqueOrThrow({ where: { id: dongdaId } });
    expect(
      await failure(updateEnrollee(t.prisma, badinh, dongdaId, { ...registrationInput(), personalId: e.personalId, fullName: "Đổi Tên", version: e.version })),
    ).toMatchObject({ status: 404 });
    expect(await failure(deleteEnrollee(t.prisma, badinh, dongdaId))).toMatchObject({ status: 404 });
    expect((await t.prisma.enrollee.findUniqueOrThrow({ where: { id: dongdaId } })).fullName).toBe("Người Đống Đa");
  });

  it("the provincial officer reads both but may not write", async () => {
    const e = await getEnrollee(t.prisma, hanoiOfficer, dongdaId);
    expect(e.fullName).toBe("Người Đống Đa");
    // lists and the detail show officers only the last 4 digits (ADR 0704); a full-number search still finds the person
    const full = (await t.prisma.enrollee.findUniqueOrThrow({ where: { id: dongdaId } })).personalId;
    expect(e.personalId).toBe(`********${full.slice(-4)}`);
    const listed = await listEnrollees(t.prisma, hanoiOfficer, { q: full });
    expect(listed.rows.map((r) => r.personalId)).toEqual([`********${full.slice(-4)}`]);
    expect((await listEnrollees(t.prisma, dongda, { q: full })).rows[0].personalId).toBe(full);
    expect(
      await failure(recordPayment(t.prisma, hanoiOfficer, dongdaId, { method: "CASH", receiptNo: "P-1", period: "ANNUAL", declaredIncome: 1_500_000 })),
    ).toMatchObject({ status: 403 });
    expect(await failure(registerEnrollee(t.prisma, hanoiOfficer, registrationInput()))).toMatchObject({ status: 403 });
  });
});
