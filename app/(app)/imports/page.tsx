import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatNumber } from "@/lib/i18n/format";
import { requirePagePrincipal } from "@/lib/server/http/page";
import { defaultLimits } from "@/lib/server/files/spreadsheet";
import { ImportWizard } from "@/components/imports/import-wizard";

export const dynamic = "force-dynamic";

export default async function ImportsPage() {
  await requirePagePrincipal("enrollee.write");
  const { locale, t } = await getMessages();
  const it = t.imports;
  const lim = defaultLimits();
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold" data-testid="imports-title">
          {it.title}
        </h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">{it.intro}</p>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <a
          href="/imports/template?format=xlsx"
          className="rounded border border-sky-700 px-3 py-2 text-sky-800 hover:bg-sky-50"
          data-testid="template-xlsx"
          download
        >
          {it.templateXlsx}
        </a>
        <a href="/imports/template?format=csv" className="rounded border border-slate-300 px-3 py-2 hover:bg-slate-50" data-testid="template-csv" download>
          {it.templateCsv}
        </a>
        <span className="text-xs text-slate-500">
          {fill(it.limits, { mb: Math.round(lim.maxBytes / 1024 / 1024), rows: formatNumber(lim.maxRows, locale) })}
        </span>
      </div>
      <ImportWizard t={it} locale={locale} />
    </div>
  );
}
