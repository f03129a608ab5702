"use client";
// An agent's collectors: add, edit name/phone, mark as left or working again (never deleted:
// past receipts name them).
import { useActionState, useMemo, useState } from "react";
import type { agentsVi } from "@/lib/i18n/areas/agents";
import { initialFormState, type FormState } from "@/lib/validation/form";
import { Field, FormMessage, buttonClass, controlProps, inputClass, secondaryButtonClass } from "@/components/ui/fields";
import { Badge } from "@/components/ui/lists";
import { collectorCode } from "@/lib/domain/d05";

type Text = typeof agentsVi;
type Collector = { id: number; name: string; phone: string | null; active: boolean };
type Action = (prev: FormState, fd: FormData) => Promise<FormState>;
type UpdateAction = (collectorId: number, prev: FormState, fd: FormData) => Promise<FormState>;

export function CollectorsPanel({
  text,
  collectors,
  canWrite,
  addAction,
  updateAction,
}: {
  text: Text;
  collectors: Collector[];
  canWrite: boolean;
  addAction: Action;
  updateAction: UpdateAction;
}) {
  return (
    <div className="space-y-3">
      {collectors.length === 0 ? (
        <p className="text-sm text-slate-600">{text.coll.none}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded border border-slate-200 bg-white" data-testid="collectors">
          {collectors.map((c) => (
            <CollectorRow key={c.id} text={text} c={c} canWrite={canWrite} action={updateAction} />
          ))}
        </ul>
      )}
      {canWrite && <AddCollector text={text} action={addAction} />}
    </div>
  );
}

function CollectorRow({ text, c, canWrite, action }: { text: Text; c: Collector; canWrite: boolean; action: UpdateAction }) {
  const bound = useMemo(() => action.bind(null, c.id), [action, c.id]);
  const [state, formAction, pending] = useActionState(bound, initialFormState);
  const [editing, setEditing] = useState(false);
  const [seenSeq, setSeenSeq] = useState(0);
  if (state.ok && state.seq && state.seq !== seenSeq) {
    // saved: close the editor (adjusting state during render, as React recommends over an effect)
    setSeenSeq(state.seq);
    setEditing(false);
  }
  const errors = state.fieldErrors ?? {};
  const v = state.ok ? {} : (state.values ?? {});
  if (editing) {
    return (
      <li className="p-2">
        <form action={formAction} className="flex flex-wrap items-start gap-2" data-testid="collector-edit">
          <Field label={text.coll.name} name={`name-${c.id}`} error={errors.name}>
            <input {...controlProps(`name-${c.id}`, errors.name)} name="name" defaultValue={(v.name as string) ?? c.name} className={inputClass} />
          </Field>
          <Field label={text.coll.phone} name={`phone-${c.id}`} error={errors.phone}>
            <input
              {...controlProps(`phone-${c.id}`, errors.phone)}
              name="phone"
              defaultValue={(v.phone as string) ?? c.phone ?? ""}
              className={inputClass}
              inputMode="tel"
            />
          </Field>
          <div className="mt-6 flex gap-2">
            <button className={buttonClass} disabled={pending}>
              {text.save}
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => setEditing(false)}>
              {text.cancel}
            </button>
          </div>
          {state.formError && (
            <p className="w-full text-xs text-red-700" aria-live="polite">
              {state.formError}
            </p>
          )}
        </form>
      </li>
    );
  }
  return (
    <li className="flex flex-wrap items-center gap-3 p-2 text-sm" data-testid="collector-row">
      <span className="min-w-48 font-medium">
        {c.name} <span className="font-mono text-xs text-slate-500">{collectorCode(c.id)}</span>
      </span>
      <span className="min-w-28 text-slate-600">{c.phone ?? ""}</span>
      <Badge tone={c.active ? "green" : "slate"}>{c.active ? text.coll.active : text.coll.inactive}</Badge>
      {canWrite && (
        <span className="ml-auto flex gap-2">
          <button type="button" className={secondaryButtonClass} onClick={() => setEditing(true)}>
            {text.edit}
          </button>
          <form action={formAction}>
            <input type="hidden" name="name" value={c.name} />
            <input type="hidden" name="phone" value={c.phone ?? ""} />
            <input type="hidden" name="active" value={c.active ? "false" : "true"} />
            <button className={secondaryButtonClass} disabled={pending} data-testid="collector-toggle">
              {c.active ? text.coll.deactivate : text.coll.activate}
            </button>
          </form>
        </span>
      )}
      {state.formError && (
        <span className="w-full text-xs text-red-700" aria-live="polite">
          {state.formError}
        </span>
      )}
    </li>
  );
}

function AddCollector({ text, action }: { text: Text; action: Action }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const errors = state.fieldErrors ?? {};
  const v = state.ok ? {} : (state.values ?? {});
  return (
    // a new key after each success empties the form for the next collector
    <form
      key={state.seq ?? 0}
      action={formAction}
      className="flex flex-wrap items-start gap-2 rounded border border-dashed border-slate-300 p-2"
      data-testid="collector-add"
    >
      <Field label={text.coll.name} name="name" error={errors.name}>
        <input {...controlProps("name", errors.name)} defaultValue={(v.name as string) ?? ""} className={inputClass} />
      </Field>
      <Field label={text.coll.phone} name="phone" error={errors.phone}>
        <input {...controlProps("phone", errors.phone)} defaultValue={(v.phone as string) ?? ""} className={inputClass} inputMode="tel" />
      </Field>
      <div className="mt-6">
        <button className={buttonClass} disabled={pending} data-testid="collector-add-submit">
          {text.coll.add}
        </button>
      </div>
      <div className="w-full">
        <FormMessage error={state.formError} message={state.ok ? state.message : undefined} />
      </div>
    </form>
  );
}
