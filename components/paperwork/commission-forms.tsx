"use client";
// The commission rates page's forms: add a rate row (national administrators), delete a row not yet in force.
import { useActionState } from "react";
import type { commissionsVi } from "@/lib/i18n/areas/paperwork";
import { initialFormState, type FormState } from "@/lib/validation/form";
import { Field, FormMessage, buttonClass, controlProps, dangerButtonClass, inputClass } from "@/components/ui/fields";

type Text = (typeof commissionsVi)["rates"];
type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

export function AddRateForm({
  text,
  action,
  kinds,
  periods,
  today,
}: {
  text: Text;
  action: Action;
  kinds: { value: string; label: string }[];
  periods: { value: string; label: string }[];
  today: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const errors = state.fieldErrors ?? {};
  const v = (name: string, fallback = "") => (state.ok ? fallback : ((state.values?.[name] as string) ?? fallback));
  return (
    <form action={formAction} className="grid gap-2 sm:grid-cols-3" data-testid="rate-add" key={state.seq ?? 0}>
      <Field label={text.kind} name="agentKind" error={errors.agentKind}>
        <select {...controlProps("agentKind", errors.agentKind)} name="agentKind" defaultValue={v("agentKind")} className={inputClass}>
          <option value="" />
          {kinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label={text.period} name="paymentPeriod" error={errors.paymentPeriod}>
        <select {...controlProps("paymentPeriod", errors.paymentPeriod)} name="paymentPeriod" defaultValue={v("paymentPeriod")} className={inputClass}>
          <option value="">{text.anyPeriod}</option>
          {periods.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label={text.effectiveFrom} name="effectiveFrom" error={errors.effectiveFrom}>
        <input
          {...controlProps("effectiveFrom", errors.effectiveFrom)}
          type="date"
          name="effectiveFrom"
          defaultValue={v("effectiveFrom", today)}
          className={inputClass}
        />
      </Field>
      <Field label={text.newRate} name="newRate" error={errors.newRate}>
        <input {...controlProps("newRate", errors.newRate)} name="newRate" defaultValue={v("newRate")} className={inputClass} inputMode="decimal" />
      </Field>
      <Field label={text.renewalRate} name="renewalRate" error={errors.renewalRate}>
        <input
          {...controlProps("renewalRate", errors.renewalRate)}
          name="renewalRate"
          defaultValue={v("renewalRate")}
          className={inputClass}
          inputMode="decimal"
        />
      </Field>
      <Field label={text.legalBasis} name="legalBasis" error={errors.legalBasis}>
        <input {...controlProps("legalBasis", errors.legalBasis)} name="legalBasis" defaultValue={v("legalBasis")} className={inputClass} />
      </Field>
      <label className="tap flex items-center gap-2 text-sm sm:col-span-3">
        <input type="checkbox" name="sample" defaultChecked={v("sample") === "on"} className="h-5 w-5" />
        {text.sampleField}
      </label>
      <div className="flex items-center gap-3 sm:col-span-3">
        <button className={buttonClass} disabled={pending}>
          {text.save}
        </button>
        <FormMessage error={state.formError} message={state.ok ? state.message : undefined} />
      </div>
    </form>
  );
}

export function DeleteRateButton({ label, action }: { label: string; action: (prev: FormState) => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <button className={dangerButtonClass} disabled={pending} data-testid="rate-delete">
        {label}
      </button>
      <FormMessage error={state.formError} />
    </form>
  );
}
