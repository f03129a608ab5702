// Receipt books: a payment's receipt number must fall in an open book of its agent (per-province rule:
// warn or refuse), through the one payment path and the import; voided and reused numbers; the account
// of a book (used, unused, voided, gaps, duplicates); scope and audit of every write.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import { agentInput } from "../fixtures/agents";
import { registrationInput } from "../fixtures/enrollment";
import { csvOf, person } from "../fixtures/import";
import type { Principal } from "@/lib/server/auth/authz";
import { addCollector, createAgent } from "@/lib/server/agents/agents";
import { registerEnrollee } from "@/lib/server/enrollment/enrollees";
import { recordPayment } from "@/lib/server/enrollment/contributions";
import { runImport } from "@/lib/server/imports/imports";
import { closeReceiptBook, createReceiptBook, getReceiptBook, listReceiptBooks, setPaperworkSettings, voidReceipt } from "@/lib/server/paperwork/receipt-books";

let t: TestDb;
let hanoiAdmin: Principal, officer: Principal, badinh: Principal, dongda: Principal;
let agentId: number, agentCode: string, otherAgentId: number, bookId: number;

const issuesOf = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e, "expected a validation error").toBeInstanceOf(ZodError);
  return (e as ZodError).issues.map((i) => ({ path: i.path.join("."), message: i.message }));
};
const person1 = async () =>
  (await registerEnrollee(t.prisma, badinh, registrationInput({ agentId, enrolledOn: "2026-01-05", payment: undefined }), { today: "2026-06-15" })).enrollee.id;
const pay = (enrolleeId: number, receiptNo: string, paidOn = "2026-03-10") =>
  recordPayment(t.prisma, badinh, enrolleeId, { method: "CASH", receiptNo, paidOn, period: "ANNUAL", declaredIncome: 1_500_000 });

beforeAll(async () => {
  t = await freshDb();
  hanoiAdmin = await principalFor(t.prisma, "ADMIN", "01");
  officer = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
  badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  dongda = await principalFor(t.prisma, "DISTRICT_STAFF", "006");
  const a = await createAgent(t.prisma, hanoiAdmin, agentInput({ code: "HN-BL-01", contractStart: "2024-01-01" }));
  agentId = a.id;
  agentCode = "HN-BL-01";
  otherAgentId = (await createAgent(t.prisma, hanoiAdmin, agentInput({ code: "HN-BL-02", contractStart: "2024-01-01" }))).id;
});
afterAll(async () => {
  await t.close();
});

