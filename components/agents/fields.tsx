// Form building blocks for the agents, conferences and reference screens: a label, the control,
// a hint, and the error next to it (announced by screen readers).
import type { ReactNode } from "react";

export const inputClass = "w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm aria-[invalid=true]:border-red-500";
export const buttonClass = "tap justify-center rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60";
export const secondaryButtonClass = "tap justify-center rounded border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-60";
export const dangerButtonClass = "tap justify-center rounded border border-red-300 bg-white px-3 py-1.5 text-sm text-red-700 hover:bg-red-50 disabled:opacity-60";

export function Field({ label, name, error, hint, children, className = "" }: { label: string; name: string; error?: string; hint?: string; children: ReactNode; className?: string }) {
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={`f-${name}`} className="text-sm font-medium text-slate-700">{label}</label>
      {children}
      {hint && <p className="text-xs text-slate-500" id={`f-${name}-hint`}>{hint}</p>}
      <p id={`f-${name}-error`} aria-live="polite" className="min-h-0 text-xs text-red-700" data-testid={`error-${name}`}>{error ?? ""}</p>
    </div>
  );
}

/** Props that tie a control to its Field: id, name, and the invalid/described-by attributes. */
export function controlProps(name: string, error?: string) {
  return { id: `f-${name}`, name, "aria-invalid": error ? true : undefined, "aria-describedby": `f-${name}-error` } as const;
}

export function FormMessage({ error, message }: { error?: string; message?: string }) {
  return (
    <div aria-live="polite">
      {error && <p className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="form-error">{error}</p>}
      {message && <p className="rounded border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="form-message">{message}</p>}
    </div>
  );
}
