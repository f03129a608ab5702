import Link from "next/link";
import { provinceFor } from "@/lib/server/auth/authz";
import { getMessages } from "@/lib/server/http/locale";
import { todayInVietnam } from "@/lib/domain/dates";
import { db } from "@/lib/server/db/index";
import { requirePagePrincipal } from "@/lib/server/http/page";
import { provinceOptions, unitOptions } from "@/lib/server/agents/agents";
import { conferenceAgentOptions } from "@/lib/server/agents/conferences";
import { ConferenceForm } from "@/components/conferences/conference-form";
import { ChooseProvinceForm } from "@/components/ui/lists";
import { createConferenceAction } from "../actions";

export const dynamic = "force-dynamic";

export default async function NewConferencePage({ searchParams }: { searchParams: Promise<{ province?: string }> }) {
  const p = await requirePagePrincipal("conference.write");
  const { t } = await getMessages();
  const a = t.agents;
  const province = provinceFor(p.scope, (await searchParams).province);
  const [units, agents] = await Promise.all([unitOptions(db(), p, province), conferenceAgentOptions(db(), p, province, todayInVietnam())]);

  return (
    <div className="space-y-4">
      <nav className="text-sm">
        <Link href="/conferences" className="text-sky-700 hover:underline">
          ← {t.conferences.title}
        </Link>
      </nav>
      <h1 className="text-2xl font-bold">{t.conferences.newTitle}</h1>
      {units.communes.length === 0 ? (
        <ChooseProvinceForm provinces={await provinceOptions(db(), p)} label={a.chooseProvince} button={a.chooseProvince} />
      ) : (
        <ConferenceForm
          text={{ agents: a, conferences: t.conferences }}
          action={createConferenceAction}
          communes={units.communes}
          agents={agents}
          cancelHref="/conferences"
          initial={{ heldOn: todayInVietnam(), communeCode: "", agentId: "", title: "", attendees: "" }}
        />
      )}
    </div>
  );
}
