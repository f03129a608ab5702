import Link from "next/link";
import { getMessages } from "@/lib/i18n/server";
import { todayInVietnam } from "@/lib/domain/dates";
import { db } from "@/lib/server/db";
import { requirePagePrincipal } from "@/lib/server/page";
import { provinceOptions, unitOptions } from "@/lib/server/agents";
import { AgentForm } from "@/components/agents/agent-form";
import { buttonClass, inputClass } from "@/components/agents/fields";
import { createAgentAction } from "../actions";

export const dynamic = "force-dynamic";

export default async function NewAgentPage({ searchParams }: { searchParams: Promise<{ province?: string }> }) {
  const p = await requirePagePrincipal("agent.write");
  const { t } = await getMessages();
  const a = t.agents;
  const requested = (await searchParams).province;
  const province = p.scope.level === "NATION" ? (requested && /^\d{2}$/.test(requested) ? requested : null) : p.scope.provinceCode;
  const units = await unitOptions(db(), p, province);

  return (
    <div className="space-y-4">
      <nav className="text-sm"><Link href="/agents" className="text-sky-700 hover:underline">← {a.title}</Link></nav>
      <h1 className="text-2xl font-bold">{a.newTitle}</h1>
      {units.areas.length === 0 ? (
        <form className="flex items-end gap-2 rounded-lg border border-slate-200 bg-white p-4">
          <label className="flex flex-col gap-1 text-sm font-medium">
            {a.chooseProvinceFirst}
            <select name="province" className={inputClass} required>
              {(await provinceOptions(db(), p)).map((u) => <option key={u.code} value={u.code}>{u.fullName}</option>)}
            </select>
          </label>
          <button className={buttonClass}>{a.chooseProvince}</button>
        </form>
      ) : (
        <AgentForm
          text={a}
          action={createAgentAction}
          areas={units.areas}
          communes={units.communes}
          cancelHref="/agents"
          submitLabel={a.save}
          initial={{ code: "", name: "", kind: "", areaCode: "", contractNo: "", contractStart: todayInVietnam(), contractEnd: "", phone: "", address: "", communeCodes: [] }}
        />
      )}
    </div>
  );
}
