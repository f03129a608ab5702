// The one shape every server action answers with, and the one FormData reader (issue 16; ADR 1601).
// Plain data, no I/O: the forms (client components) and the actions share it. lib/server/http/action.ts
// turns what a server function throws into this state; components/ui/fields.tsx shows it. The zod-free
// part lives in ./form-state.ts (what client forms import); the zod error readers are here.
import { z } from "zod";
import type { FieldErrors } from "./form-state";

export { asPlainFormAction, firstError, initialFormState, readForm } from "./form-state";
export type { FieldErrors, FormState, FormValues } from "./form-state";

/** The first message of each field (path joined by "."), for display next to the field. */
export function fieldErrorsOf(e: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of e.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    out[key] ??= issue.message;
  }
  return out;
}

/** A business-rule failure reported like a validation failure (same path in forms and the API). */
export function fieldError(path: string, message: string): z.ZodError {
  return new z.ZodError([{ code: "custom", path: [path], message, input: undefined }]);
}
