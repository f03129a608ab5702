// OpenAPI 3 paths for the targets part of the JSON API v1 (merged in lib/openapi/index.ts).
import type { PathsObject, SchemaObject } from "./types";

const err = { $ref: "#/components/schemas/Error" };

const targetRow: SchemaObject = {
  type: "object",
  properties: {
    unitCode: { type: "string", example: "001", description: "for a unit (absent for an agent)" },
    level: { type: "string", enum: ["NATION", "PROVINCE", "AREA", "COMMUNE"] },
    agentId: { type: "integer", description: "for an agent (absent for a unit)" },
    agentCode: { type: "string" },
    agentStatus: { type: "string", enum: ["ACTIVE", "SUSPENDED", "ENDED"] },
    communesServed: { type: "integer", description: "an agent serving several communes has one target for all of them" },
    name: { type: "string", example: "Quận Ba Đình" },
    target: { type: "integer", nullable: true, example: 420, description: "null = not set" },
    version: { type: "integer", nullable: true, example: 3, description: "send it back with PUT (optimistic concurrency)" },
    locked: { type: "boolean" },
    participants: { type: "integer", description: "participants on `participantsOn` (an agent's: people whose covering contribution it collected)" },
    childrenSum: { type: "integer", description: "sum of this unit's children's targets (a commune's children are the agents serving it)" },
    shortfall: { type: "integer", description: "target − childrenSum when positive, else 0" },
  },
};

const conflict: SchemaObject = {
  type: "object",
  properties: {
    error: {
      type: "object",
      properties: {
        code: { type: "string", enum: ["conflict"] },
        reason: { type: "string", enum: ["conflict", "locked"], description: "conflict: someone changed the target since `version`; locked: the year is finalised for this unit or a unit above" },
        message: { type: "string", example: "Chỉ tiêu đã được người khác thay đổi (từ 400 thành 420) — vui lòng tải lại." },
      },
    },
    current: { type: "object", nullable: true, properties: { participants: { type: "integer" }, version: { type: "integer" } } },
  },
};

export const targetsPaths: PathsObject = {
  "/targets": {
    get: {
      summary: "A unit's yearly target with its children's targets, sums, differences, and every shortfall in the caller's scope",
      description:
        "Children: province → areas → communes → the collection agents serving the commune. A shortfall is a unit whose children's targets add up to less than its own. " +
        "Readable by every role inside its scope; `can` says what the caller may change.",
      tags: ["targets"],
      parameters: [
        { name: "year", in: "query", schema: { type: "integer", minimum: 2000, maximum: 2100 }, description: "default: the current year in Vietnam" },
        { name: "unit", in: "query", schema: { type: "string", example: "01" }, description: "unit code (default: the caller's unit)" },
        { name: "page", in: "query", schema: { type: "integer", minimum: 1 }, description: "page of the shortfall list (50 per page)" },
      ],
      responses: {
        "200": {
          description: "OK",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  year: { type: "integer" },
                  participantsOn: { type: "string", format: "date" },
                  unit: targetRow,
                  childrenSum: { type: "integer" },
                  difference: { type: "integer", nullable: true, description: "childrenSum − target (negative = shortfall)" },
                  children: { type: "array", items: targetRow },
                  can: { type: "object", properties: { editSelf: { type: "boolean" }, editChildren: { type: "boolean" }, allocate: { type: "boolean" }, lock: { type: "boolean" }, reopen: { type: "boolean" } } },
                  shortfalls: {
                    type: "object",
                    properties: {
                      total: { type: "integer" }, page: { type: "integer" }, pageSize: { type: "integer" },
                      rows: { type: "array", items: { type: "object", properties: { code: { type: "string" }, level: { type: "string" }, name: { type: "string" }, parentName: { type: "string", nullable: true }, target: { type: "integer" }, childrenSum: { type: "integer" }, children: { type: "integer" }, shortfall: { type: "integer" } } } },
                    },
                  },
                },
              },
            },
          },
        },
        "400": { description: "Invalid year or unit", content: { "application/json": { schema: err } } },
        "401": { description: "Not signed in", content: { "application/json": { schema: err } } },
        "404": { description: "Unit not found or outside the caller's scope", content: { "application/json": { schema: err } } },
      },
    },
    put: {
      summary: "Set one target (a unit's or an agent's) for a year — same rules and audit as the editor",
      description:
        "A national admin sets provinces (and the national figure); a province admin sets its areas, communes and agents, never its own province. " +
        "Send the `version` you read: if the target changed since, the answer is 409 and nothing is written. Omit `version` (or null) only to create a target that does not exist yet. " +
        "Locked years answer 409 with reason `locked`. Every change writes an audit entry (who, unit/agent, year, from → to).",
      tags: ["targets"],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["year", "participants"],
              properties: {
                year: { type: "integer", example: 2027 },
                unitCode: { type: "string", example: "001", description: "exactly one of unitCode / agentId" },
                agentId: { type: "integer" },
                participants: { type: "integer", minimum: 0, maximum: 10000000, example: 450 },
                version: { type: "integer", nullable: true, example: 3 },
              },
            },
          },
        },
      },
      responses: {
        "200": { description: "Updated (or unchanged)", content: { "application/json": { schema: { type: "object", properties: { status: { type: "string", enum: ["updated", "unchanged"] }, target: { type: "object", properties: { id: { type: "integer" }, participants: { type: "integer" }, version: { type: "integer" } } } } } } } },
        "201": { description: "Created", content: { "application/json": { schema: { type: "object", properties: { status: { type: "string", enum: ["created"] }, target: { type: "object" } } } } } },
        "400": { description: "Invalid input (field paths in error.fields)", content: { "application/json": { schema: err } } },
        "401": { description: "Not signed in", content: { "application/json": { schema: err } } },
        "403": { description: "Not allowed to set this target (role, or the unit is not strictly below the caller's)", content: { "application/json": { schema: err } } },
        "404": { description: "Unit or agent not found or outside the caller's scope", content: { "application/json": { schema: err } } },
        "409": { description: "Changed by someone else since `version`, or locked", content: { "application/json": { schema: conflict } } },
      },
    },
  },
};
