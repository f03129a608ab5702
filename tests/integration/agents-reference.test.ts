// Reference data: labour-force import writes only valid in-scope lines; policy values take effect
// from their date, never rewrite recorded contributions, and national values are national.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "./db";
import { addContribution, createEnrollee, principalFor } from "../fixtures/factories";
import { csvFile, xlsxFile } from "../fixtures/agents";
import type { Principal } from "@/lib/server/auth/authz";
import { getPolicySnapshot } from "@/lib/server/reference/policy";
import {
  addMilestone,
  addPolicyParameter,
  addProvincialTopUp,
  addSubsidyTier,
  deletePolicyRow,
  getLabourForceTable,
  getPolicyOverview,
  importLabourForce,
  setLabourForce,
} from "@/lib/server/reference/reference-data";

const TODAY = "2026-06-15";
let t: TestDb;
let national: Principal, hanoi: Principal, officer: Principal, nghean: Principal;
let vinh: string;

const lf = async (unitCode: string, year: number) =>
  (await t.prisma.$queryRaw<{ persons: number }[]>`SELECT persons FROM "LabourForce" WHERE "unitCode" = ${unitCode} AND year = ${year}`)[0]?.persons ?? null;

beforeAll(async () => {
  t = await freshDb();
  national = await principalFor(t.prisma, "ADMIN", "VN");
  hanoi = await principalFor(t.prisma, "ADMIN", "01");
  officer = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
  nghean = await principalFor(t.prisma, "ADMIN", "40");
  vinh = (await t.prisma.unit.findFirstOrThrow({ where: { areaCode: "412", level: "COMMUNE" }, orderBy: { code: "asc" } })).code;
});
afterAll(async () => {
  await t.close();
});

describe("labour force", () => {
  it("an import mixing valid, invalid and out-of-scope lines writes only the valid in-scope lines", async () => {
    const before = { ba: await lf("00004", 2026), ngoc: await lf("00008", 2026), vinh: await lf(vinh, 2026) };
    expect(before.ba).not.toBeNull();
    const file = csvFile([
      ["Mã đơn vị", "Năm", "Lực lượng lao động"],
      ["00004", "2026", "12.345"], // line 2: update, with a thousands separator
      ["8", "2026", "9876"], // line 3: leading zeros lost in Excel → 00008
      ["00025", "2031", "5000"], // line 4: a new year → insert
      [vinh, "2026", "1"], // line 5: Nghệ An — outside Hà Nội
      ["001", "2026", "100"], // line 6: an area, not a commune
      ["99999", "2026", "100"], // line 7: no such unit
      ["00004", "20x6", "100"], // line 8: bad year
      ["00008", "2027", "nhiều"], // line 9: bad figure
      ["00004", "2026", "777"], // line 10: duplicate of line 2
      ["00025", "2026", String(before.ba)], // line 11: fine (value of another commune)
    ]);
    const preview = await importLabourForce(t.prisma, hanoi, file, { commit: false });
    expect(preview.fileError).toBeUndefined();
    expect(preview.errors.map((e) => e.line)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(preview.errors.find((e) => e.line === 5)?.message).toContain("không thuộc phạm vi");
    expect(preview.errors.find((e) => e.line === 10)?.message).toContain("dòng 2");
    expect(preview.valid).toBe(4);
    expect(preview.inserted).toBe(1);
    expect(await lf("00004", 2026)).toBe(before.ba); // a preview writes nothing
    expect(await lf("00025", 2031)).toBeNull();

    const done = await importLabourForce(t.prisma, hanoi, file, { commit: true });
    expect(done.written).toBe(true);
    expect(await lf("00004", 2026)).toBe(12345);
    expect(await lf("00008", 2026)).toBe(9876);
    expect(await lf("00025", 2031)).toBe(5000);
    expect(await lf("00025", 2026)).toBe(before.ba);
    expect(await lf(vinh, 2026)).toBe(before.vinh);
    expect(await lf("00008", 2027)).not.toBe(0);
    expect(await lf("001", 2026)).toBeNull();
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "labourForce.import" } });
    const changes = (audit.after as { changes: { unitCode: string; year: number; before: number | null; after: number }[] }).changes;
    expect(changes).toContainEqual({ unitCode: "00004", year: 2026, before: before.ba, after: 12345 });
    expect(changes).toContainEqual({ unitCode: "00025", year: 2031, before: null, after: 5000 });
  });

  it("reads XLSX the same way and reports a missing column for the whole file", async () => {
    const ok = await importLabourForce(
      t.prisma,
      nghean,
      await xlsxFile([
        ["mã đơn vị", "năm", "lực lượng lao động"],
        [vinh, 2030, 4321],
        ["00004", 2030, 1],
      ]),
      { commit: true },
    );
    expect(ok.errors.map((e) => e.line)).toEqual([3]);
    expect(await lf(vinh, 2030)).toBe(4321);
    const bad = await importLabourForce(
      t.prisma,
      hanoi,
      csvFile([
        ["mã đơn vị", "năm"],
        ["00004", "2026"],
      ]),
      { commit: true },
    );
    expect(bad.fileError).toContain("lực lượng lao động");
    expect(await lf("00004", 2026)).toBe(12345);
  });

  it("edits one commune inline within scope, audited; sums per province match SQL", async () => {
    await setLabourForce(t.prisma, hanoi, { unitCode: "00008", year: 2026, persons: "10.500" });
    expect(await lf("00008", 2026)).toBe(10500);
    await expect(setLabourForce(t.prisma, hanoi, { unitCode: vinh, year: 2026, persons: 1 })).rejects.toMatchObject({ issues: [{ path: ["unitCode"] }] });
    await expect(setLabourForce(t.prisma, officer, { unitCode: "00008", year: 2026, persons: 1 })).rejects.toMatchObject({ status: 403 });
    const a = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "labourForce.update" } });
    expect(a.after).toMatchObject({ unitCode: "00008", year: 2026, persons: 10500 });
    expect(a.before).toEqual({ persons: 9876 });

    const nation = await getLabourForceTable(t.prisma, national, { year: 2026 });
    const [sql] = await t.prisma.$queryRaw<
      { n: bigint }[]
    >`SELECT sum(lf.persons) AS n FROM "LabourForce" lf JOIN "Unit" u ON u.code = lf."unitCode" WHERE u."provinceCode" = '01' AND u.level = 'COMMUNE' AND lf.year = 2026`;
    expect(nation.rows.find((r) => r.code === "01")?.persons).toBe(Number(sql.n));
    expect(nation.editable).toBe(false);
    const province = await getLabourForceTable(t.prisma, hanoi, { year: 2026 });
    expect(province.rows).toHaveLength(126);
    expect(province.total).toBe(Number(sql.n));
    await expect(getLabourForceTable(t.prisma, hanoi, { unitCode: "40", year: 2026 })).rejects.toMatchObject({ status: 404 });
  });
});

