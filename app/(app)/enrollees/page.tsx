import Link from "next/link";
import { todayInVietnam } from "@/lib/domain/dates";
import { SUBSIDY_GROUPS } from "@/lib/domain/types";
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { getMessages } from "@/lib/server/http/locale";
import { can } from "@/lib/server/auth/authz";
import { db } from "@/lib/server/db/index";
import { requirePagePrincipal } from "@/lib/server/http/page";
import { listEnrollees, listFilterOptions } from "@/lib/server/enrollment/enrollees";
import { ENROLLEE_STATUSES, enrolleeFilterQuery, readEnrolleeFilter } from "@/lib/validation/enrollee-filter";
import { Table, Td, Th } from "@/components/ui/table";
import { StatusBadge } from "@/components/enrollment/status-badge";

export const dynamic = "force-dynamic";

type SP = Record<string, string | string[] | undefined>;

export default async function EnrolleesPage({ searchParams }: { searchParams: Promise<SP> }) {
  const p = await requirePagePrincipal("enrollee.read");
  const { locale, t } = await getMessages();
  const m = t.enrollment;
  const sp = await searchParams;
  const filter = readEnrolleeFilter(sp);
  const today = todayInVietnam();
  const [page, opts] = await Promise.all([listEnrollees(db(), p, filter, { today }), listFilterOptions(db(), p)]);
  const selectClass = "w-full rounded border border-slate-300 px-2 py-1.5 text-sm sm:w-auto";

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{m.list.title}</h1>
        {can(p, "enrollee.write") && (
          <Link href="/enrollees/new" className="tap rounded bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800" data-testid="register-link">
            {m.list.register}
          </Link>
        )}
      </div>
      {sp.deleted && (
        <p className="rounded border border-emerald-300 bg-emerald-50 p-2 text-sm text-emerald-900" role="status">
          {m.detail.deleted}
        </p>
      )}

      <form
        role="search"
        className="grid grid-cols-2 items-end gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:flex sm:flex-wrap"
        data-testid="enrollee-search"
      >
        <label className="col-span-2 flex flex-col text-xs text-slate-600 sm:min-w-64 sm:flex-1">
          {m.list.search}
          <input name="q" defaultValue={filter.q ?? ""} className="rounded border border-slate-300 px-2 py-1.5 text-sm" data-testid="q" />
        </label>
        {opts.communes.length > 0 && (
          <label className="flex min-w-0 flex-col text-xs text-slate-600">
            {m.f.commune}
            <select name="commune" defaultValue={filter.commune ?? ""} className={selectClass} data-testid="f-commune">
              <option value="">{m.all}</option>
              {opts.communes.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.fullName}
                </option>
              ))}
            </select>
          </label>
        )}
        {opts.agents.length > 0 && (
          <label className="flex min-w-0 flex-col text-xs text-slate-600">
            {m.f.agent}
            <select name="agent" defaultValue={filter.agent ? String(filter.agent) : ""} className={`${selectClass} sm:max-w-56`} data-testid="f-agent">
              <option value="">{m.all}</option>
              {opts.agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="flex min-w-0 flex-col text-xs text-slate-600">
          {m.f.status}
          <select name="status" defaultValue={filter.status ?? ""} className={selectClass} data-testid="f-status">
            <option value="">{m.all}</option>
            {ENROLLEE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {m.status[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex min-w-0 flex-col text-xs text-slate-600">
          {m.f.subsidyGroup}
          <select name="group" defaultValue={filter.group ?? ""} className={selectClass} data-testid="f-group">
            <option value="">{m.all}</option>
            {SUBSIDY_GROUPS.map((g) => (
              <option key={g} value={g}>
                {m.subsidyGroup[g]}
              </option>
            ))}
          </select>
        </label>
        <button className="rounded bg-sky-700 px-3 py-1.5 text-sm text-white" data-testid="search-submit">
          {m.list.filter}
        </button>
        <Link href="/enrollees" className="tap px-2 py-1.5 text-sm text-slate-600 hover:underline">
          {m.list.clear}
        </Link>
      </form>

      <p className="text-sm text-slate-600" data-testid="result-count">
        {fill(page.capped ? m.list.countCapped : m.list.count, { n: formatNumber(page.total, locale) })}
      </p>
      {page.rows.length === 0 ? (
        <p className="text-slate-600">{m.list.none}</p>
      ) : (
        <Table testId="enrollee-table" stack>
          <thead>
            <tr>
              <Th>{m.f.fullName}</Th>
              <Th>{m.f.personalId}</Th>
              <Th>{m.f.dateOfBirth}</Th>
              <Th>{m.f.commune}</Th>
              <Th>{m.f.agent}</Th>
              <Th>{m.f.phone}</Th>
              <Th>{m.f.coverageEnd}</Th>
              <Th>{m.f.status}</Th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr key={r.id} className="hover:bg-slate-50" data-testid="enrollee-row">
                <Td cell="title" name="fullName">
                  <Link href={`/enrollees/${r.id}`} className="font-medium text-sky-700 hover:underline">
                    {r.fullName}
                  </Link>
                </Td>
                <Td className="tabular-nums" label={m.f.personalId}>
                  {r.personalId}
                </Td>
                <Td className="tabular-nums" label={m.f.dateOfBirth}>
                  {formatDate(r.dateOfBirth)}
                </Td>
                <Td label={m.f.commune}>{r.communeName}</Td>
                <Td className="text-xs" label={m.f.agent}>
                  {r.agentName ?? ""}
                </Td>
                <Td className="tabular-nums" label={m.f.phone}>
                  {r.phone ?? ""}
                </Td>
                <Td className="tabular-nums" cell="key" label={m.f.coverageEnd} name="coverageEnd">
                  {formatDate(r.coverageEnd)}
                </Td>
                <Td cell="key" label={m.f.status} name="status">
                  <StatusBadge status={r.status} label={m.status[r.status]} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {page.pages > 1 && (
        <nav className="flex items-center gap-3 text-sm" aria-label="pagination" data-testid="pagination">
          {page.page > 1 ? (
            <Link href={`/enrollees${enrolleeFilterQuery(filter, { page: page.page - 1 })}`} className="text-sky-700 hover:underline">
              {m.list.prev}
            </Link>
          ) : (
            <span className="text-slate-400">{m.list.prev}</span>
          )}
          <span>{fill(m.list.page, { page: page.page, pages: page.pages })}</span>
          {page.page < page.pages ? (
            <Link href={`/enrollees${enrolleeFilterQuery(filter, { page: page.page + 1 })}`} className="text-sky-700 hover:underline">
              {m.list.next}
            </Link>
          ) : (
            <span className="text-slate-400">{m.list.next}</span>
          )}
        </nav>
      )}
    </div>
  );
}
