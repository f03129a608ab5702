// Zod schemas of what the JSON API answers (the requests' schemas are lib/validation's, which the routes
// parse). Enums come from the same constants the code uses. They feed the OpenAPI document (output
// JSON Schema: objects are closed, so a field a route starts returning must be documented here);
// tests/integration/openapi-contract.test.ts checks real answers against them.
import { z } from "zod";
import { Role, UnitLevel } from "@/generated/prisma/enums";
import { AGENT_STATES } from "@/lib/domain/agent-status";
import { AGE_BANDS } from "@/lib/domain/dashboard-figures";
import { PAYMENT_PERIODS, SEXES, SUBSIDY_GROUPS } from "@/lib/domain/types";
import { PERMISSIONS } from "@/lib/server/auth/authz";
import { AGENT_KINDS } from "@/lib/validation/agent";
import { AGENT_SORTS, LEAGUE_SORTS } from "@/lib/validation/dashboard";
import { ENROLLEE_STATUSES, SEARCH_MATCH_CAP } from "@/lib/validation/enrollee-filter";
import { OCCUPATIONS, PAYMENT_METHODS } from "@/lib/validation/enrollee";

const oneOf = (values: readonly string[]) => z.enum(values as [string, ...string[]]);
const date = z.iso.date();
const dateTime = z.iso.datetime();
const int = z.number().int();
const vnd = int.meta({ description: "whole VND" });
const count = int.min(0);
const pct = (description: string) =>
  z
    .number()
    .nullable()
    .meta({ description: `${description}; percent, two decimals (95.12 = 95.12%); null when the denominator is 0 or missing` });
const level = z.enum(UnitLevel);
const role = z.enum(Role).meta({ description: "COLLECTOR: one collector of one agent (field work only)" });
const status = oneOf(ENROLLEE_STATUSES).meta({
  description: "computed from coverageEnd on today's date (DUE: ends within 30 days; OVERDUE: ended within 3 months)",
});
const forecastStatus = z
  .enum(["ON_TRACK", "AT_RISK", "OFF_TRACK"])
  .nullable()
  .meta({ description: "forecast status against the target (null without a target)" });
const page = { total: count, page: int.min(1), pageSize: int.min(1) };

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(["unauthenticated", "forbidden", "not_found", "invalid", "conflict", "rate_limited", "internal"]),
    message: z.string(),
    reason: z.string().optional().meta({ description: "PUT /targets: conflict or locked" }),
    fields: z.array(z.object({ path: z.string().meta({ example: "declaredIncome" }), message: z.string() })).optional(),
  }),
});

// ---- core
const scope = z.union([
  z.object({ level: z.literal("NATION") }),
  z.object({ level: z.literal("PROVINCE"), provinceCode: z.string() }),
  z.object({ level: z.literal("AREA"), provinceCode: z.string(), areaCode: z.string() }),
]);
export const meResponse = z.object({ login: z.string(), name: z.string(), role, unitCode: z.string(), scope, permissions: z.array(oneOf(PERMISSIONS)) });

const unit = z.object({
  code: z.string(),
  level,
  name: z.string(),
  fullName: z.string(),
  kind: z.string().nullable(),
  parentCode: z.string().nullable(),
  provinceCode: z.string().nullable(),
  areaCode: z.string().nullable(),
});
const unitWithCounts = unit.extend({
  enrollees: count,
  participants: count.meta({ description: "participants today" }),
  target: int.nullable().meta({ description: "this year's target" }),
  labourForce: int.nullable(),
  communes: count,
});
export const unitsResponse = z.union([z.object({ unit, children: z.array(unitWithCounts) }), z.object({ units: z.array(unit) })]);

// ---- admin
export const usersResponse = z.object({
  ...page,
  rows: z.array(
    z.object({
      id: int,
      login: z.string(),
      name: z.string(),
      role,
      unitCode: z.string(),
      unitName: z.string(),
      unitLevel: level,
      active: z.boolean(),
      createdAt: dateTime,
      lastLoginAt: dateTime.nullable(),
    }),
  ),
});

