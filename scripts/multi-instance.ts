// npm run multi-instance -- [--instances 3] [--sessions 200] [--seconds 60] [--pool 10] [--proxy-port 3250]
//                            [--fresh-db [--enrollees 30000] [--template db] [--keep-db]] [--build] [--no-kill] [--short] [--out docs/benchmarks.md]
// Several stateless app instances on one PostgreSQL behind nginx (issue 18, ADR 1801), reproducibly:
//  1. installs nginx from Debian's packages if it is missing (like .ci/run installs PostgreSQL);
//  2. builds once (`next build`, skipped when .next holds a build, unless --build);
//  3. runs the migrations once (with --fresh-db [--enrollees N]: creates the database "<name>_multi" beside
//     DATABASE_URL's, applies the migrations and generates N enrollees with seed:scale; dropped at the end
//     unless --keep-db);
//  4. starts N production instances (`next start`, ports proxy+1…proxy+N, the same DATABASE_URL and
//     NEXTAUTH_SECRET, DATABASE_POOL_SIZE each — refused if N × pool does not fit max_connections);
//  5. puts nginx in front: round-robin, no sticky sessions, X-Forwarded-For appended, TRUST_PROXY_HOPS=1;
//  6. checks: requests of one session reach every instance; an import previewed through one instance is
//     confirmed through another; a rate limit holds across the instances, even for a client forging
//     X-Forwarded-For; then the load test (scripts/load.ts) through the proxy while one instance is stopped
//     (SIGTERM) halfway and the others keep serving.
// Any failed check exits non-zero. --short (CI): 2 instances, 20 sessions, 5 s. Results go to `--out`
// between <!-- multi-instance:begin/end --> (the load test's table in <!-- multi-load:begin/end -->).
// DATABASE_URL must be a PostgreSQL server on loopback; the script runs as root to install nginx.
import "./load-env";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { DEMO_PASSWORD } from "../lib/ops/seed/demo";
import { Session } from "./perf/session";
import { replaceBlock } from "./perf/stats";
import { csvOf, person } from "../tests/fixtures/import";

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const arg = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const SHORT = flag("short");
const INSTANCES = Number(arg("instances", SHORT ? "2" : "3"));
const SESSIONS = Number(arg("sessions", SHORT ? "20" : "200"));
const SECONDS = Number(arg("seconds", SHORT ? "5" : "60"));
const POOL = Number(arg("pool", "10"));
const PROXY_PORT = Number(arg("proxy-port", "3250"));
const OUT = arg("out", SHORT ? path.join(os.tmpdir(), "multi-instance.md") : "docs/benchmarks.md");
const KILL = !flag("no-kill") && INSTANCES >= 2;
/** Enrollees generated in a --fresh-db. */
const ENROLLEES = Number(arg("enrollees", SHORT ? "3000" : "30000"));
/** The failed-authentication limit per address the instances run with, for the cross-instance check. */
const AUTH_FAILURES_LIMIT = 20;
const BASE = `http://127.0.0.1:${PROXY_PORT}`;
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), "multi-instance-"));

const children: { name: string; proc: ChildProcess }[] = [];
const lines: string[] = [];
let failures = 0;
const log = (s: string) => console.log(`[multi-instance] ${s}`);
function check(ok: boolean, what: string) {
  lines.push(`- ${ok ? "✓" : "**✗**"} ${what}`);
  log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
}

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status ?? r.signal})`);
}

/** nginx from Debian's packages, installed when missing (root only, like .ci/run installs PostgreSQL). */
function nginxBinary(): string {
  const found = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p));
  if (found) return found;
  if (process.getuid?.() !== 0) throw new Error("nginx is not installed: apt-get install nginx (as root), or run this script as root");
  log("installing nginx (Debian package)…");
  run("apt-get", ["update", "-qq"]);
  // policy-rc.d keeps the package from starting its own service on port 80
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "nginx"], { DEBIAN_FRONTEND: "noninteractive", RUNLEVEL: "1" });
  return "/usr/sbin/nginx";
}

function nginxConf(ports: number[], down?: number): string {
  const tmp = path.join(WORK, "nginx");
  for (const d of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) fs.mkdirSync(path.join(tmp, d), { recursive: true, mode: 0o777 });
  return `# written by scripts/multi-instance.ts
