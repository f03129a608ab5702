import { idParam } from "@/lib/server/http/params";
import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { todayInVietnam } from "@/lib/domain/dates";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { getAgentDetail, unitOptions } from "@/lib/server/agents/agents";
import { AgentForm } from "@/components/agents/agent-form";
import { updateAgentAction } from "../../actions";

export const dynamic = "force-dynamic";

export default async function EditAgentPage({ params }: { params: Promise<{ id: string }> }) {
  const p = await requirePagePrincipal("agent.write");
  const { t } = await getMessages();
  const a = t.agents;
  const id = idParam((await params).id);
  const agent = await orNotFound(() => getAgentDetail(db(), p, id, todayInVietnam()));
  const units = await unitOptions(db(), p, agent.provinceCode);

  return (
    <div className="space-y-4">
      <nav className="text-sm">
        <Link href={`/agents/${id}`} className="text-sky-700 hover:underline">
          ← {agent.name}
        </Link>
      </nav>
      <h1 className="text-2xl font-bold">{fill(a.editTitle, { code: agent.code })}</h1>
      <AgentForm
        text={a}
        action={updateAgentAction.bind(null, id)}
        areas={units.areas}
        communes={units.communes}
        cancelHref={`/agents/${id}`}
        submitLabel={a.save}
        initial={{
          code: agent.code,
          name: agent.name,
          kind: agent.kind,
          areaCode: agent.areaCode,
          contractNo: agent.contractNo ?? "",
          contractStart: agent.contractStart,
          contractEnd: agent.contractEnd ?? "",
          phone: agent.phone ?? "",
          address: agent.address ?? "",
          communeCodes: agent.communes.map((c) => c.code),
        }}
      />
    </div>
  );
}
