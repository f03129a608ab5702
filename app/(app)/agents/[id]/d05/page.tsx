import Link from "next/link";
import { notFound } from "next/navigation";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { D05_COLUMNS, type D05Row } from "@/lib/domain/d05";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { getD05List } from "@/lib/server/paperwork/d05";
import { d05QuerySchema, lastMonth } from "@/lib/validation/paperwork";
import { PrintButton } from "@/components/renewals/print-button";

export const dynamic = "force-dynamic";

const MONEY_KEYS = new Set<keyof D05Row>(["declaredIncome", "amountDue", "paidByParticipant", "stateAmount", "localAmount", "otherAmount"]);

/** The agent's D05-TS list for a month (default: last month) or a date range: the form on screen and on A4 landscape paper. */
export default async function AgentD05Page({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const p = await requirePagePrincipal("enrollee.read");
  const { locale, t } = await getMessages();
  const d = t.paperwork.d05;
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const sp = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const wanted = { agentId: String(id), month: sp.month, from: sp.from, to: sp.to };
  const query = d05QuerySchema.safeParse(wanted).success ? wanted : { agentId: String(id), month: lastMonth() };
  const list = await orNotFound(() => getD05List(db(), p, query));
  const n = (v: number) => formatNumber(v, locale);
  const period = list.month
    ? fill(d.monthLabel, { month: list.month.slice(5, 7), year: list.month.slice(0, 4) })
    : fill(d.rangeLabel, { from: formatDate(list.from), to: formatDate(list.to) });
  const fileQuery = new URLSearchParams({ ...(list.month ? { month: list.month } : { from: list.from, to: list.to }), format: "xlsx" });
  const cell = (r: D05Row, key: keyof D05Row) => {
    const v = r[key];
    if (key === "receiptDate") return formatDate(String(v));
    if (v === null || v === "") return "";
    if (key === "otherAmount" && v === 0) return "";
    if (typeof v === "number") return MONEY_KEYS.has(key) ? n(v) : String(v).replace(".", locale === "vi" ? "," : ".");
    return String(v);
  };
  const td = "border border-black px-1 py-0.5";
  const totalCells = (label: string) =>
    D05_COLUMNS.map((c, i) => {
      const v =
        c.key === "months"
          ? n(list.totals.months)
          : c.key === "amountDue"
            ? n(list.totals.amountDue)
            : c.key === "paidByParticipant"
              ? n(list.totals.paidByParticipant)
              : c.key === "stateAmount"
                ? n(list.totals.stateAmount)
                : c.key === "localAmount"
                  ? n(list.totals.localAmount)
                  : c.key === "note"
                    ? fill(d.people, { n: n(list.totals.people) })
                    : i === 1
                      ? label
                      : "";
      return (
        <td key={c.no} className={`${td} font-semibold ${MONEY_KEYS.has(c.key) || c.key === "months" ? "text-right tabular-nums" : ""}`}>
          {v}
        </td>
      );
    });

  return (
    <div className="print-sheet space-y-3 bg-white text-[11px] leading-snug text-black" data-testid="d05-page">
      <style>{`@media print { @page { size: A4 landscape; margin: 8mm; } main { padding: 0 !important; max-width: none !important; } tr { break-inside: avoid; } thead { display: table-header-group; } }`}</style>
      <div className="no-print flex flex-wrap items-end gap-3 text-sm">
        <Link href={`/agents/${id}`} className="text-sky-700 hover:underline">
          ← {d.back}
        </Link>
        <form method="get" className="flex flex-wrap items-end gap-2" data-testid="d05-filter">
          <label className="flex flex-col">
            {d.month}
            <input type="month" name="month" defaultValue={list.month ?? ""} className="rounded border border-slate-300 px-2 py-1" />
          </label>
          <span className="pb-1 text-slate-500">{d.orRange}</span>
          <label className="flex flex-col">
            {d.from}
            <input type="date" name="from" defaultValue={list.month ? "" : list.from} className="rounded border border-slate-300 px-2 py-1" />
          </label>
          <label className="flex flex-col">
            {d.to}
            <input type="date" name="to" defaultValue={list.month ? "" : list.to} className="rounded border border-slate-300 px-2 py-1" />
          </label>
          <button type="submit" className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
            {d.show}
          </button>
        </form>
        <a
          href={`/api/v1/agents/${id}/d05?${fileQuery}`}
          className="rounded bg-emerald-700 px-3 py-2 text-white hover:bg-emerald-800"
          data-testid="d05-download"
          download
        >
          {d.download}
        </a>
        <PrintButton label={d.print} />
      </div>

      <header className="flex justify-between gap-4">
        <div className="font-semibold">
          <div data-testid="d05-agent">
            {d.agentName}: {list.agent?.name}
          </div>
          <div>
            {d.agentCode}: {list.agent?.code}
          </div>
          <div>
            {d.unit}: {[list.unit.fullName, list.province?.fullName].filter(Boolean).join(", ")}
          </div>
        </div>
        <div className="max-w-[24rem] text-center">
          <div className="font-semibold">{d.formNo}</div>
          <div className="text-[10px] italic">{d.formBasis}</div>
        </div>
      </header>
      <h1 className="text-center text-[15px] font-bold uppercase">{d.heading}</h1>
      <p className="text-center" data-testid="d05-period">
        {period}
      </p>
      <p className="no-print text-center text-slate-600" data-testid="d05-summary">
        {fill(d.summary, { rows: n(list.rows.length), people: n(list.totals.people), due: n(list.totals.amountDue), paid: n(list.totals.paidByParticipant) })}
      </p>

      <div className="overflow-x-auto">
        <table className="w-full border-collapse" data-testid="d05-table">
          <thead>
            <tr>
              {D05_COLUMNS.map((c, i) =>
                c.group ? (
                  D05_COLUMNS[i - 1]?.group === c.group ? null : (
                    <th key={c.no} colSpan={2} className={`${td} text-center`}>
                      {c.key === "stateRatePct" ? d.groups.state : c.key === "localRatePct" ? d.groups.local : d.groups.other}
                    </th>
                  )
                ) : (
                  <th key={c.no} rowSpan={2} className={`${td} text-center`}>
                    {c.label}
                  </th>
                ),
              )}
            </tr>
            <tr>
              {D05_COLUMNS.filter((c) => c.group).map((c) => (
                <th key={c.no} className={`${td} text-center`}>
                  {c.key.endsWith("RatePct") ? d.rate : d.amount}
                </th>
              ))}
            </tr>
            <tr>
              {D05_COLUMNS.map((c) => (
                <th key={c.no} className={`${td} text-center font-normal italic`}>
                  {c.no}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <td className={`${td} font-semibold`}>I</td>
              <td className={`${td} font-semibold`} colSpan={D05_COLUMNS.length - 1}>
                {d.sectionI}
              </td>
            </tr>
            <tr>
              <td className={`${td} font-semibold`}>I.1</td>
              <td className={`${td} font-semibold`} colSpan={D05_COLUMNS.length - 1}>
                {d.sectionI1}
              </td>
            </tr>
            {list.rows.map((r) => (
              <tr key={r.contributionId} data-testid="d05-row">
                {D05_COLUMNS.map((c) => (
                  <td
                    key={c.no}
                    className={`${td} ${typeof r[c.key] === "number" ? "text-right tabular-nums" : ""} ${c.key === "receiptDate" || c.key === "fromMonth" ? "whitespace-nowrap" : ""}`}
                  >
                    {cell(r, c.key)}
                  </td>
                ))}
              </tr>
            ))}
            {list.rows.length === 0 && (
              <tr>
                <td colSpan={D05_COLUMNS.length} className={`${td} py-3 text-center`}>
                  {d.empty}
                </td>
              </tr>
            )}
            <tr data-testid="d05-subtotal">{totalCells(d.subtotal)}</tr>
            <tr data-testid="d05-total">{totalCells(d.total)}</tr>
          </tbody>
        </table>
      </div>
      {!list.collectorKnown && <p className="text-[10px] italic">{d.collectorMissing}</p>}

      <div className="mt-4 grid grid-cols-2 text-center">
        <div className="pt-5">
          <div className="font-semibold">{d.preparedBy}</div>
          <div className="italic">{d.signHint}</div>
          <div className="mt-12">{p.name}</div>
        </div>
        <div>
          <div className="italic">{d.signDate}</div>
          <div className="font-semibold">{d.agentSign}</div>
          <div className="italic">{d.stampHint}</div>
        </div>
      </div>
    </div>
  );
}
