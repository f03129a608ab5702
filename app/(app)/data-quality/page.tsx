import Link from "next/link";
import type { ReactNode } from "react";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { trustEn, trustVi } from "@/lib/i18n/areas/trust";
import { can } from "@/lib/server/auth/authz";
import { db } from "@/lib/server/db/index";
import { requirePagePrincipal } from "@/lib/server/http/page";
import {
  DQ_CHECKS,
  DQ_PAGE_SIZE,
  dataQualitySummary,
  listContributionProblems,
  listDuplicates,
  listPersonalIdProblems,
  listWithoutAgent,
  type DqCheck,
  type DqPerson,
} from "@/lib/server/trust/data-quality";
import { Table, Td, Th } from "@/components/ui/table";

export const dynamic = "force-dynamic";

type Sp = { check?: string; page?: string; kind?: string };

export default async function DataQualityPage({ searchParams }: { searchParams: Promise<Sp> }) {
  const p = await requirePagePrincipal("enrollee.read");
  const { locale } = await getMessages();
  const t = (locale === "en" ? trustEn : trustVi).dq;
  const sp = await searchParams;
  const check: DqCheck = (DQ_CHECKS as readonly string[]).includes(sp.check ?? "") ? (sp.check as DqCheck) : "duplicates";
  const pageNo = Math.max(1, Math.min(100_000, Number.parseInt(sp.page ?? "1", 10) || 1));
  const kind = sp.kind === "gap" || sp.kind === "overlap" ? sp.kind : undefined;
  const canEdit = can(p, "enrollee.write");
  const [summary, unit] = await Promise.all([dataQualitySummary(db(), p), db().unit.findUnique({ where: { code: p.unitCode }, select: { fullName: true } })]);
  const n = (v: number) => formatNumber(v, locale);
  const href = (q: Record<string, string | number | undefined>) => {
    const s = new URLSearchParams(
      Object.entries(q)
        .filter(([, v]) => v !== undefined && v !== "")
        .map(([k, v]) => [k, String(v)]),
    ).toString();
    return `/data-quality${s ? `?${s}` : ""}`;
  };

  const cards: { check: DqCheck; value: string; hint: string }[] = [
    {
      check: "duplicates",
      value: n(summary.duplicates.groups),
      hint: fill(t.groups, { n: n(summary.duplicates.groups), people: n(summary.duplicates.people) }),
    },
    { check: "personal-id", value: n(summary.personalId), hint: fill(t.people, { n: n(summary.personalId) }) },
    {
      check: "contributions",
      value: n(summary.contributions.overlaps + summary.contributions.gaps),
      hint: fill(t.overlapsGaps, { overlaps: n(summary.contributions.overlaps), gaps: n(summary.contributions.gaps) }),
    },
    { check: "no-agent", value: n(summary.noAgent), hint: fill(t.people, { n: n(summary.noAgent) }) },
  ];

  const personCells = (e: DqPerson) => (
    <>
      <Td>
        <Link className="text-sky-700 hover:underline" href={`/enrollees/${e.id}`}>
          {e.fullName}
        </Link>
      </Td>
      <Td className="font-mono tabular-nums">{e.personalId}</Td>
      <Td className="tabular-nums">{formatDate(e.dateOfBirth)}</Td>
      <Td>{t.sex[e.sex]}</Td>
      <Td>{e.communeName ?? e.communeCode}</Td>
    </>
  );
  const fixCell = (id: number) => (
    <Td className="whitespace-nowrap">
      <Link className="text-sky-700 hover:underline" href={`/enrollees/${id}`}>
        {t.view}
      </Link>
      {canEdit && (
        <>
          {" "}
          ·{" "}
          <Link className="text-sky-700 hover:underline" href={`/enrollees/${id}/edit`} data-testid="dq-edit">
            {t.edit}
          </Link>
        </>
      )}
    </Td>
  );
  const personHead = (
    <>
      <Th>{t.col.name}</Th>
      <Th>{t.col.personalId}</Th>
      <Th>{t.col.dateOfBirth}</Th>
      <Th>{t.col.sex}</Th>
      <Th>{t.col.commune}</Th>
    </>
  );
  const pager = (total: number) => {
    const pages = Math.max(1, Math.ceil(total / DQ_PAGE_SIZE));
    if (pages <= 1) return null;
    return (
      <nav className="flex items-center gap-3 text-sm" aria-label="pagination">
        {pageNo > 1 && (
          <Link className="text-sky-700 hover:underline" href={href({ check, kind, page: pageNo - 1 })}>
            {t.prev}
          </Link>
        )}
        <span>{fill(t.page, { page: n(pageNo), pages: n(pages) })}</span>
        {pageNo < pages && (
          <Link className="text-sky-700 hover:underline" href={href({ check, kind, page: pageNo + 1 })} data-testid="dq-next">
            {t.next}
          </Link>
        )}
      </nav>
    );
  };
  const empty = (
    <p className="rounded border border-slate-200 bg-white p-4 text-slate-600" data-testid="dq-empty">
      {t.none}
    </p>
  );

  let body: ReactNode;
  if (check === "duplicates") {
    const r = await listDuplicates(db(), p, pageNo);
    body =
      r.groups.length === 0 ? (
        empty
      ) : (
        <>
          <Table testId="dq-table">
            <thead>
              <tr>
                {personHead}
                <Th>{t.col.actions}</Th>
              </tr>
            </thead>
            {r.groups.map((g) => (
              <tbody key={`${g.searchName}|${g.dateOfBirth}`} data-testid="dq-group">
                <tr>
                  <td colSpan={6} className="bg-slate-50 px-3 py-1 text-xs font-semibold text-slate-600">
                    {fill(t.group, { name: g.people[0]?.fullName ?? g.searchName, date: formatDate(g.dateOfBirth) })}
                  </td>
                </tr>
                {g.people.map((e) => (
                  <tr key={e.id} data-testid="dq-row">
                    {personCells(e)}
                    {fixCell(e.id)}
                  </tr>
                ))}
              </tbody>
            ))}
          </Table>
          {pager(r.total)}
        </>
      );
  } else if (check === "personal-id") {
    const r = await listPersonalIdProblems(db(), p, pageNo);
    body =
      r.rows.length === 0 ? (
        empty
      ) : (
        <>
          <Table testId="dq-table">
            <thead>
              <tr>
                {personHead}
                <Th>{t.col.problem}</Th>
                <Th>{t.col.actions}</Th>
              </tr>
            </thead>
            <tbody>
              {r.rows.map((e) => (
                <tr key={e.id} className="align-top" data-testid="dq-row">
                  {personCells(e)}
                  <Td className="text-red-800">
                    {e.issues.map((i) => (
                      <span key={i.part} className="block">
                        {i.message[locale]}
                      </span>
                    ))}
                  </Td>
                  {fixCell(e.id)}
                </tr>
              ))}
            </tbody>
          </Table>
          {pager(r.total)}
        </>
      );
  } else if (check === "contributions") {
    const r = await listContributionProblems(db(), p, { page: pageNo, kind });
    body = (
      <>
        <div className="flex gap-2 text-sm" role="group">
          {(
            [
              [undefined, t.all],
              ["overlap", t.onlyOverlaps],
              ["gap", t.onlyGaps],
            ] as const
          ).map(([k, label]) => (
            <Link
              key={label}
              href={href({ check, kind: k })}
              aria-current={kind === k ? "page" : undefined}
              className={`rounded border px-2 py-1 ${kind === k ? "border-sky-700 bg-sky-50 text-sky-800" : "border-slate-300 bg-white text-slate-700"}`}
            >
              {label}
            </Link>
          ))}
        </div>
        {r.rows.length === 0 ? (
          empty
        ) : (
          <Table testId="dq-table">
            <thead>
              <tr>
                {personHead}
                <Th>{t.col.kind}</Th>
                <Th>{t.col.period}</Th>
                <Th>{t.col.previousEnd}</Th>
                <Th numeric>{t.col.days}</Th>
                <Th>{t.col.actions}</Th>
              </tr>
            </thead>
            <tbody>
              {r.rows.map((c) => (
                <tr key={c.contributionId} data-testid="dq-row" data-kind={c.kind}>
                  {personCells(c.enrollee)}
                  <Td className={c.kind === "overlap" ? "font-medium text-red-800" : "text-amber-800"}>{t.kind[c.kind]}</Td>
                  <Td className="whitespace-nowrap tabular-nums">
                    {formatDate(c.periodStart)} – {formatDate(c.periodEnd)}
                  </Td>
                  <Td className="tabular-nums">{formatDate(c.previousEnd)}</Td>
                  <Td numeric>{n(c.days)}</Td>
                  {fixCell(c.enrollee.id)}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {pager(r.total)}
      </>
    );
  } else {
    const r = await listWithoutAgent(db(), p, pageNo);
    body =
      r.rows.length === 0 ? (
        empty
      ) : (
        <>
          <Table testId="dq-table">
            <thead>
              <tr>
                {personHead}
                <Th>{t.col.actions}</Th>
              </tr>
            </thead>
            <tbody>
              {r.rows.map((e) => (
                <tr key={e.id} data-testid="dq-row">
                  {personCells(e)}
                  {fixCell(e.id)}
                </tr>
              ))}
            </tbody>
          </Table>
          {pager(r.total)}
        </>
      );
  }

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold">{t.title}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t.intro}</p>
        <p className="mt-1 text-sm text-slate-600">{fill(t.scope, { unit: unit?.fullName ?? p.unitCode })}</p>
      </div>
      <nav className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label={t.title}>
        {cards.map((c) => (
          <Link
            key={c.check}
            href={href({ check: c.check })}
            aria-current={check === c.check ? "page" : undefined}
            data-testid={`dq-card-${c.check}`}
            className={`rounded-lg border bg-white p-4 hover:border-sky-400 ${check === c.check ? "border-sky-700 ring-1 ring-sky-700" : "border-slate-200"}`}
          >
            <span className="block text-xs font-medium uppercase tracking-wide text-slate-500">{t.checks[c.check]}</span>
            <span className="mt-1 block text-2xl font-semibold tabular-nums" data-testid={`dq-count-${c.check}`}>
              {c.value}
            </span>
            <span className="mt-1 block text-xs text-slate-500">{c.hint}</span>
          </Link>
        ))}
      </nav>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t.checks[check]}</h2>
        <p className="text-sm text-slate-600">{t.hints[check]}</p>
        {body}
      </section>
    </div>
  );
}
