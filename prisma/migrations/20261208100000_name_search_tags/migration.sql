-- Name search with its scope and word pairs in the index (ADR 1803). The word index of ADR 1802 held the
-- words of each name; a search over a province found its names across the nation and then dropped the
-- other provinces' rows one by one, and a search of several common words ("tran thi lan") read the long
-- posting list of every word. This index holds, for each name:
--   - its words (as before);
--   - a tag, '@' || province (a name word has letters and digits only: a tag never equals a word), so
--     that a province's search asks the index for its tag with the words (an area, a few thousand people,
--     is read from its covering (areaCode, searchName, id) btree index, as before);
--   - every pair of two different words of the name, in byte order, joined by '+' ("lan+tran"): a name
--     holding every typed word is a name holding every pair of them, and a pair's posting list is a
--     small fraction of its words' (Trần 10 %, Lan 3 %, both 0.3 %).
-- One function computes it, for the index and for the queries (lib/server/enrollment/enrollees.ts
-- nameTags, which must pair the typed words the same way: byte order, hence COLLATE "C").
CREATE FUNCTION "name_search_tags"(search_name text, province text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT string_to_array(search_name, ' ')
    || ARRAY['@' || province]
    || COALESCE((SELECT array_agg(DISTINCT a.w || '+' || b.w)
                 FROM unnest(string_to_array(search_name, ' ')) a(w), unnest(string_to_array(search_name, ' ')) b(w)
                 WHERE a.w COLLATE "C" < b.w COLLATE "C"), '{}')
$$;

CREATE INDEX "Enrollee_searchTags_idx" ON "Enrollee"
  USING GIN ("name_search_tags"("searchName", "provinceCode"));

-- replaced: every search condition now names the function above
DROP INDEX "Enrollee_searchName_words_idx";
