// npm run db:restore -- <file> [--force]
// Restores a backup made by db:backup into DATABASE_URL, which must be empty (a new folder, or a
// new PostgreSQL database). --force moves an existing embedded folder aside (kept, not deleted) or
// replaces the PostgreSQL database's contents. The app must be stopped. See docs/operations.md.
import "./load-env";
import { restoreDatabase } from "../lib/ops/backup";
import { parseArgs, printCounts, runMain } from "./backup-cli";

runMain(async () => {
  const { file, force } = parseArgs("usage: npm run db:restore -- <file> [--force]   (the app must be stopped)");
  const r = await restoreDatabase({ file, force, log: console.log });
  console.log(`restored ${file} into the ${r.engine === "pglite" ? "embedded database" : "PostgreSQL database"}`);
  if (r.movedAside) console.log(`the previous database is kept in ${r.movedAside}`);
  if (r.counts) {
    console.log("rows per table:");
    printCounts(r.counts);
  }
  if (r.pendingMigrations.length)
    console.log(`the backup predates ${r.pendingMigrations.length} migration(s) of this version: run npm run db:migrate before starting the app`);
});