// ---- agents
const agentState = oneOf(AGENT_STATES).meta({
  description:
    "ACTIVE = may be chosen for new enrollments today. SUSPENDED / ENDED are set by an administrator; EXPIRED = status active but the contract end date has passed; NOT_STARTED = the contract starts later.",
});
const agentContract = {
  id: int,
  code: z.string().meta({ example: "DL010001" }),
  name: z.string(),
  kind: oneOf(AGENT_KINDS),
  state: agentState,
  selectable: z.boolean().meta({ description: "state = ACTIVE" }),
  provinceCode: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  contractNo: z.string().nullable(),
  contractStart: date,
  contractEnd: date.nullable().meta({ description: "last day of the contract (inclusive); null = open-ended" }),
  phone: z.string().nullable(),
};
export const agentsResponse = z.object({
  date,
  ...page,
  agents: z.array(
    z.object({
      ...agentContract,
      communes: count.meta({ description: "number of communes served" }),
      collectors: count.meta({ description: "collectors currently working" }),
      enrollees: count.meta({ description: "enrollees whose agent this is" }),
      participants: count.meta({ description: "of those, participants on `date`" }),
      target: int.nullable().meta({ description: "this year's participant target, null when not set" }),
    }),
  ),
});
export const agentResponse = z.object({
  date,
  agent: z.object({
    ...agentContract,
    status: z.enum(["ACTIVE", "SUSPENDED", "ENDED"]),
    provinceName: z.string(),
    address: z.string().nullable(),
    communes: z.array(z.object({ code: z.string(), fullName: z.string(), areaCode: z.string() })),
    collectors: z.array(z.object({ id: int, name: z.string(), phone: z.string().nullable(), active: z.boolean() })),
    year: int,
    target: int.nullable(),
    participants: count,
    enrollees: count,
  }),
});

