// Data-quality checks: each kind of problem is planted with the factories and must be found
// exactly — no more, no less — in the caller's scope only, with ID numbers masked by role.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "./db";
import { addContribution, createAgent, createEnrollee, principalFor } from "../fixtures/factories";
import { validatePersonalId } from "@/lib/domain/personal-id";
import { toIsoDate } from "@/lib/domain/dates";
import type { Principal } from "@/lib/server/auth/authz";
import { dataQualitySummary, listContributionProblems, listDuplicates, listPersonalIdProblems, listWithoutAgent } from "@/lib/server/trust/data-quality";

let t: TestDb;
let national: Principal, hanoiOfficer: Principal, badinh: Principal, dongda: Principal, ngheanAdmin: Principal;
const planted = {
  duplicates: [] as number[][], // groups, Hà Nội
  badIds: new Map<number, string[]>(), // id → parts that disagree
  overlaps: [] as number[], // contribution ids
  gaps: [] as number[],
  noAgent: [] as number[],
  nghean: [] as number[], // every problem planted in Nghệ An
};

const BADINH = "00004"; // Phường Ba Đình, area 001
const DONGDA = "00235"; // a commune of area 006
const VINH = "16681"; // a commune of area 412 (Nghệ An)

beforeAll(async () => {
  t = await freshDb();
  // the commune codes above must be where we think they are
  const c = await t.prisma.unit.findMany({ where: { code: { in: [BADINH, DONGDA, VINH] } }, select: { code: true, areaCode: true } });
  expect(Object.fromEntries(c.map((u) => [u.code, u.areaCode]))).toEqual({ [BADINH]: "001", [DONGDA]: "006", [VINH]: "412" });
  national = await principalFor(t.prisma, "ADMIN", "VN");
  hanoiOfficer = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
  badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  dongda = await principalFor(t.prisma, "DISTRICT_STAFF", "006");
  ngheanAdmin = await principalFor(t.prisma, "ADMIN", "40");
  const agentBd = await createAgent(t.prisma, BADINH);
  const agentDd = await createAgent(t.prisma, DONGDA);
  const agentVinh = await createAgent(t.prisma, VINH);
  const ok = (commune: string, over: Parameters<typeof createEnrollee>[2] = {}) =>
    createEnrollee(t.prisma, commune, { agentId: commune === BADINH ? agentBd.id : commune === DONGDA ? agentDd.id : agentVinh.id, ...over });

  // clean people with clean contributions: must never be reported
  for (const commune of [BADINH, DONGDA, VINH]) {
    const e = await ok(commune);
    await addContribution(t.prisma, e.id, "2024-01-01", "2024-12-31");
    await addContribution(t.prisma, e.id, "2025-01-01", "2025-12-31");
  }

  // possible duplicates: same name without diacritics and same date of birth, across two areas of Hà Nội
  const d1 = await ok(BADINH, { fullName: "Trần Thị Trùng", dateOfBirth: "1975-02-03" });
  const d2 = await ok(DONGDA, { fullName: "Tran Thi Trung", dateOfBirth: "1975-02-03" });
  const d3 = await ok(BADINH, { fullName: "TRẦN THỊ TRÙNG", dateOfBirth: "1975-02-03" });
  await ok(BADINH, { fullName: "Trần Thị Trùng", dateOfBirth: "1975-02-04" }); // another day: not a duplicate
  planted.duplicates.push([d1.id, d2.id, d3.id]);
  const d4 = await ok(BADINH, { fullName: "Lê Văn Hai", dateOfBirth: "1990-01-01", sex: "MALE" });
  const d5 = await ok(BADINH, { fullName: "Le Van Hai", dateOfBirth: "1990-01-01", sex: "MALE" });
  planted.duplicates.push([d4.id, d5.id]);
  const n1 = await ok(VINH, { fullName: "Hồ Văn Nghệ", dateOfBirth: "1980-01-01", sex: "MALE" });
  const n2 = await ok(VINH, { fullName: "Ho Van Nghe", dateOfBirth: "1980-01-01", sex: "MALE" });
  planted.nghean.push(n1.id, n2.id);

  // ID numbers that disagree (born 1980, female: a valid number is 001 1 80 xxxxxx)
  const setId = async (commune: string, personalId: string, parts: string[], over: Parameters<typeof createEnrollee>[2] = {}) => {
    const e = await ok(commune, { dateOfBirth: "1980-06-15", sex: "FEMALE", ...over });
    await t.prisma.enrollee.update({ where: { id: e.id }, data: { personalId } });
    if (commune !== VINH) planted.badIds.set(e.id, parts);
    else planted.nghean.push(e.id);
    return e;
  };
  await setId(BADINH, "001080000001", ["sex"]); // G = 0: a man born in the 1900s
  await setId(BADINH, "001181000002", ["year"]); // YY = 81
  await setId(DONGDA, "001380000003", ["century"]); // G = 3: a woman born in the 2000s
  await setId(DONGDA, "003180000004", ["province"]); // 003 was never a province code
  await setId(BADINH, "001780000005", ["century"]); // G = 7 is not a century digit
  await setId(BADINH, "12345", ["format"]); // not 12 digits
  await setId(BADINH, "00118000000X", ["format"]); // not digits
  await setId(BADINH, "001381000006", ["century"], { dateOfBirth: "1981-06-15" }); // G = 3 says 2000s; 81 agrees with 1981
  await setId(VINH, "040080000007", ["sex"]);

  // contributions: overlap, gap, and an overlap hidden behind a short payment inside a long one.
  // The database refuses overlapping periods since migration 20261123010000 (ADR 0102); data from
  // before it (or restored from an old backup) can still hold them, so the check stays: plant them
  // with that trigger switched off.
  await t.prisma.$executeRawUnsafe(`ALTER TABLE "Contribution" DISABLE TRIGGER "Contribution_no_overlap"`);
  const ov = await ok(BADINH);
  await addContribution(t.prisma, ov.id, "2024-01-01", "2024-12-31");
  const ovC = await addContribution(t.prisma, ov.id, "2024-12-01", "2025-11-30");
  planted.overlaps.push(ovC.id);
  const gap = await ok(DONGDA);
  await addContribution(t.prisma, gap.id, "2024-01-01", "2024-06-30");
  const gapC = await addContribution(t.prisma, gap.id, "2024-08-01", "2025-01-31");
  planted.gaps.push(gapC.id);
  const nested = await ok(BADINH);
  await addContribution(t.prisma, nested.id, "2024-01-01", "2024-12-31");
  const n1c = await addContribution(t.prisma, nested.id, "2024-02-01", "2024-03-31", 2);
  const n2c = await addContribution(t.prisma, nested.id, "2024-04-01", "2024-05-31", 2); // follows the short one, but inside the long one
  const afterC = await addContribution(t.prisma, nested.id, "2025-01-01", "2025-12-31"); // follows the long one: fine
  planted.overlaps.push(n1c.id, n2c.id);
  void afterC;
  const ngGap = await ok(VINH);
  await addContribution(t.prisma, ngGap.id, "2024-01-01", "2024-03-31", 3);
  planted.nghean.push(ngGap.id, (await addContribution(t.prisma, ngGap.id, "2024-06-01", "2024-12-31", 7)).id);

  await t.prisma.$executeRawUnsafe(`ALTER TABLE "Contribution" ENABLE TRIGGER "Contribution_no_overlap"`);

  // enrollees without an agent
  for (const commune of [BADINH, DONGDA]) planted.noAgent.push((await createEnrollee(t.prisma, commune)).id);
  planted.nghean.push((await createEnrollee(t.prisma, VINH)).id);
});
afterAll(async () => {
  await t?.close();
});

