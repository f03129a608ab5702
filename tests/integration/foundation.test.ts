import type { AuditAction } from "@/lib/domain/audit-actions"; // test kinds outside the list, written directly
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "./db";
import { addContribution, createEnrollee, principalFor } from "../fixtures/factories";
import { AuthError, scopeWhere, type Principal } from "@/lib/server/auth/authz";
import { getUnit, listChildrenWithStats, searchUnits } from "@/lib/server/units/browser";
import { countParticipants } from "@/lib/server/dashboard/counting";
import { writeAudit } from "@/lib/server/trust/audit";
import { throttledUntil, recordFailure, recordSuccess, FREE_FAILURES } from "@/lib/server/auth/login-throttle";

let t: TestDb;
beforeAll(async () => {
  t = await freshDb();
});
afterAll(async () => {
  await t.close();
});

describe("reference data", () => {
  it("loads 34 provinces, 3,321 communes grouped into 696 areas, one nation", async () => {
    const count = (level: "NATION" | "PROVINCE" | "AREA" | "COMMUNE") => t.prisma.unit.count({ where: { level } });
    expect(await count("NATION")).toBe(1);
    expect(await count("PROVINCE")).toBe(34);
    expect(await count("AREA")).toBe(696);
    expect(await count("COMMUNE")).toBe(3321);
    expect(await t.prisma.unit.count({ where: { level: "COMMUNE", communeKind: "DAC_KHU" } })).toBe(13);
    // every commune's area belongs to the commune's province
    const bad = await t.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "Unit" c JOIN "Unit" a ON a.code = c."parentCode"
      WHERE c.level = 'COMMUNE' AND (a.level <> 'AREA' OR a."provinceCode" <> c."provinceCode" OR c."areaCode" <> a.code)`;
    expect(Number(bad[0].n)).toBe(0);
  });

  it("has a labour-force figure for every commune and year 2021–2030, and the regulations", async () => {
    expect(await t.prisma.labourForce.count()).toBe(3321 * 10);
    const national = await t.prisma.labourForce.aggregate({ where: { year: 2025 }, _sum: { persons: true } });
    expect(national._sum.persons).toBeGreaterThan(50_000_000);
    expect(national._sum.persons).toBeLessThan(56_000_000);
    expect(await t.prisma.coverageMilestone.findMany({ orderBy: { year: "asc" }, select: { year: true, shareBp: true } })).toEqual([
      { year: 2021, shareBp: 100 },
      { year: 2025, shareBp: 250 },
      { year: 2030, shareBp: 500 },
    ]);
    expect(await t.prisma.subsidyTier.count()).toBe(10);
  });
});

describe("scopes", () => {
  // two areas of Hà Nội (Ba Đình 001, Đống Đa 006) and one of Nghệ An (Vinh 412)
  let national: Principal, hanoiAdmin: Principal, hanoiOfficer: Principal, badinh: Principal, dongda: Principal, nghean: Principal;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    national = await principalFor(t.prisma, "ADMIN", "VN");
    hanoiAdmin = await principalFor(t.prisma, "ADMIN", "01");
    hanoiOfficer = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
    badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
    dongda = await principalFor(t.prisma, "DISTRICT_STAFF", "006");
    nghean = await principalFor(t.prisma, "PROVINCE_OFFICER", "40");
    const communeOf = async (area: string) =>
      (await t.prisma.unit.findFirstOrThrow({ where: { areaCode: area, level: "COMMUNE" }, orderBy: { code: "asc" } })).code;
    for (const area of ["001", "006", "412"]) {
      const e = await createEnrollee(t.prisma, await communeOf(area));
      ids[area] = e.id;
      await addContribution(t.prisma, e.id, "2026-01-01", "2026-12-31");
    }
  });

  it("every role's where returns exactly the rows of its unit", async () => {
    const visible = async (p: Principal) =>
      (await t.prisma.enrollee.findMany({ where: scopeWhere(p.scope), select: { id: true }, orderBy: { id: "asc" } })).map((e) => e.id);
    expect(await visible(national)).toEqual([ids["001"], ids["006"], ids["412"]]);
    expect(await visible(hanoiAdmin)).toEqual([ids["001"], ids["006"]]);
    expect(await visible(hanoiOfficer)).toEqual([ids["001"], ids["006"]]);
    expect(await visible(badinh)).toEqual([ids["001"]]);
    expect(await visible(dongda)).toEqual([ids["006"]]);
    expect(await visible(nghean)).toEqual([ids["412"]]);
    // the same where on contributions and units
    expect(await t.prisma.contribution.count({ where: scopeWhere(badinh.scope) })).toBe(1);
    expect(await t.prisma.unit.count({ where: { ...scopeWhere(badinh.scope), level: "COMMUNE" } })).toBe(3);
    expect(await t.prisma.unit.count({ where: { ...scopeWhere(hanoiOfficer.scope), level: "COMMUNE" } })).toBe(126);
  });

  it("a district user cannot read another area, and is told 'not found'", async () => {
    await expect(getUnit(t.prisma, badinh, "006")).rejects.toMatchObject({ status: 404 });
    await expect(getUnit(t.prisma, badinh, "01")).rejects.toBeInstanceOf(AuthError);
    await expect(listChildrenWithStats(t.prisma, badinh, "006", "2026-06-01")).rejects.toMatchObject({ status: 404 });
    await expect(listChildrenWithStats(t.prisma, nghean, "01", "2026-06-01")).rejects.toMatchObject({ status: 404 });
    const own = await listChildrenWithStats(t.prisma, badinh, "001", "2026-06-01");
    expect(own.children.reduce((s, c) => s + c.participants, 0)).toBe(1);
  });

  it("the hierarchy browser counts equal an independent SQL count", async () => {
    const { children } = await listChildrenWithStats(t.prisma, hanoiOfficer, "01", "2026-06-01");
    const rows = await t.prisma.$queryRaw<{ area: string; n: bigint }[]>`
      SELECT e."areaCode" AS area, count(*) AS n FROM "Enrollee" e
      WHERE e."provinceCode" = '01' AND EXISTS (SELECT 1 FROM "Contribution" c WHERE c."enrolleeId" = e.id AND c."periodStart" <= DATE '2026-06-01' AND c."periodEnd" >= DATE '2026-06-01')
      GROUP BY 1`;
    const expected = Object.fromEntries(rows.map((r) => [r.area, Number(r.n)]));
    const actual = Object.fromEntries(children.filter((c) => c.participants > 0).map((c) => [c.code, c.participants]));
    expect(actual).toEqual(expected);
    expect(children).toHaveLength(30);
    expect(await countParticipants(t.prisma, { level: "PROVINCE", code: "01" }, "2025-12-31")).toBe(0);
  });

  it("unit search ignores diacritics and stays inside the scope", async () => {
    const names = (await searchUnits(t.prisma, hanoiOfficer, "dong da")).map((u) => u.fullName);
    expect(names).toContain("Phường Đống Đa");
    expect(names).toContain("Quận Đống Đa");
    expect((await searchUnits(t.prisma, nghean, "dong da")).map((u) => u.fullName)).not.toContain("Phường Đống Đa");
    expect((await searchUnits(t.prisma, badinh, "ngoc ha")).map((u) => u.fullName)).toEqual(["Phường Ngọc Hà"]);
    expect(await searchUnits(t.prisma, badinh, "dong da")).toEqual([]);
  });
});

describe("audit log", () => {
  it("is append-only: the database refuses updates and deletes", async () => {
    await writeAudit(t.prisma, null, { action: "test.write" as AuditAction, entity: "Test", entityId: 1, after: { a: 1 } });
    const entry = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "test.write" } });
    await expect(t.prisma.auditLog.update({ where: { id: entry.id }, data: { action: "x" } })).rejects.toThrow(/append-only/);
    await expect(t.prisma.auditLog.deleteMany({})).rejects.toThrow(/append-only/);
    expect(await t.prisma.auditLog.count({ where: { action: "test.write" } })).toBe(1);
  });
});

describe("sign-in throttling", () => {
  it(`slows a login from one address after ${FREE_FAILURES} failures, not from another; a success clears it`, async () => {
    const now = new Date("2026-05-01T08:00:00Z");
    for (let i = 1; i < FREE_FAILURES; i++) expect(await recordFailure(t.prisma, "ai.do", "192.0.2.1", now)).toBeNull();
    const until = await recordFailure(t.prisma, "ai.do", "192.0.2.1", now);
    expect(until?.getTime()).toBe(now.getTime() + 30_000);
    expect(await throttledUntil(t.prisma, "ai.do", "192.0.2.1", now)).toEqual(until);
    expect(await throttledUntil(t.prisma, "ai.do", "192.0.2.2", now)).toBeNull();
    expect(await throttledUntil(t.prisma, "ai.do", "192.0.2.1", new Date(now.getTime() + 31_000))).toBeNull();
    await recordSuccess(t.prisma, "ai.do", "192.0.2.1");
    expect(await throttledUntil(t.prisma, "ai.do", "192.0.2.1", now)).toBeNull();
  });
});
