"use client";
// Deleting a registration made in error (only offered for someone who never paid; the server re-checks).
import { useActionState } from "react";
import { initialFormState, type FormState } from "@/lib/validation/form";

export function DeleteEnrollee({
  action,
  label,
  confirmText,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  label: string;
  confirmText: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (!window.confirm(confirmText)) e.preventDefault();
      }}
      className="inline"
    >
      <button disabled={pending} className="rounded border border-red-300 px-3 py-1.5 text-sm text-red-700 hover:bg-red-50" data-testid="delete">
        {label}
      </button>
      {state.formError && (
        <span className="ml-2 text-sm text-red-700" aria-live="polite">
          {state.formError}
        </span>
      )}
    </form>
  );
}
