// npm run demo — the whole app on the embedded database with demo data, in one command:
// migrate + seed when needed, build when the sources changed, then `next start`.
import "./load-env";
import { DatabaseLockedError } from "../lib/server/db/folder-lock";
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { resolveDatabase } from "../lib/server/db/url";
import { setupDatabase } from "../lib/ops/seed/setup";
import { DEMO_COLLECTORS, DEMO_PASSWORD, DEMO_USERS } from "../lib/ops/seed/demo";

const ROOT = path.resolve(__dirname, "..");
const SOURCES = ["app", "components", "lib", "public", "proxy.ts", "next.config.ts", "package-lock.json", "postcss.config.mjs"];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

function needsBuild(): boolean {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(ROOT, s)) > built);
}

/** A random secret kept beside the data, so sessions survive restarts of the demo. */
function demoSecret(dataDir: string): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(dataDir, "nextauth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "127.0.0.1";
  const target = resolveDatabase();
  console.log(target.engine === "pglite" ? `Cơ sở dữ liệu nhúng (PGlite): ${target.dir}` : "Cơ sở dữ liệu PostgreSQL (DATABASE_URL)");
  await setupDatabase({ demo: true, log: (s) => console.log(`  ${s}`) });

  if (needsBuild()) {
    console.log("Đang build ứng dụng (next build)…");
    const r = spawnSync("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }

  const url = process.env.NEXTAUTH_URL ?? `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`;
  const dataDir = target.engine === "pglite" ? path.dirname(target.dir) : path.join(ROOT, ".data");
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_MANUAL_SIG_HANDLE: "1", NEXTAUTH_URL: url, NEXTAUTH_SECRET: demoSecret(dataDir) };
  const child = spawn("npx", ["next", "start", "-H", host, "-p", String(port)], { cwd: ROOT, stdio: "inherit", env });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  child.on("exit", (code) => process.exit(code ?? 0));

  console.log(`\nỨng dụng: ${url}   (mật khẩu chung / password: ${DEMO_PASSWORD})`);
  console.table([
    ...DEMO_USERS.map((u) => ({ login: u.login, password: DEMO_PASSWORD, role: u.role, unit: u.unitCode })),
    ...DEMO_COLLECTORS.map((c) => ({ login: c.login, password: DEMO_PASSWORD, role: "COLLECTOR", unit: c.areaCode })),
  ]);
}

main().catch((e) => {
  console.error(e instanceof DatabaseLockedError ? `error: ${e.message}` : e);
  process.exit(1);
});
