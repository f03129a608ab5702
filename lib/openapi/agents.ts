// The agents part of the JSON API v1.
import { z } from "zod";
import { operation } from "./registry";
import { agentResponse, agentsResponse } from "./responses";
import { agentFilterSchema } from "@/lib/validation/agent";

export const idParams = z.object({ id: z.coerce.number().int().positive() });

export const agentsOperations = [
  operation({
    method: "get",
    path: "/agents",
    tag: "agents",
    query: agentFilterSchema,
    summary: "Collection agents in the caller's scope (paginated, by code)",
    description:
      "A province user sees its province's agents, a district user its area's, a national user all (filter with `province`). Counts are as of today in Vietnam (`date`). `state=ACTIVE` lists exactly the agents that may be chosen for new enrollments.",
    responses: { 200: { description: "OK", schema: agentsResponse } },
    errors: { 400: "Invalid filter" },
  }),
  operation({
    method: "get",
    path: "/agents/{id}",
    tag: "agents",
    params: idParams,
    summary: "One collection agent with its communes, collectors, this year's target and counts",
    responses: { 200: { description: "OK", schema: agentResponse } },
    errors: { 404: "No such agent, or outside the caller's scope" },
  }),
];
