import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { attainmentPct, formatPct } from "@/lib/domain/coverage";
import { AGENT_STATES } from "@/lib/domain/agent-status";
import { todayInVietnam, yearOf } from "@/lib/domain/dates";
import { db } from "@/lib/server/db/index";
import { can, provinceFor, isNational, levelBelow } from "@/lib/server/auth/authz";
import { requirePagePrincipal } from "@/lib/server/http/page";
import { listAgents, provinceOptions, unitOptions } from "@/lib/server/agents/agents";
import { agentsHoldingMoney } from "@/lib/server/paperwork/remittances";
import { AGENT_KINDS, agentFilterFromSearchParams } from "@/lib/validation/agent";
import { Table, Td, Th } from "@/components/ui/table";
import { Pager, UnitFilterSelects, urlWith } from "@/components/ui/lists";
import { StateBadge } from "@/components/agents/state-badge";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/fields";

export const dynamic = "force-dynamic";

export default async function AgentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = await requirePagePrincipal("unit.read");
  const { locale, t } = await getMessages();
  const a = t.agents;
  const f = agentFilterFromSearchParams(await searchParams);
  const today = todayInVietnam();
  const year = yearOf(today);
  const province = provinceFor(p.scope, f.province);
  const [list, provinces, units] = await Promise.all([
    listAgents(db(), p, f, today),
    isNational(p.scope) ? provinceOptions(db(), p) : Promise.resolve([]),
    unitOptions(db(), p, province),
  ]);
  // money held longer than the province allows (lib/server/paperwork/remittances.ts)
  const held = await agentsHoldingMoney(
    db(),
    p,
    today,
    list.rows.map((r) => r.id),
  );
  const communes = units.communes.filter((c) => !f.area || c.areaCode === f.area);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const n = (v: number) => formatNumber(v, locale);
  const params = { q: f.q, kind: f.kind, state: f.state, province: f.province, area: f.area, commune: f.commune };
  const label = "flex flex-col gap-1 text-xs font-medium text-slate-600";

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{a.title}</h1>
          <p className="text-sm text-slate-600">{a.intro}</p>
        </div>
        <Link href="/agents/commissions" className={secondaryButtonClass} data-testid="agent-commission-rates">
          {t.commissions.ratesLink}
        </Link>
        {can(p, "agent.write") && (
          <Link href={urlWith("/agents/new", { province: isNational(p.scope) ? f.province : undefined })} className={buttonClass} data-testid="agent-add">
            {a.add}
          </Link>
        )}
      </div>

      <form className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" role="search" data-testid="agent-filters">
        <label className={label}>
          {t.search}
          <input type="search" name="q" defaultValue={f.q ?? ""} placeholder={a.searchPlaceholder} className={`${inputClass} w-72`} />
        </label>
        <UnitFilterSelects
          byProvince={isNational(p.scope)}
          byArea={levelBelow(p.scope, "AREA")}
          provinces={provinces}
          areas={units.areas}
          communes={communes}
          values={f}
          labelClass={label}
          text={{ province: a.f.province, area: a.f.area, commune: a.f.commune, all: a.all }}
        />
        <label className={label}>
          {a.f.kind}
          <select name="kind" defaultValue={f.kind ?? ""} className={inputClass}>
            <option value="">{a.all}</option>
            {AGENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {a.kinds[k]}
              </option>
            ))}
          </select>
        </label>
        <label className={label}>
          {a.f.state}
          <select name="state" defaultValue={f.state ?? ""} className={inputClass} data-testid="filter-state">
            <option value="">{a.all}</option>
            {AGENT_STATES.map((s) => (
              <option key={s} value={s}>
                {a.states[s]}
              </option>
            ))}
          </select>
        </label>
        <button className={buttonClass}>{a.filter}</button>
        <Link href="/agents" className={secondaryButtonClass}>
          {a.clearFilters}
        </Link>
      </form>

      <p className="text-xs text-slate-500">{a.selectableHint}</p>

      <div className="flex items-center justify-between">
        <p className="text-sm font-medium" data-testid="agent-count">
          {fill(a.count, { n: n(list.total) })}
        </p>
        <Pager page={list.page} pages={pages} href={(pg) => urlWith("/agents", { ...params, page: pg })} text={{ prev: a.prev, next: a.next, page: a.page }} />
      </div>

      {list.rows.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-4 text-sm">{a.none}</p>
      ) : (
        <Table testId="agents-table">
          <thead>
            <tr>
              <Th>{a.col.code}</Th>
              <Th>{a.f.name}</Th>
              <Th>{a.f.kind}</Th>
              <Th>{a.f.area}</Th>
              <Th numeric>{a.col.communes}</Th>
              <Th numeric>{a.col.collectors}</Th>
              <Th numeric>{a.col.enrollees}</Th>
              <Th numeric>{a.col.participants}</Th>
              <Th numeric>{fill(a.f.target, { year })}</Th>
              <Th numeric>%</Th>
              <Th>{a.col.contractEnd}</Th>
              <Th>{a.f.state}</Th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((r) => (
              <tr key={r.id} className="hover:bg-slate-50" data-testid="agent-row" data-code={r.code}>
                <Td className="whitespace-nowrap font-mono text-xs">{r.code}</Td>
                <Td className="min-w-48">
                  <Link className="text-sky-700 hover:underline" href={`/agents/${r.id}`}>
                    {r.name}
                  </Link>
                  {held.get(r.id)?.overdue && (
                    <Link
                      href={`/agents/${r.id}/remittances`}
                      className="ml-1 whitespace-nowrap rounded bg-red-100 px-1.5 text-xs text-red-800"
                      data-testid="agent-money-held"
                    >
                      {fill(t.paperwork.remit.overdue, { n: held.get(r.id)!.maxDays })}
                    </Link>
                  )}
                </Td>
                <Td>{a.kinds[r.kind]}</Td>
                <Td className="min-w-28">{r.areaName}</Td>
                <Td numeric>{n(r.communes)}</Td>
                <Td numeric>{n(r.collectors)}</Td>
                <Td numeric>{n(r.enrollees)}</Td>
                <Td numeric>{n(r.participants)}</Td>
                <Td numeric>{r.target === null ? <span className="text-slate-400">{a.noTarget}</span> : n(r.target)}</Td>
                <Td numeric>{r.target ? formatPct(attainmentPct(r.participants, r.target), locale) : ""}</Td>
                <Td className="whitespace-nowrap">{r.contractEnd ? formatDate(r.contractEnd) : a.notSet}</Td>
                <Td>
                  <StateBadge state={r.state} label={a.states[r.state]} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
