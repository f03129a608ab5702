import { idParam } from "@/lib/server/http/params";
import Link from "next/link";
import { todayInVietnam } from "@/lib/domain/dates";
import { fill, type Locale, type Messages } from "@/lib/i18n/messages";
import { formatDate, formatDateTime, formatNumber, formatVnd } from "@/lib/i18n/format";
import { getMessages } from "@/lib/server/http/locale";
import { can } from "@/lib/server/auth/authz";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { getEnrollee } from "@/lib/server/enrollment/enrollees";
import { Table, Td, Th } from "@/components/ui/table";
import { StatusBadge } from "@/components/enrollment/status-badge";
import { CoverageTimeline } from "@/components/enrollment/coverage-timeline";
import { DeleteEnrollee } from "@/components/enrollment/delete-enrollee";
import { deleteEnrolleeAction } from "../actions";

export const dynamic = "force-dynamic";

type M = Messages["enrollment"];

/** Field names in audit entries → their labels. */
function fieldLabel(m: M, key: string): string {
  const alias: Record<string, keyof M["f"]> = { communeCode: "commune", agentId: "agent", conferenceId: "conference", period: "paymentPeriod" };
  const k = (alias[key] ?? key) as keyof M["f"];
  return m.f[k] ?? key;
}

function show(m: M, key: string, v: unknown, locale: Locale): string {
  if (v === null || v === undefined || v === "") return "—";
  if (key === "sex") return m.sex[v as keyof M["sex"]] ?? String(v);
  if (key === "occupation") return m.occupation[v as keyof M["occupation"]] ?? String(v);
  if (key === "subsidyGroup") return m.subsidyGroup[v as keyof M["subsidyGroup"]] ?? String(v);
  if (key === "paymentPeriod") return m.period[v as keyof M["period"]] ?? String(v);
  if (key === "declaredIncome") return formatVnd(Number(v), locale);
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v)) return formatDate(v);
  return String(v);
}

