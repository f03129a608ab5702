"use client";
// A labelled, controlled date field for the enrollment forms: the kit's Field around the one date
// field (dd/mm/yyyy shown, yyyy-mm-dd kept: components/ui/date-field.tsx). The enrollment schemas read
// dd/mm/yyyy too, so before the scripts have run the form posts the text as typed (textBeforeScripts).
import type { ReactNode } from "react";
import { DateField } from "@/components/ui/date-field";
import { Field, controlProps, inputClass } from "@/components/ui/fields";

export function DateInputField(props: {
  name: string;
  label: string;
  errors?: string | readonly string[];
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  value: string;
  onChange: (v: string) => void;
  onBlur?: () => void;
  max?: string;
  min?: string;
}) {
  const { name, label, errors, hint, required, className, value, onChange, onBlur, max, min } = props;
  return (
    <Field name={name} label={label} error={errors} hint={hint} required={required} className={className}>
      <DateField
        {...controlProps(name, errors)}
        value={value}
        onChange={onChange}
        onBlur={onBlur}
        max={max}
        min={min}
        inputClassName={inputClass}
        textBeforeScripts
        data-testid={`in-${name}`}
      />
    </Field>
  );
}
