import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatNumber } from "@/lib/i18n/format";
import { attainmentPct, coveragePct, formatPct } from "@/lib/domain/coverage";
import { todayInVietnam, yearOf } from "@/lib/domain/dates";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { getBreadcrumbs, listChildrenWithStats, searchUnits } from "@/lib/server/units/browser";
import { StatCard } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";

export const dynamic = "force-dynamic";

export default async function UnitsPage({ params, searchParams }: { params: Promise<{ code?: string[] }>; searchParams: Promise<{ q?: string }> }) {
  const p = await requirePagePrincipal("unit.read");
  const { locale, t } = await getMessages();
  const code = (await params).code?.[0] ?? p.unitCode;
  const q = ((await searchParams).q ?? "").slice(0, 100);
  const today = todayInVietnam();
  const year = yearOf(today);
  const { unit, children } = await orNotFound(() => listChildrenWithStats(db(), p, code, today));
  const crumbs = await getBreadcrumbs(db(), p, unit);
  const found = q ? await searchUnits(db(), p, q) : [];
  const sum = (f: (c: (typeof children)[number]) => number) => children.reduce((s, c) => s + f(c), 0);
  const n = (v: number) => formatNumber(v, locale);

  return (
    <div className="space-y-6">
      <nav aria-label="breadcrumb" className="text-sm text-slate-600" data-testid="breadcrumbs">
        {crumbs.map((c, i) => (
          <span key={c.code}>
            {i > 0 && <span className="mx-1">›</span>}
            {i < crumbs.length - 1 ? (
              <Link className="text-sky-700 hover:underline" href={`/units/${c.code}`}>
                {c.fullName}
              </Link>
            ) : (
              <span>{c.fullName}</span>
            )}
          </span>
        ))}
      </nav>

      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            {t.levels[unit.level as keyof typeof t.levels]} · {t.code} {unit.code}
          </p>
          <h1 className="text-2xl font-bold" data-testid="unit-title">
            {unit.fullName}
          </h1>
        </div>
        <form className="flex w-full gap-2 sm:w-auto" role="search">
          <input
            name="q"
            defaultValue={q}
            placeholder={t.searchUnits}
            aria-label={t.searchUnits}
            className="w-full min-w-0 rounded border border-slate-300 px-3 py-2 sm:w-72"
          />
          <button className="rounded bg-sky-700 px-3 py-2 text-white">{t.search}</button>
        </form>
      </div>

      {q && (
        <section data-testid="unit-search-results" className="rounded-lg border border-slate-200 bg-white p-4">
          {found.length === 0 ? (
            <p>{t.noResults}</p>
          ) : (
            <ul className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
              {found.map((u) => (
                <li key={u.code}>
                  <Link className="text-sky-700 hover:underline" href={`/units/${u.code}`}>
                    {u.fullName}
                  </Link>{" "}
                  <span className="text-xs text-slate-500">({t.levels[u.level as keyof typeof t.levels]})</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {children.length > 0 && (
        <>
          <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
            <StatCard label={t.participantsToday} value={n(sum((c) => c.participants))} testId="stat-participants" />
            <StatCard label={t.enrollees} value={n(sum((c) => c.enrollees))} />
            <StatCard
              label={fill(t.target, { year })}
              value={n(sum((c) => c.target ?? 0))}
              hint={formatPct(
                attainmentPct(
                  sum((c) => c.participants),
                  sum((c) => c.target ?? 0),
                ),
                locale,
              )}
            />
            <StatCard
              label={fill(t.labourForce, { year })}
              value={n(sum((c) => c.labourForce))}
              hint={formatPct(
                coveragePct(
                  sum((c) => c.participants),
                  sum((c) => c.labourForce),
                ),
                locale,
              )}
            />
          </div>
          <section>
            <h2 className="mb-2 text-lg font-semibold">{t.childrenOf[unit.level as keyof typeof t.childrenOf]}</h2>
            <Table testId="children-table" stack>
              <thead>
                <tr>
                  <Th>{t.code}</Th>
                  <Th>{t.name}</Th>
                  {unit.level !== "AREA" && <Th numeric>{t.communeCount}</Th>}
                  <Th numeric>{t.enrollees}</Th>
                  <Th numeric>{t.participantsToday}</Th>
                  <Th numeric>{fill(t.target, { year })}</Th>
                  <Th numeric>%</Th>
                  <Th numeric>{fill(t.labourForce, { year })}</Th>
                </tr>
              </thead>
              <tbody>
                {children.map((c) => (
                  <tr key={c.code} className="hover:bg-slate-50">
                    <Td label={t.code}>{c.code}</Td>
                    <Td cell="title">
                      <Link className="text-sky-700 hover:underline" href={`/units/${c.code}`}>
                        {c.fullName}
                      </Link>
                    </Td>
                    {unit.level !== "AREA" && (
                      <Td numeric label={t.communeCount}>
                        {n(c.communes)}
                      </Td>
                    )}
                    <Td numeric label={t.enrollees}>
                      {n(c.enrollees)}
                    </Td>
                    <Td numeric cell="key" label={t.participantsToday}>
                      {n(c.participants)}
                    </Td>
                    <Td numeric cell="key" label={fill(t.target, { year })}>
                      {c.target == null ? <span className="text-slate-400">{t.noTarget}</span> : n(c.target)}
                    </Td>
                    <Td numeric cell="key" label="%">
                      {c.target ? formatPct(attainmentPct(c.participants, c.target), locale) : ""}
                    </Td>
                    <Td numeric label={fill(t.labourForce, { year })}>
                      {n(c.labourForce)}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </section>
        </>
      )}
    </div>
  );
}
