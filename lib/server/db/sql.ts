// A tiny common interface over the two engines' raw connections, used by the migration
// runner, the bulk seed and backups — things Prisma's query API is not made for.
import type { PGlite } from "@electric-sql/pglite";
import type { Client } from "pg";

export interface SqlConnection {
  /** Runs a script of several statements (no parameters). */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export function fromPGlite(db: PGlite, closeIt = true): SqlConnection {
  return {
    exec: async (sql) => void (await db.exec(sql)),
    query: async <T>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows,
    close: async () => {
      if (closeIt && !db.closed) await db.close();
    },
  };
}

export function fromPg(client: Client): SqlConnection {
  return {
    exec: async (sql) => void (await client.query(sql)),
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    close: () => client.end(),
  };
}
