import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "./db";
import { createAgent, createEnrollee, principalFor } from "../fixtures/factories";
import { csvOf, person, xlsxOf, type RowSpec } from "../fixtures/import";
import { makePersonalId } from "@/lib/domain/personal-id";
import { previewImport, runImport, ImportFileError, TEMPLATE_EXAMPLE_ID } from "@/lib/server/imports/imports";
import type { Principal } from "@/lib/server/auth/authz";

let t: TestDb;
let badinh: Principal, dongda: Principal, officer: Principal;
let agentCode: string, suspendedCode: string, otherAreaAgentCode: string, otherAgentCommuneCode: string;
const BD = ["00004", "00008", "00025"]; // Quận Ba Đình (area 001)
const P3 = makePersonalId("001", "1985-03-05", "FEMALE", 103);
let dongdaCommune: string;

beforeAll(async () => {
  t = await freshDb();
  badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  dongda = await principalFor(t.prisma, "DISTRICT_STAFF", "006");
  officer = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
  dongdaCommune = (await t.prisma.unit.findFirstOrThrow({ where: { areaCode: "006", level: "COMMUNE" }, orderBy: { code: "asc" } })).code;
  agentCode = (await createAgent(t.prisma, BD[0])).code;
  suspendedCode = (await createAgent(t.prisma, BD[0], { status: "SUSPENDED" })).code;
  otherAgentCommuneCode = (await createAgent(t.prisma, BD[1])).code; // serves Ngọc Hà only
  otherAreaAgentCode = (await createAgent(t.prisma, dongdaCommune)).code;
});
afterAll(async () => {
  await t.close();
});

const count = async (sql: string) => Number((await t.prisma.$queryRawUnsafe<{ n: bigint }[]>(sql))[0].n);
const inDb = async (ids: string[]) =>
  (await t.prisma.$queryRawUnsafe<{ personalId: string }[]>(`SELECT "personalId" FROM "Enrollee" WHERE "personalId" = ANY($1::text[]) ORDER BY 1`, ids)).map(
    (r) => r.personalId,
  );

