import { idParam } from "@/lib/server/http/params";
import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { attainmentPct, formatPct } from "@/lib/domain/coverage";
import { todayInVietnam } from "@/lib/domain/dates";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { getAgentDetail } from "@/lib/server/agents/agents";
import { StatCard } from "@/components/ui/card";
import { StateBadge } from "@/components/agents/state-badge";
import { secondaryButtonClass } from "@/components/ui/fields";
import { AgentStatusActions } from "@/components/agents/agent-status-actions";
import { CollectorsPanel } from "@/components/agents/collectors-panel";
import { addCollectorAction, agentStatusAction, updateCollectorAction } from "../actions";
import { createCollectorLoginAction, setCollectionAccountAction } from "../field-actions";
import { CollectionAccountForm, CollectorLoginForm } from "@/components/field/agent-field-admin";
import { agentFieldInfo } from "@/lib/server/field/agent-account";
import { can } from "@/lib/server/auth/authz";

export const dynamic = "force-dynamic";

export default async function AgentPage({ params }: { params: Promise<{ id: string }> }) {
  const p = await requirePagePrincipal("unit.read");
  const { locale, t } = await getMessages();
  const a = t.agents;
  const id = idParam((await params).id);
  const today = todayInVietnam();
  const agent = await orNotFound(() => getAgentDetail(db(), p, id, today));
  const canWrite = can(p, "agent.write");
  const field = await orNotFound(() => agentFieldInfo(db(), p, id));
  const n = (v: number) => formatNumber(v, locale);
  const row = (label: string, value: React.ReactNode) => (
    <div className="grid grid-cols-[11rem_1fr] gap-2 py-1 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd>{value || a.notSet}</dd>
    </div>
  );

  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link href="/agents" className="text-sky-700 hover:underline">
          ← {a.title}
        </Link>
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm text-slate-500">
            {a.kinds[agent.kind]} · <span className="font-mono">{agent.code}</span>
          </p>
          <h1 className="text-2xl font-bold" data-testid="agent-title">
            {agent.name}
          </h1>
          <p className="mt-1">
            <StateBadge state={agent.state} label={a.states[agent.state]} />
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link href={`/agents/${id}/d05`} className={secondaryButtonClass} data-testid="agent-d05">
            {t.paperwork.d05.link}
          </Link>
          <Link href={`/agents/${id}/receipt-books`} className={secondaryButtonClass} data-testid="agent-receipt-books">
            {t.paperwork.books.link}
          </Link>
          <Link href={`/agents/${id}/remittances`} className={secondaryButtonClass} data-testid="agent-remittances">
            {t.paperwork.remit.link}
          </Link>
          <Link href={`/agents/${id}/commissions`} className={secondaryButtonClass} data-testid="agent-commissions">
            {t.commissions.link}
          </Link>
          <Link href={`/statements?agentId=${id}`} className={secondaryButtonClass} data-testid="agent-statements">
            {t.commissions.yearly.link}
          </Link>
          {canWrite && (
            <Link href={`/agents/${id}/edit`} className={secondaryButtonClass} data-testid="agent-edit">
              {a.edit}
            </Link>
          )}
        </div>
      </div>

      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label={a.f.participantsToday} value={n(agent.participants)} testId="agent-participants" />
        <StatCard label={a.f.enrollees} value={n(agent.enrollees)} testId="agent-enrollees" />
        <StatCard
          label={fill(a.f.target, { year: agent.year })}
          value={agent.target === null ? a.noTarget : n(agent.target)}
          testId="agent-target"
          hint={
            <Link href="/targets" className="text-sky-700 hover:underline">
              {a.targetLink}
            </Link>
          }
        />
        <StatCard label={a.f.attainment} value={agent.target ? formatPct(attainmentPct(agent.participants, agent.target), locale) : "—"} />
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-semibold">{a.contract}</h2>
          <dl>
            {row(a.f.contractNo, agent.contractNo)}
            {row(a.f.contractStart, formatDate(agent.contractStart))}
            {row(a.f.contractEnd, agent.contractEnd ? formatDate(agent.contractEnd) : null)}
            {row(a.f.province, agent.provinceName)}
            {row(a.f.area, agent.areaName)}
            {row(a.f.phone, agent.phone)}
            {row(a.f.address, agent.address)}
          </dl>
          {canWrite && (
            <div className="mt-4 border-t border-slate-100 pt-3">
              <h3 className="mb-2 text-sm font-semibold">{a.actions.title}</h3>
              <AgentStatusActions text={a} actions={agent.actions} action={agentStatusAction.bind(null, id)} today={today} />
            </div>
          )}
        </section>

        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-semibold">
            {a.detailCommunes} ({n(agent.communes.length)})
          </h2>
          <ul className="grid gap-1 text-sm sm:grid-cols-2" data-testid="agent-communes">
            {agent.communes.map((c) => (
              <li key={c.code}>
                <Link href={`/units/${c.code}`} className="text-sky-700 hover:underline">
                  {c.fullName}
                </Link>{" "}
                <span className="text-xs text-slate-500">({c.code})</span>
              </li>
            ))}
          </ul>
        </section>
      </div>

      <section>
        <h2 className="mb-2 text-lg font-semibold">{a.coll.title}</h2>
        <CollectorsPanel
          text={a}
          collectors={agent.collectors}
          canWrite={canWrite}
          addAction={addCollectorAction.bind(null, id)}
          updateAction={updateCollectorAction.bind(null, id)}
        />
      </section>

      {canWrite && (
        // field work (issue 11): the account people pay by VietQR, and a sign-in per collector
        <section className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 lg:grid-cols-2" data-testid="agent-field">
          <CollectionAccountForm
            text={{
              title: t.field.agentAccount.title,
              hint: t.field.agentAccount.hint,
              bin: t.field.agentAccount.bin,
              no: t.field.agentAccount.no,
              name: t.field.agentAccount.name,
              save: a.save,
            }}
            account={field.account}
            action={setCollectionAccountAction.bind(null, id)}
          />
          {can(p, "user.manage") && (
            <div className="space-y-2">
              <h3 className="text-sm font-semibold">{t.field.collectors.title}</h3>
              {agent.collectors
                .filter((c) => c.active)
                .map((c) => (
                  <CollectorLoginForm
                    key={c.id}
                    text={t.field.collectors}
                    name={c.name}
                    login={field.logins[c.id] ?? null}
                    action={createCollectorLoginAction.bind(null, id, c.id)}
                  />
                ))}
            </div>
          )}
        </section>
      )}
    </div>
  );
}
