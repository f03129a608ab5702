// OpenAPI 3 paths for the agents part of the JSON API v1 (merged in lib/openapi/index.ts).
import type { PathsObject, SchemaObject } from "./types";

const errorRef = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };

const agentKind: SchemaObject = {
  type: "string",
  enum: ["POST_OFFICE", "COMMUNE_COMMITTEE", "WOMEN_UNION", "FARMERS_ASSOCIATION", "FATHERLAND_FRONT", "VETERANS", "YOUTH_UNION", "COOPERATIVE", "OTHER"],
};
const agentState: SchemaObject = {
  type: "string",
  enum: ["ACTIVE", "SUSPENDED", "ENDED", "EXPIRED", "NOT_STARTED"],
  description: "ACTIVE = may be chosen for new enrollments today. SUSPENDED / ENDED are set by an administrator; EXPIRED = status active but the contract end date has passed; NOT_STARTED = the contract starts later.",
};
const isoDate: SchemaObject = { type: "string", format: "date", example: "2026-06-15" };

const agentSummary: SchemaObject = {
  type: "object",
  properties: {
    id: { type: "integer" },
    code: { type: "string", example: "DL010001" },
    name: { type: "string", example: "Bưu điện Ba Đình" },
    kind: agentKind,
    provinceCode: { type: "string", example: "01" },
    areaCode: { type: "string", example: "001" },
    areaName: { type: "string", example: "Quận Ba Đình" },
    state: agentState,
    selectable: { type: "boolean", description: "state = ACTIVE" },
    contractNo: { type: "string", nullable: true },
    contractStart: isoDate,
    contractEnd: { ...isoDate, nullable: true, description: "last day of the contract (inclusive); null = open-ended" },
    phone: { type: "string", nullable: true },
    communes: { type: "integer", description: "number of communes served" },
    collectors: { type: "integer", description: "collectors currently working" },
    enrollees: { type: "integer", description: "enrollees whose agent this is" },
    participants: { type: "integer", description: "of those, participants on `date` (a contribution covers it)" },
    target: { type: "integer", nullable: true, description: "this year's participant target, null when not set" },
  },
};

export const agentsPaths: PathsObject = {
  "/agents": {
    get: {
      summary: "Collection agents in the caller's scope (paginated, by code)",
      description: "A province user sees its province's agents, a district user its area's, a national user all (filter with `province`). Counts are as of today in Vietnam (`date`).",
      tags: ["agents"],
      parameters: [
        { name: "q", in: "query", schema: { type: "string", maxLength: 100 }, description: "name (diacritics optional) or the beginning of the code" },
        { name: "kind", in: "query", schema: agentKind },
        { name: "state", in: "query", schema: agentState, description: "ACTIVE lists exactly the agents that may be chosen for new enrollments" },
        { name: "province", in: "query", schema: { type: "string", pattern: "^\\d{2}$" } },
        { name: "area", in: "query", schema: { type: "string", pattern: "^\\d{3}$" } },
        { name: "commune", in: "query", schema: { type: "string", pattern: "^\\d{5}$" }, description: "agents serving this commune" },
        { name: "page", in: "query", schema: { type: "integer", minimum: 1, default: 1 } },
        { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
      ],
      responses: {
        "200": {
          description: "OK",
          content: { "application/json": { schema: { type: "object", properties: { date: isoDate, total: { type: "integer" }, page: { type: "integer" }, pageSize: { type: "integer" }, agents: { type: "array", items: agentSummary } } } } },
        },
        "400": { description: "Invalid filter", content: errorRef },
        "401": { description: "Not signed in", content: errorRef },
      },
    },
  },
  "/agents/{id}": {
    get: {
      summary: "One collection agent with its communes, collectors, this year's target and counts",
      tags: ["agents"],
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
      responses: {
        "200": {
          description: "OK",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  date: isoDate,
                  agent: {
                    type: "object",
                    properties: {
                      id: { type: "integer" }, code: { type: "string" }, name: { type: "string" }, kind: agentKind,
                      status: { type: "string", enum: ["ACTIVE", "SUSPENDED", "ENDED"] }, state: agentState, selectable: { type: "boolean" },
                      provinceCode: { type: "string" }, provinceName: { type: "string" }, areaCode: { type: "string" }, areaName: { type: "string" },
                      contractNo: { type: "string", nullable: true }, contractStart: isoDate, contractEnd: { ...isoDate, nullable: true },
                      phone: { type: "string", nullable: true }, address: { type: "string", nullable: true },
                      communes: { type: "array", items: { type: "object", properties: { code: { type: "string" }, fullName: { type: "string" }, areaCode: { type: "string" } } } },
                      collectors: { type: "array", items: { type: "object", properties: { id: { type: "integer" }, name: { type: "string" }, phone: { type: "string", nullable: true }, active: { type: "boolean" } } } },
                      year: { type: "integer" }, target: { type: "integer", nullable: true }, participants: { type: "integer" }, enrollees: { type: "integer" },
                    },
                  },
                },
              },
            },
          },
        },
        "401": { description: "Not signed in", content: errorRef },
        "404": { description: "No such agent, or outside the caller's scope", content: errorRef },
      },
    },
  },
};
