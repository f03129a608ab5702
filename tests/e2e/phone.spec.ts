// Phone-first (issue 11, item 1): every page the demo roles can reach, at 390×844.
// - no page overflows horizontally (documentElement.scrollWidth <= innerWidth);
// - on the pages district staff work with, nothing hides in a box that scrolls sideways, and buttons,
//   inputs and selects are at least 44 px tall;
// - the navigation sits behind a menu button that opens, navigates and closes;
// - the registration and payment forms keep the amount due next to the submit button.
// A screenshot of each page that has a problem is kept in test-results/phone/ (not committed).
import { expect, test, type Page } from "@playwright/test";
import { CALLERS, MATRIX, collectorCell, type Caller } from "../authz/matrix";
import { PASSWORD, signIn } from "./helpers";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 768 };

// The pages district staff use in the field or at the desk: lists become cards there, nothing scrolls sideways.
const DISTRICT_PAGES = [
  "/units/[[...code]]",
  "/enrollees",
  "/enrollees/[id]",
  "/enrollees/new",
  "/enrollees/[id]/edit",
  "/enrollees/[id]/pay",
  "/enrollees/[id]/tk1",
  "/imports",
  "/renewals",
  "/renewals/print",
  "/conferences",
  "/conferences/new",
  "/conferences/[id]",
];

type Ids = { enrollee: string; agent: string; conference: string; user: string; contribution: string };

/** The pages of the authorization matrix a caller may open ("ok" in its "in" cell). */
function pagesFor(caller: Caller): string[] {
  const i = CALLERS.indexOf(caller);
  return MATRIX.filter((e) => e.kind === "page" && e.in[i] === "ok" && e.target !== "/login").map((e) => e.target);
}

function urlOf(pattern: string, ids: Ids): string {
  if (pattern === "/units/[[...code]]") return "/units";
  const kind =
    pattern.startsWith("/enrollees") || pattern.startsWith("/field/")
      ? "enrollee"
      : pattern.startsWith("/receipts")
        ? "contribution"
        : pattern.startsWith("/agents")
          ? "agent"
          : pattern.startsWith("/conferences")
            ? "conference"
            : "user";
  return pattern.replace("[id]", ids[kind]);
}

async function firstId(page: Page, path: string, prefix: string): Promise<string> {
  await page.goto(path);
  const hrefs = await page.locator(`main a[href^="${prefix}/"]`).evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const id = hrefs.map((h) => h.slice(prefix.length + 1)).find((h) => /^\d+$/.test(h));
  expect(id, `an id on ${path}`).toBeTruthy();
  return id!;
}

