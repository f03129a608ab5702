// Percentiles (nearest rank) and small formatting helpers for benchmark tables.
import os from "node:os";
import type { Client } from "pg";

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export type Summary = { n: number; median: number; p95: number; p99: number; min: number; max: number; mean: number };

export function summarize(values: number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  return {
    n: s.length,
    median: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    min: s[0] ?? NaN,
    max: s[s.length - 1] ?? NaN,
    mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length),
  };
}

export const ms = (x: number) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) : "–");
export const int = (x: number) => Math.round(x).toLocaleString("en-US");

/** The machine and the data, for the heading of a results section. */
export async function describeMachine(pg: Client): Promise<string[]> {
  const version = (await pg.query<{ v: string }>("SELECT version() AS v")).rows[0].v.split(" on ")[0];
  // current_setting() gives the value with its unit ("2GB"; pg_settings.setting is in the unit's blocks: 262144 × 8kB)
  const settings = (
    await pg.query<{ name: string; value: string }>(
      `SELECT name, current_setting(name) AS value FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'effective_cache_size') ORDER BY name`,
    )
  ).rows
    .map((r) => `${r.name}=${r.value}`)
    .join(", ");
  const size = (await pg.query<{ s: string }>("SELECT pg_size_pretty(pg_database_size(current_database())) AS s")).rows[0].s;
  const rows: string[] = [];
  for (const t of [
    "Enrollee",
    "Contribution",
    "CollectionAgent",
    "Target",
    "DashboardStatusDelta",
    "DashboardNewDelta",
    "DashboardAgentDelta",
    "DashboardRenewalDelta",
  ]) {
    const r = await pg
      .query<{ n: string }>(`SELECT to_regclass('"${t}"') IS NOT NULL AS ok`)
      .then(async (x) =>
        (x.rows[0] as unknown as { ok: boolean }).ok ? (await pg.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${t}"`)).rows[0].n : null,
      );
    if (r !== null) rows.push(`${t} ${int(Number(r))}`);
  }
  const cpu = os.cpus()[0]?.model ?? "?";
  return [
    `- Machine: ${os.cpus().length} vCPU (nproc) — ${cpu}; ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM; Node ${process.version}; load average at start ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(" / ")} (shared with other work)`,
    `- Database: ${version} on loopback (${settings}); database ${(await pg.query<{ d: string }>("SELECT current_database() AS d")).rows[0].d}, ${size}`,
    `- Data: ${rows.join(", ")}`,
  ];
}

/** Replaces the text between `<!-- name:begin -->` and `<!-- name:end -->` (or appends the block). */
export function replaceBlock(doc: string, name: string, body: string): string {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${begin}\n${body.trim()}\n${end}`;
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  if (i >= 0 && j > i) return doc.slice(0, i) + block + doc.slice(j + end.length);
  return `${doc.trimEnd()}\n\n${block}\n`;
}
