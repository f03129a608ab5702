// Offline field entry (issue 12) in Chromium with Playwright's offline mode, on a phone: district staff
// signs in (the service worker installs and keeps the field pages), goes offline, reloads (the shell and
// the worklist load from the worker), registers a person, records payments for two others and renews a
// third with the worklist's one-tap renewal; they wait in "Chờ đồng bộ" with the badge. Meanwhile someone
// else pays for one of them on the server. Back online, the queue syncs: three entries are accepted (checked
// on the server; the renewal gets its electronic receipt number then), one conflict (overlap) is shown with
// the server's message and resolved (discarded); syncing again sends nothing twice. Last, a renewal whose
// request fails for lack of network while the phone believes it is online is queued too, and syncs once.
// Throughout, kept pages open from the service worker at once and refresh when the network's answer differs.
import { expect, test, type Page, type Route } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: "allow" });

const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
const serial = String(Date.now() % 1_000_000).padStart(6, "0");
const yy = String(60 + (Number(serial) % 40));
const dob = `19${yy}-0${1 + (Number(serial) % 9)}-${String(10 + (Number(serial) % 18))}`;
const personalId = `0011${yy}${serial}`; // 001 Hà Nội · 1 = female born 1900s
const name = "Lò Thị Ngoại Tuyến";

/** The page paths the service worker keeps for the signed-in user. */
const cachedPaths = (page: Page) =>
  page.evaluate(async () => {
    const out: string[] = [];
    for (const k of await caches.keys())
      if (k.startsWith("bhxh-pages-")) for (const r of await (await caches.open(k)).keys()) out.push(new URL(r.url).pathname);
    return out;
  });

/** The page has hydrated and its offline runtime knows there is no connection (before that, typing is lost). */
const readyOffline = (page: Page) => expect(page.getByTestId("offline-status")).toHaveAttribute("data-online", "0");

async function contributionsOf(page: Page, id: string): Promise<number> {
  const res = await page.request.get(`/api/v1/enrollees/${id}/contributions`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { contributions: unknown[] }).contributions.length;
}

