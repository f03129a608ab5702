// Receipt books: issue a range of receipt numbers to an agent (optionally one of its collectors), void
// a number with a reason, close a book, and account for each book (used, unused, voided, gaps,
// duplicates). The per-province setting says what recording a payment does with a number outside the
// agent's open books: nothing (OFF), a warning (WARN, the default) or a refusal (REFUSE). The payment
// path (lib/server/enrollment/contributions.ts) calls checkReceiptForPayment; the import calls
// loadReceiptIndex once per file. Every write checks paperwork.write and the agent's scope, runs in
// one transaction and is audited.
import {
  bookReport,
  checkReceipt,
  normalizeSeries,
  parseReceiptNo,
  type Book,
  type BookReport,
  type ReceiptCheckMode,
  type ReceiptProblem,
} from "@/lib/domain/receipts";
import { fromIsoDate, toIsoDate, type IsoDate } from "@/lib/domain/dates";
import type { Locale } from "@/lib/i18n/messages";
import { closeReceiptBookSchema, paperworkSettingsSchema, receiptBookSchema, voidReceiptSchema } from "@/lib/validation/paperwork";
import type { PrismaClient } from "@/generated/prisma/client";
import type { DbTx } from "../db/client";
import { AuthError, assertCan, assertInScope, provinceWhere, scopeWhere, unitInScope, type Principal, type Scope } from "../auth/authz";
import { writeAudit } from "../trust/audit";
import { fieldIssue, validationError } from "../enrollment/errors";
import { inTransaction } from "../db/helpers";

export type PaperworkSettings = { provinceCode: string; receiptCheck: ReceiptCheckMode; remittanceDays: number };
export const DEFAULT_SETTINGS = { receiptCheck: "WARN" as ReceiptCheckMode, remittanceDays: 7 };

export async function paperworkSettings(db: DbTx, provinceCode: string): Promise<PaperworkSettings> {
  const s = await db.paperworkSetting.findUnique({ where: { provinceCode } });
  return { provinceCode, receiptCheck: s?.receiptCheck ?? DEFAULT_SETTINGS.receiptCheck, remittanceDays: s?.remittanceDays ?? DEFAULT_SETTINGS.remittanceDays };
}

/** Sets a province's paperwork rules: administrators of the province (or the nation). */
export async function setPaperworkSettings(db: PrismaClient | DbTx, p: Principal, provinceCode: string, input: unknown): Promise<PaperworkSettings> {
  assertCan(p, "agent.write");
  const province = await db.unit.findUnique({ where: { code: provinceCode }, select: { code: true, level: true, provinceCode: true, areaCode: true } });
  if (!province || province.level !== "PROVINCE") throw new AuthError(404, "not found");
  assertInScope(p, province);
  const v = paperworkSettingsSchema.parse(input);
  return inTransaction(db, async (tx) => {
    const before = await paperworkSettings(tx, provinceCode);
    await tx.paperworkSetting.upsert({ where: { provinceCode }, create: { provinceCode, ...v }, update: v });
    const after = { provinceCode, ...v };
    await writeAudit(tx, p, { action: "paperwork.settings", entity: "PaperworkSetting", entityId: provinceCode, unitCode: provinceCode, before, after });
    return after;
  });
}

// ------------------------------------------------------------------------------- reads

const asBook = (b: { id: number; series: string; firstNo: number; lastNo: number; digits: number; issuedOn: Date; closedOn: Date | null }): Book => ({
  id: b.id,
  series: b.series,
  firstNo: b.firstNo,
  lastNo: b.lastNo,
  digits: b.digits,
  issuedOn: toIsoDate(b.issuedOn),
  closedOn: b.closedOn ? toIsoDate(b.closedOn) : null,
});

async function agentInScope(db: DbTx, p: Principal, agentId: number) {
  const a = Number.isSafeInteger(agentId)
    ? await db.collectionAgent.findUnique({ where: { id: agentId }, select: { id: true, code: true, name: true, provinceCode: true, areaCode: true } })
    : null;
  if (!a) throw new AuthError(404, "not found");
  assertInScope(p, { code: a.code, level: "AGENT", provinceCode: a.provinceCode, areaCode: a.areaCode });
  return a;
}

