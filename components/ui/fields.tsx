// The one form-field kit (issue 16, item 4): a label, the control, a hint and the error right below it
// (aria-live, so screen readers hear it), for every form — uncontrolled (`Field` + `controlProps`, the
// agents, conferences, reference and user forms) or controlled (`TextField`, `SelectField`, the
// enrollment forms, which keep their values so nothing typed is lost on an error — nor what was typed
// before the page's scripts ran: ./use-hydrated.ts). Server errors come
// from FormState.fieldErrors (lib/validation/form.ts), one message per field; client-side checks may
// show several.
import type { ReactNode } from "react";
import { useKeepTyped } from "./use-hydrated";

export const inputClass =
  "w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm aria-[invalid=true]:border-red-500 aria-[invalid=true]:bg-red-50 focus:outline-none focus:ring-2 focus:ring-sky-500";
export const buttonClass = "tap justify-center rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60";
export const secondaryButtonClass =
  "tap justify-center rounded border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-60";
export const dangerButtonClass =
  "tap justify-center rounded border border-red-300 bg-white px-3 py-1.5 text-sm text-red-700 hover:bg-red-50 disabled:opacity-60";

/** The id of a field's control ("payment.receiptNo" → "f-payment-receiptNo"); its error is `${id}-error`. */
export const fieldId = (name: string) => `f-${name.replace(/\./g, "-")}`;

type ErrorText = string | readonly string[] | undefined;
const messagesOf = (e: ErrorText): readonly string[] => (e === undefined ? [] : typeof e === "string" ? (e ? [e] : []) : e);

/** A field's error(s), where its control's aria-describedby points. */
export function FieldError({ name, error, children }: { name: string; error?: ErrorText; children?: ReactNode }) {
  return (
    <div id={`${fieldId(name)}-error`} aria-live="polite" data-testid={`error-${name}`} className="text-xs text-red-700">
      {messagesOf(error).map((m) => (
        <p key={m}>{m}</p>
      ))}
      {children}
    </div>
  );
}

/** A labelled field around any control; `error` shows below it. */
export function Field({
  label,
  name,
  error,
  hint,
  required,
  children,
  className = "",
}: {
  label: string;
  name: string;
  error?: ErrorText;
  hint?: ReactNode;
  required?: boolean;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={fieldId(name)} className="text-sm font-medium text-slate-700">
        {label}
        {required && (
          <span className="text-red-600" aria-hidden>
            {" "}
            *
          </span>
        )}
      </label>
      {children}
      {hint && (
        <p className="text-xs text-slate-500" id={`${fieldId(name)}-hint`}>
          {hint}
        </p>
      )}
      <FieldError name={name} error={error} />
    </div>
  );
}

/** Props that tie an uncontrolled control to its Field: id, name, and the invalid/described-by attributes. */
export function controlProps(name: string, error?: ErrorText) {
  return { id: fieldId(name), name, "aria-invalid": messagesOf(error).length ? true : undefined, "aria-describedby": `${fieldId(name)}-error` } as const;
}

/** The form's own message: a refusal or rule failure (FormState.formError), or a success message. */
export function FormMessage({ error, message }: { error?: string; message?: string }) {
  return (
    <div aria-live="polite">
      {error && (
        <p className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="form-error">
          {error}
        </p>
      )}
      {message && (
        <p className="rounded border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="form-message">
          {message}
        </p>
      )}
    </div>
  );
}

type Controlled = {
  name: string;
  label: string;
  errors?: ErrorText;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  value: string;
  onChange: (v: string) => void;
  onBlur?: () => void;
};

export function TextField(
  props: Controlled & { type?: string; inputMode?: "numeric" | "tel" | "text"; placeholder?: string; max?: string; autoComplete?: string },
) {
  const { name, label, errors, hint, required, className, value, onChange, onBlur, type = "text", inputMode, placeholder, max, autoComplete } = props;
  const ref = useKeepTyped<HTMLInputElement>(value, onChange);
  return (
    <Field name={name} label={label} error={errors} hint={hint} required={required} className={className}>
      <input
        ref={ref}
        {...controlProps(name, errors)}
        type={type}
        value={value}
        inputMode={inputMode}
        placeholder={placeholder}
        max={max}
        autoComplete={autoComplete ?? "off"}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        className={inputClass}
        data-testid={`in-${name}`}
      />
    </Field>
  );
}

export function SelectField(props: Controlled & { options: { value: string; label: string }[]; placeholder?: string; disabled?: boolean }) {
  const { name, label, errors, hint, required, className, value, onChange, onBlur, options, placeholder, disabled } = props;
  const ref = useKeepTyped<HTMLSelectElement>(value, onChange);
  return (
    <Field name={name} label={label} error={errors} hint={hint} required={required} className={className}>
      <select
        ref={ref}
        {...controlProps(name, errors)}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        className={inputClass}
        data-testid={`in-${name}`}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A titled group of fields in a responsive grid. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 text-sm font-semibold text-slate-800">{title}</legend>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">{children}</div>
    </fieldset>
  );
}