/** What overflows: the page itself, and (strict) any element that scrolls sideways. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const doc = { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth };
    const scrollers: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
      if (el.scrollWidth <= el.clientWidth + 1) continue;
      const s = getComputedStyle(el);
      if (s.overflowX !== "auto" && s.overflowX !== "scroll") continue;
      if (s.display === "none" || s.visibility === "hidden" || el.getClientRects().length === 0) continue;
      scrollers.push(
        `${el.tagName.toLowerCase()}${el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : ""}.${String(el.className).slice(0, 60)} ${el.scrollWidth}>${el.clientWidth}`,
      );
    }
    // the widest elements, to say what pushes the page wider
    const wide =
      doc.scrollWidth > Math.min(doc.innerWidth, 390)
        ? Array.from(document.querySelectorAll<HTMLElement>("body *"))
            .filter((el) => el.getBoundingClientRect().right > Math.min(window.innerWidth, 390) + 1 && el.getClientRects().length > 0)
            .slice(-5)
            .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)} right=${Math.round(el.getBoundingClientRect().right)}`)
        : [];
    return { ...doc, scrollers, wide };
  });
}

/** Visible buttons, inputs and selects shorter than 44 px (a finger's width). */
async function smallTargets(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>("main button, main select, main input, header button, header a"))
      .filter((el) => {
        if (el instanceof HTMLInputElement && ["hidden", "checkbox", "radio", "file"].includes(el.type)) return false;
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.height < 43.5 && getComputedStyle(el).visibility !== "hidden";
      })
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ""} "${(el.textContent ?? "").trim().slice(0, 30)}" h=${Math.round(el.getBoundingClientRect().height)}`,
      ),
  );
}

/** The top 4,000 px of a page that has a problem, in test-results/phone/ (every page's took a third of the walk). */
async function keepScreenshot(page: Page, name: string) {
  const [width, height] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]);
  await page.screenshot({ path: `test-results/phone/${name}.png`, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(height, 4000) } });
}

/** Opens a page at phone size and says what is wrong with it: wider than the screen, and (strict) a box that
 *  scrolls sideways or a tap target under 44 px. A page with a problem leaves a screenshot. */
async function checkPage(page: Page, url: string, who: string, strict: boolean): Promise<string[]> {
  const res = await page.goto(url);
  expect(res?.status(), url).toBeLessThan(400);
  await page.waitForLoadState("networkidle");
  const problems: string[] = [];
  const o = await overflow(page);
  // a phone browser widens its layout viewport (innerWidth) to fit a too-wide page: compare with the screen too
  if (o.scrollWidth > Math.min(o.innerWidth, PHONE.width)) problems.push(`${url}: page is ${o.scrollWidth} px wide — ${o.wide.join("; ")}`);
  if (strict) {
    if (o.scrollers.length) problems.push(`${url}: scrolls sideways — ${o.scrollers.join("; ")}`);
    const small = await smallTargets(page);
    if (small.length) problems.push(`${url}: tap targets under 44 px — ${small.join("; ")}`);
  }
  if (problems.length) await keepScreenshot(page, `${who}-${slug(url)}`);
  return problems;
}

function slug(url: string) {
  return url.replace(/^\//, "").replace(/[/?=&]/g, "_") || "root";
}

/** Signs in on a phone: the user's name sits in the folded menu, so wait for the menu button instead. */
async function phoneSignIn(page: Page, login: string) {
  await page.goto("/login");
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill(PASSWORD);
  await page.getByTestId("login-form").locator("button[type=submit]").click();
  await expect(page.getByTestId("menu-button")).toBeVisible({ timeout: 60_000 });
}

let ids: Ids;

// ids of real demo objects in Ba Đình, inside every caller's scope (again in a new worker after a failure)
test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await browser.newPage({ viewport: DESKTOP });
  await signIn(page, "cs.badinh");
  const enrollee = await firstId(page, "/enrollees", "/enrollees");
  const agent = await firstId(page, "/agents", "/agents");
  const conference = await firstId(page, "/conferences", "/conferences");
  // a receipt: a payment of someone on the renewal list (they have paid before)
  const payer = await firstId(page, "/renewals", "/enrollees");
  const contribution = await firstId(page, `/field/${payer}`, "/receipts");
  await page.close();
  const admin = await browser.newPage({ viewport: DESKTOP });
  await signIn(admin, "admin.hanoi");
  const user = await firstId(admin, "/users", "/users");
  await admin.close();
  ids = { enrollee, agent, conference, user, contribution };
});

// The tests are independent and read only: scripts/run-e2e.ts runs this file in shards, each against its own
// server (Playwright's --shard splits a file's tests only in parallel mode). A shard is a contiguous run of
// tests in the order they are defined, so the long walks are interleaved with the short tests (end of file).
test.describe.configure({ mode: "parallel" });

function walkTest(caller: Caller) {
  test(`${caller}: every reachable page fits 390 px`, async ({ browser }) => {
    test.setTimeout(600_000);
    const page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    const problems: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error" && /hydrat/i.test(msg.text())) problems.push(`${page.url()}: ${msg.text().slice(0, 200)}`);
    });
    await phoneSignIn(page, caller);
    const pages = pagesFor(caller).filter((p) => p !== "/");
    expect(pages.length).toBeGreaterThan(caller === "cs.badinh" ? 15 : 10);
    // the province's pages are walked as the national admin's (see the end of the file): keep it that way
    if (caller === "admin")
      for (const other of ["admin.hanoi", "tinh.hanoi"] as const)
        expect(
          pagesFor(other).filter((p) => !pages.includes(p) && p !== "/"),
          other,
        ).toEqual([]);
    for (const pattern of pages) {
      const url = urlOf(pattern, ids);
      problems.push(...(await checkPage(page, url, caller, caller === "cs.badinh" && DISTRICT_PAGES.includes(pattern))));
    }
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });
}

// The collector (issue 11): every page it may open, held to the district staff's strict rules (nothing
// scrolls sideways, 44 px targets). Its person and receipt are from its own worklist (others are "not found").
function collectorWalkTest() {
  test("thu.badinh: every reachable page fits 390 px, nothing scrolls sideways, 44 px targets", async ({ browser }) => {
    test.setTimeout(300_000);
    const page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    await phoneSignIn(page, "thu.badinh");
    await page.goto("/field");
    const enrollee = (await page.getByTestId("work-row").first().getAttribute("data-enrollee"))!;
    const contribution = await firstId(page, `/field/${enrollee}`, "/receipts");
    const own: Ids = { ...ids, enrollee, contribution };
    const pages = MATRIX.filter((e) => e.kind === "page" && collectorCell(e).in === "ok").map((e) => e.target);
    expect(pages).toEqual(expect.arrayContaining(["/field", "/field/people", "/field/[id]", "/field/[id]/renew", "/receipts/[id]", "/enrollees/new"]));
    const problems: string[] = [];
    for (const pattern of pages) {
      const url = urlOf(pattern, own);
      problems.push(...(await checkPage(page, url, "thu.badinh", true)));
    }
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });
}

function menuTest() {
  test("cs.badinh at 390 px: the menu opens, navigates and closes; the renewal list is cards with the key facts", async ({ browser }) => {
    const page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await phoneSignIn(page, "cs.badinh");
    await page.goto("/units");
    const button = page.getByTestId("menu-button");
    await expect(button).toBeVisible();
    await expect(button).toHaveAttribute("aria-expanded", "false");
    const nav = page.getByRole("navigation", { name: "main" });
    await expect(nav).toBeHidden();
    // the header takes little vertical space while the menu is closed
    const header = await page.locator("header").boundingBox();
    expect(header!.height).toBeLessThanOrEqual(64);

    await button.click();
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await expect(nav).toBeVisible();
    await expect(page.getByTestId("sign-out")).toBeVisible();
    await nav.getByRole("link", { name: "Danh sách đến hạn" }).click();
    await expect(page).toHaveURL(/\/renewals$/);
    await expect(page.getByTestId("renewals-title")).toBeVisible();
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(nav).toBeHidden();

    // each renewal is a card that shows name, due date, status and amount without scrolling sideways
    const card = page.getByTestId("renewal-row").first();
    await expect(card).toBeVisible();
    const box = await card.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    for (const cell of ["fullName", "coverageEnd", "status", "amountDue"]) {
      const el = card.locator(`[data-cell-key=${cell}]`);
      await expect(el, cell).toBeVisible();
      const b = await el.boundingBox();
      expect(b!.x + b!.width, cell).toBeLessThanOrEqual(PHONE.width);
    }
    await page.close();
  });
}

function formsTest() {
  test("cs.badinh at 390 px: the payment and registration forms keep the amount due next to the submit button", async ({ browser }) => {
    const page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await phoneSignIn(page, "cs.badinh");
    for (const url of [`/enrollees/${ids.enrollee}/pay`, "/enrollees/new"]) {
      await page.goto(url);
      if (url === "/enrollees/new") {
        await page.getByTestId("in-subsidyGroup").selectOption("OTHER");
        await page.getByTestId("in-declaredIncome").fill("1.500.000");
        await page.getByTestId("in-paymentPeriod").selectOption("ANNUAL");
      }
      const bar = page.getByTestId("submit-bar");
      const amount = page.getByTestId("submit-bar-amount");
      const submit = page.getByTestId("submit");
      // at the top of the form and after scrolling, the amount and the button are both on screen, side by side
      for (const y of [0, 400]) {
        await page.evaluate((top) => window.scrollTo(0, top), y);
        await expect(amount).toBeInViewport();
        await expect(submit).toBeInViewport();
      }
      await expect(amount).toHaveText(await page.getByTestId("calc-net").innerText());
      const o = await overflow(page);
      expect(o.scrollWidth, `${url} is wider than the screen: ${o.wide.join("; ")}`).toBeLessThanOrEqual(PHONE.width);
      const [a, s, b] = [await amount.boundingBox(), await submit.boundingBox(), await bar.boundingBox()];
      expect(Math.abs(a!.y + a!.height / 2 - (s!.y + s!.height / 2))).toBeLessThan(24);
      expect(b!.y + b!.height).toBeLessThanOrEqual(PHONE.height + 1);
    }
    await page.close();
  });
}

function desktopTest() {
  test("desktop 1366×768: the navigation is a row of links, no menu button, nothing overflows", async ({ browser }) => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await signIn(page, "cs.badinh");
    await expect(page.getByTestId("menu-button")).toBeHidden();
    await expect(page.getByRole("navigation", { name: "main" })).toBeVisible();
    for (const url of ["/units", "/enrollees", "/renewals", `/enrollees/${ids.enrollee}`, `/enrollees/${ids.enrollee}/pay`, "/conferences", "/dashboard"]) {
      await page.goto(url);
      const o = await overflow(page);
      if (o.scrollWidth > o.innerWidth) await keepScreenshot(page, `desktop-${slug(url)}`);
      expect(o.scrollWidth, url).toBeLessThanOrEqual(o.innerWidth);
    }
    // the lists stay tables with their header row
    await page.goto("/renewals");
    await expect(page.getByTestId("renewals-table").locator("thead")).toBeVisible();
    await page.close();
  });
}

// Each shard (a contiguous run of tests, 6 tests in 2 shards: 3 and 3) gets one long walk and short tests.
// The province's users are not walked: their pages are the national admin's (a subset, checked in its walk)
// with the same controls or fewer and a province's rows instead of the nation's, so the national admin's walk
// and the district staff's (an area's rows, held to the strict rules) cover the layouts they can see.
walkTest("admin");
collectorWalkTest();
desktopTest();
walkTest("cs.badinh");
menuTest();
formsTest();
