-- Dashboard aggregates (ADR 0501): daily deltas per unit, maintained by triggers on "Contribution"
-- in the same transaction as every write, so the overview of a province or of the nation sums a few
-- thousand rows instead of counting millions of contributions, and is never stale.
--
-- The counting rule (docs/features/dashboard.md, lib/server/counting.ts): every figure "on D" is
-- computed from the contributions PAID on or before D, so figures for a past date never change
-- when later payments are recorded. For one person, let each contribution i have
--   k_i = greatest(periodStart, paidOn)  (the first day it can count) and t_i = periodEnd.
-- On day D the person's latest known end is E(D) = max{ t_i : k_i <= D } (from contribution j,
-- whose commune, area, province and agent the person is attributed to), and the person is
--   COVERED (a participant)  when E(D) >= D,
--   OVERDUE                  when D - 3 months <= E(D) < D,
--   LAPSED                   when E(D) < D - 3 months          (lib/domain/coverage-status.ts),
--   not counted              when no k_i <= D.
-- The person's first covered date known on D is F(D) = min{ periodStart_i : paidOn_i <= D }.

-- CreateEnum
CREATE TYPE "DashboardMeasure" AS ENUM ('COVERED', 'OVERDUE', 'LAPSED', 'LAPSE_EVENT');

-- CreateTable
CREATE TABLE "DashboardStatusDelta" (
    "unitCode" TEXT NOT NULL,
    "measure" "DashboardMeasure" NOT NULL,
    "day" DATE NOT NULL,
    "delta" INTEGER NOT NULL,

    CONSTRAINT "DashboardStatusDelta_pkey" PRIMARY KEY ("unitCode","measure","day")
);

-- CreateTable
CREATE TABLE "DashboardNewDelta" (
    "unitCode" TEXT NOT NULL,
    "firstStart" DATE NOT NULL,
    "knownOn" DATE NOT NULL,
    "delta" INTEGER NOT NULL,

    CONSTRAINT "DashboardNewDelta_pkey" PRIMARY KEY ("unitCode","firstStart","knownOn")
);

-- CreateTable
CREATE TABLE "DashboardAgentDelta" (
    "agentId" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "delta" INTEGER NOT NULL,

    CONSTRAINT "DashboardAgentDelta_pkey" PRIMARY KEY ("agentId","day")
);

-- CreateTable
CREATE TABLE "DashboardStatusMonth" (
    "unitCode" TEXT NOT NULL,
    "measure" "DashboardMeasure" NOT NULL,
    "month" DATE NOT NULL,
    "delta" INTEGER NOT NULL,

    CONSTRAINT "DashboardStatusMonth_pkey" PRIMARY KEY ("unitCode","measure","month")
);

-- CreateTable
CREATE TABLE "DashboardNewMonth" (
    "unitCode" TEXT NOT NULL,
    "firstStart" DATE NOT NULL,
    "knownMonth" DATE NOT NULL,
    "delta" INTEGER NOT NULL,

    CONSTRAINT "DashboardNewMonth_pkey" PRIMARY KEY ("unitCode","firstStart","knownMonth")
);

-- CreateTable
CREATE TABLE "DashboardAgentMonth" (
    "agentId" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "delta" INTEGER NOT NULL,

    CONSTRAINT "DashboardAgentMonth_pkey" PRIMARY KEY ("agentId","month")
);

-- The columns of a contribution the counts depend on.
CREATE TYPE "dashboard_contribution" AS (
  "id" INTEGER, "enrolleeId" INTEGER, "periodStart" DATE, "periodEnd" DATE, "paidOn" DATE,
  "communeCode" TEXT, "areaCode" TEXT, "provinceCode" TEXT, "agentId" INTEGER
);

-- The first day on which coverage that ended on t counts as lapsed: the least X with
-- t < X - 3 months (month arithmetic clamps to the month's end, as addMonths does).
CREATE FUNCTION "dashboard_lapse_day"(t DATE) RETURNS DATE LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN (c - interval '3 months')::date > t THEN c ELSE c + 1 END
  FROM (SELECT (t + 1 + interval '3 months')::date AS c) x
$$;

-- The deltas one set of people's contributions contributes (all of each person's contributions
-- must be in the set). target: 'S' status per unit, 'N' first covered date per unit, 'A' agent.
-- The running "latest end" and "earliest start" carry the winning contribution's columns in a text
-- array (dates as YYYYMMDD and the id zero-padded, so the array order is the (date, date, id) order)
-- instead of joining back to it: no joins, so the cached plan is good for one person or thousands.
-- PL/pgSQL rather than SQL so the plan is prepared once per session, not on every trigger call.
CREATE FUNCTION "dashboard_events"(rows "dashboard_contribution"[])
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
  SELECT 'A', NULL, iv.ag, 'COVERED', iv.x, NULL, 1 FROM iv WHERE iv.m = 'COVERED' AND iv.ag IS NOT NULL
  UNION ALL
  SELECT 'A', NULL, iv.ag, 'COVERED', iv.y, NULL, -1 FROM iv WHERE iv.m = 'COVERED' AND iv.ag IS NOT NULL AND iv.y IS NOT NULL
  UNION ALL
  SELECT 'N', u.code, NULL, NULL, nch.p, nch.f, 1
    FROM nch CROSS JOIN LATERAL (VALUES (nch.cc), (nch.ac), (nch.pc)) u(code)
  UNION ALL
  SELECT 'N', u.code, NULL, NULL, nch.np, nch.f, -1
    FROM nch CROSS JOIN LATERAL (VALUES (nch.cc), (nch.ac), (nch.pc)) u(code) WHERE nch.np IS NOT NULL
)
SELECT ev.tg, ev.uc, ev.ag, ev.ms, ev.dy, ev.fs, sum(ev.dl)::int FROM ev GROUP BY 1, 2, 3, 4, 5, 6;
END $$;

