"use client";
// One editable target (a unit's or an agent's). The form carries the version it was loaded with, so a
// concurrent change is reported instead of overwritten; what the user typed survives an error.
import { useActionState } from "react";
import { firstError, type FormState } from "@/lib/validation/form";

type Texts = { save: string; saving: string; label: string };

export function TargetCell({
  action,
  year,
  unitCode,
  agentId,
  target,
  version,
  testKey,
  text,
}: {
  action: (prev: FormState, fd: FormData) => Promise<FormState>;
  year: number;
  unitCode?: string | null;
  agentId?: number | null;
  target: number | null;
  version: number | null;
  testKey: string;
  text: Texts;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const err = state.fieldErrors?.participants ?? firstError(state);
  const id = `target-${testKey}`;
  return (
    <form action={formAction} className="flex flex-col items-end gap-1" data-testid={`target-form-${testKey}`}>
      <input type="hidden" name="year" value={year} />
      {unitCode ? <input type="hidden" name="unitCode" value={unitCode} /> : <input type="hidden" name="agentId" value={agentId ?? ""} />}
      <input type="hidden" name="version" value={version ?? ""} />
      <input type="hidden" name="seen" value={target ?? ""} />
      <div className="flex items-center gap-1">
        <input
          id={id}
          name="participants"
          inputMode="numeric"
          autoComplete="off"
          defaultValue={state.ok ? (target ?? "") : (state.values?.participants ?? target ?? "")}
          aria-label={text.label}
          aria-invalid={err ? true : undefined}
          aria-describedby={`${id}-msg`}
          className={`w-24 rounded border px-2 py-1 text-right tabular-nums ${err ? "border-red-500" : "border-slate-300"}`}
          data-testid={`target-input-${testKey}`}
        />
        <button
          disabled={pending}
          className="rounded bg-sky-700 px-2 py-1 text-xs text-white hover:bg-sky-800 disabled:opacity-50"
          data-testid={`target-save-${testKey}`}
        >
          {pending ? text.saving : text.save}
        </button>
      </div>
      <p
        id={`${id}-msg`}
        aria-live="polite"
        className={`max-w-xs text-right text-xs ${err ? "text-red-700" : "text-emerald-700"}`}
        data-testid={`target-msg-${testKey}`}
      >
        {err ?? (state.ok ? state.message : "")}
      </p>
    </form>
  );
}
