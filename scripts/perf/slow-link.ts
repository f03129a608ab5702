// npx tsx scripts/perf/slow-link.ts --base http://127.0.0.1:3203 --upstream http://127.0.0.1:13203 [--login cs.badinh] [--runs 3] [--out docs/benchmarks.md]
// The field pages on a slow link (issue 12, item 5): a 390×844 phone in Chromium behind a link of
// 400 kbit/s each way with 400 ms round trips. For the worklist (/field) and the registration form
// (/enrollees/new) it measures, per run, from navigation start (the page's own clock, performance.now()):
//   content visible  the page's main element (the worklist's title, the form's submit button) painted, as
//                    the browser reports it (Element Timing; nothing is painted before the stylesheet has
//                    arrived, so this is what the user sees). The worklist's
//                    links — call (tel:), SMS (sms:), Zalo, the person, the renewal — are plain links
//                    rendered by the server: they work from this moment, before any script has run;
//                    The registration form posts itself to its server action then (ADR 1203): the column
//                    "works without scripts" checks its hidden $ACTION fields at that paint; "usable" is the
//                    first paint where that holds (every run), else the hydration;
//   hydrated         React has run and the offline runtime knows the user (the header's offline status says
//                    data-ready="1"): the forms validate and queue offline, the pending badge is live;
// and the bytes transferred (what crossed the link, both ways, counted by the link itself), in two modes:
//   cold       a fresh browser profile, no HTTP cache, no service worker;
//   installed  the service worker installed and its caches warm (one visit online before).
//
// The link: a TCP proxy in this script between Chromium and the app (--base is the proxy's address, the
// URL the browser uses; --upstream the app's). Every connection pays a round trip to open, every byte
// waits for its turn on a shared 50 kB/s pipe in its direction plus half a round trip. Unlike Chromium's
// per-page throttling, it slows the service worker's own requests too. Signing in and warming the caches
// go through it unthrottled. Start the app with NEXTAUTH_URL set to the --base URL.
// Needs a running app on a seeded database (`npm run demo` data) and Debian's chromium.
// Writes the table to docs/benchmarks.md between <!-- slow-link:begin/end -->.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const BASE = arg("base", "http://127.0.0.1:3203");
const UPSTREAM = new URL(arg("upstream", "http://127.0.0.1:13203"));
const LOGIN = arg("login", "cs.badinh");
const PASSWORD = arg("password", "Demo@2026");
const RUNS = Number(arg("runs", "3"));
const OUT = arg("out", "docs/benchmarks.md");
const KBIT = 400;
const RTT_MS = 400;

// form: the page's form that must work without scripts (the worklist's job is done by its links)
const PAGES = [
  { name: "worklist (/field)", path: "/field", main: "[data-testid=field-title]", form: "" },
  {
    name: "registration form (/enrollees/new)",
    path: "/enrollees/new",
    main: "[data-testid=enrollee-form] [data-testid=submit]",
    form: "[data-testid=enrollee-form]",
  },
];
const HYDRATED = "[data-testid=offline-status][data-ready='1']";

/** One direction of the link: a pipe of KBIT kbit/s, each byte delivered half a round trip after it has gone through. */
class Pipe {
  private free = 0;
  // what crosses this direction, in the order sent, each with the time it arrives (never decreasing): one
  // timer delivers them in that order. (A timer per segment could fire out of order — Node's timers count
  // from the loop's cached clock — and a reordered or early-ended stream is a broken response.)
  private queue: { at: number; run: () => void }[] = [];
  private timer: NodeJS.Timeout | null = null;
  constructor(private link: Link) {}
  send(chunk: Buffer, deliver: (b: Buffer) => void) {
    for (let i = 0; i < chunk.length; i += 1460) this.segment(chunk.subarray(i, i + 1460), deliver);
  }
  /** runs `fn` after everything sent so far in this direction has arrived */
  after(fn: () => void) {
    const now = Date.now();
    this.schedule(this.link.slow ? Math.max(now, this.free) + RTT_MS / 2 : now, fn);
  }
  private segment(b: Buffer, deliver: (b: Buffer) => void) {
    this.link.bytes += b.length;
    const now = Date.now();
    if (!this.link.slow) {
      this.link.lastByteAt = now;
      return this.schedule(now, () => deliver(b));
    }
    const start = Math.max(now, this.free);
    this.free = start + b.length / ((KBIT * 1000) / 8 / 1000);
    this.link.lastByteAt = Math.max(this.link.lastByteAt, this.free + RTT_MS / 2);
    this.schedule(this.free + RTT_MS / 2, () => deliver(b));
  }
  private schedule(at: number, run: () => void) {
    const last = this.queue[this.queue.length - 1];
    if (!last && at <= Date.now()) return run();
    this.queue.push({ at: Math.max(at, last?.at ?? 0), run });
    this.pump();
  }
  private pump() {
    if (this.timer || this.queue.length === 0) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        const now = Date.now();
        while (this.queue.length > 0 && this.queue[0].at <= now) this.queue.shift()!.run();
        this.pump();
      },
      Math.max(0, this.queue[0].at - Date.now()),
    );
  }
}

