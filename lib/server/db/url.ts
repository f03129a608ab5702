import path from "node:path";
import { config } from "../env";

/** Which engine a DATABASE_URL selects: a real PostgreSQL server, or the embedded PGlite folder. */
export type DatabaseTarget = { engine: "postgres"; url: string } | { engine: "pglite"; dir: string };

export const DEFAULT_PGLITE_DIR = ".data/pglite";

export function resolveDatabase(url = config().DATABASE_URL ?? "", pgliteDir = config().PGLITE_DIR): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(url)) return { engine: "postgres", url };
  const dir = url.startsWith("file:") ? url.slice(5) : pgliteDir || DEFAULT_PGLITE_DIR;
  // the folder is data, not code: keep the bundler from tracing it
  return { engine: "pglite", dir: path.resolve(/* turbopackIgnore: true */ process.cwd(), dir) };
}
