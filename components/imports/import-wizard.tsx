"use client";
// Upload → preview (every rejected row with its line and reasons) → confirm → result.
// XMLHttpRequest rather than fetch: it reports upload progress, and its onprogress hands us the
// server's NDJSON progress lines as they stream in, so a 50,000-row file never looks frozen.
import Link from "next/link";
import { useRef, useState } from "react";
import type { ImportText } from "./types";
import { fill, type Locale } from "@/lib/i18n/locale";

type Issue = { line: number; name?: string; field: string; column: string; message: string };
type Skipped = { line: number; name: string; existingId: number };
type Summary = {
  jobId?: string;
  fileName: string;
  total: number;
  valid: number;
  duplicates: number;
  rejected: number;
  withPayments: number;
  errors: Issue[];
  errorsTruncated: boolean;
  /** valid rows with a warning (same name and date of birth as someone in the province): imported all the same */
  warned: number;
  warnings: Issue[];
  warningsTruncated: boolean;
  /** rows skipped because the person is already registered in the caller's area */
  skipped?: Skipped[];
  skippedTruncated?: boolean;
};
type Result = Summary & { created: number; contributions: number };
type Event =
  | { type: "progress"; phase: "validate" | "import"; rows: number }
  | { type: "preview"; summary: Summary }
  | { type: "done"; result: Result }
  | { type: "error"; message: string };

type State =
  | { step: "idle" }
  | { step: "uploading"; percent: number }
  | { step: "validating"; rows: number }
  | { step: "preview"; summary: Summary }
  | { step: "importing"; summary: Summary; rows: number }
  | { step: "done"; result: Result; jobId: string }
  | { step: "error"; message: string; summary?: Summary };

/** Posts a body and feeds each complete NDJSON line to `onEvent` as it arrives. */
function postStream(url: string, body: FormData | string, onUpload: (pct: number) => void, onEvent: (e: Event) => void): Promise<void> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    let seen = 0;
    const drain = () => {
      const text = xhr.responseText;
      let nl: number;
      while ((nl = text.indexOf("\n", seen)) >= 0) {
        const line = text.slice(seen, nl).trim();
        seen = nl + 1;
        if (!line) continue;
        try {
          onEvent(JSON.parse(line) as Event);
        } catch {
          /* a non-JSON line (e.g. a proxy's error page) is reported below */
        }
      }
    };
    xhr.open("POST", url);
    xhr.upload.onprogress = (ev) => ev.lengthComputable && onUpload(Math.round((ev.loaded / ev.total) * 100));
    xhr.onprogress = drain;
    xhr.onload = () => {
      drain();
      if (xhr.status >= 400 && !xhr.responseText.includes('"type"')) {
        let message = `HTTP ${xhr.status}`;
        try {
          message = (JSON.parse(xhr.responseText) as { error?: { message?: string } }).error?.message ?? message;
        } catch {
          /* keep the status */
        }
        onEvent({ type: "error", message });
      }
      resolve();
    };
    xhr.onerror = () => {
      onEvent({ type: "error", message: "network" });
      resolve();
    };
    if (typeof body === "string") xhr.setRequestHeader("Content-Type", "application/json");
    xhr.send(body);
  });
}

