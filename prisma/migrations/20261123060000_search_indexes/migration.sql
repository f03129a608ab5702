-- Enrollee search (ADR 0603): every word of a name typed without diacritics is matched with
-- `"searchName" LIKE '%word%'`, within the caller's scope, sorted by name, with a total.
-- A trigram index serves those patterns over a province or the nation (a B-tree cannot);
-- covering (areaCode|provinceCode, searchName, id) indexes keep an area's search an index-only
-- scan in page order. PGlite loads the extension where it is opened (lib/server/pglite-adapter.ts).

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- DropIndex
DROP INDEX "Enrollee_areaCode_searchName_idx";

-- DropIndex
DROP INDEX "Enrollee_provinceCode_searchName_idx";

-- CreateIndex
CREATE INDEX "Enrollee_areaCode_searchName_id_idx" ON "Enrollee"("areaCode", "searchName", "id");

-- CreateIndex
CREATE INDEX "Enrollee_provinceCode_searchName_id_idx" ON "Enrollee"("provinceCode", "searchName", "id");

-- CreateIndex
CREATE INDEX "Enrollee_searchName_idx" ON "Enrollee" USING GIN ("searchName" gin_trgm_ops);
