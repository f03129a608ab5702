-- Name search with its scope in the index (ADR 1803). The word index of ADR 1802 held the words of each
-- name; a search over a province found its names across the nation and then dropped the other provinces'
-- rows one by one from the table. This index holds the same words and two tags, '@' || province and
-- '#' || area (a name word has letters and digits only, so a tag never equals a word): a province's
-- search asks the index for names with '@01' AND the words, and PostgreSQL intersects the posting lists
-- (GIN skips through the long ones guided by the short one) before it reads a row.
-- It replaces the word index: every search condition now names this expression.
CREATE INDEX "Enrollee_searchTags_idx" ON "Enrollee"
  USING GIN ((string_to_array("searchName", ' ') || ARRAY['@' || "provinceCode", '#' || "areaCode"]));

DROP INDEX "Enrollee_searchName_words_idx";
