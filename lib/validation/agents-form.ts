// Field schemas shared by the agents, conferences and reference-data forms (dates, text, phone
// numbers, whole numbers) and the lenient page-filter reader. The form state and the FormData
// reader every form shares are in ./form.ts.
import { z } from "zod";
import { hasControlChars } from "@/lib/domain/text";

// ---------------------------------------------------------------- reusable field schemas

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function validIso(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** "yyyy-mm-dd" (what <input type=date> sends). */
export const isoDateField = (message: string) => z.string({ error: message }).trim().refine(validIso, { message });

/** Empty → null, otherwise a valid date. */
export const optionalIsoDateField = (message: string) =>
  z
    .string()
    .nullish()
    .transform((v, ctx) => {
      const s = (v ?? "").trim();
      if (!s) return null;
      if (!validIso(s)) {
        ctx.issues.push({ code: "custom", message, input: v });
        return z.NEVER;
      }
      return s;
    });

/** Optional free text: trimmed, empty → null. */
export const optionalTextField = (max: number, tooLong: string, controlChars = tooLong) =>
  z
    .string()
    .nullish()
    .transform((v, ctx) => {
      const s = (v ?? "").normalize("NFC").replace(/\s+/g, " ").trim();
      if (s.length > max || hasControlChars(s)) {
        ctx.issues.push({ code: "custom", message: s.length > max ? tooLong : controlChars, input: v });
        return z.NEVER;
      }
      return s || null;
    });

/** Vietnamese phone numbers: 0xxxxxxxxx or +84xxxxxxxxx; separators allowed; empty → null. */
export const optionalPhoneField = (message: string) =>
  z
    .string()
    .nullish()
    .transform((v, ctx) => {
      const s = (v ?? "").replace(/[\s.()-]/g, "");
      if (!s) return null;
      if (!/^(\+84|0)\d{9,10}$/.test(s)) {
        ctx.issues.push({ code: "custom", message, input: v });
        return z.NEVER;
      }
      return s;
    });

/** A whole number typed with or without thousands separators ("1.500.000", "1,500,000", "1 500 000"). */
export function parseWholeNumber(raw: string): number | null {
  const s = raw.trim().replace(/[\s\u00a0]/g, "");
  if (!/^\d{1,3}([.,]\d{3})*$|^\d+$/.test(s)) return null;
  const n = Number(s.replace(/[.,]/g, ""));
  return Number.isSafeInteger(n) ? n : null;
}

/** Whole number within [min, max], accepting numbers or typed strings. */
export const wholeNumberField = (min: number, max: number, message: string) =>
  z.union([z.number(), z.string()], { error: message }).transform((v, ctx) => {
    const n = typeof v === "number" ? v : parseWholeNumber(v);
    if (n === null || !Number.isInteger(n) || n < min || n > max) {
      ctx.issues.push({ code: "custom", message, input: v });
      return z.NEVER;
    }
    return n;
  });

export type SearchParams = Record<string, string | string[] | undefined>;

/** Reads filters from a page's search params leniently: each bad or empty value is dropped. */
export function readFilters(shape: Record<string, z.ZodType>, sp: SearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape)) {
    const raw = sp[key];
    const v = Array.isArray(raw) ? raw[0] : raw;
    if (v === undefined || v === "") continue;
    const r = schema.safeParse(v);
    if (r.success) out[key] = r.data;
  }
  return out;
}