describe("receipt books", () => {
  it("issues a book to an agent in scope; overlapping ranges of a series and foreign collectors are refused; audited", async () => {
    const book = await createReceiptBook(t.prisma, badinh, { agentId, series: "BH25-AG/", firstNo: "1", lastNo: "50", issuedOn: "2026-01-01" });
    bookId = book.id;
    expect(book.report).toMatchObject({ size: 50, used: 0, unused: 50, voided: 0, gapCount: 0 });
    expect(
      await issuesOf(createReceiptBook(t.prisma, badinh, { agentId: otherAgentId, series: "bh25-ag", firstNo: "40", lastNo: "60", issuedOn: "2026-01-01" })),
    ).toEqual([expect.objectContaining({ path: "firstNo", message: expect.stringContaining("HN-BL-01") })]);
    const otherCollector = await addCollector(t.prisma, hanoiAdmin, otherAgentId, { name: "Lê Văn Bình" });
    expect(
      (
        await issuesOf(
          createReceiptBook(t.prisma, badinh, {
            agentId,
            collectorId: String(otherCollector.id),
            series: "BH26-AG/",
            firstNo: "1",
            lastNo: "10",
            issuedOn: "2026-01-01",
          }),
        )
      )[0].path,
    ).toBe("collectorId");
    expect((await issuesOf(createReceiptBook(t.prisma, badinh, { agentId, series: "X", firstNo: "10", lastNo: "9", issuedOn: "2026-01-01" })))[0].path).toBe(
      "lastNo",
    );
    // scope: Đống Đa's staff cannot see or issue for Ba Đình's agent; the province officer may not write
    await expect(createReceiptBook(t.prisma, dongda, { agentId, series: "Z/", firstNo: "1", lastNo: "5", issuedOn: "2026-01-01" })).rejects.toMatchObject({
      status: 404,
    });
    await expect(getReceiptBook(t.prisma, dongda, bookId)).rejects.toMatchObject({ status: 404 });
    await expect(listReceiptBooks(t.prisma, dongda, agentId)).rejects.toMatchObject({ status: 404 });
    await expect(createReceiptBook(t.prisma, officer, { agentId, series: "Z/", firstNo: "1", lastNo: "5", issuedOn: "2026-01-01" })).rejects.toMatchObject({
      status: 403,
    });
    expect(await t.prisma.auditLog.count({ where: { action: "receiptBook.create", entityId: String(bookId) } })).toBe(1);
  });

  it("refuses, when the province says so, a number outside the agent's books with a clear Vietnamese message; in range is recorded", async () => {
    await expect(setPaperworkSettings(t.prisma, badinh, "01", { receiptCheck: "REFUSE", remittanceDays: "7" })).rejects.toMatchObject({ status: 403 });
    await setPaperworkSettings(t.prisma, hanoiAdmin, "01", { receiptCheck: "REFUSE", remittanceDays: "7" });
    const e1 = await person1();
    expect(await issuesOf(pay(e1, "BH25-AG/0000051"))).toEqual([
      {
        path: "receiptNo",
        message: "Số biên lai BH25-AG/0000051 không thuộc quyển biên lai nào đã cấp cho đại lý. Các quyển đang mở: BH25-AG/0000001–BH25-AG/0000050.",
      },
    ]);
    expect(await issuesOf(pay(e1, "AB/0000012"))).toHaveLength(1);
    expect(await t.prisma.contribution.count({ where: { enrolleeId: e1 } })).toBe(0);
    const ok = await pay(e1, "BH25-AG/0000012");
    expect(ok.receiptWarning).toBeUndefined();
    // reused: the same string, and the same receipt written differently
    const e2 = await person1();
    expect((await issuesOf(pay(e2, "BH25-AG/0000012")))[0].message).toContain("đã được dùng");
    expect((await issuesOf(pay(e2, "bh25-ag/12")))[0].message).toBe("Số biên lai BH25-AG/12 đã dùng cho một khoản thu khác (ghi là BH25-AG/0000012).");
    // another agent has no books: not checked
    const e3 = (
      await registerEnrollee(t.prisma, badinh, registrationInput({ agentId: otherAgentId, enrolledOn: "2026-01-05", payment: undefined }), {
        today: "2026-06-15",
      })
    ).enrollee.id;
    expect((await pay(e3, "ANYTHING-1")).receiptNo).toBe("ANYTHING-1");
  });

  it("voids a number with a reason (audited); a voided number is refused; a used number cannot be voided; a closed book refuses", async () => {
    await expect(voidReceipt(t.prisma, officer, bookId, { number: "13", reason: "Viết hỏng" })).rejects.toMatchObject({ status: 403 });
    await expect(voidReceipt(t.prisma, dongda, bookId, { number: "13", reason: "Viết hỏng" })).rejects.toMatchObject({ status: 404 });
    const after = await voidReceipt(t.prisma, badinh, bookId, { number: "13", reason: "Viết hỏng" });
    expect(after.voids).toEqual([expect.objectContaining({ number: 13, reason: "Viết hỏng" })]);
    expect(await t.prisma.auditLog.count({ where: { action: "receipt.void", entityId: String(bookId) } })).toBe(1);
    expect((await issuesOf(voidReceipt(t.prisma, badinh, bookId, { number: "13", reason: "lần nữa" })))[0].message).toContain("đã hủy");
    expect((await issuesOf(voidReceipt(t.prisma, badinh, bookId, { number: "12", reason: "nhầm" })))[0].message).toContain(
      "đã dùng cho khoản thu ngày 10/03/2026",
    );
    expect((await issuesOf(voidReceipt(t.prisma, badinh, bookId, { number: "51", reason: "nhầm" })))[0].path).toBe("number");
    const e = await person1();
    expect(await issuesOf(pay(e, "BH25-AG/0000013"))).toEqual([{ path: "receiptNo", message: "Số biên lai BH25-AG/0000013 đã bị hủy, không dùng được nữa." }]);

    const late = await createReceiptBook(t.prisma, badinh, { agentId, series: "BH25-AG/", firstNo: "51", lastNo: "60", issuedOn: "2026-01-01" });
    await closeReceiptBook(t.prisma, badinh, late.id, { closedOn: "2026-03-01" });
    expect((await issuesOf(pay(e, "BH25-AG/0000055", "2026-03-10")))[0].message).toBe(
      "Quyển biên lai BH25-AG/0000051–BH25-AG/0000060 đã đóng vào ngày 10/03/2026.",
    );
    expect(await t.prisma.auditLog.count({ where: { action: "receiptBook.close", entityId: String(late.id) } })).toBe(1);
  });

  it("only warns when the province warns: the payment is recorded with the warning", async () => {
    await setPaperworkSettings(t.prisma, hanoiAdmin, "01", { receiptCheck: "WARN", remittanceDays: "7" });
    const e = await person1();
    const r = await pay(e, "BH25-AG/0000099");
    expect(r.receiptWarning).toContain("không thuộc quyển biên lai nào");
    await setPaperworkSettings(t.prisma, hanoiAdmin, "01", { receiptCheck: "REFUSE", remittanceDays: "7" });
  });

  it("accounts for a book: used, unused, voided, gaps, duplicates", async () => {
    for (const n of ["0000001", "0000002", "0000005"]) await pay(await person1(), `BH25-AG/${n}`);
    // a duplicate written another way, slipped in before the books existed (straight into the table)
    const src = await t.prisma.contribution.findFirstOrThrow({ where: { agentId, receiptNo: "BH25-AG/0000005" } });
    const { id: _id, createdAt: _c, ...rest } = src;
    const other = await person1();
    await t.prisma.contribution.create({ data: { ...rest, enrolleeId: other, receiptNo: "BH25-AG/5" } });
    const b = await getReceiptBook(t.prisma, officer, bookId);
    expect(b.report).toEqual({
      size: 50,
      used: 4,
      voided: 1,
      unused: 45,
      gapCount: 8,
      gaps: [
        [3, 4],
        [6, 11],
      ],
      remaining: [[14, 50]],
      duplicates: [{ number: 5, receiptNos: expect.arrayContaining(["BH25-AG/0000005", "BH25-AG/5"]) }],
      usedAndVoided: [],
    });
    // the same count from SQL: receipts of the agent in the book's series and range
    const [n] = await t.prisma.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(DISTINCT substring("receiptNo" from '(\\d+)$')::int) AS n FROM "Contribution" WHERE "agentId" = $1 AND upper("receiptNo") LIKE 'BH25-AG/%' AND substring("receiptNo" from '(\\d+)$')::int BETWEEN 1 AND 50`,
      agentId,
    );
    expect(b.report.used).toBe(Number(n.n));
  });

  it("the import refuses rows whose receipt number is outside the agent's books", async () => {
    const rows = [
      person(910_001, "00004", { agentCode, method: "Tiền mặt", receiptNo: "BH25-AG/0000020", paidOn: "10/03/2026", enrolledOn: "01/03/2026" }),
      person(910_002, "00004", { agentCode, method: "Tiền mặt", receiptNo: "BH25-AG/0000700", paidOn: "10/03/2026", enrolledOn: "01/03/2026" }),
    ];
    const r = await runImport(t.prisma, badinh, { name: "x.csv", data: csvOf(rows) });
    expect(r.created).toBe(1);
    expect(JSON.stringify(r)).toContain("Số biên lai BH25-AG/0000700 không thuộc quyển biên lai nào đã cấp cho đại lý");
  });
});
