import Link from "next/link";
import { getMessages } from "@/lib/i18n/server";
import { todayInVietnam } from "@/lib/domain/dates";
import { db } from "@/lib/server/db";
import { requirePagePrincipal } from "@/lib/server/page";
import { provinceOptions, unitOptions } from "@/lib/server/agents";
import { conferenceAgentOptions } from "@/lib/server/conferences";
import { ConferenceForm } from "@/components/agents/conference-form";
import { buttonClass, inputClass } from "@/components/agents/fields";
import { createConferenceAction } from "../actions";

export const dynamic = "force-dynamic";

export default async function NewConferencePage({ searchParams }: { searchParams: Promise<{ province?: string }> }) {
  const p = await requirePagePrincipal("conference.write");
  const { t } = await getMessages();
  const a = t.agents;
  const requested = (await searchParams).province;
  const province = p.scope.level === "NATION" ? (requested && /^\d{2}$/.test(requested) ? requested : null) : p.scope.provinceCode;
  const [units, agents] = await Promise.all([unitOptions(db(), p, province), conferenceAgentOptions(db(), p, province, todayInVietnam())]);

  return (
    <div className="space-y-4">
      <nav className="text-sm"><Link href="/conferences" className="text-sky-700 hover:underline">← {a.conf.title}</Link></nav>
      <h1 className="text-2xl font-bold">{a.conf.newTitle}</h1>
      {units.communes.length === 0 ? (
        <form className="flex items-end gap-2 rounded-lg border border-slate-200 bg-white p-4">
          <label className="flex flex-col gap-1 text-sm font-medium">
            {a.chooseProvince}
            <select name="province" className={inputClass} required>
              {(await provinceOptions(db(), p)).map((u) => <option key={u.code} value={u.code}>{u.fullName}</option>)}
            </select>
          </label>
          <button className={buttonClass}>{a.chooseProvince}</button>
        </form>
      ) : (
        <ConferenceForm text={a} action={createConferenceAction} communes={units.communes} agents={agents} cancelHref="/conferences"
          initial={{ heldOn: todayInVietnam(), communeCode: "", agentId: "", title: "", attendees: "" }} />
      )}
    </div>
  );
}
