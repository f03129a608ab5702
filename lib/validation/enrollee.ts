// The enrollee, payment and registration schemas: ONE definition used by the registration form
// (in the browser), the server actions, lib/server/enrollment/enrollees.ts, the bulk import and the JSON API.
//
// Languages (ADR 0101): every message comes from lib/i18n/areas/enrollment.ts (`v`), or from the
// domain's Bilingual messages (personal-id.ts, contribution.ts). `schemasFor(locale)` builds the
// schemas in that language; the plain exports (`enrolleeSchema`, …) are the Vietnamese ones.
//
// Policy-dependent checks (income between floor and ceiling on a date) need a PolicySnapshot:
// pass `{ policy }` to schemasFor() (the form does, with the snapshot the server shipped), or let
// the server check it with contributionIssues() after loading the policy of the payment date.
import { z } from "zod";
import { fill, type Locale } from "@/lib/i18n/locale";
import { enrollmentEn, enrollmentVi } from "@/lib/i18n/areas/enrollment";
import { addMonths, isIsoDate, todayInVietnam, yearsBetween } from "@/lib/domain/dates";
import { normalizePersonalId, validatePersonalId, validateSiCode } from "@/lib/domain/personal-id";
import { allowedMonths, calculateContribution, type PolicySnapshot } from "@/lib/domain/contribution";
import { cleanName, hasControlChars } from "@/lib/domain/text";
import { DEFAULT_NATIONALITY, ETHNICITIES, findEthnicity } from "@/lib/domain/ethnicities";
import { PAYMENT_PERIODS, SEXES, SUBSIDY_GROUPS, type PaymentPeriod, type SubsidyGroup } from "@/lib/domain/types";
import { AT_OFFICE, MIN_AGE, OCCUPATIONS, PAYMENT_METHODS, parseDateInput, parseVndInput, type FieldMessages } from "./enrollee-values";

type V = typeof enrollmentVi.v;
const TEXT: Record<Locale, V> = { vi: enrollmentVi.v, en: enrollmentEn.v };

// The field values and parsers the forms need before the schemas (lib/validation/enrollee-values.ts: no zod,
// so a form's first load does not carry it); re-exported here for everyone else.
export { AT_OFFICE, MIN_AGE, OCCUPATIONS, PAYMENT_METHODS, PERSON_FIELDS, parseDateInput, parseVndInput } from "./enrollee-values";
export type { FieldMessages, Occupation, PaymentMethod } from "./enrollee-values";
const MAX_AGE = 120;

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

// What the lenient fields below accept, as JSON Schema for the OpenAPI document (lib/openapi reads it
// with z.toJSONSchema): z.unknown().transform(…) has no shape of its own, so each builder states it.
const DATE_DOC = { type: "string", format: "date", example: "2025-03-10", description: "yyyy-mm-dd (dd/mm/yyyy is accepted too)" };
const ID_DOC = { type: "integer", minimum: 1 };
const VND_DOC = { type: ["integer", "string"], description: 'whole VND; strings with thousands separators ("1.500.000") are accepted', example: 1500000 };

function dateField(message: string) {
  return z
    .unknown()
    .transform((v, ctx) => {
      const d = parseDateInput(v);
      if (d === null) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return d;
    })
    .meta(DATE_DOC);
}

function optionalDateField(message: string) {
  return z
    .unknown()
    .transform((v, ctx) => {
      if (blank(v)) return undefined;
      const d = parseDateInput(v);
      if (d === null) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return d;
    })
    .meta(DATE_DOC);
}

function enumField<const T extends readonly string[]>(values: T, message: string) {
  return z
    .unknown()
    .transform((v, ctx) => {
      const s = typeof v === "string" ? v.trim() : v;
      if (typeof s !== "string" || !(values as readonly string[]).includes(s)) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return s as T[number];
    })
    .meta({ type: "string", enum: [...values] });
}

function optionalIdField(message: string) {
  return z
    .unknown()
    .transform((v, ctx) => {
      if (blank(v)) return undefined;
      const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
      if (!Number.isSafeInteger(n) || n <= 0) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return n;
    })
    .meta(ID_DOC)
    .optional();
}

/** An agent id; "OFFICE" → null (explicitly no agent); blank → undefined (not chosen). */
function agentChoiceField(message: string) {
  return z
    .unknown()
    .transform((v, ctx): number | null | undefined => {
      if (blank(v)) return undefined;
      if (typeof v === "string" && v.trim().toUpperCase() === AT_OFFICE) return null;
      const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
      if (!Number.isSafeInteger(n) || n <= 0) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return n;
    })
    .optional();
}