export function ImportWizard({ t, locale }: { t: ImportText; locale: Locale }) {
  const [state, setState] = useState<State>({ step: "idle" });
  const fileRef = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState("");
  const n = (v: number) => v.toLocaleString(locale === "vi" ? "vi-VN" : "en-US");

  async function check(e: React.FormEvent) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setState({ step: "error", message: t.chooseFile });
      return;
    }
    const form = new FormData();
    form.set("file", file);
    setState({ step: "uploading", percent: 0 });
    await postStream(
      "/api/imports/upload",
      form,
      (percent) => setState((s) => (s.step !== "uploading" ? s : percent >= 100 ? { step: "validating", rows: 0 } : { step: "uploading", percent })),
      (ev) => {
        if (ev.type === "progress") setState({ step: "validating", rows: ev.rows });
        else if (ev.type === "preview") setState({ step: "preview", summary: ev.summary });
        else if (ev.type === "error") setState({ step: "error", message: ev.message === "network" ? t.networkError : ev.message });
      },
    );
  }

  async function confirm(summary: Summary) {
    setState({ step: "importing", summary, rows: 0 });
    await postStream(
      "/api/imports/confirm",
      JSON.stringify({ jobId: summary.jobId }),
      () => undefined,
      (ev) => {
        if (ev.type === "progress") setState({ step: "importing", summary, rows: ev.rows });
        else if (ev.type === "done") setState({ step: "done", result: ev.result, jobId: summary.jobId! });
        else if (ev.type === "error") setState({ step: "error", message: ev.message === "network" ? t.networkError : ev.message, summary });
      },
    );
  }

  const reset = () => {
    setState({ step: "idle" });
    setFileName("");
    if (fileRef.current) fileRef.current.value = "";
  };
  const busy = state.step === "uploading" || state.step === "validating" || state.step === "importing";

  return (
    <div className="space-y-4">
      {(state.step === "idle" || state.step === "error" || busy) && state.step !== "importing" && (
        <form onSubmit={check} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="import-upload-form">
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t.fileLabel}
            <input
              ref={fileRef}
              type="file"
              name="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => setFileName(e.target.files?.[0]?.name ?? "")}
              className="text-sm file:mr-3 file:rounded file:border file:border-slate-300 file:bg-slate-50 file:px-3 file:py-1.5"
              data-testid="import-file"
              disabled={busy}
            />
            <span className="text-xs font-normal text-slate-500">{t.fileHint}</span>
          </label>
          <button
            type="submit"
            disabled={busy || !fileName}
            className="rounded bg-sky-700 px-4 py-2 text-sm text-white hover:bg-sky-800 disabled:opacity-50"
            data-testid="import-check"
          >
            {t.check}
          </button>
        </form>
      )}

      <div aria-live="polite" className="space-y-4">
        {state.step === "uploading" && <Progress label={fill(t.uploading, { percent: state.percent })} percent={state.percent} />}
        {state.step === "validating" && <Progress label={fill(t.validating, { rows: n(state.rows) })} />}
        {state.step === "importing" && (
          <Progress
            label={fill(t.importing, { rows: n(state.rows), total: n(state.summary.valid) })}
            percent={state.summary.valid ? Math.min(100, Math.round((state.rows / state.summary.valid) * 100)) : undefined}
          />
        )}
        {state.step === "error" && (
          <p role="status" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800" data-testid="import-error">
            {state.message}
          </p>
        )}
      </div>

      {state.step === "preview" && <Preview t={t} summary={state.summary} n={n} onConfirm={() => confirm(state.summary)} onCancel={reset} />}

      {state.step === "done" && (
        <section className="space-y-3 rounded-lg border border-emerald-300 bg-emerald-50 p-4" data-testid="import-done">
          <h2 className="text-lg font-semibold text-emerald-900">{t.doneTitle}</h2>
          <p data-testid="import-done-summary">
            {fill(t.doneSummary, {
              created: n(state.result.created),
              contributions: n(state.result.contributions),
              duplicates: n(state.result.duplicates),
              rejected: n(state.result.rejected),
            })}
          </p>
          <div className="flex flex-wrap gap-2 text-sm">
            {(state.result.rejected > 0 || state.result.warned > 0 || state.result.duplicates > 0) && <ReportLinks t={t} jobId={state.jobId} />}
            <Link href="/enrollees" className="rounded border border-slate-300 bg-white px-3 py-2 hover:bg-slate-50">
              {t.toEnrollees}
            </Link>
            <button type="button" onClick={reset} className="rounded border border-slate-300 bg-white px-3 py-2 hover:bg-slate-50" data-testid="import-again">
              {t.another}
            </button>
          </div>
          {state.result.duplicates > 0 && <SkippedTable t={t} summary={state.result} n={n} />}
        </section>
      )}
    </div>
  );
}

function Progress({ label, percent }: { label: string; percent?: number }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="import-progress">
      <p className="mb-2 text-sm">{label}</p>
      <div
        className="h-2 w-full overflow-hidden rounded bg-slate-200"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={label}
      >
        {percent === undefined ? (
          <div className="h-2 w-1/3 animate-pulse rounded bg-sky-600" />
        ) : (
          <div className="h-2 rounded bg-sky-600 transition-all" style={{ width: `${percent}%` }} />
        )}
      </div>
    </div>
  );
}

