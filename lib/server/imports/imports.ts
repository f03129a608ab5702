// Bulk import of enrollees (and optionally their first payment) from CSV/XLSX.
// Rows stream from lib/server/files/spreadsheet.ts and are handled in batches: each row goes through the
// registration schema (lib/validation/enrollee.ts, the same one the form and the API use), then the
// scope, agent, uniqueness and policy checks, with lookups loaded once per import (communes, agents,
// policy) or once per batch (existing ID numbers, SI codes, receipts) — never one query per row.
// The import itself runs in ONE transaction: each batch is written with one INSERT … FROM unnest(…)
// per table while the next batch is parsed and validated (ADR 0202), all or nothing.
// The personal ID number is the key: a person already in the caller's area is skipped, which makes
// re-importing the same file a no-op. See docs/features/import-and-renewals.md and ADR 0201–0203.
import { isUniqueViolation } from "../db/helpers";
import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { calculateContribution, type ContributionResult, type PolicySnapshot } from "@/lib/domain/contribution";
import { nextPeriodStart, periodEndFor } from "@/lib/domain/coverage-status";
import { monthYear } from "@/lib/domain/d05";
import { d05ImportEn, d05ImportVi } from "@/lib/i18n/areas/paperwork";
import { toIsoDate, todayInVietnam, type IsoDate } from "@/lib/domain/dates";
import { isAgentSelectable } from "@/lib/domain/agent-status";
import { makePersonalId, normalizePersonalId } from "@/lib/domain/personal-id";
import { policyAt, type PolicyTables } from "@/lib/domain/policy";
import { toSearchForm } from "@/lib/domain/text";
import { DEFAULT_NATIONALITY } from "@/lib/domain/ethnicities";
import type { PaymentPeriod, SubsidyGroup } from "@/lib/domain/types";
import { enrollmentEn, enrollmentVi } from "@/lib/i18n/areas/enrollment";
import { importsEn, importsVi } from "@/lib/i18n/areas/imports";
import { parseDateInput, schemasFor, type RegistrationData } from "@/lib/validation/enrollee";
import { hasConnectionPool, type DbTx } from "../db/client";
import { assertCan, scopeWhere, unitInScope, type Principal } from "../auth/authz";
import { writeAudit } from "../trust/audit";
import { loadPolicyTables } from "../reference/policy";
import { excelSerialToIso } from "../files/spreadsheet";
import { openImportSource, type D05Expect, type SourceRow } from "./d05-layout";
import { loadReceiptIndex } from "../paperwork/receipt-books";
import { arrayLiteral } from "../db/bulk";
import { oldCommuneResolver } from "../reference/old-units";
import { fill, type Locale } from "@/lib/i18n/locale";

// the import's own text, and the enrollment area's it shares with the registration form (`v`, enum labels)
type Text = { imports: typeof importsVi; enrollment: typeof enrollmentVi };
const TEXT: Record<Locale, Text> = { vi: { imports: importsVi, enrollment: enrollmentVi }, en: { imports: importsEn, enrollment: enrollmentEn } };

// ------------------------------------------------------------------------- the template's columns

