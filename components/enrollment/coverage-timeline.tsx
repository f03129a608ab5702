// A simple visual of the months paid, one row per year: enough to see gaps and where coverage ends.
import type { IsoDate } from "@/lib/domain/dates";

type Period = { periodStart: IsoDate; periodEnd: IsoDate };

const monthIndex = (d: IsoDate) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;

export function CoverageTimeline({ periods, today, hint, monthLabel }: { periods: Period[]; today: IsoDate; hint: string; monthLabel: (m: number) => string }) {
  if (periods.length === 0) return null;
  const covered = new Set<number>();
  for (const p of periods) for (let m = monthIndex(p.periodStart); m <= monthIndex(p.periodEnd); m++) covered.add(m);
  const first = Math.min(...periods.map((p) => Number(p.periodStart.slice(0, 4))));
  const last = Math.max(Number(today.slice(0, 4)), ...periods.map((p) => Number(p.periodEnd.slice(0, 4))));
  const now = monthIndex(today);
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return (
    <div className="space-y-1" data-testid="coverage-timeline">
      <div className="grid grid-cols-[3rem_repeat(12,minmax(0,1.5rem))] gap-0.5 text-center text-[10px] text-slate-500">
        <span />
        {Array.from({ length: 12 }, (_, m) => (
          <span key={m}>{monthLabel(m + 1)}</span>
        ))}
      </div>
      {years.map((y) => (
        <div key={y} className="grid grid-cols-[3rem_repeat(12,minmax(0,1.5rem))] gap-0.5 text-xs" data-testid={`timeline-${y}`}>
          <span className="tabular-nums text-slate-600">{y}</span>
          {Array.from({ length: 12 }, (_, m) => {
            const idx = y * 12 + m;
            const on = covered.has(idx);
            return (
              <span
                key={m}
                title={`${String(m + 1).padStart(2, "0")}/${y}`}
                data-covered={on ? "1" : "0"}
                className={`h-4 rounded-sm ${on ? (idx > now ? "bg-sky-300" : "bg-emerald-500") : "bg-slate-100"} ${idx === now ? "ring-2 ring-slate-700" : ""}`}
              />
            );
          })}
        </div>
      ))}
      <p className="text-xs text-slate-500">{hint}</p>
    </div>
  );
}
