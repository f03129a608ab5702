import { todayInVietnam } from "@/lib/domain/dates";
import { getMessages } from "@/lib/server/http/locale";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { assertFieldWrite } from "@/lib/server/auth/authz";
import { policyForForm, registrationOptions } from "@/lib/server/enrollment/enrollees";
import { EnrolleeForm } from "@/components/enrollment/enrollee-form";
import { policyAction, registerAction } from "../actions";

export const dynamic = "force-dynamic";

export default async function RegisterPage() {
  // the desk's staff, or a collector (its agent's communes, its agent preset: registrationOptions)
  const p = await requirePagePrincipal();
  await orNotFound(async () => assertFieldWrite(p));
  const { locale, t } = await getMessages();
  const today = todayInVietnam();
  const [options, policy] = await Promise.all([registrationOptions(db(), p, { today }), policyForForm(db(), p, today)]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t.enrollment.register.title}</h1>
      <EnrolleeForm
        mode="register"
        locale={locale}
        t={t.enrollment}
        options={options}
        initialPolicy={policy}
        today={today}
        action={registerAction}
        policyAction={policyAction}
        offlineT={t.offline}
        initial={{
          personalId: "",
          siCode: "",
          fullName: "",
          dateOfBirth: "",
          sex: "",
          phone: "",
          communeCode: options.communes.length === 1 ? options.communes[0].code : "",
          address: "",
          nationality: "Việt Nam",
          ethnicity: "",
          email: "",
          occupation: "",
          subsidyGroup: "OTHER",
          declaredIncome: "",
          paymentPeriod: "ANNUAL",
          months: "",
          agentId: options.fixedAgentId ? String(options.fixedAgentId) : "",
          conferenceId: "",
          enrolledOn: today,
          method: "CASH",
          receiptNo: "",
          paidOn: today,
        }}
      />
    </div>
  );
}
