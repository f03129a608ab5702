"use client";
// Create / edit a collection agent. The same zod schema runs here (instant feedback) and on the
// server; after a failed save the form shows what the user typed, with the error beside each field.
import { useActionState, useMemo, useState } from "react";
import { toSearchForm } from "@/lib/domain/text";
import type { agentsVi } from "@/lib/i18n/areas/agents";
import { AGENT_KINDS, agentSchema } from "@/lib/validation/agent";
import { fieldErrorsOf, readForm, initialFormState, type FieldErrors, type FormState } from "@/lib/validation/form";
import { Field, FormMessage, buttonClass, controlProps, inputClass, secondaryButtonClass } from "@/components/ui/fields";
import { DateField } from "@/components/ui/date-field";

type Text = typeof agentsVi;
type UnitOption = { code: string; fullName: string; areaCode: string | null };
export type AgentFormValues = {
  code: string;
  name: string;
  kind: string;
  areaCode: string;
  contractNo: string;
  contractStart: string;
  contractEnd: string;
  phone: string;
  address: string;
  communeCodes: string[];
};

export function AgentForm({
  text,
  action,
  initial,
  areas,
  communes,
  cancelHref,
  submitLabel,
}: {
  text: Text;
  action: (prev: FormState, fd: FormData) => Promise<FormState>;
  initial: AgentFormValues;
  areas: UnitOption[];
  communes: UnitOption[];
  cancelHref: string;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const v = { ...initial, ...(state.values as Partial<AgentFormValues> | undefined) };
  const errors = clientErrors ?? state.fieldErrors ?? {};
  const [area, setArea] = useState(initial.areaCode);
  const [selected, setSelected] = useState<Set<string>>(new Set(initial.communeCodes));
  const [showAll, setShowAll] = useState(false);
  const [filter, setFilter] = useState("");
  const schema = useMemo(() => agentSchema(text.v), [text.v]);

  const query = toSearchForm(filter);
  const visible = (c: UnitOption) => (showAll || c.areaCode === area || selected.has(c.code)) && (!query || toSearchForm(c.fullName).includes(query));
  const areaName = new Map(areas.map((a) => [a.code, a.fullName]));
  const toggle = (code: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(code)) n.delete(code);
      else n.add(code);
      return n;
    });

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    const r = schema.safeParse(readForm(new FormData(e.currentTarget), ["communeCodes"]));
    if (!r.success) {
      e.preventDefault();
      setClientErrors(fieldErrorsOf(r.error));
    } else setClientErrors(null);
  }

  const text2 = (name: keyof AgentFormValues, label: string, extra: React.InputHTMLAttributes<HTMLInputElement> = {}, hint?: string) => (
    <Field label={label} name={name} error={errors[name]} hint={hint}>
      <input {...controlProps(name, errors[name])} defaultValue={v[name] as string} className={inputClass} {...extra} />
    </Field>
  );

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4" data-testid="agent-form">
      <FormMessage error={state.formError} />
      <div className="grid gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3">
        {text2("code", text.f.code, { autoCapitalize: "characters", maxLength: 30 }, text.hints.code)}
        {text2("name", text.f.name, { maxLength: 200 })}
        <Field label={text.f.kind} name="kind" error={errors.kind}>
          <select {...controlProps("kind", errors.kind)} defaultValue={v.kind} className={inputClass}>
            <option value="">—</option>
            {AGENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {text.kinds[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={text.f.area} name="areaCode" error={errors.areaCode}>
          <select {...controlProps("areaCode", errors.areaCode)} value={area} onChange={(e) => setArea(e.target.value)} className={inputClass}>
            <option value="">—</option>
            {areas.map((a) => (
              <option key={a.code} value={a.code}>
                {a.fullName}
              </option>
            ))}
          </select>
        </Field>
        {text2("contractNo", text.f.contractNo, { maxLength: 50 })}
        {text2("phone", text.f.phone, { inputMode: "tel", maxLength: 20 })}
        <Field label={text.f.contractStart} name="contractStart" error={errors.contractStart}>
          <DateField
            {...controlProps("contractStart", errors.contractStart)}
            defaultValue={v.contractStart as string}
            inputClassName={inputClass}
            data-testid="in-contractStart"
          />
        </Field>
        <Field label={text.f.contractEnd} name="contractEnd" error={errors.contractEnd} hint={text.hints.contractEnd}>
          <DateField
            {...controlProps("contractEnd", errors.contractEnd)}
            defaultValue={v.contractEnd as string}
            inputClassName={inputClass}
            data-testid="in-contractEnd"
          />
        </Field>
        {text2("address", text.f.address, { maxLength: 300 })}
      </div>

      <fieldset className="rounded-lg border border-slate-200 bg-white p-4" aria-describedby="f-communeCodes-error">
        <legend className="px-1 text-sm font-medium text-slate-700">{text.f.communes}</legend>
        <p className="mb-2 text-xs text-slate-500">{text.hints.communes}</p>
        <div className="mb-2 flex flex-wrap items-center gap-4">
          <input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder={text.picker.filter}
            aria-label={text.picker.filter}
            className={`${inputClass} max-w-xs`}
          />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} data-testid="show-all-communes" />
            {text.picker.showAll}
          </label>
          <span className="text-sm text-slate-600" data-testid="communes-selected">
            {text.picker.selected.replace("{n}", String(selected.size))}
          </span>
        </div>
        {!area && !showAll && selected.size === 0 && <p className="text-sm text-slate-500">{text.picker.chooseArea}</p>}
        <ul className="grid max-h-72 gap-x-4 gap-y-1 overflow-y-auto sm:grid-cols-2 lg:grid-cols-3" data-testid="commune-picker">
          {communes.map((c) => (
            <li key={c.code} className={visible(c) ? "" : "hidden"}>
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="communeCodes" value={c.code} checked={selected.has(c.code)} onChange={() => toggle(c.code)} className="mt-0.5" />
                <span>
                  {c.fullName}{" "}
                  <span className="text-xs text-slate-500">
                    ({c.code}
                    {showAll && c.areaCode !== area ? ` · ${areaName.get(c.areaCode ?? "") ?? ""}` : ""})
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        <p id="f-communeCodes-error" aria-live="polite" className="mt-1 text-xs text-red-700" data-testid="error-communeCodes">
          {errors.communeCodes ?? ""}
        </p>
      </fieldset>

      <div className="flex gap-2">
        <button type="submit" disabled={pending} className={buttonClass} data-testid="agent-save">
          {pending ? text.saving : submitLabel}
        </button>
        <a href={cancelHref} className={secondaryButtonClass}>
          {text.cancel}
        </a>
      </div>
    </form>
  );
}
