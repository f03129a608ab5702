// OpenAPI 3 paths for the admin part of the JSON API v1 (merged in lib/openapi/index.ts).
import type { PathsObject } from "./types";

export const adminPaths: PathsObject = {
  "/users": {
    get: {
      summary: "The user accounts of the caller's scope (administrators only); never returns password hashes",
      tags: ["admin"],
      parameters: [
        { name: "q", in: "query", schema: { type: "string", maxLength: 100 }, description: "part of the login or the name" },
        { name: "role", in: "query", schema: { type: "string", enum: ["ADMIN", "PROVINCE_OFFICER", "DISTRICT_STAFF"] } },
        { name: "state", in: "query", schema: { type: "string", enum: ["active", "inactive"] } },
        { name: "page", in: "query", schema: { type: "integer", minimum: 1 }, description: "50 per page" },
      ],
      responses: {
        "200": {
          description: "OK",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  total: { type: "integer" }, page: { type: "integer" }, pageSize: { type: "integer" },
                  rows: {
                    type: "array",
                    items: {
                      type: "object",
                      properties: {
                        id: { type: "integer" }, login: { type: "string" }, name: { type: "string" },
                        role: { type: "string", enum: ["ADMIN", "PROVINCE_OFFICER", "DISTRICT_STAFF"] },
                        unitCode: { type: "string" }, unitName: { type: "string" }, unitLevel: { type: "string" },
                        active: { type: "boolean" }, createdAt: { type: "string", format: "date-time" }, lastLoginAt: { type: "string", format: "date-time", nullable: true },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        "400": { description: "Invalid filter", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        "401": { description: "Not signed in", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        "403": { description: "Not an administrator", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      },
    },
  },
};
