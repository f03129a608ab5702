import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { todayInVietnam } from "@/lib/domain/dates";
import { db } from "@/lib/server/db/index";
import { can, provinceFor, isNational, levelBelow } from "@/lib/server/auth/authz";
import { requirePagePrincipal } from "@/lib/server/http/page";
import { provinceOptions, unitOptions } from "@/lib/server/agents/agents";
import { listConferences } from "@/lib/server/agents/conferences";
import { conferenceFilterFromSearchParams } from "@/lib/validation/conference";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge, Pager, UnitFilterSelects, urlWith } from "@/components/ui/lists";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/fields";
import { DateField } from "@/components/ui/date-field";

export const dynamic = "force-dynamic";

export default async function ConferencesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = await requirePagePrincipal("unit.read");
  const { locale, t } = await getMessages();
  const a = t.agents;
  const c = t.conferences;
  const sp = await searchParams;
  const f = conferenceFilterFromSearchParams(sp);
  const today = todayInVietnam();
  const province = provinceFor(p.scope, f.province);
  const [list, provinces, units] = await Promise.all([
    listConferences(db(), p, f, today),
    isNational(p.scope) ? provinceOptions(db(), p) : Promise.resolve([]),
    unitOptions(db(), p, province),
  ]);
  const communes = units.communes.filter((u) => !f.area || u.areaCode === f.area);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const n = (v: number) => formatNumber(v, locale);
  const params = { from: f.from, to: f.to, province: f.province, area: f.area, commune: f.commune, agent: f.agent };
  const created = Number(Array.isArray(sp.created) ? sp.created[0] : sp.created);
  const canWrite = can(p, "conference.write");
  const label = "flex flex-col gap-1 text-xs font-medium text-slate-600";

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{c.title}</h1>
          <p className="text-sm text-slate-600">{c.intro}</p>
        </div>
        {canWrite && (
          <Link
            href={urlWith("/conferences/new", { province: isNational(p.scope) ? f.province : undefined })}
            className={buttonClass}
            data-testid="conference-add"
          >
            {c.add}
          </Link>
        )}
      </div>

      <form className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" data-testid="conference-filters">
        <label className={label}>
          {c.from}
          <DateField name="from" id="filter-from" defaultValue={f.from ?? ""} inputClassName={inputClass} data-testid="filter-from" />
        </label>
        <label className={label}>
          {c.to}
          <DateField name="to" id="filter-to" defaultValue={f.to ?? ""} inputClassName={inputClass} data-testid="filter-to" />
        </label>
        <UnitFilterSelects
          byProvince={isNational(p.scope)}
          byArea={levelBelow(p.scope, "AREA")}
          provinces={provinces}
          areas={units.areas}
          communes={communes}
          values={f}
          labelClass={label}
          text={{ province: a.f.province, area: a.f.area, commune: c.commune, all: a.all }}
        />
        <button className={buttonClass}>{a.filter}</button>
        <Link href="/conferences" className={secondaryButtonClass}>
          {a.clearFilters}
        </Link>
      </form>

      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm">
          <span className="font-medium" data-testid="conference-count">
            {fill(c.count, { n: n(list.total) })}
          </span>
          <span className="ml-3 text-slate-600">
            {c.totalEnrolled}:{" "}
            <span className="font-medium tabular-nums" data-testid="conference-total-enrolled">
              {n(list.totalEnrolled)}
            </span>
          </span>
        </p>
        <Pager
          page={list.page}
          pages={pages}
          href={(pg) => urlWith("/conferences", { ...params, page: pg })}
          text={{ prev: a.prev, next: a.next, page: a.page }}
        />
      </div>

      {list.rows.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-4 text-sm">{c.none}</p>
      ) : (
        <Table testId="conferences-table" stack>
          <thead>
            <tr>
              <Th>{c.heldOn}</Th>
              <Th>{c.name}</Th>
              <Th>{c.commune}</Th>
              <Th>{c.agent}</Th>
              <Th numeric>{c.attendees}</Th>
              <Th numeric>{c.enrolled}</Th>
              <Th />
            </tr>
          </thead>
          <tbody>
            {list.rows.map((r) => (
              <tr key={r.id} className={r.id === created ? "bg-emerald-50" : "hover:bg-slate-50"} data-testid="conference-row" data-id={r.id}>
                <Td className="whitespace-nowrap" cell="key" label={c.heldOn}>
                  {formatDate(r.heldOn)}
                </Td>
                <Td cell="title">
                  <Link href={`/conferences/${r.id}`} className="text-sky-700 hover:underline">
                    {r.title}
                  </Link>
                </Td>
                <Td cell="key" label={c.commune}>
                  {r.communeName}
                </Td>
                <Td label={c.agent}>{r.agentName ?? <span className="text-slate-400">{c.noAgent}</span>}</Td>
                <Td numeric cell="key" label={c.attendees}>
                  {n(r.attendees)}
                </Td>
                <Td numeric cell="key" label={c.enrolled}>
                  <span data-testid="conference-enrolled">{n(r.enrolled)}</span>
                </Td>
                <Td cell="key">{r.planned ? <Badge tone="sky">{c.planned}</Badge> : <Badge tone="green">{c.held}</Badge>}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
