"use client";
import { fill } from "@/lib/i18n/messages";
import { clearOfflineData, offlineStore } from "@/lib/client/offline/runtime";

/** Signing out also clears what the device kept for offline work (issue 12), after asking when entries were not synced yet. */
export function SignOutButton({ label, confirmPending }: { label: string; confirmPending?: string }) {
  async function onClick() {
    const s = offlineStore.get();
    const unsent = s.waiting + s.attention;
    if (unsent > 0 && confirmPending && !window.confirm(fill(confirmPending, { n: unsent }))) return;
    await clearOfflineData().catch(() => undefined);
    // next-auth's client (~14 kB compressed) only when someone signs out, not with every page
    const { signOut } = await import("next-auth/react");
    await signOut({ callbackUrl: "/login" });
  }
  return (
    <button
      type="button"
      onClick={() => void onClick()}
      className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100"
      data-testid="sign-out"
    >
      {label}
    </button>
  );
}