describe("a file mixing valid and invalid rows", () => {
  const valid: RowSpec[] = [];
  const invalid: { row: RowSpec; field: string; message: RegExp }[] = [];
  let file: { name: string; data: Uint8Array };

  beforeAll(() => {
    // three valid people: plain; with a first payment; NFD name, d/m/yyyy date, income with dots, numeric-cell CCCD that lost its leading zeros
    valid.push(person(101, BD[0]));
    valid.push(person(102, BD[0], { agentCode, method: "Tiền mặt", receiptNo: "bl-0001", paidOn: "15/08/2025", enrolledOn: "" }));
    valid.push(
      person(103, BD[2], {
        declaredIncome: "2.000.000",
        paymentPeriod: "Hằng tháng",
        fullName: "Lê Thị Hoà".normalize("NFD"),
        dateOfBirth: "5/3/1985",
        sex: "nữ",
        personalId: P3.replace(/^0+/, ""),
      }),
    );

    const dob = "1985-03-12";
    invalid.push({
      row: person(201, BD[0], { personalId: makePersonalId("001", dob, "MALE", 201), dateOfBirth: "12/03/1986", sex: "Nam" }),
      field: "personalId",
      message: /năm sinh/,
    });
    invalid.push({
      row: person(202, BD[0], { dateOfBirth: "01/01/2015", personalId: makePersonalId("001", "2015-01-01", "FEMALE", 202), sex: "Nữ" }),
      field: "dateOfBirth",
      message: /15 tuổi/,
    });
    invalid.push({ row: person(203, dongdaCommune), field: "communeCode", message: /không thuộc khu vực/ });
    invalid.push({ row: person(204, BD[0], { sex: "X" }), field: "sex", message: /Giá trị "X" không hợp lệ/ });
    invalid.push({ row: person(205, BD[0], { fullName: "" }), field: "fullName", message: /họ và tên/i });
    invalid.push({ row: person(206, BD[0], { declaredIncome: "1000000" }), field: "declaredIncome", message: /1\.500\.000/ });
    invalid.push({ row: person(207, BD[0], { agentCode: suspendedCode }), field: "agentCode", message: /không phục vụ|không còn hoạt động/ });
    invalid.push({ row: person(208, BD[0], { agentCode: otherAgentCommuneCode }), field: "agentCode", message: /không phục vụ/ });
    invalid.push({ row: person(209, BD[0], { agentCode: otherAreaAgentCode }), field: "agentCode", message: /Không có đại lý thu mã/ });
    invalid.push({ row: { ...person(210, BD[1]), personalId: valid[0].personalId }, field: "personalId", message: /trùng với dòng 2/ });
    invalid.push({
      row: person(211, BD[0], { agentCode, method: "Tiền mặt", receiptNo: "BL-0001", paidOn: "16/08/2025", enrolledOn: "" }),
      field: "receiptNo",
      message: /trùng với dòng 3/,
    });
    invalid.push({
      row: person(212, BD[0], { method: "Tiền mặt", receiptNo: "X1", paidOn: "16/08/2025", enrolledOn: "" }),
      field: "agentCode",
      message: /Chọn đại lý/,
    });
    invalid.push({ row: person(213, BD[0], { paymentPeriod: "Một lần cho nhiều năm về sau", months: "61" }), field: "months", message: /từ 1 đến 60/ });
    invalid.push({ row: person(214, BD[0], { dateOfBirth: "31/02/1990" }), field: "dateOfBirth", message: /Ngày không hợp lệ/ });
    invalid.push({
      row: person(215, BD[0], { personalId: TEMPLATE_EXAMPLE_ID, dateOfBirth: "20/05/1990", sex: "Nữ" }),
      field: "personalId",
      message: /dòng ví dụ/,
    });
    // header = line 1, valid rows = lines 2–4, invalid from line 5
    file = { name: "hỗn hợp.csv", data: csvOf([...valid, ...invalid.map((i) => i.row)]) };
  });

  it("the preview counts the valid rows and lists every invalid one with its line and reason, writing nothing", async () => {
    const before = await count(`SELECT count(*) n FROM "Enrollee"`);
    const s = await previewImport(t.prisma, badinh, file);
    expect(s).toMatchObject({ total: valid.length + invalid.length, valid: 3, duplicates: 0, rejected: invalid.length, withPayments: 1 });
    invalid.forEach((inv, i) => {
      const line = 5 + i;
      const issues = s.errors.filter((e) => e.line === line);
      expect(issues.length, `line ${line}`).toBeGreaterThan(0);
      expect(
        issues.some((e) => e.field === inv.field && inv.message.test(e.message)),
        `line ${line}: ${JSON.stringify(issues)}`,
      ).toBe(true);
    });
    expect(new Set(s.errors.map((e) => e.line)).size).toBe(invalid.length);
    expect(s.errors.find((e) => e.line === 8)?.column).toBe("Giới tính");
    expect(await count(`SELECT count(*) n FROM "Enrollee"`)).toBe(before);
  });

  it("the import writes exactly the valid rows (and the one payment), and audits once", async () => {
    const before = await count(`SELECT count(*) n FROM "Enrollee"`);
    const r = await runImport(t.prisma, badinh, file);
    expect(r).toMatchObject({ created: 3, contributions: 1, duplicates: 0, rejected: invalid.length });
    expect(await count(`SELECT count(*) n FROM "Enrollee"`)).toBe(before + 3);
    const expected = [valid[0].personalId!, valid[1].personalId!, P3].sort();
    expect(await inDb([...expected, ...invalid.map((i) => i.row.personalId!).filter((id) => id !== valid[0].personalId)])).toEqual(expected);

    // the NFD name is stored NFC, and found by its search form
    const le = await t.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT "fullName", "searchName", "dateOfBirth"::text dob, sex::text, "declaredIncome", "paymentPeriod"::text, "areaCode" FROM "Enrollee" WHERE "personalId" = $1`,
      P3,
    );
    expect(le[0]).toEqual({
      fullName: "Lê Thị Hoà".normalize("NFC"),
      searchName: "le thi hoa",
      dob: "1985-03-05",
      sex: "FEMALE",
      declaredIncome: 2_000_000,
      paymentPeriod: "MONTHLY",
      areaCode: "001",
    });

    // the payment: Hà Nội, group OTHER, 1,500,000 VND, 12 months from Aug 2025 under Decree 159:
    // 22% = 330,000/month; central 20% × 330,000 = 66,000; Hà Nội top-up 10% = 33,000; interest rate unknown (0)
    const pay = await t.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT c."periodStart"::text ps, c."periodEnd"::text pe, c.months, c.gross, c."centralSubsidy" cs, c."provincialTopUp" tu, c.net, c."subsidyMonths" sm,
              c.method::text, c."receiptNo", c."paidOn"::text paid, c."recordedById" who, e."coverageEnd"::text ce, e."firstCoveredOn"::text fc, e."subsidyMonthsUsed" smu, e."enrolledOn"::text eo
       FROM "Contribution" c JOIN "Enrollee" e ON e.id = c."enrolleeId" WHERE e."personalId" = $1`,
      valid[1].personalId,
    );
    expect(pay).toEqual([
      {
        ps: "2025-08-01",
        pe: "2026-07-31",
        months: 12,
        gross: 3_960_000,
        cs: 792_000,
        tu: 396_000,
        net: 2_772_000,
        sm: 12,
        method: "CASH",
        receiptNo: "BL-0001",
        paid: "2025-08-15",
        who: badinh.userId,
        ce: "2026-07-31",
        fc: "2025-08-01",
        smu: 12,
        eo: "2025-08-15",
      },
    ]);

    const audit = await t.prisma.$queryRawUnsafe<
      { action: string; after: { fileName: string; created: number; rejected: number; createdIds: [number, number][] } }[]
    >(`SELECT action, after FROM "AuditLog" WHERE action = 'enrollee.import' AND "userId" = $1`, badinh.userId);
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ fileName: "hỗn hợp.csv", created: 3, rejected: invalid.length, duplicates: 0 });
    const ids = (await t.prisma.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM "Enrollee" WHERE "personalId" = ANY($1::text[]) ORDER BY id`, expected)).map(
      (x) => x.id,
    );
    expect(audit[0].after.createdIds.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, k) => a + k))).toEqual(ids);
    expect(r.auditId).toBeGreaterThan(0);
  });

  it("re-importing the same file adds nothing: the valid rows are now duplicates", async () => {
    const before = await count(`SELECT count(*) n FROM "Enrollee"`);
    const contributions = await count(`SELECT count(*) n FROM "Contribution"`);
    const r = await runImport(t.prisma, badinh, file);
    expect(r).toMatchObject({ created: 0, contributions: 0, duplicates: 3, rejected: invalid.length, valid: 0 });
    expect(await count(`SELECT count(*) n FROM "Enrollee"`)).toBe(before);
    expect(await count(`SELECT count(*) n FROM "Contribution"`)).toBe(contributions);
  });
});

describe("scope", () => {
  it("a DISTRICT_STAFF cannot import into another area's commune: every row rejected, nothing written", async () => {
    const rows = [person(301, BD[0]), person(302, BD[1]), person(303, BD[2])];
    const before = await count(`SELECT count(*) n FROM "Enrollee"`);
    const audits = await count(`SELECT count(*) n FROM "AuditLog" WHERE action = 'enrollee.import'`);
    const r = await runImport(t.prisma, dongda, { name: "ba-dinh.csv", data: csvOf(rows) });
    expect(r).toMatchObject({ created: 0, valid: 0, rejected: 3 });
    expect(r.errors.every((e) => e.field === "communeCode" && e.message === "Xã/phường không thuộc khu vực bạn quản lý")).toBe(true);
    expect(await count(`SELECT count(*) n FROM "Enrollee"`)).toBe(before);
    expect(await inDb(rows.map((x) => x.personalId!))).toEqual([]);
    // the (empty) import is still audited
    expect(await count(`SELECT count(*) n FROM "AuditLog" WHERE action = 'enrollee.import'`)).toBe(audits + 1);
  });

  it("someone registered in another area is refused, not silently skipped", async () => {
    const e = await createEnrollee(t.prisma, dongdaCommune, { dateOfBirth: "1970-01-01", sex: "MALE" });
    const row = person(304, BD[0], { personalId: e.personalId, dateOfBirth: "01/01/1970", sex: "Nam" });
    const s = await previewImport(t.prisma, badinh, { name: "x.csv", data: csvOf([row]) });
    expect(s).toMatchObject({ valid: 0, duplicates: 0, rejected: 1 });
    expect(s.errors[0]).toMatchObject({ line: 2, field: "personalId", message: "Số CCCD này đã được đăng ký ở đơn vị khác (ngoài phạm vi của bạn)" });
  });

  it("a province officer (read-only) cannot import at all", async () => {
    await expect(previewImport(t.prisma, officer, { name: "x.csv", data: csvOf([person(305, BD[0])]) })).rejects.toMatchObject({ status: 403 });
    await expect(runImport(t.prisma, officer, { name: "x.csv", data: csvOf([person(305, BD[0])]) })).rejects.toMatchObject({ status: 403 });
  });
});

describe("formats", () => {
  it("reads XLSX with Excel date cells and numeric incomes, and semicolon CSV without BOM", async () => {
    const x = [person(401, BD[0]), person(402, BD[1], { agentCode: undefined })];
    const rx = await previewImport(t.prisma, badinh, { name: "a.xlsx", data: await xlsxOf(x) });
    expect(rx).toMatchObject({ total: 2, valid: 2, rejected: 0 });
    const c = [person(403, BD[0])];
    const rc = await previewImport(t.prisma, badinh, { name: "b.csv", data: csvOf(c, { bom: false, delimiter: ";" }) });
    expect(rc).toMatchObject({ total: 1, valid: 1, rejected: 0 });
  });

  it("refuses a file without the required columns, naming them", async () => {
    const data = csvOf([person(404, BD[0])], { headers: ["personalId", "fullName"] });
    const err = await previewImport(t.prisma, badinh, { name: "c.csv", data }).catch((e) => e);
    expect(err).toBeInstanceOf(ImportFileError);
    expect(err.message).toBe(
      "Tệp thiếu cột bắt buộc: Ngày sinh, Giới tính, Mã xã, Nhóm nghề nghiệp, Nhóm đối tượng hỗ trợ, Mức thu nhập tháng, Phương thức đóng. Hãy dùng tệp mẫu.",
    );
  });
});

describe("outreach conference column (the form's rule: held in the person's commune)", () => {
  it("records a conference of the row's commune; refuses one of another commune or area, or a code that is not a number", async () => {
    const conference = async (communeCode: string) => {
      const c = await t.prisma.unit.findUniqueOrThrow({ where: { code: communeCode } });
      return t.prisma.outreachConference.create({
        data: { heldOn: new Date("2025-07-01T00:00:00Z"), communeCode, areaCode: c.areaCode!, provinceCode: c.provinceCode!, title: `Hội nghị ${communeCode}` },
      });
    };
    const here = await conference(BD[0]);
    const neighbour = await conference(BD[1]);
    const elsewhere = await conference(dongdaCommune);
    const rows = [
      person(501, BD[0], { conferenceId: String(here.id) }),
      person(502, BD[0], { conferenceId: String(neighbour.id) }),
      person(503, BD[0], { conferenceId: String(elsewhere.id) }),
      person(504, BD[0], { conferenceId: "HN-1" }),
      person(505, BD[0], { conferenceId: "" }),
    ];
    const s = await previewImport(t.prisma, badinh, { name: "hn.csv", data: csvOf(rows) });
    expect(s).toMatchObject({ total: 5, valid: 2, rejected: 3 });
    expect(s.errors).toEqual([
      { line: 3, name: rows[1].fullName, field: "conferenceId", column: "Mã hội nghị tuyên truyền", message: "Hội nghị không tổ chức tại xã/phường đã chọn" },
      { line: 4, name: rows[2].fullName, field: "conferenceId", column: "Mã hội nghị tuyên truyền", message: "Hội nghị không tổ chức tại xã/phường đã chọn" },
      { line: 5, name: rows[3].fullName, field: "conferenceId", column: "Mã hội nghị tuyên truyền", message: "Hội nghị không hợp lệ" },
    ]);
    const r = await runImport(t.prisma, badinh, { name: "hn.csv", data: csvOf(rows) });
    expect(r).toMatchObject({ created: 2, rejected: 3 });
    const saved = await t.prisma.enrollee.findMany({
      where: { personalId: { in: [rows[0].personalId!, rows[4].personalId!] } },
      select: { personalId: true, conferenceId: true },
      orderBy: { personalId: "asc" },
    });
    expect(Object.fromEntries(saved.map((e) => [e.personalId, e.conferenceId]))).toEqual({ [rows[0].personalId!]: here.id, [rows[4].personalId!]: null });
  });
});

describe("same name and date of birth in the province: a warning, as in the registration form", () => {
  it("warns (in the preview and the result) without rejecting, also between rows of the file and whatever the Unicode form; another province does not count", async () => {
    const nghean = (await t.prisma.unit.findFirstOrThrow({ where: { provinceCode: "40", level: "COMMUNE" }, orderBy: { code: "asc" } })).code;
    await createEnrollee(t.prisma, BD[1], { fullName: "Phạm Thị Trùng", dateOfBirth: "1980-06-15", sex: "FEMALE" });
    await createEnrollee(t.prisma, nghean, { fullName: "Đỗ Văn Khác Tỉnh", dateOfBirth: "1979-02-01", sex: "MALE" });
    const same = (serial: number, communeCode: string, fullName: string) =>
      person(serial, communeCode, { fullName, dateOfBirth: "15/06/1980", sex: "Nữ", personalId: makePersonalId("001", "1980-06-15", "FEMALE", serial) });
    const rows = [
      same(601, BD[0], "Phạm Thị Trùng".normalize("NFD")), // line 2: someone in the province (the stored name is NFC)
      same(602, BD[2], "PHẠM THỊ TRÙNG"), // line 3: the same, and line 2 of the file
      person(603, BD[0], { fullName: "Đỗ Văn Khác Tỉnh", dateOfBirth: "01/02/1979", sex: "Nam", personalId: makePersonalId("001", "1979-02-01", "MALE", 603) }), // only in Nghệ An
    ];
    const file = { name: "trung ten.csv", data: csvOf(rows) };
    const inProvince = "Cảnh báo: trong tỉnh đã có 1 người cùng họ tên và ngày sinh — hãy kiểm tra đây không phải là cùng một người (dòng vẫn được nhập)";
    const warnings = [
      { line: 2, field: "fullName", column: "Họ và tên", message: inProvince },
      { line: 3, field: "fullName", column: "Họ và tên", message: inProvince },
      { line: 3, field: "fullName", column: "Họ và tên", message: "Cảnh báo: cùng họ tên và ngày sinh với dòng 2 của tệp — hãy kiểm tra (dòng vẫn được nhập)" },
    ];
    const s = await previewImport(t.prisma, badinh, file);
    expect(s).toMatchObject({ total: 3, valid: 3, rejected: 0, warned: 2, errors: [], warnings, warningsTruncated: false });

    const report: { line: number; reasons: unknown[]; warnings?: { message: string }[] }[] = [];
    const r = await runImport(t.prisma, badinh, file, { onWarned: (row) => void report.push(row) });
    expect(r).toMatchObject({ created: 3, rejected: 0, warned: 2, warnings });
    expect(report.map((x) => [x.line, x.reasons.length, x.warnings?.length])).toEqual([
      [2, 0, 1],
      [3, 0, 2],
    ]);
    expect(await inDb(rows.map((x) => x.personalId!))).toEqual(rows.map((x) => x.personalId!).sort());
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "enrollee.import" }, orderBy: { id: "desc" } });
    expect(audit.after).toMatchObject({ fileName: "trung ten.csv", created: 3, warned: 2 });

    // importing the file again: everyone is already there, nobody is warned about themselves
    expect(await previewImport(t.prisma, badinh, file)).toMatchObject({ total: 3, valid: 0, duplicates: 3, warned: 0 });
  });
});

describe("rows that repeat an earlier batch of the same import", () => {
  // On PostgreSQL the checks read on another connection, beside the import's transaction, so they
  // cannot see the rows its earlier batches wrote: the import must remember them itself. Batches of 2
  // rows put every repeat in a later batch than the row it repeats.
  it("are refused (ID, SI code, receipt) or warned (name) as within one batch, and the rest goes in", async () => {
    const dob = "1977-07-07";
    const first = person(801, BD[0], { siCode: "0100000801", agentCode, method: "Tiền mặt", receiptNo: "LO-801", paidOn: "15/08/2025", enrolledOn: "" });
    const rows = [
      first, // line 2
      person(802, BD[1], { fullName: "Vũ Thị Lặp Lô", dateOfBirth: "07/07/1977", sex: "Nữ", personalId: makePersonalId("001", dob, "FEMALE", 802) }), // line 3
      { ...person(803, BD[2]), personalId: first.personalId, dateOfBirth: first.dateOfBirth, sex: first.sex }, // line 4: line 2's ID
      person(804, BD[0], { siCode: "0100000801" }), // line 5: the SI code of line 2
      person(805, BD[0], { agentCode, method: "Tiền mặt", receiptNo: "LO-801", paidOn: "16/08/2025", enrolledOn: "" }), // line 6: line 2's receipt
      person(806, BD[2], { fullName: "VŨ THỊ LẶP LÔ", dateOfBirth: "07/07/1977", sex: "Nữ", personalId: makePersonalId("001", dob, "FEMALE", 806) }), // line 7: line 3's name
    ];
    const r = await runImport(t.prisma, badinh, { name: "lap lo.csv", data: csvOf(rows) }, { batchSize: 2 });
    expect(r).toMatchObject({ total: 6, created: 3, contributions: 1, duplicates: 0, rejected: 3, warned: 1 });
    expect(r.errors.map((e) => [e.line, e.field, e.message])).toEqual([
      [4, "personalId", "Số CCCD trùng với dòng 2 của tệp"],
      [5, "siCode", "Mã số BHXH trùng với dòng 2 của tệp"],
      [6, "receiptNo", "Số biên lai trùng với dòng 2 của tệp (cùng đại lý)"],
    ]);
    // only the file's own row: the person of line 3, written by an earlier batch, is not "already in the province"
    expect(r.warnings.map((w) => [w.line, w.message])).toEqual([
      [7, "Cảnh báo: cùng họ tên và ngày sinh với dòng 3 của tệp — hãy kiểm tra (dòng vẫn được nhập)"],
    ]);
    expect(await inDb(rows.map((x) => x.personalId!))).toEqual([first.personalId!, rows[1].personalId!, rows[5].personalId!].sort());
  });
});

describe("all or nothing", () => {
  it("a database error in the last batch leaves no row of the earlier batches", async () => {
    // a real failure inside PostgreSQL, only in this test database: a trigger refusing one name
    await t.prisma.$executeRawUnsafe(`CREATE FUNCTION refuse_test_name() RETURNS trigger AS $$ BEGIN
      IF NEW."fullName" = 'Hỏng Cuối Cùng' THEN RAISE EXCEPTION 'forced failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await t.prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_test_name BEFORE INSERT ON "Enrollee" FOR EACH ROW EXECUTE FUNCTION refuse_test_name()`);
    try {
      const rows = Array.from({ length: 250 }, (_, i) => person(1000 + i, BD[i % 3]));
      rows[249].fullName = "Hỏng Cuối Cùng";
      const before = await count(`SELECT count(*) n FROM "Enrollee"`);
      const audits = await count(`SELECT count(*) n FROM "AuditLog"`);
      const batches: number[] = [];
      await expect(
        runImport(t.prisma, badinh, { name: "fail.csv", data: csvOf(rows) }, { batchSize: 100, onProgress: (n) => void batches.push(n) }),
      ).rejects.toThrow(/forced failure/);
      expect(batches).toEqual([100, 200]); // two batches went in before the third failed
      expect(await count(`SELECT count(*) n FROM "Enrollee"`)).toBe(before);
      expect(await inDb(rows.map((r) => r.personalId!))).toEqual([]);
      expect(await count(`SELECT count(*) n FROM "AuditLog"`)).toBe(audits);
    } finally {
      await t.prisma.$executeRawUnsafe(`DROP TRIGGER refuse_test_name ON "Enrollee"`);
      await t.prisma.$executeRawUnsafe(`DROP FUNCTION refuse_test_name()`);
    }
  });
});
