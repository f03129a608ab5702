"use client";
// Recording a payment (renewal) for one enrollee, with the amounts and the new period shown live. Checked
// with the server's zod schema, loaded just after first paint (./use-validation.ts).
import Link from "next/link";
import { useActionState, useMemo, useState, startTransition, type FormEvent } from "react";
import { isAgentSelectable, type AgentStatus } from "@/lib/domain/agent-status";
import { isLumpSum, type PolicySnapshot } from "@/lib/domain/contribution";
import { PAYMENT_PERIODS } from "@/lib/domain/types";
import { type Locale, type Messages } from "@/lib/i18n/messages";
import { formatNumber } from "@/lib/i18n/format";
import { AT_OFFICE, PAYMENT_METHODS, type FieldMessages } from "@/lib/validation/enrollee-values";
import type { RegistrationOptions } from "@/lib/server/enrollment/enrollees";
import { ContributionPreview } from "./contribution-preview";
import { SubmitBar } from "./submit-bar";
import { fieldId, Section, SelectField, TextField } from "@/components/ui/fields";
import { initialFormState, type FormState } from "@/lib/validation/form-state";
import { loadedValidation, loadValidation, useValidation, type EnrollmentValidation } from "./use-validation";
import { DateInputField } from "./date-input-field";
import { usePolicy, type PolicyLookup } from "./use-policy";
import { OfflineNote, useOfflineSubmit } from "@/components/offline/use-offline-submit";
import { previewResult } from "./contribution-preview";

type Props = {
  locale: Locale;
  t: Messages["enrollment"];
  today: string;
  initialPolicy: PolicySnapshot | null;
  enrollee: {
    id: number;
    version: number;
    communeCode: string;
    subsidyGroup: string;
    subsidyMonthsUsed: number;
    coverageEnd: string | null;
    declaredIncome: number;
    paymentPeriod: string;
    agentId: number | null;
    agentName: string | null;
    /** the name shown in the offline queue */
    fullName?: string;
  };
  agents: RegistrationOptions["agents"];
  action: (prev: FormState, input: unknown) => Promise<FormState>;
  /** policyAction of app/(app)/enrollees/actions.ts */
  policyAction: PolicyLookup;
  /** queue the payment when the browser is offline (issue 12) */
  offlineT?: Messages["offline"];
};

/** The schema's messages per field, and who collected it (none from the schema while it has not arrived). */
function errorsFor(m: EnrollmentValidation | null, locale: Locale, policy: PolicySnapshot | null, input: { agentId: string }, agentRequired: string) {
  const r = m?.schemasFor(locale, policy).payment.safeParse(input);
  const errors: FieldMessages = r && !r.success ? m!.fieldMessages(r.error) : {};
  // who collected it: an agent, or the office chosen explicitly (the server checks it too)
  if (!input.agentId) errors.agentId = [agentRequired];
  return errors;
}