export const IMPORT_FIELDS = [
  "personalId",
  "siCode",
  "fullName",
  "dateOfBirth",
  "sex",
  "phone",
  "communeCode",
  "address",
  "occupation",
  "subsidyGroup",
  "declaredIncome",
  "paymentPeriod",
  "months",
  "agentCode",
  "conferenceId",
  "enrolledOn",
  "method",
  "receiptNo",
  "paidOn",
  "oldCommuneCode",
  "nationality",
  "ethnicity",
  "email",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const REQUIRED_FIELDS: readonly ImportField[] = [
  "personalId",
  "fullName",
  "dateOfBirth",
  "sex",
  "communeCode",
  "occupation",
  "subsidyGroup",
  "declaredIncome",
  "paymentPeriod",
];
const PAYMENT_FIELDS: readonly ImportField[] = ["method", "receiptNo", "paidOn"];

/** The template's example row uses this ID; a file that still contains it is told to delete the line. */
export const TEMPLATE_EXAMPLE_ID = makePersonalId("001", "1990-05-20", "FEMALE", 999_999);

/** Header text → field: the Vietnamese and English headers and the field names, compared without diacritics or case. */
const HEADER_FIELD = new Map<string, ImportField>();
for (const f of IMPORT_FIELDS) {
  for (const h of [importsVi.headers[f], importsEn.headers[f], f]) HEADER_FIELD.set(toSearchForm(h), f);
}
// common variants seen in real spreadsheets
for (const [alias, f] of [
  ["cccd", "personalId"],
  ["so dinh danh", "personalId"],
  ["so dinh danh ca nhan", "personalId"],
  ["so cccd cmnd", "personalId"],
  ["ma so bhxh", "siCode"],
  ["ma bhxh", "siCode"],
  ["ho ten", "fullName"],
  ["ho va ten", "fullName"],
  ["dien thoai", "phone"],
  ["sdt", "phone"],
  ["ma xa phuong", "communeCode"],
  ["ma xa cu", "oldCommuneCode"],
  ["ma xa truoc sap nhap", "oldCommuneCode"],
  ["nghe nghiep", "occupation"],
  ["doi tuong ho tro", "subsidyGroup"],
  ["doi tuong", "subsidyGroup"],
  ["muc thu nhap", "declaredIncome"],
  ["thu nhap", "declaredIncome"],
  ["so thang", "months"],
  ["ma dai ly", "agentCode"],
  ["hinh thuc nop", "method"],
  ["so bien lai", "receiptNo"],
  ["bien lai", "receiptNo"],
  ["ngay nop", "paidOn"],
  ["quoc tich", "nationality"],
  ["dan toc", "ethnicity"],
  ["email", "email"],
  ["e mail", "email"],
  ["thu dien tu", "email"],
  ["hoi nghi", "conferenceId"],
  ["ma hoi nghi", "conferenceId"],
  ["hoi nghi tuyen truyen", "conferenceId"],
  ["conference", "conferenceId"],
] as const)
  HEADER_FIELD.set(alias, f);

/** Enum cells: the labels of both languages and the codes, plus short forms people type. */
function vocabulary<T extends string>(vi: Record<T, string>, en: Record<T, string>, extra: Record<string, T> = {}): Map<string, T> {
  const m = new Map<string, T>();
  for (const code of Object.keys(vi) as T[]) {
    for (const s of [vi[code], en[code], code]) m.set(toSearchForm(s), code);
  }
  for (const [k, v] of Object.entries(extra)) m.set(k, v);
  return m;
}
const VOCAB = {
  sex: vocabulary(enrollmentVi.sex, enrollmentEn.sex, { m: "MALE", f: "FEMALE", "nu gioi": "FEMALE", "nam gioi": "MALE" }),
  occupation: vocabulary(enrollmentVi.occupation, enrollmentEn.occupation, {
    "lao dong tu do": "SELF_EMPLOYED",
    "buon ban nho": "SELF_EMPLOYED",
    "tu do": "SELF_EMPLOYED",
    "phi chinh thuc": "INFORMAL_WORKER",
    "hoc sinh": "STUDENT",
    "sinh vien": "STUDENT",
    khac: "OTHER",
  }),
  subsidyGroup: vocabulary(enrollmentVi.subsidyGroup, enrollmentEn.subsidyGroup, {
    ngheo: "POOR",
    "can ngheo": "NEAR_POOR",
    "xa dao": "ISLAND",
    "dac khu": "ISLAND",
    dao: "ISLAND",
    "xa dao dac khu": "ISLAND",
    "dan toc thieu so": "ETHNIC_MINORITY",
    dtts: "ETHNIC_MINORITY",
    khac: "OTHER",
  }),
  paymentPeriod: vocabulary(enrollmentVi.period, enrollmentEn.period, {
    "1 thang": "MONTHLY",
    thang: "MONTHLY",
    "hang quy": "QUARTERLY",
    quy: "QUARTERLY",
    "6 thang": "SEMIANNUAL",
    "nua nam": "SEMIANNUAL",
    "12 thang": "ANNUAL",
    "hang nam": "ANNUAL",
    nam: "ANNUAL",
    "1 nam": "ANNUAL",
    "dong truoc": "ADVANCE",
    "dong bu": "BACK_PAYMENT",
  }),
  method: vocabulary(enrollmentVi.method, enrollmentEn.method, { "buu dien": "POST_OFFICE", "ngan hang": "BANK_TRANSFER", vi: "E_WALLET" }),
};
type VocabField = keyof typeof VOCAB;
const LABELS: Record<VocabField, "sex" | "occupation" | "subsidyGroup" | "period" | "method"> = {
  sex: "sex",
  occupation: "occupation",
  subsidyGroup: "subsidyGroup",
  paymentPeriod: "period",
  method: "method",
};

/** The allowed values of an enum column, as the template's guide lists them. */
export function choicesOf(field: VocabField, locale: Locale = "vi"): string {
  return Object.values(TEXT[locale].enrollment[LABELS[field]]).join("; ");
}

// ------------------------------------------------------------------------------------ results

/** A problem of a row: its line, the person's name as written in the file (to find the row), the column. */
export type ImportIssue = { line: number; name: string; field: string; column: string; message: string };
/** A row skipped because the person is already registered in the caller's own area (re-importing is harmless). */
export type SkippedRow = { line: number; name: string; personalId: string; existingId: number };
type Reason = { field: string; column: string; message: string };
/** A row of the report: rejected (`reasons`), or imported with `warnings` (same name and date of birth…). */
export type RejectedRow = { line: number; values: Record<string, string>; reasons: Reason[]; warnings?: Reason[]; skippedAs?: number };

export type ImportSummary = {
  fileName: string;
  headers: string[];
  total: number;
  valid: number;
  duplicates: number;
  rejected: number;
  withPayments: number;
  errors: ImportIssue[];
  /** true when `errors` was capped (opts.maxIssues); the report has every rejected row */
  errorsTruncated: boolean;
  /** valid rows imported with a warning (a person with the same name and date of birth in the province) */
  warned: number;
  warnings: ImportIssue[];
  warningsTruncated: boolean;
  /** the rows counted in `duplicates`, each with its line and the existing record (capped by opts.maxIssues) */
  skipped: SkippedRow[];
  skippedTruncated: boolean;
};
export type ImportResult = ImportSummary & { created: number; contributions: number; auditId: number | null };

export type ImportOptions = {
  locale?: Locale;
  onProgress?: (rows: number) => void | Promise<void>;
  onRejected?: (row: RejectedRow) => void | Promise<void>;
  /** a valid row with warnings (reasons empty): it is imported; the report lists it too */
  onWarned?: (row: RejectedRow) => void | Promise<void>;
  /** a row skipped because the person is already registered in the caller's area (`skippedAs` = the record's id) */
  onSkipped?: (row: RejectedRow) => void | Promise<void>;
  /** caps `errors`, `warnings` and `skipped` each */
  maxIssues?: number;
  batchSize?: number;
};

/** The whole file is unusable (missing columns, unreadable…): nothing was imported. */
export class ImportFileError extends Error {
  constructor(
    message: string,
    public readonly en: string = message,
  ) {
    super(message);
    this.name = "ImportFileError";
  }
}

// ------------------------------------------------------------------------------------ lookups

type Commune = { code: string; provinceCode: string; areaCode: string };
type Agent = { id: number; code: string; status: "ACTIVE" | "SUSPENDED" | "ENDED"; contractStart: IsoDate; contractEnd: IsoDate | null; communes: Set<string> };

async function loadLookups(db: DbTx, p: Principal, locale: Locale) {
  const [communes, agents, tables] = await Promise.all([
    db.unit.findMany({ where: { level: "COMMUNE", ...scopeWhere(p.scope) }, select: { code: true, provinceCode: true, areaCode: true } }),
    db.collectionAgent.findMany({
      where: scopeWhere(p.scope),
      select: { id: true, code: true, status: true, contractStart: true, contractEnd: true, communes: { select: { communeCode: true } } },
    }),
    loadPolicyTables(db),
  ]);
  const receipts = await loadReceiptIndex(db, p.scope);
  return {
    receipts,
    communes: new Map<string, Commune>(communes.map((c) => [c.code, { code: c.code, provinceCode: c.provinceCode!, areaCode: c.areaCode! }])),
    agents: new Map<string, Agent>(
      agents.map((a) => [
        a.code.toUpperCase(),
        {
          ...a,
          contractStart: toIsoDate(a.contractStart),
          contractEnd: a.contractEnd ? toIsoDate(a.contractEnd) : null,
          communes: new Set(a.communes.map((c) => c.communeCode)),
        },
      ]),
    ),
    tables,
    oldCodes: await oldCommuneResolver(db, p, locale),
    // once per import: the agents' contract dates are compared with today
    today: todayInVietnam(),
    // enum cells repeat ("Nam", "Nữ", "12 tháng"…): their meaning, once per distinct text
    choices: new Map<string, string | null>(),
  };
}

// ------------------------------------------------------------------------------------ the row pipeline

type Prepared = {
  line: number;
  /** the person's name as written in the file, shown next to the line number */
  name: string;
  values: Record<string, string>;
  issues: { field: string; message: string }[];
  personalId: string | null;
  data?: RegistrationData;
  /** the name without diacritics, as stored for search */
  searchName?: string;
  agent?: Agent;
  commune?: Commune;
  /** the pre-reform commune code the row gave (kept on the enrollee) */
  oldCommuneCode?: string;
  /** a D05-TS row: the amounts it stated, compared with the calculator's */
  expect?: D05Expect;
};

/** One row to write: the enrollee's columns and, when the file has a payment, the contribution's. Dates are yyyy-mm-dd. */
export type PreparedInsert = {
  line: number;
  enrollee: {
    personalId: string;
    siCode: string | null;
    fullName: string;
    searchName: string;
    dateOfBirth: IsoDate;
    sex: string;
    phone: string | null;
    nationality: string;
    ethnicity: string | null;
    email: string | null;
    provinceCode: string;
    areaCode: string;
    communeCode: string;
    address: string | null;
    occupation: string;
    subsidyGroup: string;
    declaredIncome: number;
    paymentPeriod: string;
    agentId: number | null;
    conferenceId: number | null;
    enrolledOn: IsoDate;
    oldCommuneCode: string | null;
    firstCoveredOn: IsoDate | null;
    coverageEnd: IsoDate | null;
    subsidyMonthsUsed: number;
  };
  contribution: {
    provinceCode: string;
    areaCode: string;
    communeCode: string;
    periodStart: IsoDate;
    periodEnd: IsoDate;
    months: number;
    declaredIncome: number;
    paymentPeriod: string;
    gross: number;
    centralSubsidy: number;
    provincialTopUp: number;
    net: number;
    subsidyMonths: number;
    method: string;
    receiptNo: string;
    paidOn: IsoDate;
    agentId: number | null;
    recordedById: number;
  } | null;
};

/** Where a file's column is, by field. */
function mapHeaders(headers: string[], t: Text): Map<ImportField, string> {
  const map = new Map<ImportField, string>();
  for (const h of headers) {
    const f = HEADER_FIELD.get(toSearchForm(h));
    if (!f) continue;
    if (map.has(f)) throw new ImportFileError(fill(t.imports.duplicateColumn, { column: h }), fill(importsEn.duplicateColumn, { column: h }));
    map.set(f, h);
  }
  // a file of records from before the 2025 reform may give the old commune code instead of today's
  const missing = REQUIRED_FIELDS.filter((f) => !map.has(f) && !(f === "communeCode" && map.has("oldCommuneCode")));
  if (missing.length) {
    throw new ImportFileError(
      fill(importsVi.missingColumns, { columns: missing.map((f) => importsVi.headers[f]).join(", ") }),
      fill(importsEn.missingColumns, { columns: missing.map((f) => importsEn.headers[f]).join(", ") }),
    );
  }
  return map;
}

/** Digits that a numeric Excel cell stripped of leading zeros (every CCCD starts with 0). */
function restoreZeros(s: string, length: number, minLength: number): string {
  const d = s.replace(/[\s.\-]/g, "");
  return /^\d+$/.test(d) && d.length >= minLength && d.length < length ? d.padStart(length, "0") : s;
}

/** Schema paths → the import's fields (the payment is nested; the agent is given by code). */
function fieldOfPath(path: readonly PropertyKey[]): string {
  const [a, b] = path.map(String);
  if (a === "payment" && b) return b;
  if (a === "agentId") return "agentCode";
  if (a === "paymentPeriod" || a === "months" || a === "declaredIncome") return a;
  return a ?? "_row";
}

const DATE_FIELDS: ReadonlySet<ImportField> = new Set(["dateOfBirth", "enrolledOn", "paidOn"]);

function prepareRow(
  row: SourceRow,
  cols: Map<ImportField, string>,
  lookups: Awaited<ReturnType<typeof loadLookups>>,
  t: Text,
  locale: Locale,
  xlsx = false,
): Prepared {
  const cell = (f: ImportField) => {
    const h = cols.get(f);
    const v = h ? (row.values[h] ?? "") : "";
    // XLSX: a number in a date column is Excel's date serial, whatever the cell's format says
    if (xlsx && DATE_FIELDS.has(f)) return excelSerialToIso(v) ?? v;
    return v;
  };
  // a D05-TS row brings what its conversion found (lib/server/imports/d05-layout.ts)
  const issues: Prepared["issues"] = [...(row.issues ?? [])];
  const mapped = new Set<string>([...issues.map((i) => i.field), ...(row.hide ?? [])]); // fields whose mapping already produced an issue (no second one from the schema)
  const choice = (f: VocabField) => {
    const raw = cell(f);
    if (!raw) return undefined;
    const key = `${f}\u0000${raw}`;
    let code = lookups.choices.get(key);
    if (code === undefined) {
      code = VOCAB[f].get(toSearchForm(raw)) ?? null;
      if (lookups.choices.size < 10_000) lookups.choices.set(key, code);
    }
    if (!code) {
      issues.push({ field: f, message: fill(t.imports.badChoice, { value: raw, choices: choicesOf(f, locale) }) });
      mapped.add(f);
    }
    return code;
  };

  const personalIdRaw = restoreZeros(cell("personalId"), 12, 10);
  const hasPayment = PAYMENT_FIELDS.some((f) => cell(f) !== "");
  let agent: Agent | undefined;
  const agentCode = cell("agentCode").trim().toUpperCase();
  if (agentCode) {
    agent = lookups.agents.get(agentCode);
    if (!agent) {
      issues.push({ field: "agentCode", message: fill(t.imports.agentUnknown, { code: agentCode }) });
      mapped.add("agentCode");
    }
  }
  let phone = cell("phone");
  if (/^[35789]\d{8}$/.test(phone)) phone = `0${phone}`; // a numeric cell dropped the leading 0
  const old = oldCommuneCell(cell("oldCommuneCode"), cell("communeCode"), lookups.oldCodes, issues, mapped);
  const communeRaw = old.communeCode;
  const input = {
    personalId: personalIdRaw,
    siCode: restoreZeros(cell("siCode"), 10, 9),
    fullName: cell("fullName"),
    dateOfBirth: cell("dateOfBirth"),
    sex: choice("sex"),
    phone,
    communeCode: /^\d{1,5}$/.test(communeRaw) ? communeRaw.padStart(5, "0") : communeRaw,
    address: cell("address"),
    nationality: cell("nationality"),
    ethnicity: cell("ethnicity"),
    email: cell("email"),
    occupation: choice("occupation"),
    subsidyGroup: choice("subsidyGroup"),
    declaredIncome: cell("declaredIncome"),
    paymentPeriod: choice("paymentPeriod"),
    months: cell("months"),
    agentId: agent?.id,
    conferenceId: cell("conferenceId"),
    enrolledOn: cell("enrolledOn") || (hasPayment ? cell("paidOn") : ""),
    payment: hasPayment ? { method: choice("method"), receiptNo: cell("receiptNo"), paidOn: cell("paidOn") } : undefined,
  };

  const parsed = schemasFor(locale).registration.safeParse(input);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const field = fieldOfPath(i.path);
      // a payment without an agent: the import's own message (a receipt number belongs to an agent)
      if (!mapped.has(field) && !(field === "agentCode" && i.message === t.enrollment.v.agentRequired)) issues.push({ field, message: i.message });
    }
  }
  const personalId = parsed.success ? parsed.data.personalId : /^\d{12}$/.test(normalizePersonalId(personalIdRaw)) ? normalizePersonalId(personalIdRaw) : null;
  if (personalId === TEMPLATE_EXAMPLE_ID) issues.unshift({ field: "personalId", message: t.imports.exampleRow });

  const prepared: Prepared = {
    line: row.line,
    name: cell("fullName").trim().slice(0, 200),
    values: row.values,
    issues,
    personalId,
    agent,
    oldCommuneCode: old.oldCommuneCode,
    expect: row.expect,
  };
  const data = parsed.success ? parsed.data : undefined;
  const failed = new Set(issues.map((i) => i.field));

  // Every problem of the row at once, also when other fields are wrong (a wrong CCCD does not hide an
  // out-of-area commune): the commune and agent checks use what parsed, or the code as written.
  // scope: the commune must be in the caller's area (an unknown code reads the same: nothing leaks)
  const communeCode = data?.communeCode ?? (/^\d{5}$/.test(input.communeCode) ? input.communeCode : null);
  const commune = communeCode ? lookups.communes.get(communeCode) : undefined;
  if (communeCode && !commune && !failed.has("communeCode")) issues.push({ field: "communeCode", message: t.enrollment.v.communeOutOfScope });
  prepared.commune = commune;
  // the agent must serve the commune and be under contract on the payment date (as for a payment in the form), else today
  const paidOn = data?.payment?.paidOn ?? (typeof input.payment?.paidOn === "string" ? parseDateInput(input.payment.paidOn) : null) ?? lookups.today;
  if (agent && commune && !failed.has("agentCode") && (!agent.communes.has(commune.code) || !isAgentSelectable(agent, paidOn))) {
    issues.push({ field: "agentCode", message: t.enrollment.v.agentNotServing });
  }
  if (hasPayment && !agent && !mapped.has("agentCode") && !failed.has("agentCode"))
    issues.push({ field: "agentCode", message: t.enrollment.v.receiptNeedsAgent });
  // the agent's receipt books, where the province refuses numbers outside them (lib/server/paperwork/receipt-books.ts)
  const receiptProblem =
    data?.payment && agent && commune ? lookups.receipts.check(agent.id, commune.provinceCode, data.payment.receiptNo, data.payment.paidOn, locale) : null;
  if (receiptProblem) issues.push({ field: "receiptNo", message: receiptProblem });
  if (!data) return prepared;
  prepared.data = data;
  prepared.searchName = toSearchForm(data.fullName);
  return prepared;
}