class Link {
  slow = false;
  bytes = 0;
  /** when the last byte was (or will be) delivered */
  lastByteAt = 0;
  private sockets = new Set<net.Socket>();
  private up = new Pipe(this);
  private down = new Pipe(this);
  private server = net.createServer((client) => this.connect(client));
  listen(port: number, host: string) {
    return new Promise<void>((resolve) => this.server.listen(port, host, resolve));
  }
  close() {
    this.drop();
    this.server.close();
  }
  /** closes every open connection: a phone that opens the app after a while has none */
  drop() {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }
  /** resolves once nothing has crossed the link for `quietMs` */
  async idle(quietMs = 1500, maxMs = 60_000) {
    const until = Date.now() + maxMs;
    while (Date.now() < until && Date.now() - this.lastByteAt < quietMs) await new Promise((r) => setTimeout(r, 200));
  }
  private connect(client: net.Socket) {
    client.pause();
    const upstream = net.connect(Number(UPSTREAM.port), UPSTREAM.hostname);
    this.sockets.add(client);
    client.on("close", () => this.sockets.delete(client));
    const open = () => client.resume();
    // opening a connection costs a round trip (SYN, SYN-ACK)
    if (this.slow) setTimeout(open, RTT_MS);
    else open();
    client.on("data", (b) => this.up.send(b, (x) => upstream.write(x)));
    upstream.on("data", (b) => this.down.send(b, (x) => client.write(x)));
    client.on("end", () => this.up.after(() => upstream.end()));
    upstream.on("end", () => this.down.after(() => client.end()));
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
  }
}

async function signIn(page: Page) {
  await page.goto(`${BASE}/login`);
  await page.locator("input[name=login]").fill(LOGIN);
  await page.locator("input[name=password]").fill(PASSWORD);
  await page.getByTestId("login-form").locator("button[type=submit]").click();
  await page.getByTestId("user-name").waitFor({ state: "attached", timeout: 60_000 });
}

/**
 * Installed in every page of a context: notes, on the page's clock, when the main element is first painted
 * (Element Timing: the element is marked `elementtiming` as soon as the parser inserts it, and the browser
 * reports when its text was painted) and when the page has hydrated (the header's data-ready turns "1").
 */
