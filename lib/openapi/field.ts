// The field-work part of the JSON API v1 (issue 11): retention figures (docs/features/field-work.md).
import { z } from "zod";
import { operation } from "./registry";
import { retentionQuerySchema } from "@/lib/server/dashboard/retention";

const isoDate = z.string().meta({ format: "date" });
const rateRow = z
  .object({
    key: z.string().meta({ description: "unit code, or agent / collector id" }),
    ended: z.number().int().meta({ description: "people whose coverage ended in the period" }),
    renewed: z.number().int().meta({ description: "of them, those who paid a contiguous renewal within the 3-month grace period (by D)" }),
    ratePct: z.number().nullable().meta({ description: "renewed ÷ ended, percent with two decimals; null when nobody's coverage ended" }),
  })
  .strict();

export const retentionResponse = z
  .object({
    unit: z.object({ code: z.string(), level: z.string(), name: z.string() }).strict(),
    groupBy: z.enum(["province", "area", "commune", "agent", "collector"]),
    from: isoDate,
    to: isoDate,
    on: isoDate,
    provisional: z.boolean(),
    rows: z.array(rateRow),
    total: rateRow,
    names: z.record(z.string(), z.string()),
    lapseReasons: z.record(z.string(), z.number().int()).meta({ description: "CANNOT_AFFORD, MOVED_AWAY, COMPULSORY_INSURANCE, DECEASED, OTHER, UNKNOWN" }),
  })
  .strict();

export const fieldOperations = [
  operation({
    method: "get",
    path: "/retention",
    tag: "dashboard",
    query: retentionQuerySchema,
    errors: { 400: "Invalid parameter (fields name the parameter)", 403: true, 404: "Unit or agent outside the caller's scope" },
    summary: "Renewal rates of a unit's children (or by agent / collector) and the lapse reasons from the contact log",
    description:
      "Renewal rate (docs/features/field-work.md): of the people whose coverage ended in the period, the share who paid a renewal starting the next day within the grace period. The period is the 12 months ending 3 months before D, so the figures are final. A collector gets its own figures only.",
    responses: { 200: { description: "OK", schema: retentionResponse } },
  }),
];