/**
 * The row's commune when it gives a pre-reform commune code (issue 14): today's code resolved from
 * the old one (lib/server/reference/old-units.ts), or an issue on the old code's column and no commune.
 * Without an old code, the commune cell as it is.
 */
function oldCommuneCell(
  oldRaw: string,
  communeRaw: string,
  resolve: Awaited<ReturnType<typeof oldCommuneResolver>>,
  issues: Prepared["issues"],
  mapped: Set<string>,
): { communeCode: string; oldCommuneCode?: string } {
  if (!oldRaw.trim()) return { communeCode: communeRaw };
  const given = /^\d{1,5}$/.test(communeRaw) ? communeRaw.padStart(5, "0") : communeRaw.trim();
  const r = resolve(oldRaw, given || undefined);
  if ("message" in r) {
    issues.push({ field: "oldCommuneCode", message: r.message });
    mapped.add("communeCode");
    return { communeCode: "" };
  }
  return r;
}

/** Checks against the database and earlier rows of the file, then the amounts; returns the rows to insert. */
class Batcher {
  readonly seenIds = new Map<string, number>();
  readonly seenSi = new Map<string, number>();
  readonly seenReceipts = new Map<string, number>();
  /** province|date of birth|name without diacritics → the first valid line with it */
  readonly seenNames = new Map<string, number>();
  /** the ID numbers this import creates (so its own earlier batches are not "already in the province") */
  readonly created = new Set<string>();
  readonly policies = new Map<string, PolicySnapshot>();
  readonly calcs = new Map<string, ReturnType<typeof calculateContribution>>();
  readonly periods = new Map<string, { periodStart: IsoDate; periodEnd: IsoDate }>();
  total = 0;
  valid = 0;
  duplicates = 0;
  rejected = 0;
  withPayments = 0;
  warned = 0;
  readonly errors: ImportIssue[] = [];
  errorsTruncated = false;
  readonly warnings: ImportIssue[] = [];
  warningsTruncated = false;
  readonly skipped: SkippedRow[] = [];
  skippedTruncated = false;

