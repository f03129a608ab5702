import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "./db";
import { createAgent, principalFor } from "../fixtures/factories";
import { csvOf, person, type RowSpec } from "../fixtures/import";
import { IMPORT_BATCH_ROWS, runImport } from "@/lib/server/imports/imports";
import type { Principal } from "@/lib/server/auth/authz";

const ROWS = Number(process.env.IMPORT_LARGE_ROWS ?? 50_000);
let t: TestDb;
let badinh: Principal;

beforeAll(async () => {
  t = await freshDb();
  badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
});
afterAll(async () => {
  await t.close();
});

describe(`a ${ROWS.toLocaleString("en-US")}-row CSV`, () => {
  it("imports in one transaction without holding the file's rows in memory; time and peak memory are printed", async () => {
    const agent = await createAgent(t.prisma, "00004");
    const communes = ["00004", "00008", "00025"];
    // built in chunks of 5,000 rows so the test itself does not hold 50,000 row objects
    const parts: Uint8Array[] = [];
    for (let start = 0; start < ROWS; start += 5_000) {
      const rows: RowSpec[] = [];
      for (let i = start; i < Math.min(ROWS, start + 5_000); i++) {
        // a third pay their first contribution in the same file
        const pay = i % 3 === 0;
        rows.push(
          person(
            i + 1,
            communes[i % 3],
            pay ? { agentCode: agent.code, method: "Tiền mặt", receiptNo: `BL-${i + 1}`, paidOn: "15/08/2025", enrolledOn: "" } : {},
          ),
        );
      }
      const chunk = csvOf(rows, { bom: start === 0 });
      // keep the header line of the first chunk only
      parts.push(start === 0 ? chunk : chunk.subarray(chunk.indexOf(10) + 1));
    }
    const data = new Uint8Array(Buffer.concat(parts));
    parts.length = 0;
    const expectedPayments = Math.ceil(ROWS / 3);

    global.gc?.();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    const sample = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 50);
    const started = performance.now();
    let progressCalls = 0;
    const r = await runImport(t.prisma, badinh, { name: "lon.csv", data }, { onProgress: () => void progressCalls++ });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sample);

    console.log(
      `[import-large] ${ROWS} rows (${(data.byteLength / 1024 / 1024).toFixed(1)} MB CSV, ${expectedPayments} payments) in ${seconds.toFixed(1)} s ` +
        `= ${Math.round(ROWS / seconds)} rows/s; heap ${(base.heapUsed / 1024 / 1024).toFixed(0)} MB before, peak ${(peakHeap / 1024 / 1024).toFixed(0)} MB; ` +
        `RSS ${(base.rss / 1024 / 1024).toFixed(0)} MB before, peak ${(peakRss / 1024 / 1024).toFixed(0)} MB (PGlite's memory included)`,
    );

    expect(r).toMatchObject({ total: ROWS, created: ROWS, contributions: expectedPayments, rejected: 0, duplicates: 0 });
    const n = await t.prisma.$queryRaw<
      { e: bigint; c: bigint }[]
    >`SELECT (SELECT count(*) FROM "Enrollee" WHERE "areaCode" = '001') e, (SELECT count(*) FROM "Contribution" WHERE "areaCode" = '001') c`;
    expect(Number(n[0].e)).toBe(ROWS);
    expect(Number(n[0].c)).toBe(expectedPayments);
    expect(progressCalls).toBe(Math.ceil(ROWS / IMPORT_BATCH_ROWS));
    // bounded: the heap never grows by anything near the size of the rows as objects
    expect(peakHeap - base.heapUsed).toBeLessThan(400 * 1024 * 1024);
    // the goal is ~60 s on an idle 2-core machine; the bound only catches a pathological slowdown
    // (on a machine shared with parallel builds the same import took ~285 s)
    expect(seconds).toBeLessThan(Number(process.env.IMPORT_LARGE_MAX_SECONDS ?? 600));
  }, 900_000);
});
