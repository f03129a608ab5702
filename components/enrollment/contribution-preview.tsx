"use client";
// The amounts due, computed live in the browser with the SAME pure calculator the server uses
// (lib/domain/contribution.ts) on the policy snapshot the server shipped for the payment date.
import { calculateContribution, periodMonths, type PolicySnapshot } from "@/lib/domain/contribution";
import { nextPeriodStart, periodEndFor } from "@/lib/domain/coverage-status";
import { isIsoDate } from "@/lib/domain/dates";
import type { PaymentPeriod, SubsidyGroup } from "@/lib/domain/types";
import { fill, type Locale, type Messages } from "@/lib/i18n/messages";
import { formatDate, formatNumber, formatVnd } from "@/lib/i18n/format";
import { parseVndInput } from "@/lib/validation/enrollee-values";

export type PreviewInput = {
  policy: PolicySnapshot | null;
  income: string;
  period: string;
  months: string;
  subsidyGroup: string;
  subsidyMonthsUsed?: number;
  coverageEnd?: string | null;
  paidOn: string;
};

/** The calculator's answer for the form's current values (null while they are incomplete). */
export function previewResult(input: PreviewInput) {
  const { policy } = input;
  const income = parseVndInput(input.income);
  const months = /^\d+$/.test(input.months) ? Number(input.months) : undefined;
  const ready = policy && income !== null && input.period && input.subsidyGroup && isIsoDate(input.paidOn);
  return ready
    ? calculateContribution({
        policy,
        declaredIncome: income,
        period: input.period as PaymentPeriod,
        months,
        subsidyGroup: input.subsidyGroup as SubsidyGroup,
        subsidyMonthsUsed: input.subsidyMonthsUsed ?? 0,
      })
    : null;
}

export function ContributionPreview({ input, locale, t }: { input: PreviewInput; locale: Locale; t: Messages["enrollment"] }) {
  const { policy } = input;
  const months = /^\d+$/.test(input.months) ? Number(input.months) : undefined;
  const period = input.period as PaymentPeriod;
  const r = previewResult(input);
  const n = r?.ok ? periodMonths(period, months) : null;
  const start = n ? nextPeriodStart(input.coverageEnd ?? null, input.paidOn) : null;
  const end = start && n ? periodEndFor(start, n) : null;
  const vnd = (v: number) => formatVnd(v, locale);

  return (
    <aside className="rounded-lg border border-sky-200 bg-sky-50 p-4 text-sm" aria-live="polite" data-testid="calc">
      <h2 className="mb-2 font-semibold text-sky-900">{t.calc.title}</h2>
      {!policy ? (
        <p className="text-amber-800">{t.calc.noPolicy}</p>
      ) : !r ? (
        <p className="text-slate-600">{t.calc.incomplete}</p>
      ) : !r.ok ? (
        <ul className="text-red-700" data-testid="calc-errors">
          {r.errors.map((e) => (
            <li key={e.code}>{e.message[locale]}</li>
          ))}
        </ul>
      ) : (
        <dl className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-1">
          <dt>{t.calc.months}</dt>
          <dd className="text-right tabular-nums" data-testid="calc-months">
            {formatNumber(r.value.months, locale)}
          </dd>
          <dt className="col-span-2">{t.calc.period}</dt>
          <dd className="col-span-2 -mt-1 text-right font-medium tabular-nums" data-testid="calc-period">
            {formatDate(start)} – {formatDate(end)}
          </dd>
          <dt>{t.calc.monthly}</dt>
          <dd className="text-right tabular-nums" data-testid="calc-monthly">
            {vnd(r.value.monthlyContribution)}
          </dd>
          <dt>{t.calc.gross}</dt>
          <dd className="text-right tabular-nums" data-testid="calc-gross">
            {vnd(r.value.gross)}
          </dd>
          <dt>{t.calc.central}</dt>
          <dd className="text-right tabular-nums" data-testid="calc-central">
            − {vnd(r.value.centralSubsidy)}
          </dd>
          <dt>{t.calc.topUp}</dt>
          <dd className="text-right tabular-nums" data-testid="calc-topup">
            − {vnd(r.value.provincialTopUp)}
          </dd>
          <dt className="border-t border-sky-200 pt-1 font-semibold">{t.calc.net}</dt>
          <dd className="border-t border-sky-200 pt-1 text-right text-base font-bold tabular-nums" data-testid="calc-net">
            {vnd(r.value.net)}
          </dd>
        </dl>
      )}
      {policy && (
        <p className="mt-2 text-xs text-slate-500">
          {fill(t.calc.policyOf, { date: formatDate(policy.date) })}
          {r?.ok && r.value.subsidyMonths !== r.value.months && ` · ${fill(t.calc.subsidyMonths, { n: r.value.subsidyMonths })}`}
        </p>
      )}
      <p className="mt-1 text-xs text-slate-500">{t.calc.periodNote}</p>
    </aside>
  );
}
