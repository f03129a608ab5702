// The OpenAPI 3.1 document served at /api/v1/openapi.json, generated from the operations each area
// declares (lib/openapi/<area>.ts) with the zod schemas of lib/validation and lib/openapi/responses.ts.
// To document a new route: add one operation({...}) to its area's list (see lib/openapi/registry.ts).
import { jsonSchema, toOperationObject, type Operation } from "./registry";
import { apiErrorSchema } from "./responses";
import { coreOperations } from "./core";
import { enrollmentOperations } from "./enrollment";
import { targetsOperations } from "./targets";
import { agentsOperations } from "./agents";
import { dashboardOperations } from "./dashboard";
import { adminOperations } from "./admin";
import { fieldOperations } from "./field";
import { paperworkOperations } from "./paperwork";
import { syncOperations } from "./sync";
import { commissionOperations } from "./commissions";

export const OPERATIONS: Operation[] = [
  ...coreOperations,
  ...enrollmentOperations,
  ...targetsOperations,
  ...agentsOperations,
  ...dashboardOperations,
  ...adminOperations,
  ...fieldOperations,
  ...paperworkOperations,
  ...commissionOperations,
  ...syncOperations,
];

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const o of OPERATIONS) {
    const at = (paths[o.path] ??= {});
    if (at[o.method]) throw new Error(`OpenAPI: ${o.method.toUpperCase()} ${o.path} is declared twice`);
    at[o.method] = toOperationObject(o);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "BHXH tự nguyện — JSON API v1",
      version: "1.0.0",
      description:
        "Authenticate with the session cookie of a signed-in user, or with `Authorization: Bearer <token>` issued by an administrator. Every call is limited to the caller's unit. Errors are JSON with field paths.",
    },
    servers: [{ url: "/api/v1" }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" }, session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" } },
      schemas: { Error: jsonSchema(apiErrorSchema, "output") },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  };
}
