"use client";
// Lock (finalise) or reopen a unit's year. Locking asks for a second click, since only a higher admin can undo it.
import { useActionState, useState } from "react";
import type { FormState } from "@/lib/validation/form";

export function LockControls({
  year,
  unitCode,
  mode,
  lockAction,
  reopenAction,
  text,
  missing = [],
}: {
  year: number;
  unitCode: string;
  mode: "lock" | "reopen";
  lockAction: (prev: FormState, fd: FormData) => Promise<FormState>;
  reopenAction: (prev: FormState, fd: FormData) => Promise<FormState>;
  text: { lock: string; lockHint: string; lockConfirm: string; reopen: string; reopenHint: string; cancel: string; missingWarning: string };
  /** children without a target this year: listed before locking */
  missing?: string[];
}) {
  const [state, formAction, pending] = useActionState(mode === "lock" ? lockAction : reopenAction, { ok: false });
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="space-y-1">
      {mode === "lock" && !confirming ? (
        <button
          type="button"
          onClick={() => setConfirming(true)}
          className="rounded border border-amber-600 bg-white px-3 py-1.5 text-sm text-amber-800 hover:bg-amber-50"
          data-testid="lock-start"
        >
          {text.lock}
        </button>
      ) : (
        <form action={formAction} className="flex flex-wrap items-center gap-2">
          {mode === "lock" && missing.length > 0 && (
            <div className="w-full rounded border border-amber-400 bg-amber-50 p-2 text-sm text-amber-900" role="alert" data-testid="lock-missing">
              <p className="font-medium">{text.missingWarning.replace("{n}", String(missing.length))}</p>
              <p>
                {missing.slice(0, 30).join(", ")}
                {missing.length > 30 ? ", …" : ""}
              </p>
            </div>
          )}
          <input type="hidden" name="year" value={year} />
          <input type="hidden" name="unitCode" value={unitCode} />
          {mode === "lock" && <span className="text-sm font-medium text-amber-900">{text.lockConfirm}</span>}
          <button
            disabled={pending}
            className={`rounded px-3 py-1.5 text-sm text-white disabled:opacity-50 ${mode === "lock" ? "bg-amber-700 hover:bg-amber-800" : "bg-slate-700 hover:bg-slate-800"}`}
            data-testid={mode === "lock" ? "lock-confirm" : "reopen"}
          >
            {mode === "lock" ? text.lock : text.reopen}
          </button>
          {mode === "lock" && (
            <button type="button" onClick={() => setConfirming(false)} className="rounded border border-slate-300 px-3 py-1.5 text-sm">
              {text.cancel}
            </button>
          )}
        </form>
      )}
      <p className="text-xs text-slate-500">{mode === "lock" ? text.lockHint : text.reopenHint}</p>
      <p aria-live="polite" className={`text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`} data-testid="lock-msg">
        {state.ok ? state.message : state.formError}
      </p>
    </div>
  );
}
