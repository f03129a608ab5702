// The targets part of the JSON API v1.
import { operation } from "./registry";
import { targetConflictResponse, targetSetResponse, targetsResponse } from "./responses";
import { targetQuerySchema, targetSetSchema } from "@/lib/validation/target";

export const targetsOperations = [
  operation({
    method: "get",
    path: "/targets",
    tag: "targets",
    query: targetQuerySchema(),
    summary: "A unit's yearly target with its children's targets, sums, differences, and every shortfall in the caller's scope",
    description:
      "Children: province → areas → communes → the collection agents serving the commune. A shortfall is a unit whose children's targets add up to less than its own. " +
      "Readable by every role inside its scope; `can` says what the caller may change. Defaults: this year in Vietnam, the caller's unit; shortfalls 50 per page.",
    responses: { 200: { description: "OK", schema: targetsResponse } },
    errors: { 400: "Invalid year or unit", 404: "Unit not found or outside the caller's scope" },
  }),
  operation({
    method: "put",
    path: "/targets",
    tag: "targets",
    body: targetSetSchema(),
    summary: "Set one target (a unit's or an agent's) for a year — same rules and audit as the editor",
    description:
      "Exactly one of `unitCode` / `agentId`. A national admin sets provinces (and the national figure); a province admin sets its areas, communes and agents, never its own province. " +
      "Send the `version` you read: if the target changed since, the answer is 409 and nothing is written. Omit `version` (or null) only to create a target that does not exist yet. " +
      "Locked years answer 409 with reason `locked`. Every change writes an audit entry (who, unit/agent, year, from → to).",
    responses: { 200: { description: "Updated (or unchanged)", schema: targetSetResponse }, 201: { description: "Created", schema: targetSetResponse } },
    errors: {
      400: true,
      403: "Not allowed to set this target (role, or the unit is not strictly below the caller's)",
      404: "Unit or agent not found or outside the caller's scope",
      409: { description: "Changed by someone else since `version` (reason conflict, with the current target), or locked", schema: targetConflictResponse },
    },
  }),
];
