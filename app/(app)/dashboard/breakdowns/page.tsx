import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { attainmentPct, formatPct } from "@/lib/domain/coverage";
import { todayInVietnam } from "@/lib/domain/dates";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { getBreadcrumbs } from "@/lib/server/units/browser";
import { DIMENSIONS, getBreakdowns } from "@/lib/server/dashboard/breakdowns";
import { breakdownLabel } from "@/lib/server/dashboard/labels";
import { dashboardQuerySchema, flatParams, readParams } from "@/lib/validation/dashboard";
import { DashboardHeader, ExportLinks } from "@/components/dashboard/header";
import { exportHref } from "@/components/dashboard/links";
import { Table, Td, Th } from "@/components/ui/table";

export const dynamic = "force-dynamic";

export default async function DashboardBreakdownsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = await requirePagePrincipal("unit.read");
  const { locale, t } = await getMessages();
  const d = t.dashboard;
  const { value: q, errors } = readParams(dashboardQuerySchema, flatParams(await searchParams));
  const b = await orNotFound(() => getBreakdowns(db(), p, q));
  const breadcrumbs = await getBreadcrumbs(db(), p, b.unit);
  const n = (v: number) => formatNumber(v, locale);
  const params = { unit: b.unit.code, date: b.date };

  return (
    <div className="space-y-6">
      <DashboardHeader
        t={t}
        unit={b.unit}
        breadcrumbs={breadcrumbs}
        date={b.date}
        today={todayInVietnam()}
        view="breakdowns"
        errors={errors}
        exports={
          <ExportLinks
            t={t}
            items={[
              { table: "breakdowns", label: d.tables.breakdowns, xlsx: exportHref("breakdowns", "xlsx", params), csv: exportHref("breakdowns", "csv", params) },
            ]}
          />
        }
      />
      <h2 className="text-lg font-semibold">
        {fill(d.breakdownsTitle, { date: formatDate(b.date) })} — {d.total}: <span data-testid="breakdown-total">{n(b.total)}</span>
      </h2>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {DIMENSIONS.map((dim) => {
          const max = Math.max(1, ...b.by[dim].map((x) => x.count));
          return (
            <section key={dim} className="space-y-2" data-testid={`breakdown-${dim}`}>
              <h3 className="text-sm font-semibold">{d.dims[dim]}</h3>
              <Table>
                <thead>
                  <tr>
                    <Th>{capitalise(d.dims[dim].replace(/^(Theo|By) /, ""))}</Th>
                    <Th numeric>{d.count}</Th>
                    <Th numeric>{d.share}</Th>
                  </tr>
                </thead>
                <tbody>
                  {b.by[dim]
                    .filter((x) => x.count > 0 || x.key !== "under-15")
                    .map((x) => (
                      <tr key={x.key}>
                        <Td>
                          <span className="block">{breakdownLabel(t, dim, x.key)}</span>
                          <span className="mt-1 block h-1.5 rounded bg-sky-600" style={{ width: `${(x.count / max) * 100}%` }} aria-hidden />
                        </Td>
                        <Td numeric>{n(x.count)}</Td>
                        <Td numeric>{formatPct(attainmentPct(x.count, b.total), locale)}</Td>
                      </tr>
                    ))}
                </tbody>
              </Table>
            </section>
          );
        })}
      </div>
    </div>
  );
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase("vi") + s.slice(1);
