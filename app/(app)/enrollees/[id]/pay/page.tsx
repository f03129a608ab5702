import { idParam } from "@/lib/server/http/params";
import { todayInVietnam } from "@/lib/domain/dates";
import { nextPeriodStart } from "@/lib/domain/coverage-status";
import { fill } from "@/lib/i18n/messages";
import { formatDate } from "@/lib/i18n/format";
import { getMessages } from "@/lib/server/http/locale";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { getEnrollee, policyForForm, registrationOptions } from "@/lib/server/enrollment/enrollees";
import { PaymentForm } from "@/components/enrollment/payment-form";
import { policyAction, recordPaymentAction } from "../../actions";

export const dynamic = "force-dynamic";

export default async function PayPage({ params }: { params: Promise<{ id: string }> }) {
  const p = await requirePagePrincipal("enrollee.write");
  const id = idParam((await params).id);
  const { locale, t } = await getMessages();
  const m = t.enrollment;
  const today = todayInVietnam();
  const e = await orNotFound(() => getEnrollee(db(), p, id, { today }));
  const [options, policy] = await Promise.all([registrationOptions(db(), p, { today }), policyForForm(db(), p, today)]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{fill(m.pay.title, { name: e.fullName })}</h1>
      <p className="text-sm text-slate-700" data-testid="pay-current">
        {e.coverageEnd ? fill(m.pay.current, { date: formatDate(e.coverageEnd), status: m.status[e.status] }) : m.pay.neverPaid}
        {" · "}
        {fill(m.pay.startsOn, { date: formatDate(nextPeriodStart(e.coverageEnd, today)) })}
      </p>
      <PaymentForm
        locale={locale}
        t={m}
        today={today}
        initialPolicy={policy}
        agents={options.agents}
        action={recordPaymentAction.bind(null, e.id)}
        policyAction={policyAction}
        offlineT={t.offline}
        enrollee={{
          id: e.id,
          version: e.version,
          communeCode: e.communeCode,
          subsidyGroup: e.subsidyGroup,
          subsidyMonthsUsed: e.subsidyMonthsUsed,
          coverageEnd: e.coverageEnd,
          declaredIncome: e.declaredIncome,
          paymentPeriod: e.paymentPeriod,
          agentId: e.agentId,
          agentName: e.agentName,
          fullName: e.fullName,
        }}
      />
    </div>
  );
}