// ---- enrollment
const personalId = z.string().meta({ description: "12 digits; masked (********0013) for roles that do not enroll people" });
const person = {
  id: int,
  personalId,
  siCode: z.string().nullable(),
  fullName: z.string(),
  dateOfBirth: date,
  sex: oneOf(SEXES),
  phone: z.string().nullable(),
  communeCode: z.string(),
  agentId: int.nullable(),
  subsidyGroup: oneOf(SUBSIDY_GROUPS),
  coverageEnd: date.nullable(),
  status,
};
const enrolleeRecord = z.object({
  ...person,
  provinceCode: z.string(),
  areaCode: z.string(),
  declaredIncome: vnd,
  paymentPeriod: oneOf(PAYMENT_PERIODS),
  enrolledOn: date,
  firstCoveredOn: date.nullable(),
  subsidyMonthsUsed: count,
  version: int.min(1).meta({ description: "send it back with PATCH and payments (optimistic concurrency)" }),
  address: z.string().nullable().optional(),
  occupation: oneOf(OCCUPATIONS).nullable().optional(),
  conferenceId: int.nullable().optional(),
  nationality: z.string().optional().meta({ description: "TK1-TS [04]; Việt Nam unless told otherwise" }),
  ethnicity: z.string().nullable().optional().meta({ description: "TK1-TS [05]: one of Vietnam's 54 ethnic groups (lib/domain/ethnicities.ts)" }),
  email: z.string().nullable().optional().meta({ description: "TK1-TS [08]" }),
  createdAt: dateTime.optional(),
  updatedAt: dateTime.optional(),
  oldCommuneCode: z.string().nullable().optional().meta({ description: "the pre-July-2025 commune code the record came with, if any" }),
  oldCommune: z.object({ code: z.string(), name: z.string() }).nullable().optional(),
});
const contribution = z.object({
  id: int,
  periodStart: date,
  periodEnd: date,
  months: int.min(1),
  declaredIncome: vnd,
  paymentPeriod: oneOf(PAYMENT_PERIODS),
  gross: vnd,
  centralSubsidy: vnd,
  provincialTopUp: vnd,
  net: vnd,
  subsidyMonths: count,
  method: oneOf(PAYMENT_METHODS),
  receiptNo: z.string(),
  paidOn: date,
  agentId: int.nullable(),
  agentName: z.string().nullable(),
  recordedBy: z.string().nullable(),
  createdAt: dateTime,
});
const paymentRecord = z.object({
  contributionId: int,
  enrolleeId: int,
  periodStart: date.meta({ description: "where coverage ended + 1 day, or the 1st of the paid month for a first payment or after a lapse" }),
  periodEnd: date,
  months: int.min(1),
  declaredIncome: vnd,
  paymentPeriod: oneOf(PAYMENT_PERIODS),
  monthlyContribution: vnd,
  gross: vnd,
  centralSubsidy: vnd,
  provincialTopUp: vnd,
  net: vnd,
  subsidyMonths: count,
  method: oneOf(PAYMENT_METHODS),
  receiptNo: z.string(),
  paidOn: date,
  agentId: int.nullable(),
  collectorId: int.nullable().meta({ description: "the collector who took the money (a collector's own payment); null at the desk" }),
  coverageEnd: date,
  firstCoveredOn: date,
  status,
  receiptWarning: z.string().optional().meta({
    description: "the receipt number is outside the agent's open receipt books (or voided, or reused) and the province only warns; in the caller's language",
  }),
});
export const enrolleeListResponse = z.object({
  ...page,
  capped: z.boolean().meta({
    description: `a name search found more than ${SEARCH_MATCH_CAP} people: \`total\` is ${SEARCH_MATCH_CAP} and the pages hold that many of them, closest group first (ADR 1803); add a word or a filter`,
  }),
  pages: count,
  rows: z.array(z.object({ ...person, communeName: z.string(), agentName: z.string().nullable() })),
});
export const registeredResponse = z.object({ enrollee: enrolleeRecord, payment: paymentRecord.nullable() });
export const enrolleeResponse = z.object({
  enrollee: enrolleeRecord.extend({
    commune: z.looseObject({ fullName: z.string() }).optional(),
    agent: z.looseObject({}).nullable().optional(),
    conference: z.looseObject({}).nullable().optional(),
    conferenceTitle: z.string().nullable().optional(),
    communeName: z.string().optional(),
    areaName: z.string().optional(),
    agentName: z.string().nullable().optional(),
    contributions: z.array(contribution).optional(),
    audit: z.array(z.looseObject({})).optional().meta({ description: "the enrollee's audit trail, newest first" }),
  }),
});
export const contributionsResponse = z.object({ contributions: z.array(contribution), coverageEnd: date.nullable(), status });
export const contributionResponse = z.object({ contribution: paymentRecord });

const importIssue = z.object({
  line: int.meta({ description: "spreadsheet row number (header = 1)", example: 7 }),
  name: z.string().meta({ description: "the person's name as written in the row", example: "Nguyễn Văn An" }),
  field: z.string().meta({ example: "dateOfBirth" }),
  column: z.string().meta({ example: "Ngày sinh" }),
  message: z.string().meta({ example: "Ngày không hợp lệ (định dạng dd/mm/yyyy)" }),
});
const importCounts = {
  fileName: z.string(),
  total: count,
  duplicates: count.meta({ description: "already registered in the caller's area: skipped" }),
  rejected: count,
  warned: count.meta({ description: "valid rows with a warning (imported all the same)" }),
  errors: z.array(importIssue),
  warnings: z.array(importIssue).meta({ description: "same name and date of birth as someone in the province or an earlier row; the row is not rejected" }),
  skipped: z
    .array(z.object({ line: int, name: z.string(), existingId: int, href: z.string().meta({ example: "/api/v1/enrollees/42" }) }))
    .meta({ description: "rows skipped because the person is already registered in the caller's area, with the existing record" }),
};
export const importPreviewResponse = z.object({ dryRun: z.literal(true), valid: count, withPayments: count, ...importCounts });
export const importDoneResponse = z.object({ dryRun: z.literal(false), created: count, contributions: count, auditId: int.nullable(), ...importCounts });

