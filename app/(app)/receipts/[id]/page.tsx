// "Biên lai thu tiền" (issue 11): readable on a phone, printable on A5 (print CSS). Opened right after a
// payment (?new=1) and from each contribution; ?print=1 is the print view: the first one is recorded, every
// later one says "Bản in lại".
import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatVnd } from "@/lib/i18n/format";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { receiptFor } from "@/lib/server/field/receipts";
import { PrintButton } from "@/components/field/print-button";

export const dynamic = "force-dynamic";

export default async function ReceiptPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const p = await requirePagePrincipal();
  const { id } = await params;
  const sp = await searchParams;
  const print = sp.print === "1";
  const { locale, t } = await getMessages();
  const f = t.field.receipt;
  const r = await orNotFound(() => receiptFor(db(), p, Number(id), { print }));
  const money = (n: number) => formatVnd(n, locale);
  return (
    <div className="mx-auto max-w-xl space-y-3">
      <style>{`@media print { @page { size: A5; margin: 10mm } }`}</style>
      <div className="no-print flex flex-wrap items-center justify-between gap-2">
        <Link href={`/field/${r.payer.id}`} className="inline-flex min-h-11 items-center text-sm text-sky-700">
          {f.back}
        </Link>
        {sp.new === "1" && (
          <p className="rounded bg-green-50 px-2 py-1 text-sm text-green-800" data-testid="renew-done">
            {fill(t.field.renewal.done, { receiptNo: r.receiptNo })}
          </p>
        )}
        {print ? (
          <PrintButton label={f.print} />
        ) : (
          <Link
            href={`/receipts/${r.contributionId}?print=1`}
            prefetch={false}
            className="inline-flex min-h-11 items-center rounded border border-sky-700 px-3 text-sky-800"
            data-testid="receipt-print"
          >
            {f.print}
          </Link>
        )}
      </div>
      <article className="rounded-lg border border-slate-300 bg-white p-4 text-sm print:border-0 print:p-0" data-testid="receipt">
        <header className="text-center">
          {r.agent && <p className="text-xs uppercase">{r.agent.name}</p>}
          <h1 className="mt-1 text-lg font-bold" data-testid="receipt-title">
            {f.title}
          </h1>
          <p className="text-xs">{f.subtitle}</p>
          <p className="mt-1">
            {f.number}: <strong data-testid="receipt-no">{r.receiptNo}</strong>
          </p>
          {r.reprint && (
            <p className="mt-1 font-bold uppercase text-red-700" data-testid="receipt-reprint">
              {f.reprint}
            </p>
          )}
        </header>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          {r.agent && (
            <>
              <dt className="text-slate-600">{f.agent}</dt>
              <dd>
                {r.agent.name} ({r.agent.code}){r.agent.phone ? ` · ${r.agent.phone}` : ""}
              </dd>
            </>
          )}
          {r.collector && (
            <>
              <dt className="text-slate-600">{f.collector}</dt>
              <dd data-testid="receipt-collector">{r.collector}</dd>
            </>
          )}
          <dt className="text-slate-600">{f.payer}</dt>
          <dd className="font-semibold">{r.payer.fullName}</dd>
          <dt className="text-slate-600">{f.id}</dt>
          <dd data-testid="receipt-id">{r.payer.personalIdShown}</dd>
          <dt className="text-slate-600">{f.address}</dt>
          <dd>{[r.payer.address, r.payer.communeName].filter(Boolean).join(", ")}</dd>
          <dt className="text-slate-600">{f.period}</dt>
          <dd>{fill(f.periodValue, { from: formatDate(r.periodStart), to: formatDate(r.periodEnd), months: r.months })}</dd>
          <dt className="text-slate-600">{f.income}</dt>
          <dd>{money(r.declaredIncome)}</dd>
          <dt className="text-slate-600">{f.gross}</dt>
          <dd>{money(r.gross)}</dd>
          <dt className="text-slate-600">{f.central}</dt>
          <dd>{money(r.centralSubsidy)}</dd>
          <dt className="text-slate-600">{f.topUp}</dt>
          <dd>{money(r.provincialTopUp)}</dd>
          <dt className="text-slate-600">{f.net}</dt>
          <dd className="text-base font-bold" data-testid="receipt-net">
            {money(r.net)}
          </dd>
          <dt className="text-slate-600">{f.words}</dt>
          <dd className="italic" data-testid="receipt-words">
            {r.netInWords}
          </dd>
          <dt className="text-slate-600">{f.method}</dt>
          <dd>{t.field.renewal.methods[r.method]}</dd>
        </dl>
        <p className="mt-3 text-right italic">{fill(f.date, { date: formatDate(r.paidOn) })}</p>
        <div className="mt-2 grid grid-cols-2 gap-4 text-center">
          <div>
            <p className="font-semibold">{f.signPayer}</p>
            <p className="text-xs italic">{f.signHint}</p>
            <div className="h-16" />
          </div>
          <div>
            <p className="font-semibold">{f.signCollector}</p>
            <p className="text-xs italic">{f.signHint}</p>
            <div className="h-16" />
            <p>{r.collector ?? r.recordedBy ?? ""}</p>
          </div>
        </div>
      </article>
    </div>
  );
}