${process.getuid?.() === 0 ? "user root;" : ""}
worker_processes 2;
pid ${tmp}/nginx.pid;
error_log ${tmp}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${tmp}/body;
  proxy_temp_path ${tmp}/proxy;
  fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi;
  scgi_temp_path ${tmp}/scgi;
  # the app's instances: round-robin (nginx's default), no stickiness; one that refuses connections is
  # skipped for 10 s and the request goes to the next (a refused connection never reached the app, so even
  # a POST is passed on; a request already sent is retried only if idempotent)
  upstream app {
${ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s${p === down ? " down" : ""};`).join("\n")}
  }
  server {
    listen 127.0.0.1:${PROXY_PORT};
    client_max_body_size 25m;       # the app refuses uploads over SPREADSHEET_MAX_BYTES (20 MB) itself
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;                              # same-origin checks see the public host
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;   # the client's address (TRUST_PROXY_HOPS=1)
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_buffering off;                                          # the import's NDJSON progress lines
      proxy_request_buffering off;
      proxy_read_timeout 300s;
      proxy_next_upstream error timeout http_502;
      add_header X-Upstream $upstream_addr always;                  # which instance answered (for the checks)
    }
  }
}
`;
}

function start(name: string, cmd: string, args: string[], env: Record<string, string>): ChildProcess {
  const out = fs.openSync(path.join(WORK, `${name}.log`), "a");
  const proc = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", out, out], detached: true });
  children.push({ name, proc });
  return proc;
}

function stop(proc: ChildProcess, signal: NodeJS.Signals = "SIGTERM") {
  if (proc.exitCode === null && proc.pid) {
    try {
      process.kill(-proc.pid, signal); // its process group: `next start` and anything it spawned
    } catch {
      /* already gone */
    }
  }
}

async function waitFor(url: string, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    try {
      const r = await fetch(url, { redirect: "manual" });
      if (r.status < 500) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${seconds} s (logs in ${WORK})`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function readNdjson(res: Response): Promise<{ type: string; [k: string]: unknown }[]> {
  return (await res.text())
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { type: string });
}

async function main() {
  const dbUrl = process.env.DATABASE_URL ?? "";
  if (!/^postgres(ql)?:\/\//.test(dbUrl)) throw new Error("DATABASE_URL must be the PostgreSQL database (e.g. postgresql://postgres@127.0.0.1:5432/bhxh)");
  const t0 = Date.now();
  const nginx = nginxBinary();

  // ---- build once
  if (flag("build") || !fs.existsSync(".next/BUILD_ID")) {
    log("building (next build)…");
    run("npx", ["next", "build"]);
  } else log(`reusing the build in .next (${fs.readFileSync(".next/BUILD_ID", "utf8").trim()})`);

  // ---- the database: migrations once (and the demo data set on a fresh one)
  let url = dbUrl;
  let dropAfter: string | null = null;
  if (flag("fresh-db")) {
    const u = new URL(dbUrl);
    const name = `${u.pathname.slice(1) || "postgres"}_multi`.replace(/[^a-z0-9_]/gi, "_");
    const admin = new Client({ connectionString: dbUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    // --template: a copy of an already migrated database with the reference data (CI: the integration tests' template)
    const template = arg("template", "");
    await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template.replace(/[^a-z0-9_]/gi, "")}` : ""}`);
    await admin.end();
    u.pathname = `/${name}`;
    url = u.toString();
    dropAfter = name;
    // the scale generator's bulk load (seconds, unlike the demo set's row by row): Hà Nội, Quảng Ninh and
    // Nghệ An with the demo logins the load test signs in with, lapsed people to pay for, agents, targets
    log(`fresh database ${name}: migrations, reference data, ${ENROLLEES} generated enrollees…`);
    run("npx", ["tsx", "scripts/seed-scale.ts", "--enrollees", String(ENROLLEES), "--years", "2", "--provinces", "01,22,40"], { DATABASE_URL: url });
  } else {
    log("migrations (once, before the instances start)…");
    run("npx", ["tsx", "scripts/migrate.ts"], { DATABASE_URL: url });
  }
  const pg = new Client({ connectionString: url });
  await pg.connect();
  const maxConnections = Number((await pg.query<{ max_connections: string }>("SHOW max_connections")).rows[0].max_connections);
  // the instances' pools, plus the load test's checks and this script (a few), plus superuser_reserved (3)
  const needed = INSTANCES * POOL + 10;
  if (needed > maxConnections)
    throw new Error(`${INSTANCES} instances × pool ${POOL} (+10) = ${needed} > max_connections ${maxConnections}: lower --pool or raise max_connections`);
  const setupSeconds = (Date.now() - t0) / 1000;

  // ---- the instances and the proxy
  const secret = crypto.randomBytes(32).toString("base64");
  const ports = Array.from({ length: INSTANCES }, (_, i) => PROXY_PORT + 1 + i);
  const instanceEnv = {
    NODE_ENV: "production",
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: String(POOL),
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: BASE,
    TRUST_PROXY_HOPS: "1",
    API_RATE_LIMIT_PER_MINUTE: "0",
    API_AUTH_FAILURES_PER_MINUTE: String(AUTH_FAILURES_LIMIT),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const nextBin = path.resolve("node_modules/next/dist/bin/next");
  const procs = ports.map((port, i) => start(`app-${i + 1}`, process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], instanceEnv));
  fs.writeFileSync(path.join(WORK, "nginx.conf"), nginxConf(ports));
  run(nginx, ["-t", "-q", "-c", path.join(WORK, "nginx.conf")]);
  const proxy = start("nginx", nginx, ["-c", path.join(WORK, "nginx.conf"), "-g", "daemon off;"], {});
  await Promise.all(ports.map((p) => waitFor(`http://127.0.0.1:${p}/login`, 120)));
  await waitFor(`${BASE}/login`, 30);
  log(`${INSTANCES} instances on ${ports.join(", ")} behind nginx on ${PROXY_PORT} (logs in ${WORK})`);

  // ---- round-robin without stickiness: one session's requests reach every instance
  const staff = await new Session(BASE, "cs.badinh").signIn(process.env.BENCH_PASSWORD ?? DEMO_PASSWORD);
  const seen = new Set<string>();
  let okReads = 0;
  for (let i = 0; i < 4 * INSTANCES; i++) {
    const r = await staff.send("/api/v1/enrollees?q=nguyen");
    if (r.status === 200) okReads++;
    seen.add(r.headers.get("x-upstream") ?? "?");
    await r.arrayBuffer();
  }
  check(
    okReads === 4 * INSTANCES && seen.size === INSTANCES,
    `one signed-in session's ${4 * INSTANCES} requests through the proxy answered 200 by all ${INSTANCES} instances (${[...seen].sort().join(", ")}): no sticky sessions, one cookie valid everywhere`,
  );

  // ---- an import previewed through one instance, confirmed through another
  const serial = Date.now() % 900_000;
  const rows = [person(serial, "00004"), person(serial + 1, "00008"), person(serial + 2, "00004", { sex: "?" })];
  const form = new FormData();
  form.append("file", new Blob([csvOf(rows) as BlobPart]), "nhieu-may.csv");
  const up = await staff.send("/api/imports/upload", { method: "POST", body: form });
  const upstream = up.headers.get("x-upstream") ?? "";
  const previewEvents = await readNdjson(up);
  const preview = previewEvents.find((e) => e.type === "preview") as { summary: { jobId: string; valid: number; rejected: number } } | undefined;
  check(
    up.status === 200 && !!preview && preview.summary.rejected === 1,
    `import preview through the proxy (answered by ${upstream}): ${preview ? `${preview.summary.valid} valid, ${preview.summary.rejected} rejected` : `HTTP ${up.status} ${JSON.stringify(previewEvents).slice(0, 200)}`}`,
  );
  if (preview) {
    const other = ports.find((p) => !upstream.endsWith(`:${p}`)) ?? ports[0];
    const conf = await staff.send(
      "/api/imports/confirm",
      { method: "POST", body: JSON.stringify({ jobId: preview.summary.jobId }), headers: { "content-type": "application/json" } },
      `http://127.0.0.1:${other}`,
    );
    const done = (await readNdjson(conf)).find((e) => e.type === "done") as { result: { created: number } } | undefined;
    const job = (
      await pg.query<{ status: string; upload: boolean }>(`SELECT status, upload IS NOT NULL AS upload FROM "ImportJob" WHERE id = $1`, [preview.summary.jobId])
    ).rows[0];
    check(
      !!done && done.result.created === preview.summary.valid && job?.status === "imported" && !job.upload,
      `the same job confirmed through another instance (127.0.0.1:${other}): ${done ? `${done.result.created} created` : `HTTP ${conf.status}`}; job ${job?.status}, staged bytes deleted`,
    );
    const report = await staff.send(`/imports/report?job=${preview.summary.jobId}&format=csv`);
    check(
      report.status === 200 && (await report.text()).includes(rows[2].personalId!),
      `its rejected-rows report read through the proxy (${report.headers.get("x-upstream")})`,
    );
  }

  // ---- a rate limit that holds across the instances (and cannot be dodged with a forged X-Forwarded-For)
  const codes: number[] = [];
  const limitSeen = new Set<string>();
  for (let i = 0; i < 3 * AUTH_FAILURES_LIMIT; i++) {
    const headers: Record<string, string> = { authorization: "Bearer bhxh_not-a-real-token" };
    if (i % 2) headers["x-forwarded-for"] = `203.0.113.${i}`; // forged: further left than what nginx appends
    const r = await fetch(`${BASE}/api/v1/enrollees`, { headers });
    codes.push(r.status);
    limitSeen.add(r.headers.get("x-upstream") ?? "?");
    await r.arrayBuffer();
  }
  const refusedAuth = codes.filter((c) => c === 401).length;
  const limited = codes.filter((c) => c === 429).length;
  check(
    refusedAuth === AUTH_FAILURES_LIMIT && limited === codes.length - AUTH_FAILURES_LIMIT && limitSeen.size === INSTANCES,
    `failed authentications from one address through ${limitSeen.size} instances, half with a forged X-Forwarded-For: ${refusedAuth} answered 401, then ${limited} answered 429 — the limit (${AUTH_FAILURES_LIMIT}/min) holds across instances, not ${limitSeen.size} × it`,
  );
  // ---- the load test through the proxy, one instance stopped halfway
  log(`load: ${SESSIONS} sessions for ${SECONDS} s through the proxy${KILL ? `; stopping instance ${INSTANCES} after ${Math.round(SECONDS / 2)} s` : ""}`);
  const load = spawn("npx", ["tsx", "scripts/load.ts", "--sessions", String(SESSIONS), "--seconds", String(SECONDS), "--out", OUT, "--block", "multi-load"], {
    env: { ...process.env, BENCH_URL: BASE, BENCH_DATABASE_URL: url },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let killedAt = "";
  let killer: NodeJS.Timeout | null = null;
  // the clock starts when the load test has signed in its users and starts its sessions (its first line)
  load.stdout!.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (KILL && !killer && chunk.toString().includes("sessions for")) {
      killer = setTimeout(
        () => {
          killedAt = new Date().toISOString().slice(11, 19);
          // a rolling stop: nginx stops sending it new requests (reload: the old workers finish theirs), then
          // SIGTERM (`next start` finishes the requests it has, then exits). A crash (SIGKILL) would fail the
          // non-idempotent requests in flight on it with 502 (nginx does not replay a POST): docs/benchmarks.md.
          log(`stopping instance ${INSTANCES} (port ${ports[INSTANCES - 1]}): out of nginx, then SIGTERM, while the load runs`);
          fs.writeFileSync(path.join(WORK, "nginx.conf"), nginxConf(ports, ports[INSTANCES - 1]));
          spawnSync(nginx, ["-c", path.join(WORK, "nginx.conf"), "-s", "reload"], { stdio: "inherit" });
          setTimeout(() => stop(procs[INSTANCES - 1], "SIGTERM"), 2_000);
        },
        (SECONDS * 1000) / 2,
      );
    }
  });
  const loadCode = await new Promise<number>((res) => load.on("exit", (c) => res(c ?? 1)));
  if (killer) clearTimeout(killer as NodeJS.Timeout);
  check(
    loadCode === 0,
    `load test through the proxy (${SESSIONS} sessions, ${SECONDS} s): ${loadCode === 0 ? "zero errors, figures equal to SQL, payments recorded exactly once" : `**exit ${loadCode}** (see its table)`}`,
  );
  if (KILL) {
    const gone = procs[INSTANCES - 1];
    await new Promise((r) => setTimeout(r, 500));
    check(
      !!killedAt && gone.exitCode !== null,
      `instance ${INSTANCES} stopped at ${killedAt || "?"} UTC mid-run (exit ${gone.exitCode ?? gone.signalCode ?? "still running"}); the others kept serving`,
    );
    const after = new Set<string>();
    let okAfter = 0;
    for (let i = 0; i < 3 * INSTANCES; i++) {
      const r = await staff.send("/api/v1/enrollees?q=tran");
      if (r.status === 200) okAfter++;
      after.add(r.headers.get("x-upstream") ?? "?");
      await r.arrayBuffer();
    }
    check(okAfter === 3 * INSTANCES, `after the stop: ${okAfter}/${3 * INSTANCES} requests answered 200, by ${[...after].sort().join(", ")}`);
  }

  await pg.end();

  // ---- report
  const doc = fs.existsSync(OUT) ? fs.readFileSync(OUT, "utf8") : "# Benchmarks\n";
  const head = [
    `### \`npm run multi-instance${SHORT ? " -- --short" : ""}\` — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    `- ${INSTANCES} production instances (\`next start\`) behind nginx ${spawnSync(nginx, ["-v"], { encoding: "utf8" }).stderr.trim().replace("nginx version: ", "")} (round-robin, no sticky sessions, \`TRUST_PROXY_HOPS=1\`), one PostgreSQL (max_connections ${maxConnections}, pool ${POOL} per instance = ${INSTANCES * POOL});`,
    `  ${os.cpus().length} CPU cores (${os.cpus()[0]?.model ?? "?"}), ${Math.round(os.totalmem() / 2 ** 30)} GB; set-up (build reused or made, migrations, data) ${setupSeconds.toFixed(0)} s`,
    "",
  ];
  fs.writeFileSync(OUT, replaceBlock(doc, "multi-instance", [...head, ...lines].join("\n")));
  log(`written to ${OUT}`);
  if (dropAfter && !flag("keep-db")) {
    stopAll();
    const admin = new Client({ connectionString: dbUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dropAfter} WITH (FORCE)`);
    await admin.end();
  }
  void proxy;
}

function stopAll() {
  for (const c of children) stop(c.proc, "SIGTERM");
}

main()
  .then(() => {
    stopAll();
    log(failures ? `${failures} check(s) failed` : "all checks passed");
    process.exit(failures ? 1 : 0);
  })
  .catch((e) => {
    stopAll();
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