// ---- targets
const targetRow = {
  name: z.string(),
  target: int.nullable().meta({ description: "null = not set" }),
  version: int.nullable().meta({ description: "send it back with PUT (optimistic concurrency)" }),
  locked: z.boolean(),
  participants: count.meta({ description: "participants on `participantsOn` (an agent's: people whose covering contribution it collected)" }),
};
const unitTarget = z.object({
  unitCode: z.string(),
  level,
  ...targetRow,
  childrenSum: count.meta({ description: "sum of this unit's children's targets (a commune's children are the agents serving it)" }),
  shortfall: count.meta({ description: "target − childrenSum when positive, else 0" }),
});
const agentTarget = z.object({
  agentId: int,
  agentCode: z.string(),
  agentStatus: z.enum(["ACTIVE", "SUSPENDED", "ENDED"]).optional(),
  communesServed: count.optional().meta({ description: "an agent serving several communes has one target for all of them" }),
  ...targetRow,
});
export const targetsResponse = z.object({
  year: int,
  participantsOn: date,
  unit: z.object({ ...unitTarget.shape, lockedAt: dateTime.nullable(), lockedBy: z.string().nullable(), lockedAbove: z.looseObject({}).nullable() }),
  childrenSum: count,
  difference: int.nullable().meta({ description: "childrenSum − target (negative = shortfall)" }),
  children: z.array(z.union([unitTarget, agentTarget])),
  can: z.object({ editSelf: z.boolean(), editChildren: z.boolean(), allocate: z.boolean(), lock: z.boolean(), reopen: z.boolean() }),
  shortfalls: z.object({ ...page, rows: z.array(z.looseObject({ target: int, childrenSum: count })) }),
});
export const targetSetResponse = z.object({
  status: z.enum(["created", "updated", "unchanged"]),
  before: count.nullable().optional().meta({ description: "the target's participants before this write (null: there was none)" }),
  target: z.object({ id: int, participants: count, version: int }),
});
export const targetConflictResponse = z.object({
  error: z.object({ code: z.literal("conflict"), reason: z.enum(["conflict", "locked"]), message: z.string() }),
  current: z.object({ participants: count, version: int }).optional().meta({ description: "reason conflict: the target as it is now" }),
});

// ---- dashboard
const dashUnit = z.object({ code: z.string(), level, name: z.string() });
const change = z.object({ delta: int, pct: pct("change against last year") });
const month = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  participants: int.nullable().meta({ description: "participants at the month's end (at D for D's month; null after it)" }),
  lastYear: count.meta({ description: "participants at the same month's end a year earlier" }),
  newCount: int.nullable().meta({ description: "people whose first covered date (known on D) falls in the month" }),
  lapsed: int.nullable().meta({ description: "people who became lapsed (coverage ended more than 3 months before) during the month" }),
});
const figures = {
  participants: count.meta({ description: "participants on D" }),
  participantsLastYear: count.meta({ description: "participants on the same date a year earlier" }),
  change,
  target: int.nullable().meta({ description: "target for D's year" }),
  attainmentPct: pct("participants / target"),
  newThisYear: count.meta({ description: "new participants from 1 January to D" }),
  overdue: count.meta({ description: "coverage ended within the last 3 months" }),
  lapsed: count.meta({ description: "coverage ended more than 3 months ago" }),
  lapsedThisYear: count,
  participantsAtYearStart: count,
  lapseRatePct: pct("lapsedThisYear / participantsAtYearStart"),
  labourForce: int.nullable().meta({ description: "working-age labour force for D's year" }),
  coveragePct: pct("participants / labourForce"),
  expectedShareBp: z.number().nullable().meta({ description: "Resolution 28 expected share for D's year, basis points (250 = 2.5%)" }),
  expectedParticipants: int.nullable(),
  missingToExpected: int.nullable().meta({ description: "participants still missing to reach the expected share" }),
  projected: count.meta({ description: "projected participants at the year's end (cohorts, ADR 1401): staying + renewals + newExpected" }),
  forecastStatus,
  shortfall: int.nullable().meta({ description: "target − projected, never below 0" }),
  forecastParts: z.object({ staying: count, renewals: count, newExpected: count, renewalRateBp: count }).optional().meta({
    description:
      "the forecast's terms: participants covered to 31 December, expected renewals of those ending and those in grace, expected new participants, and the renewal rate used (basis points)",
  }),
};
const targetSource = z
  .enum(["OWN", "CHILDREN"])
  .nullable()
  .meta({ description: "CHILDREN: the unit has no target of its own; the sum of its children's is shown" });