  constructor(
    private readonly p: Principal,
    private readonly t: Text,
    private readonly locale: Locale,
    private readonly tables: PolicyTables,
    private readonly columnOf: (field: string) => string,
    private readonly opts: ImportOptions,
  ) {}

  private policy(date: IsoDate, province: string): PolicySnapshot | null {
    const key = `${date}|${province}`;
    let s = this.policies.get(key);
    if (!s) {
      try {
        s = policyAt(this.tables, date, province);
      } catch {
        return null;
      }
      this.policies.set(key, s);
    }
    return s;
  }

  async run(db: DbTx, rows: Prepared[]): Promise<PreparedInsert[]> {
    const ids = [...new Set(rows.map((r) => r.personalId).filter((x): x is string => !!x))];
    const sis = [...new Set(rows.map((r) => r.data?.siCode).filter((x): x is string => !!x))];
    const receipts = rows.filter((r) => r.data?.payment && r.agent);
    const conferences = [...new Set(rows.map((r) => r.data?.conferenceId).filter((x): x is number => x !== undefined))];
    const named = rows.filter((r) => r.data && r.commune && r.issues.length === 0);
    // one query per check and batch, each an `= ANY(array)` on an index: plain SQL, so the statement is
    // the same text for every batch (Prisma's `in: [1,000 values]` was compiled anew each time)
    const [existing, siTaken, receiptTaken, conferenceCommune, sameName] = await Promise.all([
      ids.length
        ? db.$queryRawUnsafe<{ id: number; personalId: string; provinceCode: string; areaCode: string }[]>(
            `SELECT id, "personalId", "provinceCode", "areaCode" FROM "Enrollee" WHERE "personalId" = ANY($1::text[])`,
            arrayLiteral(ids, true),
          )
        : [],
      sis.length
        ? db.$queryRawUnsafe<{ siCode: string; personalId: string }[]>(
            `SELECT "siCode", "personalId" FROM "Enrollee" WHERE "siCode" = ANY($1::text[])`,
            arrayLiteral(sis, true),
          )
        : [],
      receipts.length
        ? db.$queryRawUnsafe<{ agentId: number; receiptNo: string }[]>(
            `SELECT c."agentId", c."receiptNo" FROM "Contribution" c JOIN unnest($1::int4[], $2::text[]) AS u(a, r) ON c."agentId" = u.a AND c."receiptNo" = u.r`,
            arrayLiteral(
              receipts.map((r) => r.agent!.id),
              true,
            ),
            arrayLiteral(
              receipts.map((r) => r.data!.payment!.receiptNo),
              false,
            ),
          )
        : [],
      conferences.length
        ? db.$queryRawUnsafe<{ id: number; communeCode: string }[]>(
            `SELECT id, "communeCode" FROM "OutreachConference" WHERE id = ANY($1::int4[])`,
            arrayLiteral(conferences, true),
          )
        : [],
      // the registration form's warning: someone with the same name and date of birth in the province
      // (the (provinceCode, dateOfBirth, searchName) index)
      named.length
        ? db.$queryRawUnsafe<{ k: string; personalId: string }[]>(
            `SELECT DISTINCT u.k, e."personalId" FROM unnest($1::text[], $2::date[], $3::text[], $4::text[]) AS u(p, d, s, k)
           JOIN "Enrollee" e ON e."provinceCode" = u.p AND e."dateOfBirth" = u.d AND e."searchName" = u.s`,
            arrayLiteral(
              named.map((r) => r.commune!.provinceCode),
              true,
            ),
            arrayLiteral(
              named.map((r) => r.data!.dateOfBirth),
              true,
            ),
            arrayLiteral(
              named.map((r) => r.searchName!),
              false,
            ),
            arrayLiteral(
              named.map((r) => nameKey(r)),
              false,
            ),
          )
        : [],
    ]);
    const existingById = new Map(existing.map((e) => [e.personalId, e]));
    const siOwner = new Map(siTaken.map((e) => [e.siCode, e.personalId]));
    const takenReceipts = new Set(receiptTaken.map((c) => `${c.agentId}|${c.receiptNo}`));
    const communeOfConference = new Map(conferenceCommune.map((c) => [c.id, c.communeCode]));
    const namesake = new Map<string, string[]>();
    for (const m of sameName) namesake.set(m.k, [...(namesake.get(m.k) ?? []), m.personalId]);
    const out: PreparedInsert[] = [];

    for (const r of rows) {
      this.total++;
      // 1. the same ID earlier in the file
      if (r.personalId) {
        const first = this.seenIds.get(r.personalId);
        if (first !== undefined) {
          r.issues.push({ field: "personalId", message: fill(this.t.imports.duplicateInFile, { line: first }) });
          await this.reject(r);
          continue;
        }
        this.seenIds.set(r.personalId, r.line);
        // 2. already registered: in the caller's area → skipped (idempotent re-import); elsewhere → refused
        const e = existingById.get(r.personalId);
        if (e) {
          if (unitInScope(this.p.scope, { code: "", level: "ENROLLEE", provinceCode: e.provinceCode, areaCode: e.areaCode })) {
            this.duplicates++;
            if (this.skipped.length < (this.opts.maxIssues ?? Infinity))
              this.skipped.push({ line: r.line, name: r.name, personalId: r.personalId, existingId: Number(e.id) });
            else this.skippedTruncated = true;
            await this.opts.onSkipped?.({ line: r.line, values: r.values, reasons: [], skippedAs: Number(e.id) });
            continue;
          }
          r.issues.unshift({ field: "personalId", message: this.t.enrollment.v.duplicatePersonalIdElsewhere });
        }
      }
      const d = r.data;
      // every check that can run does, also when the row already has a problem: all of them are reported at once
      if (d && r.commune) {
        // the file's own earlier rows first: whether the database already shows them depends on the
        // engine (PostgreSQL reads beside the transaction, PGlite inside it); the message must not
        if (d.siCode) {
          const owner = siOwner.get(d.siCode);
          const firstLine = this.seenSi.get(d.siCode);
          if (firstLine !== undefined) r.issues.push({ field: "siCode", message: fill(this.t.imports.siCodeInFile, { line: firstLine }) });
          else if (owner && owner !== d.personalId) r.issues.push({ field: "siCode", message: this.t.enrollment.v.duplicateSiCode });
        }
        if (d.payment && r.agent) {
          const key = `${r.agent.id}|${d.payment.receiptNo}`;
          const firstLine = this.seenReceipts.get(key);
          if (firstLine !== undefined) r.issues.push({ field: "receiptNo", message: fill(this.t.imports.receiptInFile, { line: firstLine }) });
          else if (takenReceipts.has(key))
            r.issues.push({ field: "receiptNo", message: fill(this.t.enrollment.v.receiptTaken, { receiptNo: d.payment.receiptNo }) });
        }
        // the outreach conference, as in the form: one held in the person's commune (another area's reads the same)
        if (d.conferenceId !== undefined && communeOfConference.get(d.conferenceId) !== r.commune.code) {
          r.issues.push({ field: "conferenceId", message: this.t.enrollment.v.conferenceNotInCommune });
        }
        // 3. the amounts, with the policy in force on the payment (or enrollment) date
        const on = d.payment?.paidOn ?? d.enrolledOn;
        const policy = this.policy(on, r.commune.provinceCode);
        if (!policy)
          r.issues.push({
            field: d.payment ? "paidOn" : "enrolledOn",
            message: fill(this.t.enrollment.v.policyMissing, { date: on.split("-").reverse().join("/") }),
          });
        const calc = policy ? this.amounts(on, r.commune.provinceCode, policy, d) : null;
        if (calc && !calc.ok) {
          // contributionIssues() of the form's server check, from the same calculator result
          for (const e of calc.errors) r.issues.push({ field: e.field === "period" ? "paymentPeriod" : e.field, message: e.message[this.locale] });
        }
        // a D05-TS row: the amounts and the first month it states must be the ones the app computes
        if (calc?.ok && r.expect && d.payment) this.checkD05(r, r.expect, calc.value, d.payment.paidOn);
        if (r.issues.length === 0 && calc?.ok) {
          out.push(this.toInsert(r, d, r.commune, calc.value));
          if (d.siCode) this.seenSi.set(d.siCode, r.line);
          if (d.payment && r.agent) this.seenReceipts.set(`${r.agent.id}|${d.payment.receiptNo}`, r.line);
          this.created.add(d.personalId);
          this.valid++;
          if (d.payment) this.withPayments++;
          // 4. a warning, not a rejection (as the form's "same name and date of birth in the province"):
          // people registered before this import, then earlier rows of the file
          const key = nameKey(r);
          const others = (namesake.get(key) ?? []).filter((id) => !this.created.has(id));
          const sameLine = this.seenNames.get(key);
          const warnings: Prepared["issues"] = [];
          if (others.length) warnings.push({ field: "fullName", message: fill(this.t.imports.possibleDuplicate, { n: others.length }) });
          if (sameLine !== undefined) warnings.push({ field: "fullName", message: fill(this.t.imports.possibleDuplicateInFile, { line: sameLine }) });
          else this.seenNames.set(key, r.line);
          if (warnings.length) await this.warn(r, warnings);
          continue;
        }
      }
      if (r.issues.length === 0) r.issues.push({ field: "_row", message: this.t.enrollment.v.communeOutOfScope }); // unreachable: no data without issues
      await this.reject(r);
    }
    return out;
  }