-- Adds (events of `cur`) − (events of `bef`) to the aggregate tables: the daily deltas and their
-- monthly sums (so a count on D reads the months before D's month and the days of D's month only).
-- Rows are written in key order so concurrent writers lock them in the same order (no deadlock).
CREATE FUNCTION "dashboard_add"(cur "dashboard_contribution"[], bef "dashboard_contribution"[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH ev AS (
    SELECT x.target, x.code, x.agent, x.measure, x.day, x.first_start, sum(x.delta)::int AS delta FROM (
      SELECT * FROM "dashboard_events"(cur)
      UNION ALL
      SELECT b.target, b.code, b.agent, b.measure, b.day, b.first_start, -b.delta FROM "dashboard_events"(bef) b
    ) x GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(x.delta) <> 0
  ),
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
  a AS (
    INSERT INTO "DashboardAgentDelta" AS d ("agentId", "day", "delta")
    SELECT agent, day, delta FROM ev WHERE target = 'A' ORDER BY 1, 2
    ON CONFLICT ("agentId", "day") DO UPDATE SET "delta" = d."delta" + EXCLUDED."delta"
  )
  INSERT INTO "DashboardAgentMonth" AS d ("agentId", "month", "delta")
  SELECT agent, date_trunc('month', day)::date, sum(delta) FROM ev WHERE target = 'A' GROUP BY 1, 2 HAVING sum(delta) <> 0 ORDER BY 1, 2
  ON CONFLICT ("agentId", "month") DO UPDATE SET "delta" = d."delta" + EXCLUDED."delta";
END $$;

-- After any INSERT, UPDATE or DELETE statement on "Contribution": recompute the affected people's
-- deltas from their contributions before and after the statement and add the difference.
CREATE FUNCTION "dashboard_contribution_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids INTEGER[];
  slice INTEGER[];
  n INTEGER;
  lo INTEGER;
  hi INTEGER;
  cur "dashboard_contribution"[];
  bef "dashboard_contribution"[];
  chunk CONSTANT INTEGER := 2000;
BEGIN
  -- Another writer's rows must be visible to this statement once its lock is released: true in
  -- READ COMMITTED (each statement takes a new snapshot) and guarded by SSI in SERIALIZABLE.
  IF current_setting('transaction_isolation') = 'repeatable read' THEN
    RAISE EXCEPTION 'Contribution writes must run in READ COMMITTED or SERIALIZABLE isolation (dashboard aggregates, ADR 0501)';
  END IF;
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY(SELECT DISTINCT "enrolleeId" FROM new_rows ORDER BY 1);
  ELSIF TG_OP = 'DELETE' THEN
    ids := ARRAY(SELECT DISTINCT "enrolleeId" FROM old_rows ORDER BY 1);
  ELSE
    ids := ARRAY(SELECT "enrolleeId" FROM new_rows UNION SELECT "enrolleeId" FROM old_rows ORDER BY 1);
  END IF;
  n := cardinality(ids);
  IF n IS NULL OR n = 0 THEN
    RETURN NULL;
  END IF;
  -- One writer per person at a time: the person's row, locked FOR NO KEY UPDATE (compatible with the
  -- foreign-key checks of concurrent inserts; row locks do not fill the lock table however many
  -- people a bulk import touches). Writers that lock the enrollee first (lockEnrollee) already hold it.
  -- The shared advisory lock only keeps dashboard_rebuild() out while writes are under way.
  PERFORM pg_advisory_xact_lock_shared(50501, 0);
  PERFORM 1 FROM "Enrollee" WHERE "id" = ANY(ids) ORDER BY "id" FOR NO KEY UPDATE;
  FOR blk IN 0 .. (n - 1) / chunk LOOP
    slice := ids[blk * chunk + 1 : blk * chunk + chunk];
    lo := slice[1];
    hi := slice[cardinality(slice)];
    SELECT coalesce(array_agg(ROW(c."id", c."enrolleeId", c."periodStart", c."periodEnd", c."paidOn", c."communeCode", c."areaCode", c."provinceCode", c."agentId")::"dashboard_contribution"), '{}')
      INTO cur
      FROM unnest(slice) AS u(e) JOIN "Contribution" c ON c."enrolleeId" = u.e;
    IF TG_OP = 'INSERT' THEN
      SELECT coalesce(array_agg(x), '{}') INTO bef
        FROM unnest(cur) x WHERE NOT EXISTS (SELECT 1 FROM new_rows nr WHERE nr."id" = x."id");
    ELSIF TG_OP = 'DELETE' THEN
      SELECT coalesce(array_agg(ROW(x.*)::"dashboard_contribution"), '{}') INTO bef FROM (
        SELECT * FROM unnest(cur)
        UNION ALL
        SELECT o."id", o."enrolleeId", o."periodStart", o."periodEnd", o."paidOn", o."communeCode", o."areaCode", o."provinceCode", o."agentId"
          FROM old_rows o WHERE o."enrolleeId" BETWEEN lo AND hi
      ) x;
    ELSE
      SELECT coalesce(array_agg(ROW(x.*)::"dashboard_contribution"), '{}') INTO bef FROM (
        SELECT * FROM unnest(cur) y WHERE NOT EXISTS (SELECT 1 FROM new_rows nr WHERE nr."id" = y."id")
        UNION ALL
        SELECT o."id", o."enrolleeId", o."periodStart", o."periodEnd", o."paidOn", o."communeCode", o."areaCode", o."provinceCode", o."agentId"
          FROM old_rows o WHERE o."enrolleeId" BETWEEN lo AND hi
      ) x;
    END IF;
    PERFORM "dashboard_add"(cur, bef);
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER "Contribution_dashboard_insert" AFTER INSERT ON "Contribution"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "dashboard_contribution_changed"();
CREATE TRIGGER "Contribution_dashboard_update" AFTER UPDATE ON "Contribution"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "dashboard_contribution_changed"();
CREATE TRIGGER "Contribution_dashboard_delete" AFTER DELETE ON "Contribution"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "dashboard_contribution_changed"();

CREATE FUNCTION "dashboard_contribution_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "DashboardStatusDelta", "DashboardStatusMonth", "DashboardNewDelta", "DashboardNewMonth", "DashboardAgentDelta", "DashboardAgentMonth";
  RETURN NULL;
END $$;
CREATE TRIGGER "Contribution_dashboard_truncate" AFTER TRUNCATE ON "Contribution"
  FOR EACH STATEMENT EXECUTE FUNCTION "dashboard_contribution_truncated"();

-- Recomputes every aggregate from "Contribution" (after a bulk load with the triggers disabled,
-- or to repair): SELECT dashboard_rebuild();  People are processed in blocks of ids; their events
-- are collected first and written once, grouped (no upserts).
CREATE FUNCTION "dashboard_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  lo INTEGER;
  mx INTEGER;
  step CONSTANT INTEGER := 5000;
  cur "dashboard_contribution"[];
BEGIN
  PERFORM pg_advisory_xact_lock(50501, 0);
  TRUNCATE "DashboardStatusDelta", "DashboardStatusMonth", "DashboardNewDelta", "DashboardNewMonth", "DashboardAgentDelta", "DashboardAgentMonth";
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
  INSERT INTO "DashboardStatusDelta" ("unitCode", "measure", "day", "delta")
    SELECT code, measure, day, sum(delta) FROM "dashboard_rebuild_events" WHERE target = 'S' GROUP BY 1, 2, 3 HAVING sum(delta) <> 0;
  INSERT INTO "DashboardStatusMonth" ("unitCode", "measure", "month", "delta")
    SELECT code, measure, date_trunc('month', day)::date, sum(delta) FROM "dashboard_rebuild_events" WHERE target = 'S' GROUP BY 1, 2, 3 HAVING sum(delta) <> 0;
  INSERT INTO "DashboardNewDelta" ("unitCode", "firstStart", "knownOn", "delta")
    SELECT code, first_start, day, sum(delta) FROM "dashboard_rebuild_events" WHERE target = 'N' GROUP BY 1, 2, 3 HAVING sum(delta) <> 0;
  INSERT INTO "DashboardNewMonth" ("unitCode", "firstStart", "knownMonth", "delta")
    SELECT code, first_start, date_trunc('month', day)::date, sum(delta) FROM "dashboard_rebuild_events" WHERE target = 'N' GROUP BY 1, 2, 3 HAVING sum(delta) <> 0;
  INSERT INTO "DashboardAgentDelta" ("agentId", "day", "delta")
    SELECT agent, day, sum(delta) FROM "dashboard_rebuild_events" WHERE target = 'A' GROUP BY 1, 2 HAVING sum(delta) <> 0;
  INSERT INTO "DashboardAgentMonth" ("agentId", "month", "delta")
    SELECT agent, date_trunc('month', day)::date, sum(delta) FROM "dashboard_rebuild_events" WHERE target = 'A' GROUP BY 1, 2 HAVING sum(delta) <> 0;
  DROP TABLE "dashboard_rebuild_events";
END $$;
