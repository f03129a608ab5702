// Small display pieces of list pages (server-rendered): badges, the pager, tabs, URL building, the unit
// filters and the province chooser.
import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass, inputClass } from "./fields";

export const BADGE_TONES = {
  green: "bg-emerald-50 text-emerald-800 border-emerald-200",
  amber: "bg-amber-50 text-amber-800 border-amber-200",
  slate: "bg-slate-100 text-slate-700 border-slate-300",
  red: "bg-red-50 text-red-800 border-red-200",
  sky: "bg-sky-50 text-sky-800 border-sky-200",
} as const;

export function Badge({ tone, children, ...rest }: { tone: keyof typeof BADGE_TONES; children: ReactNode; "data-testid"?: string; "data-state"?: string }) {
  return (
    <span className={`inline-block whitespace-nowrap rounded border px-1.5 py-0.5 text-xs ${BADGE_TONES[tone]}`} {...rest}>
      {children}
    </span>
  );
}

/** Previous / next links that keep the other search params. */
export function Pager({
  page,
  pages,
  href,
  text,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  text: { prev: string; next: string; page: string };
}) {
  if (pages <= 1) return null;
  return (
    <nav className="flex items-center gap-3 text-sm" aria-label="pagination">
      {page > 1 ? (
        <Link className="tap text-sky-700 hover:underline" href={href(page - 1)}>
          {text.prev}
        </Link>
      ) : (
        <span className="text-slate-400">{text.prev}</span>
      )}
      <span>{text.page.replace("{page}", String(page)).replace("{pages}", String(pages))}</span>
      {page < pages ? (
        <Link className="tap text-sky-700 hover:underline" href={href(page + 1)}>
          {text.next}
        </Link>
      ) : (
        <span className="text-slate-400">{text.next}</span>
      )}
    </nav>
  );
}

/** Builds a URL from a path and the non-empty params. */
export function urlWith(path: string, params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export function Tabs({ items, current }: { items: { href: string; label: string; key: string }[]; current: string }) {
  return (
    <nav className="flex gap-1 border-b border-slate-200 text-sm" aria-label="tabs">
      {items.map((i) => (
        <Link
          key={i.key}
          href={i.href}
          aria-current={i.key === current ? "page" : undefined}
          className={`-mb-px rounded-t border px-3 py-1.5 ${i.key === current ? "border-slate-200 border-b-white bg-white font-medium text-sky-800" : "border-transparent text-slate-600 hover:text-sky-800"}`}
        >
          {i.label}
        </Link>
      ))}
    </nav>
  );
}

type Option = { code: string; fullName: string };

/** The province (nation-wide users: `byProvince`), area (above an area: `byArea`) and commune filters of a list page. */
export function UnitFilterSelects({
  byProvince,
  byArea,
  provinces,
  areas,
  communes,
  values,
  text,
  labelClass,
}: {
  byProvince: boolean;
  byArea: boolean;
  provinces: Option[];
  areas: Option[];
  communes: Option[];
  values: { province?: string | null; area?: string | null; commune?: string | null };
  text: { province: string; area: string; commune: string; all: string };
  labelClass: string;
}) {
  const select = (name: "province" | "area" | "commune", label: string, options: Option[], narrow: boolean) => (
    <label className={labelClass}>
      {label}
      <select name={name} defaultValue={values[name] ?? ""} className={narrow ? `${inputClass} max-w-56` : inputClass}>
        <option value="">{text.all}</option>
        {options.map((u) => (
          <option key={u.code} value={u.code}>
            {u.fullName}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <>
      {byProvince && select("province", text.province, provinces, false)}
      {byArea && areas.length > 0 && select("area", text.area, areas, true)}
      {communes.length > 0 && select("commune", text.commune, communes, true)}
    </>
  );
}

/** A national user creating something province-bound chooses the province first (a GET back to the page). */
export function ChooseProvinceForm({ provinces, label, button }: { provinces: Option[]; label: string; button: string }) {
  return (
    <form className="flex items-end gap-2 rounded-lg border border-slate-200 bg-white p-4">
      <label className="flex flex-col gap-1 text-sm font-medium">
        {label}
        <select name="province" className={inputClass} required>
          {provinces.map((u) => (
            <option key={u.code} value={u.code}>
              {u.fullName}
            </option>
          ))}
        </select>
      </label>
      <button className={buttonClass}>{button}</button>
    </form>
  );
}
