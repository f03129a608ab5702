"use client";
// On the agent's page (issue 11): its collection account for VietQR, and a sign-in per collector.
import { useActionState } from "react";
import { initialFormState, type FormState } from "@/lib/validation/form";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;
const input = "mt-1 min-h-11 w-full rounded border border-slate-300 px-2";
const button = "min-h-11 rounded bg-sky-700 px-4 font-medium text-white disabled:opacity-50";

export function CollectionAccountForm({
  text,
  account,
  action,
}: {
  text: { title: string; bin: string; no: string; name: string; save: string; hint: string };
  account: { bankBin: string; bankAccountNo: string; bankAccountName: string };
  action: Action;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const v = (k: keyof typeof account) => (state.ok ? account[k] : ((state.values?.[k] as string | undefined) ?? account[k]));
  const err = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-2 text-sm" data-testid="collection-account">
      <h3 className="font-semibold">{text.title}</h3>
      <p className="text-xs text-slate-600">{text.hint}</p>
      <label className="block">
        {text.bin}
        <input name="bankBin" defaultValue={v("bankBin")} inputMode="numeric" maxLength={6} className={input} />
      </label>
      {err.bankBin && <p className="text-xs text-red-700">{err.bankBin}</p>}
      <label className="block">
        {text.no}
        <input name="bankAccountNo" defaultValue={v("bankAccountNo")} maxLength={24} className={input} />
      </label>
      {err.bankAccountNo && <p className="text-xs text-red-700">{err.bankAccountNo}</p>}
      <label className="block">
        {text.name}
        <input name="bankAccountName" defaultValue={v("bankAccountName")} maxLength={50} className={input} />
      </label>
      {err.bankAccountName && <p className="text-xs text-red-700">{err.bankAccountName}</p>}
      <button className={button} disabled={pending}>
        {text.save}
      </button>
      {state.formError && <p className="text-xs text-red-700">{state.formError}</p>}
      {state.ok && state.message && <p className="text-xs text-green-700">{state.message}</p>}
    </form>
  );
}

export function CollectorLoginForm({
  text,
  name,
  login,
  action,
}: {
  text: { login: string; createLogin: string; loginHint: string };
  name: string;
  login: string | null;
  action: Action;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  if (login && !state.ok)
    return (
      <p className="text-sm">
        {name}: {text.login} <strong>{login}</strong>
      </p>
    );
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2 text-sm" data-testid="collector-login">
      <label className="grow">
        {name} — {text.loginHint}
        <input name="login" required className={input} />
      </label>
      <button className={button} disabled={pending}>
        {text.createLogin}
      </button>
      {state.formError && <p className="w-full text-xs text-red-700">{state.formError}</p>}
      {state.fieldErrors?.login && <p className="w-full text-xs text-red-700">{state.fieldErrors.login}</p>}
      {state.ok && state.message && (
        <p className="w-full rounded bg-green-50 p-2 text-green-800" role="status">
          {state.message}
        </p>
      )}
    </form>
  );
}