describe("policy values", () => {
  it("a new value takes effect from its date and leaves recorded contributions unchanged", async () => {
    const e = await createEnrollee(t.prisma, "00004");
    const c = await addContribution(t.prisma, e.id, "2026-01-01", "2026-12-31");
    const snapshot = async () =>
      (await t.prisma.$queryRaw<object[]>`SELECT gross, "centralSubsidy", "provincialTopUp", net, "declaredIncome" FROM "Contribution" WHERE id = ${c.id}`)[0];
    const stored = await snapshot();
    const before = await getPolicySnapshot(t.prisma, "2026-06-30", "01");
    expect(before.referenceLevel).toBe(2_340_000);

    await addPolicyParameter(
      t.prisma,
      national,
      { kind: "REFERENCE_LEVEL_VND", value: "2.530.000", effectiveFrom: "2026-07-01", legalBasis: "Nghị định mới" },
      { today: TODAY },
    );
    await addPolicyParameter(t.prisma, national, { kind: "CONTRIBUTION_RATE_BP", value: "22,5", effectiveFrom: "2027-01-01" }, { today: TODAY });
    expect((await getPolicySnapshot(t.prisma, "2026-06-30", "01")).referenceLevel).toBe(2_340_000);
    expect((await getPolicySnapshot(t.prisma, "2026-07-01", "01")).referenceLevel).toBe(2_530_000);
    expect((await getPolicySnapshot(t.prisma, "2026-12-31", "01")).rateBp).toBe(2200);
    expect((await getPolicySnapshot(t.prisma, "2027-01-01", "01")).rateBp).toBe(2250);
    expect(await snapshot()).toEqual(stored);

    await addProvincialTopUp(t.prisma, hanoi, { provinceCode: "01", group: "OTHER", rate: "15", effectiveFrom: "2026-09-01" }, { today: TODAY });
    expect((await getPolicySnapshot(t.prisma, "2026-08-31", "01")).provincialTopUpBp.OTHER).toBe(1000);
    expect((await getPolicySnapshot(t.prisma, "2026-09-01", "01")).provincialTopUpBp.OTHER).toBe(1500);
    expect((await getPolicySnapshot(t.prisma, "2026-09-01", "40")).provincialTopUpBp.OTHER).toBe(0);
    expect(await snapshot()).toEqual(stored);
    expect(await t.prisma.auditLog.count({ where: { action: { in: ["policy.parameter.create", "policy.topup.create"] } } })).toBe(3);
  });

  it("a province admin cannot add national values, nor another province's top-up", async () => {
    const count = async () =>
      (
        await t.prisma.$queryRaw<
          { n: bigint }[]
        >`SELECT (SELECT count(*) FROM "PolicyParameter") + (SELECT count(*) FROM "SubsidyTier") + (SELECT count(*) FROM "CoverageMilestone") + (SELECT count(*) FROM "ProvincialTopUp") AS n`
      )[0].n;
    const n = await count();
    await expect(addPolicyParameter(t.prisma, hanoi, { kind: "INCOME_FLOOR_VND", value: "2000000", effectiveFrom: "2027-01-01" })).rejects.toMatchObject({
      status: 403,
    });
    await expect(addSubsidyTier(t.prisma, hanoi, { group: "POOR", rate: "60", effectiveFrom: "2027-01-01" })).rejects.toMatchObject({ status: 403 });
    await expect(addMilestone(t.prisma, hanoi, { year: 2035, share: "7" })).rejects.toMatchObject({ status: 403 });
    await expect(addProvincialTopUp(t.prisma, hanoi, { provinceCode: "40", group: "POOR", rate: "10", effectiveFrom: "2027-01-01" })).rejects.toMatchObject({
      issues: [{ path: ["provinceCode"] }],
    });
    await expect(addProvincialTopUp(t.prisma, officer, { provinceCode: "01", group: "POOR", rate: "10", effectiveFrom: "2027-01-01" })).rejects.toMatchObject({
      status: 403,
    });
    const row = await t.prisma.policyParameter.findFirstOrThrow({ where: { kind: "REFERENCE_LEVEL_VND", effectiveFrom: new Date("2026-07-01") } });
    await expect(deletePolicyRow(t.prisma, hanoi, "parameter", row.id, { today: TODAY })).rejects.toMatchObject({ status: 403 });
    expect(await count()).toBe(n);
  });

  it("rows in force are never deleted; future rows may be; duplicates and bad values are refused per field", async () => {
    const inForce = await t.prisma.policyParameter.findFirstOrThrow({ where: { kind: "REFERENCE_LEVEL_VND", effectiveFrom: new Date("2024-07-01") } });
    await expect(deletePolicyRow(t.prisma, national, "parameter", inForce.id, { today: TODAY })).rejects.toMatchObject({ issues: [{ path: ["_form"] }] });
    const future = await t.prisma.policyParameter.findFirstOrThrow({ where: { kind: "REFERENCE_LEVEL_VND", effectiveFrom: new Date("2026-07-01") } });
    // once its date has come, the same row can no longer be deleted
    await expect(deletePolicyRow(t.prisma, national, "parameter", future.id, { today: "2026-07-01" })).rejects.toMatchObject({ issues: [{ path: ["_form"] }] });
    await deletePolicyRow(t.prisma, national, "parameter", future.id, { today: TODAY });
    expect((await getPolicySnapshot(t.prisma, "2026-07-01", "01")).referenceLevel).toBe(2_340_000);
    expect(await t.prisma.auditLog.count({ where: { action: "policy.parameter.delete", entityId: String(future.id) } })).toBe(1);

    await expect(addPolicyParameter(t.prisma, national, { kind: "REFERENCE_LEVEL_VND", value: "2340000", effectiveFrom: "2024-07-01" })).rejects.toMatchObject({
      issues: [{ path: ["effectiveFrom"] }],
    });
    await expect(addPolicyParameter(t.prisma, national, { kind: "CONTRIBUTION_RATE_BP", value: "120", effectiveFrom: "2028-01-01" })).rejects.toMatchObject({
      issues: [{ path: ["value"] }],
    });
    await expect(addPolicyParameter(t.prisma, national, { kind: "CONTRIBUTION_RATE_BP", value: "22,555", effectiveFrom: "2028-01-01" })).rejects.toMatchObject({
      issues: [{ path: ["value"] }],
    });
    await expect(addPolicyParameter(t.prisma, national, { kind: "INCOME_FLOOR_VND", value: "1,5 triệu", effectiveFrom: "2028-01-01" })).rejects.toMatchObject({
      issues: [{ path: ["value"] }],
    });
    await expect(addMilestone(t.prisma, national, { year: 2030, share: "6" })).rejects.toMatchObject({ issues: [{ path: ["year"] }] });
    const { id } = await addMilestone(t.prisma, national, { year: 2035, share: "7,5" });
    expect((await t.prisma.coverageMilestone.findUniqueOrThrow({ where: { id } })).shareBp).toBe(750);
    await addPolicyParameter(t.prisma, national, { kind: "FUND_MONTHLY_INTEREST_PPM", value: "0,3375", effectiveFrom: "2026-01-01" }, { today: TODAY });
    expect((await getPolicySnapshot(t.prisma, TODAY, "01")).fundMonthlyInterestPpm).toBe(3375);

    const overview = await getPolicyOverview(t.prisma, hanoi, TODAY);
    expect(overview.canEditNational).toBe(false);
    expect(overview.topUps.every((r) => r.provinceCode === "01")).toBe(true);
    expect(overview.parameters.filter((r) => r.kind === "REFERENCE_LEVEL_VND" && r.state === "inForce").map((r) => r.effectiveFrom)).toEqual(["2024-07-01"]);
    expect(overview.parameters.every((r) => !r.deletable)).toBe(true);
    expect(overview.topUps.filter((r) => r.deletable).map((r) => r.effectiveFrom)).toEqual(["2026-09-01"]);
  });
});
