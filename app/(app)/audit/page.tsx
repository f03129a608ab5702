import Link from "next/link";
import { isNational } from "@/lib/server/auth/authz";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { trustEn, trustVi } from "@/lib/i18n/areas/trust";
import { fieldErrorsOf } from "@/lib/validation/form";
import { AUDIT_FILTER_KEYS, auditFilterSchema, auditFilterValues, type SearchParamsLike } from "@/lib/validation/audit-filter";
import { db } from "@/lib/server/db/index";
import { requirePagePrincipal } from "@/lib/server/http/page";
import { AUDIT_EXPORT_MAX_ROWS, AuditFilterError, listAuditEntities, listAuditLog, type AuditPage } from "@/lib/server/trust/audit-log";
import { Table, Td, Th } from "@/components/ui/table";
import { AuditDiff } from "@/components/trust/audit-diff";
import { auditSubjects } from "@/lib/server/trust/audit-subjects";
import { isAuditAction } from "@/lib/domain/audit-actions";

export const dynamic = "force-dynamic";

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParamsLike> }) {
  const p = await requirePagePrincipal("audit.read");
  const { locale, t: all } = await getMessages();
  const L = all.auditLedger;
  const t = (locale === "en" ? trustEn : trustVi).audit;
  const sp = await searchParams;
  const values = auditFilterValues(sp);
  const parsed = auditFilterSchema(t.v).safeParse({ ...values, before: sp.before, after: sp.after });
  let errors: Record<string, string> = parsed.success ? {} : fieldErrorsOf(parsed.error);
  let page: AuditPage | null = null;
  if (parsed.success) {
    try {
      page = await listAuditLog(db(), p, parsed.data);
    } catch (e) {
      if (!(e instanceof AuditFilterError)) throw e;
      errors = { [e.field]: t.v.unitNotFound };
    }
  }
  const [entities, unit] = await Promise.all([listAuditEntities(db(), p), db().unit.findUnique({ where: { code: p.unitCode }, select: { fullName: true } })]);
  const n = (v: number) => formatNumber(v, locale);
  const subjects = page ? await auditSubjects(db(), page.rows, L, locale) : new Map<number, string>();

  // the filters as they are in the URL, for links that keep them
  const filterQuery = new URLSearchParams(AUDIT_FILTER_KEYS.filter((k) => values[k]).map((k) => [k, values[k]]));
  const link = (extra: Record<string, string | number>) => {
    const q = new URLSearchParams(filterQuery);
    for (const [k, v] of Object.entries(extra)) q.set(k, String(v));
    const s = q.toString();
    return s ? `/audit?${s}` : "/audit";
  };
  const exportHref = (format: "csv" | "xlsx") => `/audit/export?${new URLSearchParams([...filterQuery, ["format", format]]).toString()}`;

  const field = (name: (typeof AUDIT_FILTER_KEYS)[number], label: string, extra: { placeholder?: string; list?: string; className?: string } = {}) => (
    <label className="flex flex-col gap-1 text-sm font-medium">
      {label}
      <input
        name={name}
        defaultValue={values[name]}
        placeholder={extra.placeholder}
        list={extra.list}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${name}-error` : undefined}
        className={`rounded border px-2 py-1.5 font-normal ${errors[name] ? "border-red-500" : "border-slate-300"} ${extra.className ?? "w-40"}`}
      />
      <span id={`${name}-error`} aria-live="polite" className="min-h-4 text-xs font-normal text-red-700" data-testid={`error-${name}`}>
        {errors[name] ?? ""}
      </span>
    </label>
  );

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold">{t.title}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t.intro}</p>
        <p className="mt-1 text-sm text-slate-600">{isNational(p.scope) ? t.scopeNational : fill(t.scopeUnit, { unit: unit?.fullName ?? p.unitCode })}</p>
      </div>

      <form
        method="get"
        action="/audit"
        className="flex flex-wrap items-start gap-x-3 gap-y-1 rounded-lg border border-slate-200 bg-white p-3"
        data-testid="audit-filter"
      >
        {field("login", t.f.login)}
        {field("unit", t.f.unit, { placeholder: t.unitPlaceholder, className: "w-40" })}
        {field("entity", t.f.entity, { list: "audit-entities" })}
        {field("entityId", t.f.entityId, { className: "w-28" })}
        {field("action", t.f.action, { placeholder: t.actionPlaceholder, className: "w-48" })}
        {field("from", t.f.from, { placeholder: t.datePlaceholder, className: "w-32" })}
        {field("to", t.f.to, { placeholder: t.datePlaceholder, className: "w-32" })}
        <datalist id="audit-entities">
          {entities.map((e) => (
            <option key={e} value={e} />
          ))}
        </datalist>
        <div className="flex gap-2 self-center">
          <button type="submit" className="rounded bg-sky-700 px-3 py-1.5 text-white hover:bg-sky-800">
            {t.filter}
          </button>
          <Link href="/audit" className="rounded border border-slate-300 px-3 py-1.5 text-slate-700 hover:bg-slate-50">
            {t.clear}
          </Link>
        </div>
      </form>

      {page && (
        <>
          <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
            <span data-testid="audit-count">
              {page.totalIsCapped ? fill(t.countCapped, { n: n(AUDIT_EXPORT_MAX_ROWS) }) : fill(t.count, { n: n(page.total) })}
            </span>
            {page.totalIsCapped ? (
              <span className="text-amber-800">{fill(t.exportTooLarge, { n: n(AUDIT_EXPORT_MAX_ROWS) })}</span>
            ) : (
              page.total > 0 && (
                <span className="flex gap-2">
                  <a href={exportHref("csv")} className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50" data-testid="audit-export-csv">
                    {t.exportCsv}
                  </a>
                  <a
                    href={exportHref("xlsx")}
                    className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50"
                    data-testid="audit-export-xlsx"
                  >
                    {t.exportXlsx}
                  </a>
                </span>
              )
            )}
          </div>

          {page.rows.length === 0 ? (
            <p className="rounded border border-slate-200 bg-white p-4 text-slate-600" data-testid="audit-empty">
              {t.none}
            </p>
          ) : (
            <Table testId="audit-table">
              <thead>
                <tr>
                  <Th>{t.col.at}</Th>
                  <Th>{t.col.user}</Th>
                  <Th>{t.col.unit}</Th>
                  <Th>{t.col.action}</Th>
                  <Th>{t.col.entity}</Th>
                  <Th>{t.col.changes}</Th>
                </tr>
              </thead>
              <tbody>
                {page.rows.map((r) => {
                  const attempted =
                    r.action === "auth.login_failed" && r.after && typeof r.after === "object" ? (r.after as { login?: unknown }).login : undefined;
                  return (
                    <tr key={r.id} className="align-top hover:bg-slate-50" data-testid="audit-row" data-action={r.action}>
                      <Td className="whitespace-nowrap tabular-nums">
                        <span data-testid="audit-at">{formatDateTime(r.at)}</span>
                      </Td>
                      <Td>
                        {r.userLogin ?? <span className="text-slate-400">{t.system}</span>}
                        {typeof attempted === "string" && <span className="block text-xs text-slate-500">{fill(t.attempted, { login: attempted })}</span>}
                      </Td>
                      <Td>{r.unitCode ? <span title={r.unitCode}>{r.unitName ?? r.unitCode}</span> : ""}</Td>
                      <Td>
                        <span className={r.action === "auth.login_failed" ? "font-medium text-red-700" : ""} data-testid="audit-action" title={r.action}>
                          {isAuditAction(r.action) ? L.actions[r.action] : r.action}
                        </span>
                      </Td>
                      <Td>
                        {r.entityId ? (
                          <Link
                            className="text-sky-700 hover:underline"
                            href={link({ entity: r.entity, entityId: r.entityId })}
                            title={`${r.entity} #${r.entityId}`}
                            data-testid="audit-subject"
                          >
                            {subjects.get(r.id)}
                          </Link>
                        ) : (
                          <span data-testid="audit-subject">{subjects.get(r.id)}</span>
                        )}
                      </Td>
                      <Td className="min-w-64">
                        <AuditDiff before={r.before} after={r.after} text={t} ledger={L} locale={locale} />
                      </Td>
                    </tr>
                  );
                })}
              </tbody>
            </Table>
          )}

          <nav className="flex gap-3 text-sm" aria-label="pagination">
            {(page.newer || sp.before || sp.after) && (
              <Link className="text-sky-700 hover:underline" href={link({})}>
                {t.newest}
              </Link>
            )}
            {page.newer && (
              <Link className="text-sky-700 hover:underline" href={link({ after: page.newer })} data-testid="audit-newer">
                {t.newer}
              </Link>
            )}
            {page.older && (
              <Link className="text-sky-700 hover:underline" href={link({ before: page.older })} data-testid="audit-older">
                {t.older}
              </Link>
            )}
          </nav>
        </>
      )}
    </div>
  );
}
