"use client";
// The allocation assistant: choose a method (and the optional floor), preview old vs new per child,
// then save exactly what was previewed. The server recomputes and refuses if anything moved meanwhile.
import { useState, useTransition } from "react";
import type { AllocationPreview } from "@/lib/server/targets/targets";
import { firstError, type FormState } from "@/lib/validation/form";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { fill, type Locale } from "@/lib/i18n/messages";
import type { targetsVi } from "@/lib/i18n/areas/targets";

type Method = keyof typeof targetsVi.methods;

export function AllocationAssistant({
  year,
  unitCode,
  unitName,
  target,
  methods,
  locale,
  text,
  preview: previewAction,
  save: saveAction,
}: {
  year: number;
  unitCode: string;
  unitName: string;
  target: number;
  methods: readonly Method[];
  locale: Locale;
  text: typeof targetsVi;
  preview: (input: { year: number; unitCode: string; method: string; floorCurrent: boolean }) => Promise<FormState & { preview?: AllocationPreview }>;
  save: (input: unknown) => Promise<FormState>;
}) {
  const [method, setMethod] = useState<Method>(methods[0]);
  const [floorCurrent, setFloor] = useState(false);
  const [preview, setPreview] = useState<AllocationPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const n = (v: number | null) => (v === null ? "—" : formatNumber(v, locale));
  const signed = (v: number) => (v > 0 ? `+${formatNumber(v, locale)}` : formatNumber(v, locale));

  const runPreview = () =>
    start(async () => {
      setMessage(null);
      const r = await previewAction({ year, unitCode, method, floorCurrent });
      if (r.ok) {
        setPreview(r.preview ?? null);
        setError(null);
      } else {
        setPreview(null);
        setError(firstError(r) ?? null);
      }
    });

  const runSave = () =>
    start(async () => {
      if (!preview) return;
      const r = await saveAction({
        year,
        unitCode,
        method: preview.method,
        floorCurrent: preview.floorCurrent,
        parentVersion: preview.parentVersion,
        children: preview.rows.map((x) => ({ key: x.key, version: x.version, participants: x.next })),
      });
      if (r.ok) {
        setPreview(null);
        setError(null);
        setMessage(r.message ?? null);
      } else {
        setError(firstError(r) ?? null);
      }
    });

  const showLf = preview?.rows.some((r) => r.labourForce !== null);
  // for a year whose previous year has not ended, "last year" is today: one column is enough
  const showLast = preview !== null && preview.lastYearDate !== preview.asOf;
  return (
    <section className="space-y-3 rounded-lg border border-sky-200 bg-sky-50/40 p-4" data-testid="allocation" aria-labelledby="alloc-title">
      <h2 id="alloc-title" className="text-lg font-semibold">
        {text.allocTitle}
      </h2>
      <p className="text-sm text-slate-600">{fill(text.allocIntro, { unit: unitName, target: formatNumber(target, locale) })}</p>
      {methods.length < 4 && <p className="text-xs text-slate-500">{text.methodsAgentsOnly}</p>}
      <div className="flex flex-wrap items-end gap-4">
        <label className="flex min-w-0 max-w-full flex-col text-xs font-medium text-slate-600">
          {text.method}
          {/* a long method name must not widen the page on a phone */}
          <select
            value={method}
            onChange={(e) => {
              setMethod(e.target.value as Method);
              setPreview(null);
            }}
            className="w-full max-w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm"
            data-testid="alloc-method"
          >
            {methods.map((m) => (
              <option key={m} value={m}>
                {text.methods[m]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={floorCurrent}
            onChange={(e) => {
              setFloor(e.target.checked);
              setPreview(null);
            }}
            data-testid="alloc-floor"
          />
          {text.floorCurrent}
        </label>
        <button
          type="button"
          onClick={runPreview}
          disabled={pending}
          className="rounded border border-sky-700 bg-white px-3 py-1.5 text-sm text-sky-800 hover:bg-sky-50 disabled:opacity-50"
          data-testid="alloc-preview"
        >
          {pending && !preview ? text.previewing : text.preview}
        </button>
      </div>
      <p aria-live="polite" className="text-sm text-red-700" data-testid="alloc-error">
        {error}
      </p>
      <p aria-live="polite" className="text-sm text-emerald-700" data-testid="alloc-message">
        {message}
      </p>
      {preview && (
        <div className="space-y-2" data-testid="alloc-preview-panel">
          <h3 className="font-medium">{fill(text.previewTitle, { method: text.methods[preview.method as Method] })}</h3>
          <div className="max-h-[28rem] overflow-auto rounded border border-slate-200 bg-white">
            <table className="w-full border-collapse text-sm" data-testid="alloc-preview-table">
              <thead className="sticky top-0 bg-slate-50">
                <tr className="text-slate-700">
                  <th scope="col" className="px-3 py-2 text-left">
                    {text.col.code}
                  </th>
                  <th scope="col" className="px-3 py-2 text-left">
                    {text.col.name}
                  </th>
                  {showLf && (
                    <th scope="col" className="px-3 py-2 text-right">
                      {text.col.labourForce}
                    </th>
                  )}
                  <th scope="col" className="px-3 py-2 text-right">
                    {fill(text.col.participantsAt, { date: formatDate(preview.asOf) })}
                  </th>
                  {showLast && (
                    <th scope="col" className="px-3 py-2 text-right" title={text.col.lastYear}>
                      {fill(text.col.participantsAt, { date: formatDate(preview.lastYearDate) })}
                    </th>
                  )}
                  {preview.floorCurrent && (
                    <th scope="col" className="px-3 py-2 text-right">
                      {text.col.floor}
                    </th>
                  )}
                  <th scope="col" className="px-3 py-2 text-right">
                    {text.col.old}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {text.col.new}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {text.col.change}
                  </th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.key} className="border-t border-slate-100" data-testid={`alloc-row-${r.code}`}>
                    <td className="px-3 py-1.5">{r.code}</td>
                    <td className="px-3 py-1.5">{r.name}</td>
                    {showLf && <td className="px-3 py-1.5 text-right tabular-nums">{n(r.labourForce)}</td>}
                    <td className="px-3 py-1.5 text-right tabular-nums">{n(r.participants)}</td>
                    {showLast && <td className="px-3 py-1.5 text-right tabular-nums">{n(r.lastYearParticipants)}</td>}
                    {preview.floorCurrent && <td className="px-3 py-1.5 text-right tabular-nums">{n(r.floor)}</td>}
                    <td className="px-3 py-1.5 text-right tabular-nums text-slate-500" data-testid="alloc-old">
                      {n(r.old)}
                    </td>
                    <td className="px-3 py-1.5 text-right font-semibold tabular-nums" data-testid="alloc-new">
                      {n(r.next)}
                    </td>
                    <td
                      className={`px-3 py-1.5 text-right tabular-nums ${r.old === null ? "text-slate-500" : r.change < 0 ? "text-red-700" : r.change > 0 ? "text-emerald-700" : "text-slate-500"}`}
                    >
                      {r.old === null ? "" : signed(r.change)}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="border-t border-slate-300 bg-slate-50 font-semibold">
                  <td className="px-3 py-2" colSpan={2}>
                    {text.col.target}
                  </td>
                  {showLf && <td />}
                  <td />
                  {showLast && <td />}
                  {preview.floorCurrent && <td />}
                  <td className="px-3 py-2 text-right tabular-nums">{n(preview.rows.reduce((s, r) => s + (r.old ?? 0), 0))}</td>
                  <td className="px-3 py-2 text-right tabular-nums" data-testid="alloc-new-total">
                    {n(preview.newTotal)}
                  </td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="text-sm text-slate-600">{fill(text.previewNote, { total: formatNumber(preview.newTotal, locale) })}</p>
          <div className="flex gap-2">
            <button
              type="button"
              onClick={runSave}
              disabled={pending}
              className="rounded bg-sky-700 px-3 py-1.5 text-sm text-white hover:bg-sky-800 disabled:opacity-50"
              data-testid="alloc-save"
            >
              {pending ? text.saving : text.saveAllocation}
            </button>
            <button
              type="button"
              onClick={() => setPreview(null)}
              disabled={pending}
              className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
              data-testid="alloc-cancel"
            >
              {text.cancel}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
