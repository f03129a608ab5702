// OpenAPI 3 paths for the enrollment part of the JSON API v1 (merged in lib/openapi/index.ts).
// Enrollees and contributions first; the bulk import's paths go at the end of enrollmentPaths.
import type { OperationObject, PathsObject, SchemaObject } from "./types";

const err = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };
const date = { type: "string", format: "date", example: "2025-03-10", description: "yyyy-mm-dd (dd/mm/yyyy is accepted too)" };
const vnd = { type: "integer", description: "whole VND; strings with thousands separators (\"1.500.000\") are accepted", example: 1500000 };
const subsidyGroup = { type: "string", enum: ["POOR", "NEAR_POOR", "ISLAND", "ETHNIC_MINORITY", "OTHER"] };
const period = { type: "string", enum: ["MONTHLY", "QUARTERLY", "SEMIANNUAL", "ANNUAL", "ADVANCE", "BACK_PAYMENT"], description: "ADVANCE and BACK_PAYMENT need `months` (1–60)" };
const status = { type: "string", enum: ["NEVER_PAID", "ACTIVE", "DUE", "OVERDUE", "LAPSED"], description: "computed from coverageEnd on today's date (DUE: ends within 30 days; OVERDUE: ended within 3 months)" };

const person: SchemaObject = {
  type: "object",
  required: ["personalId", "fullName", "dateOfBirth", "sex", "communeCode", "occupation", "subsidyGroup", "declaredIncome", "paymentPeriod"],
  properties: {
    personalId: { type: "string", pattern: "^\\d{12}$", example: "001085012345", description: "CCCD; digits 4 (century & sex) and 5–6 (birth year) must agree with dateOfBirth and sex; unique" },
    siCode: { type: "string", pattern: "^\\d{10}$", nullable: true },
    fullName: { type: "string", minLength: 2, maxLength: 100, example: "Nguyễn Văn An" },
    dateOfBirth: { ...date, example: "1985-03-15", description: "aged 15 or over on enrolledOn" },
    sex: { type: "string", enum: ["MALE", "FEMALE"] },
    phone: { type: "string", example: "0912345678", nullable: true },
    communeCode: { type: "string", pattern: "^\\d{5}$", example: "00004", description: "a commune inside the caller's area" },
    address: { type: "string", maxLength: 300, nullable: true },
    occupation: { type: "string", enum: ["FARMER", "SELF_EMPLOYED", "INFORMAL_WORKER", "HOUSEHOLD_BUSINESS", "STUDENT", "OTHER"] },
    subsidyGroup,
    declaredIncome: { ...vnd, description: "between the income floor and ceiling in force on the payment date" },
    paymentPeriod: period,
    months: { type: "integer", minimum: 1, maximum: 60 },
    agentId: { oneOf: [{ type: "integer" }, { type: "string", enum: ["OFFICE"] }], description: "an ACTIVE agent serving the commune, under contract today; \"OFFICE\" = pays at the social insurance office (no agent). Required (an id or \"OFFICE\") when a first payment is given", nullable: true },
    conferenceId: { type: "integer", description: "an outreach conference held in the commune", nullable: true },
    enrolledOn: { ...date, description: "default today" },
  },
};

const firstPayment: SchemaObject = {
  type: "object",
  required: ["method", "receiptNo"],
  properties: {
    method: { type: "string", enum: ["CASH", "POST_OFFICE", "BANK_TRANSFER", "E_WALLET"] },
    receiptNo: { type: "string", maxLength: 30, example: "BL-000123", description: "unique per agent" },
    paidOn: { ...date, description: "default today; amounts use the policy in force on this date" },
  },
};

const payment: SchemaObject = {
  type: "object",
  required: ["method", "receiptNo", "period", "declaredIncome"],
  properties: {
    ...(firstPayment.properties as Record<string, unknown>),
    period,
    months: { type: "integer", minimum: 1, maximum: 60 },
    declaredIncome: vnd,
    agentId: { oneOf: [{ type: "integer" }, { type: "string", enum: ["OFFICE"] }], description: "who collected it — default: the enrollee's agent; another must serve the enrollee's commune; \"OFFICE\" = paid at the social insurance office. A payment without an agent (the enrollee has none) and without \"OFFICE\" is refused (400, path agentId)" },
    version: { type: "integer", description: "optional: refuse (409) if the enrollee changed since this version" },
  },
};

