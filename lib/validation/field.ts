// Field work (issue 11): the contact log entry, the agent's collection account and the quick renewal.
// One definition for the forms, the server actions and the API.
import { z } from "zod";
import { addDays, todayInVietnam } from "@/lib/domain/dates";
import { hasControlChars } from "@/lib/domain/text";
import { isValidAccountNo, isValidBankBin } from "@/lib/domain/vietqr";
import { PAYMENT_METHODS, parseDateInput } from "./enrollee";

export const CONTACT_OUTCOMES = ["REACHED", "NOT_REACHED", "PROMISED", "REFUSED"] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];
export const REFUSAL_REASONS = ["CANNOT_AFFORD", "MOVED_AWAY", "COMPULSORY_INSURANCE", "DECEASED", "OTHER"] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
/** Refusals that take a person off the worklist for good (they cannot renew); the others stay for win-back. */
export const FINAL_REASONS: readonly RefusalReason[] = ["MOVED_AWAY", "COMPULSORY_INSURANCE", "DECEASED"];

const blankToUndefined = (v: unknown) => (v == null || (typeof v === "string" && v.trim() === "") ? undefined : v);
const date = (msg: string) =>
  z.preprocess(
    (v) => (blankToUndefined(v) === undefined ? undefined : (parseDateInput(v) ?? "bad")),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, msg)
      .optional(),
  );

export function contactSchema(locale: "vi" | "en" = "vi", today = todayInVietnam()) {
  const m =
    locale === "vi"
      ? {
          outcome: "Chọn kết quả liên hệ",
          reason: "Chọn lý do từ chối",
          promised: "Nhập ngày hẹn đóng (hôm nay hoặc sau, trong 1 năm)",
          followUp: "Ngày liên hệ lại phải từ hôm nay đến 1 năm tới",
          date: "Ngày không hợp lệ (dd/mm/yyyy)",
          note: "Ghi chú tối đa 500 ký tự, không có ký tự điều khiển",
        }
      : {
          outcome: "Choose the outcome",
          reason: "Choose the reason for refusing",
          promised: "Enter the promised payment date (today or later, within a year)",
          followUp: "The follow-up date must be between today and a year ahead",
          date: "Invalid date (dd/mm/yyyy)",
          note: "A note of at most 500 characters, no control characters",
        };
  const yearAhead = addDays(today, 366);
  return z
    .object({
      outcome: z.enum(CONTACT_OUTCOMES, { error: m.outcome }),
      reason: z.preprocess(blankToUndefined, z.enum(REFUSAL_REASONS, { error: m.reason }).optional()),
      promisedOn: date(m.date),
      followUpOn: date(m.date),
      note: z.preprocess(
        blankToUndefined,
        z
          .string()
          .trim()
          .max(500, m.note)
          .refine((s) => !hasControlChars(s), m.note)
          .optional(),
      ),
    })
    .superRefine((v, ctx) => {
      if (v.outcome === "REFUSED" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: m.reason });
      if (v.outcome === "PROMISED" && (!v.promisedOn || v.promisedOn < today || v.promisedOn > yearAhead))
        ctx.addIssue({ code: "custom", path: ["promisedOn"], message: m.promised });
      if (v.followUpOn && (v.followUpOn < today || v.followUpOn > yearAhead)) ctx.addIssue({ code: "custom", path: ["followUpOn"], message: m.followUp });
    })
    .transform((v) => ({
      outcome: v.outcome,
      reason: v.outcome === "REFUSED" ? v.reason! : null,
      promisedOn: v.outcome === "PROMISED" ? v.promisedOn! : null,
      // a promise is followed up on its date unless another date is given
      followUpOn: v.followUpOn ?? (v.outcome === "PROMISED" ? v.promisedOn! : null),
      note: v.note ?? null,
    }));
}
export type ContactInput = z.output<ReturnType<typeof contactSchema>>;

/** The one-confirmation renewal: everything else is prefilled from the person's last payment. */
export const quickRenewalSchema = z.object({
  method: z.preprocess(blankToUndefined, z.enum(PAYMENT_METHODS).default("CASH")),
  version: z.coerce.number().int().positive().optional(),
});

/** The agent's collection account (all three or none). */
export function collectionAccountSchema(locale: "vi" | "en" = "vi") {
  const m =
    locale === "vi"
      ? {
          bin: "Mã ngân hàng (BIN NAPAS) gồm 6 chữ số, bắt đầu bằng 9",
          no: "Số tài khoản: 1–19 chữ số hoặc chữ in hoa",
          name: "Tên chủ tài khoản: chữ in hoa không dấu, tối đa 50 ký tự",
          all: "Nhập đủ ngân hàng, số tài khoản và tên chủ tài khoản, hoặc để trống cả ba",
        }
      : {
          bin: "Bank code (NAPAS BIN): 6 digits starting with 9",
          no: "Account number: 1–19 digits or capital letters",
          name: "Account holder: capital letters without diacritics, at most 50 characters",
          all: "Enter bank, account number and holder, or leave all three blank",
        };
  return z
    .object({
      bankBin: z.preprocess(blankToUndefined, z.string().trim().refine(isValidBankBin, m.bin).optional()),
      bankAccountNo: z.preprocess(
        (v) => (typeof v === "string" ? blankToUndefined(v.replace(/[\s.-]/g, "").toUpperCase()) : blankToUndefined(v)),
        z.string().refine(isValidAccountNo, m.no).optional(),
      ),
      bankAccountName: z.preprocess(
        blankToUndefined,
        z
          .string()
          .trim()
          .regex(/^[A-Z0-9 .]{1,50}$/, m.name)
          .optional(),
      ),
    })
    .superRefine((v, ctx) => {
      const n = [v.bankBin, v.bankAccountNo, v.bankAccountName].filter(Boolean).length;
      if (n !== 0 && n !== 3) ctx.addIssue({ code: "custom", path: ["bankBin"], message: m.all });
    })
    .transform((v) => ({ bankBin: v.bankBin ?? null, bankAccountNo: v.bankAccountNo ?? null, bankAccountName: v.bankAccountName ?? null }));
}
