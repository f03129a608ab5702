// npx tsx scripts/perf/embedded.ts <pglite folder> [--runs 10] [--out docs/benchmarks.md]
// How the embedded database (PGlite, one process) serves a generated data set: the server
// functions the pages call, timed in-process (no HTTP) — the hierarchy browser's children with
// counts for the nation and a province, the overview of the nation and of a province, and enrollee
// searches. Appends a row per data set to docs/benchmarks.md between <!-- embedded:begin/end -->.
import "../load-env";
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { todayInVietnam } from "../../lib/domain/dates";
import { createPrisma } from "../../lib/server/db/client";
import { scopeOfUnit, type Principal } from "../../lib/server/auth/authz";
import { listChildrenWithStats } from "../../lib/server/units/browser";
import { getOverview } from "../../lib/server/dashboard/overview";
import { listEnrollees } from "../../lib/server/enrollment/enrollees";
import { ms, summarize } from "./stats";

const argv = process.argv.slice(2);
const dir = argv[0];
const arg = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const RUNS = Number(arg("runs", "10"));
const OUT = arg("out", "docs/benchmarks.md");

function dirSize(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  return st.isDirectory() ? fs.readdirSync(p).reduce((s, f) => s + dirSize(`${p}/${f}`), 0) : st.size;
}

async function main() {
  if (!dir) throw new Error("usage: tsx scripts/perf/embedded.ts <pglite folder>");
  const t0 = performance.now();
  const db = createPrisma(`file:${dir}`);
  const [enrollees, contributions] = await Promise.all([db.enrollee.count(), db.contribution.count()]);
  const openMs = performance.now() - t0;
  const principal = async (login: string): Promise<Principal> => {
    const u = await db.user.findUniqueOrThrow({ where: { login }, include: { unit: true } });
    return { userId: u.id, login: u.login, name: u.name, role: u.role, unitCode: u.unitCode, scope: scopeOfUnit(u.unit), locale: "vi" };
  };
  const [admin, province, area] = [await principal("admin"), await principal("tinh.hanoi"), await principal("cs.badinh")];
  const today = todayInVietnam();
  const cases: [string, () => Promise<unknown>][] = [
    ["hierarchy browser: the 34 provinces with counts", () => listChildrenWithStats(db, admin, "VN", today)],
    ["hierarchy browser: the areas of Hà Nội with counts", () => listChildrenWithStats(db, province, "01", today)],
    ["overview: nation", () => getOverview(db, admin, { unit: "VN", date: today })],
    ["overview: Hà Nội", () => getOverview(db, province, { unit: "01", date: today })],
    ["search a name in an area", () => listEnrollees(db, area, { q: "nguyen van an" }, { today })],
    ["search a name in a province", () => listEnrollees(db, province, { q: "tran thi lan" }, { today })],
    ["search a name nationwide", () => listEnrollees(db, admin, { q: "hoang minh hung" }, { today })],
  ];
  const results: string[] = [];
  for (const [name, f] of cases) {
    await f(); // warm-up
    const t: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await f();
      t.push(performance.now() - s);
    }
    const sum = summarize(t);
    results.push(`${ms(sum.median)} / ${ms(sum.p95)}`);
    console.log(`${name}: median ${ms(sum.median)} ms, p95 ${ms(sum.p95)} ms`);
  }
  await db.$disconnect();
  const size = `${(dirSize(dir) / 2 ** 20).toFixed(0)} MB`;
  const row = `| ${enrollees.toLocaleString("en-US")} | ${contributions.toLocaleString("en-US")} | ${size} | ${(openMs / 1000).toFixed(1)} | ${results.join(" | ")} | ${os.loadavg()[0].toFixed(1)} |`;
  const header = [
    "| enrollees | contributions | folder | open + first query s | browser: provinces | browser: Hà Nội areas | overview: nation | overview: Hà Nội | search: area | search: province | search: nation | load avg |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const doc = fs.existsSync(OUT) ? fs.readFileSync(OUT, "utf8") : "# Benchmarks\n";
  const begin = "<!-- embedded:begin -->";
  const end = "<!-- embedded:end -->";
  let body: string[];
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  if (i >= 0 && j > i) {
    const old = doc
      .slice(i + begin.length, j)
      .trim()
      .split("\n")
      .filter((l) => l.startsWith("| ") && /^\| [\d,]+ \|/.test(l));
    const kept = old.filter((l) => !l.startsWith(`| ${enrollees.toLocaleString("en-US")} |`));
    body = [...header, ...[...kept, row].sort((a, b) => Number(a.split("|")[1].replace(/\D/g, "")) - Number(b.split("|")[1].replace(/\D/g, "")))];
    fs.writeFileSync(OUT, doc.slice(0, i) + `${begin}\n${body.join("\n")}\n${end}` + doc.slice(j + end.length));
  } else {
    body = [...header, row];
    fs.writeFileSync(OUT, `${doc.trimEnd()}\n\n${begin}\n${body.join("\n")}\n${end}\n`);
  }
  console.log(`median / p95 ms per call, ${RUNS} runs:\n${body.join("\n")}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
