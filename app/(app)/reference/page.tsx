import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";
import { formatNumber } from "@/lib/i18n/format";
import { todayInVietnam, yearOf } from "@/lib/domain/dates";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { getLabourForceTable, labourForceYears } from "@/lib/server/reference/reference-data";
import { Table, Td, Th } from "@/components/ui/table";
import { Tabs, urlWith } from "@/components/ui/lists";
import { buttonClass, inputClass } from "@/components/ui/fields";
import { LabourForceCell } from "@/components/reference/labour-force-cell";
import { setLabourForceAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function ReferencePage({ searchParams }: { searchParams: Promise<{ year?: string; unit?: string }> }) {
  const p = await requirePagePrincipal("reference.write");
  const { locale, t } = await getMessages();
  const r = t.reference;
  const sp = await searchParams;
  const current = yearOf(todayInVietnam());
  const years = await labourForceYears(db(), current);
  const year = years.includes(Number(sp.year)) ? Number(sp.year) : current;
  const unitCode = sp.unit && /^(VN|\d{2,3})$/.test(sp.unit) ? sp.unit : undefined;
  const table = await orNotFound(() => getLabourForceTable(db(), p, { unitCode, year }));
  const n = (v: number) => formatNumber(v, locale);

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{r.title}</h1>
      <Tabs
        current="labour"
        items={[
          { key: "labour", href: "/reference", label: r.tabLabour },
          { key: "import", href: "/reference/import", label: r.tabImport },
          { key: "policy", href: "/reference/policy", label: r.tabPolicy },
        ]}
      />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          {table.unit.code !== p.unitCode && (
            <Link href={urlWith("/reference", { year })} className="text-sm text-sky-700 hover:underline">
              ← {t.up}
            </Link>
          )}
          <h2 className="text-lg font-semibold" data-testid="lf-unit">
            {table.unit.fullName}
          </h2>
          <p className="text-xs text-slate-500">{r.labourNote}</p>
        </div>
        <form className="flex items-end gap-2">
          {unitCode && <input type="hidden" name="unit" value={unitCode} />}
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            {r.year}
            <select name="year" defaultValue={String(year)} className={inputClass} data-testid="lf-year">
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <button className={buttonClass}>{r.show}</button>
        </form>
      </div>

      <Table testId="lf-table">
        <thead>
          <tr>
            <Th>{t.code}</Th>
            <Th>{r.unit}</Th>
            {table.editable ? <Th>{r.area}</Th> : <Th numeric>{t.communeCount}</Th>}
            <Th numeric>{table.editable ? `${r.persons} ${year}` : `${r.sumOfCommunes} ${year}`}</Th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.code} className="hover:bg-slate-50" data-testid="lf-row">
              <Td className="font-mono text-xs">{row.code}</Td>
              <Td>
                {table.editable ? (
                  row.fullName
                ) : (
                  <Link href={urlWith("/reference", { unit: row.code, year })} className="text-sky-700 hover:underline">
                    {row.fullName}
                  </Link>
                )}
              </Td>
              {table.editable ? (
                <Td className="text-slate-600">{row.areaName}</Td>
              ) : (
                <Td numeric>
                  {n(row.withFigure)}/{n(row.communes)}
                </Td>
              )}
              <Td numeric>
                {table.editable ? (
                  <LabourForceCell
                    unitCode={row.code}
                    year={year}
                    persons={row.persons}
                    display={row.persons === null ? "" : n(row.persons)}
                    action={setLabourForceAction}
                    text={{ edit: r.edit, save: t.agents.save, cancel: t.agents.cancel, empty: r.empty, label: `${r.persons} ${row.fullName} ${year}` }}
                  />
                ) : row.persons === null ? (
                  <span className="text-slate-400">{r.empty}</span>
                ) : (
                  n(row.persons)
                )}
              </Td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="font-semibold">
            <Td />
            <Td>{r.total}</Td>
            <Td />
            <Td numeric>
              <span data-testid="lf-total">{n(table.total)}</span>
            </Td>
          </tr>
        </tfoot>
      </Table>
    </div>
  );
}