const paymentRecord: SchemaObject = {
  type: "object",
  properties: {
    contributionId: { type: "integer" }, enrolleeId: { type: "integer" },
    periodStart: { ...date, description: "where coverage ended + 1 day, or the 1st of the paid month for a first payment or after a lapse" },
    periodEnd: date, months: { type: "integer" }, monthlyContribution: vnd, gross: vnd, centralSubsidy: vnd, provincialTopUp: vnd, net: vnd,
    subsidyMonths: { type: "integer" }, method: { type: "string" }, receiptNo: { type: "string" }, paidOn: date, agentId: { type: "integer", nullable: true },
    coverageEnd: date, firstCoveredOn: date, status,
  },
};

const idParam = { name: "id", in: "path" as const, required: true, schema: { type: "integer" } };
const json = (schema: SchemaObject) => ({ "application/json": { schema } });
const common = {
  "401": { description: "No or bad credentials", content: err },
  "403": { description: "The caller's role may not do this", content: err },
};

const listEnrollees: OperationObject = {
  summary: "Search the caller's enrollees",
  description: "q: a name typed with or without diacritics (every word must occur), or a 12-digit ID number, 10-digit SI code or phone number. 50 per page by default.",
  tags: ["enrollment"],
  parameters: [
    { name: "q", in: "query", schema: { type: "string", maxLength: 100 }, description: "e.g. 'nguyen van an' or 001085012345" },
    { name: "commune", in: "query", schema: { type: "string", pattern: "^\\d{5}$" } },
    { name: "agent", in: "query", schema: { type: "integer" } },
    { name: "status", in: "query", schema: status },
    { name: "group", in: "query", schema: subsidyGroup },
    { name: "page", in: "query", schema: { type: "integer", minimum: 1 } },
    { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
  ],
  responses: { "200": { description: "{ rows, total, page, pages, pageSize }" }, "400": { description: "A bad filter (field path = parameter)", content: err }, ...common },
};

export const enrollmentPaths: PathsObject = {
  "/enrollees": {
    get: listEnrollees,
    post: {
      summary: "Register an enrollee, optionally with the first payment",
      description: "The same validation as the registration form. A person with the same name and date of birth in the province answers 409 on `confirmDuplicate` until the call is repeated with `confirmDuplicate: true`.",
      tags: ["enrollment"],
      requestBody: {
        required: true,
        content: json({ allOf: [person, { type: "object", properties: { payment: firstPayment, confirmDuplicate: { type: "boolean" } } }] }),
      },
      responses: {
        "201": { description: "{ enrollee, payment }", content: json({ type: "object", properties: { enrollee: { type: "object" }, payment: paymentRecord } }) },
        "400": { description: "Invalid input: every problem with its field path (e.g. personalId, payment.receiptNo)", content: err },
        "409": { description: "The ID number is already registered, or a possible duplicate needs confirmDuplicate, or the receipt is taken", content: err },
        ...common,
      },
    },
  },
  "/enrollees/{id}": {
    get: {
      summary: "One enrollee with every contribution and the audit trail",
      tags: ["enrollment"],
      parameters: [idParam],
      responses: { "200": { description: "{ enrollee }" }, "404": { description: "Not found or outside the caller's scope", content: err }, ...common },
    },
    patch: {
      summary: "Edit an enrollee (all person fields, plus the version read)",
      description: "Changing the ID number re-validates it against the date of birth and sex and its uniqueness. Audited with before/after.",
      tags: ["enrollment"],
      parameters: [idParam],
      requestBody: { required: true, content: json({ allOf: [person, { type: "object", required: ["version"], properties: { version: { type: "integer" } } }] }) },
      responses: {
        "200": { description: "{ enrollee }" },
        "400": { description: "Invalid input with field paths", content: err },
        "404": { description: "Not found or outside the caller's scope", content: err },
        "409": { description: "Changed by someone else since `version`, or the ID number is taken", content: err },
        ...common,
      },
    },
  },
  "/enrollees/{id}/contributions": {
    get: {
      summary: "Every contribution of one enrollee",
      tags: ["enrollment"],
      parameters: [idParam],
      responses: { "200": { description: "{ contributions, coverageEnd, status }" }, "404": { description: "Not found or outside the caller's scope", content: err }, ...common },
    },
    post: {
      summary: "Record a payment (renewal)",
      description: "The period starts the day after coverage ends, or on the 1st of the paid month for a first payment or after a lapse (coverage ended more than 3 months before paidOn). Amounts use the policy in force on paidOn. Concurrent payments for one enrollee are serialised; periods never overlap.",
      tags: ["enrollment"],
      parameters: [idParam],
      requestBody: { required: true, content: json(payment) },
      responses: {
        "201": { description: "{ contribution }", content: json({ type: "object", properties: { contribution: paymentRecord } }) },
        "400": { description: "Invalid input with field paths", content: err },
        "404": { description: "Not found or outside the caller's scope", content: err },
        "409": { description: "Receipt number already used for this agent, or a stale version", content: err },
        ...common,
      },
    },
  },
  "/contributions": {
    post: {
      summary: "Record a payment for the enrollee with this personal ID number",
      description: "For collection systems that know the CCCD, not our ids. Body: { personalId, ...payment }.",
      tags: ["enrollment"],
      requestBody: { required: true, content: json({ allOf: [{ type: "object", required: ["personalId"], properties: { personalId: { type: "string", pattern: "^\\d{12}$" } } }, payment] }) },
      responses: {
        "201": { description: "{ contribution }", content: json({ type: "object", properties: { contribution: paymentRecord } }) },
        "400": { description: "Invalid input with field paths", content: err },
        "404": { description: "No enrollee with this ID number in the caller's scope", content: err },
        "409": { description: "Receipt number already used for this agent", content: err },
        ...common,
      },
    },
  },
  // ---- bulk import (/imports…): add its paths below this line ----
  "/imports": {
    post: {
      summary: "Bulk import of enrollees (and optionally their first payment) from a CSV or XLSX file",
      description:
        "The file uses the template's columns (GET /imports/template?format=xlsx|csv in the app; see docs/features/import-and-renewals.md): " +
        "Vietnamese or English headers or the field names; dates dd/mm/yyyy, yyyy-mm-dd or Excel date cells; UTF-8 with or without BOM, comma or semicolon. " +
        "Every row is checked with the registration schema plus scope (commune in the caller's area; agent active and serving it), uniqueness and the policy in force. " +
        "A person whose personalId is already registered in the caller's area is skipped (re-importing a file adds nothing). " +
        "Optional column conferenceId: an outreach conference held in the row's commune. " +
        "A row whose name and date of birth match someone already in the province (or an earlier row) is imported with a warning, as the registration form warns. " +
        "Without dryRun the valid rows are written in ONE transaction (all or nothing) and audited once. Limits: 20 MB, 100,000 rows.",
      tags: ["enrollment"],
      parameters: [
        { name: "dryRun", in: "query", schema: { type: "boolean", default: false }, description: "true: validate only, write nothing" },
        { name: "name", in: "query", schema: { type: "string" }, description: "file name when the body is the raw file instead of multipart" },
      ],
      requestBody: {
        required: true,
        content: {
          "multipart/form-data": { schema: { type: "object", required: ["file"], properties: { file: { type: "string", format: "binary" } } } },
          "application/octet-stream": { schema: { type: "string", format: "binary", description: "the raw .csv/.xlsx (kind detected from its bytes)" } },
        },
      },
      responses: {
        "200": {
          description: "dryRun: counts and every rejected row's problems",
          content: { "application/json": { schema: { type: "object", properties: {
            dryRun: { type: "boolean", example: true }, fileName: { type: "string" }, total: { type: "integer" }, valid: { type: "integer" },
            duplicates: { type: "integer", description: "already registered in the caller's area: skipped" }, rejected: { type: "integer" },
            withPayments: { type: "integer" },
            warned: { type: "integer", description: "valid rows with a warning (imported all the same)" },
            errors: { type: "array", items: { type: "object", properties: {
              line: { type: "integer", description: "spreadsheet row number (header = 1)", example: 7 },
              field: { type: "string", example: "dateOfBirth" }, column: { type: "string", example: "Ngày sinh" },
              message: { type: "string", example: "Ngày không hợp lệ (định dạng dd/mm/yyyy)" },
            } } },
            warnings: { type: "array", items: { type: "object" }, description: "same shape as errors: same name and date of birth as someone in the province or an earlier row; the row is not rejected" },
          } } } },
        },
        "201": {
          description: "imported: the valid rows were written in one transaction",
          content: { "application/json": { schema: { type: "object", properties: {
            dryRun: { type: "boolean", example: false }, total: { type: "integer" }, created: { type: "integer" }, contributions: { type: "integer" },
            duplicates: { type: "integer" }, rejected: { type: "integer" }, warned: { type: "integer" }, auditId: { type: "integer" },
            errors: { type: "array", items: { type: "object" }, description: "as for dryRun" },
            warnings: { type: "array", items: { type: "object" }, description: "as for dryRun" },
          } } } },
        },
        "400": { description: "unreadable file (not UTF-8, damaged, missing required columns, no rows): nothing imported", content: err },
        "401": { description: "Not signed in", content: err },
        "403": { description: "No permission to write enrollees (district staff only)", content: err },
        "413": { description: "File larger than the limit", content: err },
      },
    },
  },
};
