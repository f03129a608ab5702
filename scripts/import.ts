// npm run db:import -- <file[.gz]>
// Loads a db:export file into DATABASE_URL, which must be empty: applies this version's migrations,
// then every table in one transaction (all or nothing), sequences carried over. The export must come
// from the same version of the app. See docs/operations.md.
import "./load-env";
import { importDatabase, openForMove } from "../lib/ops/backup";
import { parseArgs, printCounts, runMain } from "./backup-cli";

runMain(async () => {
  const { file } = parseArgs("usage: npm run db:import -- <file.jsonl.gz>   (into an empty database)");
  const { conn } = await openForMove(undefined, { log: console.log });
  try {
    const started = Date.now();
    const counts = await importDatabase(conn, file, { log: console.log });
    console.log(`imported ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s:`);
    printCounts(counts);
  } finally {
    await conn.close();
  }
});
