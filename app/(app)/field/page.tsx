// Today's worklist (issue 11), phone first: one card per person with the amount, the due date and the
// status in view, and one tap to call, text, Zalo, collect or log a contact. The rows' links are not
// prefetched: on a slow link a scroll through the list would otherwise send a request per row.
import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatNumber, formatVnd } from "@/lib/i18n/format";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { assertFieldRead } from "@/lib/server/auth/authz";
import { listWorklist } from "@/lib/server/field/worklist";
import { readRenewalFilter } from "@/lib/validation/renewals";
import { reminderText } from "@/lib/domain/reminder";
import { WarmPages } from "@/components/offline/warm-pages";

export const dynamic = "force-dynamic";
const SHOWN = 200;
/** The rows whose renewal page the phone keeps for offline use (each is one page fetched in the background). */
const KEPT_OFFLINE = 20;

/** "0912 345 678" → "0912345678"; Zalo wants the number as dialled in Vietnam. */
const dial = (phone: string) => phone.replace(/[^\d+]/g, "");

export default async function FieldPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = await requirePagePrincipal();
  await orNotFound(async () => assertFieldRead(p));
  const { locale, t } = await getMessages();
  const f = t.field;
  const filter = readRenewalFilter(await searchParams);
  const list = await orNotFound(() => listWorklist(db(), p, filter));
  const rows = list.rows.slice(0, SHOWN);
  const tone = { DUE: "bg-amber-100 text-amber-900", OVERDUE: "bg-red-100 text-red-900", LAPSED: "bg-slate-200 text-slate-800" } as const;

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <WarmPages urls={rows.slice(0, KEPT_OFFLINE).map((r) => `/field/${r.enrolleeId}/renew`)} />
      <div>
        <h1 className="text-2xl font-bold" data-testid="field-title">
          {f.title}
        </h1>
        <p className="text-sm text-slate-600">{fill(f.subtitle, { today: formatDate(list.on) })}</p>
        <p className="mt-1 text-sm" data-testid="field-count">
          {formatNumber(list.rows.length, locale)} · {t.field.status.OVERDUE}: {formatNumber(list.totals.overdue, locale)} · {t.field.status.DUE}:{" "}
          {formatNumber(list.totals.due, locale)}
        </p>
        {list.hidden.promised > 0 && (
          <p className="text-sm text-slate-600" data-testid="hidden-promised">
            {fill(f.hiddenPromised, { n: list.hidden.promised })}
          </p>
        )}
        {list.hidden.closed > 0 && <p className="text-sm text-slate-600">{fill(f.hiddenClosed, { n: list.hidden.closed })}</p>}
      </div>
      {p.collector && (
        <div className="grid grid-cols-2 gap-2 text-sm">
          <Link
            href="/field/people"
            className="flex min-h-11 items-center justify-center rounded border border-sky-700 text-sky-800"
            data-testid="field-people"
          >
            {f.people.title}
          </Link>
          <Link
            href="/enrollees/new"
            className="flex min-h-11 items-center justify-center rounded bg-sky-700 font-medium text-white"
            data-testid="field-register"
          >
            {f.people.register}
          </Link>
        </div>
      )}
      {rows.length === 0 && (
        <p className="rounded border border-slate-200 bg-white p-4" data-testid="field-empty">
          {f.empty}
        </p>
      )}
      <ul className="space-y-3" data-testid="worklist">
        {rows.map((r) => {
          const sms = reminderText({
            fullName: r.fullName,
            coverageEnd: r.coverageEnd,
            amount: r.amountDue,
            months: r.months,
            agentName: r.agentName ?? "BHXH",
            agentPhone: null,
            ended: r.status !== "DUE",
          });
          return (
            <li key={r.enrolleeId} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid="work-row" data-enrollee={r.enrolleeId}>
              <div className="flex items-start justify-between gap-2">
                <Link
                  href={`/field/${r.enrolleeId}`}
                  prefetch={false}
                  className="min-h-11 font-semibold text-sky-800 underline-offset-2 hover:underline"
                  data-testid="row-name"
                >
                  {r.fullName}
                </Link>
                <span className={`shrink-0 rounded px-2 py-0.5 text-xs font-medium ${tone[r.status]}`} data-testid="row-status">
                  {f.status[r.status]}
                </span>
              </div>
              <div className="mt-1 flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
                <span>
                  {f.dueOn}: <strong>{formatDate(r.coverageEnd)}</strong>
                </span>
                <span className="text-base font-bold" data-testid="row-amount">
                  {r.amountDue == null ? "—" : formatVnd(r.amountDue, locale)}
                </span>
              </div>
              <div className="text-xs text-slate-600">
                {r.communeName}
                {r.lastContact?.followUpOn
                  ? ` · ${r.urgency === 0 ? f.followUpToday : fill(f.followUpOn, { date: formatDate(r.lastContact.followUpOn) })}`
                  : ""}
                {r.lastContact ? ` · ${t.field.contact.outcomes[r.lastContact.outcome]}` : ""}
              </div>
              {r.qr && (
                <details className="mt-1 text-sm" data-testid="row-qr">
                  <summary className="flex min-h-11 cursor-pointer items-center text-sky-700">{f.person.qr}</summary>
                  {/* eslint-disable-next-line @next/next/no-img-element -- a server-drawn SVG, loaded only when opened */}
                  <img src={`/field/${r.enrolleeId}/qr`} alt={f.person.qr} width={176} height={176} loading="lazy" className="bg-white" />
                </details>
              )}
              <div className="mt-2 grid grid-cols-5 gap-1 text-sm">
                {r.phone ? (
                  <>
                    <a
                      href={`tel:${dial(r.phone)}`}
                      className="flex min-h-11 items-center justify-center rounded border border-slate-300"
                      data-testid="row-call"
                    >
                      {f.call}
                    </a>
                    <a
                      href={`sms:${dial(r.phone)}?body=${encodeURIComponent(sms)}`}
                      className="flex min-h-11 items-center justify-center rounded border border-slate-300"
                      data-testid="row-sms"
                    >
                      {f.sms}
                    </a>
                    <a
                      href={`https://zalo.me/${dial(r.phone)}`}
                      target="_blank"
                      rel="noopener noreferrer"
                      className="flex min-h-11 items-center justify-center rounded border border-slate-300"
                      data-testid="row-zalo"
                    >
                      {f.zalo}
                    </a>
                  </>
                ) : (
                  <span className="col-span-3 flex min-h-11 items-center justify-center text-xs text-slate-500">{f.noPhone}</span>
                )}
                <Link
                  href={`/field/${r.enrolleeId}/renew`}
                  prefetch={false}
                  className="flex min-h-11 items-center justify-center rounded bg-sky-700 font-medium text-white"
                  data-testid="row-renew"
                >
                  {f.renew}
                </Link>
                <Link
                  href={`/field/${r.enrolleeId}#contact`}
                  prefetch={false}
                  className="flex min-h-11 items-center justify-center rounded border border-sky-700 text-center text-sky-800"
                  data-testid="row-contact"
                >
                  {f.logContact}
                </Link>
              </div>
            </li>
          );
        })}
      </ul>
      {list.rows.length > SHOWN && <p className="text-sm text-slate-600">{fill(f.more, { n: list.rows.length - SHOWN })}</p>}
    </div>
  );
}
