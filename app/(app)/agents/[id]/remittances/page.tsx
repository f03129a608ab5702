import Link from "next/link";
import { notFound } from "next/navigation";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatVnd } from "@/lib/i18n/format";
import { todayInVietnam } from "@/lib/domain/dates";
import { db } from "@/lib/server/db/index";
import { can } from "@/lib/server/auth/authz";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { listRemittances } from "@/lib/server/paperwork/remittances";
import { StatCard } from "@/components/ui/card";
import { RemittanceForm } from "@/components/paperwork/receipt-books-forms";
import { recordRemittanceAction } from "./actions";

export const dynamic = "force-dynamic";

/** An agent's balance (collected − remitted, money held since) and its remittances. */
export default async function RemittancesPage({ params }: { params: Promise<{ id: string }> }) {
  const p = await requirePagePrincipal("unit.read");
  const { locale, t } = await getMessages();
  const r = t.paperwork.remit;
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const today = todayInVietnam();
  const { agent, balance, remittances } = await orNotFound(() => listRemittances(db(), p, id, today));
  const money = (v: number) => formatVnd(v, locale);

  return (
    <div className="space-y-6" data-testid="remittances">
      <nav className="text-sm">
        <Link href={`/agents/${id}`} className="text-sky-700 hover:underline">
          ← {agent.name}
        </Link>
      </nav>
      <div>
        <h1 className="text-2xl font-bold">{r.title}</h1>
        <p className="text-sm text-slate-600">
          {agent.name} · <span className="font-mono">{agent.code}</span>
        </p>
        <p className="mt-1 text-sm text-slate-600">{r.intro}</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label={r.collected} value={money(balance.collected)} testId="remit-collected" />
        <StatCard label={r.remitted} value={money(balance.remitted)} testId="remit-remitted" />
        <StatCard label={r.balance} value={money(balance.balance)} testId="remit-balance" />
        <StatCard
          label={r.heldSince}
          value={balance.heldSince ? `${formatDate(balance.heldSince)} (${fill(r.heldDays, { n: balance.heldDays ?? 0 })})` : r.allRemitted}
          testId="remit-held"
          hint={
            balance.overdue ? (
              <span className="font-semibold text-red-700" data-testid="remit-overdue">
                {fill(r.overdue, { n: balance.maxDays })}
              </span>
            ) : undefined
          }
        />
      </div>

      <section className="rounded-lg border border-slate-200 bg-white p-4">
        {remittances.length === 0 ? (
          <p className="text-sm text-slate-600">{r.none}</p>
        ) : (
          <table className="w-full text-sm" data-testid="remittance-table">
            <thead>
              <tr className="text-left text-slate-500">
                <th className="py-1">{r.remittedOn}</th>
                <th>{r.amount}</th>
                <th>{r.bankReference}</th>
                <th>{r.period}</th>
                <th>{r.note}</th>
              </tr>
            </thead>
            <tbody>
              {remittances.map((x) => (
                <tr key={x.id} className="border-t border-slate-100" data-testid="remittance-row">
                  <td className="py-1">{formatDate(x.remittedOn)}</td>
                  <td className="tabular-nums">{money(x.amount)}</td>
                  <td className="font-mono">{x.bankReference}</td>
                  <td>
                    {formatDate(x.periodFrom)} – {formatDate(x.periodTo)}
                  </td>
                  <td>{x.note ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {can(p, "paperwork.write") && (
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-semibold">{r.add}</h2>
          <RemittanceForm text={r} action={recordRemittanceAction.bind(null, id)} today={today} monthStart={`${today.slice(0, 7)}-01`} />
        </section>
      )}
    </div>
  );
}
