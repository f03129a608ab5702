"use client";
// The forms' offline path (issue 12): when the browser has no connection, a form that passed the same
// zod schema and calculator as online queues its input instead of posting it, and says so.
import Link from "next/link";
import { useState } from "react";
import { fill, type Messages } from "@/lib/i18n/messages";
import { enqueueOffline, isOffline } from "@/lib/client/offline/runtime";
import type { NewEntry } from "@/lib/client/offline/queue";

export function useOfflineSubmit(t: Messages["offline"]) {
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  /** Queues the entry (offline, or a request that failed for lack of network) and says so. */
  function queue(entry: NewEntry, onQueued?: () => void): void {
    enqueueOffline(entry).then(
      () => {
        setNote({ ok: true, text: t.queued });
        onQueued?.();
      },
      (e: unknown) => setNote({ ok: false, text: fill(t.queuedFailed, { reason: e instanceof Error ? e.message : String(e) }) }),
    );
  }
  /** Queues the entry and answers true when offline; false (nothing done) when online. */
  function queueIfOffline(entry: NewEntry, onQueued?: () => void): boolean {
    if (!isOffline()) {
      setNote(null);
      return false;
    }
    queue(entry, onQueued);
    return true;
  }
  return { note, queue, queueIfOffline };
}

export function OfflineNote({ note, t }: { note: { ok: boolean; text: string } | null; t: Messages["offline"] }) {
  if (!note) return null;
  return (
    <p
      role="status"
      className={`rounded border p-2 text-sm ${note.ok ? "border-amber-300 bg-amber-50 text-amber-900" : "border-red-300 bg-red-50 text-red-800"}`}
      data-testid="offline-queued"
    >
      {note.text}{" "}
      {note.ok && (
        <Link href="/field/pending" className="font-medium underline">
          {t.navPending}
        </Link>
      )}
    </p>
  );
}
