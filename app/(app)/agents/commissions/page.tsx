import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";
import { todayInVietnam } from "@/lib/domain/dates";
import { PAYMENT_PERIODS } from "@/lib/domain/types";
import { formatDate } from "@/lib/i18n/format";
import { AGENT_KINDS } from "@/lib/validation/agent";
import { db } from "@/lib/server/db/index";
import { requirePagePrincipal } from "@/lib/server/http/page";
import { listCommissionRates } from "@/lib/server/paperwork/commissions";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/lists";
import { AddRateForm, DeleteRateButton } from "@/components/paperwork/commission-forms";
import { addCommissionRateAction, deleteCommissionRateAction } from "./actions";

export const dynamic = "force-dynamic";

/** The agents' commission-rate tables (dated, per agent kind): everyone who reads agents; national admins add rows. */
export default async function CommissionRatesPage() {
  const p = await requirePagePrincipal("unit.read");
  const { t } = await getMessages();
  const c = t.commissions,
    r = c.rates;
  const today = todayInVietnam();
  const { rates, editable } = await listCommissionRates(db(), p, today);
  const pct = (bp: number) => (bp / 100).toLocaleString("vi-VN", { maximumFractionDigits: 2 });
  const tone = { inForce: "green", future: "amber", past: "slate" } as const;

  return (
    <div className="space-y-6" data-testid="commission-rates">
      <nav className="text-sm">
        <Link href="/agents" className="text-sky-700 hover:underline">
          ← {t.nav.agents}
        </Link>
      </nav>
      <div>
        <h1 className="text-2xl font-bold">{r.title}</h1>
        <p className="mt-1 text-sm text-slate-600">{r.intro}</p>
        {rates.some((x) => x.sample) && (
          <p className="mt-2 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm font-semibold text-amber-900" data-testid="rates-sample">
            {c.sample}
          </p>
        )}
      </div>
      {rates.length === 0 ? (
        <p className="text-sm text-slate-600">{r.none}</p>
      ) : (
        <Table stack testId="rate-table">
          <thead>
            <tr>
              <Th>{r.kind}</Th>
              <Th>{r.period}</Th>
              <Th numeric>{r.newRate}</Th>
              <Th numeric>{r.renewalRate}</Th>
              <Th>{r.effectiveFrom}</Th>
              <Th>{r.state}</Th>
              <Th>{r.legalBasis}</Th>
              <Th />
            </tr>
          </thead>
          <tbody>
            {rates.map((x) => (
              <tr key={x.id} data-testid="rate-row" data-state={x.state}>
                <Td cell="title" label={r.kind}>
                  {t.agents.kinds[x.agentKind as keyof typeof t.agents.kinds]}
                </Td>
                <Td label={r.period}>{x.paymentPeriod ? c.periods[x.paymentPeriod] : r.anyPeriod}</Td>
                <Td numeric cell="key" label={r.newRate}>
                  {pct(x.newRateBp)}
                </Td>
                <Td numeric cell="key" label={r.renewalRate}>
                  {pct(x.renewalRateBp)}
                </Td>
                <Td cell="key" label={r.effectiveFrom}>
                  {formatDate(x.effectiveFrom)}
                </Td>
                <Td label={r.state}>
                  <Badge tone={tone[x.state]}>{r.states[x.state]}</Badge>
                  {x.sample && (
                    <>
                      {" "}
                      <Badge tone="amber">{r.sample}</Badge>
                    </>
                  )}
                </Td>
                <Td label={r.legalBasis}>{x.legalBasis ?? ""}</Td>
                <Td cell={x.deletable ? "detail" : "none"}>
                  {x.deletable && <DeleteRateButton label={r.delete} action={deleteCommissionRateAction.bind(null, x.id)} />}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">{r.add}</h2>
        {editable ? (
          <AddRateForm
            text={r}
            action={addCommissionRateAction}
            today={today}
            kinds={AGENT_KINDS.map((k) => ({ value: k, label: t.agents.kinds[k] }))}
            periods={PAYMENT_PERIODS.map((k) => ({ value: k, label: c.periods[k] }))}
          />
        ) : (
          <p className="text-sm text-slate-600">{r.nationalOnly}</p>
        )}
      </section>
    </div>
  );
}
