// npm run seed:scale -- --enrollees 3000000 --years 5 [--provinces all|01,40] [--seed 42] [--as-of yyyy-mm-dd]
//                       [--batch 5000] [--reset] [--no-defer-indexes] [--keep-triggers] [--aggregates-later] [--report | --report-only]
// Fills DATABASE_URL (PostgreSQL, or a PGlite folder at small sizes) with national-scale data:
// migrations and reference data first when missing, then lib/ops/seed/scale.ts. See docs/features/scale.md.
import "./load-env";
import { todayInVietnam, isIsoDate } from "../lib/domain/dates";
import { Client } from "pg";
import { fromPg } from "../lib/server/db/sql";
import { bulkConnection, pgliteBulkConnection, type BulkConnection } from "../lib/server/db/bulk";
import type { PrismaClient } from "../generated/prisma/client";
import { openPGlite } from "../lib/server/db/pglite-adapter";
import { fromPGlite } from "../lib/server/db/sql";
import { resolveDatabase } from "../lib/server/db/url";
import { createPrisma } from "../lib/server/db/client";
import { setupDatabase } from "../lib/ops/seed/setup";
import { DEMO_PASSWORD, DEMO_USERS } from "../lib/ops/seed/demo";
import { generateScaleData, resetScaleData } from "../lib/ops/seed/scale";
import { formatScaleReport, scaleReport } from "../lib/ops/seed/scale-report";

function args() {
  const argv = process.argv.slice(2);
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const int = (name: string, dflt: number) => {
    const v = value(name);
    if (v === undefined) return dflt;
    const x = Number(v.replace(/_/g, ""));
    if (!Number.isInteger(x) || x < 0) throw new Error(`--${name} must be a whole number (got ${v})`);
    return x;
  };
  const provinces = value("provinces");
  const asOf = value("as-of") ?? todayInVietnam();
  if (!isIsoDate(asOf)) throw new Error(`--as-of must be yyyy-mm-dd (got ${asOf})`);
  return {
    enrollees: int("enrollees", 300_000),
    years: int("years", 5),
    provinces:
      !provinces || provinces === "all"
        ? undefined
        : provinces
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
    seed: int("seed", 42),
    batchSize: int("batch", 5000),
    asOf,
    reset: argv.includes("--reset"),
    deferIndexes: !argv.includes("--no-defer-indexes"),
    keepTriggers: argv.includes("--keep-triggers"),
    aggregatesLater: argv.includes("--aggregates-later"),
    report: argv.includes("--report") || argv.includes("--report-only"),
    reportOnly: argv.includes("--report-only"),
  };
}

async function main() {
  const a = args();
  const url = process.env.DATABASE_URL ?? "";
  const target = resolveDatabase(url);
  console.log(target.engine === "postgres" ? `PostgreSQL: ${url.replace(/\/\/[^@]*@/, "//…@")}` : `PGlite: ${target.dir}`);
  if (!a.reportOnly) await setupDatabase({ demo: false, url, log: (s) => console.log(`  ${s}`) });

  // PostgreSQL: a dedicated connection (one transaction, COPY). PGlite: one instance per folder and
  // process, so Prisma (reads) and the bulk writes (COPY from a Blob) share it.
  let prisma: PrismaClient;
  let conn: BulkConnection;
  if (target.engine === "postgres") {
    prisma = createPrisma(url);
    const client = new Client({ connectionString: target.url });
    await client.connect();
    conn = bulkConnection(client, fromPg(client));
  } else {
    const pglite = openPGlite(target.dir);
    await pglite.waitReady;
    prisma = createPrisma(pglite);
    conn = pgliteBulkConnection(pglite, fromPGlite(pglite));
  }
  try {
    if (!a.reportOnly) {
      if (a.reset) {
        console.log("--reset: xoá dữ liệu do bộ sinh tạo (giữ danh mục, người dùng, nhật ký).");
        await resetScaleData(conn);
      }
      const fresh =
        Number((await conn.query<{ n: string }>(`SELECT (SELECT count(*) FROM "Enrollee") + (SELECT count(*) FROM "Contribution") AS n`))[0].n) === 0;
      const deferIndexes = a.deferIndexes && !a.keepTriggers && fresh;
      console.log(
        `Sinh ${a.enrollees.toLocaleString("en-US")} người tham gia, ${a.years} năm đến ${a.asOf}, tỉnh: ${a.provinces?.join(",") ?? "tất cả"}, seed ${a.seed}, lô ${a.batchSize}${deferIndexes ? ", tạo chỉ mục sau khi nạp" : ""}`,
      );
      const options = {
        enrollees: a.enrollees,
        years: a.years,
        provinces: a.provinces,
        seed: a.seed,
        asOf: a.asOf,
        batchSize: a.batchSize,
        password: process.env.SCALE_PASSWORD || DEMO_PASSWORD,
        bulkChecks: !a.keepTriggers,
        deferIndexes,
        aggregatesLater: a.aggregatesLater && !a.keepTriggers,
        log: console.log,
      };
      const r = await generateScaleData(prisma, conn, { ...options, transaction: "own" });
      const rows = r.enrollees + r.contributions;
      console.log(
        `Xong: ${r.enrollees.toLocaleString("en-US")} người tham gia, ${r.contributions.toLocaleString("en-US")} khoản đóng, ${r.agents.toLocaleString("en-US")} đại lý, ` +
          `${r.conferences.toLocaleString("en-US")} hội nghị, ${r.targets.toLocaleString("en-US")} chỉ tiêu. Nạp ${r.seconds.load.toFixed(1)} s ` +
          `(${Math.round(rows / r.seconds.load).toLocaleString("en-US")} dòng/s), kiểm tra ${r.seconds.checks.toFixed(1)} s, chỉ mục ${r.seconds.indexes.toFixed(1)} s, ` +
          `bảng tổng hợp ${r.seconds.aggregates.toFixed(1)} s, tổng ${r.seconds.total.toFixed(1)} s.`,
      );
      console.log(`Người dùng (mật khẩu ${process.env.SCALE_PASSWORD ? "SCALE_PASSWORD" : DEMO_PASSWORD}):`);
      console.table(DEMO_USERS.map((u) => ({ login: u.login, role: u.role, unit: u.unitCode })));
    }
    if (a.report) for (const line of formatScaleReport(await scaleReport(conn, a.asOf))) console.log(line);
  } finally {
    await conn.close();
    await prisma.$disconnect();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