function marker(sel: { main: string; hydrated: string; form: string }) {
  const w = window as unknown as { __slow: { visible?: number; hydrated?: number; links?: number; posts?: boolean } };
  w.__slow = {};
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { identifier?: string; renderTime?: number })[]) {
      if (e.identifier !== "slow-link-main" || w.__slow.visible !== undefined) continue;
      w.__slow.visible = e.renderTime || e.startTime;
      w.__slow.links = document.querySelectorAll("a[href^='tel:'], a[href^='sms:']").length;
      // a form the browser posts to its server action by itself (React renders the action's hidden fields)
      const form = sel.form ? document.querySelector(sel.form) : null;
      w.__slow.posts = !!form && form.getAttribute("method")?.toLowerCase() === "post" && !!form.querySelector("input[type='hidden'][name^='$ACTION']");
    }
  }).observe({ type: "element", buffered: true });
  new MutationObserver(() => {
    const el = document.querySelector(sel.main);
    if (el && !el.hasAttribute("elementtiming")) el.setAttribute("elementtiming", "slow-link-main");
    if (w.__slow.hydrated === undefined && document.querySelector(sel.hydrated)) w.__slow.hydrated = performance.now();
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-ready"] });
}

type Sample = { visible: number; hydrated: number; bytes: number; links: number; posts: boolean };

/** Navigates over the slow link and answers when the page's main element was painted and when it hydrated. */
async function measure(link: Link, page: Page, path: string): Promise<Sample> {
  await link.idle(500);
  link.drop();
  link.slow = true;
  link.bytes = 0;
  await page.goto(`${BASE}${path}`, { waitUntil: "commit", timeout: 120_000 });
  await page
    .waitForFunction(
      () => {
        const s = (window as unknown as { __slow?: { visible?: number; hydrated?: number } }).__slow;
        return s?.visible !== undefined && s.hydrated !== undefined;
      },
      undefined,
      { timeout: 120_000, polling: 100 },
    )
    .catch(async (e: unknown) => {
      const seen = await page.evaluate(() => JSON.stringify((window as unknown as { __slow?: unknown }).__slow)).catch(() => "?");
      throw new Error(`${path}: no paint or no hydration within 120 s (seen: ${seen}; at ${page.url()})`, { cause: e });
    });
  const s = await page.evaluate(() => (window as unknown as { __slow: { visible: number; hydrated: number; links: number; posts: boolean } }).__slow);
  // what the page and its worker still load after hydrating (lazy code, the scope's reference data, the
  // worker's refresh of its copy) counts in the bytes
  await page.waitForLoadState("networkidle", { timeout: 60_000 }).catch(() => undefined);
  await link.idle();
  const bytes = link.bytes;
  link.slow = false;
  return { visible: Math.round(s.visible), hydrated: Math.round(s.hydrated), bytes, links: s.links, posts: s.posts };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" };

async function newContext(browser: Browser, p: (typeof PAGES)[number], serviceWorkers: "allow" | "block"): Promise<BrowserContext> {
  const ctx = await browser.newContext({ ...phone, serviceWorkers });
  await ctx.addInitScript(marker, { main: p.main, hydrated: HYDRATED, form: p.form });
  return ctx;
}

async function run() {
  const base = new URL(BASE);
  const link = new Link();
  await link.listen(Number(base.port), base.hostname);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
  });
  const loadBefore = os.loadavg();
  const rows: { page: string; mode: string; samples: Sample[] }[] = [];
  for (const p of PAGES) {
    const cold = { page: p.name, mode: "cold (no cache, no service worker)", samples: [] as Sample[] };
    const installed = { page: p.name, mode: "installed (service worker, warm caches)", samples: [] as Sample[] };
    for (let i = 0; i < RUNS; i++) {
      // cold: a new profile; sign in at full speed (not measured), then drop the HTTP cache
      {
        const ctx = await newContext(browser, p, "block");
        const page = await ctx.newPage();
        await signIn(page);
        // the landing page's scripts, also those it loads after hydrating, must be in before the cache is
        // dropped: one arriving later would sit in it and make the measured load partly warm
        await page.waitForLoadState("networkidle").catch(() => undefined);
        await link.idle(1000);
        await page.goto("about:blank");
        const cdp = await ctx.newCDPSession(page);
        await cdp.send("Network.enable");
        await cdp.send("Network.clearBrowserCache");
        cold.samples.push(await measure(link, page, p.path));
        await ctx.close();
      }
      // installed: sign in, visit once so the worker installs and keeps the shell and the page, then again over the slow link
      {
        const ctx = await newContext(browser, p, "allow");
        const page = await ctx.newPage();
        await signIn(page);
        await page.goto(`${BASE}${p.path}`);
        await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
        await page.reload(); // now controlled: the static files go through the worker into its cache
        await page.locator(HYDRATED).waitFor({ state: "attached" });
        await page.waitForLoadState("networkidle").catch(() => undefined);
        await page.waitForTimeout(1000);
        installed.samples.push(await measure(link, page, p.path));
        await ctx.close();
      }
    }
    rows.push(cold, installed);
  }
  await browser.close();
  link.close();

  const when = new Date().toISOString().slice(0, 16).replace("T", " ");
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(" / ");
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const table = [
    `Run ${when} UTC against ${BASE} as ${LOGIN}; ${KBIT} kbit/s each way, ${RTT_MS} ms round trip (a TCP proxy: page and service worker alike); ${RUNS} runs each, median; load average ${load(loadBefore)} at the start, ${load(os.loadavg())} at the end (1 / 5 / 15 min) on ${os.cpus().length} CPUs.`,
    "",
    "| page | mode | content visible (median) | hydrated (median) | usable (median) | runs: visible / hydrated | works without scripts at first paint | transferred (median) |",
    "|---|---|---:|---:|---:|---|---|---:|",
    ...rows.map((r) => {
      const v = r.samples.map((x) => x.visible);
      const h = r.samples.map((x) => x.hydrated);
      const runs = r.samples.map((x) => `${s(x.visible)} / ${s(x.hydrated)}`).join("; ");
      // usable: from first paint when what the page is for works without its scripts (every run), else once hydrated
      const early = r.samples.every((x) => x.links > 0 || x.posts);
      const works = r.samples.every((x) => x.posts)
        ? "yes: the form posts itself"
        : r.samples.every((x) => x.links > 0)
          ? `yes: ${median(r.samples.map((x) => x.links))} tel:/sms: links`
          : "no";
      return `| ${r.page} | ${r.mode} | ${s(median(v))} s | ${s(median(h))} s | ${s(median(early ? v : h))} s | ${runs} s | ${works} | ${Math.round(median(r.samples.map((x) => x.bytes)) / 1024)} KB |`;
    }),
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
