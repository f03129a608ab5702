// Small helpers shared by the agents, conferences and reference-data forms: FormData → plain
// object, zod issues → one message per field, and the state a server action returns so the form
// keeps what the user typed (React 19 resets uncontrolled inputs after an action).
import { z } from "zod";
import { hasControlChars } from "@/lib/domain/text";

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[]>;

export type FormState = {
  ok: boolean;
  fieldErrors?: FieldErrors;
  formError?: string;
  message?: string;
  values?: FormValues;
  /** Bumped on each success so a form can reset itself. */
  seq?: number;
};

export const initialFormState: FormState = { ok: false };

/** FormData (or a plain object from a client form) → strings; `multi` fields become arrays. */
export function formValues(fd: FormData, multi: readonly string[] = []): FormValues {
  const out: FormValues = {};
  for (const key of new Set(fd.keys())) {
    if (key.startsWith("$ACTION")) continue; // Next's own hidden fields
    const all = fd.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = multi.includes(key) ? all : (all[0] ?? "");
  }
  for (const key of multi) out[key] ??= [];
  return out;
}

/** The first message of each field (path joined by "."), for display next to the field. */
export function fieldErrorsOf(e: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of e.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    out[key] ??= issue.message;
  }
  return out;
}

/** A business-rule failure reported like a validation failure (same path in forms and the API). */
export function fieldError(path: string, message: string): z.ZodError {
  return new z.ZodError([{ code: "custom", path: [path], message, input: undefined }]);
}

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
  z.string().nullish().transform((v, ctx) => {
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
  z.string().nullish().transform((v, ctx) => {
    const s = (v ?? "").normalize("NFC").replace(/\s+/g, " ").trim();
    if (s.length > max || hasControlChars(s)) {
      ctx.issues.push({ code: "custom", message: s.length > max ? tooLong : controlChars, input: v });
      return z.NEVER;
    }
    return s || null;
  });

/** Vietnamese phone numbers: 0xxxxxxxxx or +84xxxxxxxxx; separators allowed; empty → null. */
export const optionalPhoneField = (message: string) =>
  z.string().nullish().transform((v, ctx) => {
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
