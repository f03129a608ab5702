// Query parameters of the agents' paperwork (D05-TS lists): who (an agent, or a unit) and when
// (a month, or a date range of at most a year). Shared by the print page, the file export and the API.
import { z } from "zod";
import { addDays, addMonths, isIsoDate, todayInVietnam, type IsoDate } from "@/lib/domain/dates";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const isoDate = z.string().trim().refine(isIsoDate, "Ngày không hợp lệ (định dạng yyyy-mm-dd)").meta({ format: "date" });

/** The D05-TS query's fields without the cross-field checks (the OpenAPI document lists them; /agents/{id}/d05 omits who). */
export const d05QueryFields = z.object({
  agentId: z
    .preprocess(blank, z.coerce.number().int().positive("Đại lý không hợp lệ").max(2_147_483_647).optional())
    .meta({ description: "the agent (give agentId or unit)" }),
  unit: z
    .preprocess(
      blank,
      z
        .string()
        .trim()
        .regex(/^(VN|\d{2}|\d{3}|\d{5})$/, "Mã đơn vị không hợp lệ")
        .optional(),
    )
    .meta({ description: "a province, area or commune code (give agentId or unit)" }),
  month: z
    .preprocess(
      blank,
      z
        .string()
        .trim()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Tháng không hợp lệ (định dạng yyyy-mm)")
        .optional(),
    )
    .meta({ description: "a calendar month, yyyy-mm (or from + to)" }),
  from: z.preprocess(blank, isoDate.optional()).meta({ description: "first receipt date (with to; at most one year)" }),
  to: z.preprocess(blank, isoDate.optional()).meta({ description: "last receipt date" }),
  format: z
    .preprocess(blank, z.enum(["json", "xlsx"]).default("json"))
    .meta({ description: "xlsx: the form's Excel file (Decision 505/QĐ-BHXH as amended by 490/QĐ-BHXH) instead of JSON" }),
});

export const d05QuerySchema = d05QueryFields.superRefine((q, ctx) => {
  if ((q.agentId === undefined) === (q.unit === undefined))
    ctx.addIssue({ code: "custom", path: ["agentId"], message: "Chọn một đại lý (agentId) hoặc một đơn vị (unit)" });
  if (q.month === undefined && (q.from === undefined || q.to === undefined))
    ctx.addIssue({ code: "custom", path: ["month"], message: "Chọn tháng (month) hoặc khoảng ngày (from, to)" });
  if (q.month === undefined && q.from && q.to) {
    if (q.from > q.to) ctx.addIssue({ code: "custom", path: ["to"], message: "Ngày kết thúc phải sau ngày bắt đầu" });
    else if (addDays(q.from, 366) < q.to) ctx.addIssue({ code: "custom", path: ["to"], message: "Khoảng ngày tối đa một năm" });
  }
});
export type D05Query = z.output<typeof d05QuerySchema>;

/** The first and last day a query covers. */
export function d05Range(q: Pick<D05Query, "month" | "from" | "to">): { from: IsoDate; to: IsoDate } {
  if (q.month) {
    const from = `${q.month}-01`;
    return { from, to: addDays(addMonths(from, 1), -1) };
  }
  return { from: q.from!, to: q.to! };
}

/** The month before today's ("yyyy-mm"): what an agent hands in at the start of a month. */
export function lastMonth(today: IsoDate = todayInVietnam()): string {
  return addMonths(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
}

// ------------------------------------------------------------------------------ receipt books

/** ?agentId= of the API's receipt-book and remittance lists. */
export const agentIdQuerySchema = z.object({ agentId: z.coerce.number().int().positive().max(2_147_483_647).meta({ description: "the agent" }) });

const id = (message: string) => z.coerce.number({ error: message }).int(message).positive(message).max(2_147_483_647, message);
const optionalId = (message: string) => z.preprocess(blank, id(message).optional());
const cleanText = (max: number, message: string) =>
  z
    .string({ error: message })
    .trim()
    .max(max, `Tối đa ${max} ký tự`)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "Không được chứa ký tự điều khiển");
const receiptNumber = (message: string) => z.coerce.number({ error: message }).int(message).min(0, message).max(999_999_999_999, message);

/** The most numbers one book may hold (a printed book has 50–100; an electronic range a few thousand). */
export const RECEIPT_BOOK_MAX_SIZE = 100_000;

