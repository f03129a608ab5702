import type { ForecastStatus } from "@/lib/domain/forecast";

const STYLE: Record<ForecastStatus, string> = {
  ON_TRACK: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  AT_RISK: "bg-amber-50 text-amber-800 ring-amber-200",
  OFF_TRACK: "bg-rose-50 text-rose-800 ring-rose-200",
};

/** On track / at risk / off track, in words and colour (the words carry the meaning for screen readers and print). */
export function StatusBadge({ status, label }: { status: ForecastStatus | null; label: string }) {
  if (!status) return <span className="text-slate-400">—</span>;
  return (
    <span className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLE[status]}`} data-status={status}>
      {label}
    </span>
  );
}
