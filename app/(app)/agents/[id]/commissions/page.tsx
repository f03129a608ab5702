import Link from "next/link";
import { notFound } from "next/navigation";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatVnd } from "@/lib/i18n/format";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { getCommissionStatement } from "@/lib/server/paperwork/commissions";
import { commissionQuerySchema } from "@/lib/validation/commissions";
import { lastMonth } from "@/lib/validation/paperwork";
import { StatCard } from "@/components/ui/card";
import { DateField } from "@/components/ui/date-field";
import { Table, Td, Th } from "@/components/ui/table";
import { buttonClass, inputClass } from "@/components/ui/fields";

export const dynamic = "force-dynamic";

/** An agent's (or one collector's) monthly commission statement, on money collected or remitted; Excel download. */
export default async function AgentCommissionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const p = await requirePagePrincipal("enrollee.read");
  const { locale, t } = await getMessages();
  const c = t.commissions;
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const sp = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const wanted = { agentId: String(id), month: sp.month, mode: sp.mode, collectorId: sp.collectorId };
  const query = commissionQuerySchema.safeParse(wanted).success ? wanted : { agentId: String(id), month: lastMonth() };
  const s = await orNotFound(() => getCommissionStatement(db(), p, query));
  const money = (v: number) => formatVnd(v, locale);
  const pct = (bp: number | null) =>
    bp === null ? c.noRate : `${(bp / 100).toLocaleString(locale === "vi" ? "vi-VN" : "en-US", { maximumFractionDigits: 2 })}%`;
  const file = new URLSearchParams({
    agentId: String(id),
    month: s.month,
    mode: s.mode,
    ...(s.collector ? { collectorId: String(s.collector.id) } : {}),
    format: "xlsx",
  });
  const label = "flex flex-col gap-1 text-sm";

  return (
    <div className="space-y-5" data-testid="commission-statement">
      <nav className="flex flex-wrap gap-x-4 text-sm">
        <Link href={`/agents/${id}`} className="text-sky-700 hover:underline">
          ← {s.agent.name}
        </Link>
        <Link href="/agents/commissions" className="text-sky-700 hover:underline">
          {c.ratesLink}
        </Link>
      </nav>
      <div>
        <h1 className="text-2xl font-bold">{c.title}</h1>
        <p className="text-sm text-slate-600">
          {s.agent.name} · <span className="font-mono">{s.agent.code}</span>
          {s.collector ? ` · ${c.collector}: ${s.collector.name}` : ""}
        </p>
        <p className="mt-1 text-sm text-slate-600">{c.intro}</p>
      </div>
      <form method="get" className="grid gap-3 sm:grid-cols-4 sm:items-end" data-testid="commission-filter">
        <label className={label}>
          {c.month}
          <DateField mode="month" name="month" id="commission-month" defaultValue={s.month} inputClassName={inputClass} data-testid="commission-month" />
        </label>
        <label className={label}>
          {c.mode}
          <select name="mode" defaultValue={s.mode} className={inputClass} data-testid="commission-mode">
            <option value="collected">{c.modes.collected}</option>
            <option value="remitted">{c.modes.remitted}</option>
          </select>
        </label>
        <label className={label}>
          {c.collector}
          <select name="collectorId" defaultValue={s.collector ? String(s.collector.id) : ""} className={inputClass}>
            <option value="">{c.allCollectors}</option>
            {s.collectors.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
              </option>
            ))}
          </select>
        </label>
        <div className="flex gap-2">
          <button type="submit" className={buttonClass}>
            {c.show}
          </button>
          <a
            href={`/api/v1/commissions?${file}`}
            className="tap justify-center rounded bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-800"
            data-testid="commission-download"
            download
          >
            {c.download}
          </a>
        </div>
      </form>
      <p className="text-sm text-slate-600">
        {c.modeHint[s.mode]}
        {s.remittedInMonth !== null && <> {fill(c.remittedInMonth, { amount: money(s.remittedInMonth) })}</>}
      </p>
      {s.sampleRates && (
        <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm font-semibold text-amber-900" data-testid="commission-sample">
          {c.sample}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label={c.totals.payments} value={String(s.totals.payments)} />
        <StatCard label={c.totals.base} value={money(s.totals.base)} />
        <StatCard label={c.totals.commission} value={money(s.totals.commission)} testId="commission-total" />
        <StatCard
          label={`${c.totals.newCommission} / ${c.totals.renewalCommission}`}
          value={`${money(s.totals.newCommission)} / ${money(s.totals.renewalCommission)}`}
        />
      </div>
      {s.totals.withoutRate > 0 && (
        <p className="text-sm font-semibold text-red-700" data-testid="commission-without-rate">
          {fill(c.withoutRate, { n: s.totals.withoutRate })}
        </p>
      )}
      {s.rows.length === 0 ? (
        <p className="text-sm text-slate-600">{c.empty}</p>
      ) : (
        <Table stack testId="commission-table">
          <thead>
            <tr>
              <Th>{c.cols.paidOn}</Th>
              <Th>{c.cols.receiptNo}</Th>
              <Th>{c.cols.fullName}</Th>
              <Th>{c.cols.collector}</Th>
              <Th>{c.cols.kind}</Th>
              <Th>{c.cols.period}</Th>
              <Th numeric>{c.cols.amount}</Th>
              <Th numeric>{c.cols.base}</Th>
              <Th numeric>{c.cols.rate}</Th>
              <Th numeric>{c.cols.commission}</Th>
            </tr>
          </thead>
          <tbody>
            {s.rows.map((r) => (
              <tr key={`${r.contributionId}`} data-testid="commission-row">
                <Td label={c.cols.paidOn}>{formatDate(r.paidOn)}</Td>
                <Td label={c.cols.receiptNo} className="font-mono">
                  {r.receiptNo}
                </Td>
                <Td cell="title" label={c.cols.fullName}>
                  {r.fullName}
                </Td>
                <Td label={c.cols.collector}>{r.collectorName ?? ""}</Td>
                <Td label={c.cols.kind}>{r.isNew ? c.isNew : c.renewal}</Td>
                <Td label={c.cols.period}>
                  {c.periods[r.paymentPeriod]} · {r.months}
                </Td>
                <Td numeric label={c.cols.amount}>
                  {money(r.amount)}
                </Td>
                <Td numeric cell="key" label={c.cols.base}>
                  {money(r.base)}
                </Td>
                <Td numeric label={c.cols.rate}>
                  {pct(r.rateBp)}
                </Td>
                <Td numeric cell="key" label={c.cols.commission} name="commission">
                  {money(r.commission)}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
