// The enrollee forms' field values and parsers, without zod: what the registration and payment forms need
// to render and compute before the schemas are loaded (lib/validation/enrollee.ts builds the schemas on
// them and re-exports them; the forms load the schemas after first paint: components/enrollment/use-validation.ts).
import { isIsoDate, type IsoDate } from "@/lib/domain/dates";
import { isLumpSum } from "@/lib/domain/contribution";
import { readForm, type FormValues } from "./form-state";

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

// ----------------------------------------------------------------- the enrollee form's values

/** A person's fields, as the forms, the schema and the audit of an edit name them (the months of a lump-sum
 *  plan and the first payment apart). */
export const PERSON_FIELDS = [
  "personalId",
  "siCode",
  "fullName",
  "dateOfBirth",
  "sex",
  "phone",
  "communeCode",
  "address",
  "nationality",
  "ethnicity",
  "email",
  "occupation",
  "subsidyGroup",
  "declaredIncome",
  "paymentPeriod",
  "agentId",
  "conferenceId",
  "enrolledOn",
] as const;

/** Every field the registration and edit forms hold: the person's, the months of a lump-sum plan, the first payment's. */
const FORM_FIELDS = [...PERSON_FIELDS, "months", "method", "receiptNo", "paidOn"] as const;

/** What the registration and edit forms hold, as typed (components/enrollment/enrollee-form.tsx). */
export type EnrolleeValues = Record<(typeof FORM_FIELDS)[number], string>;

/** The first payment's values are posted under these names (the schema's paths, so errors land next to them). */
const PAYMENT_FIELDS = { method: "payment.method", receiptNo: "payment.receiptNo", paidOn: "payment.paidOn" } as const;

/** The form's values → the schema's input (registration: with the first payment; edit: with the version read). */
export function enrolleeInput(
  v: EnrolleeValues,
  o: { mode: "register"; confirmDuplicate: boolean } | { mode: "edit"; version: number | undefined },
): Record<string, unknown> {
  const person = { ...Object.fromEntries(PERSON_FIELDS.map((k) => [k, v[k]])), months: isLumpSum(v.paymentPeriod) ? v.months : "" };
  return o.mode === "register"
    ? { ...person, payment: { method: v.method, receiptNo: v.receiptNo, paidOn: v.paidOn }, confirmDuplicate: o.confirmDuplicate }
    : { ...person, version: o.version };
}

/**
 * The form posted without its scripts (a slow link, before hydration: React posts the server action as a
 * plain form) → the values the form holds, with `base` for what was not posted (a disabled select, the
 * months of a monthly plan). Field names are the schema's paths ("payment.paidOn").
 */
export function enrolleeValuesFromForm(posted: FormValues, base: EnrolleeValues): EnrolleeValues {
  const out = { ...base };
  for (const key of FORM_FIELDS) {
    const name = key in PAYMENT_FIELDS ? PAYMENT_FIELDS[key as keyof typeof PAYMENT_FIELDS] : key;
    const v = posted[name];
    if (typeof v === "string") out[key] = v;
  }
  return out;
}

const BLANK = Object.fromEntries(FORM_FIELDS.map((k) => [k, ""])) as EnrolleeValues;

/**
 * What an enrollee form's server action received → the schema's input, and what to hand back to the form
 * when it is refused. Hydrated, the form sends the input object (enrolleeInput); before hydration React posts
 * the same action as a plain form (FormData), read here the same way.
 */
export function enrolleeFormInput(input: unknown, mode: "register" | "edit"): { data: unknown; values?: FormValues } {
  if (!(input instanceof FormData)) return { data: input };
  const values = readForm(input);
  const v = enrolleeValuesFromForm(values, BLANK);
  const version = Number(values.version);
  const data =
    mode === "register"
      ? enrolleeInput(v, { mode, confirmDuplicate: values.confirmDuplicate === "on" })
      : enrolleeInput(v, { mode, version: Number.isFinite(version) ? version : undefined });
  return { data, values };
}
