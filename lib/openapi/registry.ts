// The OpenAPI document is generated from zod schemas (ADR 1610): each area file lists its operations with
// operation({...}) next to the schemas they use — the request's from lib/validation (what the route parses),
// the response's from lib/openapi/responses.ts — and z.toJSONSchema turns them into JSON Schema 2020-12,
// which OpenAPI 3.1 uses as is. Enums and shapes therefore cannot drift from what the code checks, and
// tests/integration/openapi-contract.test.ts validates real responses against the document.
import { z } from "zod";

export type Method = "get" | "post" | "put" | "patch" | "delete";
export type JsonSchema = Record<string, unknown>;

/** The error statuses every route may answer, with the Error body ({ error: { code, message, fields? } }). */
export const ERROR_TEXT = {
  400: "Invalid input: every problem with its field path (error.fields)",
  401: "No or bad credentials",
  403: "The caller's role may not do this",
  404: "Not found, or outside the caller's scope",
  409: "Conflicts with existing data",
  413: "The upload is larger than the limit",
  429: "Too many requests (per token or user; Retry-After)",
} as const;
export type ErrorStatus = keyof typeof ERROR_TEXT;

export type Operation = {
  method: Method;
  /** OpenAPI path under /api/v1, e.g. "/enrollees/{id}" (the route file is app/api/v1/enrollees/[id]/route.ts) */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** no credentials needed */
  public?: boolean;
  /** path parameters (z.object); query parameters (z.object): one parameter per property */
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** a JSON body (the schema the route parses), or other content types as JSON Schema */
  body?: z.ZodType | { content: Record<string, { schema: JsonSchema }> };
  /** success responses: status → description and the zod schema of the JSON body; `other`: content types the
   *  route may answer instead of JSON (e.g. a file download chosen by a query parameter), as JSON Schema */
  responses: Record<number, { description: string; schema: z.ZodType; other?: Record<string, { schema: JsonSchema }> }>;
  /** error statuses this route answers besides 401 and 429 (which every non-public route may answer);
   *  a string overrides the default description, a zod schema the Error body */
  errors?: Partial<Record<ErrorStatus, true | string | { description: string; schema: z.ZodType }>>;
};

/** Declares one documented route method. */
export const operation = (o: Operation): Operation => o;

/** JSON Schema of a zod schema as a client sends it (input) or as the server answers (output). */
export function jsonSchema(s: z.ZodType, io: "input" | "output"): JsonSchema {
  const out = z.toJSONSchema(s, { io, target: "draft-2020-12", unrepresentable: "any", reused: "inline" }) as JsonSchema;
  delete out.$schema;
  return out;
}

function parameters(where: "path" | "query", s: z.ZodObject | undefined) {
  if (!s) return [];
  const schema = jsonSchema(s, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, p]) => {
    const { description, ...rest } = p;
    return {
      name,
      in: where,
      ...(where === "path" || schema.required?.includes(name) ? { required: true } : {}),
      schema: rest,
      ...(description ? { description } : {}),
    };
  });
}

const json = (schema: JsonSchema) => ({ "application/json": { schema } });
const errorRef = json({ $ref: "#/components/schemas/Error" });

/** The OpenAPI operation object of one declared operation. */
export function toOperationObject(o: Operation) {
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(o.responses))
    responses[status] = { description: r.description, content: { ...json(jsonSchema(r.schema, "output")), ...r.other } };
  const errors: Operation["errors"] = { ...(o.public ? {} : { 401: true, 429: true }), ...o.errors };
  for (const [status, e] of Object.entries(errors)) {
    if (!e) continue;
    const description = typeof e === "string" ? e : e === true ? ERROR_TEXT[Number(status) as ErrorStatus] : e.description;
    responses[status] = { description, content: typeof e === "object" ? json(jsonSchema(e.schema, "output")) : errorRef };
  }
  const body =
    o.body === undefined
      ? undefined
      : o.body instanceof z.ZodType
        ? { required: true, content: json(jsonSchema(o.body, "input")) }
        : { required: true, ...o.body };
  return {
    summary: o.summary,
    ...(o.description ? { description: o.description } : {}),
    tags: [o.tag],
    ...(o.public ? { security: [] } : {}),
    parameters: [...parameters("path", o.params), ...parameters("query", o.query)],
    ...(body ? { requestBody: body } : {}),
    responses,
  };
}
