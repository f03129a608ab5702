import type { Messages } from "@/lib/i18n/messages";
import { REFORM_DATE } from "@/lib/domain/admin-reform";

/** For a date before the 1 July 2025 reform: the figures are computed under today's units. */
export function ReformNote({ t, date }: { t: Messages; date: string }) {
  if (date >= REFORM_DATE) return null;
  return (
    <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900" data-testid="reform-note">
      {t.map.beforeReform}
    </p>
  );
}
