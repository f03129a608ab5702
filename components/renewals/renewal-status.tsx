import { fill } from "@/lib/i18n/messages";

/** "Sắp đến hạn · còn 12 ngày" (amber) or "Quá hạn · 20 ngày" (red). */
export function RenewalStatus({
  status,
  daysLeft,
  t,
}: {
  status: "DUE" | "OVERDUE";
  daysLeft: number;
  t: { due: string; overdue: string; DUE: string; OVERDUE: string };
}) {
  const cls = status === "OVERDUE" ? "bg-red-50 text-red-800 border-red-200" : "bg-amber-50 text-amber-900 border-amber-200";
  const detail = status === "OVERDUE" ? fill(t.overdue, { n: -daysLeft }) : fill(t.due, { n: daysLeft });
  return (
    <span className={`inline-block whitespace-nowrap rounded border px-1.5 py-0.5 text-xs ${cls}`} data-status={status}>
      {t[status]} · {detail}
    </span>
  );
}
