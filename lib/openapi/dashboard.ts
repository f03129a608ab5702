// OpenAPI 3 paths for the dashboard part of the JSON API v1 (merged in lib/openapi/index.ts).
// Figures are defined in docs/features/dashboard.md; every figure "on D" counts only contributions paid by D.
import type { OperationObject, PathsObject, SchemaObject } from "./types";

const unitParam = { name: "unit", in: "query" as const, schema: { type: "string", pattern: "^(VN|\\d{2}|\\d{3}|\\d{5})$" }, description: "unit code (default: the caller's unit): VN, a province (2 digits), an area (3) or a commune (5)" };
const dateParam = { name: "date", in: "query" as const, schema: { type: "string", format: "date" }, description: "the date D, yyyy-mm-dd (default: today in Vietnam; from 2015-01-01, not after today)" };
const pct = (description: string): SchemaObject => ({ type: "number", nullable: true, description: `${description}; percent, two decimals (95.12 = 95.12%); null when the denominator is 0 or missing` });
const status: SchemaObject = { type: "string", enum: ["ON_TRACK", "AT_RISK", "OFF_TRACK"], nullable: true, description: "forecast status against the target (null without a target)" };
const unitRef: SchemaObject = { type: "object", properties: { code: { type: "string" }, level: { type: "string", enum: ["NATION", "PROVINCE", "AREA", "COMMUNE"] }, name: { type: "string" } } };

const month: SchemaObject = {
  type: "object",
  properties: {
    month: { type: "string", example: "2025-05" },
    participants: { type: "integer", nullable: true, description: "participants at the month's end (at D for D's month; null after it)" },
    lastYear: { type: "integer", description: "participants at the same month's end a year earlier" },
    newCount: { type: "integer", nullable: true, description: "people whose first covered date (known on D) falls in the month" },
    lapsed: { type: "integer", nullable: true, description: "people who became lapsed (coverage ended more than 3 months before) during the month" },
  },
};

const figures: SchemaObject = {
  type: "object",
  properties: {
    participants: { type: "integer", description: "participants on D" },
    participantsLastYear: { type: "integer", description: "participants on the same date a year earlier" },
    change: { type: "object", properties: { delta: { type: "integer" }, pct: pct("change as a share of last year's figure") } },
    target: { type: "integer", nullable: true, description: "target for D's year" },
    attainmentPct: pct("participants ÷ target"),
    newThisYear: { type: "integer", description: "new participants from 1 January to D" },
    overdue: { type: "integer", description: "coverage ended within the last 3 months" },
    lapsed: { type: "integer", description: "coverage ended more than 3 months ago" },
    lapsedThisYear: { type: "integer", description: "people who became lapsed from 1 January to D" },
    participantsAtYearStart: { type: "integer", description: "participants on 31 December of the previous year" },
    lapseRatePct: pct("lapsedThisYear ÷ participantsAtYearStart"),
    labourForce: { type: "integer", description: "working-age labour force for D's year" },
    coveragePct: pct("participants ÷ labour force"),
    expectedShareBp: { type: "number", description: "Resolution 28 expected share for D's year, basis points (250 = 2.5%)" },
    expectedParticipants: { type: "integer" },
    missingToExpected: { type: "integer", description: "participants still missing to reach the expected share" },
    projected: { type: "integer", description: "projected participants at the year's end (cohorts, ADR 1401): staying + renewals + newExpected" },
    forecastParts: {
      type: "object", description: "the forecast's terms: participants covered to 31 December, expected renewals of those ending and those in grace, expected new participants, and the renewal rate used (basis points)",
      properties: { staying: { type: "integer" }, renewals: { type: "integer" }, newExpected: { type: "integer" }, renewalRateBp: { type: "integer" } },
    },
    forecastStatus: status,
    shortfall: { type: "integer", nullable: true, description: "target − projected, never below 0" },
  },
};

