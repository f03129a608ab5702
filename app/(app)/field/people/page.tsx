// A collector's people (issue 11, item 2): every person its agent serves in the agent's communes, any
// status — the newly registered and the never paid too, whom the worklist does not show — as cards on a
// phone, searched like the desk's list (the same listEnrollees, narrowed for a collector in authz.ts).
import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { todayInVietnam } from "@/lib/domain/dates";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { listEnrollees } from "@/lib/server/enrollment/enrollees";
import { enrolleeFilterQuery, readEnrolleeFilter } from "@/lib/validation/enrollee-filter";
import { StatusBadge } from "@/components/enrollment/status-badge";

export const dynamic = "force-dynamic";

export default async function FieldPeoplePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = await requirePagePrincipal();
  const { locale, t } = await getMessages();
  const f = t.field;
  const m = t.enrollment.list;
  const raw = readEnrolleeFilter(await searchParams);
  const filter = { q: raw.q, page: raw.page };
  const page = await orNotFound(() => listEnrollees(db(), p, filter, { today: todayInVietnam() }));

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold" data-testid="people-title">
            {f.people.title}
          </h1>
          <p className="text-sm text-slate-600">{f.people.subtitle}</p>
        </div>
        {p.collector && (
          <Link
            href="/enrollees/new"
            className="inline-flex min-h-11 items-center rounded bg-sky-700 px-3 text-sm font-medium text-white"
            data-testid="people-register"
          >
            {f.people.register}
          </Link>
        )}
      </div>
      <form role="search" className="flex gap-2" data-testid="people-search">
        <label className="sr-only" htmlFor="people-q">
          {m.search}
        </label>
        <input
          id="people-q"
          name="q"
          defaultValue={filter.q ?? ""}
          placeholder={m.search}
          className="min-h-11 min-w-0 flex-1 rounded border border-slate-300 px-2"
          data-testid="people-q"
        />
        <button className="min-h-11 rounded bg-sky-700 px-3 text-sm text-white" data-testid="people-search-submit">
          {m.filter}
        </button>
      </form>
      <p className="text-sm text-slate-600" data-testid="people-count">
        {fill(page.capped ? m.countCapped : m.count, { n: formatNumber(page.total, locale) })}
      </p>
      {page.rows.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-4">{m.none}</p>
      ) : (
        <ul className="space-y-2" data-testid="people">
          {page.rows.map((r) => (
            <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-3" data-testid="person-row" data-enrollee={r.id}>
              <div className="flex items-start justify-between gap-2">
                <Link href={`/field/${r.id}`} className="inline-flex min-h-11 items-center font-semibold text-sky-800" data-testid="person-row-name">
                  {r.fullName}
                </Link>
                <StatusBadge status={r.status} label={f.status[r.status]} />
              </div>
              <div className="text-sm text-slate-600">
                {r.communeName}
                {r.coverageEnd ? ` · ${f.dueOn}: ${formatDate(r.coverageEnd)}` : ""}
                {r.phone ? ` · ${r.phone}` : ""}
              </div>
            </li>
          ))}
        </ul>
      )}
      {page.pages > 1 && (
        <nav className="flex items-center gap-3 text-sm" aria-label="pagination">
          {page.page > 1 ? (
            <Link href={`/field/people${enrolleeFilterQuery(filter, { page: page.page - 1 })}`} className="inline-flex min-h-11 items-center text-sky-700">
              {m.prev}
            </Link>
          ) : (
            <span className="text-slate-400">{m.prev}</span>
          )}
          <span>{fill(m.page, { page: page.page, pages: page.pages })}</span>
          {page.page < page.pages ? (
            <Link href={`/field/people${enrolleeFilterQuery(filter, { page: page.page + 1 })}`} className="inline-flex min-h-11 items-center text-sky-700">
              {m.next}
            </Link>
          ) : (
            <span className="text-slate-400">{m.next}</span>
          )}
        </nav>
      )}
    </div>
  );
}
