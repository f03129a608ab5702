// URLs of the dashboard's views, keeping the unit and date (shareable links: everything is in the URL).
export type DashboardView = "overview" | "agents" | "breakdowns";

const PATHS: Record<DashboardView, string> = { overview: "/dashboard", agents: "/dashboard/agents", breakdowns: "/dashboard/breakdowns" };

export function dashboardHref(view: DashboardView, params: { unit: string; date: string } & Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
  return `${PATHS[view]}?${q.toString()}`;
}

export function exportHref(table: string, format: "csv" | "xlsx", params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams({ table, format });
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
  return `/dashboard/export?${q.toString()}`;
}

export function reportHref(unit: string, month: string): string {
  return `/reports/monthly?${new URLSearchParams({ unit, month }).toString()}`;
}
