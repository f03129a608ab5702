// npx tsx scripts/perf/search-words.ts [--reps 20] [--out docs/benchmarks.md] [--block search-words] [--while "what else runs"]
//   (BENCH_DATABASE_URL or DATABASE_URL: PostgreSQL)
// Name search before/after the word index (ADR 1802), in SQL on one connection: each of the load test's
// names, nationwide and in Hà Nội, as the list's matches (count + first page in name order) with the
// trigram form (`"searchName" LIKE '%w%'` per word, ADR 0603) and with the word form (`&&` the words of
// "NameWord" containing w). Both must give the same count; the median and p95 of each, over all names and
// name by name (with its number of matches: what the list must count and rank), go to the
// <!-- search-words:begin/end --> block (or --block).
import "../load-env";
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { describeMachine, ms, replaceBlock, summarize } from "./stats";

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const REPS = Number(arg("reps", "20"));
const OUT = arg("out", "docs/benchmarks.md");
/** The marked block to replace: one per condition measured (quiet, under the load test). */
const BLOCK = arg("block", "search-words");
/** What else ran meanwhile (e.g. "npm run load -- --sessions 50"), written under the heading. */
const WHILE = arg("while", "");
const NAMES = [
  "nguyen van an",
  "tran thi lan",
  "le van hung",
  "pham thi hoa",
  "hoang minh",
  "vu thi mai",
  "dang van nam",
  "bui thi thu",
  "do van long",
  "ngo thi yen",
  "huong",
  "thanh tuan",
  "hoang minh hung", // npm run bench's nation-wide name
];
const SCOPES = [
  ["nation", "TRUE"],
  ["province 01", `e."provinceCode" = '01'`],
] as const;

function sql(form: "trigram" | "words", scope: string, words: string[]): { text: string; values: string[] } {
  const conds = words.map((_, i) =>
    form === "trigram"
      ? `e."searchName" LIKE $${i + 1}`
      : `string_to_array(e."searchName", ' ') && ARRAY(SELECT nw."word" FROM "NameWord" nw WHERE nw."word" LIKE $${i + 1})`,
  );
  return {
    text: `WITH m AS MATERIALIZED (SELECT e.id, e."searchName" FROM "Enrollee" e WHERE ${scope} AND ${conds.join(" AND ")})
           SELECT (SELECT count(*) FROM m)::int AS total, (SELECT array_agg(id) FROM (SELECT id FROM m ORDER BY "searchName", id LIMIT 50) p) AS page`,
    values: words.map((w) => `%${w}%`),
  };
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "";
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error("BENCH_DATABASE_URL (or DATABASE_URL) must be a PostgreSQL database");
  const pg = new Client({ connectionString: url });
  await pg.connect();
  const machine = await describeMachine(pg);
  const lines = ["| scope | form | queries | median ms | p95 ms | max ms |", "|---|---|---:|---:|---:|---:|"];
  let differ = 0;
  const perName = ["| scope | name | matches | trigram median / p95 ms | word index median / p95 ms |", "|---|---|---:|---:|---:|"];
  for (const [label, scope] of SCOPES) {
    const times: Record<string, number[]> = { trigram: [], words: [] };
    for (const name of NAMES) {
      const words = name.split(" ");
      const totals: Record<string, number> = {};
      const mine: Record<string, number[]> = { trigram: [], words: [] };
      for (const form of ["trigram", "words"] as const) {
        const q = sql(form, scope, words);
        await pg.query(q.text, q.values); // warm
        for (let i = 0; i < REPS; i++) {
          const t = performance.now();
          const r = await pg.query<{ total: number }>(q.text, q.values);
          mine[form].push(performance.now() - t);
          totals[form] = r.rows[0].total;
        }
        times[form].push(...mine[form]);
      }
      if (totals.trigram !== totals.words) differ++;
      const [tg, wd] = [summarize(mine.trigram), summarize(mine.words)];
      perName.push(`| ${label} | ${name} | ${totals.words.toLocaleString("en-US")} | ${ms(tg.median)} / ${ms(tg.p95)} | ${ms(wd.median)} / ${ms(wd.p95)} |`);
    }
    for (const form of ["trigram", "words"]) {
      const s = summarize(times[form]);
      lines.push(
        `| ${label} | ${form === "trigram" ? "trigram (before)" : "word index (after)"} | ${times[form].length} | ${ms(s.median)} | ${ms(s.p95)} | ${ms(s.max)} |`,
      );
    }
  }
  await pg.end();
  const body = [
    `### Name search before/after the word index (\`scripts/perf/search-words.ts\`) — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    ...machine,
    "",
    ...(WHILE
      ? [
          `Meanwhile: ${WHILE}. Load average at the end: ${os
            .loadavg()
            .map((x) => x.toFixed(1))
            .join(" / ")}.`,
          "",
        ]
      : []),
    `The load test's names and the bench's nation-wide name (${NAMES.length}) × ${REPS} runs per scope and form, in SQL on one connection (matches counted + first page in name order). Counts that differ between the forms: **${differ}**.`,
    "",
    ...lines,
    "",
    "Name by name:",
    "",
    ...perName,
  ].join("\n");
  const doc = fs.existsSync(OUT) ? fs.readFileSync(OUT, "utf8") : "# Benchmarks\n";
  fs.writeFileSync(OUT, replaceBlock(doc, BLOCK, body));
  console.log(body);
  if (differ) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