async function bookInScope(db: DbTx, p: Principal, bookId: number) {
  const b = Number.isSafeInteger(bookId)
    ? await db.receiptBook.findUnique({
        where: { id: bookId },
        include: { agent: { select: { code: true, name: true } }, collector: { select: { name: true } } },
      })
    : null;
  if (!b || !unitInScope(p.scope, { code: "", level: "BOOK", provinceCode: b.provinceCode, areaCode: b.areaCode })) throw new AuthError(404, "not found");
  return b;
}

export type ReceiptBookView = Book & {
  agentId: number;
  agentCode: string;
  agentName: string;
  collectorId: number | null;
  collectorName: string | null;
  note: string | null;
  report: BookReport;
  voids: { number: number; reason: string; voidedAt: Date }[];
};

async function withReports(db: DbTx, books: Awaited<ReturnType<typeof bookInScope>>[]): Promise<ReceiptBookView[]> {
  if (books.length === 0) return [];
  const agentIds = [...new Set(books.map((b) => b.agentId))];
  const [used, voids] = await Promise.all([
    db.contribution.findMany({ where: { agentId: { in: agentIds } }, select: { agentId: true, receiptNo: true } }),
    db.receiptVoid.findMany({ where: { bookId: { in: books.map((b) => b.id) } }, orderBy: { number: "asc" } }),
  ]);
  return books.map((b) => {
    const mine = voids.filter((v) => v.bookId === b.id);
    const book = asBook(b);
    return {
      ...book,
      agentId: b.agentId,
      agentCode: b.agent.code,
      agentName: b.agent.name,
      collectorId: b.collectorId,
      collectorName: b.collector?.name ?? null,
      note: b.note,
      report: bookReport(
        book,
        used.filter((u) => u.agentId === b.agentId).map((u) => u.receiptNo),
        mine.map((v) => v.number),
      ),
      voids: mine.map((v) => ({ number: v.number, reason: v.reason, voidedAt: v.voidedAt })),
    };
  });
}

/** An agent's receipt books (the agent must be in the caller's scope), newest first, each with its account. */
export async function listReceiptBooks(
  db: DbTx,
  p: Principal,
  agentId: number,
): Promise<{ agent: { id: number; code: string; name: string; provinceCode: string }; books: ReceiptBookView[]; settings: PaperworkSettings }> {
  assertCan(p, "unit.read");
  const a = await agentInScope(db, p, agentId);
  const books = await db.receiptBook.findMany({
    where: { agentId: a.id },
    orderBy: [{ issuedOn: "desc" }, { id: "desc" }],
    include: { agent: { select: { code: true, name: true } }, collector: { select: { name: true } } },
  });
  return {
    agent: { id: a.id, code: a.code, name: a.name, provinceCode: a.provinceCode },
    books: await withReports(db, books),
    settings: await paperworkSettings(db, a.provinceCode),
  };
}

/** One book's account. */
export async function getReceiptBook(db: DbTx, p: Principal, bookId: number): Promise<ReceiptBookView> {
  assertCan(p, "unit.read");
  const [view] = await withReports(db, [await bookInScope(db, p, bookId)]);
  return view;
}

// ------------------------------------------------------------------------------- writes

