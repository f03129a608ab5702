// OpenAPI 3 paths for the agents' paperwork and money trail (merged in lib/openapi/index.ts):
// D05-TS lists, receipt books, remittances. Money in whole VND, dates yyyy-mm-dd.
// (old hand-written style: being converted to operation({...}) — not yet in the document)
type SchemaObject = Record<string, unknown>; type PathsObject = Record<string, Record<string, unknown>>;

const errorRef = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };
const isoDate: SchemaObject = { type: "string", format: "date", example: "2026-05-31" };
const id = (name: string, where: "path" | "query" = "query") => ({ name, in: where, required: true, schema: { type: "integer" } });
const errors = {
  "400": { description: "Invalid input (field paths in `error.fields`)", content: errorRef },
  "401": { description: "Not signed in", content: errorRef },
  "404": { description: "No such agent/unit/book, or outside the caller's scope", content: errorRef },
};
const writeErrors = { ...errors, "403": { description: "The caller's role may not do this (paperwork.write: admins and local office staff)", content: errorRef } };

const d05Row: SchemaObject = {
  type: "object",
  description: "One payment in the form's columns: A stt, B fullName, C siCode, 1 personalId (masked for roles that do not enroll), 2 address, 3 receiptDate, 4 receiptNo, 5 declaredIncome, 6 months, 7 fromMonth (mm/yyyy), 8 amountDue, 9 paidByParticipant, 10–11 state budget rate (%) and amount, 12–13 local budget, 14–15 other support (not recorded: null/0), 16 collectorCode, 17 note.",
  properties: {
    stt: { type: "integer" }, fullName: { type: "string" }, siCode: { type: "string" }, personalId: { type: "string" }, address: { type: "string" },
    receiptDate: isoDate, receiptNo: { type: "string" }, declaredIncome: { type: "integer" }, months: { type: "integer" }, fromMonth: { type: "string", example: "05/2026" },
    amountDue: { type: "integer" }, paidByParticipant: { type: "integer" },
    stateRatePct: { type: "number", nullable: true }, stateAmount: { type: "integer" }, localRatePct: { type: "number", nullable: true }, localAmount: { type: "integer" },
    otherRatePct: { type: "number", nullable: true }, otherAmount: { type: "integer" }, collectorCode: { type: "string" },
    note: { type: "string", enum: ["Tăng mới", "Đóng tiếp"] }, contributionId: { type: "integer" },
  },
};
const d05Params = [
  { name: "month", in: "query" as const, schema: { type: "string", pattern: "^\\d{4}-\\d{2}$" }, description: "a calendar month (or from + to)" },
  { name: "from", in: "query" as const, schema: isoDate, description: "first receipt date (with `to`; at most one year)" },
  { name: "to", in: "query" as const, schema: isoDate },
  { name: "format", in: "query" as const, schema: { type: "string", enum: ["json", "xlsx"], default: "json" }, description: "xlsx = the form's Excel file (Decision 505/QĐ-BHXH as amended by 490/QĐ-BHXH)" },
];
const d05Response = {
  "200": {
    description: "The list (JSON) or the Excel file",
    content: {
      "application/json": { schema: { type: "object", properties: { from: isoDate, to: isoDate, month: { type: "string", nullable: true }, agent: { type: "object", nullable: true }, unit: { type: "object" }, rows: { type: "array", items: d05Row }, totals: { type: "object", properties: { people: { type: "integer" }, months: { type: "integer" }, amountDue: { type: "integer" }, paidByParticipant: { type: "integer" }, stateAmount: { type: "integer" }, localAmount: { type: "integer" }, otherAmount: { type: "integer" } } }, collectorKnown: { type: "boolean" } } } },
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } },
    },
  },
  ...errors,
};

const bookReport: SchemaObject = {
  type: "object",
  properties: {
    size: { type: "integer" }, used: { type: "integer" }, voided: { type: "integer" }, unused: { type: "integer" }, gapCount: { type: "integer" },
    gaps: { type: "array", items: { type: "array", items: { type: "integer" } }, description: "[first, last] ranges skipped below the highest used number" },
    remaining: { type: "array", items: { type: "array", items: { type: "integer" } } },
    duplicates: { type: "array", items: { type: "object", properties: { number: { type: "integer" }, receiptNos: { type: "array", items: { type: "string" } } } } },
    usedAndVoided: { type: "array", items: { type: "integer" } },
  },
};
const book: SchemaObject = {
  type: "object",
  properties: {
    id: { type: "integer" }, agentId: { type: "integer" }, collectorId: { type: "integer", nullable: true }, series: { type: "string", example: "BH25-AG/" },
    firstNo: { type: "integer" }, lastNo: { type: "integer" }, digits: { type: "integer" }, issuedOn: isoDate, closedOn: { ...isoDate, nullable: true },
    report: bookReport, voids: { type: "array", items: { type: "object", properties: { number: { type: "integer" }, reason: { type: "string" } } } },
  },
};

