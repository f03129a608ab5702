// The reminder a collector sends before (or after) a person's coverage ends: one Vietnamese SMS/Zalo
// message with the name, the amount of their usual payment on the due date, the due date and who to
// call. Pure; the amount comes from the calculator (lib/server/field computes it with the policy in
// force on the due date). Kept short: an SMS of 160 GSM characters cannot carry Vietnamese marks,
// so the text is one Unicode message of a few parts at most.

export type ReminderInput = {
  fullName: string;
  /** yyyy-mm-dd: the last covered day; the renewal is due the day after */
  coverageEnd: string;
  /** net amount of the usual payment, whole VND; null when it cannot be computed */
  amount: number | null;
  months: number;
  agentName: string;
  agentPhone: string | null;
  /** has coverage already ended (overdue / lapsed) on the day the message is written? */
  ended: boolean;
  /** the transfer note of the VietQR code, when the agent has a collection account */
  transferNote?: string | null;
};

const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const vnd = (n: number) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".")} đồng`;

/** "Kính gửi ông/bà Nguyễn Văn An: BHXH tự nguyện của ông/bà hết hạn ngày 30/06/2026. …" */
export function reminderText(r: ReminderInput): string {
  const parts = [
    `Kính gửi ông/bà ${r.fullName}:`,
    r.ended ? `BHXH tự nguyện của ông/bà đã hết hạn ngày ${ddmmyyyy(r.coverageEnd)}.` : `BHXH tự nguyện của ông/bà hết hạn ngày ${ddmmyyyy(r.coverageEnd)}.`,
    r.amount != null ? `Số tiền đóng tiếp ${r.months} tháng: ${vnd(r.amount)}.` : `Xin ông/bà đóng tiếp để không gián đoạn.`,
    r.transferNote ? `Chuyển khoản theo mã QR, nội dung: ${r.transferNote}.` : null,
    `Liên hệ ${r.agentName}${r.agentPhone ? ` - ${r.agentPhone}` : ""}.`,
  ];
  return parts.filter(Boolean).join(" ");
}
