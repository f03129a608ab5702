// The dashboard's URL parameters (pages, exports, JSON API): one schema, checked on the server.
import { z } from "zod";
import { isIsoDate, todayInVietnam, yearOf } from "@/lib/domain/dates";

/** Earliest date the dashboard answers for (before the data of any deployment). */
export const DASHBOARD_FIRST_DATE = "2015-01-01";

export const LEAGUE_SORTS = [
  "code",
  "name",
  "participants",
  "target",
  "attainment",
  "change",
  "changePct",
  "coverage",
  "lapseRate",
  "projected",
  "shortfall",
] as const;
export type LeagueSort = (typeof LEAGUE_SORTS)[number];
export const AGENT_SORTS = ["code", "name", "participants", "target", "attainment", "change", "projected", "shortfall"] as const;
export type AgentSort = (typeof AGENT_SORTS)[number];
export const EXPORT_TABLES = ["overview", "series", "league", "at-risk", "agents", "breakdowns", "all"] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const unit = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^(VN|\d{2}|\d{3}|\d{5})$/, "Mã đơn vị không hợp lệ")
    .optional(),
);

const date = z.preprocess(
  blankToUndefined,
  z
    .string()
    .refine(isIsoDate, "Ngày không hợp lệ (định dạng yyyy-mm-dd)")
    .refine((d) => d >= DASHBOARD_FIRST_DATE, `Ngày phải từ ${DASHBOARD_FIRST_DATE.split("-").reverse().join("/")} trở đi`)
    .refine((d) => d <= todayInVietnam(), "Ngày không được sau hôm nay")
    .optional(),
);

const dir = z.preprocess(blankToUndefined, z.enum(["asc", "desc"], "Chiều sắp xếp không hợp lệ").optional());

export const dashboardQuerySchema = z.object({ unit, date });
export type DashboardQuery = z.output<typeof dashboardQuerySchema>;

export const leagueQuerySchema = z.object({
  unit,
  date,
  sort: z.preprocess(blankToUndefined, z.enum(LEAGUE_SORTS, "Cột sắp xếp không hợp lệ").optional()),
  dir,
});
export type LeagueQuery = z.output<typeof leagueQuerySchema>;

export const agentsQuerySchema = z.object({
  unit,
  date,
  sort: z.preprocess(blankToUndefined, z.enum(AGENT_SORTS, "Cột sắp xếp không hợp lệ").optional()),
  dir,
  page: z.preprocess(blankToUndefined, z.coerce.number().int("Trang không hợp lệ").min(1, "Trang không hợp lệ").max(100_000).optional()),
});
export type AgentsQuery = z.output<typeof agentsQuerySchema>;

export const seriesQuerySchema = z.object({
  unit,
  year: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int("Năm không hợp lệ")
      .min(Number(DASHBOARD_FIRST_DATE.slice(0, 4)), "Năm không hợp lệ")
      .refine((y) => y <= yearOf(todayInVietnam()), "Năm không được sau năm hiện tại")
      .optional(),
  ),
});
export type SeriesQuery = z.output<typeof seriesQuerySchema>;

export const reportQuerySchema = z.object({
  unit,
  month: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Tháng không hợp lệ (định dạng yyyy-mm)")
      .refine((m) => m >= DASHBOARD_FIRST_DATE.slice(0, 7), "Tháng không hợp lệ")
      .refine((m) => m <= todayInVietnam().slice(0, 7), "Tháng không được sau tháng hiện tại")
      .optional(),
  ),
});
export type ReportQuery = z.output<typeof reportQuerySchema>;

export const exportQuerySchema = agentsQuerySchema.extend({
  table: z.enum(EXPORT_TABLES, "Bảng cần xuất không hợp lệ"),
  format: z.enum(["csv", "xlsx"], "Định dạng phải là csv hoặc xlsx"),
});
export type ExportQuery = z.output<typeof exportQuerySchema>;

/** URL search params → a flat object (first value of repeated params). */
export function flatParams(params: Record<string, string | string[] | undefined> | URLSearchParams): Record<string, string | undefined> {
  if (params instanceof URLSearchParams) return Object.fromEntries(params);
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

/** For pages: parse, and drop (and report) the parameters that are wrong instead of failing the page. */
export function readParams<S extends z.ZodObject>(
  schema: S,
  params: Record<string, string | undefined>,
): { value: z.output<S>; errors: Record<string, string> } {
  const parsed = schema.safeParse(params);
  if (parsed.success) return { value: parsed.data, errors: {} };
  const errors: Record<string, string> = {};
  for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
  const kept = Object.fromEntries(Object.entries(params).filter(([k]) => !(k in errors)));
  return { value: schema.parse(kept), errors };
}
