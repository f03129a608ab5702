// The dashboard part of the JSON API v1. Figures are defined in docs/features/dashboard.md; every figure
// "on D" counts only contributions paid by D.
import { z } from "zod";
import { operation } from "./registry";
import { agentTableResponse, breakdownsResponse, leagueResponse, overviewResponse, seriesResponse } from "./responses";
import { agentsQuerySchema, dashboardQuerySchema, leagueQuerySchema, seriesQuerySchema } from "@/lib/validation/dashboard";

const errors = { 400: "Invalid parameter (fields name the parameter)", 404: "Unknown unit, or outside the caller's scope" } as const;

export const dashboardOperations = [
  operation({
    method: "get",
    path: "/dashboard/overview",
    tag: "dashboard",
    query: dashboardQuerySchema,
    errors,
    summary:
      "A unit's figures on a date: participants, target and attainment, change vs last year, new, overdue, lapsed, coverage vs Resolution 28, forecast, and the months of the year",
    description:
      "Every figure on D counts only contributions paid on or before D, so figures for a past date never change. unit: default the caller's; date: yyyy-mm-dd, default today in Vietnam.",
    responses: { 200: { description: "OK", schema: overviewResponse } },
  }),
  operation({
    method: "get",
    path: "/dashboard/league",
    tag: "dashboard",
    query: leagueQuerySchema,
    errors,
    summary: "The league table of a unit's children (provinces, areas, communes; a commune's agents) and the units at risk",
    description: "atRisk: rows whose forecast is AT_RISK or OFF_TRACK, sorted by shortfall (largest first). Default sort: attainment.",
    responses: { 200: { description: "OK", schema: leagueResponse } },
  }),
  operation({
    method: "get",
    path: "/dashboard/series",
    tag: "dashboard",
    query: seriesQuerySchema,
    errors,
    summary: "Month by month for a year: participants at each month's end this year and last year, new and lapsed per month",
    description: "For the current year the months run to today; for a past year to 31 December.",
    responses: { 200: { description: "OK", schema: seriesResponse } },
  }),
  operation({
    method: "get",
    path: "/dashboard/breakdowns",
    tag: "dashboard",
    query: dashboardQuerySchema,
    errors,
    summary: "Participants on a date by subsidy group, sex, age band (age on D), occupation, payment period and payment method",
    description: "Each dimension sums to total (the participants on D).",
    responses: { 200: { description: "OK", schema: breakdownsResponse } },
  }),
  operation({
    method: "get",
    path: "/dashboard/agents",
    tag: "dashboard",
    query: agentsQuerySchema,
    errors,
    summary: "Collection agents working in a unit (not the nation), with attainment against their targets and the review flag",
    description: "review: after 30 June, attainment below the AGENT_REVIEW_THRESHOLD_BP policy parameter (ended contracts are not flagged). Pages of 50.",
    responses: { 200: { description: "OK", schema: agentTableResponse } },
  }),
  operation({
    method: "get",
    path: "/map/{layer}",
    tag: "dashboard",
    params: z.object({ layer: z.string().regex(/^(provinces|\d{2})$/) }),
    errors: { 404: "No such layer" },
    summary: "Map geometry: the 34 provinces (layer `provinces`) or one province's communes (layer = province code)",
    description:
      "TopoJSON with the app's unit codes as ids (public administrative geometry, no data; source and licence in prisma/data/README.md). Cached by the browser for a day.",
    responses: { 200: { description: "TopoJSON Topology", schema: z.looseObject({ type: z.literal("Topology") }) } },
  }),
];
