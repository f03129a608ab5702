import { idParam } from "@/lib/server/http/params";
import { todayInVietnam } from "@/lib/domain/dates";
import { getMessages } from "@/lib/server/http/locale";
import { formatNumber } from "@/lib/i18n/format";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { getEnrollee, policyForForm, registrationOptions } from "@/lib/server/enrollment/enrollees";
import { EnrolleeForm } from "@/components/enrollment/enrollee-form";
import { policyAction, updateEnrolleeAction } from "../../actions";

export const dynamic = "force-dynamic";

export default async function EditEnrolleePage({ params }: { params: Promise<{ id: string }> }) {
  const p = await requirePagePrincipal("enrollee.write");
  const id = idParam((await params).id);
  const { locale, t } = await getMessages();
  const today = todayInVietnam();
  const e = await orNotFound(() => getEnrollee(db(), p, id, { today }));
  const [options, policy] = await Promise.all([registrationOptions(db(), p, { today }), policyForForm(db(), p, today)]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">
        {t.enrollment.edit.title}: {e.fullName}
      </h1>
      <EnrolleeForm
        mode="edit"
        locale={locale}
        t={t.enrollment}
        options={options}
        initialPolicy={policy}
        today={today}
        action={updateEnrolleeAction.bind(null, e.id)}
        policyAction={policyAction}
        version={e.version}
        cancelHref={`/enrollees/${e.id}`}
        current={{
          agent: e.agentId ? { id: e.agentId, name: e.agentName ?? `#${e.agentId}` } : null,
          conference: e.conferenceId ? { id: e.conferenceId, title: e.conferenceTitle ?? `#${e.conferenceId}` } : null,
        }}
        initial={{
          personalId: e.personalId,
          siCode: e.siCode ?? "",
          fullName: e.fullName,
          dateOfBirth: e.dateOfBirth,
          sex: e.sex,
          phone: e.phone ?? "",
          communeCode: e.communeCode,
          address: e.address ?? "",
          nationality: e.nationality,
          ethnicity: e.ethnicity ?? "",
          email: e.email ?? "",
          occupation: e.occupation,
          subsidyGroup: e.subsidyGroup,
          declaredIncome: formatNumber(e.declaredIncome, locale),
          paymentPeriod: e.paymentPeriod,
          months: e.contributions.length ? String(e.contributions[e.contributions.length - 1].months) : "",
          agentId: e.agentId ? String(e.agentId) : "",
          conferenceId: e.conferenceId ? String(e.conferenceId) : "",
          enrolledOn: e.enrolledOn,
          method: "",
          receiptNo: "",
          paidOn: today,
        }}
      />
    </div>
  );
}