const sorted = (a: number[]) => [...a].sort((x, y) => x - y);

describe("possible duplicates", () => {
  it("finds each group exactly, in the caller's scope", async () => {
    const r = await listDuplicates(t.prisma, hanoiOfficer);
    expect(r.total).toBe(2);
    expect(r.groups.map((g) => sorted(g.people.map((p) => p.id)))).toEqual(expect.arrayContaining(planted.duplicates.map(sorted)));
    expect(r.groups.flatMap((g) => g.people.map((p) => p.id))).not.toEqual(expect.arrayContaining([planted.nghean[0]]));
    // Ba Đình's staff see only the group wholly or partly in their area — and only their own people
    const bd = await listDuplicates(t.prisma, badinh);
    const byFirst = (a: number[], b: number[]) => a[0] - b[0];
    expect(bd.groups.map((g) => sorted(g.people.map((p) => p.id))).sort(byFirst)).toEqual(
      [sorted([planted.duplicates[0][0], planted.duplicates[0][2]]), sorted(planted.duplicates[1])].sort(byFirst),
    );
    const ng = await listDuplicates(t.prisma, ngheanAdmin);
    expect(ng.groups.map((g) => sorted(g.people.map((p) => p.id)))).toEqual([sorted(planted.nghean.slice(0, 2))]);
    expect((await listDuplicates(t.prisma, national)).total).toBe(3);
  });

  it("agrees with a hand-written count", async () => {
    const rows = await t.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (SELECT 1 FROM "Enrollee" WHERE "provinceCode" = '01' GROUP BY "searchName", "dateOfBirth" HAVING count(DISTINCT "personalId") > 1) g`;
    expect((await dataQualitySummary(t.prisma, hanoiOfficer)).duplicates.groups).toBe(Number(rows[0].n));
  });
});

describe("personal ID numbers", () => {
  it("finds exactly the planted numbers, and exactly those validatePersonalId rejects", async () => {
    const r = await listPersonalIdProblems(t.prisma, badinh);
    const hanoi = await listPersonalIdProblems(t.prisma, hanoiOfficer);
    const hanoiIds = sorted(hanoi.rows.map((x) => x.id));
    expect(hanoiIds).toEqual(sorted([...planted.badIds.keys()]));
    expect(hanoi.total).toBe(planted.badIds.size);
    // independent: every enrollee of Hà Nội through the one validator
    const all = await t.prisma.enrollee.findMany({ where: { provinceCode: "01" }, select: { id: true, personalId: true, dateOfBirth: true, sex: true } });
    const rejected = all.filter((e) => validatePersonalId(e.personalId, toIsoDate(e.dateOfBirth), e.sex).length > 0).map((e) => e.id);
    expect(hanoiIds).toEqual(sorted(rejected));
    // the messages name the part that disagrees (first issue of each)
    for (const row of hanoi.rows) {
      const parts = row.issues.map((i) => i.part);
      expect(parts.length).toBeGreaterThan(0);
      expect(planted.badIds.get(row.id)).toEqual(expect.arrayContaining([parts[0]]));
    }
    expect(r.rows.every((x) => x.personalId.length > 0)).toBe(true);
  });

  it("shows whole numbers to local staff and the last 4 digits to provincial officers", async () => {
    const staff = await listPersonalIdProblems(t.prisma, badinh);
    expect(staff.rows.map((x) => x.personalId)).toContain("001080000001");
    const officer = await listPersonalIdProblems(t.prisma, hanoiOfficer);
    expect(officer.rows.map((x) => x.personalId)).toContain("********0001");
    expect(officer.rows.some((x) => x.personalId === "001080000001")).toBe(false);
  });

  it("another province's numbers are not shown", async () => {
    const ng = await listPersonalIdProblems(t.prisma, ngheanAdmin);
    expect(ng.total).toBe(1);
    expect(planted.nghean).toContain(ng.rows[0].id);
    expect((await listPersonalIdProblems(t.prisma, dongda)).total).toBe(2);
  });
});

describe("contributions", () => {
  it("finds overlaps (also one hidden behind a short payment) and gaps exactly", async () => {
    const r = await listContributionProblems(t.prisma, hanoiOfficer);
    expect(sorted(r.rows.filter((x) => x.kind === "overlap").map((x) => x.contributionId))).toEqual(sorted(planted.overlaps));
    expect(r.rows.filter((x) => x.kind === "gap").map((x) => x.contributionId)).toEqual(planted.gaps);
    const gap = r.rows.find((x) => x.kind === "gap")!;
    expect(gap).toMatchObject({ periodStart: "2024-08-01", previousEnd: "2024-06-30", days: 31 });
    const first = r.rows.find((x) => x.contributionId === planted.overlaps[0])!;
    expect(first).toMatchObject({ periodStart: "2024-12-01", previousEnd: "2024-12-31", days: 31 });
    expect((await listContributionProblems(t.prisma, hanoiOfficer, { kind: "gap" })).total).toBe(1);
    expect((await listContributionProblems(t.prisma, hanoiOfficer, { kind: "overlap" })).total).toBe(3);
    const s = await dataQualitySummary(t.prisma, hanoiOfficer);
    expect(s.contributions).toEqual({ overlaps: 3, gaps: 1, enrollees: 3 });
  });

  it("each area sees its own, another province its own", async () => {
    expect((await listContributionProblems(t.prisma, dongda)).rows.map((x) => x.contributionId)).toEqual(planted.gaps);
    expect(sorted((await listContributionProblems(t.prisma, badinh)).rows.map((x) => x.contributionId))).toEqual(sorted(planted.overlaps));
    const ng = await listContributionProblems(t.prisma, ngheanAdmin);
    expect(ng.rows.map((x) => x.kind)).toEqual(["gap"]);
    expect(ng.rows[0].days).toBe(61); // April and May
    expect((await listContributionProblems(t.prisma, national)).total).toBe(5);
  });
});

describe("enrollees without an agent", () => {
  it("lists exactly them, in scope", async () => {
    expect((await listWithoutAgent(t.prisma, hanoiOfficer)).rows.map((x) => x.id)).toEqual(planted.noAgent);
    expect((await listWithoutAgent(t.prisma, badinh)).rows.map((x) => x.id)).toEqual([planted.noAgent[0]]);
    expect((await listWithoutAgent(t.prisma, ngheanAdmin)).total).toBe(1);
    const n = await t.prisma.enrollee.count({ where: { agentId: null } });
    expect((await listWithoutAgent(t.prisma, national)).total).toBe(n);
    expect(n).toBe(3);
  });
});

describe("summary and access", () => {
  it("counts each check for the scope", async () => {
    expect(await dataQualitySummary(t.prisma, hanoiOfficer)).toEqual({
      duplicates: { groups: 2, people: 5 },
      personalId: planted.badIds.size,
      contributions: { overlaps: 3, gaps: 1, enrollees: 3 },
      noAgent: 2,
    });
  });
});
