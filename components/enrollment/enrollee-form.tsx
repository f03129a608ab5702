"use client";
// The registration form (/enrollees/new) and the edit form (/enrollees/[id]/edit).
// Validation runs here with the same zod schema as the server (lib/validation/enrollee.ts, with the
// policy of the payment date for the income range; loaded just after first paint: ./use-validation.ts),
// and again on the server, whose field errors come back next to the same fields. Values are controlled
// state, so an error never loses what was typed.
import Link from "next/link";
import { useActionState, useMemo, useRef, useState, startTransition, type FormEvent } from "react";
import { isAgentSelectable, type AgentStatus } from "@/lib/domain/agent-status";
import { incomeCeiling, isLumpSum, type PolicySnapshot } from "@/lib/domain/contribution";
import { PAYMENT_PERIODS, SEXES, SUBSIDY_GROUPS } from "@/lib/domain/types";
import { ETHNICITIES } from "@/lib/domain/ethnicities";
import { fill, type Locale, type Messages } from "@/lib/i18n/messages";
import { formatDate, formatVnd } from "@/lib/i18n/format";
import {
  AT_OFFICE,
  OCCUPATIONS,
  PAYMENT_METHODS,
  enrolleeInput,
  enrolleeValuesFromForm,
  type EnrolleeValues,
  type FieldMessages,
} from "@/lib/validation/enrollee-values";
import type { RegistrationOptions } from "@/lib/server/enrollment/enrollees";
import { ContributionPreview } from "./contribution-preview";
import { SubmitBar } from "./submit-bar";
import { FieldError, fieldId, Section, SelectField, TextField } from "@/components/ui/fields";
import { initialFormState, type FormState } from "@/lib/validation/form-state";
import { loadedValidation, loadValidation, useValidation, type EnrollmentValidation } from "./use-validation";
import { DateInputField } from "./date-input-field";
import { usePolicy, type PolicyLookup } from "./use-policy";
import { OfflineNote, useOfflineSubmit } from "@/components/offline/use-offline-submit";
import { previewResult } from "./contribution-preview";

type Props = {
  mode: "register" | "edit";
  locale: Locale;
  t: Messages["enrollment"];
  options: RegistrationOptions;
  initialPolicy: PolicySnapshot | null;
  today: string;
  initial: EnrolleeValues;
  /** edit: the version read, and the current agent/conference even if no longer selectable */
  version?: number;
  current?: { agent: { id: number; name: string } | null; conference: { id: number; title: string } | null };
  action: (prev: FormState, input: unknown) => Promise<FormState>;
  /** policyAction of app/(app)/enrollees/actions.ts */
  policyAction: PolicyLookup;
  cancelHref?: string;
  /** register: queue the entry when the browser is offline (issue 12) */
  offlineT?: Messages["offline"];
};

/** The schema's messages per field for this input (none while the schemas have not arrived). */
function errorsFor(m: EnrollmentValidation | null, mode: Props["mode"], locale: Locale, policy: PolicySnapshot | null, input: unknown): FieldMessages {
  if (!m) return {};
  const s = m.schemasFor(locale, policy);
  const r = mode === "register" ? s.registration.safeParse(input) : s.enrolleeUpdate.safeParse(input);
  return r.success ? {} : m.fieldMessages(r.error);
}

