// Raw connections for scripts (migrate, seed, backup): never used by the running app.
import { Client } from "pg";
import { resolveDatabase } from "../server/db/url";
import { config } from "../server/env";
import { openPGlite } from "../server/db/pglite-adapter";
import { fromPg, fromPGlite, type SqlConnection } from "../server/db/sql";

export async function openSql(url = config().DATABASE_URL ?? ""): Promise<SqlConnection> {
  const target = resolveDatabase(url);
  if (target.engine === "postgres") {
    const client = new Client({ connectionString: target.url });
    await client.connect();
    return fromPg(client);
  }
  const pg = openPGlite(target.dir);
  await pg.waitReady;
  return fromPGlite(pg);
}
