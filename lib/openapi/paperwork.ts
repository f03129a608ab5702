// The agents' paperwork and money trail in the JSON API v1 (issue 13): D05-TS lists, receipt books,
// remittances (docs/features/paperwork.md). Requests are the schemas the server functions parse
// (lib/validation/paperwork.ts); the answers' schemas below are closed, as in responses.ts.
import { z } from "zod";
import { operation } from "./registry";
import { idParams } from "./agents";
import { agentIdQuerySchema, d05QueryFields, receiptBookSchema, remittanceSchema, voidReceiptSchema } from "@/lib/validation/paperwork";

const date = z.iso.date();
const dateTime = z.iso.datetime();
const int = z.number().int();
const vnd = int.meta({ description: "whole VND" });
const count = int.min(0);
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// ---- D05-TS
const supportRate = z.number().nullable().meta({ description: "support rate, percent with two decimals; null without support" });
const d05Row = z
  .object({
    stt: int.min(1).meta({ description: "A: row number" }),
    fullName: z.string().meta({ description: "B" }),
    siCode: z.string().meta({ description: "C: social insurance code (empty when not yet issued)" }),
    personalId: z.string().meta({ description: "1: 12 digits; masked (********0013) for roles that do not enroll people" }),
    address: z.string().meta({ description: "2" }),
    receiptDate: date.meta({ description: "3" }),
    receiptNo: z.string().meta({ description: "4" }),
    declaredIncome: vnd.meta({ description: "5: whole VND" }),
    months: int.min(1).meta({ description: "6" }),
    fromMonth: z
      .string()
      .regex(/^\d{2}\/\d{4}$/)
      .meta({ description: "7: mm/yyyy", example: "05/2026" }),
    amountDue: vnd.meta({ description: "8: whole VND" }),
    paidByParticipant: vnd.meta({ description: "9: whole VND" }),
    stateRatePct: supportRate.meta({ description: "10: state budget support rate, percent; null without support" }),
    stateAmount: vnd.meta({ description: "11: whole VND" }),
    localRatePct: supportRate.meta({ description: "12: local budget support rate, percent; null without support" }),
    localAmount: vnd.meta({ description: "13: whole VND" }),
    otherRatePct: supportRate.meta({ description: "14: other support (not recorded: null)" }),
    otherAmount: vnd.meta({ description: "15: other support (not recorded: 0)" }),
    collectorCode: z
      .string()
      .meta({ description: "16: the code of the collector who took the payment (NV + 5 digits); empty for a payment taken at the desk" }),
    note: z.enum(["Tăng mới", "Đóng tiếp"]).meta({ description: "17: first payment or a continuation" }),
    contributionId: int,
  })
  .meta({ description: "One payment in the form's columns (A, B, C, 1–17)" });
const unitName = z.object({ code: z.string(), fullName: z.string() });
export const d05Response = z.object({
  from: date,
  to: date,
  month: z.string().nullable().meta({ description: "yyyy-mm when asked by month" }),
  agent: z.object({ id: int, code: z.string(), name: z.string() }).nullable().meta({ description: "null for a unit's list" }),
  unit: unitName.meta({ description: "the agent's area, or the unit asked for" }),
  province: unitName.nullable(),
  rows: z.array(d05Row),
  totals: z.object({ people: count, months: count, amountDue: vnd, paidByParticipant: vnd, stateAmount: vnd, localAmount: vnd, otherAmount: vnd }),
  collectorKnown: z.boolean().meta({ description: "true when column 16 is filled on every row (every payment was taken by a collector)" }),
});
const d05Description =
  "Every payment whose receipt date falls in the period (a month, or from–to of at most a year), in the form's columns, with totals; only payments of communes in the caller's scope. `format=xlsx` answers the form's Excel file instead (Content-Disposition: attachment).";
const d05Ok = {
  200: {
    description: "The list (JSON), or the Excel file with format=xlsx",
    schema: d05Response,
    other: { [XLSX]: { schema: { type: "string", contentMediaType: XLSX } } },
  },
};
const readErrors = {
  400: true,
  403: "The caller's role may not read paperwork (collectors)",
  404: "No such agent or unit, or outside the caller's scope",
} as const;

// ---- receipt books
const range = z.tuple([int, int]).meta({ description: "[first, last], inclusive" });
const receiptBook = z.object({
  id: int,
  series: z.string().meta({ example: "BH25-AG/" }),
  firstNo: count,
  lastNo: count,
  digits: int.min(1).max(12).meta({ description: "the number's width (zero-padded)" }),
  issuedOn: date,
  closedOn: date.nullable().meta({ description: "numbers are no longer accepted from this day; null = open" }),
  agentId: int,
  agentCode: z.string(),
  agentName: z.string(),
  collectorId: int.nullable(),
  collectorName: z.string().nullable(),
  note: z.string().nullable(),
  report: z.object({
    size: count,
    used: count,
    voided: count,
    unused: count,
    gaps: z.array(range).meta({ description: "numbers neither used nor voided below the highest used or voided one: skipped receipts to explain" }),
    gapCount: count,
    remaining: z.array(range).meta({ description: "numbers after the highest used or voided one: still available" }),
    duplicates: z
      .array(z.object({ number: count, receiptNos: z.array(z.string()) }))
      .meta({ description: "numbers on more than one payment (0000012 and 12 are the same receipt)" }),
    usedAndVoided: z.array(count).meta({ description: "numbers both voided and on a payment" }),
  }),
  voids: z.array(z.object({ number: count, reason: z.string(), voidedAt: dateTime })),
});
export const receiptBooksResponse = z.object({
  agent: z.object({ id: int, code: z.string(), name: z.string(), provinceCode: z.string() }),
  books: z.array(receiptBook).meta({ description: "newest first" }),
  settings: z.object({
    provinceCode: z.string(),
    receiptCheck: z
      .enum(["OFF", "WARN", "REFUSE"])
      .meta({ description: "what recording a payment does with a number outside the agent's open books: nothing, a warning (receiptWarning), or a refusal" }),
    remittanceDays: int.min(1).meta({ description: "days an agent may hold collected money before remitting it" }),
  }),
});
export const receiptBookResponse = z.object({ book: receiptBook });

