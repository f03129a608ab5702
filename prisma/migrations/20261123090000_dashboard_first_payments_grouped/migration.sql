-- Dashboard aggregates (ADR 0501) for a bulk import's first payments: the trigger on "Contribution"
-- computed the status events of every new person separately (about 25 event rows each, then grouped),
-- which was the largest part of inserting a payment row. A person whose only contribution is a row of
-- the statement has events that depend only on that row's dates, units and agent (the id only breaks
-- ties between one person's rows), so people with identical rows are counted once and the deltas
-- multiplied: 1,000 people of one commune paid on one day cost the events of one. Everyone else (a
-- renewal, a person with earlier payments, an update or delete) goes through dashboard_add() as before.
-- The result is the same aggregates (tests/integration/dashboard-aggregates.test.ts compares with
-- dashboard_rebuild()).

CREATE FUNCTION "dashboard_add_first_payments"(rows "dashboard_contribution"[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(rows) = 0 THEN
    RETURN;
  END IF;
  WITH g AS (
    SELECT r."periodStart" AS s, r."periodEnd" AS t, r."paidOn" AS p, r."communeCode" AS cc, r."areaCode" AS ac, r."provinceCode" AS pc,
           r."agentId" AS ag, count(*)::int AS n
    FROM unnest(rows) r GROUP BY 1, 2, 3, 4, 5, 6, 7
  ),
  ev AS (
    SELECT x.target, x.code, x.agent, x.measure, x.day, x.first_start, sum(x.delta * g.n)::int AS delta
    FROM g CROSS JOIN LATERAL "dashboard_events"(ARRAY[ROW(0, 0, g.s, g.t, g.p, g.cc, g.ac, g.pc, g.ag)::"dashboard_contribution"]) x
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(x.delta * g.n) <> 0
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

CREATE OR REPLACE FUNCTION "dashboard_contribution_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
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
      -- people whose only contribution is one of this statement's rows: grouped, see above
      PERFORM "dashboard_add_first_payments"(ARRAY(
        SELECT x FROM unnest(cur) x WHERE x."enrolleeId" IN (SELECT y."enrolleeId" FROM unnest(cur) y GROUP BY 1 HAVING count(*) = 1)));
      cur := ARRAY(SELECT x FROM unnest(cur) x WHERE x."enrolleeId" IN (SELECT y."enrolleeId" FROM unnest(cur) y GROUP BY 1 HAVING count(*) > 1));
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
    IF cardinality(cur) > 0 OR cardinality(bef) > 0 THEN
      PERFORM "dashboard_add"(cur, bef);
    END IF;
  END LOOP;
  RETURN NULL;
END $$;

