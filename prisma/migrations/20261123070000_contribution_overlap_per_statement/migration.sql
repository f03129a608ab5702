-- The no-overlap check of "Contribution" (ADR 0102, migration 20261123010000) once per INSERT
-- statement instead of once per row, so a bulk import's batch of 1,000 first payments is checked by
-- one set-based query and one lock statement (measured: the per-row trigger was about half of the
-- cost of such an insert). Same rule, same errors (contribution_period_invalid 23514,
-- contribution_overlap 23P01); UPDATEs that move a period keep the per-row check (a statement
-- trigger cannot be limited to some columns while reading its transition tables).
--
-- Concurrency: the statement's people are locked in id order FOR NO KEY UPDATE (as the dashboard
-- trigger does) AFTER the rows are written; the overlap query runs after the lock, so in READ
-- COMMITTED it sees any other writer's committed rows for those people: of two concurrent writers
-- of overlapping periods, the second one to take the lock fails. NO KEY UPDATE does not conflict with
-- the foreign-key checks (FOR KEY SHARE) of other inserts, so writers do not deadlock through them.

CREATE FUNCTION "contribution_no_overlap_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad RECORD;
BEGIN
  SELECT n."periodStart", n."periodEnd" INTO bad FROM new_rows n WHERE n."periodEnd" < n."periodStart" LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'contribution_period_invalid: % > %', bad."periodStart", bad."periodEnd" USING ERRCODE = '23514';
  END IF;
  PERFORM 1 FROM "Enrollee" WHERE "id" IN (SELECT DISTINCT "enrolleeId" FROM new_rows) ORDER BY "id" FOR NO KEY UPDATE;
  SELECT n."enrolleeId", n."periodStart", n."periodEnd" INTO bad
    FROM new_rows n
    WHERE EXISTS (
      SELECT 1 FROM "Contribution" c
      WHERE c."enrolleeId" = n."enrolleeId" AND c."id" <> n."id"
        AND c."periodStart" <= n."periodEnd" AND c."periodEnd" >= n."periodStart"
    )
    LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'contribution_overlap: enrollee % already has a contribution covering part of % – %',
      bad."enrolleeId", bad."periodStart", bad."periodEnd" USING ERRCODE = '23P01';
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER "Contribution_no_overlap" ON "Contribution";

-- INSERT: once per statement (the name stays: tools that switch the check off refer to it)
CREATE TRIGGER "Contribution_no_overlap" AFTER INSERT ON "Contribution"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "contribution_no_overlap_inserted"();

-- UPDATE of the person or the period: per row, as before
CREATE TRIGGER "Contribution_no_overlap_update" BEFORE UPDATE OF "enrolleeId", "periodStart", "periodEnd" ON "Contribution"
  FOR EACH ROW EXECUTE FUNCTION "contribution_no_overlap"();