export const receiptBookSchema = z
  .object({
    agentId: id("Chọn đại lý"),
    collectorId: optionalId("Nhân viên thu không hợp lệ"),
    series: z
      .preprocess(
        (v) => (v == null ? "" : v),
        cleanText(20, "Ký hiệu không hợp lệ").refine((s) => /^[\p{L}\p{N}\-/. ]*$/u.test(s), "Ký hiệu chỉ gồm chữ, số và - / ."),
      )
      .default("")
      .meta({ description: "the printed series before the number (may be empty)", example: "BH25-AG/" }),
    firstNo: receiptNumber("Số đầu phải là số nguyên không âm"),
    lastNo: receiptNumber("Số cuối phải là số nguyên không âm"),
    digits: z.preprocess(blank, z.coerce.number().int().min(1, "Độ dài số từ 1 đến 12").max(12, "Độ dài số từ 1 đến 12").default(7)),
    issuedOn: isoDate,
    note: z.preprocess(blank, cleanText(200, "Ghi chú không hợp lệ").optional()),
  })
  .superRefine((v, ctx) => {
    if (typeof v.firstNo !== "number" || typeof v.lastNo !== "number") return;
    if (v.lastNo < v.firstNo) ctx.addIssue({ code: "custom", path: ["lastNo"], message: "Số cuối phải lớn hơn hoặc bằng số đầu" });
    else if (v.lastNo - v.firstNo + 1 > RECEIPT_BOOK_MAX_SIZE)
      ctx.addIssue({ code: "custom", path: ["lastNo"], message: `Một quyển tối đa ${RECEIPT_BOOK_MAX_SIZE.toLocaleString("vi-VN")} số` });
    if (typeof v.digits === "number" && String(v.lastNo).length > v.digits)
      ctx.addIssue({ code: "custom", path: ["digits"], message: "Số cuối dài hơn độ dài số" });
  });
export type ReceiptBookInput = z.output<typeof receiptBookSchema>;

export const voidReceiptSchema = z.object({
  number: receiptNumber("Số biên lai phải là số nguyên"),
  reason: cleanText(300, "Nhập lý do hủy").refine((s) => s.length >= 3, "Nhập lý do hủy (ít nhất 3 ký tự)"),
});

export const closeReceiptBookSchema = z.object({ closedOn: isoDate });

export const paperworkSettingsSchema = z.object({
  receiptCheck: z.enum(["OFF", "WARN", "REFUSE"], { error: "Chọn cách kiểm tra số biên lai" }),
  remittanceDays: z.coerce
    .number({ error: "Số ngày từ 1 đến 365" })
    .int("Số ngày từ 1 đến 365")
    .min(1, "Số ngày từ 1 đến 365")
    .max(365, "Số ngày từ 1 đến 365"),
});

// ------------------------------------------------------------------------------ remittances

export const remittanceSchema = z
  .object({
    agentId: id("Chọn đại lý"),
    remittedOn: isoDate,
    amount: z.preprocess(
      (v) => (typeof v === "string" ? v.replace(/[.\s]/g, "") : v),
      z.coerce
        .number({ error: "Số tiền phải là số đồng nguyên dương" })
        .int("Số tiền phải là số đồng nguyên dương")
        .positive("Số tiền phải là số đồng nguyên dương")
        .max(2_000_000_000, "Số tiền quá lớn"),
    ),
    bankReference: cleanText(60, "Nhập mã giao dịch ngân hàng").refine((s) => s.length >= 3, "Nhập mã giao dịch ngân hàng"),
    periodFrom: isoDate,
    periodTo: isoDate,
    note: z.preprocess(blank, cleanText(200, "Ghi chú không hợp lệ").optional()),
  })
  .superRefine((v, ctx) => {
    if (typeof v.periodFrom === "string" && typeof v.periodTo === "string" && v.periodFrom > v.periodTo)
      ctx.addIssue({ code: "custom", path: ["periodTo"], message: "Kỳ nộp: ngày kết thúc phải sau ngày bắt đầu" });
    if (typeof v.remittedOn === "string" && v.remittedOn > todayInVietnam())
      ctx.addIssue({ code: "custom", path: ["remittedOn"], message: "Ngày nộp không được ở tương lai" });
  });
