// The renewal worklist's filters (URL search params of the page, the print view and the exports).
import { z } from "zod";

export const RENEWAL_STATUSES = ["ALL", "DUE", "OVERDUE"] as const;
export type RenewalStatusFilter = (typeof RENEWAL_STATUSES)[number];

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const renewalFilterSchema = z.object({
  commune: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{5}$/, "Mã xã phải có 5 chữ số")
      .optional(),
  ),
  agent: z.preprocess(blankToUndefined, z.coerce.number().int().positive("Đại lý không hợp lệ").optional()),
  status: z.preprocess(blankToUndefined, z.enum(RENEWAL_STATUSES).default("ALL")),
});
export type RenewalFilter = z.output<typeof renewalFilterSchema>;

/** Search params → filter; an unreadable value is dropped rather than failing the page. */
export function readRenewalFilter(params: Record<string, string | string[] | undefined>): RenewalFilter {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = renewalFilterSchema.safeParse(flat);
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  return renewalFilterSchema.parse(Object.fromEntries(Object.entries(flat).filter(([k]) => !bad.has(k))));
}

/** The filter as a query string for links (print view, exports). */
export function renewalQuery(f: RenewalFilter, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  if (f.commune) q.set("commune", f.commune);
  if (f.agent) q.set("agent", String(f.agent));
  if (f.status !== "ALL") q.set("status", f.status);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}
