import Link from "next/link";
import type { ReactNode } from "react";
import type { Messages } from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/messages";
import { formatDate } from "@/lib/i18n/format";
import { DateField } from "@/components/ui/date-field";
import { DASHBOARD_FIRST_DATE } from "@/lib/validation/dashboard";
import { dashboardHref, reportHref, type DashboardView } from "./links";

type UnitLite = { code: string; level: string; fullName: string };

/** Breadcrumbs, the unit's name, the date picker (a plain GET form: works without JavaScript), tabs and exports. */
export function DashboardHeader({
  t,
  unit,
  breadcrumbs,
  date,
  today,
  view,
  errors,
  exports,
}: {
  t: Messages;
  unit: UnitLite;
  breadcrumbs: UnitLite[];
  date: string;
  today: string;
  view: DashboardView;
  errors: Record<string, string>;
  exports?: ReactNode;
}) {
  const d = t.dashboard;
  const errorList = Object.entries(errors);
  return (
    <div className="space-y-3">
      <nav aria-label="breadcrumb" className="text-sm text-slate-600" data-testid="dashboard-breadcrumbs">
        {breadcrumbs.map((c, i) => (
          <span key={c.code}>
            {i > 0 && (
              <span className="mx-1" aria-hidden>
                ›
              </span>
            )}
            {i < breadcrumbs.length - 1 ? (
              <Link className="text-sky-700 hover:underline" href={dashboardHref(view, { unit: c.code, date })}>
                {c.fullName}
              </Link>
            ) : (
              <span aria-current="page">{c.fullName}</span>
            )}
          </span>
        ))}
      </nav>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            {t.levels[unit.level as keyof typeof t.levels]} · {t.code} {unit.code}
          </p>
          <h1 className="text-2xl font-bold" data-testid="dashboard-title">
            {unit.fullName}
          </h1>
          <p className="text-sm text-slate-600" data-testid="dashboard-as-of">
            {fill(d.asOf, { date: formatDate(date) })}
          </p>
        </div>
        <form method="get" className="no-print flex items-end gap-2" data-testid="date-form">
          <input type="hidden" name="unit" value={unit.code} />
          <label className="text-sm" htmlFor="dashboard-date">
            <span className="block text-slate-600">{d.date}</span>
            <DateField
              name="date"
              id="dashboard-date"
              defaultValue={date}
              min={DASHBOARD_FIRST_DATE}
              max={today}
              required
              aria-invalid={errors.date ? true : undefined}
              aria-describedby={errors.date ? "date-error" : undefined}
              data-testid="date-input"
            />
          </label>
          <button type="submit" className="rounded bg-sky-700 px-3 py-1.5 text-sm text-white hover:bg-sky-800" data-testid="date-submit">
            {d.show}
          </button>
        </form>
      </div>
      <div aria-live="polite">
        {errorList.length > 0 && (
          <div id="date-error" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="dashboard-param-errors">
            {d.errors.invalidParams} {errorList.map(([, v]) => v).join("; ")}
          </div>
        )}
      </div>
      <div className="no-print flex flex-wrap items-center justify-between gap-2 border-b border-slate-200">
        <nav className="flex gap-1 text-sm" aria-label={d.title}>
          {(["overview", "agents", "breakdowns"] as const).map((v) => (
            <Link
              key={v}
              href={dashboardHref(v, { unit: unit.code, date })}
              aria-current={v === view ? "page" : undefined}
              data-testid={`tab-${v}`}
              className={`-mb-px border-b-2 px-3 py-2 ${v === view ? "border-sky-700 font-semibold text-sky-800" : "border-transparent text-slate-600 hover:text-sky-800"}`}
            >
              {d.tabs[v]}
            </Link>
          ))}
          <Link
            href={reportHref(unit.code, date.slice(0, 7))}
            className="-mb-px border-b-2 border-transparent px-3 py-2 text-slate-600 hover:text-sky-800"
            data-testid="tab-report"
          >
            {d.tabs.report}
          </Link>
        </nav>
        {exports}
      </div>
    </div>
  );
}

/** Links to download a table as XLSX or CSV. */
export function ExportLinks({ t, items }: { t: Messages; items: { table: string; label: string; xlsx: string; csv: string }[] }) {
  const d = t.dashboard;
  return (
    <details className="relative text-sm" data-testid="export-menu">
      <summary className="cursor-pointer rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">{d.export}</summary>
      <ul className="absolute right-0 z-10 mt-1 w-[22rem] max-w-[90vw] space-y-2 rounded border border-slate-200 bg-white p-2 shadow">
        {items.map((i) => (
          <li key={i.table} className="flex justify-between gap-2">
            <span>
              <span className="block">{i.label}</span>
              {i.table in d.tableHints && (
                <span className="block text-xs text-slate-500" data-testid={`export-hint-${i.table}`}>
                  {d.tableHints[i.table as keyof typeof d.tableHints]}
                </span>
              )}
            </span>
            <span className="whitespace-nowrap">
              <a className="text-sky-700 hover:underline" href={i.xlsx} data-testid={`export-${i.table}-xlsx`}>
                Excel
              </a>
              {" · "}
              <a className="text-sky-700 hover:underline" href={i.csv} data-testid={`export-${i.table}-csv`}>
                CSV
              </a>
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