function ReportLinks({ t, jobId }: { t: ImportText; jobId: string }) {
  return (
    <>
      <a
        href={`/imports/report?job=${jobId}&format=xlsx`}
        className="rounded border border-slate-300 bg-white px-3 py-2 hover:bg-slate-50"
        data-testid="report-xlsx"
        download
      >
        {t.reportXlsx}
      </a>
      <a
        href={`/imports/report?job=${jobId}&format=csv`}
        className="rounded border border-slate-300 bg-white px-3 py-2 hover:bg-slate-50"
        data-testid="report-csv"
        download
      >
        {t.reportCsv}
      </a>
    </>
  );
}

/** Issues grouped by line: one table row per spreadsheet row. */
function byLineOf(issues: Issue[]): Map<number, Issue[]> {
  const byLine = new Map<number, Issue[]>();
  for (const e of issues) byLine.set(e.line, [...(byLine.get(e.line) ?? []), e]);
  return byLine;
}

function IssueTable({
  t,
  byLine,
  testId,
  tone,
}: {
  t: ImportText;
  byLine: Map<number, Issue[]>;
  testId: "import-errors" | "import-warnings";
  tone: "bad" | "warn";
}) {
  const rowTestId = testId === "import-errors" ? "import-error-row" : "import-warning-row";
  return (
    <div className="max-h-[28rem] overflow-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full border-collapse text-sm [overflow-wrap:anywhere]" data-testid={testId}>
        <thead className="sticky top-0 bg-slate-50">
          <tr>
            <th scope="col" className="border-b border-slate-200 px-3 py-2 text-right">
              {t.line}
            </th>
            <th scope="col" className="border-b border-slate-200 px-3 py-2 text-left">
              {t.person}
            </th>
            <th scope="col" className="border-b border-slate-200 px-3 py-2 text-left">
              {t.column}
            </th>
            <th scope="col" className="border-b border-slate-200 px-3 py-2 text-left">
              {t.reason}
            </th>
          </tr>
        </thead>
        <tbody>
          {[...byLine.entries()].map(([line, issues]) => (
            <tr key={line} className="align-top" data-testid={rowTestId} data-line={line}>
              <td className="border-b border-slate-100 px-3 py-1.5 text-right tabular-nums">{line}</td>
              <td className="border-b border-slate-100 px-3 py-1.5" data-testid="issue-name">
                {issues[0]?.name}
              </td>
              <td className="border-b border-slate-100 px-3 py-1.5">
                {issues.map((i, k) => (
                  <div key={k}>{i.column}</div>
                ))}
              </td>
              <td className={`border-b border-slate-100 px-3 py-1.5 ${tone === "bad" ? "text-red-800" : "text-amber-900"}`}>
                {issues.map((i, k) => (
                  <div key={k}>{i.message}</div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Preview({
  t,
  summary,
  n,
  onConfirm,
  onCancel,
}: {
  t: ImportText;
  summary: Summary;
  n: (v: number) => string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const byLine = byLineOf(summary.errors);
  const warnedByLine = byLineOf(summary.warnings ?? []);
  const warned = summary.warned ?? 0;
  return (
    <section className="space-y-4" data-testid="import-preview">
      <h2 className="text-lg font-semibold">{fill(t.previewTitle, { file: summary.fileName })}</h2>
      <dl className={`grid gap-3 sm:grid-cols-4 ${warned ? "lg:grid-cols-5" : ""}`}>
        <Stat label={t.total} value={n(summary.total)} testId="preview-total" />
        <Stat
          label={t.valid}
          value={n(summary.valid)}
          testId="preview-valid"
          tone="good"
          hint={summary.withPayments ? fill(t.withPayments, { n: n(summary.withPayments) }) : undefined}
        />
        <Stat label={t.duplicates} value={n(summary.duplicates)} testId="preview-duplicates" hint={t.duplicatesHint} />
        <Stat label={t.rejected} value={n(summary.rejected)} testId="preview-rejected" tone={summary.rejected ? "bad" : undefined} />
        {warned > 0 && <Stat label={t.warned} value={n(warned)} testId="preview-warned" tone="warn" hint={t.warnedHint} />}
      </dl>

      <div className="flex flex-wrap gap-2 text-sm">
        <button
          type="button"
          onClick={onConfirm}
          disabled={summary.valid === 0}
          className="rounded bg-emerald-700 px-4 py-2 text-white hover:bg-emerald-800 disabled:opacity-50"
          data-testid="import-confirm"
        >
          {fill(t.confirm, { n: n(summary.valid) })}
        </button>
        {(summary.rejected > 0 || warned > 0 || summary.duplicates > 0) && summary.jobId && <ReportLinks t={t} jobId={summary.jobId} />}
        <button type="button" onClick={onCancel} className="rounded border border-slate-300 bg-white px-3 py-2 hover:bg-slate-50">
          {t.cancel}
        </button>
      </div>
      <p className="text-xs text-slate-600">{t.confirmHint}</p>

      {summary.rejected > 0 && (
        <div>
          <h3 className="mb-2 font-semibold">{t.errorsTitle}</h3>
          {summary.errorsTruncated && (
            <p className="mb-2 text-sm text-amber-800">{fill(t.errorsTruncated, { shown: n(byLine.size), total: n(summary.rejected) })}</p>
          )}
          <IssueTable t={t} byLine={byLine} testId="import-errors" tone="bad" />
        </div>
      )}

      {summary.duplicates > 0 && <SkippedTable t={t} summary={summary} n={n} />}

      {warned > 0 && (
        <div>
          <h3 className="mb-2 font-semibold text-amber-900">{t.warningsTitle}</h3>
          {summary.warningsTruncated && (
            <p className="mb-2 text-sm text-amber-800">{fill(t.warningsTruncated, { shown: n(warnedByLine.size), total: n(warned) })}</p>
          )}
          <IssueTable t={t} byLine={warnedByLine} testId="import-warnings" tone="warn" />
        </div>
      )}
    </section>
  );
}

/** The rows skipped because the person is already registered in the caller's own area: line, name, a link to the record. */
function SkippedTable({ t, summary, n }: { t: ImportText; summary: Summary; n: (v: number) => string }) {
  const rows = summary.skipped ?? [];
  return (
    <div>
      <h3 className="mb-2 font-semibold">{t.skippedTitle}</h3>
      {summary.skippedTruncated && (
        <p className="mb-2 text-sm text-amber-800">{fill(t.skippedTruncated, { shown: n(rows.length), total: n(summary.duplicates) })}</p>
      )}
      <div className="max-h-[20rem] overflow-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full border-collapse text-sm" data-testid="import-skipped">
          <thead className="sticky top-0 bg-slate-50">
            <tr>
              <th scope="col" className="border-b border-slate-200 px-3 py-2 text-right">
                {t.line}
              </th>
              <th scope="col" className="border-b border-slate-200 px-3 py-2 text-left">
                {t.person}
              </th>
              <th scope="col" className="border-b border-slate-200 px-3 py-2 text-left">
                <span className="sr-only">{t.skippedLink}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.line} data-testid="import-skipped-row" data-line={r.line}>
                <td className="border-b border-slate-100 px-3 py-1.5 text-right tabular-nums">{r.line}</td>
                <td className="border-b border-slate-100 px-3 py-1.5">{r.name}</td>
                <td className="border-b border-slate-100 px-3 py-1.5">
                  <Link href={`/enrollees/${r.existingId}`} target="_blank" className="text-sky-700 underline">
                    {t.skippedLink}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Stat({ label, value, testId, tone, hint }: { label: string; value: string; testId: string; tone?: "good" | "bad" | "warn"; hint?: string }) {
  const color = tone === "good" ? "text-emerald-800" : tone === "bad" ? "text-red-800" : tone === "warn" ? "text-amber-800" : "text-slate-900";
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className={`text-2xl font-semibold tabular-nums ${color}`} data-testid={testId}>
        {value}
      </dd>
      {hint && <dd className="text-xs text-slate-500">{hint}</dd>}
    </div>
  );
}
