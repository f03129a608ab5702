// Runs each end-to-end spec file against its own copy of a freshly seeded demo database, so one
// journey's writes (a registration, a locked year, an ended contract) cannot change another's
// starting point. The demo data set is seeded once; each spec starts from a copy of that folder.
//
// E2E_JOBS (default 4; a journey mostly waits — 2 at a time kept 2 cores a third busy) spec files run at once, each with its own server port (E2E_PORT + slot), its own
// copy of the database and its own Playwright output folder; a spec's output is printed whole when it
// ends, so the log reads spec by spec. The longest journeys start first; the phone walk (read only, in
// Playwright's parallel mode) runs as SHARDS separate shards, each against its own server; the short spec
// files in TOGETHER share one server and one copy of the database, one after another.
import "./load-env";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
// E2E_DATA_DIR and E2E_PORT (playwright.config.ts) let two runs share a machine without colliding.
const BASE = path.resolve(ROOT, process.env.E2E_DATA_DIR ?? path.join(".data", "e2e"));
const TEMPLATE = path.join(BASE, "template");
const PORT = Number(process.env.E2E_PORT ?? 3107);
const JOBS = Math.max(1, Number(process.env.E2E_JOBS ?? 4));
/** Spec files that take longest, started first so the run does not end on one long journey alone. */
const LONG_FIRST = [
  "phone",
  "walk-through",
  "targets-allocation",
  "agents-reference",
  "commissions",
  "sign-in-and-hierarchy",
  "trust-audit",
  "dashboard",
  "enrollment-desk",
];
/** Spec files split into shards (`--shard=i/n`): their tests must be independent (mode "parallel"). */
const SHARDS: Record<string, number> = { phone: 2 };
/** Short spec files that run one after another against one server and one copy of the database (in this
 *  order): each reads what the demo data holds or writes only what none of the others reads (the last one
 *  registers a person), and a server's start and first pages cost as much as one of them. */
const TOGETHER = ["commissions", "dashboard-map", "paperwork", "targets-users", "tk1", "trust-hostile"];

// --build: `next build` runs while the demo data is seeded (the seed is one PGlite thread; the build has the other core)
const BUILD = process.argv.includes("--build");
const args = process.argv.slice(2).filter((a) => a !== "--build");
const specs = args.length
  ? args
  : fs
      .readdirSync(path.join(ROOT, "tests", "e2e"))
      .filter((f) => f.endsWith(".spec.ts"))
      .sort()
      .map((f) => `tests/e2e/${f}`);
const rank = (spec: string) => {
  const i = LONG_FIRST.indexOf(path.basename(spec, ".spec.ts"));
  return i < 0 ? LONG_FIRST.length : i;
};
type Job = { spec: string; shard?: string; more?: string[] };
const together = specs.filter((spec) => TOGETHER.includes(path.basename(spec, ".spec.ts")));
const queue: Job[] = [...specs]
  .filter((spec) => !together.slice(1).includes(spec))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  .flatMap((spec) => {
    if (spec === together[0]) return [{ spec, more: together.slice(1) }];
    const n = SHARDS[path.basename(spec, ".spec.ts")] ?? 1;
    return n === 1 ? [{ spec }] : Array.from({ length: n }, (_, i) => ({ spec, shard: `${i + 1}/${n}` }));
  });

/** Runs a command to its end, its output prefixed; resolves to its exit code. */
function step(label: string, cmd: string, cmdArgs: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    const prefix = (d: Buffer) => d.toString().replace(/^(?=.)/gm, `[${label}] `);
    child.stdout.on("data", (d: Buffer) => process.stdout.write(prefix(d)));
    child.stderr.on("data", (d: Buffer) => process.stderr.write(prefix(d)));
    child.on("close", (code) => resolve(code ?? 1));
  });
}

async function prepare(): Promise<void> {
  fs.rmSync(BASE, { recursive: true, force: true });
  const started = Date.now();
  const [seeded, built] = await Promise.all([
    step("seed", "npx", ["tsx", "scripts/seed.ts", "--demo"], { ...process.env, DATABASE_URL: `file:${path.join(TEMPLATE, "pglite")}`, BCRYPT_COST: "8" }),
    BUILD ? step("build", "npx", ["next", "build"]) : Promise.resolve(0),
  ]);
  console.log(`\n== seed${BUILD ? " and build" : ""}: ${Math.round((Date.now() - started) / 1000)} s`);
  if (seeded !== 0 || built !== 0) process.exit(1);
}

function runSpec({ spec, shard, more = [] }: Job, slot: number): Promise<boolean> {
  const run = path.join(BASE, `run-${slot}`);
  fs.rmSync(run, { recursive: true, force: true });
  fs.cpSync(TEMPLATE, run, { recursive: true });
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn("npx", ["playwright", "test", spec, ...more, ...(shard ? [`--shard=${shard}`] : [])], {
      cwd: ROOT,
      env: {
        ...process.env,
        E2E_PORT: String(PORT + slot),
        E2E_DATABASE_URL: `file:${path.join(run, "pglite")}`,
        E2E_PRESEEDED: "1",
        E2E_OUTPUT_DIR: path.join("test-results", `slot-${slot}`),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("close", (code) => {
      const secs = Math.round((Date.now() - started) / 1000);
      const name = shard ? `${spec} shard ${shard}` : [spec, ...more].join(" + ");
      console.log(`\n== ${name} (${code === 0 ? "passed" : "FAILED"}, ${secs} s, port ${PORT + slot})\n${out}`);
      resolve(code === 0);
    });
  });
}

async function main() {
  await prepare();
  const failed: string[] = [];
  const worker = async (slot: number) => {
    for (let job = queue.shift(); job; job = queue.shift())
      if (!(await runSpec(job, slot))) failed.push(job.shard ? `${job.spec} (shard ${job.shard})` : [job.spec, ...(job.more ?? [])].join(" + "));
  };
  await Promise.all(Array.from({ length: Math.min(JOBS, queue.length) }, (_, slot) => worker(slot)));
  console.log(`\ne2e: ${specs.length} spec files, ${failed.length} runs failed (${JOBS} at a time)`);
  if (failed.length) console.log(`failed spec files: ${failed.sort().join(", ")}`);
  process.exit(failed.length ? 1 : 0);
}

void main();