export const overviewResponse = z.object({
  unit: dashUnit,
  date,
  lastYearDate: date,
  year: int,
  targetSource,
  figures: z.object({ ...figures, months: z.array(month) }),
});
const leagueRow = z.object({ ...figures, code: z.string(), name: z.string(), kind: z.enum(["UNIT", "AGENT"]), agentId: int.nullable() });
export const leagueResponse = z.object({
  unit: dashUnit,
  date,
  kind: z.enum(["UNITS", "AGENTS"]),
  sort: oneOf(LEAGUE_SORTS),
  dir: z.enum(["asc", "desc"]),
  rows: z.array(leagueRow),
  atRisk: z.array(leagueRow),
});
export const seriesResponse = z.object({ unit: dashUnit, year: int, asOf: date, target: int.nullable(), targetSource, months: z.array(month) });
const dimension = (keys: readonly string[]) => z.array(z.object({ key: oneOf(keys), count }));
export const breakdownsResponse = z.object({
  unit: dashUnit,
  date,
  total: count,
  by: z.object({
    subsidyGroup: dimension(SUBSIDY_GROUPS),
    sex: dimension(SEXES),
    ageBand: dimension([...AGE_BANDS.map((b) => b.key), "under-15"]),
    occupation: dimension([...OCCUPATIONS, "UNKNOWN"]),
    paymentPeriod: dimension(PAYMENT_PERIODS),
    method: dimension(PAYMENT_METHODS),
  }),
});
export const agentTableResponse = z.object({
  unit: dashUnit,
  date,
  sort: oneOf(AGENT_SORTS),
  dir: z.enum(["asc", "desc"]),
  ...page,
  reviewApplies: z.boolean(),
  tooBroad: z.boolean().meta({ description: "the unit is the nation: no agent table" }),
  thresholdBp: int,
  flagged: count,
  rows: z.array(
    z.object({
      id: int,
      code: z.string(),
      name: z.string(),
      kind: oneOf(AGENT_KINDS),
      status: z.enum(["ACTIVE", "SUSPENDED", "ENDED"]),
      areaCode: z.string(),
      participants: count,
      participantsLastYear: count,
      change,
      target: int.nullable(),
      attainmentPct: pct("participants / target"),
      projected: count,
      forecastStatus,
      shortfall: int.nullable(),
      forecastParts: z.object({ staying: count, renewals: count, newExpected: count, renewalRateBp: count }).meta({
        description:
          "the agent's cohort forecast (ADR 1404): its people covered to 31 December, expected renewals, expected new participants, the renewal rate used (basis points)",
      }),
      review: z.boolean(),
    }),
  ),
});

export const openApiResponse = z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.record(z.string(), z.looseObject({})) });
