"use client";
// The forms of the receipt books page: issue a book, void a number, close a book, the province's rules.
// Each posts to a server action bound to the agent (and book); errors show per field.
import { useActionState } from "react";
import type { paperworkVi } from "@/lib/i18n/areas/paperwork";
import { initialFormState, type FormState } from "@/lib/validation/form";
import { Field, FormMessage, buttonClass, controlProps, inputClass, secondaryButtonClass } from "@/components/ui/fields";

type Text = (typeof paperworkVi)["books"];
type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

function useForm(action: Action) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const errors = state.fieldErrors ?? {};
  const v = (name: string, fallback = "") => (state.ok ? fallback : ((state.values?.[name] as string) ?? fallback));
  return { state, formAction, pending, errors, v };
}

export function AddBookForm({ text, action, collectors, today }: { text: Text; action: Action; collectors: { id: number; name: string }[]; today: string }) {
  const { state, formAction, pending, errors, v } = useForm(action);
  return (
    <form action={formAction} className="grid gap-2 sm:grid-cols-4" data-testid="book-add" key={state.seq ?? 0}>
      <Field label={text.series} name="series" error={errors.series}>
        <input {...controlProps("series", errors.series)} name="series" defaultValue={v("series")} className={inputClass} placeholder="BH25-AG/" />
      </Field>
      <Field label={text.firstNo} name="firstNo" error={errors.firstNo}>
        <input {...controlProps("firstNo", errors.firstNo)} name="firstNo" defaultValue={v("firstNo")} className={inputClass} inputMode="numeric" />
      </Field>
      <Field label={text.lastNo} name="lastNo" error={errors.lastNo}>
        <input {...controlProps("lastNo", errors.lastNo)} name="lastNo" defaultValue={v("lastNo")} className={inputClass} inputMode="numeric" />
      </Field>
      <Field label={text.digits} name="digits" error={errors.digits}>
        <input {...controlProps("digits", errors.digits)} name="digits" defaultValue={v("digits", "7")} className={inputClass} inputMode="numeric" />
      </Field>
      <Field label={text.issuedOn} name="issuedOn" error={errors.issuedOn}>
        <input {...controlProps("issuedOn", errors.issuedOn)} type="date" name="issuedOn" defaultValue={v("issuedOn", today)} className={inputClass} />
      </Field>
      <Field label={text.collector} name="collectorId" error={errors.collectorId}>
        <select {...controlProps("collectorId", errors.collectorId)} name="collectorId" defaultValue={v("collectorId")} className={inputClass}>
          <option value="">{text.anyCollector}</option>
          {collectors.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={text.note} name="note" error={errors.note} className="sm:col-span-2">
        <input {...controlProps("note", errors.note)} name="note" defaultValue={v("note")} className={inputClass} />
      </Field>
      <div className="sm:col-span-4 flex items-center gap-3">
        <button className={buttonClass} disabled={pending}>
          {text.add}
        </button>
        <FormMessage error={state.formError} message={state.ok ? state.message : undefined} />
      </div>
    </form>
  );
}

export function VoidForm({ text, action }: { text: Text; action: Action }) {
  const { state, formAction, pending, errors, v } = useForm(action);
  return (
    <form action={formAction} className="flex flex-wrap items-start gap-2" data-testid="book-void" key={state.seq ?? 0}>
      <Field label={text.number} name="number" error={errors.number}>
        <input {...controlProps("number", errors.number)} name="number" defaultValue={v("number")} className={inputClass} inputMode="numeric" />
      </Field>
      <Field label={text.reason} name="reason" error={errors.reason}>
        <input {...controlProps("reason", errors.reason)} name="reason" defaultValue={v("reason")} className={inputClass} />
      </Field>
      <div className="mt-6 flex items-center gap-2">
        <button className={secondaryButtonClass} disabled={pending}>
          {text.void}
        </button>
        <FormMessage error={state.formError} message={state.ok ? state.message : undefined} />
      </div>
    </form>
  );
}

export function CloseForm({ text, action, today }: { text: Text; action: Action; today: string }) {
  const { state, formAction, pending, errors, v } = useForm(action);
  return (
    <form action={formAction} className="flex flex-wrap items-start gap-2" data-testid="book-close">
      <Field label={text.closedOn} name="closedOn" error={errors.closedOn}>
        <input {...controlProps("closedOn", errors.closedOn)} type="date" name="closedOn" defaultValue={v("closedOn", today)} className={inputClass} />
      </Field>
      <div className="mt-6 flex items-center gap-2">
        <button className={secondaryButtonClass} disabled={pending}>
          {text.close}
        </button>
        <FormMessage error={state.formError} message={state.ok ? state.message : undefined} />
      </div>
    </form>
  );
}

export function SettingsForm({
  text,
  action,
  settings,
}: {
  text: Text;
  action: Action;
  settings: { receiptCheck: "OFF" | "WARN" | "REFUSE"; remittanceDays: number };
}) {
  const { state, formAction, pending, errors, v } = useForm(action);
  return (
    <form action={formAction} className="flex flex-wrap items-start gap-2" data-testid="paperwork-settings">
      <Field label={text.receiptCheck} name="receiptCheck" error={errors.receiptCheck}>
        <select
          {...controlProps("receiptCheck", errors.receiptCheck)}
          name="receiptCheck"
          defaultValue={v("receiptCheck", settings.receiptCheck)}
          className={inputClass}
        >
          {(["OFF", "WARN", "REFUSE"] as const).map((m) => (
            <option key={m} value={m}>
              {text.checkModes[m]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={text.remittanceDays} name="remittanceDays" error={errors.remittanceDays}>
        <input
          {...controlProps("remittanceDays", errors.remittanceDays)}
          name="remittanceDays"
          defaultValue={v("remittanceDays", String(settings.remittanceDays))}
          className={inputClass}
          inputMode="numeric"
        />
      </Field>
      <div className="mt-6 flex items-center gap-2">
        <button className={buttonClass} disabled={pending}>
          {text.save}
        </button>
        <FormMessage error={state.formError} message={state.ok ? state.message : undefined} />
      </div>
    </form>
  );
}

type RemitText = (typeof paperworkVi)["remit"];

export function RemittanceForm({ text, action, today, monthStart }: { text: RemitText; action: Action; today: string; monthStart: string }) {
  const { state, formAction, pending, errors, v } = useForm(action);
  return (
    <form action={formAction} className="grid gap-2 sm:grid-cols-3" data-testid="remittance-add" key={state.seq ?? 0}>
      <Field label={text.remittedOn} name="remittedOn" error={errors.remittedOn}>
        <input {...controlProps("remittedOn", errors.remittedOn)} type="date" name="remittedOn" defaultValue={v("remittedOn", today)} className={inputClass} />
      </Field>
      <Field label={text.amount} name="amount" error={errors.amount}>
        <input {...controlProps("amount", errors.amount)} name="amount" defaultValue={v("amount")} className={inputClass} inputMode="numeric" />
      </Field>
      <Field label={text.bankReference} name="bankReference" error={errors.bankReference}>
        <input {...controlProps("bankReference", errors.bankReference)} name="bankReference" defaultValue={v("bankReference")} className={inputClass} />
      </Field>
      <Field label={text.periodFrom} name="periodFrom" error={errors.periodFrom}>
        <input
          {...controlProps("periodFrom", errors.periodFrom)}
          type="date"
          name="periodFrom"
          defaultValue={v("periodFrom", monthStart)}
          className={inputClass}
        />
      </Field>
      <Field label={text.periodTo} name="periodTo" error={errors.periodTo}>
        <input {...controlProps("periodTo", errors.periodTo)} type="date" name="periodTo" defaultValue={v("periodTo", today)} className={inputClass} />
      </Field>
      <Field label={text.note} name="note" error={errors.note}>
        <input {...controlProps("note", errors.note)} name="note" defaultValue={v("note")} className={inputClass} />
      </Field>
      <div className="sm:col-span-3 flex items-center gap-3">
        <button className={buttonClass} disabled={pending}>
          {text.add}
        </button>
        <FormMessage error={state.formError} message={state.ok ? state.message : undefined} />
      </div>
    </form>
  );
}
