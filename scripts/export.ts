// npm run db:export -- <file[.gz]> [--force]
// Every table of DATABASE_URL as JSON lines (gzip if the name ends in .gz), engine-independent:
// with db:import it moves a deployment from the embedded database to PostgreSQL (or back).
// On PostgreSQL it may run while the app runs (one consistent snapshot); the embedded database
// must be stopped. See docs/operations.md.
import "./load-env";
import { exportDatabase, openForMove } from "../lib/ops/backup";
import { parseArgs, printCounts, runMain } from "./backup-cli";

runMain(async () => {
  const { file, force } = parseArgs("usage: npm run db:export -- <file.jsonl.gz> [--force]");
  const { conn, engine } = await openForMove(undefined, { mustExist: true, force, log: console.log });
  try {
    const counts = await exportDatabase(conn, file, { force, engine });
    console.log(`exported to ${file}:`);
    printCounts(counts);
  } finally {
    await conn.close();
  }
});