export function PaymentForm({ locale, t, today, initialPolicy, enrollee, agents, action, policyAction, offlineT }: Props) {
  const [values, setValues] = useState({
    method: "CASH",
    receiptNo: "",
    paidOn: today,
    period: enrollee.paymentPeriod,
    months: "",
    declaredIncome: formatNumber(enrollee.declaredIncome, locale),
    agentId: enrollee.agentId ? String(enrollee.agentId) : "",
  });
  const [submitted, setSubmitted] = useState(false);
  const [changed, setChanged] = useState<Set<string>>(new Set());
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const { policy, loading } = usePolicy(initialPolicy, values.paidOn, policyAction);
  const offline = useOfflineSubmit(offlineT ?? ({} as Messages["offline"]));

  const input = useMemo(() => ({ ...values, months: isLumpSum(values.period) ? values.months : "", version: enrollee.version }), [values, enrollee.version]);
  const validation = useValidation();
  const clientErrors = useMemo(() => errorsFor(validation, locale, policy, input, t.v.agentRequired), [validation, input, locale, policy, t.v.agentRequired]);
  const errorsOf = (name: string) => (!changed.has(name) && state.fieldErrors?.[name] ? [state.fieldErrors[name]] : submitted ? clientErrors[name] : undefined);
  const set = (name: keyof typeof values) => (v: string) => {
    setValues((o) => ({ ...o, [name]: v }));
    setChanged((s) => new Set([...s, name, "_form"]));
  };

  const agentOptions = useMemo(() => {
    const list = agents
      .filter(
        (a) =>
          a.communes.includes(enrollee.communeCode) &&
          isAgentSelectable({ status: a.status as AgentStatus, contractStart: a.contractStart, contractEnd: a.contractEnd }, values.paidOn || today),
      )
      .map((a) => ({ value: String(a.id), label: `${a.name} (${a.code})` }));
    if (enrollee.agentId && !list.some((o) => o.value === String(enrollee.agentId)))
      list.unshift({ value: String(enrollee.agentId), label: `${enrollee.agentName ?? enrollee.agentId} — ${t.pay.agentDefault}` });
    return [...list, { value: AT_OFFICE, label: t.atOffice }];
  }, [agents, enrollee, values.paidOn, today, t]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    const m = loadedValidation();
    // tapped before the schema arrived: check once it has (if it cannot be loaded, the server checks)
    if (!m) return void loadValidation().then(submit, () => submit(null));
    submit(m);
  }
  function submit(m: EnrollmentValidation | null) {
    const first = Object.keys(errorsFor(m, locale, policy, input, t.v.agentRequired))[0];
    if (first) {
      document.getElementById(fieldId(first))?.focus();
      return;
    }
    // offline (issue 12): the same checks passed; queue it with the coverage end seen (a payment recorded
    // meanwhile by someone else is then refused as an overlap, not stacked after it)
    if (offlineT) {
      const r = previewResult(preview);
      const { version: _v, ...data } = input;
      void _v;
      if (
        offline.queueIfOffline(
          {
            kind: "payment",
            enrolleeId: enrollee.id,
            coverageEndSeen: enrollee.coverageEnd,
            data,
            label: enrollee.fullName ?? `#${enrollee.id}`,
            amount: r?.ok ? r.value.net : null,
          },
          () => setValues((o) => ({ ...o, receiptNo: "" })),
        )
      )
        return;
    }
    setChanged(new Set());
    startTransition(() => formAction(input));
  }
  const preview = {
    policy,
    income: values.declaredIncome,
    period: values.period,
    months: values.months,
    subsidyGroup: enrollee.subsidyGroup,
    subsidyMonthsUsed: enrollee.subsidyMonthsUsed,
    coverageEnd: enrollee.coverageEnd,
    paidOn: values.paidOn,
  };
  const formError = state.formError ?? (!changed.has("_form") ? state.fieldErrors?._form : undefined);

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 lg:grid-cols-[1fr_20rem]" data-testid="payment-form">
      <div className="space-y-4">
        {formError && (
          <p className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800" data-testid="form-error">
            {formError}
          </p>
        )}
        {offlineT && <OfflineNote note={offline.note} t={offlineT} />}
        <Section title={t.register.plan}>
          <TextField
            name="declaredIncome"
            label={t.f.declaredIncome}
            required
            inputMode="numeric"
            value={values.declaredIncome}
            onChange={set("declaredIncome")}
            errors={errorsOf("declaredIncome")}
          />
          <SelectField
            name="period"
            label={t.f.paymentPeriod}
            required
            value={values.period}
            onChange={set("period")}
            options={PAYMENT_PERIODS.map((k) => ({ value: k, label: t.period[k] }))}
            errors={errorsOf("period")}
          />
          {isLumpSum(values.period) && (
            <TextField
              name="months"
              label={t.f.months}
              required
              inputMode="numeric"
              value={values.months}
              onChange={set("months")}
              hint={t.hints.months}
              errors={errorsOf("months")}
            />
          )}
        </Section>
        <Section title={t.detail.pay}>
          <SelectField
            name="method"
            label={t.f.method}
            required
            value={values.method}
            onChange={set("method")}
            options={PAYMENT_METHODS.map((k) => ({ value: k, label: t.method[k] }))}
            errors={errorsOf("method")}
          />
          <TextField name="receiptNo" label={t.f.receiptNo} required value={values.receiptNo} onChange={set("receiptNo")} errors={errorsOf("receiptNo")} />
          <DateInputField name="paidOn" label={t.f.paidOn} max={today} value={values.paidOn} onChange={set("paidOn")} errors={errorsOf("paidOn")} />
          <SelectField
            name="agentId"
            label={t.f.agent}
            value={values.agentId}
            onChange={set("agentId")}
            placeholder={t.chooseAgent}
            options={agentOptions}
            errors={errorsOf("agentId")}
          />
        </Section>
        <SubmitBar input={preview} locale={locale} amountLabel={t.detail.cols.net}>
          <button
            type="submit"
            disabled={pending || loading}
            className="rounded bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800 disabled:opacity-60"
            data-testid="submit"
          >
            {pending ? t.register.submitting : t.pay.submit}
          </button>
          <Link href={`/enrollees/${enrollee.id}`} className="tap text-sm text-slate-600 hover:underline">
            {t.edit.cancel}
          </Link>
        </SubmitBar>
      </div>
      <div className="lg:sticky lg:top-4 lg:self-start">
        <ContributionPreview locale={locale} t={t} input={preview} />
      </div>
    </form>
  );
}
