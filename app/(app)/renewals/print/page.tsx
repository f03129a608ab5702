import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatNumber, formatVnd } from "@/lib/i18n/format";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { listRenewals } from "@/lib/server/renewals/renewals";
import { readRenewalFilter, renewalQuery } from "@/lib/validation/renewals";
import { PrintButton } from "@/components/renewals/print-button";
import { agentsWithAccount } from "@/lib/server/field/agent-account";

export const dynamic = "force-dynamic";
const QR_PRINT_LIMIT = 300;

/** The call list as an agent takes it to the field: A4, black on white, a blank column for notes. */
export default async function RenewalsPrintPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = await requirePagePrincipal("enrollee.read");
  const { locale, t } = await getMessages();
  const r = t.renewals;
  const filter = readRenewalFilter(await searchParams);
  const list = await orNotFound(() => listRenewals(db(), p, filter));
  // VietQR codes to scan from the paper (issue 11), for call lists short enough to print them all
  const qrAgents =
    list.rows.length <= QR_PRINT_LIMIT
      ? await agentsWithAccount(
          db(),
          list.rows.map((x) => x.agentId),
        )
      : new Set<number>();
  const statusLabel = filter.status === "ALL" ? r.statusAll : t.enrollment.status[filter.status];

  return (
    <div className="print-sheet mx-auto max-w-[210mm] bg-white text-[12px] leading-snug text-black" data-testid="renewals-print">
      <style>{`@media print { main { padding: 0 !important; max-width: none !important; } .print-sheet { max-width: none !important; } tr { break-inside: avoid; } thead { display: table-header-group; } }`}</style>
      <div className="no-print mb-4 flex gap-2">
        <PrintButton label={r.print} />
        <Link href={`/renewals${renewalQuery(filter)}`} className="tap rounded border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50">
          {t.back}
        </Link>
      </div>

      <header className="mb-3 flex justify-between gap-4">
        <div className="text-center font-semibold uppercase">
          <div>{r.printAgency}</div>
          <div data-testid="print-unit">{list.unitName}</div>
        </div>
        <div className="text-right text-[11px]">{fill(r.printDate, { date: formatDate(list.on) })}</div>
      </header>
      <h1 className="mb-1 text-center text-[15px] font-bold uppercase">{r.printTitle}</h1>
      <p className="mb-3 text-center text-[11px]">
        {fill(r.subtitle, { dueUntil: formatDate(list.bounds.dueUntil), overdueFrom: formatDate(list.bounds.overdueFrom), today: formatDate(list.on) })}
      </p>
      <dl className="mb-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5" data-testid="print-header">
        <dt className="font-semibold">{r.unit}:</dt>
        <dd>{list.commune ? `${list.commune.fullName} — ${list.unitName}` : list.unitName}</dd>
        <dt className="font-semibold">{r.agent}:</dt>
        <dd data-testid="print-agent">{list.agent ? `${list.agent.name} (${list.agent.code})` : r.allAgents}</dd>
        <dt className="font-semibold">{r.status}:</dt>
        <dd>
          {statusLabel} —{" "}
          {fill(r.printCount, {
            n: formatNumber(list.rows.length, locale),
            due: formatNumber(list.totals.due, locale),
            overdue: formatNumber(list.totals.overdue, locale),
          })}
        </dd>
      </dl>

      {list.truncated && (
        <p className="mb-2 font-semibold">{fill(r.truncated, { shown: formatNumber(list.rows.length, locale), total: formatNumber(list.total, locale) })}</p>
      )}

      <table className="stack w-full border-collapse" data-testid="print-table">
        <thead>
          <tr className="bg-slate-100 print:bg-transparent">
            {[r.no, r.fullName, r.yearOfBirth, r.phone, r.address, r.coverageEnd, r.amountDue, r.callResult].map((h) => (
              <th key={h} className="border border-black px-1 py-1 text-left font-semibold">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {list.rows.map((row, i) => (
            <tr key={row.enrolleeId}>
              <td className="border border-black px-1 py-1 text-right tabular-nums" data-cell="none">
                {i + 1}
              </td>
              <td className="border border-black px-1 py-1" data-cell="title">
                {row.fullName}
              </td>
              <td className="border border-black px-1 py-1 tabular-nums" data-label={r.yearOfBirth}>
                {row.dateOfBirth.slice(0, 4)}
              </td>
              <td className="whitespace-nowrap border border-black px-1 py-1 tabular-nums" data-cell="key" data-label={r.phone}>
                {row.phone ?? ""}
              </td>
              <td className="border border-black px-1 py-1" data-label={r.address}>
                {[row.address, list.commune || row.address?.includes(row.communeName) ? null : row.communeName].filter(Boolean).join(" · ")}
              </td>
              <td className="whitespace-nowrap border border-black px-1 py-1 tabular-nums" data-cell="key" data-label={r.coverageEnd}>
                {formatDate(row.coverageEnd)}
                {row.status === "OVERDUE" ? " *" : ""}
              </td>
              <td className="whitespace-nowrap border border-black px-1 py-1 text-right tabular-nums" data-cell="key" data-label={r.amountDue}>
                {row.amountDue == null ? "—" : formatVnd(row.amountDue, locale)}
                {row.agentId != null && qrAgents.has(row.agentId) && (row.amountDue ?? 0) > 0 && (
                  // eslint-disable-next-line @next/next/no-img-element -- server-drawn SVG
                  <img src={`/field/${row.enrolleeId}/qr`} alt="VietQR" width={72} height={72} className="ml-auto mt-1 block" data-testid="print-qr" />
                )}
              </td>
              <td className="w-[18%] border border-black px-1 py-1"></td>
            </tr>
          ))}
          {list.rows.length === 0 && (
            <tr>
              <td colSpan={8} className="border border-black px-1 py-3 text-center">
                {r.empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <p className="mt-2 text-[11px]">{r.printLegend}</p>
      <div className="mt-6 grid grid-cols-2 text-center">
        <div>
          <div className="font-semibold">{r.printAgentSign}</div>
          <div className="text-[11px] italic">{r.printSignHint}</div>
        </div>
        <div>
          <div className="font-semibold">{r.printPreparedBy}</div>
          <div className="text-[11px] italic">{r.printSignHint}</div>
          <div className="mt-12">{p.name}</div>
        </div>
      </div>
    </div>
  );
}
