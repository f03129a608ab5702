// The migration history must build exactly the database that schema.prisma describes:
// we compare the catalog of a database built from prisma/migrations with one built from the
// SQL Prisma generates for the schema as it is now (a forgotten migration fails here).
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { migrate } from "@/lib/ops/migrate";
import { PGLITE_EXTENSIONS } from "@/lib/server/db/pglite-adapter";
import { fromPGlite } from "@/lib/server/db/sql";
import { testEngine } from "./engine";

/** Indexes on expressions, written by hand in a migration (ADR 1803: the name search tag index). */
const HAND_INDEXES = ["Enrollee_searchTags_idx"];

async function catalog(pg: PGlite) {
  const q = async (sql: string) => (await pg.query<Record<string, unknown>>(sql)).rows.map((r) => JSON.stringify(r)).sort();
  return {
    columns: await q(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    ),
    // expression indexes are added by hand in migrations (schema.prisma cannot express them): listed in
    // HAND_INDEXES, checked to exist below, left out of the comparison
    indexes: await q(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' AND indexname NOT IN (${HAND_INDEXES.map((i) => `'${i}'`).join(", ")})`,
    ),
    // CHECK constraints are added by hand in migrations (schema.prisma cannot express them): not compared here
    constraints: await q(
      `SELECT conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' AND c.contype <> 'c' AND conrelid::regclass::text <> '"_prisma_migrations"' AND conrelid::regclass::text <> '_prisma_migrations'`,
    ),
    enums: await q(`SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid`),
  };
}

// It builds both databases on PGlite whatever the engine under test: the PostgreSQL run (CI) would only repeat it.
describe.runIf(testEngine() === "pglite")("migrations", () => {
  it("build the same schema as schema.prisma", async () => {
    const fromSchema = execFileSync("npx", ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
      env: { ...process.env, PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    const a = new PGlite({ extensions: PGLITE_EXTENSIONS });
    const b = new PGlite({ extensions: PGLITE_EXTENSIONS });
    const applied = await migrate(fromPGlite(a, false));
    expect(applied.length).toBeGreaterThan(0);
    await b.exec(fromSchema);
    expect(await catalog(a)).toEqual(await catalog(b));
    const hand = await a.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`);
    for (const name of HAND_INDEXES) expect(hand.rows.map((r) => r.indexname)).toContain(name);
    // applying again is a no-op
    expect(await migrate(fromPGlite(a, false))).toEqual([]);
    await a.close();
    await b.close();
  }, 300_000);
});