/** Issues a book. Input: receiptBookSchema. The same series may not cover a number twice in a province. */
export async function createReceiptBook(db: PrismaClient | DbTx, p: Principal, input: unknown): Promise<ReceiptBookView> {
  assertCan(p, "paperwork.write");
  const v = receiptBookSchema.parse(input);
  return inTransaction(db, async (tx) => {
    const a = await agentInScope(tx, p, v.agentId);
    if (v.collectorId !== undefined) {
      const c = await tx.collector.findUnique({ where: { id: v.collectorId }, select: { agentId: true } });
      if (!c || c.agentId !== a.id) throw validationError([fieldIssue("collectorId", "Nhân viên thu không thuộc đại lý này")]);
    }
    const series = v.series.trim();
    const sameSeries = await tx.receiptBook.findMany({
      where: { provinceCode: a.provinceCode, firstNo: { lte: v.lastNo }, lastNo: { gte: v.firstNo } },
      include: { agent: { select: { code: true } } },
    });
    const clash = sameSeries.find((b) => normalizeSeries(b.series) === normalizeSeries(series));
    if (clash) {
      throw validationError([
        fieldIssue("firstNo", `Dải số trùng với quyển ${clash.series}${clash.firstNo}–${clash.series}${clash.lastNo} đã cấp cho đại lý ${clash.agent.code}`),
      ]);
    }
    const b = await tx.receiptBook.create({
      data: {
        agentId: a.id,
        collectorId: v.collectorId ?? null,
        provinceCode: a.provinceCode,
        areaCode: a.areaCode,
        series,
        firstNo: v.firstNo,
        lastNo: v.lastNo,
        digits: v.digits,
        issuedOn: fromIsoDate(v.issuedOn),
        note: v.note ?? null,
      },
      include: { agent: { select: { code: true, name: true } }, collector: { select: { name: true } } },
    });
    await writeAudit(tx, p, {
      action: "receiptBook.create",
      entity: "ReceiptBook",
      entityId: b.id,
      unitCode: a.areaCode,
      after: { ...asBook(b), agentId: a.id, collectorId: b.collectorId, note: b.note },
    });
    return (await withReports(tx, [b]))[0];
  });
}

/** Voids one number of a book with a reason. A number already on a payment cannot be voided. */
export async function voidReceipt(db: PrismaClient | DbTx, p: Principal, bookId: number, input: unknown): Promise<ReceiptBookView> {
  assertCan(p, "paperwork.write");
  const v = voidReceiptSchema.parse(input);
  return inTransaction(db, async (tx) => {
    const b = await bookInScope(tx, p, bookId);
    if (v.number < b.firstNo || v.number > b.lastNo)
      throw validationError([fieldIssue("number", `Số ${v.number} không thuộc quyển này (${b.firstNo}–${b.lastNo})`)]);
    const [view] = await withReports(tx, [b]);
    if (view.voids.some((x) => x.number === v.number)) throw validationError([fieldIssue("number", `Số ${v.number} đã hủy trước đó`)]);
    const usedBy = await tx.contribution.findMany({ where: { agentId: b.agentId }, select: { receiptNo: true, paidOn: true } });
    const series = normalizeSeries(b.series);
    const onPayment = usedBy.find((c) => {
      const r = parseReceiptNo(c.receiptNo);
      return r !== null && r.series === series && r.number === v.number;
    });
    if (onPayment)
      throw validationError([
        fieldIssue("number", `Số ${v.number} đã dùng cho khoản thu ngày ${toIsoDate(onPayment.paidOn).split("-").reverse().join("/")}, không hủy được`),
      ]);
    await tx.receiptVoid.create({ data: { bookId: b.id, number: v.number, reason: v.reason, voidedById: p.userId } });
    await writeAudit(tx, p, {
      action: "receipt.void",
      entity: "ReceiptBook",
      entityId: b.id,
      unitCode: b.areaCode,
      after: { number: v.number, reason: v.reason },
    });
    return getReceiptBook(tx, p, b.id);
  });
}

/** Closes a book from a date (returned, finished): its numbers are no longer accepted from that day. */
export async function closeReceiptBook(db: PrismaClient | DbTx, p: Principal, bookId: number, input: unknown): Promise<ReceiptBookView> {
  assertCan(p, "paperwork.write");
  const v = closeReceiptBookSchema.parse(input);
  return inTransaction(db, async (tx) => {
    const b = await bookInScope(tx, p, bookId);
    if (v.closedOn < toIsoDate(b.issuedOn)) throw validationError([fieldIssue("closedOn", "Ngày đóng phải sau ngày cấp")]);
    await tx.receiptBook.update({ where: { id: b.id }, data: { closedOn: fromIsoDate(v.closedOn) } });
    await writeAudit(tx, p, {
      action: "receiptBook.close",
      entity: "ReceiptBook",
      entityId: b.id,
      unitCode: b.areaCode,
      before: { closedOn: b.closedOn ? toIsoDate(b.closedOn) : null },
      after: { closedOn: v.closedOn },
    });
    return getReceiptBook(tx, p, b.id);
  });
}

