// Runs each end-to-end spec file against its own copy of a freshly seeded demo database, so one
// journey's writes (a registration, a locked year, an ended contract) cannot change another's
// starting point. The demo data set is seeded once; each spec starts from a copy of that folder.
import "./load-env";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
// E2E_DATA_DIR and E2E_PORT (playwright.config.ts) let two runs share a machine without colliding.
const BASE = path.resolve(ROOT, process.env.E2E_DATA_DIR ?? path.join(".data", "e2e"));
const TEMPLATE = path.join(BASE, "template");
const RUN = path.join(BASE, "run");

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;
}

const specs = process.argv.slice(2).length
  ? process.argv.slice(2)
  : fs
      .readdirSync(path.join(ROOT, "tests", "e2e"))
      .filter((f) => f.endsWith(".spec.ts"))
      .sort()
      .map((f) => `tests/e2e/${f}`);

fs.rmSync(BASE, { recursive: true, force: true });
if (run("npx", ["tsx", "scripts/seed.ts", "--demo"], { DATABASE_URL: `file:${path.join(TEMPLATE, "pglite")}`, BCRYPT_COST: "8" }) !== 0) process.exit(1);

const failed: string[] = [];
for (const spec of specs) {
  fs.rmSync(RUN, { recursive: true, force: true });
  fs.cpSync(TEMPLATE, RUN, { recursive: true });
  console.log(`\n== ${spec}`);
  if (run("npx", ["playwright", "test", spec], { E2E_DATABASE_URL: `file:${path.join(RUN, "pglite")}`, E2E_PRESEEDED: "1" }) !== 0) failed.push(spec);
}
console.log(`\ne2e: ${specs.length - failed.length} passed, ${failed.length} failed`);
if (failed.length) console.log(`failed spec files: ${failed.join(", ")}`);
process.exit(failed.length ? 1 : 0);