export default async function EnrolleePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const p = await requirePagePrincipal("enrollee.read");
  const id = idParam((await params).id);
  const sp = await searchParams;
  const { locale, t } = await getMessages();
  const m = t.enrollment;
  const today = todayInVietnam();
  const e = await orNotFound(() => getEnrollee(db(), p, id, { today }));
  const vnd = (v: number) => formatVnd(v, locale);
  const writable = can(p, "enrollee.write");
  const paid = sp.paid ? e.contributions.find((c) => String(c.id) === sp.paid) : undefined;

  const facts: [string, string][] = [
    [m.f.personalId, e.personalId],
    [m.f.siCode, e.siCode ?? "—"],
    [m.f.dateOfBirth, formatDate(e.dateOfBirth)],
    [m.f.sex, m.sex[e.sex]],
    [m.f.phone, e.phone ?? "—"],
    [m.f.email, e.email ?? "—"],
    [m.f.nationality, e.nationality],
    [m.f.ethnicity, e.ethnicity ?? "—"],
    [m.f.address, e.address ?? "—"],
    [m.f.commune, e.communeName],
    [m.f.area, e.areaName],
    [m.f.occupation, m.occupation[e.occupation]],
    [m.f.subsidyGroup, m.subsidyGroup[e.subsidyGroup]],
    [m.f.declaredIncome, vnd(e.declaredIncome)],
    [m.f.paymentPeriod, m.period[e.paymentPeriod]],
    [m.f.agent, e.agentName ?? "—"],
    [m.f.conference, e.conferenceTitle ?? "—"],
    [m.f.enrolledOn, formatDate(e.enrolledOn)],
    [m.f.firstCoveredOn, formatDate(e.firstCoveredOn) || "—"],
    [m.f.coverageEnd, formatDate(e.coverageEnd) || "—"],
    [m.f.subsidyMonthsUsed, formatNumber(e.subsidyMonthsUsed, locale)],
    ...(e.oldCommune ? [[t.map.oldCommuneCode, `${e.oldCommune.code}${e.oldCommune.name ? ` — ${e.oldCommune.name}` : ""}`] as [string, string]] : []),
  ];

  return (
    <div className="space-y-6">
      <Link href="/enrollees" className="tap text-sm text-sky-700 hover:underline">
        {m.detail.back}
      </Link>
      {sp.registered && (
        <p className="rounded border border-emerald-300 bg-emerald-50 p-2 text-sm text-emerald-900" role="status" data-testid="flash">
          {fill(m.register.done, { name: e.fullName })}{" "}
          <Link href={`/enrollees/${e.id}/tk1`} className="tap font-medium text-sky-700 underline" data-testid="flash-tk1-link">
            {m.register.tk1}
          </Link>
        </p>
      )}
      {sp.saved && (
        <p className="rounded border border-emerald-300 bg-emerald-50 p-2 text-sm text-emerald-900" role="status" data-testid="flash">
          {m.edit.saved}
        </p>
      )}
      {paid && (
        <p className="rounded border border-emerald-300 bg-emerald-50 p-2 text-sm text-emerald-900" role="status" data-testid="flash">
          {fill(m.pay.saved, { start: formatDate(paid.periodStart), end: formatDate(paid.periodEnd), net: vnd(paid.net) })}
        </p>
      )}

      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold" data-testid="enrollee-name">
            {e.fullName}
          </h1>
          <p className="text-sm text-slate-600">
            <StatusBadge status={e.status} label={m.status[e.status]} />
            {e.coverageEnd && (
              <span className="ml-2">
                {m.f.coverageEnd}: <b data-testid="coverage-end">{formatDate(e.coverageEnd)}</b>
              </span>
            )}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link href={`/enrollees/${e.id}/tk1`} className="tap rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50" data-testid="tk1-link">
            {t.tk1.link}
          </Link>
          {e.contributions.length > 0 && (
            <Link
              href={`/enrollees/${e.id}/statement`}
              className="tap rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
              data-testid="statement-link"
            >
              {t.commissions.yearly.link}
            </Link>
          )}
          {writable && (
            <div className="flex flex-wrap gap-2">
              <Link
                href={`/enrollees/${e.id}/pay`}
                className="tap rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                data-testid="pay-link"
              >
                {m.detail.pay}
              </Link>
              <Link
                href={`/enrollees/${e.id}/edit`}
                className="tap rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
                data-testid="edit-link"
              >
                {m.detail.edit}
              </Link>
              {e.contributions.length === 0 && (
                <DeleteEnrollee action={deleteEnrolleeAction.bind(null, e.id)} label={m.detail.delete} confirmText={m.detail.deleteConfirm} />
              )}
            </div>
          )}
        </div>
      </div>

      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">{m.detail.person}</h2>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-3" data-testid="person">
          {facts.map(([k, v]) => (
            <div key={k} className="flex justify-between gap-2 border-b border-slate-100 py-1">
              <dt className="text-slate-500">{k}</dt>
              <dd className="text-right font-medium">{v}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">{m.detail.coverage}</h2>
        {e.contributions.length === 0 ? (
          <p className="text-sm text-slate-600">{m.detail.noContributions}</p>
        ) : (
          <CoverageTimeline periods={e.contributions} today={today} hint={m.detail.timelineHint} monthLabel={(n) => String(n)} />
        )}
      </section>

      <section>
        <h2 className="mb-2 font-semibold">{m.detail.contributions}</h2>
        {e.contributions.length === 0 ? (
          <p className="text-sm text-slate-600">{m.detail.noContributions}</p>
        ) : (
          <Table testId="contributions" stack>
            <thead>
              <tr>
                <Th>{m.calc.period}</Th>
                <Th numeric>{m.calc.months}</Th>
                <Th numeric>{m.detail.cols.income}</Th>
                <Th numeric>{m.detail.cols.gross}</Th>
                <Th numeric>{m.detail.cols.central}</Th>
                <Th numeric>{m.detail.cols.topUp}</Th>
                <Th numeric>{m.detail.cols.net}</Th>
                <Th>{m.detail.cols.method}</Th>
                <Th>{m.detail.cols.receipt}</Th>
                <Th>{m.detail.cols.paidOn}</Th>
                <Th>{m.f.agent}</Th>
                <Th>{m.detail.recordedBy}</Th>
              </tr>
            </thead>
            <tbody>
              {e.contributions.map((c) => (
                <tr key={c.id} data-testid="contribution-row">
                  <Td className="whitespace-nowrap tabular-nums" cell="title" name="period">
                    {formatDate(c.periodStart)} – {formatDate(c.periodEnd)}
                  </Td>
                  <Td numeric cell="key" label={m.calc.months}>
                    {formatNumber(c.months, locale)}
                  </Td>
                  <Td numeric className="whitespace-nowrap" label={m.detail.cols.income}>
                    {vnd(c.declaredIncome)}
                  </Td>
                  <Td numeric className="whitespace-nowrap" label={m.detail.cols.gross}>
                    {vnd(c.gross)}
                  </Td>
                  <Td numeric className="whitespace-nowrap" label={m.detail.cols.central}>
                    {vnd(c.centralSubsidy)}
                  </Td>
                  <Td numeric className="whitespace-nowrap" label={m.detail.cols.topUp}>
                    {vnd(c.provincialTopUp)}
                  </Td>
                  <Td numeric className="whitespace-nowrap font-semibold" cell="key" label={m.detail.cols.net} name="net">
                    {vnd(c.net)}
                  </Td>
                  <Td label={m.detail.cols.method}>{m.method[c.method]}</Td>
                  <Td className="whitespace-nowrap" cell="key" label={m.detail.cols.receipt}>
                    {c.receiptNo}
                  </Td>
                  <Td className="tabular-nums" cell="key" label={m.detail.cols.paidOn}>
                    {formatDate(c.paidOn)}
                  </Td>
                  <Td className="text-xs" label={m.f.agent}>
                    {c.agentName ?? ""}
                  </Td>
                  <Td className="text-xs" label={m.detail.recordedBy}>
                    {c.recordedBy ?? ""}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>

      <section>
        <h2 className="mb-2 font-semibold">{m.detail.audit}</h2>
        <Table testId="audit" stack>
          <thead>
            <tr>
              <Th>{m.detail.at}</Th>
              <Th>{m.detail.recordedBy}</Th>
              <Th>{m.detail.action}</Th>
              <Th>{m.detail.changes}</Th>
            </tr>
          </thead>
          <tbody>
            {e.audit.map((a) => {
              const before = (a.before ?? {}) as Record<string, unknown>;
              const after = (a.after ?? {}) as Record<string, unknown>;
              let changes: string;
              if (a.action === "enrollee.update")
                changes = Object.keys(after)
                  .map((k) => `${fieldLabel(m, k)}: ${show(m, k, before[k], locale)} → ${show(m, k, after[k], locale)}`)
                  .join("; ");
              else if (a.action === "contribution.create")
                changes = `${formatDate(String(after.periodStart))} – ${formatDate(String(after.periodEnd))} · ${vnd(Number(after.net))} · ${String(after.receiptNo ?? "")}`;
              else changes = "";
              return (
                <tr key={a.id} data-testid="audit-row">
                  <Td className="whitespace-nowrap tabular-nums" cell="key" label={m.detail.at}>
                    {formatDateTime(a.at)}
                  </Td>
                  <Td cell="key" label={m.detail.recordedBy}>
                    {a.userLogin ?? ""}
                  </Td>
                  <Td cell="title">{m.detail.actions[a.action as keyof M["detail"]["actions"]] ?? a.action}</Td>
                  <Td className="text-xs" cell="detail">
                    {changes}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      </section>
    </div>
  );
}
