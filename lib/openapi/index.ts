// The OpenAPI 3 document served at /api/v1/openapi.json. Each area adds its paths in its own file.
import type { PathsObject, SchemaObject } from "./types";
import { enrollmentPaths } from "./enrollment";
import { targetsPaths } from "./targets";
import { agentsPaths } from "./agents";
import { dashboardPaths } from "./dashboard";
import { adminPaths } from "./admin";
import { paperworkPaths } from "./paperwork";

export const errorSchema: SchemaObject = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", enum: ["unauthenticated", "forbidden", "not_found", "invalid", "conflict", "rate_limited", "internal"] },
        message: { type: "string" },
        fields: { type: "array", items: { type: "object", properties: { path: { type: "string", example: "declaredIncome" }, message: { type: "string" } } } },
      },
    },
  },
};

const corePaths: PathsObject = {
  "/me": {
    get: {
      summary: "The caller: role, unit, scope and permissions",
      tags: ["core"],
      responses: { "200": { description: "OK" }, "401": { description: "Not signed in", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } },
    },
  },
  "/units": {
    get: {
      summary: "A unit in the caller's scope with its children and their counts, or a search by name (diacritics optional)",
      tags: ["core"],
      parameters: [
        { name: "parent", in: "query", schema: { type: "string" }, description: "unit code (default: the caller's unit)" },
        { name: "q", in: "query", schema: { type: "string", maxLength: 100 }, description: "name to search, e.g. 'tan hoa'" },
      ],
      responses: { "200": { description: "OK" }, "401": { description: "Not signed in" }, "404": { description: "Not found or outside the caller's scope" } },
    },
  },
};

export function openApiDocument() {
  return {
    openapi: "3.0.3",
    info: {
      title: "BHXH tự nguyện — JSON API v1",
      version: "1.0.0",
      description: "Authenticate with the session cookie of a signed-in user, or with `Authorization: Bearer <token>` issued by an administrator. Every call is limited to the caller's unit. Errors are JSON with field paths.",
    },
    servers: [{ url: "/api/v1" }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" }, session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" } },
      schemas: { Error: errorSchema },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths: { ...corePaths, ...enrollmentPaths, ...targetsPaths, ...agentsPaths, ...dashboardPaths, ...adminPaths, ...paperworkPaths },
  };
}
