// The enrollee forms' field values and parsers, without zod: what the registration and payment forms need
// to render and compute before the schemas are loaded (lib/validation/enrollee.ts builds the schemas on
// them and re-exports them; the forms load the schemas after first paint: components/enrollment/use-validation.ts).
import { isIsoDate, type IsoDate } from "@/lib/domain/dates";

// Mirrors of the Prisma enums that lib/domain/types.ts does not have yet.
export const OCCUPATIONS = ["FARMER", "SELF_EMPLOYED", "INFORMAL_WORKER", "HOUSEHOLD_BUSINESS", "STUDENT", "OTHER"] as const;
export type Occupation = (typeof OCCUPATIONS)[number];
export const PAYMENT_METHODS = ["CASH", "POST_OFFICE", "BANK_TRANSFER", "E_WALLET"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Eligibility: aged 15 or over on the enrollment date (docs/domain.md). */
export const MIN_AGE = 15;

// ----------------------------------------------------------------- field parsers

/** yyyy-mm-dd (what <input type=date> and the API send) or dd/mm/yyyy (what people type and paste). */
export function parseDateInput(raw: unknown): IsoDate | null {
  if (typeof raw !== "string") return null;
  const s = raw.trim();
  if (isIsoDate(s)) return s;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

/** A whole number of VND as a number, or typed with thousands separators ("1.500.000", "1,500,000", "1 500 000"). */
export function parseVndInput(raw: unknown): number | null {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : null; // may be fractional: the range message says so
  if (typeof raw !== "string") return null;
  const s = raw
    .trim()
    .replace(/[\s\u00a0]/g, "")
    .replace(/(₫|đ|vnd)$/i, "");
  if (/^\d+$/.test(s) || /^\d{1,3}([.,]\d{3})+$/.test(s)) {
    const n = Number(s.replace(/[.,]/g, ""));
    return Number.isSafeInteger(n) ? n : null;
  }
  return null;
}

/** The value of the agent field that says "paid at the social insurance office, no agent" explicitly. */
export const AT_OFFICE = "OFFICE";

/** Messages per field path ("payment.receiptNo"), every message kept (a CCCD can be wrong in two parts). */
export type FieldMessages = Record<string, string[]>;
