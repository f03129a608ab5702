// npx tsx scripts/perf/slow-link.ts [--base http://127.0.0.1:3000] [--login cs.badinh] [--runs 3] [--out docs/benchmarks.md]
// The field pages on a slow link (issue 12, item 5): Chromium with CDP network throttling (400 kbit/s down
// and up, 400 ms round trip), a 390×844 phone. For the worklist (/field) and the registration form
// (/enrollees/new) it measures, per run, the time from navigation start until the page is usable (its
// main element visible and the page hydrated: the header's offline status says data-ready="1" only once
// React has run and the offline runtime knows the user) and the bytes transferred:
//   cold       a fresh browser profile, no HTTP cache, no service worker;
//   installed  the service worker installed and its caches warm (one visit online before).
// Needs a running app (`npm run demo`, or `npx next start` on a seeded database) and Debian's chromium.
// Appends the table to docs/benchmarks.md between <!-- slow-link:begin/end -->.
import fs from "node:fs";
import os from "node:os";
import { chromium, type BrowserContext, type CDPSession, type Page } from "@playwright/test";

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const BASE = arg("base", "http://127.0.0.1:3000");
const LOGIN = arg("login", "cs.badinh");
const PASSWORD = arg("password", "Demo@2026");
const RUNS = Number(arg("runs", "3"));
const OUT = arg("out", "docs/benchmarks.md");
const KBIT = 400;
const RTT_MS = 400;

const PAGES = [
  { name: "worklist (/field)", path: "/field", ready: "[data-testid=field-title]" },
  { name: "registration form (/enrollees/new)", path: "/enrollees/new", ready: "[data-testid=enrollee-form] [data-testid=submit]" },
];

async function signIn(page: Page) {
  await page.goto(`${BASE}/login`);
  await page.locator("input[name=login]").fill(LOGIN);
  await page.locator("input[name=password]").fill(PASSWORD);
  await page.getByTestId("login-form").locator("button[type=submit]").click();
  await page.getByTestId("user-name").waitFor({ state: "attached", timeout: 60_000 });
}

async function throttle(cdp: CDPSession) {
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: RTT_MS,
    downloadThroughput: (KBIT * 1000) / 8,
    uploadThroughput: (KBIT * 1000) / 8,
  });
}

/** Navigates and answers [ms until usable, bytes transferred over the network]. */
async function measure(page: Page, cdp: CDPSession, path: string, ready: string): Promise<[number, number]> {
  let bytes = 0;
  const onDone = (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength);
  cdp.on("Network.loadingFinished", onDone);
  const t0 = Date.now();
  await page.goto(`${BASE}${path}`, { waitUntil: "commit", timeout: 120_000 });
  await page.locator(ready).first().waitFor({ state: "visible", timeout: 120_000 });
  await page.locator("[data-testid=offline-status][data-ready='1']").waitFor({ state: "attached", timeout: 120_000 });
  const t = Date.now() - t0;
  await page.waitForLoadState("load").catch(() => undefined);
  cdp.off("Network.loadingFinished", onDone);
  return [t, bytes];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function run() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
  });
  const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" };
  const rows: { page: string; mode: string; ms: number[]; bytes: number[] }[] = [];
  for (const p of PAGES) {
    const cold = { page: p.name, mode: "cold (no cache, no service worker)", ms: [] as number[], bytes: [] as number[] };
    const installed = { page: p.name, mode: "installed (service worker, warm caches)", ms: [] as number[], bytes: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      // cold: a new profile; sign in unthrottled (not measured), then drop the HTTP cache
      {
        const ctx: BrowserContext = await browser.newContext({ ...phone, serviceWorkers: "block" });
        const page = await ctx.newPage();
        await signIn(page);
        const cdp = await ctx.newCDPSession(page);
        await cdp.send("Network.clearBrowserCache");
        await throttle(cdp);
        const [ms, b] = await measure(page, cdp, p.path, p.ready);
        cold.ms.push(ms);
        cold.bytes.push(b);
        await ctx.close();
      }
      // installed: sign in, visit once so the worker installs and keeps the shell and the page, then throttle
      {
        const ctx = await browser.newContext({ ...phone, serviceWorkers: "allow" });
        const page = await ctx.newPage();
        await signIn(page);
        await page.goto(`${BASE}${p.path}`);
        await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
        await page.reload(); // now controlled: the static files go through the worker into its cache
        await page.locator(p.ready).first().waitFor();
        await page.waitForTimeout(1000);
        const cdp = await ctx.newCDPSession(page);
        await throttle(cdp);
        const [ms, b] = await measure(page, cdp, p.path, p.ready);
        installed.ms.push(ms);
        installed.bytes.push(b);
        await ctx.close();
      }
    }
    rows.push(cold, installed);
  }
  await browser.close();

  const when = new Date().toISOString().slice(0, 16).replace("T", " ");
  const load = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" / ");
  const table = [
    `Run ${when} UTC against ${BASE} as ${LOGIN}; ${KBIT} kbit/s each way, ${RTT_MS} ms round trip (CDP); ${RUNS} runs each, median (all runs); load average ${load}.`,
    "",
    "| page | mode | usable after (median) | runs | transferred (median) |",
    "|---|---|---:|---|---:|",
    ...rows.map(
      (r) =>
        `| ${r.page} | ${r.mode} | ${(median(r.ms) / 1000).toFixed(2)} s | ${r.ms.map((x) => (x / 1000).toFixed(2)).join(", ")} s | ${Math.round(median(r.bytes) / 1024)} KB |`,
    ),
  ].join("\n");
  console.log(table);
  if (OUT && fs.existsSync(OUT)) {
    const doc = fs.readFileSync(OUT, "utf8");
    const begin = "<!-- slow-link:begin -->",
      end = "<!-- slow-link:end -->";
    const next = doc.includes(begin)
      ? doc.replace(new RegExp(`${begin}[\\s\\S]*?${end}`), `${begin}\n${table}\n${end}`)
      : `${doc.trimEnd()}\n\n## Field pages on a slow link (issue 12)\n\n${begin}\n${table}\n${end}\n`;
    fs.writeFileSync(OUT, next);
  }
}

run().catch((e) => {
  console.error(e);
  process.exit(1);
});
