// Agents' commission statements and rates, and the participants' yearly statements, in the JSON API v1
// (issue 13 items 5 and 7; docs/features/paperwork.md). Requests are the schemas the server functions parse
// (lib/validation/commissions.ts); the answers' schemas below are closed.
import { z } from "zod";
import { AGENT_KINDS } from "@/lib/validation/agent";
import { commissionQuerySchema, commissionRateSchema, statementBatchFields, statementYearSchema } from "@/lib/validation/commissions";
import { PAYMENT_PERIODS } from "@/lib/domain/types";
import { operation } from "./registry";
import { idParams } from "./agents";

const date = z.iso.date();
const int = z.number().int();
const vnd = int.meta({ description: "whole VND" });
const count = int.min(0);
const bp = int.min(0).max(10_000).meta({ description: "basis points: 800 = 8%" });
const period = z.enum(PAYMENT_PERIODS as [string, ...string[]]);
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// ---- rates
const rateRow = z.object({
  id: int,
  agentKind: z.enum(AGENT_KINDS),
  paymentPeriod: period.nullable().meta({ description: "null: every period without a row of its own in the same table" }),
  newRateBp: bp.meta({ description: '"Tăng mới" (a person\'s first payment), basis points of the base' }),
  renewalRateBp: bp.meta({ description: '"Đóng tiếp", basis points' }),
  effectiveFrom: date.meta({ description: "the table (all rows of the kind with this date) is in force from this day until a later table" }),
  sample: z.boolean().meta({ description: "a made-up value (the demo's): never an official rate" }),
  legalBasis: z.string().nullable(),
  state: z.enum(["inForce", "future", "past"]),
  deletable: z.boolean().meta({ description: "not yet in force and the caller may delete it (on the rates page)" }),
});
export const commissionRatesResponse = z.object({
  editable: z.boolean().meta({ description: "the caller may add rows (national administrators)" }),
  rates: z.array(rateRow),
});

// ---- monthly statement
const statementRow = z.object({
  contributionId: int,
  paidOn: date,
  receiptNo: z.string(),
  fullName: z.string(),
  collectorId: int.nullable(),
  collectorName: z.string().nullable(),
  paymentPeriod: period,
  months: int.min(1),
  amount: vnd.meta({ description: "what the participant paid (D05-TS column 9)" }),
  isNew: z.boolean().meta({ description: '"Tăng mới": no earlier contribution of the person; else "Đóng tiếp"' }),
  base: vnd.meta({
    description: "collected: the whole amount; remitted: the part of the payment paid off by the month's remittances (oldest collections first)",
  }),
  rateBp: bp
    .nullable()
    .meta({ description: "the rate in force on the receipt date for the agent's kind and the payment's period; null: no rate (commission 0)" }),
  rateFrom: date.nullable().meta({ description: "the effective date of the rate's table" }),
  sample: z.boolean().meta({ description: "the rate is a sample value" }),
  commission: vnd.meta({ description: "round(base × rate), half up" }),
});
const totals = z.object({
  payments: count,
  amount: vnd,
  base: vnd,
  commission: vnd,
  newBase: vnd,
  newCommission: vnd,
  renewalBase: vnd,
  renewalCommission: vnd,
  withoutRate: count.meta({ description: "rows without a rate in force" }),
});
export const commissionStatementResponse = z.object({
  agent: z.object({ id: int, code: z.string(), name: z.string(), kind: z.enum(AGENT_KINDS) }),
  collector: z.object({ id: int, name: z.string() }).nullable(),
  collectors: z.array(z.object({ id: int, name: z.string() })),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  from: date,
  to: date,
  mode: z.enum(["collected", "remitted"]),
  remittedInMonth: vnd.nullable().meta({ description: "remitted mode: Σ remittances dated in the month" }),
  rows: z.array(statementRow),
  totals,
  sampleRates: z.boolean().meta({ description: "some rate used is a sample value: the statement is not official" }),
});

