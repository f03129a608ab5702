// The enrollee list's search (one SQL statement, word and covering indexes: ADRs 1802, 0603) must return
// exactly what an independent reading of the data gives: every person of the caller's scope whose
// diacritics-free name contains every word (or whose CCCD, SI code or phone is the number typed),
// with the filters, closest to the words first then in name order, the right page and the right total — on both engines, with the
// planner's own choice and with the word index forced.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { coverageStatus } from "@/lib/domain/coverage-status";
import { addDays, addMonths, fromIsoDate, toIsoDate, todayInVietnam, type IsoDate } from "@/lib/domain/dates";
import { maskPersonalId } from "@/lib/domain/personal-id-mask";
import { toSearchForm } from "@/lib/domain/text";
import type { SubsidyGroup } from "@/lib/domain/types";
import { scopeCondition, type Principal } from "@/lib/server/auth/authz";
import { listEnrollees, nameMatchGroups } from "@/lib/server/enrollment/enrollees";
import { SEARCH_MATCH_CAP, type EnrolleeFilter } from "@/lib/validation/enrollee-filter";
import { freshDb, type TestDb } from "./db";
import { createAgent, principalFor } from "../fixtures/factories";

const TODAY = todayInVietnam();
const N = 1500;
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Huỳnh"];
const MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "", "Đức"];
const GIVEN = ["An", "Anh", "Lan", "Hùng", "Yến", "Nguyên", "Tuấn", "Bình", "Ân", "Hoà"];
const GROUPS: SubsidyGroup[] = ["POOR", "NEAR_POOR", "OTHER", "OTHER", "ETHNIC_MINORITY"];

type Person = {
  id: number;
  personalId: string;
  siCode: string | null;
  phone: string | null;
  fullName: string;
  searchName: string;
  provinceCode: string;
  areaCode: string;
  communeCode: string;
  communeName: string;
  agentId: number | null;
  agentName: string | null;
  subsidyGroup: SubsidyGroup;
  coverageEnd: IsoDate | null;
};

let t: TestDb;
let people: Person[]; // in the database's own name order ("searchName", id)
let callers: { label: string; p: Principal; inScope: (x: Person) => boolean }[];
let agentId: number;
let commune001: string;

/** A small deterministic generator (no Math.random: the same data every run). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

beforeAll(async () => {
  t = await freshDb();
  const areas = ["001", "006", "412"];
  const communes = await t.prisma.unit.findMany({
    where: { level: "COMMUNE", areaCode: { in: areas } },
    orderBy: { code: "asc" },
    select: { code: true, provinceCode: true, areaCode: true },
  });
  commune001 = communes.find((c) => c.areaCode === "001")!.code;
  const agents = [(await createAgent(t.prisma, commune001)).id, (await createAgent(t.prisma, commune001)).id];
  agentId = agents[0];
  const r = rng(20261123);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const rows: Prisma.EnrolleeCreateManyInput[] = [];
  for (let i = 0; i < N; i++) {
    const c = communes[Math.floor(r() * communes.length)];
    const fullName = [pick(FAMILY), pick(MIDDLE), pick(GIVEN)].filter(Boolean).join(" ");
    const end = r();
    const coverageEnd =
      end < 0.1 ? null : end < 0.3 ? addMonths(TODAY, -8) : end < 0.45 ? addMonths(TODAY, -1) : end < 0.6 ? addDays(TODAY, 10) : addMonths(TODAY, 7);
    rows.push({
      personalId: `0${String(10_000_000_000 + i * 7919).slice(-11)}`,
      siCode: r() < 0.5 ? String(7_000_000_000 + i) : null,
      fullName,
      searchName: toSearchForm(fullName),
      dateOfBirth: fromIsoDate("1980-01-01"),
      sex: r() < 0.5 ? "MALE" : "FEMALE",
      phone: r() < 0.8 ? `09${String(10_000_000 + i * 37).slice(-8)}` : null,
      provinceCode: c.provinceCode!,
      areaCode: c.areaCode!,
      communeCode: c.code,
      occupation: "FARMER",
      subsidyGroup: pick(GROUPS),
      declaredIncome: 1_500_000,
      paymentPeriod: "ANNUAL",
      agentId: c.areaCode === "001" && r() < 0.5 ? pick(agents) : null,
      enrolledOn: fromIsoDate("2024-01-10"),
      coverageEnd: coverageEnd ? fromIsoDate(coverageEnd) : null,
    });
  }
  await t.prisma.enrollee.createMany({ data: rows });
  // the only SQL the expectations use: every row in the database's name order (its collation)
  people = (
    await t.prisma.$queryRaw<(Omit<Person, "coverageEnd"> & { coverageEnd: Date | null })[]>`
    SELECT e.id, e."personalId", e."siCode", e.phone, e."fullName", e."searchName", e."provinceCode", e."areaCode", e."communeCode",
           u."fullName" AS "communeName", e."agentId", a.name AS "agentName", e."subsidyGroup"::text AS "subsidyGroup", e."coverageEnd"
    FROM "Enrollee" e JOIN "Unit" u ON u.code = e."communeCode" LEFT JOIN "CollectionAgent" a ON a.id = e."agentId"
    ORDER BY e."searchName", e.id`
  ).map((x) => ({ ...x, coverageEnd: x.coverageEnd ? toIsoDate(x.coverageEnd) : null }));
  expect(people).toHaveLength(N);
  callers = [
    { label: "area 001", p: await principalFor(t.prisma, "DISTRICT_STAFF", "001"), inScope: (x) => x.areaCode === "001" },
    { label: "province 01", p: await principalFor(t.prisma, "PROVINCE_OFFICER", "01"), inScope: (x) => x.provinceCode === "01" },
    { label: "province 40", p: await principalFor(t.prisma, "PROVINCE_OFFICER", "40"), inScope: (x) => x.provinceCode === "40" },
    { label: "nation", p: await principalFor(t.prisma, "ADMIN", "VN"), inScope: () => true },
  ];
});

afterAll(async () => {
  await t?.close();
});

/** How close a name is to the words (lib/server/enrollment/enrollees.ts searchRank), read independently. */
function rankOf(searchName: string, words: string[]): number {
  const padded = ` ${searchName} `;
  if (searchName === words.join(" ")) return 0;
  if (padded.includes(` ${words.join(" ")} `)) return 1;
  if (words.every((w) => padded.includes(` ${w} `))) return 2;
  if (padded.includes(` ${words.join(" ")}`)) return 3;
  if (words.every((w) => padded.includes(` ${w}`))) return 4;
  return 5;
}

