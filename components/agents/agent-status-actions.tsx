"use client";
// Suspend / reactivate / end an agent's contract. Each asks for confirmation; the server re-checks
// the transition (another admin may have changed it meanwhile).
import { useActionState } from "react";
import type { agentsVi } from "@/lib/i18n/areas/agents";
import type { AgentAction } from "@/lib/domain/agent-status";
import { initialFormState, type FormState } from "@/lib/validation/form";
import { Field, FormMessage, controlProps, dangerButtonClass, inputClass, secondaryButtonClass } from "@/components/ui/fields";
import { DateField } from "@/components/ui/date-field";

export function AgentStatusActions({
  text,
  actions,
  action,
  today,
}: {
  text: typeof agentsVi;
  actions: AgentAction[];
  action: (prev: FormState, fd: FormData) => Promise<FormState>;
  today: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const errors = state.fieldErrors ?? {};
  const confirmOr = (message: string) => (e: React.MouseEvent) => {
    if (!window.confirm(message)) e.preventDefault();
  };
  if (actions.length === 0)
    return (
      <p className="text-sm text-slate-600" data-testid="agent-ended-note">
        {text.actions.endedFinal}
      </p>
    );
  return (
    <form action={formAction} className="space-y-2" data-testid="agent-status-form">
      <FormMessage error={state.formError} message={state.ok ? state.message : undefined} />
      <div className="flex flex-wrap items-end gap-3">
        {actions.includes("suspend") && (
          <button
            type="submit"
            name="action"
            value="suspend"
            disabled={pending}
            className={secondaryButtonClass}
            onClick={confirmOr(text.actions.confirmSuspend)}
            data-testid="agent-suspend"
          >
            {text.actions.suspend}
          </button>
        )}
        {actions.includes("reactivate") && (
          <button type="submit" name="action" value="reactivate" disabled={pending} className={secondaryButtonClass} data-testid="agent-reactivate">
            {text.actions.reactivate}
          </button>
        )}
        {actions.includes("end") && (
          <div className="flex items-end gap-2">
            <Field label={text.actions.endDate} name="contractEnd" error={errors.contractEnd}>
              <DateField
                {...controlProps("contractEnd", errors.contractEnd)}
                defaultValue={(state.values?.contractEnd as string) ?? today}
                max={today}
                inputClassName={inputClass}
                data-testid="in-end-contractEnd"
              />
            </Field>
            <button
              type="submit"
              name="action"
              value="end"
              disabled={pending}
              className={`${dangerButtonClass} mb-5`}
              onClick={confirmOr(text.actions.confirmEnd)}
              data-testid="agent-end"
            >
              {text.actions.end}
            </button>
          </div>
        )}
      </div>
    </form>
  );
}
