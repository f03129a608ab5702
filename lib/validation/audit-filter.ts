// Filters of the audit log (/audit and /audit/export), read from the URL. One schema for the page
// (errors shown next to the fields) and the export route (400 on a bad filter).
import { z } from "zod";
import { isIsoDate, type IsoDate } from "@/lib/domain/dates";
import { parseVnDate } from "@/lib/i18n/format";
import { trustVi } from "@/lib/i18n/areas/trust";

export type AuditFilterText = typeof trustVi.audit.v;

/** Empty inputs are "no filter". */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : Array.isArray(v) ? v[0] : v);
const optional = <T extends z.ZodType>(s: T) => z.preprocess(blankToUndefined, s.optional());

/** dd/mm/yyyy as people type it (the form), or yyyy-mm-dd (links, scripts). */
function dateField(message: string) {
  return z
    .string()
    .trim()
    .transform((s, ctx): IsoDate => {
      const iso = isIsoDate(s) ? s : parseVnDate(s);
      if (!iso || iso < "2000-01-01" || iso > "2199-12-31") {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return iso;
    });
}

const cursor = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export function auditFilterSchema(m: AuditFilterText = trustVi.audit.v) {
  return z
    .object({
      login: optional(
        z
          .string()
          .trim()
          .toLowerCase()
          .max(64, m.tooLong)
          .regex(/^[\p{L}\p{N}._@-]+$/u, m.login),
      ),
      unit: optional(
        z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^(VN|\d{2}|\d{3}|\d{5})$/, m.unit),
      ),
      entity: optional(
        z
          .string()
          .trim()
          .max(64, m.tooLong)
          .regex(/^[A-Za-z][A-Za-z0-9_]*$/, m.entity),
      ),
      entityId: optional(z.string().trim().max(64, m.tooLong)),
      action: optional(
        z
          .string()
          .trim()
          .max(64, m.tooLong)
          .regex(/^[A-Za-z0-9._-]+$/, m.action),
      ),
      from: optional(dateField(m.date)),
      to: optional(dateField(m.date)),
      before: optional(cursor),
      after: optional(cursor),
    })
    .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: m.toBeforeFrom });
}

export type AuditFilter = z.output<ReturnType<typeof auditFilterSchema>>;

export const AUDIT_FILTER_KEYS = ["login", "unit", "entity", "entityId", "action", "from", "to"] as const;

export type SearchParamsLike = Record<string, string | string[] | undefined>;

/** What the user typed, to put back in the form. */
export function auditFilterValues(sp: SearchParamsLike): Record<(typeof AUDIT_FILTER_KEYS)[number], string> {
  const one = (k: string) => {
    const v = sp[k];
    return (Array.isArray(v) ? v[0] : (v ?? "")).slice(0, 100);
  };
  return Object.fromEntries(AUDIT_FILTER_KEYS.map((k) => [k, one(k)])) as Record<(typeof AUDIT_FILTER_KEYS)[number], string>;
}