test("offline: register and collect without a signal, sync exactly once, a conflict shown and resolved", async ({ page, context }) => {
  test.setTimeout(300_000);
  await signIn(page, "cs.badinh");
  await page.goto("/field");
  await expect(page.getByTestId("field-title")).toBeVisible();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  // the worker keeps the worklist, the pending list and the registration form for this user
  await expect.poll(() => cachedPaths(page), { timeout: 60_000 }).toEqual(expect.arrayContaining(["/field", "/field/pending", "/enrollees/new"]));

  // two people of the worklist: their payment pages are opened once while online (the worker keeps them)
  const rows = page.getByTestId("work-row");
  const paid = (await rows.nth(0).getAttribute("data-enrollee"))!;
  const clash = (await rows.nth(1).getAttribute("data-enrollee"))!;
  // two more for the one-tap renewal ("Thu tiền" on the row): one renewed offline, one on a failing network
  const renewed = (await rows.nth(2).getAttribute("data-enrollee"))!;
  const renewedName = (await rows.nth(2).getByTestId("row-name").textContent())!.trim();
  const flaky = (await rows.nth(3).getAttribute("data-enrollee"))!;
  const flakyName = (await rows.nth(3).getByTestId("row-name").textContent())!.trim();
  for (const id of [paid, clash]) {
    await page.goto(`/enrollees/${id}/pay`);
    await expect(page.getByTestId("payment-form")).toBeVisible();
  }
  // the renewal pages of the worklist's first rows are kept without being opened (the worklist hands them to the worker)
  await expect.poll(() => cachedPaths(page)).toEqual(expect.arrayContaining([`/enrollees/${paid}/pay`, `/enrollees/${clash}/pay`, `/field/${renewed}/renew`]));
  const before = { paid: await contributionsOf(page, paid), clash: await contributionsOf(page, clash), renewed: await contributionsOf(page, renewed) };

  // ── offline
  await context.setOffline(true);
  await page.goto("/field");
  const reload = await page.reload();
  expect(reload?.fromServiceWorker()).toBe(true);
  await expect(page.getByTestId("field-title")).toBeVisible();
  await expect(page.getByTestId("work-row").first()).toBeVisible();
  await expect(page.getByTestId("offline-status")).toHaveAttribute("data-online", "0");
  await page.screenshot({ path: "test-results/offline-1-worklist.png" });

  // register a person: the same schema runs in the browser (a wrong CCCD is refused offline too)
  await page.goto("/enrollees/new");
  await readyOffline(page);
  await page.getByTestId("in-personalId").fill(`0010${yy}${serial}`);
  await page.getByTestId("in-fullName").fill(name);
  await page.getByTestId("in-dateOfBirth").fill(dob.split("-").reverse().join("/"));
  await page.getByTestId("in-sex").selectOption("FEMALE");
  await page.getByTestId("in-communeCode").selectOption("00004");
  await page.getByTestId("in-occupation").selectOption("FARMER");
  await page.getByTestId("in-declaredIncome").fill("1.500.000");
  await page.getByTestId("in-paymentPeriod").selectOption("ANNUAL");
  await page.getByTestId("in-agentId").selectOption("OFFICE");
  await page.getByTestId("in-payment.receiptNo").fill(`OFF-${serial}-1`);
  await page.getByTestId("submit").click();
  await expect(page.getByTestId("error-personalId")).not.toHaveText("");
  await expect(page.getByTestId("offline-queued")).toHaveCount(0);
  await page.getByTestId("in-personalId").fill(personalId);
  await page.getByTestId("submit").click();
  await expect(page.getByTestId("offline-queued")).toContainText("Không có mạng: đã lưu trên máy");
  await expect(page.getByTestId("pending-badge")).toHaveText("1");

  // a payment for each of the two people
  for (const [i, id] of [paid, clash].entries()) {
    await page.goto(`/enrollees/${id}/pay`);
    await readyOffline(page);
    await page.getByTestId("in-receiptNo").fill(`OFF-${serial}-${i + 2}`);
    await page.getByTestId("in-agentId").selectOption("OFFICE"); // paid at the office: no receipt book involved
    await page.getByTestId("submit").click();
    await expect(page.getByTestId("offline-queued")).toBeVisible();
  }

  // the one-tap renewal: the prefilled payment is queued the same way (its receipt is numbered at sync)
  await page.goto(`/field/${renewed}/renew`);
  await readyOffline(page);
  await page.getByTestId("renew-confirm").click();
  await expect(page.getByTestId("offline-queued")).toContainText("Không có mạng: đã lưu trên máy");
  await expect(page.getByTestId("renew-confirm")).toBeDisabled(); // a second tap queues nothing more
  await expect(page.getByTestId("pending-badge")).toHaveText("4");

  await page.goto("/field/pending");
  await readyOffline(page);
  await expect(page.getByTestId("pending-entry")).toHaveCount(4);
  await expect(page.getByTestId("pending-badge")).toHaveText("4");
  await expect(page.getByTestId("pending-entry").nth(3)).toContainText(renewedName);
  await expect(page.getByTestId("pending-entry").nth(3)).toContainText("biên lai điện tử");
  await expect(page.getByTestId("online-state")).toHaveText("Mất mạng");
  await expect(page.getByTestId("pending-entry").first()).toContainText(name);
  await page.screenshot({ path: "test-results/offline-2-pending.png", fullPage: true });

  // meanwhile someone at the desk records a payment for the second person (the server is reachable for them)
  const desk = await page.request.post(`/api/v1/enrollees/${clash}/contributions`, {
    data: { method: "CASH", receiptNo: `DESK-${serial}`, period: "ANNUAL", declaredIncome: 1_500_000, agentId: "OFFICE", paidOn: today },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(desk.status()).toBe(201);

  // ── online: the queue syncs by itself
  await context.setOffline(false);
  await expect(page.getByTestId("online-state")).toHaveText("Có mạng");
  await expect(page.getByTestId("accepted-entry")).toHaveCount(3, { timeout: 30_000 });
  await expect(page.getByTestId("accepted-entry").filter({ hasText: renewedName })).toContainText(/Biên lai BH\d\d-[^/]+\/\d{7}/);
  await expect(page.getByTestId("pending-entry")).toHaveCount(1);
  const conflict = page.getByTestId("pending-entry").first();
  await expect(conflict).toHaveAttribute("data-state", "attention");
  await expect(conflict.getByTestId("conflict-kind")).toContainText("Trùng kỳ đóng");
  await expect(conflict.getByTestId("conflict-message")).toHaveText(
    "Trong lúc chờ đồng bộ đã có người khác ghi một khoản đóng cho người này; kỳ đóng sẽ bị trùng",
  );
  await expect(page.getByTestId("pending-badge")).toHaveText("1");
  await expect(page.getByTestId("last-sync")).not.toHaveText("Chưa đồng bộ lần nào");
  await page.screenshot({ path: "test-results/offline-3-synced.png", fullPage: true });

  // on the server: the person registered once, one payment each (the desk's only for the conflict)
  const found = await (await page.request.get(`/api/v1/enrollees?q=${personalId}`)).json();
  expect(found.total).toBe(1);
  expect(await contributionsOf(page, paid)).toBe(before.paid + 1);
  expect(await contributionsOf(page, clash)).toBe(before.clash + 1);
  expect(await contributionsOf(page, renewed)).toBe(before.renewed + 1);

  // syncing again sends nothing twice
  await page.getByTestId("sync-now").click();
  await expect(page.getByTestId("sync-now")).toBeEnabled();
  expect((await (await page.request.get(`/api/v1/enrollees?q=${personalId}`)).json()).total).toBe(1);
  expect(await contributionsOf(page, paid)).toBe(before.paid + 1);
  expect(await contributionsOf(page, clash)).toBe(before.clash + 1);
  expect(await contributionsOf(page, renewed)).toBe(before.renewed + 1);

  // the conflict is resolved: the money was already recorded at the desk, so the entry is discarded
  page.once("dialog", (d) => void d.accept());
  await conflict.getByTestId("discard").click();
  await expect(page.getByTestId("nothing-pending")).toBeVisible();
  await expect(page.getByTestId("pending-badge")).toHaveCount(0);

  // the app shows them: the new person in the list, the payment on the person's page
  await page.goto(`/enrollees?q=${personalId}`);
  await expect(page.getByText(name).first()).toBeVisible();
  await page.goto(`/enrollees/${paid}`);
  await expect(page.getByText(`OFF-${serial}-2`).first()).toBeVisible();

  // installed, the worklist opens from the worker's copy at once — the one kept offline, where the person
  // paid for was still due — and refreshes in place as soon as the network's answer shows it changed
  const shown = await page.goto("/field");
  expect(shown?.fromServiceWorker()).toBe(true);
  expect(await shown!.text()).toContain(`data-enrollee="${paid}"`);
  await expect(page.getByTestId("work-row").first()).toBeVisible();
  await expect(page.locator(`[data-testid=work-row][data-enrollee="${paid}"]`)).toHaveCount(0);

  // the network fails under a renewal although the phone believes it is online (a weak signal): queued
  // as well, and synced once
  const flakyBefore = await contributionsOf(page, flaky);
  await page.goto(`/field/${flaky}/renew`);
  await expect(page.getByTestId("offline-status")).toHaveAttribute("data-ready", "1");
  const dropPost = (route: Route) => (route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue());
  await context.route(`**/field/${flaky}/renew`, dropPost);
  await page.getByTestId("renew-confirm").click();
  await expect(page.getByTestId("offline-queued")).toContainText("đã lưu trên máy");
  await context.unroute(`**/field/${flaky}/renew`, dropPost);
  expect(await contributionsOf(page, flaky)).toBe(flakyBefore);
  await page.goto("/field/pending");
  await expect(page.getByTestId("accepted-entry").filter({ hasText: flakyName })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("nothing-pending")).toBeVisible();
  expect(await contributionsOf(page, flaky)).toBe(flakyBefore + 1);
});

// Light on a slow link (issue 12, item 5): on 400 kbit/s the registration form is on screen ~3 s before its
// scripts have run (docs/benchmarks.md). It works in that time: posted by the browser itself to the server
// action, refused with every typed value kept, or registered; and what was typed before the scripts
// arrived is still there, and is what gets registered, once they have.
test("before its scripts: the registration form posts by itself, and keeps what was typed when they arrive", async ({ page, browser, context }) => {
  test.setTimeout(180_000);
  await signIn(page, "cs.badinh");
  const origin = new URL(page.url()).origin;
  const storageState = await context.storageState();
  const n = (Number(serial) + 500_000) % 1_000_000;
  const ids = [1, 2].map((k) => `0011${yy}${String((n + k) % 1_000_000).padStart(6, "0")}`);

  const fill = async (p: Page, who: { personalId: string; fullName: string; receiptNo: string }) => {
    await p.getByTestId("in-personalId").fill(who.personalId);
    await p.getByTestId("in-fullName").fill(who.fullName);
    await p.getByTestId("in-dateOfBirth").fill(dob.split("-").reverse().join("/"));
    await p.getByTestId("in-sex").selectOption("FEMALE");
    await p.getByTestId("in-communeCode").selectOption("00004");
    await p.getByTestId("in-occupation").selectOption("FARMER");
    await p.getByTestId("in-declaredIncome").fill("1.500.000");
    await p.getByTestId("in-payment.receiptNo").fill(who.receiptNo);
  };
  const registered = async (id: string) => {
    const res = await page.request.get(`/api/v1/enrollees/${id}`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { enrollee: { fullName: string; dateOfBirth: string; personalId: string } }).enrollee;
  };

  // 1. no scripts at all: the browser posts the form to the server action itself
  const noJs = await browser.newContext({
    storageState,
    baseURL: origin,
    javaScriptEnabled: false,
    viewport: { width: 390, height: 844 },
    serviceWorkers: "block",
  });
  const p1 = await noJs.newPage();
  await p1.goto("/enrollees/new");
  const first = { personalId: `0010${yy}${ids[0].slice(6)}`, fullName: "Hà Thị Chưa Tải", receiptNo: `SLOW-${serial}-1` }; // 0 = male: does not match
  await fill(p1, first);
  await p1.getByTestId("submit").click();
  // refused by the server: the message next to the field, everything typed still there (dates as typed)
  await expect(p1.getByTestId("error-personalId")).not.toHaveText("");
  await expect(p1.getByTestId("in-fullName")).toHaveValue(first.fullName);
  await expect(p1.getByTestId("in-dateOfBirth")).toHaveValue(dob.split("-").reverse().join("/"));
  await expect(p1.getByTestId("in-declaredIncome")).toHaveValue("1.500.000");
  await expect(p1.getByTestId("in-payment.receiptNo")).toHaveValue(first.receiptNo);
  await expect(p1.getByTestId("in-communeCode")).toHaveValue("00004");
  // the commune chosen, the agent list is there now (it needs the commune): at the office
  await p1.getByTestId("in-agentId").selectOption("OFFICE");
  await p1.getByTestId("in-personalId").fill(ids[0]);
  await p1.getByTestId("submit").click();
  await expect(p1).toHaveURL(/\/enrollees\/\d+\?registered=1/);
  const id1 = /\/enrollees\/(\d+)/.exec(p1.url())![1];
  expect(await registered(id1)).toMatchObject({ fullName: first.fullName, dateOfBirth: dob, personalId: ids[0] });
  await noJs.close();

  // 2. typed while the scripts are still on their way; once they have run, a render keeps it and it is what is sent
  const slow = await browser.newContext({ storageState, baseURL: origin, viewport: { width: 390, height: 844 }, serviceWorkers: "block" });
  const p2 = await slow.newPage();
  let release!: () => void;
  const scriptsHeld = new Promise<void>((r) => (release = r));
  await p2.route(/\/_next\/static\/.*\.js(\?|$)/, async (route: Route) => {
    await scriptsHeld;
    await route.continue();
  });
  await p2.goto("/enrollees/new", { waitUntil: "commit" });
  await expect(p2.getByTestId("submit")).toBeVisible();
  const second = { personalId: ids[1], fullName: "Hà Thị Mạng Chậm", receiptNo: `SLOW-${serial}-2` };
  await fill(p2, second);
  await expect(p2.getByTestId("offline-status")).toHaveAttribute("data-ready", "0"); // not hydrated yet
  release();
  await expect(p2.getByTestId("offline-status")).toHaveAttribute("data-ready", "1");
  await p2.getByTestId("in-phone").fill("0912345678"); // a render of the whole form after hydration
  await expect(p2.getByTestId("in-fullName")).toHaveValue(second.fullName);
  await expect(p2.getByTestId("in-dateOfBirth")).toHaveValue(dob.split("-").reverse().join("/"));
  await expect(p2.getByTestId("in-payment.receiptNo")).toHaveValue(second.receiptNo);
  await expect(p2.getByTestId("in-communeCode")).toHaveValue("00004");
  await p2.getByTestId("in-agentId").selectOption("OFFICE"); // the commune chosen before hydration is the form's: its agents are listed
  await p2.getByTestId("submit").click();
  await expect(p2).toHaveURL(/\/enrollees\/\d+\?registered=1/);
  const id2 = /\/enrollees\/(\d+)/.exec(p2.url())![1];
  expect(await registered(id2)).toMatchObject({ fullName: second.fullName, dateOfBirth: dob, personalId: ids[1] });
  await slow.close();
});
