// The one shape every server action answers with, and the one FormData reader (issue 16; ADR 1601), without
// zod: client forms import it without carrying the validation library into their first load. The helpers
// that read a zod error are in ./form.ts, which re-exports all of this.

/** The first message of each field, by its path joined with "." ("payment.receiptNo"); "_form" for the whole form. */
export type FieldErrors = Record<string, string>;
/** What the user typed, as strings (fields listed as `multi` are arrays), so a refused form keeps it. */
export type FormValues = Record<string, string | string[]>;

export type FormState = {
  ok: boolean;
  fieldErrors?: FieldErrors;
  /** A message for the whole form: refusals ("not allowed", "not found", "sign in again") and rule failures. */
  formError?: string;
  /** A success message. */
  message?: string;
  values?: FormValues;
  /** Bumped on each success so a form can reset itself. */
  seq?: number;
  /** A record this input collides with, inside the caller's scope (e.g. the enrollee with this ID number). */
  existingId?: number;
  /** Records that may be the same (same name and birthday): the form asks for confirmation. */
  duplicateIds?: number[];
};

export const initialFormState: FormState = { ok: false };

/** FormData → strings; `multi` fields become arrays. Next's own hidden fields ($ACTION_…) are left out; a file field reads as "". */
export function readForm(fd: FormData, multi: readonly string[] = []): FormValues {
  const out: FormValues = {};
  for (const key of new Set(fd.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = fd.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = multi.includes(key) ? all : (all[0] ?? "");
  }
  for (const key of multi) out[key] ??= [];
  return out;
}

/** One message for a refused state, for a control too small to show errors per field. */
export function firstError(state: Pick<FormState, "formError" | "fieldErrors">): string | undefined {
  return state.formError ?? Object.values(state.fieldErrors ?? {})[0];
}

/** A server action posted by a plain <form action> (no useActionState): React ignores what it answers, and a
 *  refusal's FormState only matters to forged calls, so the form may take it as a void action. Same reference. */
export const asPlainFormAction = (action: (fd: FormData) => Promise<unknown>) => action as (fd: FormData) => Promise<void>;