// ------------------------------------------------------------------------------- checks

export type ReceiptVerdict = { mode: ReceiptCheckMode; problem: ReceiptProblem } | null;

/** For the payment path: what the province's rule says about this receipt number (null = fine or not checked). */
export async function checkReceiptForPayment(
  tx: DbTx,
  t: { agentId: number | null; provinceCode: string; receiptNo: string; paidOn: IsoDate },
): Promise<ReceiptVerdict> {
  if (t.agentId === null) return null;
  const books = await tx.receiptBook.findMany({ where: { agentId: t.agentId } });
  if (books.length === 0) return null;
  const { receiptCheck } = await paperworkSettings(tx, t.provinceCode);
  if (receiptCheck === "OFF") return null;
  const voids = await tx.receiptVoid.findMany({ where: { bookId: { in: books.map((b) => b.id) } }, select: { bookId: true, number: true } });
  const problem = checkReceipt(books.map(asBook), voidedByBook(voids), t.receiptNo, t.paidOn) ?? (await reused(tx, t.agentId, t.receiptNo));
  return problem ? { mode: receiptCheck, problem } : null;
}

/** The same receipt written differently ("BH25-AG/0000012" and "BH25-AG/12") on another payment of the agent. */
async function reused(tx: DbTx, agentId: number, receiptNo: string): Promise<ReceiptProblem | null> {
  const parsed = parseReceiptNo(receiptNo);
  if (!parsed) return null;
  const candidates = await tx.contribution.findMany({ where: { agentId, receiptNo: { endsWith: String(parsed.number) } }, select: { receiptNo: true } });
  const other = candidates.find((c) => {
    const r = parseReceiptNo(c.receiptNo);
    return r !== null && r.series === parsed.series && r.number === parsed.number;
  });
  return other
    ? {
        code: "USED",
        message: {
          vi: `Số biên lai ${receiptNo} đã dùng cho một khoản thu khác (ghi là ${other.receiptNo}).`,
          en: `Receipt number ${receiptNo} is already on another payment (written ${other.receiptNo}).`,
        },
      }
    : null;
}

function voidedByBook(voids: { bookId: number; number: number }[]): Map<number, Set<number>> {
  const m = new Map<number, Set<number>>();
  for (const v of voids) m.set(v.bookId, (m.get(v.bookId) ?? new Set()).add(v.number));
  return m;
}

/** For the import: the books, voids and rules of the caller's scope, loaded once; check() answers a refusal message or null. */
export async function loadReceiptIndex(db: DbTx, scope: Scope) {
  const [books, settings] = await Promise.all([
    db.receiptBook.findMany({ where: scopeWhere(scope), include: { voids: { select: { bookId: true, number: true } } } }),
    db.paperworkSetting.findMany({ where: provinceWhere(scope) }),
  ]);
  const byAgent = new Map<number, Book[]>();
  for (const b of books) byAgent.set(b.agentId, [...(byAgent.get(b.agentId) ?? []), asBook(b)]);
  const voided = voidedByBook(books.flatMap((b) => b.voids));
  const mode = new Map(settings.map((s) => [s.provinceCode, s.receiptCheck as ReceiptCheckMode]));
  return {
    /** The refusal message for a row, when the province refuses numbers outside the agent's books. */
    check(agentId: number, provinceCode: string, receiptNo: string, day: IsoDate, locale: Locale): string | null {
      if ((mode.get(provinceCode) ?? DEFAULT_SETTINGS.receiptCheck) !== "REFUSE") return null;
      const problem = checkReceipt(byAgent.get(agentId) ?? [], voided, receiptNo, day);
      return problem ? problem.message[locale] : null;
    },
  };
}
