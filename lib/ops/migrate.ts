// Applies prisma/migrations/*/migration.sql in order, each in its own transaction, and records
// them in Prisma's own `_prisma_migrations` table so `prisma migrate status` still understands
// the database. Works the same on PGlite and PostgreSQL (docs/decisions/0002-migrations.md).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { SqlConnection } from "../server/db/sql";

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma", "migrations");

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export type Migration = { name: string; sql: string; checksum: string };

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((d) => /^\d{14}_/.test(d) && fs.existsSync(path.join(dir, d, "migration.sql")))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

/** Applies what is pending; returns the names applied. Refuses to run if an applied file changed. */
export async function migrate(conn: SqlConnection, dir = MIGRATIONS_DIR): Promise<string[]> {
  await conn.exec(CREATE_TABLE);
  const applied = new Map(
    (
      await conn.query<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      )
    ).map((r) => [r.migration_name, r.checksum]),
  );
  const done: string[] = [];
  for (const m of readMigrations(dir)) {
    const known = applied.get(m.name);
    if (known) {
      if (known !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied`);
      continue;
    }
    await conn.exec("BEGIN");
    try {
      await conn.exec(m.sql);
      await conn.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), now(), 1)`,
        [crypto.randomUUID(), m.checksum, m.name],
      );
      await conn.exec("COMMIT");
    } catch (e) {
      await conn.exec("ROLLBACK");
      throw new Error(`migration ${m.name} failed: ${(e as Error).message}`);
    }
    done.push(m.name);
  }
  return done;
}
