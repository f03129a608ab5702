// Agents' commission rates and statements, and the participants' yearly statements (issue 13 items 5 and 7):
// shared by the forms, the server functions and the JSON API. Rates are typed in percent ("0,5", "8")
// and kept in basis points (parsePercent, on the digits).
import { z } from "zod";
import { COMMISSION_MODES } from "@/lib/domain/commission";
import { PAYMENT_PERIODS } from "@/lib/domain/types";
import { AGENT_KINDS } from "./agent";
import { isoDateField, optionalTextField } from "./agents-form";
import { parsePercent } from "./reference";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const id = (message: string) => z.coerce.number({ error: message }).int(message).positive(message).max(2_147_483_647, message);
const monthField = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Tháng không hợp lệ (định dạng yyyy-mm)");

const rateField = (label: string) =>
  z
    .union([z.string(), z.number()], { error: `${label}: nhập tỷ lệ % từ 0 đến 100, tối đa 2 chữ số thập phân` })
    .transform((v, ctx) => {
      const n = parsePercent(v, 2);
      if (n === null) {
        ctx.issues.push({ code: "custom", message: `${label}: nhập tỷ lệ % từ 0 đến 100, tối đa 2 chữ số thập phân`, input: v });
        return z.NEVER;
      }
      return n;
    })
    .meta({ description: 'percent, up to 2 decimals ("8", "0,5"); stored in basis points', example: "8" });

/** A row of a commission-rate table (POST /api/v1/commissions/rates, the rates page's form). */
export const commissionRateSchema = z.object({
  agentKind: z.enum(AGENT_KINDS, { error: "Chọn loại đại lý" }),
  paymentPeriod: z
    .preprocess(
      (v) => (v === "" || v === "ANY" ? null : v),
      z.enum(PAYMENT_PERIODS as [string, ...string[]], { error: "Phương thức đóng không hợp lệ" }).nullish(),
    )
    .meta({ description: "the payment period the row is for; null, empty or ANY: every period without a row of its own" }),
  newRate: rateField("Tỷ lệ tăng mới"),
  renewalRate: rateField("Tỷ lệ đóng tiếp"),
  effectiveFrom: isoDateField("Ngày hiệu lực không hợp lệ (yyyy-mm-dd)").meta({ format: "date" }),
  legalBasis: optionalTextField(200, "Căn cứ tối đa 200 ký tự", "Căn cứ không được chứa ký tự điều khiển"),
  sample: z
    .preprocess((v) => v === true || v === "on" || v === "true", z.boolean())
    .default(false)
    .meta({ description: "a made-up value (demo, training): shown as a sample, never as official" }),
});
export type CommissionRateInput = z.output<typeof commissionRateSchema>;

/** ?agentId=&month=&mode=&collectorId=&format= of the monthly statement. */
export const commissionQuerySchema = z.object({
  agentId: id("Đại lý không hợp lệ").meta({ description: "the agent" }),
  month: monthField.meta({ description: "the month, yyyy-mm" }),
  mode: z
    .preprocess(blank, z.enum(COMMISSION_MODES as [string, ...string[]]).default("collected"))
    .meta({ description: "collected: payments received in the month; remitted: the money remitted in the month, allocated to the oldest collections first" }),
  collectorId: z.preprocess(blank, id("Nhân viên thu không hợp lệ").optional()).meta({ description: "only this collector's payments" }),
  format: z.preprocess(blank, z.enum(["json", "xlsx"]).default("json")).meta({ description: "xlsx: the statement as an Excel file" }),
});
export type CommissionQuery = z.output<typeof commissionQuerySchema>;

const yearField = z
  .preprocess(
    blank,
    z.coerce.number({ error: "Năm không hợp lệ" }).int("Năm không hợp lệ").min(2000, "Năm không hợp lệ").max(2100, "Năm không hợp lệ").optional(),
  )
  .meta({ description: "the year (default: the current year); the statement speaks of 31/12 of it, or today" });

/** ?year= of one person's yearly statement. */
export const statementYearSchema = z.object({ year: yearField });

/** ?year=&agentId=|commune= of the yearly notice in batch (fields; the OpenAPI document lists them). */
export const statementBatchFields = z.object({
  year: yearField,
  agentId: z.preprocess(blank, id("Đại lý không hợp lệ").optional()).meta({ description: "the people of this agent (give agentId or commune)" }),
  commune: z
    .preprocess(
      blank,
      z
        .string()
        .trim()
        .regex(/^\d{5}$/, "Mã xã không hợp lệ")
        .optional(),
    )
    .meta({ description: "the people of this commune (5 digits)" }),
});
export const statementBatchSchema = statementBatchFields.superRefine((q, ctx) => {
  if ((q.agentId === undefined) === (q.commune === undefined))
    ctx.addIssue({ code: "custom", path: ["agentId"], message: "Chọn một đại lý (agentId) hoặc một xã (commune)" });
});
