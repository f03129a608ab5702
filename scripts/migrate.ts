// npm run db:migrate — applies pending migrations to DATABASE_URL (PGlite folder or PostgreSQL).
import "./load-env";
import { openSql } from "../lib/ops/connect";
import { migrate } from "../lib/ops/migrate";

async function main() {
  const sql = await openSql();
  try {
    const applied = await migrate(sql);
    console.log(applied.length ? `applied: ${applied.join(", ")}` : "no pending migrations");
  } finally {
    await sql.close();
  }
}
main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
