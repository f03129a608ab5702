import { getMessages } from "@/lib/server/http/locale";
import { requirePagePrincipal } from "@/lib/server/http/page";
import { Tabs } from "@/components/ui/lists";
import { LabourForceImport } from "@/components/reference/labour-force-import";

export const dynamic = "force-dynamic";

export default async function LabourForceImportPage() {
  await requirePagePrincipal("reference.write");
  const { locale, t } = await getMessages();
  const r = t.reference;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{r.title}</h1>
      <Tabs
        current="import"
        items={[
          { key: "labour", href: "/reference", label: r.tabLabour },
          { key: "import", href: "/reference/import", label: r.tabImport },
          { key: "policy", href: "/reference/policy", label: r.tabPolicy },
        ]}
      />
      <h2 className="text-lg font-semibold">{r.import.title}</h2>
      <LabourForceImport text={r.import} locale={locale} />
    </div>
  );
}
