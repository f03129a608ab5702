// The D05-TS list ("Danh sách người tham gia BHXH tự nguyện", Decision 505/QĐ-BHXH as amended by
// Decision 490/QĐ-BHXH of 28/03/2023): one row per payment an agent collected, in the form's numbered
// columns. Pure: the server reads the payments and the regulation values, this turns them into rows
// and totals (docs/features/paperwork.md says where each column comes from and which stay empty).

/** One payment as read for the list. */
export type D05Payment = {
  contributionId: number;
  fullName: string;
  siCode: string | null;
  personalId: string;
  address: string;
  paidOn: string; // yyyy-mm-dd: the receipt date
  receiptNo: string;
  declaredIncome: number;
  months: number;
  periodStart: string; // yyyy-mm-dd
  gross: number;
  net: number;
  centralSubsidy: number;
  provincialTopUp: number;
  subsidyMonths: number;
  /** No earlier contribution of the person exists: "Tăng mới"; otherwise "Đóng tiếp". */
  firstPayment: boolean;
  collectorCode: string | null;
  /** Regulation values in force on the receipt date (the basis of the support rates). */
  incomeFloor: number;
  rateBp: number;
};

export type D05Row = {
  /** A */ stt: number;
  /** B */ fullName: string;
  /** C */ siCode: string;
  /** 1 */ personalId: string;
  /** 2 */ address: string;
  /** 3 */ receiptDate: string; // yyyy-mm-dd
  /** 4 */ receiptNo: string;
  /** 5 */ declaredIncome: number;
  /** 6 */ months: number;
  /** 7 */ fromMonth: string; // mm/yyyy
  /** 8 */ amountDue: number;
  /** 9 */ paidByParticipant: number;
  /** 10 */ stateRatePct: number | null;
  /** 11 */ stateAmount: number;
  /** 12 */ localRatePct: number | null;
  /** 13 */ localAmount: number;
  /** 14 */ otherRatePct: number | null;
  /** 15 */ otherAmount: number;
  /** 16 */ collectorCode: string;
  /** 17 */ note: D05Note;
  contributionId: number;
};

export type D05Note = "Tăng mới" | "Đóng tiếp";

export type D05Totals = {
  people: number;
  months: number;
  amountDue: number;
  paidByParticipant: number;
  stateAmount: number;
  localAmount: number;
  otherAmount: number;
};

/**
 * The support rate (percent, two decimals) that produced `amount` over `subsidyMonths` months:
 * support per month = income floor × contribution rate × support rate (lib/domain/contribution.ts),
 * so rate = amount ÷ months ÷ (floor × rate). Null when there was no support.
 */
export function supportRatePct(amount: number, subsidyMonths: number, incomeFloor: number, rateBp: number): number | null {
  if (amount <= 0 || subsidyMonths <= 0 || incomeFloor <= 0 || rateBp <= 0) return null;
  const perMonth = amount / subsidyMonths;
  const bp = Math.round((perMonth * 100_000_000) / (incomeFloor * rateBp)); // basis points of the support rate
  return bp / 100;
}

/**
 * A collector's code (column 16, Mã nhân viên thu): "NV" and the collector's number, five digits
 * ("NV00012"). Shown on the agent's page beside each collector; the same everywhere it is printed.
 */
export function collectorCode(collectorId: number): string {
  return `NV${String(collectorId).padStart(5, "0")}`;
}

/** "2026-05-01" → "05/2026" (column 7, Từ tháng/năm). */
export function monthYear(iso: string): string {
  return `${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** Rows in the order given (the server orders them by receipt date, receipt number), numbered from 1. */
export function buildD05(payments: D05Payment[]): { rows: D05Row[]; totals: D05Totals } {
  const rows = payments.map((c, i): D05Row => ({
    stt: i + 1,
    fullName: c.fullName,
    siCode: c.siCode ?? "",
    personalId: c.personalId,
    address: c.address,
    receiptDate: c.paidOn,
    receiptNo: c.receiptNo,
    declaredIncome: c.declaredIncome,
    months: c.months,
    fromMonth: monthYear(c.periodStart),
    amountDue: c.gross,
    paidByParticipant: c.net,
    stateRatePct: supportRatePct(c.centralSubsidy, c.subsidyMonths, c.incomeFloor, c.rateBp),
    stateAmount: c.centralSubsidy,
    localRatePct: supportRatePct(c.provincialTopUp, c.subsidyMonths, c.incomeFloor, c.rateBp),
    localAmount: c.provincialTopUp,
    otherRatePct: null, // the app records no other support
    otherAmount: 0,
    collectorCode: c.collectorCode ?? "",
    note: c.firstPayment ? "Tăng mới" : "Đóng tiếp",
    contributionId: c.contributionId,
  }));
  const totals: D05Totals = {
    people: new Set(payments.map((p) => p.personalId)).size,
    months: 0,
    amountDue: 0,
    paidByParticipant: 0,
    stateAmount: 0,
    localAmount: 0,
    otherAmount: 0,
  };
  for (const r of rows) {
    totals.months += r.months;
    totals.amountDue += r.amountDue;
    totals.paidByParticipant += r.paidByParticipant;
    totals.stateAmount += r.stateAmount;
    totals.localAmount += r.localAmount;
    totals.otherAmount += r.otherAmount;
  }
  return { rows, totals };
}

/** The column headings of the form, in order (A, B, C, 1 … 17), with their number row labels. */
export const D05_COLUMNS: { no: string; key: keyof D05Row; label: string; group?: string }[] = [
  { no: "A", key: "stt", label: "STT" },
  { no: "B", key: "fullName", label: "Họ và tên" },
  { no: "C", key: "siCode", label: "Mã số BHXH" },
  { no: "1", key: "personalId", label: "Số CCCD/ĐDCN/Hộ chiếu" },
  { no: "2", key: "address", label: "Địa chỉ" },
  { no: "3", key: "receiptDate", label: "Ngày biên lai" },
  { no: "4", key: "receiptNo", label: "Số biên lai" },
  { no: "5", key: "declaredIncome", label: "Mức thu nhập tháng làm căn cứ đóng" },
  { no: "6", key: "months", label: "Số tháng đóng" },
  { no: "7", key: "fromMonth", label: "Từ tháng/năm" },
  { no: "8", key: "amountDue", label: "Số tiền phải đóng" },
  { no: "9", key: "paidByParticipant", label: "Số tiền người tham gia đóng" },
  { no: "10", key: "stateRatePct", label: "Tỷ lệ (%)", group: "NSNN hỗ trợ" },
  { no: "11", key: "stateAmount", label: "Số tiền", group: "NSNN hỗ trợ" },
  { no: "12", key: "localRatePct", label: "Tỷ lệ (%)", group: "NSĐP hỗ trợ" },
  { no: "13", key: "localAmount", label: "Số tiền", group: "NSĐP hỗ trợ" },
  { no: "14", key: "otherRatePct", label: "Tỷ lệ (%)", group: "Hỗ trợ khác" },
  { no: "15", key: "otherAmount", label: "Số tiền", group: "Hỗ trợ khác" },
  { no: "16", key: "collectorCode", label: "Mã nhân viên thu" },
  { no: "17", key: "note", label: "Ghi chú" },
];
