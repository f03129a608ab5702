-- Enrollee search by name words (ADR 1802, the next step ADR 0603 proposed): every distinct word of the
-- diacritics-free search names is a row of "NameWord" (a few thousand: Vietnamese names come from a small
-- vocabulary). A typed word is expanded to the name words that contain it (`word LIKE '%w%'` on that small
-- table: the same "occurs anywhere" meaning as `"searchName" LIKE '%w%'`, since a typed word has no space
-- and so lies within one name word), and the names are found with the GIN index below:
--   string_to_array(e."searchName", ' ') && ARRAY(SELECT word FROM "NameWord" WHERE word LIKE '%w%')
-- Posting lists per whole word are a fraction of the trigram ones ("thi", "ang", "inh" …).

-- CreateTable
CREATE TABLE "NameWord" (
    "word" TEXT NOT NULL,

    CONSTRAINT "NameWord_pkey" PRIMARY KEY ("word")
);

-- the words of the names already there
INSERT INTO "NameWord" ("word")
  SELECT DISTINCT w FROM "Enrollee" e, unnest(string_to_array(e."searchName", ' ')) AS w WHERE w <> ''
  ON CONFLICT DO NOTHING;

-- kept by the database, whichever code path (app, import, script, SQL) writes a name: once per statement,
-- with the statement's new rows (a bulk import adds its words in one INSERT)
CREATE FUNCTION "name_words_added"() RETURNS trigger AS $$
BEGIN
  INSERT INTO "NameWord" ("word")
    SELECT DISTINCT w FROM new_rows n, unnest(string_to_array(n."searchName", ' ')) AS w WHERE w <> ''
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER "Enrollee_name_words_insert" AFTER INSERT ON "Enrollee"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "name_words_added"();
-- a rename: per row, and only when the name changed (payments update "Enrollee" all the time; a statement
-- trigger with a transition table cannot be limited to a column)
CREATE FUNCTION "name_words_renamed"() RETURNS trigger AS $$
BEGIN
  INSERT INTO "NameWord" ("word")
    SELECT DISTINCT w FROM unnest(string_to_array(NEW."searchName", ' ')) AS w WHERE w <> ''
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER "Enrollee_name_words_update" AFTER UPDATE OF "searchName" ON "Enrollee"
  FOR EACH ROW WHEN (NEW."searchName" IS DISTINCT FROM OLD."searchName") EXECUTE FUNCTION "name_words_renamed"();

-- the words of each name, for `&&` (any of the expanded words)
CREATE INDEX "Enrollee_searchName_words_idx" ON "Enrollee" USING GIN (string_to_array("searchName", ' '));
