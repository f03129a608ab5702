// Search ranks the closest name first (issue 15): "nguyen van an" lists Nguyễn Văn An before the names
// that merely contain the letters (Nguyễn Thị Vân Anh, Nguyễn Văn Anh, …) — in an area, a province and
// nationwide, on a fixture of near-duplicate names spread over two provinces and hundreds of fillers
// that sort before them by name. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInVietnam } from "@/lib/domain/dates";
import type { Principal } from "@/lib/server/auth/authz";
import { listEnrollees } from "@/lib/server/enrollment/enrollees";
import { freshDb, type TestDb } from "./db";
import { createEnrollee, principalFor } from "../fixtures/factories";

let t: TestDb;
let area: Principal, province: Principal, nation: Principal;

// in an order that is NOT the expected one; the letters match "nguyen van an" in every one of them
const NEAR = [
  "Nguyễn Thị Vân Anh", // every word starts a word, not in order
  "Nguyễn Vân Hạnh An", // every word whole, not in order
  "Nguyễn Văn Anh", // the words start words, in order
  "An Văn Nguyễn", // every word whole, in another order
  "Trần Nguyễn Văn An", // the words in order, inside the name
  "Nguyễn Văn An", // the name itself
  "Nguyễn Văn Toàn Hạnh", // only inside words
];

beforeAll(async () => {
  t = await freshDb();
  const communes = await t.prisma.unit.findMany({
    where: { level: "COMMUNE", areaCode: { in: ["001", "412"] } },
    orderBy: { code: "asc" },
    select: { code: true, areaCode: true },
  });
  const badinh = communes.find((c) => c.areaCode === "001")!.code;
  const vinh = communes.find((c) => c.areaCode === "412")!.code;
  // fillers that sort before "nguyen van an" by name and contain every word inside other words
  for (let i = 0; i < 60; i++) await createEnrollee(t.prisma, badinh, { fullName: `Hoàng Nguyễn Vạn Lan ${String.fromCharCode(97 + (i % 26))}` });
  for (const name of NEAR) await createEnrollee(t.prisma, badinh, { fullName: name });
  for (const name of NEAR) await createEnrollee(t.prisma, vinh, { fullName: name });
  area = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  province = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
  nation = await principalFor(t.prisma, "ADMIN", "VN");
});

afterAll(async () => {
  await t?.close();
});

const names = async (p: Principal, q: string, pageSize = 50) =>
  (await listEnrollees(t.prisma, p, { q, pageSize }, { today: todayInVietnam() })).rows.map((r) => r.fullName);

describe("enrollee search ranking", () => {
  it("lists the exact name first, then the words in order, whole words, word starts in order, word starts, and the rest", async () => {
    const want = ["Nguyễn Văn An", "Trần Nguyễn Văn An", "An Văn Nguyễn", "Nguyễn Vân Hạnh An", "Nguyễn Văn Anh"];
    for (const p of [area, province]) {
      const got = await names(p, "nguyen van an");
      expect(got.slice(0, 5)).toEqual(want);
      // the fillers (sorting before by name) and names with the letters inside words come after
      expect(got[5]).toBe("Nguyễn Thị Vân Anh");
      expect(got.indexOf("Hoàng Nguyễn Vạn Lan a")).toBeGreaterThan(4);
    }
    // nationwide: both provinces' Nguyễn Văn An first
    const national = await names(nation, "nguyen van an");
    expect(national.slice(0, 2)).toEqual(["Nguyễn Văn An", "Nguyễn Văn An"]);
    expect(national.slice(2, 4)).toEqual(["Trần Nguyễn Văn An", "Trần Nguyễn Văn An"]);
  });

  it("ranks the same with diacritics typed, and pages keep the order", async () => {
    expect((await names(area, "Nguyễn Văn An")).slice(0, 2)).toEqual(["Nguyễn Văn An", "Trần Nguyễn Văn An"]);
    const page1 = await listEnrollees(t.prisma, nation, { q: "nguyen van an", pageSize: 3, page: 1 });
    const page2 = await listEnrollees(t.prisma, nation, { q: "nguyen van an", pageSize: 3, page: 2 });
    expect([...page1.rows, ...page2.rows].map((r) => r.fullName)).toEqual([
      "Nguyễn Văn An",
      "Nguyễn Văn An",
      "Trần Nguyễn Văn An",
      "Trần Nguyễn Văn An",
      "An Văn Nguyễn",
      "An Văn Nguyễn",
    ]);
    expect(page1.total).toBe(page2.total);
  });

  it("without a name search the list stays in name order", async () => {
    const got = (await listEnrollees(t.prisma, area, { pageSize: 200 })).rows.map((r) => r.fullName);
    expect(got[0]).toBe("An Văn Nguyễn");
  });
});
