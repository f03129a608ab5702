"use client";
// "Chờ đồng bộ" (issue 12): the entries kept on this device, what happened at the last sync, and for each
// entry the server refused: its message, and a way to fix it (send again, same key) or discard it.
import Link from "next/link";
import { useState } from "react";
import { fill, type Locale, type Messages } from "@/lib/i18n/messages";
import { formatVnd } from "@/lib/i18n/format";
import { discardEntry, fixEntry, syncNow } from "@/lib/client/offline/runtime";
import type { QueueEntry } from "@/lib/client/offline/queue";
import { useOfflineState } from "./use-offline";

const time = (iso: string, locale: Locale) =>
  new Date(iso).toLocaleString(locale === "vi" ? "vi-VN" : "en-GB", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });

export function PendingList({ t, locale }: { t: Messages["offline"]; locale: Locale }) {
  const s = useOfflineState();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="sync-status">
        <span className="inline-flex items-center gap-2 font-medium">
          <span aria-hidden className={`inline-block h-2.5 w-2.5 rounded-full ${s.online ? "bg-emerald-500" : "bg-slate-400"}`} />
          <span data-testid="online-state">{s.online ? t.online : t.offline}</span>
        </span>
        <span className="text-slate-600" data-testid="last-sync">
          {s.last ? fill(t.lastSync, { at: time(s.last.at, locale) }) : t.neverSynced}
        </span>
        <button
          type="button"
          onClick={() => void syncNow({ force: true })}
          disabled={!s.online || s.syncing}
          className="ml-auto min-h-11 rounded bg-sky-700 px-4 font-medium text-white disabled:opacity-50"
          data-testid="sync-now"
        >
          {s.syncing ? t.syncing : t.syncNow}
        </button>
      </div>
      {s.sessionExpired && (
        <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900" role="alert" data-testid="session-expired">
          {t.sessionExpired}
        </p>
      )}
      {s.others > 0 && <p className="text-sm text-slate-600">{fill(t.otherUser, { n: s.others })}</p>}
      {s.last && (s.last.accepted.length > 0 || s.last.attention > 0) && (
        <div className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="last-result">
          <p className="font-medium">{fill(t.lastResult, { accepted: s.last.accepted.length, attention: s.last.attention })}</p>
          <ul className="mt-1 space-y-0.5">
            {s.last.accepted.map((a) => (
              <li key={a.key} className="text-emerald-800" data-testid="accepted-entry">
                ✓ {a.kind === "registration" ? t.kindRegistration : t.kindPayment} · {a.label}
                {a.result.receiptNo && a.result.contributionId ? (
                  <>
                    {" · "}
                    <Link href={`/receipts/${a.result.contributionId}`} className="underline" data-testid="accepted-receipt">
                      {t.receipt} {a.result.receiptNo}
                    </Link>
                  </>
                ) : a.result.receiptNo ? (
                  ` · ${t.receipt} ${a.result.receiptNo}`
                ) : (
                  ""
                )}
                {a.result.net != null ? ` · ${formatVnd(a.result.net, locale)}` : ""}
              </li>
            ))}
          </ul>
        </div>
      )}
      {s.entries.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="nothing-pending">
          {t.nothingPending}
        </p>
      ) : (
        <ul className="space-y-3" data-testid="pending-list">
          {s.entries.map((e) => (
            <Entry key={e.key} e={e} t={t} locale={locale} />
          ))}
        </ul>
      )}
    </div>
  );
}

function Entry({ e, t, locale }: { e: QueueEntry; t: Messages["offline"]; locale: Locale }) {
  const [busy, setBusy] = useState(false);
  const c = e.conflict;
  const confirmable = c?.kind === "possible_duplicate";
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  };
  return (
    <li
      className={`rounded-lg border bg-white p-3 text-sm ${e.state === "attention" ? "border-red-300" : "border-slate-200"}`}
      data-testid="pending-entry"
      data-state={e.state}
      data-key={e.key}
    >
      <div className="flex flex-wrap items-baseline gap-x-2">
        <span className="font-medium">{e.label}</span>
        <span className="text-slate-600">{e.kind === "registration" ? t.kindRegistration : t.kindPayment}</span>
        {e.amount != null && <span className="ml-auto font-semibold tabular-nums">{formatVnd(e.amount, locale)}</span>}
      </div>
      <p className="text-xs text-slate-500">
        {time(e.queuedAt, locale)}
        {e.autoReceipt ? ` · ${t.receiptAuto}` : typeof e.data.receiptNo === "string" && e.data.receiptNo ? ` · ${t.receipt} ${e.data.receiptNo}` : ""}
      </p>
      {e.state === "waiting" ? (
        <p className="mt-1 text-amber-800">
          {t.waiting}
          {e.attempts > 0 ? ` · ${fill(t.attempts, { n: e.attempts, at: time(new Date(e.notBefore).toISOString(), locale) })}` : ""}
        </p>
      ) : (
        c && (
          <div className="mt-2 space-y-2">
            <p className="font-medium text-red-800" data-testid="conflict-kind">
              {t.needsAttention}: {t.conflict[c.kind]}
            </p>
            <p className="text-red-800" data-testid="conflict-message">
              {c.message}
            </p>
            {c.fields.length > 1 && (
              <ul className="list-disc pl-5 text-red-800">
                {c.fields.map((f, i) => (
                  <li key={i}>{f.message}</li>
                ))}
              </ul>
            )}
            <div className="flex flex-wrap gap-2">
              {c.fixable && (
                <button
                  type="button"
                  disabled={busy}
                  className="min-h-11 rounded border border-sky-700 px-3 text-sky-800"
                  data-testid="resend"
                  onClick={() => act(() => fixEntry(e.key, confirmable ? { ...e.data, confirmDuplicate: true } : e.data).then(() => syncNow({ force: true })))}
                >
                  {confirmable ? t.confirmDuplicate : t.resend}
                </button>
              )}
              <button
                type="button"
                disabled={busy}
                className="min-h-11 rounded border border-red-300 px-3 text-red-800"
                data-testid="discard"
                onClick={() => window.confirm(t.discardConfirm) && act(() => discardEntry(e.key))}
              >
                {t.discard}
              </button>
            </div>
          </div>
        )
      )}
    </li>
  );
}
