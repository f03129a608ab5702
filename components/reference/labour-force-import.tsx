"use client";
// Labour-force import: choose a file → check it (errors per line, what would change) → write the
// valid lines. The browser keeps the File between the two steps and sends it again, so the server
// re-reads and re-checks everything before writing.
import { useState } from "react";
import type { referenceVi } from "@/lib/i18n/areas/reference";
import type { LabourForceImportResult } from "@/lib/server/reference/reference-data";
import { Table, Td, Th } from "@/components/ui/table";
import { fill, type Locale } from "@/lib/i18n/locale";
import { buttonClass, inputClass } from "@/components/ui/fields";

type Text = typeof referenceVi.import;

export function LabourForceImport({ text, locale }: { text: Text; locale: Locale }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<"check" | "commit" | null>(null);
  const [result, setResult] = useState<LabourForceImportResult | null>(null);
  const [error, setError] = useState("");
  const n = (v: number) => v.toLocaleString(locale === "vi" ? "vi-VN" : "en-US");

  async function send(commit: boolean) {
    if (!file) return setError(text.noFile);
    setBusy(commit ? "commit" : "check");
    setError("");
    const body = new FormData();
    body.set("file", file);
    body.set("commit", commit ? "1" : "0");
    try {
      const res = await fetch("/reference/import/upload", { method: "POST", body });
      const json = await res.json();
      if (!res.ok) setError(json?.error?.message ?? `HTTP ${res.status}`);
      else if (json.fileError) {
        setResult(null);
        setError(json.fileError);
      } else setResult(json as LabourForceImportResult);
    } catch (e) {
      setError(fill(text.unreadable, { reason: String(e) }));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">{text.help}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void send(false);
        }}
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <label className="flex flex-col gap-1 text-sm font-medium">
          {text.file}
          <input
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className={inputClass}
            data-testid="lf-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setResult(null);
              setError("");
            }}
          />
        </label>
        <button className={buttonClass} disabled={!file || busy !== null} data-testid="lf-check">
          {busy === "check" ? text.checking : text.check}
        </button>
      </form>
      <div aria-live="polite">
        {error && (
          <p className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="lf-import-error">
            {error}
          </p>
        )}
        {result && (
          <div className="space-y-3">
            <p
              className={`rounded border px-3 py-2 text-sm ${result.written ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-slate-200 bg-white"}`}
              data-testid="lf-summary"
            >
              {result.written
                ? fill(text.done, { n: n(result.inserted + result.updated), inserted: n(result.inserted), updated: n(result.updated) })
                : fill(text.summary, {
                    valid: n(result.valid),
                    inserted: n(result.inserted),
                    updated: n(result.updated),
                    unchanged: n(result.unchanged),
                    invalid: n(result.errors.length),
                  })}
            </p>
            {!result.written && result.inserted + result.updated > 0 && (
              <button type="button" className={buttonClass} disabled={busy !== null} onClick={() => void send(true)} data-testid="lf-commit">
                {busy === "commit" ? text.committing : fill(text.commit, { n: n(result.inserted + result.updated) })}
              </button>
            )}
            {result.errors.length > 0 && (
              <Table testId="lf-errors">
                <thead>
                  <tr>
                    <Th numeric>{text.line}</Th>
                    <Th>{text.error}</Th>
                  </tr>
                </thead>
                <tbody>
                  {result.errors.slice(0, 500).map((e) => (
                    <tr key={`${e.line}-${e.message}`}>
                      <Td numeric>{e.line}</Td>
                      <Td className="text-red-800">{e.message}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
            {result.errors.length > 500 && <p className="text-xs text-slate-500">{fill(text.more, { n: n(result.errors.length - 500) })}</p>}
            {!result.written && result.preview.length > 0 && (
              <details open={result.errors.length === 0}>
                <summary className="cursor-pointer text-sm font-medium">{text.preview}</summary>
                <Table>
                  <thead>
                    <tr>
                      <Th numeric>{text.line}</Th>
                      <Th>{text.colCode}</Th>
                      <Th>{text.colUnit}</Th>
                      <Th numeric>{text.colYear}</Th>
                      <Th numeric>{text.old}</Th>
                      <Th numeric>{text.new}</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.preview.map((r) => (
                      <tr key={r.line}>
                        <Td numeric>{r.line}</Td>
                        <Td>{r.unitCode}</Td>
                        <Td>{r.unitName}</Td>
                        <Td numeric>{r.year}</Td>
                        <Td numeric>{r.old === null ? "—" : n(r.old)}</Td>
                        <Td numeric className={r.old !== r.persons ? "font-medium" : ""}>
                          {n(r.persons)}
                        </Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
                {result.valid > result.preview.length && (
                  <p className="text-xs text-slate-500">{fill(text.more, { n: n(result.valid - result.preview.length) })}</p>
                )}
              </details>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
