-- A contribution's period may not overlap another contribution of the same enrollee (ADR 0102).
-- lib/server/contributions.ts locks the enrollee row before computing a period; this trigger is the
-- database's own safety net for every writer (payments, bulk import, seed). It takes the same row lock,
-- so two concurrent inserts for one enrollee are serialised and the second sees the first's row.
CREATE FUNCTION "contribution_no_overlap"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."periodEnd" < NEW."periodStart" THEN
    RAISE EXCEPTION 'contribution_period_invalid: % > %', NEW."periodStart", NEW."periodEnd" USING ERRCODE = '23514';
  END IF;
  PERFORM 1 FROM "Enrollee" WHERE id = NEW."enrolleeId" FOR UPDATE;
  IF EXISTS (
    SELECT 1 FROM "Contribution" c
    WHERE c."enrolleeId" = NEW."enrolleeId" AND c.id <> NEW.id
      AND c."periodStart" <= NEW."periodEnd" AND c."periodEnd" >= NEW."periodStart"
  ) THEN
    RAISE EXCEPTION 'contribution_overlap: enrollee % already has a contribution covering part of % – %',
      NEW."enrolleeId", NEW."periodStart", NEW."periodEnd" USING ERRCODE = '23P01';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "Contribution_no_overlap" BEFORE INSERT OR UPDATE OF "enrolleeId", "periodStart", "periodEnd" ON "Contribution"
  FOR EACH ROW EXECUTE FUNCTION "contribution_no_overlap"();
