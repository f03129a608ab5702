import Link from "next/link";
import { provinceFor } from "@/lib/server/auth/authz";
import { getMessages } from "@/lib/server/http/locale";
import { todayInVietnam } from "@/lib/domain/dates";
import { db } from "@/lib/server/db/index";
import { requirePagePrincipal } from "@/lib/server/http/page";
import { provinceOptions, unitOptions } from "@/lib/server/agents/agents";
import { AgentForm } from "@/components/agents/agent-form";
import { ChooseProvinceForm } from "@/components/ui/lists";
import { createAgentAction } from "../actions";

export const dynamic = "force-dynamic";

export default async function NewAgentPage({ searchParams }: { searchParams: Promise<{ province?: string }> }) {
  const p = await requirePagePrincipal("agent.write");
  const { t } = await getMessages();
  const a = t.agents;
  const province = provinceFor(p.scope, (await searchParams).province);
  const units = await unitOptions(db(), p, province);

  return (
    <div className="space-y-4">
      <nav className="text-sm">
        <Link href="/agents" className="text-sky-700 hover:underline">
          ← {a.title}
        </Link>
      </nav>
      <h1 className="text-2xl font-bold">{a.newTitle}</h1>
      {units.areas.length === 0 ? (
        <ChooseProvinceForm provinces={await provinceOptions(db(), p)} label={a.chooseProvinceFirst} button={a.chooseProvince} />
      ) : (
        <AgentForm
          text={a}
          action={createAgentAction}
          areas={units.areas}
          communes={units.communes}
          cancelHref="/agents"
          submitLabel={a.save}
          initial={{
            code: "",
            name: "",
            kind: "",
            areaCode: "",
            contractNo: "",
            contractStart: todayInVietnam(),
            contractEnd: "",
            phone: "",
            address: "",
            communeCodes: [],
          }}
        />
      )}
    </div>
  );
}
