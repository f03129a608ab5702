// Turns what the agents/conferences/reference server functions throw into the state a form shows:
// validation and business-rule failures per field (the form keeps what was typed), and
// scope/permission failures as one message. Anything else is a real error and propagates.
import "server-only";
import { ZodError } from "zod";
import type { Locale } from "@/lib/i18n/messages";
import { getMessages } from "@/lib/i18n/server";
import { fieldErrorsOf, type FormState, type FormValues } from "@/lib/validation/agents-form";
import { AuthError } from "../auth/authz";

export async function attempt<T>(values: FormValues, run: (o: { locale: Locale }) => Promise<T>): Promise<{ ok: true; result: T } | { ok: false; state: FormState }> {
  const { locale, t } = await getMessages();
  try {
    return { ok: true, result: await run({ locale }) };
  } catch (e) {
    if (e instanceof ZodError) {
      const fieldErrors = fieldErrorsOf(e);
      return { ok: false, state: { ok: false, fieldErrors, formError: fieldErrors._form, values } };
    }
    if (e instanceof AuthError) return { ok: false, state: { ok: false, formError: e.status === 403 ? t.forbidden : t.notFound, values } };
    throw e;
  }
}
