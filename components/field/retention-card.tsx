// The renewal rate on the dashboard and the agent page (issue 11): the figure, its period, whether it is
// still provisional, and why people stopped (from the contact log).
import type { Locale, Messages } from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/messages";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { formatPct } from "@/lib/domain/coverage";
import type { RenewalRates } from "@/lib/server/dashboard/retention";

export function RetentionCard({ t, locale, r }: { t: Messages; locale: Locale; r: RenewalRates }) {
  const f = t.field.retention;
  const reasons = Object.entries(r.lapseReasons).sort((a, b) => b[1] - a[1]);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="retention-card">
      <h2 className="text-sm font-semibold">
        {f.card}
        {r.provisional ? ` (${f.provisional})` : ""}
      </h2>
      <p className="text-3xl font-bold" data-testid="retention-rate">
        {formatPct(r.total.ratePct, locale)}
      </p>
      <p className="text-xs text-slate-600">{fill(f.hint, { from: formatDate(r.from), to: formatDate(r.to) })}</p>
      <p className="mt-1 text-sm">
        {f.ended}: {formatNumber(r.total.ended, locale)} · {f.renewed}: {formatNumber(r.total.renewed, locale)}
      </p>
      {reasons.length > 0 && (
        <div className="mt-2 text-sm">
          <h3 className="text-xs font-semibold text-slate-600">{f.reasons}</h3>
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1" data-testid="lapse-reasons">
            {reasons.map(([k, v]) => (
              <li key={k}>
                {t.field.contact.reasons[k as keyof typeof t.field.contact.reasons] ?? k}: <strong>{formatNumber(v, locale)}</strong>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
