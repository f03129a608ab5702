#!/usr/bin/env bash
# scripts/perf/rebuild-aggregates-parallel.sh <postgres-url> [workers=4]
# The dashboard aggregates (ADR 0501) recomputed from "Contribution" like dashboard_rebuild(), but in
# several sessions at once: each worker takes every W-th block of 5,000 people, runs the same
# dashboard_events() on it and stores the block's events already summed per unit, measure and day in an
# unlogged table; one final statement per aggregate table sums those. Same result as
# SELECT dashboard_rebuild(), which works in one session (one core) — at 3 million enrollees and
# 20 million contributions that is over an hour (ADR 0604, part 2). Not for a database in use: it
# truncates the aggregates first and is not one transaction; run it right after a bulk load.
set -euo pipefail
URL=${1:?postgres url}
W=${2:-4}
psql() { command psql "$URL" -v ON_ERROR_STOP=1 -qAt "$@"; }
t0=$(date +%s)
TABLES='"DashboardStatusDelta", "DashboardStatusMonth", "DashboardNewDelta", "DashboardNewMonth", "DashboardAgentDelta", "DashboardAgentMonth", "DashboardRenewalDelta", "DashboardRenewalMonth"'
psql -c "TRUNCATE $TABLES" \
     -c 'DROP TABLE IF EXISTS dashboard_rebuild_partial' \
     -c 'CREATE UNLOGGED TABLE dashboard_rebuild_partial (target TEXT, code TEXT, agent INTEGER, measure "DashboardMeasure", day DATE, first_start DATE, delta BIGINT)'
pids=()
for ((k = 0; k < W; k++)); do
  psql -c "DO \$\$
DECLARE lo INTEGER; mx INTEGER; step CONSTANT INTEGER := 5000; cur \"dashboard_contribution\"[];
BEGIN
  SELECT min(\"enrolleeId\"), max(\"enrolleeId\") INTO lo, mx FROM \"Contribution\";
  lo := lo + $k * step;
  WHILE lo <= mx LOOP
    SELECT array_agg(ROW(c.\"id\", c.\"enrolleeId\", c.\"periodStart\", c.\"periodEnd\", c.\"paidOn\", c.\"communeCode\", c.\"areaCode\", c.\"provinceCode\", c.\"agentId\")::\"dashboard_contribution\")
      INTO cur FROM \"Contribution\" c WHERE c.\"enrolleeId\" >= lo AND c.\"enrolleeId\" < lo + step;
    IF cur IS NOT NULL THEN
      INSERT INTO dashboard_rebuild_partial
        SELECT e.target, e.code, e.agent, e.measure, e.day, e.first_start, sum(e.delta) FROM \"dashboard_events\"(cur) e GROUP BY 1, 2, 3, 4, 5, 6;
    END IF;
    lo := lo + $W * step;
  END LOOP;
END \$\$" &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
t1=$(date +%s)
echo "events: $((t1 - t0)) s, $(psql -c 'SELECT count(*) FROM dashboard_rebuild_partial') partial rows"
# the same sums as dashboard_rebuild() (dashboard_rebuild_sums, migration 20261207100100)
psql -c "SET work_mem = '1GB'" \
  -c 'SELECT "dashboard_rebuild_sums"('"'dashboard_rebuild_partial'"')' \
  -c 'DROP TABLE dashboard_rebuild_partial' \
  -c "ANALYZE $TABLES"
t2=$(date +%s)
echo "sums: $((t2 - t1)) s; total $((t2 - t0)) s with $W workers"
