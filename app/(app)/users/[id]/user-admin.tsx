"use client";
// Deactivate / reactivate an account, and reset its password (a generated one is shown once).
import { useActionState, useState } from "react";
import type { adminVi } from "@/lib/i18n/areas/users";
import { fill } from "@/lib/i18n/messages";
import type { UserActionState } from "./actions";

type Action = (prev: UserActionState, fd: FormData) => Promise<UserActionState>;

export function ActiveToggle({
  id,
  active,
  isSelf,
  action,
  text,
}: {
  id: number;
  active: boolean;
  isSelf: boolean;
  action: Action;
  text: typeof adminVi.users;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <button
        disabled={pending || (active && isSelf)}
        className={`rounded px-3 py-1.5 text-sm text-white disabled:opacity-50 ${active ? "bg-red-700 hover:bg-red-800" : "bg-emerald-700 hover:bg-emerald-800"}`}
        data-testid="user-toggle-active"
      >
        {active ? text.deactivate : text.reactivate}
      </button>
      <p className="text-xs text-slate-500">{isSelf ? text.self : text.deactivateHint}</p>
      <p aria-live="polite" className={`text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`} data-testid="user-active-msg">
        {state.ok ? state.message : state.formError}
      </p>
    </form>
  );
}

export function ResetPassword({ id, login, action, text }: { id: number; login: string; action: Action; text: typeof adminVi.users }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const [mode, setMode] = useState(state.mode ?? "generate");
  const err = state.fieldErrors?.password;
  return (
    <form action={formAction} className="space-y-2" data-testid="reset-form">
      <input type="hidden" name="id" value={id} />
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" name="passwordMode" value="generate" checked={mode === "generate"} onChange={() => setMode("generate")} />
        {text.f.generate}
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" name="passwordMode" value="choose" checked={mode === "choose"} onChange={() => setMode("choose")} data-testid="reset-choose" />
        {text.f.choose}
      </label>
      {mode === "choose" && (
        <div>
          <input
            type="password"
            name="password"
            aria-label={text.f.newPassword}
            autoComplete="new-password"
            aria-invalid={!!err}
            aria-describedby="reset-hint reset-error"
            className={`w-full max-w-sm rounded border px-3 py-2 ${err ? "border-red-500" : "border-slate-300"}`}
            data-testid="reset-password-input"
          />
          <p id="reset-hint" className="text-xs text-slate-500">
            {text.hints.password}
          </p>
        </div>
      )}
      <p id="reset-error" aria-live="polite" className="text-sm text-red-700" data-testid="reset-error">
        {state.ok ? "" : state.formError}
      </p>
      <button disabled={pending} className="rounded bg-sky-700 px-3 py-1.5 text-sm text-white hover:bg-sky-800 disabled:opacity-50" data-testid="reset-submit">
        {text.reset}
      </button>
      {state.ok && (
        <div aria-live="polite" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm" data-testid="reset-done">
          <p>{state.message}</p>
          {state.password && (
            <>
              <p className="mt-1">{fill(text.passwordOnce, { login })}</p>
              <p className="mt-1 inline-block rounded border border-slate-300 bg-white px-3 py-1 font-mono text-lg" data-testid="reset-password-value">
                {state.password}
              </p>
            </>
          )}
        </div>
      )}
    </form>
  );
}
