// OpenAPI 3 paths for field work (issue 11): retention figures. Merged in lib/openapi/index.ts.
import type { PathsObject, SchemaObject } from "./types";

const ref = (status: string, description: string) => ({ [status]: { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } });
const rateRow: SchemaObject = {
  type: "object",
  properties: {
    key: { type: "string", description: "unit code, or agent / collector id" },
    ended: { type: "integer", description: "people whose coverage ended in the period" },
    renewed: { type: "integer", description: "of them, those who paid a contiguous renewal within the 3-month grace period (by D)" },
    ratePct: { type: "number", nullable: true, description: "renewed ÷ ended, percent with two decimals; null when nobody's coverage ended" },
  },
};

export const fieldPaths: PathsObject = {
  "/retention": {
    get: {
      summary: "Renewal rates of a unit's children (or by agent / collector) and the lapse reasons from the contact log",
      description:
        "Renewal rate (docs/features/field-work.md): of the people whose coverage ended in the period, the share who paid a renewal starting the next day within the grace period. The period is the 12 months ending 3 months before D, so the figures are final. A collector gets its own figures only.",
      tags: ["dashboard"],
      parameters: [
        { name: "unit", in: "query", schema: { type: "string", pattern: "^(VN|\\d{2}|\\d{3}|\\d{5})$" }, description: "default: the caller's unit" },
        { name: "date", in: "query", schema: { type: "string", format: "date" }, description: "D (default today)" },
        { name: "by", in: "query", schema: { type: "string", enum: ["province", "area", "commune", "agent", "collector"] }, description: "default: the unit's children (a commune: its agents)" },
        { name: "agent", in: "query", schema: { type: "integer" }, description: "only payments of this agent" },
      ],
      responses: {
        "200": {
          description: "OK",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  unit: { type: "object", properties: { code: { type: "string" }, level: { type: "string" }, name: { type: "string" } } },
                  groupBy: { type: "string" }, from: { type: "string", format: "date" }, to: { type: "string", format: "date" }, on: { type: "string", format: "date" },
                  provisional: { type: "boolean" }, rows: { type: "array", items: rateRow }, total: rateRow,
                  names: { type: "object", additionalProperties: { type: "string" } },
                  lapseReasons: { type: "object", additionalProperties: { type: "integer" }, description: "CANNOT_AFFORD, MOVED_AWAY, COMPULSORY_INSURANCE, DECEASED, OTHER, UNKNOWN" },
                },
              },
            },
          },
        },
        ...ref("400", "Invalid parameter"), ...ref("401", "Not signed in"), ...ref("403", "Not allowed"), ...ref("404", "Unit or agent outside the caller's scope"),
      },
    },
  },
};
