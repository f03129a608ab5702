// Small helpers shared by lib/server/enrollment/enrollees.ts and contributions.ts: business-rule failures reported
// exactly like validation failures (a ZodError with field paths, so forms and the API show them next to
// the field). Transactions and database errors: lib/server/db/helpers.ts.
import { z } from "zod";

export type Issue = { path: (string | number)[]; message: string; params?: Record<string, unknown> };

export function fieldIssue(path: string | (string | number)[], message: string, params?: Record<string, unknown>): Issue {
  return { path: Array.isArray(path) ? path : [path], message, ...(params ? { params } : {}) };
}

export function validationError(issues: Issue[]): z.ZodError {
  return new z.ZodError(
    issues.map((i) => ({ code: "custom" as const, path: i.path, message: i.message, input: undefined, ...(i.params ? { params: i.params } : {}) })),
  );
}
