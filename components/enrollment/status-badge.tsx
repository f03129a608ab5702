import type { CoverageStatus } from "@/lib/domain/coverage-status";

const COLORS: Record<CoverageStatus, string> = {
  ACTIVE: "bg-emerald-100 text-emerald-800",
  DUE: "bg-amber-100 text-amber-900",
  OVERDUE: "bg-orange-100 text-orange-900",
  LAPSED: "bg-red-100 text-red-800",
  NEVER_PAID: "bg-slate-100 text-slate-700",
};

export function StatusBadge({ status, label }: { status: CoverageStatus; label: string }) {
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${COLORS[status]}`} data-testid="status" data-status={status}>
      {label}
    </span>
  );
}
