// The enrollee list's filters: the page's URL search params and the API's query string.
import { z } from "zod";
import { SUBSIDY_GROUPS } from "@/lib/domain/types";

export const ENROLLEE_STATUSES = ["NEVER_PAID", "ACTIVE", "DUE", "OVERDUE", "LAPSED"] as const;
export const ENROLLEE_PAGE_SIZE = 50;
/** A name search counts and ranks its matches up to this many; beyond it the list says "more than" and
 *  shows this many, closest group first (ADR 1803). 20 pages of 50: nobody reads further, they add a word. */
export const SEARCH_MATCH_CAP = 1000;

const shape = {
  q: z.string().trim().max(100),
  commune: z.string().regex(/^\d{5}$/),
  agent: z.coerce.number().int().positive(),
  status: z.enum(ENROLLEE_STATUSES),
  group: z.enum(SUBSIDY_GROUPS as unknown as [string, ...string[]]),
  page: z.coerce.number().int().min(1).max(1_000_000),
  pageSize: z.coerce.number().int().min(1).max(200),
};

/** Strict (the API answers 400 with the bad parameter's name). */
export const enrolleeFilterSchema = z.object({
  q: shape.q.optional(),
  commune: shape.commune.optional(),
  agent: shape.agent.optional(),
  status: shape.status.optional(),
  group: shape.group.optional(),
  page: shape.page.optional(),
  pageSize: shape.pageSize.optional(),
});
export type EnrolleeFilter = z.output<typeof enrolleeFilterSchema>;

/** Lenient, for a page's URL: a bad or empty value is dropped rather than failing the page. */
export function readEnrolleeFilter(sp: Record<string, string | string[] | undefined>): EnrolleeFilter {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape)) {
    const raw = sp[key];
    const v = Array.isArray(raw) ? raw[0] : raw;
    if (v === undefined || v === "") continue;
    const r = (schema as z.ZodType).safeParse(v);
    if (r.success) out[key] = r.data;
  }
  return out as EnrolleeFilter;
}

/** The filter as URL search params (page 1 and empty values left out), for links. */
export function enrolleeFilterQuery(f: EnrolleeFilter, over: Partial<EnrolleeFilter> = {}): string {
  const merged = { ...f, ...over };
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) {
    if (v === undefined || v === "" || (k === "page" && v === 1) || k === "pageSize") continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : "";
}
