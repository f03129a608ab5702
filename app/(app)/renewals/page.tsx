import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatNumber, formatVnd } from "@/lib/i18n/format";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { can } from "@/lib/server/auth/authz";
import { listRenewals, renewalChoices } from "@/lib/server/renewals/renewals";
import { readRenewalFilter, renewalQuery } from "@/lib/validation/renewals";
import { StatCard } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { RenewalFilters } from "@/components/renewals/renewal-filters";
import { RenewalStatus } from "@/components/renewals/renewal-status";

export const dynamic = "force-dynamic";

export default async function RenewalsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = await requirePagePrincipal("enrollee.read");
  const canPay = can(p, "enrollee.write");
  const { locale, t } = await getMessages();
  const r = t.renewals;
  const filter = readRenewalFilter(await searchParams);
  const list = await orNotFound(() => listRenewals(db(), p, filter));
  const choices = await renewalChoices(db(), p, filter.commune);
  const q = renewalQuery(filter);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold" data-testid="renewals-title">
            {r.title}
          </h1>
          <p className="text-sm text-slate-600">
            {fill(r.subtitle, { dueUntil: formatDate(list.bounds.dueUntil), overdueFrom: formatDate(list.bounds.overdueFrom), today: formatDate(list.on) })}
          </p>
        </div>
        <div className="no-print flex flex-wrap gap-2 text-sm">
          <Link href={`/renewals/print${q}`} className="tap rounded border border-sky-700 px-3 py-2 text-sky-800 hover:bg-sky-50" data-testid="open-print">
            {r.printView}
          </Link>
          <a
            href={`/renewals/export${renewalQuery(filter, { format: "xlsx" })}`}
            className="tap rounded border border-slate-300 px-3 py-2 hover:bg-slate-50"
            data-testid="export-xlsx"
            download
          >
            {r.exportXlsx}
          </a>
          <a
            href={`/renewals/export${renewalQuery(filter, { format: "csv" })}`}
            className="tap rounded border border-slate-300 px-3 py-2 hover:bg-slate-50"
            data-testid="export-csv"
            download
          >
            {r.exportCsv}
          </a>
        </div>
      </div>

      <RenewalFilters
        t={{
          commune: r.commune,
          allCommunes: r.allCommunes,
          agent: r.agent,
          allAgents: r.allAgents,
          status: r.status,
          statusAll: r.statusAll,
          statusDue: t.enrollment.status.DUE,
          statusOverdue: t.enrollment.status.OVERDUE,
          apply: r.apply,
          inactive: r.inactiveAgent,
        }}
        filter={filter}
        communes={choices.communes}
        agents={choices.agents}
      />

      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4">
        <StatCard label={t.enrollment.status.DUE} value={formatNumber(list.totals.due, locale)} testId="stat-due" />
        <StatCard label={t.enrollment.status.OVERDUE} value={formatNumber(list.totals.overdue, locale)} testId="stat-overdue" />
        <div className="col-span-2 sm:col-span-1">
          <StatCard label={r.amountTotal} value={formatVnd(list.totals.amountDue, locale)} hint={r.amountHint} testId="stat-amount" />
        </div>
      </div>

      {list.truncated && (
        <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="renewals-truncated">
          {fill(r.truncated, { shown: formatNumber(list.rows.length, locale), total: formatNumber(list.total, locale) })}
        </p>
      )}

      {list.rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-center text-slate-600" data-testid="renewals-empty">
          {r.empty}
        </p>
      ) : (
        <Table testId="renewals-table" stack>
          <thead>
            <tr>
              <Th numeric>{r.no}</Th>
              <Th>{r.fullName}</Th>
              <Th>{r.dateOfBirth}</Th>
              <Th>{r.phone}</Th>
              <Th>{r.commune}</Th>
              <Th>{r.agent}</Th>
              <Th>{r.coverageEnd}</Th>
              <Th>{r.status}</Th>
              <Th>{r.period}</Th>
              <Th numeric>{r.amountDue}</Th>
              {canPay && (
                <Th>
                  <span className="sr-only">{r.collect}</span>
                </Th>
              )}
            </tr>
          </thead>
          <tbody>
            {list.rows.map((row, i) => (
              <tr key={row.enrolleeId} className="hover:bg-slate-50" data-testid="renewal-row">
                <Td numeric cell="none">
                  {i + 1}
                </Td>
                <Td cell="title" name="fullName">
                  <Link href={`/enrollees/${row.enrolleeId}`} className="text-sky-700 hover:underline">
                    {row.fullName}
                  </Link>
                </Td>
                <Td label={r.dateOfBirth}>{formatDate(row.dateOfBirth)}</Td>
                <Td cell="key" label={r.phone} name="phone">
                  {row.phone ? (
                    <a href={`tel:${row.phone}`} className="tap whitespace-nowrap text-sky-700 hover:underline">
                      {row.phone}
                    </a>
                  ) : (
                    <span className="text-slate-400">{r.noPhone}</span>
                  )}
                </Td>
                <Td label={r.commune}>{row.communeName}</Td>
                <Td label={r.agent}>{row.agentName ?? ""}</Td>
                <Td cell="key" label={r.coverageEnd} name="coverageEnd">
                  {formatDate(row.coverageEnd)}
                </Td>
                <Td cell="key" label={r.status} name="status">
                  <RenewalStatus
                    status={row.status}
                    daysLeft={row.daysLeft}
                    t={{ due: r.dueIn, overdue: r.overdueBy, DUE: t.enrollment.status.DUE, OVERDUE: t.enrollment.status.OVERDUE }}
                  />
                </Td>
                <Td cell="key" label={r.period}>
                  {t.enrollment.period[row.paymentPeriod]}
                  {row.paymentPeriod === "ADVANCE" || row.paymentPeriod === "BACK_PAYMENT" ? ` (${fill(r.monthsShort, { n: row.months })})` : ""}
                </Td>
                <Td numeric cell="key" label={r.amountDue} name="amountDue">
                  {row.amountDue == null ? "—" : formatVnd(row.amountDue, locale)}
                </Td>
                {canPay && (
                  <Td cell="key" label={r.collect}>
                    {/* one tap: the payment form, prefilled with the person's period, income and agent; only the receipt is left */}
                    <Link
                      href={`/enrollees/${row.enrolleeId}/pay`}
                      className="tap whitespace-nowrap rounded bg-sky-700 px-2 py-1 text-xs font-medium text-white hover:bg-sky-800"
                      data-testid="renewal-pay"
                    >
                      {r.collect}
                    </Link>
                  </Td>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
