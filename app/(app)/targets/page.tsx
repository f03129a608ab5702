import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { formatPct, formatSignedNumber } from "@/lib/domain/coverage";
import { todayInVietnam, yearOf } from "@/lib/domain/dates";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { getTargetEditor, listShortfalls, type EditorRow } from "@/lib/server/targets/targets";
import { readTargetQuery, MAX_YEAR, MIN_YEAR } from "@/lib/validation/target";
import { StatCard } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { TargetCell } from "@/components/targets/target-cell";
import { TargetBatch, TargetBatchInput } from "@/components/targets/target-batch";
import { AllocationAssistant } from "@/components/targets/allocation-assistant";
import { LockControls } from "@/components/targets/lock-controls";
import { lockAction, previewAllocationAction, reopenAction, saveAllocationAction, saveTargetsAction, setTargetAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function TargetsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = await requirePagePrincipal("unit.read");
  const { locale, t } = await getMessages();
  const tt = t.targets;
  const q = readTargetQuery(await searchParams);
  const thisYear = yearOf(todayInVietnam());
  const year = q.year ?? thisYear;
  const ed = await orNotFound(() => getTargetEditor(db(), p, { year, unit: q.unit }, { locale }));
  const shortfalls = await listShortfalls(db(), p, { year, page: q.page });
  const n = (v: number | null) => (v === null ? tt.notSet : formatNumber(v, locale));
  const href = (unit: string, y = year, page?: number) => `/targets?year=${y}&unit=${unit}${page && page > 1 ? `&page=${page}` : ""}`;
  const years = Array.from({ length: thisYear + 5 - 2018 + 1 }, (_, i) => 2018 + i).filter((y) => y >= MIN_YEAR && y <= MAX_YEAR);
  const self = ed.self;
  const diff = self.target === null ? null : ed.childrenSum - self.target;
  const isAgents = ed.unit.level === "COMMUNE";
  const pages = Math.max(1, Math.ceil(shortfalls.total / shortfalls.pageSize));
  const cellText = (name: string) => ({ save: tt.save, saving: tt.saving, label: `${tt.col.target} ${name}` });
  const editable = (c: EditorRow) => c.canEdit && ed.can.editChildren && !c.locked;
  const batchRows = ed.children
    .filter(editable)
    .map((c) => ({ key: c.key, testKey: c.code, name: c.name, unitCode: c.unitCode, agentId: c.agentId, target: c.target, version: c.version }));

  const stateOf = (c: EditorRow) => (
    <span className="flex flex-wrap justify-end gap-1">
      {c.shortfall > 0 && c.childrenWithTarget === 0 && (
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700" data-testid={`unallocated-${c.code}`}>
          {tt.notAllocatedBadge}
        </span>
      )}
      {c.shortfall > 0 && c.childrenWithTarget > 0 && (
        <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900" data-testid={`shortfall-${c.code}`}>
          {fill(tt.shortfallBadge, { n: formatNumber(c.shortfall, locale) })}
        </span>
      )}
      {c.locked && <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-700">{tt.lockedBadge}</span>}
      {c.agent && c.agent.communes > 1 && (
        <span className="rounded bg-sky-100 px-1.5 py-0.5 text-xs text-sky-900">{fill(tt.sharedAgent, { n: c.agent.communes })}</span>
      )}
      {c.agent?.status === "ENDED" && <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs text-red-800">{tt.agentEnded}</span>}
      {c.agent?.status === "SUSPENDED" && <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{tt.agentSuspended}</span>}
    </span>
  );

  const childrenTable = (
    <Table testId="children-table">
      <thead>
        <tr>
          <Th>{tt.col.code}</Th>
          <Th>{tt.col.name}</Th>
          <Th numeric>{tt.col.participants}</Th>
          <Th numeric>{tt.col.target}</Th>
          {!isAgents && (
            <>
              <Th numeric>{tt.col.childrenSum}</Th>
              <Th numeric>{tt.col.difference}</Th>
            </>
          )}
          <Th numeric>{tt.col.state}</Th>
        </tr>
      </thead>
      <tbody>
        {ed.children.map((c) => (
          <tr key={c.key} className={`hover:bg-slate-50 ${c.shortfall > 0 && c.childrenWithTarget > 0 ? "bg-amber-50/50" : ""}`} data-testid={`row-${c.code}`}>
            <Td>{c.code}</Td>
            <Td>
              {c.kind === "unit" ? (
                <Link className="text-sky-700 hover:underline" href={href(c.code)}>
                  {c.name}
                </Link>
              ) : (
                c.name
              )}
            </Td>
            <Td numeric>{formatNumber(c.participants, locale)}</Td>
            <Td numeric>
              {editable(c) ? (
                <TargetBatchInput rowKey={c.key} testKey={c.code} label={`${tt.col.target} ${c.name}`} />
              ) : (
                <span data-testid={`target-value-${c.code}`} className={c.target === null ? "text-slate-400" : ""}>
                  {n(c.target)}
                </span>
              )}
            </Td>
            {!isAgents && (
              <>
                <Td numeric>{c.childrenWithTarget ? formatNumber(c.childrenSum ?? 0, locale) : <span className="text-slate-400">—</span>}</Td>
                <Td numeric className={c.shortfall > 0 && c.childrenWithTarget > 0 ? "text-amber-800" : ""}>
                  {/* a target not yet divided among the children reads as such, not as "— / −60" */}
                  {c.target === null ? (
                    ""
                  ) : c.childrenWithTarget ? (
                    formatSignedNumber((c.childrenSum ?? 0) - c.target, locale)
                  ) : (
                    <span className="text-xs text-slate-600" data-testid={`not-divided-${c.code}`}>
                      {tt.notAllocatedBadge}
                    </span>
                  )}
                </Td>
              </>
            )}
            <Td numeric>{stateOf(c)}</Td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="bg-slate-50 font-semibold">
          <Td>{t.total}</Td>
          <Td />
          {/* agents may serve several communes: their participants do not add up to the commune's */}
          <Td numeric>
            {isAgents
              ? ""
              : formatNumber(
                  ed.children.reduce((s, c) => s + c.participants, 0),
                  locale,
                )}
          </Td>
          <Td numeric>
            <span data-testid="children-total">{formatNumber(ed.childrenSum, locale)}</span>
          </Td>
          {!isAgents && (
            <>
              <Td />
              <Td />
            </>
          )}
          <Td />
        </tr>
      </tfoot>
    </Table>
  );

  return (
    <div className="space-y-6">
      <nav aria-label="breadcrumb" className="text-sm text-slate-600" data-testid="breadcrumbs">
        {ed.crumbs.map((c, i) => (
          <span key={c.code}>
            {i > 0 && <span className="mx-1">›</span>}
            {i < ed.crumbs.length - 1 ? (
              <Link className="text-sky-700 hover:underline" href={href(c.code)}>
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
            {t.levels[ed.unit.level as keyof typeof t.levels]} · {t.code} {ed.unit.code}
          </p>
          <h1 className="text-2xl font-bold" data-testid="targets-title">
            {fill(tt.title, { year })} — {ed.unit.fullName}
          </h1>
          <p className="max-w-3xl text-sm text-slate-600">{tt.intro}</p>
        </div>
        <form className="flex flex-wrap items-end gap-2" data-testid="year-form">
          <input type="hidden" name="unit" value={ed.unit.code} />
          <label className="flex flex-col text-xs font-medium text-slate-600">
            {tt.year}
            <select name="year" defaultValue={String(year)} className="rounded border border-slate-300 bg-white px-2 py-1.5 text-sm" data-testid="year-select">
              {(years.includes(year) ? years : [...years, year].sort()).map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <button className="rounded bg-sky-700 px-3 py-1.5 text-sm text-white hover:bg-sky-800">{tt.show}</button>
          <Link className="px-1 py-1.5 text-sm text-sky-700 hover:underline" href={href(ed.unit.code, year - 1)}>
            {tt.prevYear}
          </Link>
          <Link className="px-1 py-1.5 text-sm text-sky-700 hover:underline" href={href(ed.unit.code, year + 1)}>
            {tt.nextYear}
          </Link>
        </form>
      </div>

      <section className="space-y-3" aria-label={tt.unitTarget}>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="self-target">
            <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{tt.unitTarget}</div>
            {ed.can.editSelf ? (
              <div className="mt-1">
                <TargetCell
                  action={setTargetAction}
                  year={year}
                  unitCode={ed.unit.code}
                  target={self.target}
                  version={self.version}
                  testKey={ed.unit.code}
                  text={cellText(ed.unit.fullName)}
                />
              </div>
            ) : (
              <div className="mt-1 text-2xl font-semibold tabular-nums" data-testid="self-target-value">
                {n(self.target)}
              </div>
            )}
            {!self.canEdit && p.role === "ADMIN" && ed.unit.code === p.unitCode && <div className="mt-1 text-xs text-slate-500">{tt.ownTargetByHigher}</div>}
          </div>
          <StatCard
            label={tt.childrenSum}
            value={<span data-testid="children-sum">{formatNumber(ed.childrenSum, locale)}</span>}
            hint={fill(tt.childrenWithTarget, { n: self.childrenWithTarget, total: ed.children.length })}
          />
          <StatCard
            label={tt.difference}
            value={
              <span data-testid="difference" className={diff !== null && diff < 0 ? "text-amber-700" : ""}>
                {diff === null ? "—" : formatSignedNumber(diff, locale)}
              </span>
            }
          />
          <StatCard
            label={fill(tt.participantsOn, { date: formatDate(ed.asOf) })}
            value={formatNumber(self.participants, locale)}
            hint={fill(tt.expectedShare, { year, pct: formatPct(ed.expectedShareBp / 100, locale) })}
          />
        </div>

        {self.shortfall > 0 && (
          <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="shortfall-warning" role="status">
            ⚠{" "}
            {fill(tt.shortfallWarning, {
              sum: formatNumber(ed.childrenSum, locale),
              target: formatNumber(self.target!, locale),
              n: formatNumber(self.shortfall, locale),
            })}
          </p>
        )}

        <div className="flex flex-wrap items-start justify-between gap-4 rounded-lg border border-slate-200 bg-white p-3">
          <div className="text-sm" data-testid="lock-status">
            <span className="font-medium">{tt.status}: </span>
            {ed.lock.locked ? (
              <span className="rounded bg-slate-200 px-2 py-0.5 text-slate-800" data-testid="locked-badge">
                {ed.lock.lockedBy
                  ? fill(tt.lockedBy, { date: ed.lock.lockedAt ? formatDate(ed.lock.lockedAt) : "", name: ed.lock.lockedBy })
                  : fill(tt.lockedOn, { date: ed.lock.lockedAt ? formatDate(ed.lock.lockedAt) : "" })}
              </span>
            ) : ed.lock.ancestorLock ? (
              <span className="rounded bg-slate-200 px-2 py-0.5 text-slate-800" data-testid="locked-badge">
                {fill(tt.err.locked, {
                  year,
                  unit: ed.lock.ancestorLock.name,
                  date: ed.lock.ancestorLock.lockedAt ? formatDate(ed.lock.ancestorLock.lockedAt) : "",
                })}
              </span>
            ) : (
              <span className="text-emerald-800">{tt.open}</span>
            )}
            {ed.lock.locked && !ed.can.reopen && p.role === "ADMIN" && <p className="mt-1 text-xs text-slate-500">{tt.reopenNeedsHigher}</p>}
            {p.role !== "ADMIN" && <p className="mt-1 text-xs text-slate-500">{tt.readOnly}</p>}
          </div>
          {(ed.can.lock || ed.can.reopen) && (
            <LockControls
              key={ed.can.lock ? "lock" : "reopen"}
              year={year}
              unitCode={ed.unit.code}
              mode={ed.can.lock ? "lock" : "reopen"}
              lockAction={lockAction}
              reopenAction={reopenAction}
              missing={ed.withoutTarget.map((c) => c.name)}
              text={{
                lock: fill(tt.lock, { year }),
                lockHint: tt.lockHint,
                missingWarning: tt.lockMissing,
                lockConfirm: fill(tt.lockConfirm, { year, unit: ed.unit.fullName }),
                reopen: tt.reopen,
                reopenHint: tt.reopenHint,
                cancel: tt.cancel,
              }}
            />
          )}
        </div>
      </section>

      {ed.can.allocate && self.target !== null && (
        <AllocationAssistant
          year={year}
          unitCode={ed.unit.code}
          unitName={ed.unit.fullName}
          target={self.target}
          methods={ed.allocationMethods}
          locale={locale}
          text={tt}
          preview={previewAllocationAction}
          save={saveAllocationAction}
        />
      )}
      {!ed.can.allocate && self.target === null && ed.can.editChildren && <p className="text-sm text-slate-600">{tt.allocNeedsParent}</p>}

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{tt.children[ed.unit.level as keyof typeof tt.children]}</h2>
        {isAgents && ed.children.some((c) => (c.agent?.communes ?? 0) > 1) && <p className="text-xs text-slate-500">{tt.sharedAgentNote}</p>}
        {ed.children.length === 0 ? (
          <p className="rounded border border-slate-200 bg-white p-4 text-slate-600">{isAgents ? tt.noAgents : tt.noChildren}</p>
        ) : batchRows.length > 0 ? (
          <TargetBatch year={year} rows={batchRows} save={saveTargetsAction} locale={locale} text={{ ...tt.batch, saving: tt.saving, notSet: tt.notSet }}>
            {childrenTable}
          </TargetBatch>
        ) : (
          childrenTable
        )}
      </section>

      <section className="space-y-2" data-testid="shortfalls">
        <h2 className="text-lg font-semibold">{fill(tt.shortfallsTitle, { year })}</h2>
        {shortfalls.total === 0 ? (
          <p className="rounded border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="shortfalls-none">
            {tt.shortfallsNone}
          </p>
        ) : (
          <>
            <p className="text-sm text-slate-600">{fill(tt.shortfallsCount, { n: formatNumber(shortfalls.total, locale) })}</p>
            <Table testId="shortfalls-table">
              <thead>
                <tr>
                  <Th>{tt.col.level}</Th>
                  <Th>{tt.col.name}</Th>
                  <Th>{tt.col.parent}</Th>
                  <Th numeric>{tt.col.target}</Th>
                  <Th numeric>{tt.col.childrenSum}</Th>
                  <Th numeric>{tt.col.shortfall}</Th>
                </tr>
              </thead>
              <tbody>
                {shortfalls.rows.map((r) => (
                  <tr key={r.code} className="hover:bg-slate-50" data-testid={`shortfall-row-${r.code}`}>
                    <Td>{tt.levelNames[r.level]}</Td>
                    <Td>
                      <Link className="text-sky-700 hover:underline" href={href(r.code)}>
                        {r.name}
                      </Link>
                    </Td>
                    <Td className="text-slate-600">{r.parentName ?? ""}</Td>
                    <Td numeric>{formatNumber(r.target, locale)}</Td>
                    <Td numeric>{formatNumber(r.childrenSum, locale)}</Td>
                    <Td numeric className="font-semibold text-amber-800">
                      {formatNumber(r.shortfall, locale)}
                      {r.children === 0 && <span className="block text-xs font-normal text-slate-500">{tt.notAllocatedHint}</span>}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            {pages > 1 && (
              <nav className="flex items-center gap-3 text-sm" aria-label="pagination">
                {shortfalls.page > 1 && (
                  <Link className="text-sky-700 hover:underline" href={href(ed.unit.code, year, shortfalls.page - 1)}>
                    {tt.prev}
                  </Link>
                )}
                <span>{fill(tt.page, { page: shortfalls.page, pages })}</span>
                {shortfalls.page < pages && (
                  <Link className="text-sky-700 hover:underline" href={href(ed.unit.code, year, shortfalls.page + 1)}>
                    {tt.next}
                  </Link>
                )}
              </nav>
            )}
          </>
        )}
      </section>
    </div>
  );
}
