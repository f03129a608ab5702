// Receipt books (quyển biên lai): ranges of numbered receipts, series + first…last, issued to an agent.
// A receipt number "BH25-AG/0000012" reads as the series "BH25-AG" and the number 12: the trailing digits
// are the number, what comes before them (spaces and a trailing "-", "/" or "." ignored, any case) the series.
// Pure: the server loads the books, voided numbers and used numbers; these rules decide and report.
import type { Bilingual } from "./types";

export type ReceiptCheckMode = "OFF" | "WARN" | "REFUSE";

export type Book = {
  id: number;
  series: string;
  firstNo: number;
  lastNo: number;
  digits: number;
  issuedOn: string; // yyyy-mm-dd
  closedOn: string | null; // numbers are no longer accepted from this day
};

/** "bh25-ag /" → "BH25-AG". */
export function normalizeSeries(s: string): string {
  return s
    .normalize("NFC")
    .toUpperCase()
    .replace(/\s+/g, "")
    .replace(/[-/.]+$/, "");
}

/** The series and number of a receipt number, or null when it does not end in digits. */
export function parseReceiptNo(receiptNo: string): { series: string; number: number } | null {
  const m = /^(.*?)(\d{1,12})$/.exec(receiptNo.trim());
  if (!m) return null;
  const number = Number(m[2]);
  return Number.isSafeInteger(number) ? { series: normalizeSeries(m[1]), number } : null;
}

/** "BH25-AG/" + 12 (7 digits) → "BH25-AG/0000012". */
export function formatReceiptNo(book: Pick<Book, "series" | "digits">, n: number): string {
  return `${book.series}${String(n).padStart(book.digits, "0")}`;
}

export function bookLabel(book: Pick<Book, "series" | "digits" | "firstNo" | "lastNo">): string {
  return `${formatReceiptNo(book, book.firstNo)}–${formatReceiptNo(book, book.lastNo)}`;
}

export const isOpenOn = (b: Pick<Book, "issuedOn" | "closedOn">, day: string) => b.issuedOn <= day && (b.closedOn === null || day < b.closedOn);

export type ReceiptProblem = { code: "NOT_NUMBERED" | "OUTSIDE" | "NOT_OPEN" | "VOIDED" | "USED"; message: Bilingual };

/**
 * Does a receipt number, used on `day`, fall in one of the agent's open books? Null = fine, or not
 * checked because the agent has no receipt books at all (agents not yet given books are unaffected).
 * `voided`: the voided numbers of each book.
 */
export function checkReceipt(books: Book[], voided: Map<number, Set<number>>, receiptNo: string, day: string): ReceiptProblem | null {
  if (books.length === 0) return null;
  const open = books.filter((b) => isOpenOn(b, day));
  const openList = open.length ? open.map(bookLabel).join(", ") : null;
  const parsed = parseReceiptNo(receiptNo);
  if (!parsed) {
    return {
      code: "NOT_NUMBERED",
      message: {
        vi: `Số biên lai “${receiptNo}” không đúng dạng ký hiệu + số (ví dụ ${books[0] ? formatReceiptNo(books[0], books[0].firstNo) : "BH25-AG/0000001"}).`,
        en: `Receipt number “${receiptNo}” is not a series followed by a number (e.g. ${books[0] ? formatReceiptNo(books[0], books[0].firstNo) : "BH25-AG/0000001"}).`,
      },
    };
  }
  const inRange = books.filter((b) => normalizeSeries(b.series) === parsed.series && b.firstNo <= parsed.number && parsed.number <= b.lastNo);
  if (inRange.length === 0) {
    return {
      code: "OUTSIDE",
      message: {
        vi: `Số biên lai ${receiptNo} không thuộc quyển biên lai nào đã cấp cho đại lý. ${openList ? `Các quyển đang mở: ${openList}.` : "Đại lý không có quyển biên lai nào đang mở."}`,
        en: `Receipt number ${receiptNo} is not in any receipt book issued to the agent. ${openList ? `Open books: ${openList}.` : "The agent has no open receipt book."}`,
      },
    };
  }
  const book = inRange.find((b) => isOpenOn(b, day));
  if (!book) {
    const b = inRange[0];
    return {
      code: "NOT_OPEN",
      message: {
        vi: `Quyển biên lai ${bookLabel(b)} ${b.closedOn && b.closedOn <= day ? "đã đóng" : "chưa được cấp"} vào ngày ${day.split("-").reverse().join("/")}.`,
        en: `Receipt book ${bookLabel(b)} ${b.closedOn && b.closedOn <= day ? "was closed" : "was not yet issued"} on ${day.split("-").reverse().join("/")}.`,
      },
    };
  }
  if (voided.get(book.id)?.has(parsed.number)) {
    return {
      code: "VOIDED",
      message: { vi: `Số biên lai ${receiptNo} đã bị hủy, không dùng được nữa.`, en: `Receipt number ${receiptNo} has been voided and cannot be used.` },
    };
  }
  return null;
}

/** Consecutive numbers → ranges: [1,2,3,7] → [[1,3],[7,7]]. */
export function toRanges(numbers: number[]): [number, number][] {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const n of sorted) {
    const last = out.at(-1);
    if (last && n === last[1] + 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

export type BookReport = {
  size: number;
  used: number;
  voided: number;
  unused: number;
  /** numbers neither used nor voided below the highest used one: skipped receipts to explain */
  gaps: [number, number][];
  gapCount: number;
  /** numbers after the highest used or voided one: still available */
  remaining: [number, number][];
  /** numbers on more than one payment ("0000012" and "12" are the same receipt) */
  duplicates: { number: number; receiptNos: string[] }[];
  /** numbers both voided and on a payment */
  usedAndVoided: number[];
};

/** The account of one book: `usedReceiptNos` are the receipt numbers of the agent's payments (any, filtered here). */
export function bookReport(book: Book, usedReceiptNos: string[], voidedNumbers: number[]): BookReport {
  const series = normalizeSeries(book.series);
  const byNumber = new Map<number, string[]>();
  for (const r of usedReceiptNos) {
    const p = parseReceiptNo(r);
    if (!p || p.series !== series || p.number < book.firstNo || p.number > book.lastNo) continue;
    byNumber.set(p.number, [...(byNumber.get(p.number) ?? []), r]);
  }
  const voided = new Set(voidedNumbers.filter((n) => n >= book.firstNo && n <= book.lastNo));
  const used = [...byNumber.keys()];
  const highest = Math.max(book.firstNo - 1, ...used, ...voided);
  const gaps: number[] = [];
  const remaining: number[] = [];
  for (let n = book.firstNo; n <= book.lastNo; n++) {
    if (byNumber.has(n) || voided.has(n)) continue;
    (n < highest ? gaps : remaining).push(n);
  }
  const usedOrVoided = new Set([...used, ...voided]);
  const size = book.lastNo - book.firstNo + 1;
  return {
    size,
    used: used.length,
    voided: voided.size,
    unused: size - usedOrVoided.size,
    gaps: toRanges(gaps),
    gapCount: gaps.length,
    remaining: toRanges(remaining),
    duplicates: [...byNumber]
      .filter(([, r]) => r.length > 1)
      .map(([number, receiptNos]) => ({ number, receiptNos }))
      .sort((a, b) => a.number - b.number),
    usedAndVoided: used.filter((n) => voided.has(n)).sort((a, b) => a - b),
  };
}
