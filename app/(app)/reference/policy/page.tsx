import { getMessages } from "@/lib/server/http/locale";
import { formatDate } from "@/lib/i18n/format";
import { todayInVietnam } from "@/lib/domain/dates";
import { db } from "@/lib/server/db/index";
import { requirePagePrincipal } from "@/lib/server/http/page";
import { getPolicyOverview, type PolicyRowState } from "@/lib/server/reference/reference-data";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge, Tabs } from "@/components/ui/lists";
import { DeletePolicyRow, PolicyAddForm } from "@/components/reference/policy-forms";
import { formatPolicyValue, formatScaledPercent } from "@/components/reference/policy-format";
import { addPolicyRowAction, deletePolicyRowAction } from "../actions";

export const dynamic = "force-dynamic";

export default async function PolicyPage() {
  const p = await requirePagePrincipal("reference.write");
  const { locale, t } = await getMessages();
  const ref = t.reference;
  const r = ref.policy;
  const text = { agents: t.agents, reference: ref };
  const today = todayInVietnam();
  const o = await getPolicyOverview(db(), p, today);
  const state = (s: PolicyRowState) => <Badge tone={s === "inForce" ? "green" : s === "future" ? "sky" : "slate"}>{r[s]}</Badge>;
  const del = (table: string, id: number) => <DeletePolicyRow text={ref} action={deletePolicyRowAction.bind(null, table, id)} />;
  const section = "space-y-2";

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{ref.title}</h1>
      <Tabs
        current="policy"
        items={[
          { key: "labour", href: "/reference", label: ref.tabLabour },
          { key: "import", href: "/reference/import", label: ref.tabImport },
          { key: "policy", href: "/reference/policy", label: ref.tabPolicy },
        ]}
      />
      <div className="rounded border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900" data-testid="policy-note">
        <p>{r.note}</p>
        {!o.canEditNational && <p className="mt-1 font-medium">{r.nationalOnly}</p>}
      </div>

      <section className={section}>
        <h2 className="text-lg font-semibold">{r.parameters}</h2>
        <Table testId="policy-parameters">
          <thead>
            <tr>
              <Th>{r.kind}</Th>
              <Th numeric>{r.value}</Th>
              <Th>{r.effectiveFrom}</Th>
              <Th>{r.status}</Th>
              <Th>{r.legalBasis}</Th>
              <Th />
            </tr>
          </thead>
          <tbody>
            {/* a value not yet published (a seeded placeholder "Chưa xác nhận…") is hidden until an admin enters it with its source */}
            {o.parameters
              .filter((x) => !/^\s*Chưa xác nhận/i.test(x.legalBasis ?? ""))
              .map((x) => (
                <tr key={x.id} className={x.state === "past" ? "text-slate-500" : ""}>
                  <Td>{r.kinds[x.kind]}</Td>
                  <Td numeric>{formatPolicyValue(x.kind, x.value, locale, r.units)}</Td>
                  <Td>{formatDate(x.effectiveFrom)}</Td>
                  <Td>{state(x.state)}</Td>
                  <Td className="text-xs">{x.legalBasis}</Td>
                  <Td>{x.deletable && del("parameter", x.id)}</Td>
                </tr>
              ))}
          </tbody>
        </Table>
        {o.canEditNational && <PolicyAddForm text={text} kind="parameter" action={addPolicyRowAction.bind(null, "parameter")} today={today} />}
      </section>

      <section className={section}>
        <h2 className="text-lg font-semibold">{r.subsidy}</h2>
        <Table testId="policy-subsidy">
          <thead>
            <tr>
              <Th>{r.group}</Th>
              <Th numeric>{r.rate}</Th>
              <Th>{r.effectiveFrom}</Th>
              <Th>{r.status}</Th>
              <Th>{r.legalBasis}</Th>
              <Th />
            </tr>
          </thead>
          <tbody>
            {o.subsidyTiers.map((x) => (
              <tr key={x.id} className={x.state === "past" ? "text-slate-500" : ""}>
                <Td>{ref.groups[x.group as keyof typeof ref.groups]}</Td>
                <Td numeric>{formatScaledPercent(x.rateBp, 2, locale)}</Td>
                <Td>{formatDate(x.effectiveFrom)}</Td>
                <Td>{state(x.state)}</Td>
                <Td className="text-xs">{x.legalBasis}</Td>
                <Td>{x.deletable && del("subsidy", x.id)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
        {o.canEditNational && <PolicyAddForm text={text} kind="subsidy" action={addPolicyRowAction.bind(null, "subsidy")} today={today} />}
      </section>

      <section className={section}>
        <h2 className="text-lg font-semibold">{r.topUps}</h2>
        <Table testId="policy-topups">
          <thead>
            <tr>
              <Th>{r.province}</Th>
              <Th>{r.group}</Th>
              <Th numeric>{r.rate}</Th>
              <Th>{r.effectiveFrom}</Th>
              <Th>{r.status}</Th>
              <Th>{r.legalBasis}</Th>
              <Th />
            </tr>
          </thead>
          <tbody>
            {o.topUps.map((x) => (
              <tr key={x.id} className={x.state === "past" ? "text-slate-500" : ""}>
                <Td>{x.provinceName}</Td>
                <Td>{ref.groups[x.group as keyof typeof ref.groups]}</Td>
                <Td numeric>{formatScaledPercent(x.rateBp, 2, locale)}</Td>
                <Td>{formatDate(x.effectiveFrom)}</Td>
                <Td>{state(x.state)}</Td>
                <Td className="text-xs">{x.legalBasis}</Td>
                <Td>{x.deletable && del("topup", x.id)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
        <PolicyAddForm text={text} kind="topup" action={addPolicyRowAction.bind(null, "topup")} provinces={o.topUpProvinces} today={today} />
      </section>

      <section className={section}>
        <h2 className="text-lg font-semibold">{r.milestones}</h2>
        <Table testId="policy-milestones">
          <thead>
            <tr>
              <Th>{r.year}</Th>
              <Th numeric>{r.share}</Th>
              <Th>{r.legalBasis}</Th>
              <Th />
            </tr>
          </thead>
          <tbody>
            {o.milestones.map((x) => (
              <tr key={x.id}>
                <Td>{x.year}</Td>
                <Td numeric>{formatScaledPercent(x.shareBp, 2, locale)}</Td>
                <Td className="text-xs">{x.legalBasis}</Td>
                <Td>{x.deletable && del("milestone", x.id)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
        {o.canEditNational && <PolicyAddForm text={text} kind="milestone" action={addPolicyRowAction.bind(null, "milestone")} today={today} />}
      </section>
    </div>
  );
}
