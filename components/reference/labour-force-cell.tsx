"use client";
// One commune's labour force, edited in place: the number, "Edit", then an input with Save/Cancel.
import { useActionState, useState } from "react";
import { initialFormState, type FormState } from "@/lib/validation/form";
import { inputClass } from "@/components/ui/fields";

export function LabourForceCell({
  unitCode,
  year,
  persons,
  display,
  action,
  text,
}: {
  unitCode: string;
  year: number;
  persons: number | null;
  display: string;
  action: (prev: FormState, fd: FormData) => Promise<FormState>;
  text: { edit: string; save: string; cancel: string; empty: string; label: string };
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const [editing, setEditing] = useState(false);
  const [seenSeq, setSeenSeq] = useState(0);
  if (state.ok && state.seq && state.seq !== seenSeq) {
    setSeenSeq(state.seq);
    setEditing(false);
  }
  const error = state.fieldErrors?.persons ?? state.fieldErrors?.unitCode ?? state.formError;
  if (!editing) {
    return (
      <span className="flex items-center justify-end gap-2">
        <span className="tabular-nums" data-testid={`lf-${unitCode}`}>
          {persons === null ? <span className="text-slate-400">{text.empty}</span> : display}
        </span>
        <button
          type="button"
          onClick={() => setEditing(true)}
          className="text-xs text-sky-700 hover:underline"
          data-testid={`lf-edit-${unitCode}`}
          aria-label={`${text.edit} ${text.label}`}
        >
          {text.edit}
        </button>
      </span>
    );
  }
  return (
    <form action={formAction} className="flex flex-wrap items-center justify-end gap-1" data-testid={`lf-form-${unitCode}`}>
      <input type="hidden" name="unitCode" value={unitCode} />
      <input type="hidden" name="year" value={year} />
      <input
        name="persons"
        defaultValue={(state.values?.persons as string) ?? (persons === null ? "" : String(persons))}
        inputMode="numeric"
        autoFocus
        aria-label={text.label}
        aria-invalid={error ? true : undefined}
        aria-describedby={`lf-err-${unitCode}`}
        className={`${inputClass} w-28 text-right`}
      />
      <button disabled={pending} className="rounded bg-sky-700 px-2 py-1 text-xs text-white" data-testid={`lf-save-${unitCode}`}>
        {text.save}
      </button>
      <button type="button" onClick={() => setEditing(false)} className="rounded border border-slate-300 px-2 py-1 text-xs">
        {text.cancel}
      </button>
      <span id={`lf-err-${unitCode}`} aria-live="polite" className="w-full text-right text-xs text-red-700">
        {error ?? ""}
      </span>
    </form>
  );
}
