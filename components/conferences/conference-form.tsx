"use client";
// Plan or record an outreach conference. The agent list follows the chosen commune: only agents
// serving that commune are offered (the server checks again, including the contract dates).
import { useActionState, useMemo, useState } from "react";
import type { Messages } from "@/lib/i18n/messages";
import type { AgentState } from "@/lib/domain/agent-status";
import { conferenceSchema } from "@/lib/validation/conference";
import { fieldErrorsOf, readForm, initialFormState, type FieldErrors, type FormState } from "@/lib/validation/form";
import { Field, FormMessage, buttonClass, controlProps, inputClass, secondaryButtonClass } from "@/components/ui/fields";
import { DateField } from "@/components/ui/date-field";

// the conferences' own text, and the agents area's buttons, agent states and validation messages
type Text = Pick<Messages, "agents" | "conferences">;
export type ConferenceFormValues = { heldOn: string; communeCode: string; agentId: string; title: string; attendees: string };

export function ConferenceForm({
  text,
  action,
  initial,
  communes,
  agents,
  cancelHref,
}: {
  text: Text;
  action: (prev: FormState, fd: FormData) => Promise<FormState>;
  initial: ConferenceFormValues;
  communes: { code: string; fullName: string }[];
  agents: { id: number; name: string; state: AgentState; communes: string[] }[];
  cancelHref: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [commune, setCommune] = useState(initial.communeCode);
  const [agentId, setAgentId] = useState(initial.agentId);
  const schema = useMemo(() => conferenceSchema(text.agents.v), [text.agents.v]);
  const v = { ...initial, ...(state.values as Partial<ConferenceFormValues> | undefined) };
  const errors = clientErrors ?? state.fieldErrors ?? {};
  const c = text.conferences;
  const serving = agents.filter((a) => a.communes.includes(commune));

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    const r = schema.safeParse(readForm(new FormData(e.currentTarget)));
    if (!r.success) {
      e.preventDefault();
      setClientErrors(fieldErrorsOf(r.error));
    } else setClientErrors(null);
  }

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4" data-testid="conference-form">
      <FormMessage error={state.formError} />
      <div className="grid gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <Field label={c.name} name="title" error={errors.title} className="sm:col-span-2">
          <input {...controlProps("title", errors.title)} defaultValue={v.title} maxLength={300} className={inputClass} />
        </Field>
        <Field label={c.heldOn} name="heldOn" error={errors.heldOn}>
          <DateField {...controlProps("heldOn", errors.heldOn)} defaultValue={v.heldOn} inputClassName={inputClass} data-testid="in-heldOn" />
        </Field>
        <Field label={c.attendees} name="attendees" error={errors.attendees}>
          <input {...controlProps("attendees", errors.attendees)} defaultValue={v.attendees} inputMode="numeric" className={inputClass} />
        </Field>
        <Field label={c.commune} name="communeCode" error={errors.communeCode}>
          <select
            {...controlProps("communeCode", errors.communeCode)}
            value={commune}
            onChange={(e) => {
              setCommune(e.target.value);
              setAgentId("");
            }}
            className={inputClass}
          >
            <option value="">—</option>
            {communes.map((u) => (
              <option key={u.code} value={u.code}>
                {u.fullName} ({u.code})
              </option>
            ))}
          </select>
        </Field>
        <Field label={c.agent} name="agentId" error={errors.agentId}>
          <select
            {...controlProps("agentId", errors.agentId)}
            value={agentId}
            onChange={(e) => setAgentId(e.target.value)}
            className={inputClass}
            disabled={!commune}
          >
            <option value="">{c.noAgent}</option>
            {serving.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {a.name}
                {a.state !== "ACTIVE" ? ` — ${text.agents.states[a.state]}` : ""}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className={buttonClass} data-testid="conference-save">
          {pending ? text.agents.saving : text.agents.save}
        </button>
        <a href={cancelHref} className={secondaryButtonClass}>
          {text.agents.cancel}
        </a>
      </div>
    </form>
  );
}

export function DeleteConference({ text, action }: { text: Messages["conferences"]; action: (prev: FormState, fd: FormData) => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="space-y-2">
      <FormMessage error={state.formError} />
      <button
        className="rounded border border-red-300 bg-white px-3 py-1.5 text-sm text-red-700 hover:bg-red-50"
        disabled={pending}
        onClick={(e) => {
          if (!window.confirm(text.confirmDelete)) e.preventDefault();
        }}
        data-testid="conference-delete"
      >
        {text.delete}
      </button>
    </form>
  );
}
