// The word index (ADR 1802) answers exactly what the trigram search (`"searchName" LIKE '%word%'`, ADR 0603)
// answered, on names that differ by a letter, a diacritic or the order of their words, in every scope; the
// ranking (closest first) is unchanged; the trigger keeps "NameWord" complete through inserts, bulk inserts
// and renames.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { fromIsoDate, todayInVietnam } from "@/lib/domain/dates";
import { toSearchForm } from "@/lib/domain/text";
import { scopeCondition, type Principal } from "@/lib/server/auth/authz";
import { listEnrollees, nameMatchGroups, parseSearch, searchRank } from "@/lib/server/enrollment/enrollees";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";

const TODAY = todayInVietnam();
// near-duplicates: one letter, one diacritic, words swapped, a word inside another ("an" in "lan", "thanh")
const NAMES = [
  "Nguyễn Văn An",
  "Nguyễn Văn Ân",
  "Nguyễn Văn Anh",
  "Nguyễn Vân Anh",
  "Nguyen Van An",
  "Văn Nguyễn An",
  "An Văn Nguyễn",
  "Lê Thị Thanh",
  "Lê Thị Thành",
  "Lê Thị Thạnh",
  "Lê Thanh Thị",
  "Trần Thị Lan",
  "Trần Thị Lan Anh",
  "Trần Thị Lân",
  "Phạm Hoà",
  "Phạm Hòa",
  "Phạm Hoa",
  "Phạm Hoan",
  "Đặng Minh Đức",
  "Dang Minh Duc",
  "Đặng Minh",
  "Huỳnh Ngọc Yến",
  "Hoàng Anh Tuấn",
  "Hoàng Tuấn Anh",
  "Hoàng Anh",
  "Nguyễn Thị Nguyên",
  "Nguyễn Nguyên",
  "Ngô An Khang",
  "Ngô Khang An",
];
const QUERIES = [
  "nguyen van an",
  "an",
  "a",
  "n",
  "van",
  "anh",
  "thanh",
  "thi thanh",
  "hoa",
  "hoan",
  "oa",
  "duc",
  "dang minh",
  "minh dang",
  "lan",
  "lan anh",
  "ngu",
  "guyen",
  "uyen nguyen",
  "tuan anh",
  "anh tuan",
  "khang an",
  "yen",
  "zzz",
  "nguyen zzz",
  "an an",
  "thi",
];

let t: TestDb;
let callers: Principal[];

beforeAll(async () => {
  t = await freshDb();
  const communes = await t.prisma.unit.findMany({
    where: { level: "COMMUNE", areaCode: { in: ["001", "006", "412"] } },
    orderBy: { code: "asc" },
    select: { code: true, provinceCode: true, areaCode: true },
  });
  const rows: Prisma.EnrolleeCreateManyInput[] = [];
  let i = 0;
  for (let copy = 0; copy < 6; copy++) {
    for (const fullName of NAMES) {
      const c = communes[(i * 7 + copy) % communes.length];
      rows.push({
        personalId: `0${String(20_000_000_000 + i * 7919).slice(-11)}`,
        fullName,
        searchName: toSearchForm(fullName),
        dateOfBirth: fromIsoDate("1985-03-04"),
        sex: "FEMALE",
        provinceCode: c.provinceCode!,
        areaCode: c.areaCode!,
        communeCode: c.code,
        occupation: "FARMER",
        subsidyGroup: "OTHER",
        declaredIncome: 1_500_000,
        paymentPeriod: "ANNUAL",
        enrolledOn: fromIsoDate("2025-01-10"),
      });
      i++;
    }
  }
  await t.prisma.enrollee.createMany({ data: rows }); // one statement: the trigger adds its words at once
  callers = [
    await principalFor(t.prisma, "DISTRICT_STAFF", "001"),
    await principalFor(t.prisma, "PROVINCE_OFFICER", "01"),
    await principalFor(t.prisma, "ADMIN", "VN"),
  ];
});

afterAll(async () => {
  await t?.close();
});