export function EnrolleeForm({ mode, locale, t, options, initialPolicy, today, initial, version, current, action, policyAction, cancelHref, offlineT }: Props) {
  // posted before the page's scripts ran and refused: the server's answer holds what was typed (enrolleeFormInput)
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const [values, setValues] = useState<EnrolleeValues>(() => (state.values ? enrolleeValuesFromForm(state.values, initial) : initial));
  const [confirmDuplicate, setConfirmDuplicate] = useState(state.values?.confirmDuplicate === "on");
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(!!state.values);
  const [changedSinceSubmit, setChangedSinceSubmit] = useState<Set<string>>(new Set());
  const formRef = useRef<HTMLFormElement>(null);
  const offline = useOfflineSubmit(offlineT ?? ({} as Messages["offline"]));

  const paymentDate = mode === "register" ? values.paidOn : today;
  const { policy, loading } = usePolicy(initialPolicy, paymentDate, policyAction);

  const input = useMemo(
    () => (mode === "register" ? enrolleeInput(values, { mode, confirmDuplicate }) : enrolleeInput(values, { mode, version })),
    [values, mode, confirmDuplicate, version],
  );

  const validation = useValidation();
  const clientErrors = useMemo(() => errorsFor(validation, mode, locale, policy, input), [validation, input, locale, policy, mode]);

  const errorsOf = (name: string): string[] | undefined => {
    const server = !changedSinceSubmit.has(name) ? state.fieldErrors?.[name] : undefined;
    if (server) return [server];
    return submitted || touched.has(name) ? clientErrors[name] : undefined;
  };

  const set =
    (name: keyof EnrolleeValues, deps: string[] = []) =>
    (v: string) => {
      setValues((old) => {
        const next = { ...old, [name]: v };
        // the agent and conference belong to the commune: drop them when the commune changes
        if (name === "communeCode") {
          if (!options.fixedAgentId && old.agentId !== AT_OFFICE && !agentsFor(v).some((a) => String(a.id) === old.agentId)) next.agentId = "";
          if (!options.conferences.some((c) => c.communeCode === v && String(c.id) === old.conferenceId)) next.conferenceId = "";
        }
        return next;
      });
      setChangedSinceSubmit((s) => new Set([...s, name, ...deps]));
    };
  const blur = (name: string) => () => setTouched((s) => new Set([...s, name]));
  // the TK1-TS extras sit folded ("more") to keep the form short on a phone; open while one has a value or an error
  const [moreOpen, setMoreOpen] = useState(() => !!(initial.ethnicity || initial.email || (initial.nationality && initial.nationality !== "Việt Nam")));

  function agentsFor(commune: string) {
    const list = options.agents.filter(
      (a) =>
        a.communes.includes(commune) &&
        isAgentSelectable({ status: a.status as AgentStatus, contractStart: a.contractStart, contractEnd: a.contractEnd }, today),
    );
    return list.map((a) => ({ id: a.id, name: `${a.name} (${a.code})` }));
  }
  const agentOptions = useMemo(() => {
    const list = agentsFor(values.communeCode);
    if (current?.agent && !list.some((a) => a.id === current.agent!.id)) list.unshift({ id: current.agent.id, name: current.agent.name });
    const opts = list.map((a) => ({ value: String(a.id), label: a.name }));
    // registering takes the first payment: who collected it is named — an agent, or the office explicitly
    // (a collector's agent is fixed: no other choice)
    return mode === "register" && !options.fixedAgentId ? [...opts, { value: AT_OFFICE, label: t.atOffice }] : opts;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values.communeCode, options.agents, today, current, mode]);
  const conferenceOptions = useMemo(() => {
    const list = options.conferences
      .filter((c) => c.communeCode === values.communeCode)
      .map((c) => ({ value: String(c.id), label: `${formatDate(c.heldOn)} · ${c.title}` }));
    if (current?.conference && !list.some((c) => c.value === String(current.conference!.id)))
      list.unshift({ value: String(current.conference.id), label: current.conference.title });
    return list;
  }, [values.communeCode, options.conferences, current]);

  const MORE = ["nationality", "ethnicity", "email"];
  const moreHasErrors = MORE.some((k) => errorsOf(k));
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    const m = loadedValidation();
    // tapped before the schemas arrived: check once they have (if they cannot be loaded, the server checks)
    if (!m) return void loadValidation().then(submit, () => submit(null));
    submit(m);
  }
  function submit(m: EnrollmentValidation | null) {
    const errors = errorsFor(m, mode, locale, policy, input);
    if (Object.keys(errors).length > 0) {
      const first = Object.keys(errors)[0];
      if (MORE.includes(first)) setMoreOpen(true);
      formRef.current?.querySelector<HTMLElement>(`#${fieldId(first)}`)?.focus();
      return;
    }
    // offline (issue 12): the same checks passed; queue it instead of posting, and start a new form
    if (mode === "register" && offlineT) {
      const r = previewResult({
        policy,
        income: values.declaredIncome,
        period: values.paymentPeriod,
        months: values.months,
        subsidyGroup: values.subsidyGroup,
        paidOn: values.paidOn,
      });
      const queued = offline.queueIfOffline(
        { kind: "registration", data: input as Record<string, unknown>, label: values.fullName, amount: r?.ok ? r.value.net : null },
        () => {
          setValues(initial);
          setSubmitted(false);
          setTouched(new Set());
        },
      );
      if (queued) return;
    }
    setChangedSinceSubmit(new Set());
    startTransition(() => formAction(input));
  }

  const serverFormError = state.formError ?? (!changedSinceSubmit.has("_form") ? state.fieldErrors?._form : undefined);
  // the same-name warning is not an error to fix: it has its own box below
  const serverErrorKeys = Object.keys(state.fieldErrors ?? {}).filter((k) => k !== "confirmDuplicate");
  const hasErrors = submitted && (Object.keys(clientErrors).length > 0 || serverErrorKeys.length > 0);
  const enumOptions = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));
  const incomeHint = policy
    ? fill(t.hints.declaredIncome, {
        floor: formatVnd(policy.incomeFloor, locale),
        ceiling: formatVnd(incomeCeiling(policy), locale),
        date: formatDate(policy.date),
      })
    : undefined;
  const needsConfirm = mode === "register" && state.duplicateIds !== undefined;
  const preview =
    mode === "register"
      ? {
          policy,
          income: values.declaredIncome,
          period: values.paymentPeriod,
          months: values.months,
          subsidyGroup: values.subsidyGroup,
          paidOn: values.paidOn,
          coverageEnd: null,
        }
      : undefined;

  return (
    // action: before hydration the browser posts the form itself to the server action (a slow link: the form
    // works from first paint); once hydrated, onSubmit checks, queues offline or calls the action in place
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="grid gap-4 lg:grid-cols-[1fr_20rem]" data-testid="enrollee-form">
      <div className="space-y-4">
        {mode === "edit" && version !== undefined && <input type="hidden" name="version" value={version} />}
        {hasErrors && (
          <p className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800" role="status" data-testid="form-errors">
            {t.register.fixErrors}
          </p>
        )}
        {serverFormError && (
          <p className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800" data-testid="form-error">
            {serverFormError}
          </p>
        )}
        {offlineT && <OfflineNote note={offline.note} t={offlineT} />}

        <Section title={t.register.person}>
          <TextField
            name="personalId"
            label={t.f.personalId}
            required
            value={values.personalId}
            onChange={set("personalId")}
            onBlur={blur("personalId")}
            inputMode="numeric"
            hint={t.hints.personalId}
            errors={errorsOf("personalId")}
          />
          <TextField
            name="siCode"
            label={t.f.siCode}
            value={values.siCode}
            onChange={set("siCode")}
            onBlur={blur("siCode")}
            inputMode="numeric"
            hint={t.hints.siCode}
            errors={errorsOf("siCode")}
          />
          <TextField
            name="fullName"
            label={t.f.fullName}
            required
            value={values.fullName}
            onChange={set("fullName", ["confirmDuplicate"])}
            onBlur={blur("fullName")}
            autoComplete="off"
            errors={errorsOf("fullName")}
          />
          <DateInputField
            name="dateOfBirth"
            label={t.f.dateOfBirth}
            required
            max={today}
            value={values.dateOfBirth}
            onChange={set("dateOfBirth", ["personalId", "confirmDuplicate"])}
            onBlur={blur("dateOfBirth")}
            errors={errorsOf("dateOfBirth")}
          />
          <SelectField
            name="sex"
            label={t.f.sex}
            required
            value={values.sex}
            onChange={set("sex", ["personalId"])}
            onBlur={blur("sex")}
            placeholder={t.choose}
            options={enumOptions(SEXES, t.sex)}
            errors={errorsOf("sex")}
          />
          <TextField
            name="phone"
            label={t.f.phone}
            type="tel"
            inputMode="tel"
            value={values.phone}
            onChange={set("phone")}
            onBlur={blur("phone")}
            errors={errorsOf("phone")}
          />
          <TextField
            name="address"
            label={t.f.address}
            value={values.address}
            onChange={set("address")}
            onBlur={blur("address")}
            errors={errorsOf("address")}
            className="sm:col-span-2 lg:col-span-3"
          />
        </Section>
        <details
          className="rounded-lg border border-slate-200 bg-white"
          open={moreOpen || moreHasErrors}
          onToggle={(e) => setMoreOpen((e.target as HTMLDetailsElement).open)}
          data-testid="more-fields"
        >
          <summary className="tap cursor-pointer px-4 py-2 text-sm font-semibold text-slate-800">{t.register.more}</summary>
          <div className="grid gap-3 px-4 pb-4 sm:grid-cols-2 lg:grid-cols-3">
            <TextField
              name="nationality"
              label={t.f.nationality}
              value={values.nationality}
              onChange={set("nationality")}
              onBlur={blur("nationality")}
              placeholder="Việt Nam"
              errors={errorsOf("nationality")}
            />
            <SelectField
              name="ethnicity"
              label={t.f.ethnicity}
              value={values.ethnicity}
              onChange={set("ethnicity")}
              onBlur={blur("ethnicity")}
              placeholder={t.none}
              options={ETHNICITIES.map((x) => ({ value: x.name, label: x.name }))}
              errors={errorsOf("ethnicity")}
            />
            <TextField
              name="email"
              label={t.f.email}
              type="email"
              value={values.email}
              onChange={set("email")}
              onBlur={blur("email")}
              autoComplete="off"
              errors={errorsOf("email")}
            />
          </div>
        </details>
        {state.existingId && !changedSinceSubmit.has("personalId") && (
          <p className="-mt-2 text-sm">
            <Link className="text-sky-700 underline" href={`${options.personPath}/${state.existingId}`} data-testid="existing-link">
              {t.register.existingLink} #{state.existingId}
            </Link>
          </p>
        )}

        <Section title={t.register.placement}>
          <SelectField
            name="communeCode"
            label={t.f.commune}
            required
            value={values.communeCode}
            onChange={set("communeCode", ["agentId", "conferenceId"])}
            onBlur={blur("communeCode")}
            placeholder={t.choose}
            options={options.communes.map((c) => ({ value: c.code, label: c.fullName }))}
            errors={errorsOf("communeCode")}
          />
          <SelectField
            name="agentId"
            label={t.f.agent}
            value={values.agentId}
            onChange={set("agentId")}
            onBlur={blur("agentId")}
            disabled={!values.communeCode || !!options.fixedAgentId}
            placeholder={
              !values.communeCode ? t.hints.chooseCommuneFirst : mode === "register" ? t.chooseAgent : agentOptions.length ? t.none : t.hints.noAgents
            }
            options={agentOptions}
            errors={errorsOf("agentId")}
          />
          <SelectField
            name="conferenceId"
            label={t.f.conference}
            value={values.conferenceId}
            onChange={set("conferenceId")}
            onBlur={blur("conferenceId")}
            disabled={!values.communeCode}
            placeholder={t.none}
            options={conferenceOptions}
            errors={errorsOf("conferenceId")}
            hint={t.hints.optional}
          />
          <DateInputField
            name="enrolledOn"
            label={t.f.enrolledOn}
            max={today}
            value={values.enrolledOn}
            onChange={set("enrolledOn", ["dateOfBirth", "payment.paidOn"])}
            onBlur={blur("enrolledOn")}
            errors={errorsOf("enrolledOn")}
          />
          <SelectField
            name="occupation"
            label={t.f.occupation}
            required
            value={values.occupation}
            onChange={set("occupation")}
            onBlur={blur("occupation")}
            placeholder={t.choose}
            options={enumOptions(OCCUPATIONS, t.occupation)}
            errors={errorsOf("occupation")}
          />
        </Section>

        <Section title={t.register.plan}>
          <SelectField
            name="subsidyGroup"
            label={t.f.subsidyGroup}
            required
            value={values.subsidyGroup}
            onChange={set("subsidyGroup")}
            onBlur={blur("subsidyGroup")}
            placeholder={t.choose}
            options={enumOptions(SUBSIDY_GROUPS, t.subsidyGroup)}
            errors={errorsOf("subsidyGroup")}
          />
          <TextField
            name="declaredIncome"
            label={t.f.declaredIncome}
            required
            inputMode="numeric"
            value={values.declaredIncome}
            onChange={set("declaredIncome")}
            onBlur={blur("declaredIncome")}
            placeholder="1.500.000"
            hint={incomeHint}
            errors={errorsOf("declaredIncome")}
          />
          <SelectField
            name="paymentPeriod"
            label={t.f.paymentPeriod}
            required
            value={values.paymentPeriod}
            onChange={set("paymentPeriod", ["months"])}
            onBlur={blur("paymentPeriod")}
            placeholder={t.choose}
            options={enumOptions(PAYMENT_PERIODS, t.period)}
            errors={errorsOf("paymentPeriod")}
          />
          {isLumpSum(values.paymentPeriod) && (
            <TextField
              name="months"
              label={t.f.months}
              required
              inputMode="numeric"
              value={values.months}
              onChange={set("months")}
              onBlur={blur("months")}
              hint={t.hints.months}
              errors={errorsOf("months")}
            />
          )}
        </Section>

        {mode === "register" && (
          <Section title={t.register.firstPayment}>
            <SelectField
              name="payment.method"
              label={t.f.method}
              required
              value={values.method}
              onChange={set("method", ["payment.method"])}
              onBlur={blur("payment.method")}
              placeholder={t.choose}
              options={enumOptions(PAYMENT_METHODS, t.method)}
              errors={errorsOf("payment.method")}
            />
            <TextField
              name="payment.receiptNo"
              label={t.f.receiptNo}
              required
              value={values.receiptNo}
              onChange={set("receiptNo", ["payment.receiptNo"])}
              onBlur={blur("payment.receiptNo")}
              errors={errorsOf("payment.receiptNo")}
            />
            <DateInputField
              name="payment.paidOn"
              label={t.f.paidOn}
              max={today}
              value={values.paidOn}
              onChange={set("paidOn", ["payment.paidOn", "declaredIncome"])}
              onBlur={blur("payment.paidOn")}
              errors={errorsOf("payment.paidOn")}
            />
          </Section>
        )}

        {needsConfirm && (
          <div className="rounded border border-amber-400 bg-amber-50 p-3 text-sm text-amber-900" data-testid="duplicate-warning">
            <FieldError name="confirmDuplicate" error={state.fieldErrors?.confirmDuplicate ? [state.fieldErrors.confirmDuplicate] : undefined} />
            {state.duplicateIds!.length > 0 && (
              <p className="mt-1">
                {state.duplicateIds!.map((id) => (
                  <Link key={id} className="mr-2 text-sky-700 underline" href={`${options.personPath}/${id}`} target="_blank">
                    #{id}
                  </Link>
                ))}
              </p>
            )}
            <label className="mt-2 flex items-center gap-2 font-medium">
              <input
                type="checkbox"
                name="confirmDuplicate"
                checked={confirmDuplicate}
                onChange={(e) => setConfirmDuplicate(e.target.checked)}
                data-testid="in-confirmDuplicate"
              />
              {t.register.confirmDuplicate}
            </label>
          </div>
        )}

        <SubmitBar input={preview} locale={locale} amountLabel={t.detail.cols.net}>
          <button
            type="submit"
            disabled={pending || loading}
            className="rounded bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800 disabled:opacity-60"
            data-testid="submit"
          >
            {pending ? t.register.submitting : mode === "register" ? t.register.submit : t.edit.submit}
          </button>
          {cancelHref && (
            <Link href={cancelHref} className="tap text-sm text-slate-600 hover:underline">
              {t.edit.cancel}
            </Link>
          )}
        </SubmitBar>
      </div>

      {preview && (
        <div className="lg:sticky lg:top-4 lg:self-start">
          <ContributionPreview locale={locale} t={t} input={preview} />
        </div>
      )}
    </form>
  );
}
