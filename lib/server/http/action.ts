// The one template of a server action (docs/features/architecture.md, "How to write a server action";
// ADR 1601):
//
//   export async function createAgentAction(_prev: FormState, fd: FormData): Promise<FormState> {
//     const values = readForm(fd, ["communeCodes"]);
//     return runAction({ permission: "agent.write", values }, async ({ p }) => {
//       const r = await createAgent(db(), p, values, { locale: p.locale });
//       revalidatePath("/agents");
//       redirect(`/agents/${r.id}`);
//     });
//   }
//
// runAction finds the caller (speaking this request's language), checks the permission, runs the body and
// turns every refusal into the form's state — never a thrown error, which Next would answer with a 500:
//   signed out            → formError "sign in again"        (matrix outcome 401)
//   AuthError 403         → formError "not allowed"          (403)
//   AuthError 404         → formError "not found"            (404)
//   ZodError              → fieldErrors (first message per path), `_form` also as formError ("invalid")
//   RuleError             → formError with its message
// Anything else (a bug, a lost database) goes on to the error page; redirect() passes through untouched.
import "server-only";
import { z } from "zod";
import { messages, type Locale, type Messages } from "@/lib/i18n/messages";
import { fieldErrorsOf, type FormState, type FormValues } from "@/lib/validation/form";
import { AuthError, assertCan, type Permission, type Principal } from "../auth/authz";
import { currentPrincipal } from "../auth/session";
import { RuleError } from "../errors";
import { requestLocale } from "./locale";

/** What a refusal looks like to the form. Rethrows anything that is not a refusal. */
export function toFormState(e: unknown, o: { locale: Locale; values?: FormValues }): FormState {
  const t = messages[o.locale];
  const values = o.values ? { values: o.values } : {};
  if (e instanceof z.ZodError) {
    const fieldErrors = fieldErrorsOf(e);
    const state: FormState = { ok: false, fieldErrors, ...(fieldErrors._form ? { formError: fieldErrors._form } : {}), ...values };
    for (const i of e.issues) {
      const params = (i as { params?: { code?: string; existingId?: number; existingIds?: number[] } }).params;
      if (params?.existingId) state.existingId = params.existingId;
      if (params?.code === "POSSIBLE_DUPLICATE") state.duplicateIds = params.existingIds ?? [];
    }
    return state;
  }
  if (e instanceof AuthError) {
    return { ok: false, formError: e.status === 401 ? t.seam.signedOut : e.status === 403 ? t.forbidden : t.notFound, ...values };
  }
  if (e instanceof RuleError) return { ok: false, formError: e.message, ...values };
  throw e;
}

export type ActionContext = { p: Principal; locale: Locale; t: Messages };

/**
 * Runs a server action's body for the signed-in caller with `permission` (if given). The principal's
 * `locale` is this request's language, so messages from lib/server come back in it. Every answer —
 * success or refusal — is a FormState (extra fields of `S` are optional by convention).
 */
export async function runAction<S extends FormState>(o: { permission?: Permission; values?: FormValues }, body: (c: ActionContext) => Promise<S>): Promise<S> {
  const locale = await requestLocale();
  try {
    const signedIn = await currentPrincipal();
    if (!signedIn) throw new AuthError(401);
    const p: Principal = { ...signedIn, locale };
    if (o.permission) assertCan(p, o.permission);
    return await body({ p, locale, t: messages[locale] });
  } catch (e) {
    return toFormState(e, { locale, values: o.values }) as S;
  }
}