/** What the list must show, computed in JavaScript from the rows (no LIKE, no index, no scope SQL). */
function expected(inScope: (x: Person) => boolean, f: EnrolleeFilter) {
  const q = (f.q ?? "").trim();
  const digits = q.replace(/[\s.\-()]/g, "").replace(/^\+84/, "0");
  const words = toSearchForm(q).split(" ").filter(Boolean);
  const match = (x: Person) =>
    !q ? true : /^\d{4,}$/.test(digits) ? [x.personalId, x.siCode, x.phone].includes(digits) : words.every((w) => x.searchName.includes(w));
  const all = people.filter(
    (x) =>
      inScope(x) &&
      match(x) &&
      (!f.commune || x.communeCode === f.commune) &&
      (!f.agent || x.agentId === f.agent) &&
      (!f.group || x.subsidyGroup === f.group) &&
      (!f.status || coverageStatus(x.coverageEnd, TODAY) === f.status),
  );
  // closest first (searchRank), then the database's name order (stable sort)
  if (q && !/^\d{4,}$/.test(digits)) all.sort((a, b) => rankOf(a.searchName, words) - rankOf(b.searchName, words));
  const pageSize = f.pageSize ?? 50;
  const pages = Math.max(1, Math.ceil(all.length / pageSize));
  const page = Math.min(f.page ?? 1, pages);
  return { total: all.length, pages, page, rows: all.slice((page - 1) * pageSize, page * pageSize) };
}

const FILTERS: EnrolleeFilter[] = [
  { q: "nguyen van an" },
  { q: "Nguyễn Văn Ân" },
  { q: "an" },
  { q: "yen" },
  { q: "hung nguyen" },
  { q: "nguyen" },
  { q: "d" },
  { q: "tran thi lan" },
  { q: "ngoc anh" },
  { q: "zzz" },
  { q: "  HOÀ  " },
  { q: "le", status: "ACTIVE" },
  { q: "thi", status: "NEVER_PAID" },
  { q: "an", group: "POOR" },
  { status: "OVERDUE" },
  { status: "DUE", pageSize: 7, page: 2 },
  { status: "LAPSED" },
  {},
  { pageSize: 13, page: 3 },
  { q: "nguyen", pageSize: 20, page: 99 },
  { q: "anh", pageSize: 5, page: 2 },
];

async function checkAll(db: Parameters<typeof listEnrollees>[0]) {
  let compared = 0;
  const filters = [
    ...FILTERS,
    { q: people[17].personalId },
    { q: people.find((x) => x.siCode)!.siCode! },
    { q: people.find((x) => x.phone)!.phone!.replace(/^0(\d{3})(\d{3})/, "+84 $1 $2 ") },
    { q: people[3].personalId.slice(0, 6) },
    { agent: agentId },
    { q: "an", commune: commune001 },
  ];
  for (const c of callers) {
    for (const f of filters) {
      const want = expected(c.inScope, f);
      // the exact answer: a cap above every count (the cap itself: below and enrollee-search-words.test.ts)
      const got = await listEnrollees(db, c.p, f, { today: TODAY, matchCap: N });
      const label = `${c.label} ${JSON.stringify(f)}`;
      expect({ total: got.total, pages: got.pages, page: got.page }, label).toEqual({ total: want.total, pages: want.pages, page: want.page });
      expect(
        got.rows.map((x) => x.id),
        label,
      ).toEqual(want.rows.map((x) => x.id));
      for (const [i, x] of got.rows.entries()) {
        const w = want.rows[i];
        expect(x, label).toEqual({
          id: w.id,
          personalId: maskPersonalId(w.personalId, c.p.role),
          siCode: w.siCode,
          fullName: w.fullName,
          dateOfBirth: "1980-01-01",
          sex: x.sex,
          phone: w.phone,
          communeCode: w.communeCode,
          communeName: w.communeName,
          agentId: w.agentId,
          agentName: w.agentName,
          subsidyGroup: w.subsidyGroup,
          coverageEnd: w.coverageEnd,
          status: coverageStatus(w.coverageEnd, TODAY),
        });
      }
      compared += got.rows.length;
    }
  }
  return compared;
}

