import Link from "next/link";
import { notFound } from "next/navigation";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { bookLabel, formatReceiptNo } from "@/lib/domain/receipts";
import { todayInVietnam } from "@/lib/domain/dates";
import { db } from "@/lib/server/db/index";
import { can } from "@/lib/server/auth/authz";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { listReceiptBooks } from "@/lib/server/paperwork/receipt-books";
import { AddBookForm, CloseForm, SettingsForm, VoidForm } from "@/components/paperwork/receipt-books-forms";
import { closeReceiptBookAction, createReceiptBookAction, paperworkSettingsAction, voidReceiptAction } from "./actions";

export const dynamic = "force-dynamic";

/** An agent's receipt books with each book's account (used, unused, voided, gaps, duplicates). */
export default async function ReceiptBooksPage({ params }: { params: Promise<{ id: string }> }) {
  const p = await requirePagePrincipal("unit.read");
  const { locale, t } = await getMessages();
  const b = t.paperwork.books;
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const { agent, books, settings } = await orNotFound(() => listReceiptBooks(db(), p, id));
  const collectors = await db().collector.findMany({ where: { agentId: id, active: true }, orderBy: { name: "asc" }, select: { id: true, name: true } });
  const canWrite = can(p, "paperwork.write");
  const today = todayInVietnam();
  const n = (v: number) => formatNumber(v, locale);
  const ranges = (book: (typeof books)[number], rs: [number, number][]) =>
    rs.length === 0
      ? b.noneFound
      : rs.map(([x, y]) => (x === y ? formatReceiptNo(book, x) : `${formatReceiptNo(book, x)}–${formatReceiptNo(book, y)}`)).join(", ");

  return (
    <div className="space-y-6" data-testid="receipt-books">
      <nav className="text-sm">
        <Link href={`/agents/${id}`} className="text-sky-700 hover:underline">
          ← {agent.name}
        </Link>
      </nav>
      <div>
        <h1 className="text-2xl font-bold">{b.title}</h1>
        <p className="text-sm text-slate-600">
          {agent.name} · <span className="font-mono">{agent.code}</span>
        </p>
        <p className="mt-1 text-sm text-slate-600">
          {b.intro} {b.receiptCheck}: <strong data-testid="receipt-check-mode">{b.checkModes[settings.receiptCheck]}</strong>.
        </p>
      </div>

      {books.length === 0 && <p className="text-sm text-slate-600">{b.none}</p>}
      {books.map((book) => (
        <section key={book.id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="book">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="font-mono font-semibold" data-testid="book-range">
              {bookLabel(book)}
            </h2>
            <span className="text-sm">
              {book.closedOn ? fill(b.closed, { date: formatDate(book.closedOn) }) : b.open} · {b.issuedOn} {formatDate(book.issuedOn)}
              {book.collectorName ? ` · ${book.collectorName}` : ""}
            </span>
          </div>
          <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-5" data-testid="book-report">
            {[
              [b.size, book.report.size],
              [b.used, book.report.used],
              [b.unused, book.report.unused],
              [b.voided, book.report.voided],
              [b.gaps, book.report.gapCount],
            ].map(([label, value]) => (
              <div key={String(label)}>
                <dt className="text-slate-500">{label}</dt>
                <dd className="text-lg font-semibold tabular-nums">{n(Number(value))}</dd>
              </div>
            ))}
          </dl>
          <dl className="space-y-1 text-sm">
            <div>
              <dt className="inline text-slate-500">{b.gaps}: </dt>
              <dd className="inline font-mono" data-testid="book-gaps">
                {ranges(book, book.report.gaps)}
              </dd>
            </div>
            <div>
              <dt className="inline text-slate-500">{b.remaining}: </dt>
              <dd className="inline font-mono">{ranges(book, book.report.remaining)}</dd>
            </div>
            <div>
              <dt className="inline text-slate-500">{b.duplicates}: </dt>
              <dd className="inline font-mono">
                {book.report.duplicates.length ? book.report.duplicates.map((d) => d.receiptNos.join(" = ")).join("; ") : b.noneFound}
              </dd>
            </div>
            {book.report.usedAndVoided.length > 0 && (
              <div className="text-red-700">
                <dt className="inline">{b.usedAndVoided}: </dt>
                <dd className="inline font-mono">{book.report.usedAndVoided.map((x) => formatReceiptNo(book, x)).join(", ")}</dd>
              </div>
            )}
            {book.voids.length > 0 && (
              <div>
                <dt className="inline text-slate-500">{b.voidList}: </dt>
                <dd className="inline">{book.voids.map((v) => `${formatReceiptNo(book, v.number)} (${v.reason})`).join("; ")}</dd>
              </div>
            )}
          </dl>
          {canWrite && !book.closedOn && (
            <div className="flex flex-wrap gap-6 border-t border-slate-100 pt-3">
              <div>
                <h3 className="text-sm font-semibold">{b.voidTitle}</h3>
                <VoidForm text={b} action={voidReceiptAction.bind(null, id, book.id)} />
              </div>
              <CloseForm text={b} action={closeReceiptBookAction.bind(null, id, book.id)} today={today} />
            </div>
          )}
        </section>
      ))}

      {canWrite && (
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-semibold">{b.add}</h2>
          <AddBookForm text={b} action={createReceiptBookAction.bind(null, id)} collectors={collectors} today={today} />
        </section>
      )}
      {can(p, "agent.write") && (
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-semibold">{b.settings}</h2>
          <SettingsForm text={b} action={paperworkSettingsAction.bind(null, id)} settings={settings} />
        </section>
      )}
    </div>
  );
}
