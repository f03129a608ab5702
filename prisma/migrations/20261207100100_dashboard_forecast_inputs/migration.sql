-- The forecast's inputs as aggregates (ADR 1405), part 2. The year-end forecast (ADR 1401) read two
-- inputs live from "Contribution": at 3 million enrollees 16-22 s each for the nation. Both are now
-- kept by the dashboard triggers like every other figure (ADR 0501), from each affected person's whole
-- contribution list, in the write's own transaction:
--
--  * REACHES_YEAR_END (a status measure, attributed like COVERED): on day d the person is a participant
--    (E(d) ≥ d) and G(d) = max{ periodEnd_i : paidOn_i ≤ d } ≥ 31 December of d's year. G changes on
--    payment days; for the value g paid by day p the condition holds until 1 January of the year of
--    g + 1 day. The forecast's "ending" on D = COVERED(D) − REACHES_YEAR_END(D).
--  * Renewal facts per contribution c, in c's own commune, area and province: "ended" +1 with
--    endDay = c.periodEnd, known on c.paidOn; "renewed" +1, known on greatest(c.paidOn, the earliest
--    paidOn of a contribution o of the same person with o.periodEnd > c.periodEnd paid no later than
--    3 months after c.periodEnd). The forecast's renewal counts on D sum endDay in the renewal window
--    and known on or before D (lib/server/dashboard/counting.ts renewalFactsOn): the months before D's
--    month from "DashboardRenewalMonth" (every fact), D's month from "DashboardRenewalDelta", which holds
--    only the facts known two calendar months or more after their end's month. The window ends at
--    D − 3 months, so a fact ending in it and known in D's month is always one of those; the others
--    (almost all: paid before the end, renewed in its first weeks) would make the daily table as large
--    as "Contribution" (31 million rows, 2.8 GB at 3 million enrollees) for nothing.
--
-- The writers of all aggregate tables are now one function (dashboard_write) used by the trigger's
-- two paths. The migration ends with a rebuild, which fills the new rows for existing data (at national
-- volume prefer scripts/perf/rebuild-aggregates-parallel.sh, docs/operations.md).

CREATE TABLE "DashboardRenewalDelta" (
    "unitCode" TEXT NOT NULL,
    "knownOn" DATE NOT NULL,
    "endDay" DATE NOT NULL,
    "ended" INTEGER NOT NULL,
    "renewed" INTEGER NOT NULL,
    "renewedNext" INTEGER NOT NULL,

    CONSTRAINT "DashboardRenewalDelta_pkey" PRIMARY KEY ("unitCode","knownOn","endDay")
);

CREATE TABLE "DashboardRenewalMonth" (
    "unitCode" TEXT NOT NULL,
    "endDay" DATE NOT NULL,
    "knownMonth" DATE NOT NULL,
    "ended" INTEGER NOT NULL,
    "renewed" INTEGER NOT NULL,
    "renewedNext" INTEGER NOT NULL,

    CONSTRAINT "DashboardRenewalMonth_pkey" PRIMARY KEY ("unitCode","endDay","knownMonth")
);

-- A renewal fact kept day by day too: known two calendar months or more after its end's month.
CREATE FUNCTION "dashboard_known_late"(end_day DATE, known_on DATE) RETURNS BOOLEAN LANGUAGE sql IMMUTABLE AS $$
  SELECT known_on >= (date_trunc('month', end_day) + interval '2 months')::date
$$;

-- One row of dashboard_events(): target 'S' status per unit, 'N' first covered date per unit, 'A' agent,
-- 'RE' / 'RR' / 'RN' coverage ended / renewed (reaching further) / renewed by the next day's contribution per unit (first_start = the end day, day = known on).
CREATE TYPE "dashboard_event" AS (
  "target" TEXT, "code" TEXT, "agent" INTEGER, "measure" "DashboardMeasure", "day" DATE, "first_start" DATE, "delta" INTEGER
);