describe("enrollee search", () => {
  it("equals an independent reading of the data in every scope, with filters and pages (planner's choice)", async () => {
    expect(await checkAll(t.prisma)).toBeGreaterThan(1000);
    // the data exercise what they should: names in every scope, the short word, the empty result
    expect(expected(() => true, { q: "an" }).total).toBeGreaterThan(200);
    expect(expected(callers[0].inScope, { q: "nguyen" }).total).toBeGreaterThan(50);
    expect(expected(() => true, { q: "zzz" }).total).toBe(0);
  });

  it("counts a name search up to SEARCH_MATCH_CAP: beyond it, that many matches, closest first (ADR 1803)", async () => {
    const nation = callers[3];
    const want = expected(nation.inScope, { q: "an", pageSize: N });
    expect(want.total).toBeGreaterThan(SEARCH_MATCH_CAP); // the fixture is large enough to reach the cap
    const pages = [];
    for (let page = 1; page <= SEARCH_MATCH_CAP / 50 + 1; page++) pages.push(await listEnrollees(t.prisma, nation.p, { q: "an", page }, { today: TODAY }));
    for (const got of pages)
      expect({ total: got.total, capped: got.capped, pages: got.pages }).toEqual({ total: SEARCH_MATCH_CAP, capped: true, pages: SEARCH_MATCH_CAP / 50 });
    expect(pages.at(-1)!.page).toBe(SEARCH_MATCH_CAP / 50); // past the last page: the last page
    const ids = pages.slice(0, -1).flatMap((g) => g.rows.map((x) => x.id));
    expect(new Set(ids).size).toBe(SEARCH_MATCH_CAP);
    const byId = new Map(want.rows.map((x) => [x.id, x]));
    const ranks = ids.map((id) => rankOf(byId.get(id)!.searchName, ["an"]));
    expect(ranks.every((r, i) => i === 0 || r >= ranks[i - 1])).toBe(true);
    // the closest matches are all in: every whole-word "an" of the nation comes first
    const whole = want.rows.filter((x) => rankOf(x.searchName, ["an"]) <= 2).map((x) => x.id);
    expect(whole.length).toBeGreaterThan(0);
    expect(whole.length).toBeLessThan(SEARCH_MATCH_CAP);
    expect(ids.slice(0, whole.length).sort()).toEqual([...whole].sort());
  });

  it("gives the same answers when the tag index must be used (ADR 1803), and the index serves every group of a nation's search", async () => {
    await t.prisma.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL enable_seqscan = off`);
        await tx.$executeRawUnsafe(`SET LOCAL enable_indexscan = off`);
        await tx.$executeRawUnsafe(`SET LOCAL enable_indexonlyscan = off`);
        for (const g of nameMatchGroups(["nguyen", "van", "an"], callers[3].p.scope)) {
          const plan = JSON.stringify(await tx.$queryRaw`EXPLAIN (FORMAT JSON) SELECT e.id FROM "Enrollee" e WHERE ${g}`);
          expect(plan).toContain("Enrollee_searchTags_idx");
        }
        expect(await checkAll(tx)).toBeGreaterThan(1000);
      },
      { timeout: 280_000, maxWait: 60_000 },
    );
  });

  it("an area's name search reads each group from the area's covering index alone (no table, no tag index)", async () => {
    await t.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL enable_seqscan = off`);
      await tx.$executeRawUnsafe(`SET LOCAL enable_bitmapscan = off`);
      const area = callers[0].p.scope;
      for (const g of nameMatchGroups(["nguyen", "an"], area)) {
        const plan = JSON.stringify(
          await tx.$queryRaw`EXPLAIN (FORMAT JSON) SELECT e.id, e."searchName" FROM "Enrollee" e WHERE ${scopeCondition(area, "e")} AND ${g}`,
        );
        expect(plan).toContain("Enrollee_areaCode_searchName_id_idx");
        expect(plan).toContain("Index Only Scan");
        expect(plan).not.toContain("Enrollee_searchTags_idx");
      }
    });
  });
});