/** The trigram search as it was (ADR 0603): every word with LIKE '%word%', closest first, then name order. */
async function trigramSearch(p: Principal, q: string): Promise<number[]> {
  const search = parseSearch(q);
  const words = search && "words" in search ? search.words : [];
  const like = Prisma.join(
    words.map((w) => Prisma.sql`e."searchName" LIKE ${`%${w}%`}`),
    " AND ",
  );
  const rows = await t.prisma.$queryRaw<{ id: number }[]>`
    SELECT e.id FROM "Enrollee" e WHERE ${scopeCondition(p.scope, "e")} AND ${like}
    ORDER BY ${searchRank({ q }, Prisma.sql`e."searchName"`)}, e."searchName", e.id`;
  return rows.map((r) => r.id);
}

/** The trigram search's ranks, by id: the closeness group of a match (ADR 1803) is 0 for ranks 0–2 (every
 *  word whole), 1 for 3–4 (every word starts a word), 2 for 5. */
async function trigramGroups(p: Principal, q: string): Promise<Map<number, number>> {
  const search = parseSearch(q);
  const words = search && "words" in search ? search.words : [];
  const rows = await t.prisma.$queryRaw<{ id: number; rank: number }[]>`
    SELECT e.id, ${searchRank({ q }, Prisma.sql`e."searchName"`)} AS rank FROM "Enrollee" e
    WHERE ${scopeCondition(p.scope, "e")} AND ${Prisma.join(
      words.map((w) => Prisma.sql`e."searchName" LIKE ${`%${w}%`}`),
      " AND ",
    )}`;
  return new Map(rows.map((r) => [r.id, r.rank <= 2 ? 0 : r.rank <= 4 ? 1 : 2]));
}

