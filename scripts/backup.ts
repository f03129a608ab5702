// npm run db:backup -- <file> [--force]
// The database of DATABASE_URL into <file>: the embedded database's folder as a gzip tarball
// (STOP THE APP FIRST — an open embedded database is refused), or PostgreSQL with pg_dump -Fc
// (online, consistent). --force overwrites an existing <file>. See docs/operations.md.
import "./load-env";
import { backupDatabase } from "../lib/ops/backup";
import { parseArgs, printCounts, runMain } from "./backup-cli";

runMain(async () => {
  const { file, force } = parseArgs("usage: npm run db:backup -- <file> [--force]   (embedded database: stop the app first)");
  const r = await backupDatabase({ file, force, log: console.log });
  console.log(
    `backup of the ${r.engine === "pglite" ? "embedded database" : "PostgreSQL database"} written to ${file} (${(r.bytes / 1024 / 1024).toFixed(1)} MB)`,
  );
  if (r.counts) {
    console.log("rows per table:");
    printCounts(r.counts);
  }
});