export const paperworkPaths: PathsObject = {
  "/d05": {
    get: {
      summary: "D05-TS list of an agent or a unit for a month or a date range",
      description: "Every payment whose receipt date falls in the period, in the form's columns, with totals. Give `agentId` or `unit` (province, area or commune code).",
      tags: ["paperwork"],
      parameters: [{ name: "agentId", in: "query", schema: { type: "integer" } }, { name: "unit", in: "query", schema: { type: "string" } }, ...d05Params],
      responses: d05Response,
    },
  },
  "/agents/{id}/d05": {
    get: { summary: "D05-TS list of one agent (as /d05?agentId=)", tags: ["paperwork"], parameters: [id("id", "path"), ...d05Params], responses: d05Response },
  },
  "/receipt-books": {
    get: {
      summary: "An agent's receipt books, each with its account (used, unused, voided, gaps, duplicates), and the province's rules",
      tags: ["paperwork"],
      parameters: [id("agentId")],
      responses: { "200": { description: "OK", content: { "application/json": { schema: { type: "object", properties: { agent: { type: "object" }, books: { type: "array", items: book }, settings: { type: "object", properties: { receiptCheck: { type: "string", enum: ["OFF", "WARN", "REFUSE"] }, remittanceDays: { type: "integer" } } } } } } } }, ...errors },
    },
    post: {
      summary: "Issue a receipt book (series, first, last) to an agent, optionally to one of its collectors (audited)",
      description: "A range overlapping another book of the same series in the province is refused.",
      tags: ["paperwork"],
      requestBody: { required: true, content: { "application/json": { schema: { type: "object", required: ["agentId", "firstNo", "lastNo", "issuedOn"], properties: { agentId: { type: "integer" }, collectorId: { type: "integer" }, series: { type: "string", maxLength: 20 }, firstNo: { type: "integer" }, lastNo: { type: "integer" }, digits: { type: "integer", default: 7 }, issuedOn: isoDate, note: { type: "string" } } } } } },
      responses: { "201": { description: "Created", content: { "application/json": { schema: { type: "object", properties: { book } } } } }, ...writeErrors },
    },
  },
  "/receipt-books/{id}": {
    get: { summary: "One receipt book's account", tags: ["paperwork"], parameters: [id("id", "path")], responses: { "200": { description: "OK", content: { "application/json": { schema: { type: "object", properties: { book } } } } }, ...errors } },
  },
  "/receipt-books/{id}/voids": {
    post: {
      summary: "Void one number of a receipt book with a reason (audited); a number already on a payment cannot be voided",
      tags: ["paperwork"],
      parameters: [id("id", "path")],
      requestBody: { required: true, content: { "application/json": { schema: { type: "object", required: ["number", "reason"], properties: { number: { type: "integer" }, reason: { type: "string", maxLength: 300 } } } } } },
      responses: { "201": { description: "Voided", content: { "application/json": { schema: { type: "object", properties: { book } } } } }, ...writeErrors },
    },
  },
  "/remittances": {
    get: {
      summary: "An agent's remittances and its balance today (collected − remitted; money held since; overdue against the province's number of days)",
      tags: ["paperwork"],
      parameters: [id("agentId")],
      responses: { "200": { description: "OK", content: { "application/json": { schema: { type: "object", properties: { agent: { type: "object" }, balance: { type: "object", properties: { collected: { type: "integer" }, remitted: { type: "integer" }, balance: { type: "integer" }, heldSince: { ...isoDate, nullable: true }, heldDays: { type: "integer", nullable: true }, overdue: { type: "boolean" }, maxDays: { type: "integer" } } }, remittances: { type: "array", items: { type: "object" } } } } } } }, ...errors },
    },
    post: {
      summary: "Record what an agent remitted to the social insurance office (audited)",
      tags: ["paperwork"],
      requestBody: { required: true, content: { "application/json": { schema: { type: "object", required: ["agentId", "remittedOn", "amount", "bankReference", "periodFrom", "periodTo"], properties: { agentId: { type: "integer" }, remittedOn: isoDate, amount: { type: "integer", minimum: 1 }, bankReference: { type: "string", maxLength: 60 }, periodFrom: isoDate, periodTo: isoDate, note: { type: "string" } } } } } },
      responses: { "201": { description: "Recorded", content: { "application/json": { schema: { type: "object", properties: { remittance: { type: "object" } } } } } }, ...writeErrors },
    },
  },
};