  /** The calculator's result for the row's income, period and group with the policy of that date and
   *  province (a first payment: no subsidy months used yet). Rows repeat the same few combinations. */
  private amounts(on: IsoDate, province: string, policy: PolicySnapshot, d: RegistrationData) {
    const key = `${on}|${province}|${d.declaredIncome}|${d.paymentPeriod}|${d.months ?? ""}|${d.subsidyGroup}`;
    let calc = this.calcs.get(key);
    if (!calc) {
      calc = calculateContribution({
        policy,
        declaredIncome: d.declaredIncome,
        period: d.paymentPeriod as PaymentPeriod,
        months: d.months,
        subsidyGroup: d.subsidyGroup as SubsidyGroup,
        subsidyMonthsUsed: 0,
      });
      if (this.calcs.size < 10_000) this.calcs.set(key, calc);
    }
    return calc;
  }

  private checkD05(r: Prepared, x: D05Expect, v: ContributionResult, paidOn: IsoDate) {
    const t = this.locale === "en" ? d05ImportEn : d05ImportVi;
    const n = (k: number) => k.toLocaleString("vi-VN");
    const date = paidOn.split("-").reverse().join("/");
    const fromMonth = monthYear(this.period(paidOn, v.months).periodStart);
    if (x.fromMonth && x.fromMonth.replace(/^(\d)\//, "0$1/") !== fromMonth)
      r.issues.push({ field: "fromMonth", message: fill(t.fromMonthDiffers, { given: x.fromMonth, computed: fromMonth }) });
    const pairs: [keyof D05Expect, string, number | null, number][] = [
      ["amountDue", "8", x.amountDue, v.gross],
      ["paidByParticipant", "9", x.paidByParticipant, v.net],
      ["stateAmount", "11", x.stateAmount, v.centralSubsidy],
      ["localAmount", "13", x.localAmount, v.provincialTopUp],
    ];
    for (const [field, column, given, computed] of pairs) {
      if (given !== null && given !== computed)
        r.issues.push({ field, message: fill(t.amountDiffers, { column, given: n(given), computed: n(computed), date }) });
    }
  }

  /** A first payment covers from the first day of the month it is paid in. */
  private period(paidOn: IsoDate, months: number): { periodStart: IsoDate; periodEnd: IsoDate } {
    const key = `${paidOn}|${months}`;
    let p = this.periods.get(key);
    if (!p) {
      const periodStart = nextPeriodStart(null, paidOn);
      p = { periodStart, periodEnd: periodEndFor(periodStart, months) };
      if (this.periods.size < 10_000) this.periods.set(key, p);
    }
    return p;
  }

  private toInsert(r: Prepared, d: RegistrationData, c: Commune, v: ContributionResult): PreparedInsert {
    let coverage: { firstCoveredOn: IsoDate; coverageEnd: IsoDate; subsidyMonthsUsed: number } | null = null;
    let contribution: PreparedInsert["contribution"] = null;
    if (d.payment) {
      const { periodStart, periodEnd } = this.period(d.payment.paidOn, v.months);
      coverage = { firstCoveredOn: periodStart, coverageEnd: periodEnd, subsidyMonthsUsed: v.subsidyMonths };
      contribution = {
        provinceCode: c.provinceCode,
        areaCode: c.areaCode,
        communeCode: c.code,
        periodStart,
        periodEnd,
        months: v.months,
        declaredIncome: d.declaredIncome,
        paymentPeriod: d.paymentPeriod,
        gross: v.gross,
        centralSubsidy: v.centralSubsidy,
        provincialTopUp: v.provincialTopUp,
        net: v.net,
        subsidyMonths: v.subsidyMonths,
        method: d.payment.method,
        receiptNo: d.payment.receiptNo,
        paidOn: d.payment.paidOn,
        agentId: r.agent?.id ?? null,
        recordedById: this.p.userId,
      };
    }
    return {
      line: r.line,
      enrollee: {
        personalId: d.personalId,
        siCode: d.siCode ?? null,
        fullName: d.fullName,
        searchName: r.searchName ?? toSearchForm(d.fullName),
        dateOfBirth: d.dateOfBirth,
        sex: d.sex,
        phone: d.phone ?? null,
        nationality: d.nationality ?? DEFAULT_NATIONALITY,
        ethnicity: d.ethnicity ?? null,
        email: d.email ?? null,
        provinceCode: c.provinceCode,
        areaCode: c.areaCode,
        communeCode: c.code,
        address: d.address ?? null,
        occupation: d.occupation,
        subsidyGroup: d.subsidyGroup,
        declaredIncome: d.declaredIncome,
        paymentPeriod: d.paymentPeriod,
        agentId: r.agent?.id ?? null,
        conferenceId: d.conferenceId ?? null,
        enrolledOn: d.enrolledOn,
        oldCommuneCode: r.oldCommuneCode ?? null,
        firstCoveredOn: coverage?.firstCoveredOn ?? null,
        coverageEnd: coverage?.coverageEnd ?? null,
        subsidyMonthsUsed: coverage?.subsidyMonthsUsed ?? 0,
      },
      contribution,
    };
  }

  private async reject(r: Prepared) {
    this.rejected++;
    const reasons = dedupe(r.issues).map((i) => ({ field: i.field, column: this.columnOf(i.field), message: i.message }));
    const max = this.opts.maxIssues ?? Infinity;
    for (const reason of reasons) {
      if (this.errors.length < max) this.errors.push({ line: r.line, name: r.name, ...reason });
      else this.errorsTruncated = true;
    }
    await this.opts.onRejected?.({ line: r.line, values: r.values, reasons });
  }

  private async warn(r: Prepared, issues: Prepared["issues"]) {
    this.warned++;
    const warnings = issues.map((i) => ({ field: i.field, column: this.columnOf(i.field), message: i.message }));
    const max = this.opts.maxIssues ?? Infinity;
    for (const w of warnings) {
      if (this.warnings.length < max) this.warnings.push({ line: r.line, name: r.name, ...w });
      else this.warningsTruncated = true;
    }
    await this.opts.onWarned?.({ line: r.line, values: r.values, reasons: [], warnings });
  }
}

/** Same province, date of birth and name without diacritics: the key of the duplicate-name warning. */
function nameKey(r: Prepared): string {
  return `${r.commune!.provinceCode}|${r.data!.dateOfBirth}|${r.searchName}`;
}

function dedupe(issues: { field: string; message: string }[]) {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.field}|${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Rows per batch (lookups, checks, one INSERT per table, one progress report). Measured at 3 million
 *  people on PostgreSQL (docs/benchmarks.md, import-speed): 1,000 → 5,300 rows/s, 2,000 → 6,400,
 *  4,000 → 6,600–7,400, 8,000 → 6,400; per-statement costs (the triggers, the lookups' plans, the
 *  round trips) shrink while two batches in memory stay small. */
export const IMPORT_BATCH_ROWS = 4_000;

/** Reads, validates and hands each batch of valid rows to `sink` (nothing for a preview). */
async function processFile(
  read: DbTx,
  p: Principal,
  file: { name: string; data: Uint8Array },
  opts: ImportOptions,
  sink: ((rows: PreparedInsert[]) => Promise<void>) | null,
): Promise<ImportSummary> {
  assertCan(p, "enrollee.write");
  const locale = opts.locale ?? p.locale;
  const t = TEXT[locale];
  const lookups = await loadLookups(read, p, locale);
  const xlsx = /\.xlsx$/i.test(file.name);
  const batchSize = opts.batchSize ?? IMPORT_BATCH_ROWS;
  let cols: Map<ImportField, string> | null = null;
  let headers: string[] = [];
  let batcher: Batcher | null = null;
  let batch: Prepared[] = [];
  // The write of the previous batch. It is not awaited before the next batch is read and validated, so
  // the database writes batch N while this process parses batch N+1 (two cores, both busy); at most one
  // write is in flight, so memory stays bounded by two batches.
  let writing: Promise<unknown> = Promise.resolve();

  const flush = async () => {
    if (!batch.length || !batcher) return;
    const rows = batch;
    batch = [];
    let inserts: PreparedInsert[];
    try {
      // its lookups run while the previous batch is written (on PGlite: queued behind that write)
      inserts = await batcher.run(read, rows);
    } catch (e) {
      await writing; // a failed write aborted the transaction: its error is the one to report
      throw e;
    }
    await writing;
    const done = batcher.total;
    writing = (sink && inserts.length ? sink(inserts) : Promise.resolve()).then(() => opts.onProgress?.(done));
    writing.catch(() => undefined); // awaited (and rethrown) at the next flush or at the end
    // Let the event loop breathe between batches: with embedded PGlite every await above resolves
    // without an I/O turn, so progress lines would not reach the browser and other requests would wait.
    await new Promise<void>((resolve) => setImmediate(resolve));
  };

  // the template's layout, or a D05-TS list (its row of column numbers), read into the template's fields
  const source = await openImportSource(file, async () => ({
    locale,
    tables: lookups.tables,
    agents: lookups.agents,
    fieldOfHeader: (h) => HEADER_FIELD.get(toSearchForm(h)),
    communes: (
      await read.unit.findMany({ where: { level: "COMMUNE", ...scopeWhere(p.scope) }, select: { code: true, provinceCode: true, searchName: true } })
    ).map((c) => ({ code: c.code, provinceCode: c.provinceCode!, searchName: c.searchName })),
  }));
  for await (const row of source.rows) {
    if (!cols) {
      headers = source.layout === "d05" ? source.headers : Object.keys(row.values);
      cols = source.layout === "d05" ? (source.columns as Map<ImportField, string>) : mapHeaders(headers, t);
      const byField = cols;
      batcher = new Batcher(
        p,
        t,
        locale,
        lookups.tables,
        (f) => {
          const h = byField.get(f as ImportField);
          return h ?? (f in t.imports.headers ? t.imports.headers[f as ImportField] : f === "_row" ? "" : f);
        },
        opts,
      );
    }
    batch.push(prepareRow(row, cols, lookups, t, locale, xlsx));
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  await writing;
  if (!batcher || batcher.total === 0) throw new ImportFileError(importsVi.noRows, importsEn.noRows);
  const b = batcher;
  return {
    fileName: file.name,
    headers,
    total: b.total,
    valid: b.valid,
    duplicates: b.duplicates,
    rejected: b.rejected,
    withPayments: b.withPayments,
    errors: b.errors,
    errorsTruncated: b.errorsTruncated,
    warned: b.warned,
    warnings: b.warnings,
    warningsTruncated: b.warningsTruncated,
    skipped: b.skipped,
    skippedTruncated: b.skippedTruncated,
  };
}

/** The preview (dry run): counts and every rejected row, nothing written. */
export async function previewImport(db: DbTx, p: Principal, file: { name: string; data: Uint8Array }, opts: ImportOptions = {}): Promise<ImportSummary> {
  return processFile(db, p, file, opts, null);
}

/** Imports the valid rows of the file in one transaction (all or nothing) and audits it once. */
export async function runImport(db: PrismaClient, p: Principal, file: { name: string; data: Uint8Array }, opts: ImportOptions = {}): Promise<ImportResult> {
  assertCan(p, "enrollee.write");
  try {
    return await db.$transaction(
      async (tx) => {
        // The checks read on another pooled connection, beside the transaction, so a batch's lookups
        // need not wait for the previous batch's write (ADR 0202). They cannot see this import's own
        // rows, which the Batcher tracks itself (seenIds, seenSi, seenReceipts, created); what another
        // import commits meanwhile is caught by the unique indexes at the insert, as before.
        const read = hasConnectionPool(db) ? db : tx;
        let created = 0;
        let contributions = 0;
        const ranges: [number, number][] = [];
        // First payments are written in larger statements than the people: the dashboard trigger on
        // "Contribution" costs about as much per statement (per 2,000 people) as per row.
        let pays: ContributionRow[] = [];
        const writePays = async () => {
          const batch = pays;
          pays = [];
          if (batch.length) contributions += await insertContributions(tx, batch);
        };
        const summary = await processFile(read, p, file, opts, async (rows) => {
          const ids = await insertEnrollees(
            tx,
            rows.map((r) => r.enrollee),
          );
          created += ids.length;
          const idOf = new Map(ids.map((e) => [e.personalId, e.id]));
          for (const id of ids.map((e) => e.id).sort((a, b) => a - b)) {
            const last = ranges[ranges.length - 1];
            if (last && id === last[1] + 1) last[1] = id;
            else ranges.push([id, id]);
          }
          for (const r of rows) if (r.contribution) pays.push({ ...r.contribution, enrolleeId: idOf.get(r.enrollee.personalId)! });
          if (pays.length >= CONTRIBUTION_BATCH) await writePays();
        });
        await writePays();
        await writeAudit(tx, p, {
          action: "enrollee.import",
          entity: "Enrollee",
          unitCode: p.unitCode,
          after: {
            fileName: file.name,
            fileBytes: file.data.byteLength,
            total: summary.total,
            created,
            contributions,
            duplicates: summary.duplicates,
            rejected: summary.rejected,
            warned: summary.warned,
            // every created id, as runs of consecutive ids [from, to]
            createdIds: ranges,
          },
        });
        const audit = await tx.auditLog.findFirst({ where: { action: "enrollee.import", userId: p.userId }, orderBy: { id: "desc" }, select: { id: true } });
        return { ...summary, created, contributions, auditId: audit?.id ?? null };
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
  } catch (e) {
    if (isUniqueViolation(e)) {
      const t = TEXT[opts.locale ?? p.locale];
      throw new ImportFileError(t.imports.concurrent, importsEn.concurrent);
    }
    throw e;
  }
}

// ------------------------------------------------------------------------------------ bulk writes
// One INSERT … SELECT FROM unnest(arrays) per batch: every column travels as one array literal, so a
// batch is one statement with ~20 parameters on either engine (Prisma's createMany sends
// one parameter per cell and was ~5× slower on PGlite). Triggers and constraints apply as usual.

/** First payments per INSERT: a multiple of the 2,000 people the dashboard trigger handles per step. */
const CONTRIBUTION_BATCH = 4_000;

type Col<T> = readonly [name: keyof T & string, type: string];
const ENROLLEE_COLUMNS: readonly Col<PreparedInsert["enrollee"]>[] = [
  ["personalId", "text"],
  ["siCode", "text"],
  ["fullName", "text"],
  ["searchName", "text"],
  ["dateOfBirth", "date"],
  ["sex", '"Sex"'],
  ["phone", "text"],
  ["provinceCode", "text"],
  ["areaCode", "text"],
  ["communeCode", "text"],
  ["address", "text"],
  ["occupation", '"OccupationGroup"'],
  ["subsidyGroup", '"SubsidyGroup"'],
  ["declaredIncome", "int4"],
  ["paymentPeriod", '"PaymentPeriod"'],
  ["agentId", "int4"],
  ["conferenceId", "int4"],
  ["enrolledOn", "date"],
  ["firstCoveredOn", "date"],
  ["coverageEnd", "date"],
  ["subsidyMonthsUsed", "int4"],
  ["oldCommuneCode", "text"],
  ["nationality", "text"],
  ["ethnicity", "text"],
  ["email", "text"],
];
type ContributionRow = NonNullable<PreparedInsert["contribution"]> & { enrolleeId: number };
const CONTRIBUTION_COLUMNS: readonly Col<ContributionRow>[] = [
  ["enrolleeId", "int4"],
  ["provinceCode", "text"],
  ["areaCode", "text"],
  ["communeCode", "text"],
  ["periodStart", "date"],
  ["periodEnd", "date"],
  ["months", "int4"],
  ["declaredIncome", "int4"],
  ["paymentPeriod", '"PaymentPeriod"'],
  ["gross", "int4"],
  ["centralSubsidy", "int4"],
  ["provincialTopUp", "int4"],
  ["net", "int4"],
  ["subsidyMonths", "int4"],
  ["method", '"PaymentMethod"'],
  ["receiptNo", "text"],
  ["paidOn", "date"],
  ["agentId", "int4"],
  ["recordedById", "int4"],
];
const BARE_TYPE = /^(int4|date|"[A-Za-z]+")$/;

function unnestInsert<T>(table: string, columns: readonly Col<T>[], rows: T[], returning: string): { sql: string; params: string[] } {
  // timestamps as Prisma writes them: UTC wall time in a timestamp(3) column
  const now = new Date().toISOString().replace("T", " ").replace("Z", "");
  const names = [...columns.map(([n]) => `"${n}"`), `"createdAt"`, ...(table === "Enrollee" ? [`"updatedAt"`] : [])].join(", ");
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
  const stamp = `$${columns.length + 1}::timestamp(3)`;
  const sql = `INSERT INTO "${table}" (${names}) SELECT u.*, ${stamp}${table === "Enrollee" ? `, ${stamp}` : ""} FROM unnest(${arrays}) AS u ${returning}`;
  const params = columns.map(([name, type]) =>
    arrayLiteral(
      rows.map((r) => r[name]),
      BARE_TYPE.test(type),
    ),
  );
  return { sql, params: [...params, now] };
}

async function insertEnrollees(tx: DbTx, rows: PreparedInsert["enrollee"][]): Promise<{ id: number; personalId: string }[]> {
  const { sql, params } = unnestInsert("Enrollee", ENROLLEE_COLUMNS, rows, `RETURNING id, "personalId"`);
  return tx.$queryRawUnsafe<{ id: number; personalId: string }[]>(sql, ...params);
}

async function insertContributions(tx: DbTx, rows: ContributionRow[]): Promise<number> {
  const { sql, params } = unnestInsert("Contribution", CONTRIBUTION_COLUMNS, rows, "");
  return tx.$executeRawUnsafe(sql, ...params);
}
