"use client";
// Adding a dated regulation value (a new row; rows in force are never edited), and deleting a row
// that is not yet in force.
import { useActionState, useMemo, useState } from "react";
import type { Messages } from "@/lib/i18n/messages";
import {
  POLICY_KINDS,
  POLICY_UNITS,
  SUBSIDY_GROUP_NAMES,
  milestoneSchema,
  policyParameterSchema,
  provincialTopUpSchema,
  subsidyTierSchema,
  type PolicyKindName,
} from "@/lib/validation/reference";
import { fieldErrorsOf, readForm, initialFormState, type FieldErrors, type FormState } from "@/lib/validation/form";
import { Field, FormMessage, buttonClass, controlProps, inputClass } from "@/components/ui/fields";
import { DateField } from "@/components/ui/date-field";

// the reference data's text, and the agents area's validation messages (the schemas' `AgentText`)
type Text = Pick<Messages, "agents" | "reference">;
type Action = (prev: FormState, fd: FormData) => Promise<FormState>;
export type PolicyFormKind = "parameter" | "subsidy" | "topup" | "milestone";

export function PolicyAddForm({
  text,
  kind,
  action,
  provinces = [],
  today,
}: {
  text: Text;
  kind: PolicyFormKind;
  action: Action;
  provinces?: { code: string; fullName: string }[];
  today: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [paramKind, setParamKind] = useState<PolicyKindName | "">("");
  const [date, setDate] = useState("");
  const t = text.reference.policy;
  const schema = useMemo(
    () => ({ parameter: policyParameterSchema, subsidy: subsidyTierSchema, topup: provincialTopUpSchema, milestone: milestoneSchema })[kind](text.agents.v),
    [kind, text.agents.v],
  );
  const errors = clientErrors ?? state.fieldErrors ?? {};
  const v = state.ok ? {} : (state.values ?? {});
  const val = (name: string) => (v[name] as string | undefined) ?? "";

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    const r = schema.safeParse(readForm(new FormData(e.currentTarget)));
    if (!r.success) {
      e.preventDefault();
      setClientErrors(fieldErrorsOf(r.error));
    } else setClientErrors(null);
  }

  const unitHint = (k: PolicyKindName | "") => {
    if (!k) return undefined;
    const u = POLICY_UNITS[k];
    return u.unit === "percent" ? `${t.units[k]} (≤ ${u.decimals})` : t.units[k];
  };
  const groupSelect = (
    <Field label={t.group} name="group" error={errors.group}>
      <select {...controlProps("group", errors.group)} defaultValue={val("group")} className={inputClass}>
        <option value="">—</option>
        {SUBSIDY_GROUP_NAMES.map((g) => (
          <option key={g} value={g}>
            {text.reference.groups[g]}
          </option>
        ))}
      </select>
    </Field>
  );
  const rateInput = (
    <Field label={t.rate} name="rate" error={errors.rate}>
      <input {...controlProps("rate", errors.rate)} defaultValue={val("rate")} inputMode="decimal" placeholder="50" className={`${inputClass} w-24`} />
    </Field>
  );
  const dateInput = (
    <Field label={t.effectiveFrom} name="effectiveFrom" error={errors.effectiveFrom}>
      <DateField
        {...controlProps("effectiveFrom", errors.effectiveFrom)}
        defaultValue={val("effectiveFrom")}
        onChange={setDate}
        inputClassName={inputClass}
        data-testid="in-effectiveFrom"
      />
    </Field>
  );
  const legal = (
    <Field label={t.legalBasis} name="legalBasis" error={errors.legalBasis} className="min-w-64 flex-1">
      <input {...controlProps("legalBasis", errors.legalBasis)} defaultValue={val("legalBasis")} maxLength={300} className={inputClass} />
    </Field>
  );

  return (
    <form
      key={state.seq ?? 0}
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      className="space-y-2 rounded border border-dashed border-slate-300 bg-slate-50 p-3"
      data-testid={`policy-add-${kind}`}
    >
      <div className="flex flex-wrap items-start gap-3">
        {kind === "parameter" && (
          <>
            <Field label={t.kind} name="kind" error={errors.kind}>
              <select
                {...controlProps("kind", errors.kind)}
                defaultValue={val("kind")}
                onChange={(e) => setParamKind(e.target.value as PolicyKindName | "")}
                className={inputClass}
              >
                <option value="">—</option>
                {POLICY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t.kinds[k]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t.value} name="value" error={errors.value} hint={unitHint(paramKind)}>
              <input {...controlProps("value", errors.value)} defaultValue={val("value")} inputMode="decimal" className={`${inputClass} w-36`} />
            </Field>
          </>
        )}
        {kind === "topup" &&
          (provinces.length === 1 ? (
            <input type="hidden" name="provinceCode" value={provinces[0].code} />
          ) : (
            <Field label={t.province} name="provinceCode" error={errors.provinceCode}>
              <select {...controlProps("provinceCode", errors.provinceCode)} defaultValue={val("provinceCode")} className={inputClass}>
                <option value="">—</option>
                {provinces.map((u) => (
                  <option key={u.code} value={u.code}>
                    {u.fullName}
                  </option>
                ))}
              </select>
            </Field>
          ))}
        {(kind === "subsidy" || kind === "topup") && (
          <>
            {groupSelect}
            {rateInput}
          </>
        )}
        {kind === "milestone" ? (
          <>
            <Field label={t.year} name="year" error={errors.year}>
              <input {...controlProps("year", errors.year)} defaultValue={val("year")} inputMode="numeric" className={`${inputClass} w-24`} />
            </Field>
            <Field label={t.share} name="share" error={errors.share}>
              <input {...controlProps("share", errors.share)} defaultValue={val("share")} inputMode="decimal" className={`${inputClass} w-24`} />
            </Field>
          </>
        ) : (
          dateInput
        )}
        {legal}
        <div className="mt-6">
          <button className={buttonClass} disabled={pending} data-testid={`policy-add-${kind}-submit`}>
            {t.add}
          </button>
        </div>
      </div>
      {date && date < today && <p className="text-xs text-amber-800">{t.pastDateWarning}</p>}
      <FormMessage error={state.formError} message={state.ok ? state.message : undefined} />
    </form>
  );
}

export function DeletePolicyRow({ text, action }: { text: Messages["reference"]; action: Action }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="inline">
      <button
        className="text-xs text-red-700 hover:underline"
        disabled={pending}
        onClick={(e) => {
          if (!window.confirm(text.policy.confirmDelete)) e.preventDefault();
        }}
      >
        {text.policy.delete}
      </button>
      {state.formError && (
        <span className="ml-2 text-xs text-red-700" aria-live="polite">
          {state.formError}
        </span>
      )}
    </form>
  );
}
