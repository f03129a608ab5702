"use client";
// The editor's table with ONE save (issue 15 item 9): the rows' inputs register what the user typed here;
// the bar under the table lists what changed ("3 chỉ tiêu thay đổi: Ba Đình 400 → 450, …") before saving,
// and saves every changed row in one transaction (lib/server/targets/batch.ts) — all or nothing. Each row
// carries the version it was loaded with (ADR 0301); a refused row shows its reason on the row, and a
// saved row says so in words.
import { createContext, useContext, useState, useTransition, type ReactNode } from "react";
import { fill, type Locale } from "@/lib/i18n/locale";
import { formatNumber } from "@/lib/i18n/format";
import { strictWhole } from "@/lib/validation/target";
import type { FormState } from "@/lib/validation/form";

export type BatchRow = {
  key: string;
  testKey: string;
  name: string;
  unitCode: string | null;
  agentId: number | null;
  target: number | null;
  version: number | null;
};
type Saved = { key: string; status: "created" | "updated" | "unchanged"; before: number | null; participants: number };
export type BatchState = FormState & { rowErrors?: Record<string, string>; saved?: Saved[] };
type Text = {
  summary: string;
  none: string;
  save: string;
  discard: string;
  saved: string;
  refused: string;
  change: string;
  pending: string;
  rowSaved: string;
  rowCreated: string;
  saving: string;
  notSet: string;
};

type Ctx = {
  value: (key: string) => string;
  set: (key: string, v: string) => void;
  error: (key: string) => string | undefined;
  note: (key: string) => { tone: "pending" | "saved"; text: string } | undefined;
  pending: boolean;
};
const BatchContext = createContext<Ctx | null>(null);

export function TargetBatch({
  year,
  rows,
  save,
  text,
  locale,
  children,
}: {
  year: number;
  rows: BatchRow[];
  save: (input: unknown) => Promise<BatchState>;
  text: Text;
  locale: Locale;
  children: ReactNode;
}) {
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<Record<string, Saved>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const shown = (n: number | null) => (n === null ? text.notSet : formatNumber(n, locale));
  const typedAs = (s: string) => {
    const n = strictWhole(s);
    return Number.isFinite(n) ? formatNumber(n, locale) : s.trim() || "∅";
  };
  const original = (r: BatchRow) => (r.target === null ? "" : String(r.target));
  const isChanged = (r: BatchRow) => {
    const v = typed[r.key];
    if (v === undefined || v.trim() === original(r)) return false;
    // the same number written another way ("1.250" for 1250) is no change
    return !(r.target !== null && strictWhole(v) === r.target);
  };
  const changed = rows.filter(isChanged);
  const changeText = (r: BatchRow) => fill(text.change, { name: r.name, from: shown(r.target), to: typedAs(typed[r.key]) });

  const ctx: Ctx = {
    value: (key) => typed[key] ?? original(byKey.get(key)!),
    set: (key, v) => {
      setTyped((t) => ({ ...t, [key]: v }));
      setSaved((s) => {
        const { [key]: _drop, ...rest } = s;
        return rest;
      });
      setRowErrors((e) => {
        const { [key]: _drop, ...rest } = e;
        return rest;
      });
    },
    error: (key) => rowErrors[key],
    note: (key) => {
      const r = byKey.get(key);
      if (r && isChanged(r)) return { tone: "pending", text: fill(text.pending, { from: shown(r.target), to: typedAs(typed[key]) }) };
      const s = saved[key];
      if (!s) return undefined;
      return {
        tone: "saved",
        text:
          s.before === null ? fill(text.rowCreated, { to: shown(s.participants) }) : fill(text.rowSaved, { from: shown(s.before), to: shown(s.participants) }),
      };
    },
    pending,
  };

  const submit = () => {
    if (changed.length === 0 || pending) return;
    const list = changed.map(changeText).join(", ");
    const input = {
      year,
      rows: changed.map((r) => ({
        key: r.key,
        ...(r.unitCode ? { unitCode: r.unitCode } : { agentId: r.agentId }),
        participants: typed[r.key],
        version: r.version,
        seen: r.target,
      })),
    };
    start(async () => {
      const state = await save(input);
      if (state.ok) {
        const done = Object.fromEntries((state.saved ?? []).map((s) => [s.key, s]));
        setSaved(done);
        setRowErrors({});
        setTyped({});
        setMessage({ ok: true, text: fill(text.saved, { n: changed.length, list }) });
      } else {
        setRowErrors(state.rowErrors ?? {});
        setMessage({ ok: false, text: state.formError ?? "" });
      }
    });
  };

  return (
    <BatchContext.Provider value={ctx}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        data-testid="targets-batch"
        className="space-y-2"
      >
        {children}
        <div className="sticky bottom-0 z-10 space-y-2 rounded-lg border border-slate-300 bg-white p-3 shadow-sm">
          <p className="max-h-32 overflow-y-auto break-words text-sm" data-testid="targets-batch-summary" aria-live="polite">
            {changed.length === 0 ? (
              <span className="text-slate-600">{text.none}</span>
            ) : (
              <span className="font-medium text-amber-900">{fill(text.summary, { n: changed.length, list: changed.map(changeText).join(", ") })}</span>
            )}
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <button
              type="submit"
              disabled={changed.length === 0 || pending}
              className="min-h-11 rounded bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-50"
              data-testid="targets-batch-save"
            >
              {pending ? text.saving : fill(text.save, { n: changed.length })}
            </button>
            {changed.length > 0 && !pending && (
              <button
                type="button"
                onClick={() => {
                  setTyped({});
                  setRowErrors({});
                  setMessage(null);
                }}
                className="min-h-11 rounded border border-slate-300 px-4 py-2 text-sm text-slate-700 hover:bg-slate-50"
                data-testid="targets-batch-discard"
              >
                {text.discard}
              </button>
            )}
          </div>
          {message && (
            <p role="status" className={`break-words text-sm ${message.ok ? "text-emerald-800" : "text-red-700"}`} data-testid="targets-batch-msg">
              {message.text}
            </p>
          )}
        </div>
      </form>
    </BatchContext.Provider>
  );
}

/** A row's target in the batch table: the input, and under it the row's refusal, its pending change or "saved" in words. */
export function TargetBatchInput({ rowKey, testKey, label }: { rowKey: string; testKey: string; label: string }) {
  const ctx = useContext(BatchContext)!;
  const err = ctx.error(rowKey);
  const note = ctx.note(rowKey);
  const id = `target-${testKey}`;
  return (
    <div className="flex flex-col items-end gap-1">
      <input
        id={id}
        inputMode="numeric"
        autoComplete="off"
        value={ctx.value(rowKey)}
        onChange={(e) => ctx.set(rowKey, e.target.value)}
        disabled={ctx.pending}
        aria-label={label}
        aria-invalid={err ? true : undefined}
        aria-describedby={`${id}-msg`}
        className={`min-h-11 w-28 rounded border px-2 py-1 text-right tabular-nums ${err ? "border-red-500" : note?.tone === "pending" ? "border-amber-500 bg-amber-50" : "border-slate-300"}`}
        data-testid={`target-input-${testKey}`}
      />
      <p
        id={`${id}-msg`}
        aria-live="polite"
        className={`max-w-xs text-right text-xs ${err ? "text-red-700" : note?.tone === "pending" ? "text-amber-800" : "text-emerald-700"}`}
        data-testid={`target-msg-${testKey}`}
      >
        {err ?? note?.text ?? ""}
      </p>
    </div>
  );
}
