import type { RenewalFilter } from "@/lib/validation/renewals";

type Texts = {
  commune: string;
  allCommunes: string;
  agent: string;
  allAgents: string;
  status: string;
  statusAll: string;
  statusDue: string;
  statusOverdue: string;
  apply: string;
  inactive: string;
};

/** A plain GET form: the filters live in the URL, so a list can be bookmarked or shared. */
export function RenewalFilters({
  t,
  filter,
  communes,
  agents,
}: {
  t: Texts;
  filter: RenewalFilter;
  communes: { code: string; fullName: string }[];
  agents: { id: number; code: string; name: string; status: string }[];
}) {
  const field = "w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm sm:w-auto";
  return (
    <form
      className="no-print grid grid-cols-2 items-end gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:flex sm:flex-wrap sm:gap-3"
      data-testid="renewal-filters"
    >
      <label className="flex min-w-0 flex-col text-xs font-medium text-slate-600">
        {t.commune}
        <select name="commune" defaultValue={filter.commune ?? ""} className={field} data-testid="filter-commune">
          <option value="">{t.allCommunes}</option>
          {communes.map((c) => (
            <option key={c.code} value={c.code}>
              {c.fullName} ({c.code})
            </option>
          ))}
        </select>
      </label>
      <label className="flex min-w-0 flex-col text-xs font-medium text-slate-600">
        {t.agent}
        <select name="agent" defaultValue={filter.agent ? String(filter.agent) : ""} className={`${field} sm:max-w-xs`} data-testid="filter-agent">
          <option value="">{t.allAgents}</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.code}){a.status !== "ACTIVE" ? ` — ${t.inactive}` : ""}
            </option>
          ))}
        </select>
      </label>
      <label className="flex min-w-0 flex-col text-xs font-medium text-slate-600">
        {t.status}
        <select name="status" defaultValue={filter.status} className={field} data-testid="filter-status">
          <option value="ALL">{t.statusAll}</option>
          <option value="DUE">{t.statusDue}</option>
          <option value="OVERDUE">{t.statusOverdue}</option>
        </select>
      </label>
      <button className="rounded bg-sky-700 px-3 py-1.5 text-sm text-white hover:bg-sky-800">{t.apply}</button>
    </form>
  );
}
