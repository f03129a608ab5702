// The one-confirmation renewal: the usual payment prefilled (last income, period, subsidy group), the
// amount next to the button; one tap records it and opens the receipt — or, without a signal, queues it on
// the phone for "Chờ đồng bộ" (components/field/renew-form.tsx).
import { asPlainFormAction } from "@/lib/validation/form";
import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatVnd } from "@/lib/i18n/format";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { renewalPreview } from "@/lib/server/field/person";
import { PAYMENT_METHODS } from "@/lib/validation/enrollee";
import { RenewForm } from "@/components/field/renew-form";
import { renewAction } from "../../actions";

export const dynamic = "force-dynamic";

export default async function RenewPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const p = await requirePagePrincipal();
  const { id } = await params;
  const sp = await searchParams;
  const { locale, t } = await getMessages();
  const f = t.field;
  const r = await orNotFound(() => renewalPreview(db(), p, Number(id)));
  return (
    <div className="mx-auto max-w-md space-y-4">
      <Link href={`/field/${r.id}`} className="inline-flex min-h-11 items-center text-sm text-sky-700">
        ‹ {r.fullName}
      </Link>
      <h1 className="text-xl font-bold">{f.renewal.title}</h1>
      {sp.error && (
        <p className="rounded bg-red-50 p-2 text-sm text-red-800" role="alert" data-testid="renew-error">
          {sp.error}
        </p>
      )}
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <dt className="text-slate-500">{f.person.coverageEnd}</dt>
        <dd>{formatDate(r.coverageEnd)}</dd>
        <dt className="text-slate-500">{f.renewal.period}</dt>
        <dd>
          {t.enrollment.period[r.period]} · {fill(f.renewal.months, { n: r.months })}
        </dd>
        <dt className="text-slate-500">{f.renewal.income}</dt>
        <dd>{formatVnd(r.declaredIncome, locale)}</dd>
        <dt className="text-slate-500">{f.renewal.group}</dt>
        <dd>{t.enrollment.subsidyGroup[r.subsidyGroup]}</dd>
        <dt className="text-slate-500">{f.renewal.paidOn}</dt>
        <dd>{formatDate(r.paidOn)}</dd>
        <dt className="text-slate-500">{f.renewal.gross}</dt>
        <dd>{formatVnd(r.gross, locale)}</dd>
        <dt className="text-slate-500">{f.renewal.subsidy}</dt>
        <dd>{formatVnd(r.subsidy, locale)}</dd>
      </dl>
      {r.amount == null ? (
        <p className="text-sm text-red-800">{f.renewal.cannot}</p>
      ) : (
        <RenewForm
          terms={{
            enrolleeId: r.id,
            fullName: r.fullName,
            coverageEnd: r.coverageEnd,
            period: r.period,
            months: r.months,
            declaredIncome: r.declaredIncome,
            amount: r.amount,
          }}
          version={r.version}
          methods={PAYMENT_METHODS.map((m) => ({ value: m, label: f.renewal.methods[m] }))}
          labels={{ method: f.renewal.method, confirm: fill(f.renewal.confirm, { amount: formatVnd(r.amount, locale) }) }}
          offlineT={t.offline}
          action={asPlainFormAction(renewAction.bind(null, r.id))}
        />
      )}
    </div>
  );
}
