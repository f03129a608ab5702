// The caller, the unit browser and the document itself.
import { operation } from "./registry";
import { meResponse, openApiResponse, unitsResponse } from "./responses";
import { unitsQuerySchema } from "@/lib/validation/unit-query";

export const coreOperations = [
  operation({
    method: "get",
    path: "/openapi.json",
    tag: "core",
    public: true,
    summary: "This document",
    responses: { 200: { description: "OpenAPI 3.1", schema: openApiResponse } },
  }),
  operation({
    method: "get",
    path: "/me",
    tag: "core",
    summary: "The caller: role, unit, scope and permissions",
    responses: { 200: { description: "OK", schema: meResponse } },
  }),
  operation({
    method: "get",
    path: "/units",
    tag: "core",
    query: unitsQuerySchema,
    summary: "A unit in the caller's scope with its children and their counts, or a search by name (diacritics optional)",
    responses: { 200: { description: "`parent`: the unit and its children; `q`: the matching units", schema: unitsResponse } },
    errors: { 400: true, 404: true },
  }),
];
