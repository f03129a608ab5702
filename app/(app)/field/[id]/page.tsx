// One person in the field (issue 11): amount due on the due date, the prepared reminder, the VietQR code of
// the agent's account, the contact form and log, payments with their receipts; the TK1-TS declaration to sign.
import { asPlainFormAction } from "@/lib/validation/form";
import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatDateTime, formatVnd } from "@/lib/i18n/format";
import { addDays, todayInVietnam } from "@/lib/domain/dates";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { fieldPerson } from "@/lib/server/field/person";
import { CONTACT_OUTCOMES, REFUSAL_REASONS } from "@/lib/validation/field";
import { QrImage } from "@/components/field/qr-image";
import { logContactAction } from "../actions";

export const dynamic = "force-dynamic";

export default async function FieldPersonPage({
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
  const person = await orNotFound(() => fieldPerson(db(), p, Number(id)));
  const today = todayInVietnam();
  const field = "w-full min-h-11 rounded border border-slate-300 px-2";

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <Link href="/field" className="inline-flex min-h-11 items-center text-sm text-sky-700">
        {f.person.back}
      </Link>
      {sp.registered && (
        <p className="rounded border border-emerald-300 bg-emerald-50 p-2 text-sm text-emerald-900" role="status" data-testid="person-registered">
          {f.people.registered}{" "}
          <Link
            href={`/enrollees/${person.id}/tk1`}
            className="inline-flex min-h-11 items-center font-medium text-sky-700 underline"
            data-testid="person-registered-tk1"
          >
            {t.enrollment.register.tk1}
          </Link>
        </p>
      )}
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h1 className="text-xl font-bold" data-testid="person-name">
          {person.fullName}
        </h1>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-slate-500">{f.person.id}</dt>
          <dd className="break-all">{person.personalIdShown}</dd>
          <dt className="text-slate-500">{f.person.phone}</dt>
          <dd>
            {person.phone ? (
              <a className="text-sky-700" href={`tel:${person.phone.replace(/[^\d+]/g, "")}`}>
                {person.phone}
              </a>
            ) : (
              "—"
            )}
          </dd>
          <dt className="text-slate-500">{f.person.address}</dt>
          <dd>{[person.address, person.communeName].filter(Boolean).join(", ")}</dd>
          <dt className="text-slate-500">{f.person.coverageEnd}</dt>
          <dd>
            {formatDate(person.coverageEnd)} · {f.status[person.status]}
          </dd>
        </dl>
        {/* the declaration the person signs (a collector registering in the field prints or shows it) */}
        <Link
          href={`/enrollees/${person.id}/tk1`}
          className="mt-3 flex min-h-11 items-center justify-center rounded border border-slate-300 px-3 text-sm font-medium text-sky-700"
          data-testid="person-tk1"
        >
          {t.tk1.link}
        </Link>
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <p className="text-sm text-slate-600">{fill(f.person.plan, { months: person.plan.months, income: formatVnd(person.plan.declaredIncome, locale) })}</p>
        <p className="text-sm">{fill(f.person.amountOn, { date: formatDate(person.plan.dueOn) })}</p>
        <div className="mt-1 flex flex-wrap items-center justify-between gap-3">
          <span className="text-2xl font-bold" data-testid="person-amount">
            {person.plan.amount == null ? "—" : formatVnd(person.plan.amount, locale)}
          </span>
          <Link
            href={`/field/${person.id}/renew`}
            className="inline-flex min-h-11 items-center rounded bg-sky-700 px-4 font-medium text-white"
            data-testid="person-renew"
          >
            {f.renew}
          </Link>
        </div>
        {person.plan.subsidy > 0 && (
          <p className="text-xs text-slate-600">
            {f.person.subsidy}: {formatVnd(person.plan.subsidy, locale)}
          </p>
        )}
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">{f.person.qr}</h2>
        {person.qr ? (
          <div className="mt-2 flex flex-wrap items-center gap-3">
            <QrImage svg={person.qr.svg} label={f.person.qr} />
            <div className="text-sm">
              <p>{person.agent?.account?.accountName}</p>
              <p>{person.agent?.account?.accountNo}</p>
              <p className="break-all" data-testid="qr-note">
                {fill(f.person.qrNote, { note: person.qr.note })}
              </p>
            </div>
          </div>
        ) : (
          <p className="text-sm text-slate-600" data-testid="qr-missing">
            {f.person.qrMissing}
          </p>
        )}
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">{f.person.reminder}</h2>
        <p className="mt-1 rounded bg-slate-50 p-2 text-sm" data-testid="reminder">
          {person.reminder}
        </p>
        {person.phone && (
          <div className="mt-2 grid grid-cols-2 gap-2 text-sm">
            <a
              className="flex min-h-11 items-center justify-center rounded border border-slate-300"
              href={`sms:${person.phone.replace(/[^\d+]/g, "")}?body=${encodeURIComponent(person.reminder)}`}
            >
              {f.sms}
            </a>
            <a
              className="flex min-h-11 items-center justify-center rounded border border-slate-300"
              href={`https://zalo.me/${person.phone.replace(/[^\d+]/g, "")}`}
              target="_blank"
              rel="noopener noreferrer"
            >
              {f.zalo}
            </a>
          </div>
        )}
      </section>

      <section id="contact" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">{f.contact.title}</h2>
        {sp.contactError && (
          <p className="mt-1 rounded bg-red-50 p-2 text-sm text-red-800" role="alert" data-testid="contact-error">
            {sp.contactError}
          </p>
        )}
        <form action={asPlainFormAction(logContactAction.bind(null, person.id))} className="mt-2 space-y-3 text-sm" data-testid="contact-form">
          <fieldset>
            <legend className="font-medium">{f.contact.outcome}</legend>
            {CONTACT_OUTCOMES.map((o) => (
              <label key={o} className="flex min-h-11 items-center gap-2">
                <input type="radio" name="outcome" value={o} required className="h-5 w-5" data-testid={`outcome-${o}`} /> {f.contact.outcomes[o]}
              </label>
            ))}
          </fieldset>
          <label className="block">
            {f.contact.promisedOn}
            <input type="date" name="promisedOn" min={today} max={addDays(today, 366)} className={field} data-testid="promised-on" />
          </label>
          <label className="block">
            {f.contact.reason}
            <select name="reason" className={field} defaultValue="" data-testid="refusal-reason">
              <option value="">—</option>
              {REFUSAL_REASONS.map((r) => (
                <option key={r} value={r}>
                  {f.contact.reasons[r]}
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            {f.contact.followUpOn}
            <input type="date" name="followUpOn" min={today} max={addDays(today, 366)} className={field} />
          </label>
          <label className="block">
            {f.contact.note}
            <textarea name="note" maxLength={500} rows={2} className="w-full rounded border border-slate-300 px-2 py-1" />
          </label>
          <button type="submit" className="min-h-11 w-full rounded bg-sky-700 font-medium text-white" data-testid="contact-save">
            {f.contact.save}
          </button>
        </form>
        <h3 className="mt-4 font-semibold">{f.person.contacts}</h3>
        {person.contacts.length === 0 ? (
          <p className="text-sm text-slate-600">{f.person.noContacts}</p>
        ) : (
          <ul className="mt-1 space-y-2 text-sm" data-testid="contact-log">
            {person.contacts.map((c) => (
              <li key={c.id} className="border-l-4 border-sky-200 pl-2">
                <span className="font-medium">{f.contact.outcomes[c.outcome]}</span>
                {c.promisedOn ? ` ${formatDate(c.promisedOn)}` : ""}
                {c.reason ? ` — ${f.contact.reasons[c.reason]}` : ""}
                <span className="block text-xs text-slate-500">
                  {formatDateTime(c.createdAt)} · {fill(f.contact.by, { who: c.collector ?? c.by })}
                  {c.followUpOn ? ` · ${fill(f.followUpOn, { date: formatDate(c.followUpOn) })}` : ""}
                </span>
                {c.note && <span className="block">{c.note}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">{f.person.payments}</h2>
        <ul className="mt-1 divide-y divide-slate-100 text-sm">
          {person.payments.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                {formatDate(c.periodStart)}–{formatDate(c.periodEnd)} · {formatVnd(c.net, locale)}
              </span>
              <Link href={`/receipts/${c.id}`} className="inline-flex min-h-11 items-center text-sky-700" data-testid="payment-receipt">
                {f.person.receipt} {c.receiptNo}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