CREATE OR REPLACE FUNCTION "dashboard_events"(rows "dashboard_contribution"[])
RETURNS TABLE (target TEXT, code TEXT, agent INTEGER, measure "DashboardMeasure", day DATE, first_start DATE, delta INTEGER)
LANGUAGE plpgsql STABLE AS $$
BEGIN
RETURN QUERY
WITH r AS (
  SELECT c."id", c."enrolleeId" AS e, c."periodStart" AS s, c."periodEnd" AS t, c."paidOn" AS p,
         greatest(c."periodStart", c."paidOn") AS k,
         c."communeCode" AS cc, c."areaCode" AS ac, c."provinceCode" AS pc, c."agentId" AS ag
  FROM unnest(rows) c
),
-- on each day k that something becomes known: the contribution with the latest end known by then
-- (ties: the later k, then the higher id)
kd AS (
  SELECT DISTINCT ON (r.e, r.k) r.e, r.k,
         max(ARRAY[to_char(r.t, 'YYYYMMDD'), to_char(r.k, 'YYYYMMDD'), lpad(r."id"::text, 10, '0'), r.cc, r.ac, r.pc, coalesce(r.ag::text, '')])
           OVER (PARTITION BY r.e ORDER BY r.k RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS best
  FROM r ORDER BY r.e, r.k
),
-- segments [a, b) between knowledge days, each with its latest end t and lapse day l
seg AS (
  SELECT q.*, "dashboard_lapse_day"(q.t) AS l FROM (
    SELECT kd.e, kd.k AS a, lead(kd.k) OVER (PARTITION BY kd.e ORDER BY kd.k) AS b,
           to_date(kd.best[1], 'YYYYMMDD') AS t, kd.best[4] AS cc, kd.best[5] AS ac, kd.best[6] AS pc, nullif(kd.best[7], '')::int AS ag
    FROM kd
  ) q
),
-- status intervals [x, y), y NULL = open-ended
iv AS (
  SELECT seg.e, 'COVERED'::"DashboardMeasure" AS m, seg.a AS x, least(seg.t + 1, seg.b) AS y, seg.cc, seg.ac, seg.pc, seg.ag FROM seg WHERE seg.a <= seg.t
  UNION ALL
  SELECT seg.e, 'OVERDUE', greatest(seg.a, seg.t + 1), least(seg.l, seg.b), seg.cc, seg.ac, seg.pc, NULL FROM seg WHERE greatest(seg.a, seg.t + 1) < least(seg.l, seg.b)
  UNION ALL
  SELECT seg.e, 'LAPSED', greatest(seg.a, seg.l), seg.b, seg.cc, seg.ac, seg.pc, NULL FROM seg WHERE seg.b IS NULL OR greatest(seg.a, seg.l) < seg.b
),
-- becoming lapsed: a LAPSED interval not continuing another one
lapse AS (
  SELECT q.x, q.cc, q.ac, q.pc FROM (
    SELECT iv.*, lag(iv.m) OVER w AS pm, lag(iv.y) OVER w AS py FROM iv WINDOW w AS (PARTITION BY iv.e ORDER BY iv.x)
  ) q WHERE q.m = 'LAPSED' AND NOT (q.pm IS NOT DISTINCT FROM 'LAPSED'::"DashboardMeasure" AND q.py = q.x)
),
-- the latest end paid by each payment day: G(p) = max{ periodEnd : paidOn ≤ p }
pg AS (
  SELECT DISTINCT ON (r.e, r.p) r.e, r.p,
         max(r.t) OVER (PARTITION BY r.e ORDER BY r.p RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS g
  FROM r ORDER BY r.e, r.p
),
-- days [a, b) on which what is paid reaches the year end: from the payment day to the next one, and at
-- most to 1 January of the year of g + 1 day (g ≥ 31/12 of d's year ⇔ d < that 1 January)
reach AS (
  SELECT pg.e, pg.p AS a,
         least(lead(pg.p) OVER (PARTITION BY pg.e ORDER BY pg.p), make_date(extract(year FROM pg.g + 1)::int, 1, 1)) AS b
  FROM pg
),
-- REACHES_YEAR_END: those days while a participant, in the participant's units
ry AS (
  SELECT greatest(iv.x, reach.a) AS x, least(iv.y, reach.b) AS y, iv.cc, iv.ac, iv.pc
  FROM iv JOIN reach ON reach.e = iv.e
  WHERE iv.m = 'COVERED' AND greatest(iv.x, reach.a) < least(iv.y, reach.b)
),
-- each contribution's end, and the earliest payment of a contribution reaching further paid within
-- 3 months of that end (a renewal in time)
ren AS (
  SELECT c.t, c.p, c.cc, c.ac, c.pc, min(o.p) AS op
  FROM r c LEFT JOIN r o ON o.e = c.e AND o."id" <> c."id" AND o.t > c.t AND o.p <= (c.t + interval '3 months')::date
  GROUP BY c.e, c."id", c.t, c.p, c.cc, c.ac, c.pc
),
-- the retention page's and the map's renewal (docs/domain.md "Renewal rate"): the earliest payment of a
-- contribution starting the day after the end, paid within 3 months of it ("renewedNext")
rn AS (
  SELECT c.t, c.cc, c.ac, c.pc, min(o.p) AS np
  FROM r c JOIN r o ON o.e = c.e AND o.s = c.t + 1 AND o.p <= (c.t + interval '3 months')::date
  GROUP BY c.e, c."id", c.t, c.cc, c.ac, c.pc
),
-- first covered date known on each payment day (ties: the earlier payment, then the lower id)
pd AS (
  SELECT DISTINCT ON (r.e, r.p) r.e, r.p,
         min(ARRAY[to_char(r.s, 'YYYYMMDD'), to_char(r.p, 'YYYYMMDD'), lpad(r."id"::text, 10, '0'), r.cc, r.ac, r.pc])
           OVER (PARTITION BY r.e ORDER BY r.p RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS first
  FROM r ORDER BY r.e, r.p
),
nf AS (
  SELECT pd.e, pd.p, to_date(pd.first[1], 'YYYYMMDD') AS f, pd.first[4] AS cc, pd.first[5] AS ac, pd.first[6] AS pc,
         lag(pd.first[1]) OVER w AS pf, lag(pd.first[4]) OVER w AS pcc
  FROM pd WINDOW w AS (PARTITION BY pd.e ORDER BY pd.p)
),
nch AS (
  SELECT nf.e, nf.p, nf.f, nf.cc, nf.ac, nf.pc, lead(nf.p) OVER (PARTITION BY nf.e ORDER BY nf.p) AS np
  FROM nf WHERE nf.pf IS NULL OR nf.pf <> to_char(nf.f, 'YYYYMMDD') OR nf.pcc <> nf.cc
),
ev AS (
  SELECT 'S' AS tg, u.code AS uc, NULL::int AS ag, iv.m AS ms, iv.x AS dy, NULL::date AS fs, 1 AS dl
    FROM iv CROSS JOIN LATERAL (VALUES (iv.cc), (iv.ac), (iv.pc)) u(code)
  UNION ALL
  SELECT 'S', u.code, NULL, iv.m, iv.y, NULL, -1
    FROM iv CROSS JOIN LATERAL (VALUES (iv.cc), (iv.ac), (iv.pc)) u(code) WHERE iv.y IS NOT NULL
  UNION ALL
  SELECT 'S', u.code, NULL, 'LAPSE_EVENT', lapse.x, NULL, 1
    FROM lapse CROSS JOIN LATERAL (VALUES (lapse.cc), (lapse.ac), (lapse.pc)) u(code)
  UNION ALL
  SELECT 'S', u.code, NULL, 'REACHES_YEAR_END', ry.x, NULL, 1
    FROM ry CROSS JOIN LATERAL (VALUES (ry.cc), (ry.ac), (ry.pc)) u(code)
  UNION ALL
  SELECT 'S', u.code, NULL, 'REACHES_YEAR_END', ry.y, NULL, -1
    FROM ry CROSS JOIN LATERAL (VALUES (ry.cc), (ry.ac), (ry.pc)) u(code)
  UNION ALL
  SELECT 'A', NULL, iv.ag, 'COVERED', iv.x, NULL, 1 FROM iv WHERE iv.m = 'COVERED' AND iv.ag IS NOT NULL
  UNION ALL
  SELECT 'A', NULL, iv.ag, 'COVERED', iv.y, NULL, -1 FROM iv WHERE iv.m = 'COVERED' AND iv.ag IS NOT NULL AND iv.y IS NOT NULL
  UNION ALL
  SELECT 'N', u.code, NULL, NULL, nch.p, nch.f, 1
    FROM nch CROSS JOIN LATERAL (VALUES (nch.cc), (nch.ac), (nch.pc)) u(code)
  UNION ALL
  SELECT 'N', u.code, NULL, NULL, nch.np, nch.f, -1
    FROM nch CROSS JOIN LATERAL (VALUES (nch.cc), (nch.ac), (nch.pc)) u(code) WHERE nch.np IS NOT NULL
  UNION ALL
  SELECT 'RE', u.code, NULL, NULL, ren.p, ren.t, 1
    FROM ren CROSS JOIN LATERAL (VALUES (ren.cc), (ren.ac), (ren.pc)) u(code)
  UNION ALL
  SELECT 'RR', u.code, NULL, NULL, greatest(ren.p, ren.op), ren.t, 1
    FROM ren CROSS JOIN LATERAL (VALUES (ren.cc), (ren.ac), (ren.pc)) u(code) WHERE ren.op IS NOT NULL
  UNION ALL
  SELECT 'RN', u.code, NULL, NULL, rn.np, rn.t, 1
    FROM rn CROSS JOIN LATERAL (VALUES (rn.cc), (rn.ac), (rn.pc)) u(code)
)
SELECT ev.tg, ev.uc, ev.ag, ev.ms, ev.dy, ev.fs, sum(ev.dl)::int FROM ev GROUP BY 1, 2, 3, 4, 5, 6;
END $$;

-- Adds events (already summed per key, zero sums left out) to every aggregate table: the daily deltas
-- and their monthly sums (a count on D reads the months before D's month and the days of D's month).
-- Rows are written in key order so concurrent writers lock them in the same order (no deadlock).
CREATE FUNCTION "dashboard_write"(evs "dashboard_event"[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(evs) = 0 THEN
    RETURN;
  END IF;
  WITH ev AS (SELECT * FROM unnest(evs)),
  s AS (
    INSERT INTO "DashboardStatusDelta" AS d ("unitCode", "measure", "day", "delta")
    SELECT code, measure, day, delta FROM ev WHERE target = 'S' ORDER BY 1, 2, 3
    ON CONFLICT ("unitCode", "measure", "day") DO UPDATE SET "delta" = d."delta" + EXCLUDED."delta"
  ),
  sm AS (
    INSERT INTO "DashboardStatusMonth" AS d ("unitCode", "measure", "month", "delta")
    SELECT code, measure, date_trunc('month', day)::date, sum(delta) FROM ev WHERE target = 'S' GROUP BY 1, 2, 3 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("unitCode", "measure", "month") DO UPDATE SET "delta" = d."delta" + EXCLUDED."delta"
  ),
  n AS (
    INSERT INTO "DashboardNewDelta" AS d ("unitCode", "firstStart", "knownOn", "delta")
    SELECT code, first_start, day, delta FROM ev WHERE target = 'N' ORDER BY 1, 2, 3
    ON CONFLICT ("unitCode", "firstStart", "knownOn") DO UPDATE SET "delta" = d."delta" + EXCLUDED."delta"
  ),
  nm AS (
    INSERT INTO "DashboardNewMonth" AS d ("unitCode", "firstStart", "knownMonth", "delta")
    SELECT code, first_start, date_trunc('month', day)::date, sum(delta) FROM ev WHERE target = 'N' GROUP BY 1, 2, 3 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("unitCode", "firstStart", "knownMonth") DO UPDATE SET "delta" = d."delta" + EXCLUDED."delta"
  ),
  rd AS (
    INSERT INTO "DashboardRenewalDelta" AS d ("unitCode", "knownOn", "endDay", "ended", "renewed", "renewedNext")
    SELECT code, day, first_start, coalesce(sum(delta) FILTER (WHERE target = 'RE'), 0), coalesce(sum(delta) FILTER (WHERE target = 'RR'), 0),
           coalesce(sum(delta) FILTER (WHERE target = 'RN'), 0)
    FROM ev WHERE target IN ('RE', 'RR', 'RN') AND "dashboard_known_late"(first_start, day) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("unitCode", "knownOn", "endDay") DO UPDATE
      SET "ended" = d."ended" + EXCLUDED."ended", "renewed" = d."renewed" + EXCLUDED."renewed", "renewedNext" = d."renewedNext" + EXCLUDED."renewedNext"
  ),
  rm AS (
    INSERT INTO "DashboardRenewalMonth" AS d ("unitCode", "endDay", "knownMonth", "ended", "renewed", "renewedNext")
    SELECT * FROM (
      SELECT code, first_start, date_trunc('month', day)::date AS km,
             coalesce(sum(delta) FILTER (WHERE target = 'RE'), 0) AS ended, coalesce(sum(delta) FILTER (WHERE target = 'RR'), 0) AS renewed,
             coalesce(sum(delta) FILTER (WHERE target = 'RN'), 0) AS next
      FROM ev WHERE target IN ('RE', 'RR', 'RN') GROUP BY 1, 2, 3
    ) x WHERE x.ended <> 0 OR x.renewed <> 0 OR x.next <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("unitCode", "endDay", "knownMonth") DO UPDATE
      SET "ended" = d."ended" + EXCLUDED."ended", "renewed" = d."renewed" + EXCLUDED."renewed", "renewedNext" = d."renewedNext" + EXCLUDED."renewedNext"
  ),
  a AS (
    INSERT INTO "DashboardAgentDelta" AS d ("agentId", "day", "delta")
    SELECT agent, day, delta FROM ev WHERE target = 'A' ORDER BY 1, 2
    ON CONFLICT ("agentId", "day") DO UPDATE SET "delta" = d."delta" + EXCLUDED."delta"
  )
  INSERT INTO "DashboardAgentMonth" AS d ("agentId", "month", "delta")
  SELECT agent, date_trunc('month', day)::date, sum(delta) FROM ev WHERE target = 'A' GROUP BY 1, 2 HAVING sum(delta) <> 0 ORDER BY 1, 2
  ON CONFLICT ("agentId", "month") DO UPDATE SET "delta" = d."delta" + EXCLUDED."delta";
END $$;

-- Adds (events of `cur`) − (events of `bef`).
CREATE OR REPLACE FUNCTION "dashboard_add"(cur "dashboard_contribution"[], bef "dashboard_contribution"[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "dashboard_write"(ARRAY(
    SELECT ROW(x.target, x.code, x.agent, x.measure, x.day, x.first_start, sum(x.delta)::int)::"dashboard_event" FROM (
      SELECT * FROM "dashboard_events"(cur)
      UNION ALL
      SELECT b.target, b.code, b.agent, b.measure, b.day, b.first_start, -b.delta FROM "dashboard_events"(bef) b
    ) x GROUP BY x.target, x.code, x.agent, x.measure, x.day, x.first_start HAVING sum(x.delta) <> 0));
END $$;

-- People whose only contribution is a row of the statement (migration 20261123090000): identical rows
-- are counted once and the deltas multiplied.
CREATE OR REPLACE FUNCTION "dashboard_add_first_payments"(rows "dashboard_contribution"[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(rows) = 0 THEN
    RETURN;
  END IF;
  PERFORM "dashboard_write"(ARRAY(
    WITH g AS (
      SELECT r."periodStart" AS s, r."periodEnd" AS t, r."paidOn" AS p, r."communeCode" AS cc, r."areaCode" AS ac, r."provinceCode" AS pc,
             r."agentId" AS ag, count(*)::int AS n
      FROM unnest(rows) r GROUP BY 1, 2, 3, 4, 5, 6, 7
    )
    SELECT ROW(x.target, x.code, x.agent, x.measure, x.day, x.first_start, sum(x.delta * g.n)::int)::"dashboard_event"
    FROM g CROSS JOIN LATERAL "dashboard_events"(ARRAY[ROW(0, 0, g.s, g.t, g.p, g.cc, g.ac, g.pc, g.ag)::"dashboard_contribution"]) x
    GROUP BY x.target, x.code, x.agent, x.measure, x.day, x.first_start HAVING sum(x.delta * g.n) <> 0));
END $$;

CREATE OR REPLACE FUNCTION "dashboard_contribution_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "DashboardStatusDelta", "DashboardStatusMonth", "DashboardNewDelta", "DashboardNewMonth", "DashboardAgentDelta", "DashboardAgentMonth",
    "DashboardRenewalDelta", "DashboardRenewalMonth";
  RETURN NULL;
END $$;

-- Recomputes every aggregate from "Contribution" (after a bulk load with the triggers disabled, or to
-- repair): SELECT dashboard_rebuild();  People are processed in blocks of ids; their events are
-- collected first and written once, grouped (no upserts).
CREATE OR REPLACE FUNCTION "dashboard_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  lo INTEGER;
  mx INTEGER;
  step CONSTANT INTEGER := 5000;
  cur "dashboard_contribution"[];
BEGIN
  PERFORM pg_advisory_xact_lock(50501, 0);
  TRUNCATE "DashboardStatusDelta", "DashboardStatusMonth", "DashboardNewDelta", "DashboardNewMonth", "DashboardAgentDelta", "DashboardAgentMonth",
    "DashboardRenewalDelta", "DashboardRenewalMonth";
  CREATE TEMP TABLE "dashboard_rebuild_events" (target TEXT, code TEXT, agent INTEGER, measure "DashboardMeasure", day DATE, first_start DATE, delta INTEGER) ON COMMIT DROP;
  SELECT min("enrolleeId"), max("enrolleeId") INTO lo, mx FROM "Contribution";
  WHILE lo <= mx LOOP
    SELECT array_agg(ROW(c."id", c."enrolleeId", c."periodStart", c."periodEnd", c."paidOn", c."communeCode", c."areaCode", c."provinceCode", c."agentId")::"dashboard_contribution")
      INTO cur FROM "Contribution" c WHERE c."enrolleeId" >= lo AND c."enrolleeId" < lo + step;
    IF cur IS NOT NULL THEN
      INSERT INTO "dashboard_rebuild_events" SELECT * FROM "dashboard_events"(cur);
    END IF;
    lo := lo + step;
  END LOOP;
  PERFORM "dashboard_rebuild_sums"('dashboard_rebuild_events');
  DROP TABLE "dashboard_rebuild_events";
END $$;

-- Fills the (truncated) aggregate tables from a table of events (dashboard_rebuild() and
-- scripts/perf/rebuild-aggregates-parallel.sh): summed per key, zero sums left out.
CREATE FUNCTION "dashboard_rebuild_sums"(events REGCLASS) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    INSERT INTO "DashboardStatusDelta" ("unitCode", "measure", "day", "delta")
      SELECT code, measure, day, sum(delta) FROM %1$s WHERE target = 'S' GROUP BY 1, 2, 3 HAVING sum(delta) <> 0;
    INSERT INTO "DashboardStatusMonth" ("unitCode", "measure", "month", "delta")
      SELECT code, measure, date_trunc('month', day)::date, sum(delta) FROM %1$s WHERE target = 'S' GROUP BY 1, 2, 3 HAVING sum(delta) <> 0;
    INSERT INTO "DashboardNewDelta" ("unitCode", "firstStart", "knownOn", "delta")
      SELECT code, first_start, day, sum(delta) FROM %1$s WHERE target = 'N' GROUP BY 1, 2, 3 HAVING sum(delta) <> 0;
    INSERT INTO "DashboardNewMonth" ("unitCode", "firstStart", "knownMonth", "delta")
      SELECT code, first_start, date_trunc('month', day)::date, sum(delta) FROM %1$s WHERE target = 'N' GROUP BY 1, 2, 3 HAVING sum(delta) <> 0;
    INSERT INTO "DashboardRenewalDelta" ("unitCode", "knownOn", "endDay", "ended", "renewed", "renewedNext")
      SELECT * FROM (
        SELECT code, day, first_start, coalesce(sum(delta) FILTER (WHERE target = 'RE'), 0) AS ended, coalesce(sum(delta) FILTER (WHERE target = 'RR'), 0) AS renewed,
               coalesce(sum(delta) FILTER (WHERE target = 'RN'), 0) AS next
        FROM %1$s WHERE target IN ('RE', 'RR', 'RN') AND "dashboard_known_late"(first_start, day) GROUP BY 1, 2, 3
      ) x WHERE x.ended <> 0 OR x.renewed <> 0 OR x.next <> 0;
    INSERT INTO "DashboardRenewalMonth" ("unitCode", "endDay", "knownMonth", "ended", "renewed", "renewedNext")
      SELECT * FROM (
        SELECT code, first_start, date_trunc('month', day)::date, coalesce(sum(delta) FILTER (WHERE target = 'RE'), 0) AS ended, coalesce(sum(delta) FILTER (WHERE target = 'RR'), 0) AS renewed,
               coalesce(sum(delta) FILTER (WHERE target = 'RN'), 0) AS next
        FROM %1$s WHERE target IN ('RE', 'RR', 'RN') GROUP BY 1, 2, 3
      ) x WHERE x.ended <> 0 OR x.renewed <> 0 OR x.next <> 0;
    INSERT INTO "DashboardAgentDelta" ("agentId", "day", "delta")
      SELECT agent, day, sum(delta) FROM %1$s WHERE target = 'A' GROUP BY 1, 2 HAVING sum(delta) <> 0;
    INSERT INTO "DashboardAgentMonth" ("agentId", "month", "delta")
      SELECT agent, date_trunc('month', day)::date, sum(delta) FROM %1$s WHERE target = 'A' GROUP BY 1, 2 HAVING sum(delta) <> 0;
  $q$, events);
END $$;

SELECT "dashboard_rebuild"();
