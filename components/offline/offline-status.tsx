"use client";
// The header's status (issue 12): online/offline, and the link to "Chờ đồng bộ" with how many entries wait.
import Link from "next/link";
import type { Messages } from "@/lib/i18n/messages";
import { useOfflineState } from "./use-offline";

export function OfflineStatus({ t }: { t: Messages["offline"] }) {
  const s = useOfflineState();
  const count = s.waiting + s.attention;
  return (
    <Link
      href="/field/pending"
      title={s.online ? t.online : t.offline}
      className="inline-flex min-h-11 min-w-11 items-center justify-center gap-2 rounded px-1 text-sm text-slate-700 hover:bg-sky-50 md:min-h-0"
      data-testid="offline-status"
      data-online={s.online ? "1" : "0"}
      data-ready={s.userId !== null ? "1" : "0"}
    >
      <span aria-hidden className={`inline-block h-2.5 w-2.5 rounded-full ${s.online ? "bg-emerald-500" : "bg-slate-400"}`} />
      <span className="sr-only md:not-sr-only">{s.online ? t.online : t.offline}</span>
      <span className="sr-only">· {t.navPending}</span>
      {count > 0 && (
        <span className={`rounded-full px-2 text-xs font-semibold text-white ${s.attention > 0 ? "bg-red-600" : "bg-amber-600"}`} data-testid="pending-badge">
          {count}
        </span>
      )}
    </Link>
  );
}

/** Under the header while there is no connection: what happens to what the user enters. */
export function OfflineBanner({ t }: { t: Messages["offline"] }) {
  const s = useOfflineState();
  if (s.online) return null;
  return (
    <div className="no-print bg-slate-700 px-4 py-1.5 text-center text-sm text-white" role="status" data-testid="offline-banner">
      {t.banner}
    </div>
  );
}
