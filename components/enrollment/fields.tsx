"use client";
// Labelled inputs with their errors right below (aria-live, so screen readers hear them), for the
// enrollment forms. Controlled: the form keeps the values, so nothing typed is lost on an error.
import type { ReactNode } from "react";
import { DateField } from "@/components/ui/date-field";

const inputClass = (bad: boolean) =>
  `w-full rounded border px-2 py-1.5 text-sm ${bad ? "border-red-500 bg-red-50" : "border-slate-300"} focus:outline-none focus:ring-2 focus:ring-sky-500`;

export const fieldId = (name: string) => `f-${name.replace(/\./g, "-")}`;

export function Errors({ name, errors, children }: { name: string; errors?: string[]; children?: ReactNode }) {
  return (
    <div id={`${fieldId(name)}-err`} aria-live="polite" data-testid={`err-${name}`} className="text-xs text-red-700">
      {errors?.map((m) => <p key={m}>{m}</p>)}
      {children}
    </div>
  );
}

type Common = { name: string; label: string; errors?: string[]; hint?: ReactNode; required?: boolean; className?: string };

function Wrap({ name, label, errors, hint, required, className = "", children }: Common & { children: ReactNode }) {
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={fieldId(name)} className="block text-sm font-medium text-slate-700">
        {label}{required && <span className="text-red-600" aria-hidden> *</span>}
      </label>
      {children}
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      <Errors name={name} errors={errors} />
    </div>
  );
}

export function TextField(props: Common & { value: string; onChange: (v: string) => void; onBlur?: () => void; type?: string; inputMode?: "numeric" | "tel" | "text"; placeholder?: string; max?: string; autoComplete?: string }) {
  const { name, value, onChange, onBlur, type = "text", inputMode, placeholder, errors, max, autoComplete } = props;
  const bad = !!errors?.length;
  return (
    <Wrap {...props}>
      <input
        id={fieldId(name)} name={name} type={type} value={value} inputMode={inputMode} placeholder={placeholder} max={max} autoComplete={autoComplete ?? "off"}
        onChange={(e) => onChange(e.target.value)} onBlur={onBlur}
        aria-invalid={bad} aria-describedby={`${fieldId(name)}-err`} className={inputClass(bad)} data-testid={`in-${name}`}
      />
    </Wrap>
  );
}

/** A date field (dd/mm/yyyy shown, ISO kept): see components/ui/date-field.tsx. */
export function DateInputField(props: Common & { value: string; onChange: (v: string) => void; onBlur?: () => void; max?: string; min?: string }) {
  const { name, value, onChange, onBlur, errors, max, min } = props;
  const bad = !!errors?.length;
  return (
    <Wrap {...props}>
      <DateField
        id={fieldId(name)} name={name} value={value} onChange={onChange} onBlur={onBlur} max={max} min={min}
        aria-invalid={bad} aria-describedby={`${fieldId(name)}-err`} inputClassName={inputClass(bad)} data-testid={`in-${name}`}
      />
    </Wrap>
  );
}

export function SelectField(props: Common & { value: string; onChange: (v: string) => void; onBlur?: () => void; options: { value: string; label: string }[]; placeholder?: string; disabled?: boolean }) {
  const { name, value, onChange, onBlur, options, placeholder, errors, disabled } = props;
  const bad = !!errors?.length;
  return (
    <Wrap {...props}>
      <select
        id={fieldId(name)} name={name} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} onBlur={onBlur}
        aria-invalid={bad} aria-describedby={`${fieldId(name)}-err`} className={inputClass(bad)} data-testid={`in-${name}`}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </Wrap>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 text-sm font-semibold text-slate-800">{title}</legend>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">{children}</div>
    </fieldset>
  );
}