// ---- remittances
const remittance = z.object({
  id: int,
  remittedOn: date,
  amount: vnd,
  bankReference: z.string(),
  periodFrom: date,
  periodTo: date,
  note: z.string().nullable(),
  createdAt: dateTime,
});
export const remittancesResponse = z.object({
  agent: z.object({ id: int, code: z.string(), name: z.string() }),
  balance: z.object({
    collected: vnd.meta({ description: "what participants paid the agent (D05-TS column 9) up to today" }),
    remitted: vnd,
    balance: int.meta({ description: "collected − remitted, whole VND (negative = remitted more than collected)" }),
    heldSince: date.nullable().meta({ description: "receipt date of the oldest collection not yet remitted (first in, first out); null when all is remitted" }),
    heldDays: count.nullable().meta({ description: "whole days from heldSince to today" }),
    overdue: z.boolean().meta({ description: "held longer than maxDays" }),
    maxDays: int.min(1).meta({ description: "the province's number of days (remittanceDays)" }),
  }),
  remittances: z.array(remittance).meta({ description: "newest first" }),
});
export const remittanceResponse = z.object({ remittance });

const writeErrors = {
  400: true,
  403: "The caller's role may not do this (paperwork.write: administrators and district staff)",
  404: "No such agent or book, or outside the caller's scope",
} as const;

export const paperworkOperations = [
  operation({
    method: "get",
    path: "/d05",
    tag: "paperwork",
    query: d05QueryFields,
    summary: "D05-TS list of an agent or a unit for a month or a date range",
    description: `${d05Description} Give \`agentId\` or \`unit\`, and \`month\` or \`from\` + \`to\`.`,
    responses: d05Ok,
    errors: readErrors,
  }),
  operation({
    method: "get",
    path: "/agents/{id}/d05",
    tag: "paperwork",
    params: idParams,
    query: d05QueryFields.omit({ agentId: true, unit: true }),
    summary: "D05-TS list of one agent (as /d05?agentId=)",
    description: `${d05Description} Give \`month\` or \`from\` + \`to\`.`,
    responses: d05Ok,
    errors: readErrors,
  }),
  operation({
    method: "get",
    path: "/receipt-books",
    tag: "paperwork",
    query: agentIdQuerySchema,
    summary: "An agent's receipt books, each with its account (used, unused, voided, gaps, duplicates), and its province's rules",
    responses: { 200: { description: "OK", schema: receiptBooksResponse } },
    errors: { ...readErrors, 404: "No such agent, or outside the caller's scope" },
  }),
  operation({
    method: "post",
    path: "/receipt-books",
    tag: "paperwork",
    body: receiptBookSchema,
    summary: "Issue a receipt book (series, first, last) to an agent, optionally to one of its collectors (audited)",
    description: "A range overlapping another book of the same series in the province is refused (400, field firstNo).",
    responses: { 201: { description: "Issued", schema: receiptBookResponse } },
    errors: writeErrors,
  }),
  operation({
    method: "get",
    path: "/receipt-books/{id}",
    tag: "paperwork",
    params: idParams,
    summary: "One receipt book's account",
    responses: { 200: { description: "OK", schema: receiptBookResponse } },
    errors: { 403: readErrors[403], 404: "No such book, or outside the caller's scope" },
  }),
  operation({
    method: "post",
    path: "/receipt-books/{id}/voids",
    tag: "paperwork",
    params: idParams,
    body: voidReceiptSchema,
    summary: "Void one number of a receipt book with a reason (audited)",
    description: "A number outside the book, already voided, or already on a payment cannot be voided (400, field number). Answers the book's account.",
    responses: { 201: { description: "Voided", schema: receiptBookResponse } },
    errors: writeErrors,
  }),
  operation({
    method: "get",
    path: "/remittances",
    tag: "paperwork",
    query: agentIdQuerySchema,
    summary: "An agent's remittances and its balance today (collected − remitted; money held since; overdue against the province's number of days)",
    responses: { 200: { description: "OK", schema: remittancesResponse } },
    errors: { ...readErrors, 404: "No such agent, or outside the caller's scope" },
  }),
  operation({
    method: "post",
    path: "/remittances",
    tag: "paperwork",
    body: remittanceSchema,
    summary: "Record what an agent remitted to the social insurance office (audited)",
    description: '`amount` is whole VND (a string with thousands dots, "1.000.000", is accepted too); `remittedOn` may not be in the future.',
    responses: { 201: { description: "Recorded", schema: remittanceResponse } },
    errors: writeErrors,
  }),
];