const errors = {
  "400": { description: "Invalid parameter (fields name the parameter)", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
  "401": { description: "Not signed in" },
  "404": { description: "Unknown unit, or outside the caller's scope" },
};

const op = (summary: string, description: string, parameters: OperationObject["parameters"], schema: SchemaObject): OperationObject => ({
  summary, description, tags: ["dashboard"], parameters,
  responses: { "200": { description: "OK", content: { "application/json": { schema } } }, ...errors },
});

export const dashboardPaths: PathsObject = {
  "/dashboard/overview": {
    get: op(
      "A unit's figures on a date: participants, target and attainment, change vs last year, new, overdue, lapsed, coverage vs Resolution 28, forecast, and the months of the year",
      "Every figure on D counts only contributions paid on or before D, so figures for a past date never change.",
      [unitParam, dateParam],
      {
        type: "object",
        properties: {
          unit: unitRef, date: { type: "string", format: "date" }, lastYearDate: { type: "string", format: "date" }, year: { type: "integer" },
          targetSource: { type: "string", enum: ["OWN", "CHILDREN"], nullable: true, description: "CHILDREN: the unit has no target of its own; the sum of its children's is shown" },
          figures: { ...figures, properties: { ...(figures.properties as object), months: { type: "array", items: month } } },
        },
      },
    ),
  },
  "/dashboard/league": {
    get: op(
      "The league table of a unit's children (provinces, areas, communes; a commune's agents) and the units at risk",
      "atRisk: rows whose forecast is AT_RISK or OFF_TRACK, sorted by shortfall (largest first).",
      [
        unitParam, dateParam,
        { name: "sort", in: "query", schema: { type: "string", enum: ["code", "name", "participants", "target", "attainment", "change", "changePct", "coverage", "lapseRate", "projected", "shortfall"] }, description: "default attainment" },
        { name: "dir", in: "query", schema: { type: "string", enum: ["asc", "desc"] } },
      ],
      {
        type: "object",
        properties: {
          unit: unitRef, date: { type: "string", format: "date" }, kind: { type: "string", enum: ["UNITS", "AGENTS"] }, sort: { type: "string" }, dir: { type: "string" },
          rows: { type: "array", items: { ...figures, properties: { code: { type: "string" }, name: { type: "string" }, kind: { type: "string", enum: ["UNIT", "AGENT"] }, agentId: { type: "integer", nullable: true }, ...(figures.properties as object) } } },
          atRisk: { type: "array", items: { type: "object" } },
        },
      },
    ),
  },
  "/map/{layer}": {
    get: {
      summary: "Map geometry: the 34 provinces (layer `provinces`) or one province's communes (layer = province code)",
      description: "TopoJSON with the app's unit codes as ids (public administrative geometry, no data; source and licence in prisma/data/README.md). Cached by the browser for a day.",
      tags: ["dashboard"],
      parameters: [{ name: "layer", in: "path", required: true, schema: { type: "string", pattern: "^(provinces|\\d{2})$" } }],
      responses: { "200": { description: "TopoJSON Topology", content: { "application/json": { schema: { type: "object" } } } }, "401": errors["401"], "404": { description: "No such layer" } },
    },
  },
  "/dashboard/series": {
    get: op(
      "Month by month for a year: participants at each month's end this year and last year, new and lapsed per month",
      "For the current year the months run to today; for a past year to 31 December.",
      [unitParam, { name: "year", in: "query", schema: { type: "integer", minimum: 2015 }, description: "default: this year" }],
      { type: "object", properties: { unit: unitRef, year: { type: "integer" }, asOf: { type: "string", format: "date" }, target: { type: "integer", nullable: true }, months: { type: "array", items: month } } },
    ),
  },
  "/dashboard/breakdowns": {
    get: op(
      "Participants on a date by subsidy group, sex, age band (age on D), occupation, payment period and payment method",
      "Each dimension sums to total (the participants on D).",
      [unitParam, dateParam],
      { type: "object", properties: { unit: unitRef, date: { type: "string", format: "date" }, total: { type: "integer" }, by: { type: "object", additionalProperties: { type: "array", items: { type: "object", properties: { key: { type: "string" }, count: { type: "integer" } } } } } } },
    ),
  },
  "/dashboard/agents": {
    get: op(
      "Collection agents working in a unit (not the nation), with attainment against their targets and the review flag",
      "review: after 30 June, attainment below the AGENT_REVIEW_THRESHOLD_BP policy parameter (ended contracts are not flagged). Pages of 50.",
      [
        unitParam, dateParam,
        { name: "sort", in: "query", schema: { type: "string", enum: ["code", "name", "participants", "target", "attainment", "change", "projected", "shortfall"] } },
        { name: "dir", in: "query", schema: { type: "string", enum: ["asc", "desc"] } },
        { name: "page", in: "query", schema: { type: "integer", minimum: 1 } },
      ],
      { type: "object", properties: { tooBroad: { type: "boolean" }, thresholdBp: { type: "integer", nullable: true }, reviewApplies: { type: "boolean" }, total: { type: "integer" }, flagged: { type: "integer" }, page: { type: "integer" }, rows: { type: "array", items: { type: "object" } } } },
    ),
  },
};