function optionalText(max: number, message: string, controlMessage: string) {
  return z
    .unknown()
    .transform((v, ctx) => {
      if (blank(v)) return undefined;
      if (typeof v !== "string") {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      const s = cleanName(v);
      if (hasControlChars(s)) {
        ctx.addIssue({ code: "custom", message: controlMessage });
        return z.NEVER;
      }
      if (s.length > max) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return s;
    })
    .meta({ type: "string", maxLength: max })
    .optional();
}

const checkbox = z
  .unknown()
  .transform((v) => v === true || v === "on" || v === "true" || v === "1")
  .meta({ type: "boolean" });

// ----------------------------------------------------------------- cross-field checks

/** Run the cross-field checks even when some field failed (zod skips them by default), so a form shows
 *  every problem at once; the checks look only at fields that parsed. */
const ALWAYS = { when: () => true };

type IncomeAndPeriod = {
  declaredIncome: number;
  period: PaymentPeriod;
  months?: number;
  subsidyGroup: SubsidyGroup;
};

/**
 * The calculator's objections (income outside floor–ceiling on the policy's date, months not allowed),
 * as zod-style issues with the caller's field names. Used by the schemas when a policy is given and by
 * the server after it loads the policy in force on the payment date.
 */
export function contributionIssues(
  policy: PolicySnapshot,
  v: IncomeAndPeriod,
  locale: Locale = "vi",
  paths: { declaredIncome: (string | number)[]; months: (string | number)[]; period: (string | number)[] } = {
    declaredIncome: ["declaredIncome"],
    months: ["months"],
    period: ["paymentPeriod"],
  },
): { path: (string | number)[]; message: string }[] {
  const r = calculateContribution({ policy, declaredIncome: v.declaredIncome, period: v.period, months: v.months, subsidyGroup: v.subsidyGroup });
  if (r.ok) return [];
  return r.errors.map((e) => ({ path: paths[e.field], message: e.message[locale] }));
}

function monthsIssue(period: PaymentPeriod, months: number | undefined, t: V): string | null {
  if (period !== "ADVANCE" && period !== "BACK_PAYMENT") return null;
  const { min, max } = allowedMonths(period);
  if (months === undefined || !Number.isInteger(months) || months < min || months > max) return fill(t.monthsRange, { min, max });
  return null;
}

// ----------------------------------------------------------------- schemas

export type SchemaOptions = { locale?: Locale; policy?: PolicySnapshot | null };

function build(opts: SchemaOptions) {
  const locale = opts.locale ?? "vi";
  const t = TEXT[locale];
  const policy = opts.policy ?? null;

  const incomeField = z
    .unknown()
    .transform((v, ctx) => {
      const n = parseVndInput(v);
      if (n === null || n <= 0) {
        ctx.addIssue({ code: "custom", message: t.income });
        return z.NEVER;
      }
      return n; // range and whole-VND checks: contributionIssues (needs the policy of the date)
    })
    .meta(VND_DOC);

  const monthsField = z
    .unknown()
    .transform((v, ctx) => {
      if (blank(v)) return undefined;
      const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
      if (!Number.isInteger(n)) {
        ctx.addIssue({ code: "custom", message: fill(t.monthsRange, { min: 1, max: 60 }) });
        return z.NEVER;
      }
      return n;
    })
    .meta({ type: "integer", minimum: 1, maximum: 60, description: "ADVANCE and BACK_PAYMENT need `months` (1–60)" })
    .optional();

  /** The person. Also the shape of the edit form (plus `version`). */
  const enrolleeFields = {
    personalId: z
      .unknown()
      .transform((v, ctx) => {
        const s = typeof v === "string" ? normalizePersonalId(v) : typeof v === "number" ? String(v) : "";
        if (!s) {
          ctx.addIssue({ code: "custom", message: t.personalIdRequired });
          return z.NEVER;
        }
        return s; // structure and agreement with date of birth / sex: the object check below
      })
      .meta({
        type: "string",
        pattern: "^\\d{12}$",
        example: "001085012345",
        description: "CCCD; digits 4 (century & sex) and 5–6 (birth year) must agree with dateOfBirth and sex; unique",
      }),
    siCode: z
      .unknown()
      .transform((v, ctx) => {
        if (blank(v)) return undefined;
        const s = typeof v === "string" ? normalizePersonalId(v) : String(v);
        if (!validateSiCode(s)) {
          ctx.addIssue({ code: "custom", message: t.siCode });
          return z.NEVER;
        }
        return s;
      })
      .meta({ type: "string", pattern: "^\\d{10}$" })
      .optional(),
    fullName: z
      .unknown()
      .transform((v, ctx) => {
        const s = typeof v === "string" ? cleanName(v) : "";
        if (hasControlChars(s)) {
          ctx.addIssue({ code: "custom", message: t.controlChars });
          return z.NEVER;
        }
        if (s.length < 2 || s.length > 100) {
          ctx.addIssue({ code: "custom", message: t.fullName });
          return z.NEVER;
        }
        if (/\d/.test(s)) {
          ctx.addIssue({ code: "custom", message: t.fullNameDigits });
          return z.NEVER;
        }
        return s;
      })
      .meta({ type: "string", minLength: 2, maxLength: 100, example: "Nguyễn Văn An" }),
    dateOfBirth: dateField(t.date),
    sex: enumField(SEXES, t.sex),
    phone: z
      .unknown()
      .transform((v, ctx) => {
        if (blank(v)) return undefined;
        const s = String(v)
          .replace(/[\s.()-]/g, "")
          .replace(/^\+84/, "0");
        if (!/^0\d{9,10}$/.test(s)) {
          ctx.addIssue({ code: "custom", message: t.phone });
          return z.NEVER;
        }
        return s;
      })
      .meta({ type: "string", example: "0912345678" })
      .optional(),
    communeCode: z
      .unknown()
      .transform((v, ctx) => {
        const s = typeof v === "string" ? v.trim() : typeof v === "number" ? String(v).padStart(5, "0") : "";
        if (!/^\d{5}$/.test(s)) {
          ctx.addIssue({ code: "custom", message: t.communeCode });
          return z.NEVER;
        }
        return s;
      })
      .meta({ type: "string", pattern: "^\\d{5}$", example: "00004", description: "a commune inside the caller's area" }),
    address: optionalText(300, t.address, t.controlChars),
    /** TK1-TS [04]; blank → Việt Nam. */
    nationality: z
      .unknown()
      .transform((v, ctx) => {
        if (blank(v)) return DEFAULT_NATIONALITY;
        const s = typeof v === "string" ? cleanName(v) : "";
        if (hasControlChars(s)) {
          ctx.addIssue({ code: "custom", message: t.controlChars });
          return z.NEVER;
        }
        if (s.length < 2 || s.length > 60 || !/^[\p{L}][\p{L} .'-]*$/u.test(s)) {
          ctx.addIssue({ code: "custom", message: t.nationality });
          return z.NEVER;
        }
        return s;
      })
      .meta({ type: "string", minLength: 2, maxLength: 60, default: DEFAULT_NATIONALITY, description: "TK1-TS [04]; blank or omitted: Việt Nam" })
      .default(DEFAULT_NATIONALITY),
    /** TK1-TS [05]: one of the 54 groups (name, other spelling or code 01–54), stored as the list's name. */
    ethnicity: z
      .unknown()
      .transform((v, ctx) => {
        if (blank(v)) return undefined;
        const e = typeof v === "string" || typeof v === "number" ? findEthnicity(String(v)) : null;
        if (!e) {
          ctx.addIssue({ code: "custom", message: t.ethnicity });
          return z.NEVER;
        }
        return e.name;
      })
      .meta({
        type: "string",
        enum: ETHNICITIES.map((e) => e.name),
        description: "TK1-TS [05]: one of Vietnam's 54 ethnic groups; other spellings and the codes 01–54 are accepted and stored as the list's name",
      })
      .optional(),
    /** TK1-TS [08]. */
    email: z
      .unknown()
      .transform((v, ctx) => {
        if (blank(v)) return undefined;
        const s = typeof v === "string" ? v.trim().toLowerCase() : "";
        if (s.length > 254 || !z.email().safeParse(s).success) {
          ctx.addIssue({ code: "custom", message: t.email });
          return z.NEVER;
        }
        return s;
      })
      .meta({ type: "string", format: "email", maxLength: 254 })
      .optional(),
    occupation: enumField(OCCUPATIONS, t.occupation),
    subsidyGroup: enumField(SUBSIDY_GROUPS, t.subsidyGroup),
    declaredIncome: incomeField,
    paymentPeriod: enumField(PAYMENT_PERIODS, t.paymentPeriod),
    months: monthsField,
    /** The agent serving the person; "OFFICE" = explicitly none (pays at the office). */
    agentId: agentChoiceField(t.agentId),
    conferenceId: optionalIdField(t.conferenceId),
    /** Defaults to today (Vietnam). */
    enrolledOn: optionalDateField(t.date)
      .transform((d) => d ?? todayInVietnam())
      .default(() => todayInVietnam()),
  };

  type PersonValues = {
    personalId?: unknown;
    dateOfBirth?: unknown;
    sex?: unknown;
    enrolledOn?: unknown;
    declaredIncome?: unknown;
    paymentPeriod?: unknown;
    months?: unknown;
    subsidyGroup?: unknown;
  };

  /** Checks across fields; each looks only at fields that parsed, so one bad field hides nothing else. */
  function checkPerson(v: PersonValues, ctx: z.RefinementCtx) {
    if (typeof v !== "object" || v === null) return; // ALWAYS runs the check even when the body is not an object (JSON null)
    const dob = typeof v.dateOfBirth === "string" && isIsoDate(v.dateOfBirth) ? v.dateOfBirth : undefined;
    const sex = v.sex === "MALE" || v.sex === "FEMALE" ? v.sex : undefined;
    if (typeof v.personalId === "string" && v.personalId) {
      for (const issue of validatePersonalId(v.personalId, dob, sex)) {
        ctx.addIssue({ code: "custom", path: ["personalId"], message: issue.message[locale], params: { part: issue.part } });
      }
    }
    const on = typeof v.enrolledOn === "string" && isIsoDate(v.enrolledOn) ? v.enrolledOn : undefined;
    const today = todayInVietnam();
    if (on && on > today) ctx.addIssue({ code: "custom", path: ["enrolledOn"], message: t.enrolledOnFuture });
    if (dob && on) {
      const age = yearsBetween(dob, on);
      if (dob > on) ctx.addIssue({ code: "custom", path: ["dateOfBirth"], message: t.dateOfBirthFuture });
      else if (age > MAX_AGE) ctx.addIssue({ code: "custom", path: ["dateOfBirth"], message: t.dateOfBirthTooOld });
      else if (age < MIN_AGE) {
        const [y, m, d] = on.split("-");
        ctx.addIssue({
          code: "custom",
          path: ["dateOfBirth"],
          message: fill(t.underAge, { date: `${d}/${m}/${y}`, age }),
          params: { code: "UNDER_AGE", turns15On: addMonths(dob, 12 * MIN_AGE) },
        });
      }
    }
    const period = typeof v.paymentPeriod === "string" ? (v.paymentPeriod as PaymentPeriod) : undefined;
    const months = typeof v.months === "number" ? v.months : undefined;
    if (period && (PAYMENT_PERIODS as readonly string[]).includes(period)) {
      const mi = monthsIssue(period, months, t);
      if (mi) ctx.addIssue({ code: "custom", path: ["months"], message: mi });
      else if (policy && typeof v.declaredIncome === "number" && typeof v.subsidyGroup === "string") {
        for (const i of contributionIssues(
          policy,
          { declaredIncome: v.declaredIncome, period, months, subsidyGroup: v.subsidyGroup as SubsidyGroup },
          locale,
        )) {
          if (i.path[0] === "declaredIncome") ctx.addIssue({ code: "custom", path: i.path, message: i.message });
        }
      }
    }
  }

  const enrollee = z.object(enrolleeFields).superRefine(checkPerson, ALWAYS);

  /** The edit form: the person plus the version it was read at (optimistic concurrency). */
  const enrolleeUpdate = z.object({ ...enrolleeFields, version: z.coerce.number().int().positive() }).superRefine(checkPerson, ALWAYS);

  const receiptField = z
    .unknown()
    .transform((v, ctx) => {
      const s = typeof v === "string" ? v.trim().toUpperCase() : typeof v === "number" ? String(v) : "";
      if (!/^[A-Z0-9][A-Z0-9/.\-]{0,29}$/.test(s)) {
        ctx.addIssue({ code: "custom", message: t.receiptNo });
        return z.NEVER;
      }
      return s;
    })
    .meta({ type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9/.\\-]{0,29}$", example: "BL-000123", description: "unique per agent" });

  const paidOnField = optionalDateField(t.date)
    .transform((d, ctx) => {
      const day = d ?? todayInVietnam();
      if (day > todayInVietnam()) {
        ctx.addIssue({ code: "custom", message: t.paidOnFuture });
        return z.NEVER;
      }
      return day;
    })
    .default(() => todayInVietnam());

  /** The first payment taken at registration: period, months and income are the enrollee's. */
  const firstPaymentFields = {
    method: enumField(PAYMENT_METHODS, t.method),
    receiptNo: receiptField,
    /** Defaults to today. */
    paidOn: paidOnField,
  };
  const firstPayment = z.object(firstPaymentFields, { error: t.paymentShape });

  /** A later payment (renewal). The agent defaults to the enrollee's agent. */
  const payment = z
    .object({
      ...firstPaymentFields,
      period: enumField(PAYMENT_PERIODS, t.paymentPeriod),
      months: monthsField,
      declaredIncome: incomeField,
      /** The agent who collected it: an id, "OFFICE" (paid at the social insurance office), or omitted for
       *  the enrollee's own agent — a payment without either is refused (recordPayment). */
      agentId: agentChoiceField(t.agentId),
      /** The enrollee's version the payer saw; optional (the row lock already serialises payments). */
      version: z
        .unknown()
        .transform((v) => (blank(v) ? undefined : Number(v)))
        .pipe(z.number().int().positive().optional())
        .meta({ type: "integer", minimum: 1, description: "optional: refuse (409) if the enrollee changed since this version" })
        .optional(),
    })
    .superRefine((v, ctx) => {
      if (typeof v !== "object" || v === null || typeof v.period !== "string") return;
      const mi = monthsIssue(v.period, v.months, t);
      if (mi) ctx.addIssue({ code: "custom", path: ["months"], message: mi });
      else if (policy && typeof v.declaredIncome === "number") {
        // the subsidy group does not change the income range; any group will do here
        for (const i of contributionIssues(policy, { declaredIncome: v.declaredIncome, period: v.period, months: v.months, subsidyGroup: "OTHER" }, locale)) {
          if (i.path[0] === "declaredIncome") ctx.addIssue({ code: "custom", path: i.path, message: i.message });
        }
      }
    }, ALWAYS);

  /** Registration = the person + (optionally) the first payment + the duplicate-name confirmation. */
  const registration = z
    .object({
      ...enrolleeFields,
      payment: firstPayment.optional(),
      /** "Tôi đã kiểm tra, vẫn đăng ký": proceed although someone with the same name and date of birth exists. */
      confirmDuplicate: checkbox.optional(),
    })
    .superRefine((v, ctx) => {
      checkPerson(v, ctx);
      if (
        typeof v === "object" &&
        v !== null &&
        v.payment &&
        typeof v.payment.paidOn === "string" &&
        typeof v.enrolledOn === "string" &&
        v.payment.paidOn < v.enrolledOn
      ) {
        ctx.addIssue({ code: "custom", path: ["payment", "paidOn"], message: t.paidBeforeEnrolled });
      }
      // a payment names who collected it: an agent, or "paid at the social insurance office" chosen explicitly
      if (typeof v === "object" && v !== null && v.payment && v.agentId === undefined) {
        ctx.addIssue({ code: "custom", path: ["agentId"], message: t.agentRequired });
      }
    }, ALWAYS);

  return { enrolleeFields, enrollee, enrolleeUpdate, firstPayment, payment, registration };
}

export type EnrollmentSchemas = ReturnType<typeof build>;

const cache = new Map<Locale, EnrollmentSchemas>();

/** The schemas in a language; with a policy snapshot they also check the income range of that date. */
export function schemasFor(locale: Locale = "vi", policy?: PolicySnapshot | null): EnrollmentSchemas {
  if (policy) return build({ locale, policy });
  let s = cache.get(locale);
  if (!s) cache.set(locale, (s = build({ locale })));
  return s;
}

const vi = schemasFor("vi");

/** The person (Vietnamese messages). Output is normalised: NFC trimmed names, digits-only CCCD, yyyy-mm-dd dates. */
export const enrolleeSchema = vi.enrollee;
/** The person's fields without the cross-field checks (compose your own object; call checks via enrolleeSchema). */
export const enrolleeFields = vi.enrolleeFields;
export const enrolleeUpdateSchema = vi.enrolleeUpdate;
/** A payment for an enrollee (renewal). */
export const paymentSchema = vi.payment;
/** The first payment taken at registration (period/months/income are the enrollee's). */
export const firstPaymentSchema = vi.firstPayment;
/** The person + optional first payment + duplicate confirmation. */
export const registrationSchema = vi.registration;

export type EnrolleeInput = z.input<typeof enrolleeSchema>;
export type EnrolleeData = z.output<typeof enrolleeSchema>;
export type EnrolleeUpdateData = z.output<typeof enrolleeUpdateSchema>;
export type PaymentInput = z.input<typeof paymentSchema>;
export type PaymentData = z.output<typeof paymentSchema>;
export type FirstPaymentData = z.output<typeof firstPaymentSchema>;
export type RegistrationInput = z.input<typeof registrationSchema>;
export type RegistrationData = z.output<typeof registrationSchema>;

export function fieldMessages(e: z.ZodError): FieldMessages {
  const out: FieldMessages = {};
  for (const i of e.issues) {
    const key = i.path.length ? i.path.join(".") : "_form";
    const list = (out[key] ??= []);
    if (!list.includes(i.message)) list.push(i.message);
  }
  return out;
}
