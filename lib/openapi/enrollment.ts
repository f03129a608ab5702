// The enrollment part of the JSON API v1: enrollees, contributions and the bulk import.
import { z } from "zod";
import { operation } from "./registry";
import { idParams } from "./agents";
import {
  contributionResponse,
  contributionsResponse,
  enrolleeListResponse,
  enrolleeResponse,
  importDoneResponse,
  importPreviewResponse,
  registeredResponse,
} from "./responses";
import { enrolleeFilterSchema } from "@/lib/validation/enrollee-filter";
import { enrolleeUpdateSchema, paymentSchema, registrationSchema } from "@/lib/validation/enrollee";

const personalIdBody = z.object({
  personalId: z
    .string()
    .regex(/^\d{12}$/)
    .meta({ description: "the enrollee's CCCD" }),
});
const importQuery = z.object({
  dryRun: z.enum(["true", "false", "1", "0"]).optional().meta({ description: "true: validate only, write nothing" }),
  name: z.string().optional().meta({ description: "file name when the body is the raw file instead of multipart" }),
});

export const enrollmentOperations = [
  operation({
    method: "get",
    path: "/enrollees",
    tag: "enrollment",
    query: enrolleeFilterSchema,
    summary: "Search the caller's enrollees",
    description:
      "q: a name typed with or without diacritics (every word must occur), or a 12-digit ID number, 10-digit SI code or phone number. 50 per page by default. A collector (role COLLECTOR) gets its agent's people in the agent's communes only.",
    responses: { 200: { description: "OK", schema: enrolleeListResponse } },
    errors: { 400: "A bad filter (field path = parameter)" },
  }),
  operation({
    method: "post",
    path: "/enrollees",
    tag: "enrollment",
    body: registrationSchema,
    summary: "Register an enrollee, optionally with the first payment",
    description:
      "The same validation as the registration form. A person with the same name and date of birth in the province answers 409 on `confirmDuplicate` until the call is repeated with `confirmDuplicate: true`. A collector (role COLLECTOR) registers in its agent's communes only (another commune: 400 on `communeCode`); its `agentId` is ignored — the person and the first payment are its agent's, and the payment names the collector.",
    responses: { 201: { description: "Registered (payment: null without a first payment)", schema: registeredResponse } },
    errors: {
      400: "Invalid input: every problem with its field path (e.g. personalId, payment.receiptNo)",
      403: true,
      409: "The ID number is already registered, or a possible duplicate needs confirmDuplicate, or the receipt is taken",
    },
  }),
  operation({
    method: "get",
    path: "/enrollees/{id}",
    tag: "enrollment",
    params: idParams,
    summary: "One enrollee with every contribution and the audit trail",
    description: "The personal ID number is masked for roles that do not enroll people.",
    responses: { 200: { description: "OK", schema: enrolleeResponse } },
    errors: { 404: true },
  }),
  operation({
    method: "patch",
    path: "/enrollees/{id}",
    tag: "enrollment",
    params: idParams,
    body: enrolleeUpdateSchema,
    summary: "Edit an enrollee (all person fields, plus the version read)",
    description: "Changing the ID number re-validates it against the date of birth and sex and its uniqueness. Audited with before/after.",
    responses: { 200: { description: "OK", schema: enrolleeResponse } },
    errors: { 400: true, 403: true, 404: true, 409: "Changed by someone else since `version`, or the ID number is taken" },
  }),
  operation({
    method: "get",
    path: "/enrollees/{id}/contributions",
    tag: "enrollment",
    params: idParams,
    summary: "Every contribution of one enrollee",
    responses: { 200: { description: "OK", schema: contributionsResponse } },
    errors: { 404: true },
  }),
  operation({
    method: "post",
    path: "/enrollees/{id}/contributions",
    tag: "enrollment",
    params: idParams,
    body: paymentSchema,
    summary: "Record a payment (renewal)",
    description:
      "The period starts the day after coverage ends, or on the 1st of the paid month for a first payment or after a lapse (coverage ended more than 3 months before paidOn). " +
      "Amounts use the policy in force on paidOn. Concurrent payments for one enrollee are serialised; periods never overlap.",
    responses: { 201: { description: "Recorded", schema: contributionResponse } },
    errors: { 400: true, 403: true, 404: true, 409: "Receipt number already used for this agent, or a stale version" },
  }),
  operation({
    method: "post",
    path: "/contributions",
    tag: "enrollment",
    body: z.intersection(personalIdBody, paymentSchema),
    summary: "Record a payment for the enrollee with this personal ID number",
    description: "For collection systems that know the CCCD, not our ids.",
    responses: { 201: { description: "Recorded", schema: contributionResponse } },
    errors: { 400: true, 403: true, 404: "No enrollee with this ID number in the caller's scope", 409: "Receipt number already used for this agent" },
  }),
  operation({
    method: "post",
    path: "/imports",
    tag: "enrollment",
    query: importQuery,
    summary: "Bulk import of enrollees (and optionally their first payment) from a CSV or XLSX file",
    description:
      "The file uses the template's columns (GET /imports/template?format=xlsx|csv in the app; see docs/features/import-and-renewals.md): " +
      "Vietnamese or English headers or the field names; dates dd/mm/yyyy, yyyy-mm-dd or Excel date cells; UTF-8 with or without BOM, comma or semicolon. " +
      "Every row is checked with the registration schema plus scope (commune in the caller's area; agent active and serving it), uniqueness and the policy in force. " +
      "A person whose personalId is already registered in the caller's area is skipped (re-importing a file adds nothing). " +
      "Optional column conferenceId: an outreach conference held in the row's commune. " +
      "A row whose name and date of birth match someone already in the province (or an earlier row) is imported with a warning, as the registration form warns. " +
      "Without dryRun the valid rows are written in ONE transaction (all or nothing) and audited once. Limits: 20 MB, 100,000 rows.",
    body: {
      content: {
        "multipart/form-data": {
          schema: { type: "object", required: ["file"], properties: { file: { type: "string", contentMediaType: "application/octet-stream" } } },
        },
        "application/octet-stream": {
          schema: { type: "string", contentMediaType: "application/octet-stream", description: "the raw .csv/.xlsx (kind detected from its bytes)" },
        },
      },
    },
    responses: {
      200: { description: "dryRun: counts and every rejected row's problems", schema: importPreviewResponse },
      201: { description: "imported: the valid rows were written in one transaction", schema: importDoneResponse },
    },
    errors: {
      400: "unreadable file (not UTF-8, damaged, missing required columns, no rows): nothing imported",
      403: "No permission to write enrollees (district staff only)",
      413: true,
    },
  }),
];