// ---- yearly statement
const money = z.object({
  months: count,
  gross: vnd,
  net: vnd.meta({ description: "paid by the person" }),
  centralSubsidy: vnd.meta({ description: "state budget support (NSNN)" }),
  provincialTopUp: vnd.meta({ description: "local budget support (NSĐP)" }),
});
const yearly = z.object({
  year: int,
  asOf: date.meta({ description: "31/12 of the year, or today for the current year" }),
  monthsContributed: count.meta({ description: "Σ months of the contributions paid on or before asOf (recorded in this app)" }),
  thisYear: money,
  total: money,
  byYear: z.array(money.extend({ year: int })),
  coveredUntil: date.nullable(),
  firstCoveredOn: date.nullable(),
  requiredMonths: count.nullable().meta({ description: "the PENSION_MIN_MONTHS policy value in force on asOf (180 from 1 July 2025)" }),
  monthsStillNeeded: count.nullable().meta({ description: "max(0, requiredMonths − monthsContributed)" }),
});
const person = z.object({
  id: int,
  fullName: z.string(),
  personalId: z.string().meta({ description: "masked for roles that do not enroll people" }),
  siCode: z.string().nullable(),
  dateOfBirth: date,
  address: z.string().nullable(),
  communeName: z.string(),
  agentName: z.string().nullable(),
});
const requirement = z.object({ months: count.nullable(), legalBasis: z.string().nullable(), effectiveFrom: date.nullable() });
export const yearlyStatementResponse = z.object({ person, statement: yearly, requirement });
export const yearlyStatementsResponse = z.object({
  year: int,
  asOf: date,
  requirement,
  agent: z.object({ id: int, code: z.string(), name: z.string() }).nullable(),
  commune: z.object({ code: z.string(), fullName: z.string() }).nullable(),
  statements: z.array(z.object({ person, statement: yearly })),
});

const readErrors = {
  400: true,
  403: "The caller's role may not read paperwork (collectors)",
  404: "No such agent, collector, person or commune, or outside the caller's scope",
} as const;

export const commissionOperations = [
  operation({
    method: "get",
    path: "/commissions",
    tag: "paperwork",
    query: commissionQuerySchema,
    summary: "An agent's (or one of its collectors') monthly commission statement, on money collected or on money remitted",
    description:
      "Rows: the payments (collected) or the parts of payments paid off by the month's remittances, oldest collections first (remitted), each with its base, rate and commission; totals new / renewal. `format=xlsx` answers an Excel file instead.",
    responses: {
      200: {
        description: "The statement (JSON), or the Excel file with format=xlsx",
        schema: commissionStatementResponse,
        other: { [XLSX]: { schema: { type: "string", contentMediaType: XLSX } } },
      },
    },
    errors: readErrors,
  }),
  operation({
    method: "get",
    path: "/commissions/rates",
    tag: "paperwork",
    summary: "The commission-rate tables per agent kind (every row, with its state today)",
    responses: { 200: { description: "OK", schema: commissionRatesResponse } },
    errors: { 403: readErrors[403] },
  }),
  operation({
    method: "post",
    path: "/commissions/rates",
    tag: "paperwork",
    body: commissionRateSchema,
    summary: "Add a commission-rate row (national administrators; audited; rows are never edited)",
    description: "One row per agent kind, payment period (or any period) and effective date: a second is refused (400, field effectiveFrom).",
    responses: { 201: { description: "Added", schema: z.object({ id: int }) } },
    errors: { 400: true, 403: "Only a national administrator sets commission rates" },
  }),
  operation({
    method: "delete",
    path: "/commissions/rates/{id}",
    tag: "paperwork",
    params: idParams,
    summary: "Delete a commission-rate row not yet in force (national administrators; audited)",
    description:
      "Only a row whose effective date is after today (Vietnam's date; `deletable` in the list) may be deleted. A row in force or superseded stays: " +
      "409, with a message in the caller's language — a correction is a new row with a later effective date.",
    responses: { 200: { description: "Deleted", schema: z.object({ id: int.meta({ description: "the deleted row" }) }) } },
    errors: {
      403: "Only a national administrator deletes commission rates",
      404: "No commission-rate row with this id",
      409: "The row is already in force (effective date today or earlier): nothing is deleted",
    },
  }),
  operation({
    method: "get",
    path: "/enrollees/{id}/statement",
    tag: "paperwork",
    params: idParams,
    query: statementYearSchema,
    summary: "A participant's yearly statement: months contributed, money paid, support received, months still needed for a pension",
    responses: { 200: { description: "OK", schema: yearlyStatementResponse } },
    errors: readErrors,
  }),
  operation({
    method: "get",
    path: "/statements",
    tag: "paperwork",
    query: statementBatchFields,
    summary: "The yearly statements of an agent's or a commune's people (everyone with a contribution paid by the statement's day)",
    description: "Give `agentId` or `commune`. At most 5,000 people (400 beyond: print per commune).",
    responses: { 200: { description: "OK", schema: yearlyStatementsResponse } },
    errors: readErrors,
  }),
];
