// Query parameters of the agents' paperwork (D05-TS lists): who (an agent, or a unit) and when
// (a month, or a date range of at most a year). Shared by the print page, the file export and the API.
import { z } from "zod";
import { addDays, addMonths, isIsoDate, todayInVietnam, type IsoDate } from "@/lib/domain/dates";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const isoDate = z.string().trim().refine(isIsoDate, "Ngày không hợp lệ (định dạng yyyy-mm-dd)");

export const d05QuerySchema = z
  .object({
    agentId: z.preprocess(blank, z.coerce.number().int().positive("Đại lý không hợp lệ").max(2_147_483_647).optional()),
    unit: z.preprocess(blank, z.string().trim().regex(/^(VN|\d{2}|\d{3}|\d{5})$/, "Mã đơn vị không hợp lệ").optional()),
    month: z.preprocess(blank, z.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Tháng không hợp lệ (định dạng yyyy-mm)").optional()),
    from: z.preprocess(blank, isoDate.optional()),
    to: z.preprocess(blank, isoDate.optional()),
    format: z.preprocess(blank, z.enum(["json", "xlsx"]).default("json")),
  })
  .superRefine((q, ctx) => {
    if ((q.agentId === undefined) === (q.unit === undefined)) ctx.addIssue({ code: "custom", path: ["agentId"], message: "Chọn một đại lý (agentId) hoặc một đơn vị (unit)" });
    if (q.month === undefined && (q.from === undefined || q.to === undefined)) ctx.addIssue({ code: "custom", path: ["month"], message: "Chọn tháng (month) hoặc khoảng ngày (from, to)" });
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
