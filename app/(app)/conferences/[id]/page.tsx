import { idParam } from "@/lib/server/http/params";
import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { todayInVietnam } from "@/lib/domain/dates";
import { db } from "@/lib/server/db/index";
import { can } from "@/lib/server/auth/authz";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { unitOptions } from "@/lib/server/agents/agents";
import { conferenceAgentOptions, getConference } from "@/lib/server/agents/conferences";
import { ConferenceForm, DeleteConference } from "@/components/conferences/conference-form";
import { StatCard } from "@/components/ui/card";
import { deleteConferenceAction, updateConferenceAction } from "../actions";

export const dynamic = "force-dynamic";

export default async function ConferencePage({ params }: { params: Promise<{ id: string }> }) {
  const p = await requirePagePrincipal("unit.read");
  const { locale, t } = await getMessages();
  const c = t.conferences;
  const text = { agents: t.agents, conferences: c };
  const id = idParam((await params).id);
  const conf = await orNotFound(() => getConference(db(), p, id, todayInVietnam()));
  const canWrite = can(p, "conference.write");
  const [units, agents] = canWrite
    ? await Promise.all([unitOptions(db(), p, conf.provinceCode), conferenceAgentOptions(db(), p, conf.provinceCode, todayInVietnam(), conf.agentId)])
    : [null, []];
  const n = (v: number) => formatNumber(v, locale);

  return (
    <div className="space-y-4">
      <nav className="text-sm">
        <Link href="/conferences" className="text-sky-700 hover:underline">
          ← {c.title}
        </Link>
      </nav>
      <h1 className="text-2xl font-bold" data-testid="conference-title">
        {conf.title}
      </h1>
      <div className="grid gap-4 sm:grid-cols-3">
        <StatCard label={c.heldOn} value={formatDate(conf.heldOn)} hint={conf.planned ? c.planned : c.held} />
        <StatCard label={c.attendees} value={n(conf.attendees)} />
        <StatCard label={c.enrolled} value={n(conf.enrolled)} testId="conference-enrolled-total" />
      </div>
      {canWrite && units ? (
        <>
          <h2 className="text-lg font-semibold">{c.editTitle}</h2>
          <ConferenceForm
            text={text}
            action={updateConferenceAction.bind(null, id)}
            communes={units.communes}
            agents={agents}
            cancelHref="/conferences"
            initial={{
              heldOn: conf.heldOn,
              communeCode: conf.communeCode,
              agentId: conf.agentId ? String(conf.agentId) : "",
              title: conf.title,
              attendees: String(conf.attendees),
            }}
          />
          {conf.enrolled === 0 && <DeleteConference text={c} action={deleteConferenceAction.bind(null, id)} />}
        </>
      ) : (
        <dl className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <div className="grid grid-cols-[10rem_1fr] gap-2 py-1">
            <dt className="text-slate-500">{c.commune}</dt>
            <dd>{conf.communeName}</dd>
          </div>
          <div className="grid grid-cols-[10rem_1fr] gap-2 py-1">
            <dt className="text-slate-500">{c.agent}</dt>
            <dd>{conf.agentName ?? c.noAgent}</dd>
          </div>
        </dl>
      )}
    </div>
  );
}
