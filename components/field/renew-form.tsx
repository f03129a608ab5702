"use client";
// The one-confirmation renewal's form (issue 11), which also works without a signal (issue 12). Online it
// posts the server action (a plain form action: it works before the page has hydrated too). Offline — or
// when the request fails for lack of network — the prefilled payment is queued on the phone, like the
// payment form's, as a payment entry whose electronic receipt the server numbers when it records it. A
// request that did reach the server before the network dropped is not recorded twice: the queued entry
// carries the coverage end seen, and the sync refuses a period that would overlap (lib/server/sync/sync.ts).
import { useState, useTransition, type FormEvent } from "react";
import type { Messages } from "@/lib/i18n/messages";
import { todayInVietnam } from "@/lib/domain/dates";
import { isNetworkFailure, isOffline } from "@/lib/client/offline/runtime";
import { renewalEntry, type RenewalTerms } from "@/lib/client/offline/renewal";
import { OfflineNote, useOfflineSubmit } from "@/components/offline/use-offline-submit";

type Props = {
  terms: RenewalTerms;
  version: number;
  methods: { value: string; label: string }[];
  labels: { method: string; confirm: string };
  offlineT: Messages["offline"];
  /** renewAction of app/(app)/field/actions.ts, bound to the person: records it and goes on to the receipt */
  action: (fd: FormData) => Promise<void>;
};

export function RenewForm({ terms, version, methods, labels, offlineT, action }: Props) {
  const offline = useOfflineSubmit(offlineT);
  const [queued, setQueued] = useState(false);
  const [pending, startTransition] = useTransition();

  function queue(method: string) {
    offline.queue(renewalEntry(terms, method, todayInVietnam()), () => setQueued(true));
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault(); // React then leaves the form action alone: it is called here
    if (queued) return;
    const fd = new FormData(e.currentTarget);
    const method = String(fd.get("method") ?? "CASH");
    if (isOffline()) return queue(method);
    startTransition(async () => {
      try {
        await action(fd);
      } catch (err) {
        if (!isNetworkFailure(err)) throw err;
        queue(method);
      }
    });
  }

  return (
    <form action={action} onSubmit={onSubmit} className="sticky bottom-0 space-y-2 border-t border-slate-200 bg-slate-50 py-3" data-testid="renew-form">
      <OfflineNote note={offline.note} t={offlineT} />
      <input type="hidden" name="version" value={version} />
      <label className="block text-sm">
        {labels.method}
        <select name="method" defaultValue="CASH" disabled={queued} className="mt-1 min-h-11 w-full rounded border border-slate-300 px-2">
          {methods.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        disabled={pending || queued}
        className="min-h-12 w-full rounded bg-sky-700 text-lg font-semibold text-white disabled:opacity-60"
        data-testid="renew-confirm"
      >
        {labels.confirm}
      </button>
    </form>
  );
}