describe("the word index", () => {
  it("returns exactly the trigram search's people, in the same order, for near-duplicate names in every scope", async () => {
    let compared = 0;
    for (const p of callers) {
      for (const q of QUERIES) {
        const want = await trigramSearch(p, q);
        const got = await listEnrollees(t.prisma, p, { q, pageSize: 200 }, { today: TODAY });
        expect(got.total, `${p.role} "${q}"`).toBe(want.length);
        expect(got.capped).toBe(false);
        expect(
          got.rows.map((r) => r.id),
          `${p.role} "${q}"`,
        ).toEqual(want);
        compared += want.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
    // the fixture exercises what it should: a word inside other words, and a closest-first order
    const an = await listEnrollees(t.prisma, callers[2], { q: "an", pageSize: 200 }, { today: TODAY });
    expect(an.rows.some((r) => r.fullName === "Trần Thị Lan")).toBe(true);
    expect(an.rows[0].fullName).toMatch(/^An Văn Nguyễn$|^Ngô Khang An$|^Nguyễn Văn A[nâ]n?$/);
  });

  it("counts up to a cap: beyond it the list holds that many matches, whole closeness groups first, in rank order (ADR 1803)", async () => {
    let capped = 0;
    let mixed = 0;
    for (const cap of [5, 20]) {
      for (const p of callers) {
        for (const q of QUERIES) {
          const want = await trigramSearch(p, q);
          const got = await listEnrollees(t.prisma, p, { q, pageSize: 200 }, { today: TODAY, matchCap: cap });
          const ids = got.rows.map((r) => r.id);
          const what = `cap ${cap} ${p.role} "${q}"`;
          if (want.length <= cap) {
            // under the cap: exactly the uncapped answer
            expect({ total: got.total, capped: got.capped, ids }, what).toEqual({ total: want.length, capped: false, ids: want });
            continue;
          }
          capped++;
          expect({ total: got.total, capped: got.capped, pages: got.pages, n: ids.length }, what).toEqual({ total: cap, capped: true, pages: 1, n: cap });
          // matches only, in the list's order (closest first, then name)
          const at = ids.map((id) => want.indexOf(id));
          expect(
            at.every((i) => i >= 0),
            what,
          ).toBe(true);
          expect(
            at.every((i, k) => k === 0 || i > at[k - 1]),
            what,
          ).toBe(true);
          // a group is read only when the closer ones are all in: every match of a closer group is listed
          const groups = await trigramGroups(p, q);
          const reached = Math.max(...ids.map((id) => groups.get(id)!));
          const closer = want.filter((id) => groups.get(id)! < reached);
          expect(
            closer.filter((id) => !ids.includes(id)),
            what,
          ).toEqual([]);
          if (closer.length > 0) mixed++;
        }
      }
    }
    // the fixture exercises what it should: capped searches, and caps reached in a farther group
    expect(capped).toBeGreaterThan(20);
    expect(mixed).toBeGreaterThan(3);

    // the pages of a capped list are the capped list, cut in pages; past the last page shows the last
    const all = await listEnrollees(t.prisma, callers[2], { q: "an", pageSize: 200 }, { today: TODAY, matchCap: 5 });
    const paged: number[] = [];
    for (const page of [1, 2, 3]) {
      const one = await listEnrollees(t.prisma, callers[2], { q: "an", pageSize: 2, page }, { today: TODAY, matchCap: 5 });
      expect({ total: one.total, pages: one.pages, page: one.page, capped: one.capped }).toEqual({ total: 5, pages: 3, page, capped: true });
      paged.push(...one.rows.map((r) => r.id));
    }
    expect(paged).toEqual(all.rows.map((r) => r.id));
    const past = await listEnrollees(t.prisma, callers[2], { q: "an", pageSize: 2, page: 9 }, { today: TODAY, matchCap: 5 });
    expect({ page: past.page, ids: past.rows.map((r) => r.id) }).toEqual({ page: 3, ids: paged.slice(4) });
    // the cap is for names: a list without a search, or an exact search, is counted in full
    const everyone = await listEnrollees(t.prisma, callers[2], { pageSize: 2 }, { today: TODAY, matchCap: 5 });
    expect({ total: everyone.total, capped: everyone.capped }).toEqual({ total: NAMES.length * 6, capped: false });
  });

  it("expands a typed word through the distinct words of names, kept complete by the trigger", async () => {
    const words = (await t.prisma.nameWord.findMany({ orderBy: { word: "asc" } })).map((w) => w.word);
    const fromNames = [...new Set(NAMES.flatMap((n) => toSearchForm(n).split(" ")))].sort();
    expect(words).toEqual(expect.arrayContaining(fromNames));
    // a rename adds its new words; the search finds the renamed person by them at once
    const someone = await t.prisma.enrollee.findFirstOrThrow({ where: { areaCode: "001" } });
    await t.prisma.enrollee.update({ where: { id: someone.id }, data: { fullName: "Quách Thị Xuyến", searchName: toSearchForm("Quách Thị Xuyến") } });
    expect(await t.prisma.nameWord.findUnique({ where: { word: "xuyen" } })).not.toBeNull();
    const found = await listEnrollees(t.prisma, callers[0], { q: "uye qua" }, { today: TODAY });
    expect(found.rows.map((r) => r.id)).toEqual([someone.id]);
    expect(await trigramSearch(callers[0], "uye qua")).toEqual([someone.id]);
  });

  it("finds each group of a province's search in the tag index, the province's tag among its conditions", async () => {
    await t.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL enable_seqscan = off`);
      await tx.$executeRawUnsafe(`SET LOCAL enable_indexscan = off`);
      await tx.$executeRawUnsafe(`SET LOCAL enable_indexonlyscan = off`);
      for (const g of nameMatchGroups(["nguyen", "van", "an"], callers[1].scope)) {
        const plan = await tx.$queryRaw<{ "QUERY PLAN": unknown }[]>`EXPLAIN (FORMAT JSON) SELECT e.id FROM "Enrollee" e WHERE ${g}`;
        const conds: string[] = [];
        const walk = (node: Record<string, unknown>) => {
          if (node["Index Name"] === "Enrollee_searchTags_idx") conds.push(String(node["Index Cond"]));
          for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
        };
        walk((plan[0]["QUERY PLAN"] as { Plan: Record<string, unknown> }[])[0].Plan);
        expect(conds.join(" | ")).toContain("@01");
      }
    });
  });
});
