// npm run db:seed [-- --demo] — migrations + reference data (hierarchy, labour force, regulations);
// with --demo also the demo data set and users. Skips what is already there.
import "./load-env";
import { DatabaseLockedError } from "../lib/server/db/folder-lock";
import { setupDatabase } from "../lib/ops/seed/setup";

async function main() {
  await setupDatabase({ demo: process.argv.includes("--demo"), log: console.log });
}
main().catch((e) => {
  console.error(e instanceof DatabaseLockedError ? `error: ${e.message}` : e);
  process.exit(1);
});
