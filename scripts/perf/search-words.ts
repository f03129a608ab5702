// npx tsx --conditions=react-server scripts/perf/search-words.ts [--reps 20] [--out docs/benchmarks.md] [--block search-words] [--while "what else runs"]
//   (BENCH_DATABASE_URL or DATABASE_URL: PostgreSQL)
// Name search before/after the word index (ADR 1802) and the cap (ADR 1803), on one connection: each of
// the load test's names, nationwide and in Hà Nội, as the list's matches (count + first page in name order)
// with the trigram form (`"searchName" LIKE '%w%'` per word, ADR 0603) and with the word form (`&&` the
// words of "NameWord" containing w), both in SQL; and as the list is today: `listEnrollees` itself (the
// matches collected group by group up to SEARCH_MATCH_CAP + 1, ranked, the page's rows read and joined).
// The two SQL forms must give the same count, and the list min(count, cap) with `capped` when above; the
// median and p95 of each, over all names and name by name (with its number of matches), go to the
// <!-- search-words:begin/end --> block (or --block).
import "../load-env";
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { todayInVietnam } from "../../lib/domain/dates";
import { createPrisma } from "../../lib/server/db/client";
import { listEnrollees, nameTags } from "../../lib/server/enrollment/enrollees";
import { SEARCH_MATCH_CAP } from "../../lib/validation/enrollee-filter";
import { benchPrincipal } from "./principals";
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
  ["nation", "TRUE", benchPrincipal({ level: "NATION" }, "ADMIN")],
  ["province 01", `e."provinceCode" = '01'`, benchPrincipal({ level: "PROVINCE", provinceCode: "01" }, "PROVINCE_OFFICER")],
] as const;
const FORMS = ["trigram", "words", "list"] as const;
const FORM_LABEL = { trigram: "trigram (before)", words: "word index (after)", list: "the list, capped (listEnrollees)" };

function sql(form: "trigram" | "words", scope: string, words: string[]): { text: string; values: string[] } {
  const conds = words.map((_, i) =>
    form === "trigram" ? `e."searchName" LIKE $${i + 1}` : `${nameTags().sql} && ARRAY(SELECT nw."word" FROM "NameWord" nw WHERE nw."word" LIKE $${i + 1})`,
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
  const db = createPrisma(url);
  const today = todayInVietnam();
  const lines = ["| scope | form | queries | median ms | p95 ms | max ms |", "|---|---|---:|---:|---:|---:|"];
  let differ = 0;
  const perName = [
    "| scope | name | matches | trigram median / p95 ms | word index median / p95 ms | the list (capped) median / p95 ms |",
    "|---|---|---:|---:|---:|---:|",
  ];
  for (const [label, scope, p] of SCOPES) {
    const times: Record<string, number[]> = { trigram: [], words: [], list: [] };
    for (const name of NAMES) {
      const words = name.split(" ");
      const totals: Record<string, number> = {};
      const mine: Record<string, number[]> = { trigram: [], words: [], list: [] };
      let capped = false;
      for (const form of FORMS) {
        const run = async () => {
          if (form === "list") {
            const page = await listEnrollees(db, p, { q: name }, { today });
            capped = page.capped;
            return page.total;
          }
          const q = sql(form, scope, words);
          return (await pg.query<{ total: number }>(q.text, q.values)).rows[0].total;
        };
        await run(); // warm
        for (let i = 0; i < REPS; i++) {
          const t = performance.now();
          totals[form] = await run();
          mine[form].push(performance.now() - t);
        }
        times[form].push(...mine[form]);
      }
      if (totals.trigram !== totals.words) differ++;
      if (totals.list !== Math.min(totals.words, SEARCH_MATCH_CAP) || capped !== totals.words > SEARCH_MATCH_CAP) differ++;
      const [tg, wd, ls] = [summarize(mine.trigram), summarize(mine.words), summarize(mine.list)];
      perName.push(
        `| ${label} | ${name} | ${totals.words.toLocaleString("en-US")} | ${ms(tg.median)} / ${ms(tg.p95)} | ${ms(wd.median)} / ${ms(wd.p95)} | ${ms(ls.median)} / ${ms(ls.p95)} |`,
      );
    }
    for (const form of FORMS) {
      const s = summarize(times[form]);
      lines.push(`| ${label} | ${FORM_LABEL[form]} | ${times[form].length} | ${ms(s.median)} | ${ms(s.p95)} | ${ms(s.max)} |`);
    }
  }
  await db.$disconnect();
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
    `The load test's names and the bench's nation-wide name (${NAMES.length}) × ${REPS} runs per scope and form, one at a time: the two SQL forms on one connection (matches counted + first page in name order), the list through \`listEnrollees\` (Prisma, the app's pool; counts up to ${SEARCH_MATCH_CAP.toLocaleString("en-US")}, ADR 1803). Counts that differ (the SQL forms from each other, the list from min(count, cap)): **${differ}**.`,
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
