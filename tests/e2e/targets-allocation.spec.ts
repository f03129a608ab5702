import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut } from "./helpers";

// The demo data has targets up to the current year; next year has none, so the cascade starts empty.
const YEAR = Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(new Date())) + 1;
const TOTAL = 3000;
const vi = (n: number) => new Intl.NumberFormat("vi-VN").format(n);

/** The unit's own target (the card above the table) has its own save. */
async function setSelf(page: Page, code: string, value: number) {
  await page.getByTestId(`target-input-${code}`).fill(String(value));
  await page.getByTestId(`target-save-${code}`).click();
}

/** The children's table has ONE save (issue 15 item 9): type into the rows, read the summary, save once. */
async function editRows(page: Page, values: Record<string, number>) {
  for (const [code, value] of Object.entries(values)) await page.getByTestId(`target-input-${code}`).fill(String(value));
}
async function saveTable(page: Page) {
  await page.getByTestId("targets-batch-save").click();
}

async function rowValue(page: Page, code: string): Promise<number> {
  return Number(await page.getByTestId(`target-input-${code}`).inputValue());
}

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000); // a whole campaign set-up in one scenario

test("a national admin sets Hà Nội's target; the province admin allocates it by labour force, adjusts, fixes the shortfall and locks the year", async ({
  page,
  browser,
}) => {
  // 1. the national admin sets the province's target (a province admin may not set its own)
  await signIn(page, "admin");
  await page.goto(`/targets?year=${YEAR}&unit=01`);
  await expect(page.getByTestId("targets-title")).toHaveText(`Chỉ tiêu năm ${YEAR} — Thành phố Hà Nội`);
  await setSelf(page, "01", TOTAL);
  await expect(page.getByTestId("target-msg-01")).toHaveText("Đã giao chỉ tiêu.");
  await expect(page.getByTestId("shortfall-warning")).toContainText(`còn thiếu ${vi(TOTAL)}`);
  // before locking, a warning lists the children without a target (issue 15 item 9): all 30 areas yet
  await page.getByTestId("lock-start").click();
  await expect(page.getByTestId("lock-missing")).toContainText("30 đơn vị cấp dưới chưa được giao chỉ tiêu");
  await expect(page.getByTestId("lock-missing")).toContainText("Quận Ba Đình");
  await signOut(page);

  // 2. the province admin sees its target read-only and allocates it to its 30 areas by labour force
  await signIn(page, "admin.hanoi");
  await page.goto("/targets?year=" + YEAR);
  await expect(page.getByTestId("targets-title")).toHaveText(`Chỉ tiêu năm ${YEAR} — Thành phố Hà Nội`);
  await expect(page.getByTestId("self-target-value")).toHaveText(vi(TOTAL));
  await expect(page.getByTestId("target-input-01")).toHaveCount(0);
  await expect(page.getByTestId("alloc-method")).toHaveValue("LABOUR_FORCE");
  await page.getByTestId("alloc-preview").click();
  const preview = page.getByTestId("alloc-preview-table");
  await expect(preview.locator("tbody tr")).toHaveCount(30);
  await expect(page.getByTestId("alloc-new-total")).toHaveText(vi(TOTAL));
  // nothing saved yet: the children still have no targets
  await expect(page.getByTestId("children-total")).toHaveText("0");
  await page.screenshot({ path: "test-results/targets-allocation-preview.png", fullPage: true });
  await page.getByTestId("alloc-save").click();
  await expect(page.getByTestId("alloc-message")).toHaveText("Đã lưu phân bổ: 30 chỉ tiêu thay đổi.");
  await expect(page.getByTestId("children-total")).toHaveText(vi(TOTAL));
  await expect(page.getByTestId("shortfall-warning")).toHaveCount(0);
  await expect(page.getByTestId("shortfall-row-01")).toHaveCount(0);
  // the API agrees, and the areas' targets follow the labour force (the largest area gets the most)
  const api = await (await page.request.get(`/api/v1/targets?year=${YEAR}&unit=01`)).json();
  expect(api.childrenSum).toBe(TOTAL);
  expect(api.children.reduce((s: number, c: { target: number }) => s + c.target, 0)).toBe(TOTAL);

  // 3. adjust one area down: the summary says what will change before saving; one save for the table
  const badinh = await rowValue(page, "001");
  expect(badinh).toBeGreaterThan(10);
  await expect(page.getByTestId("targets-batch-save")).toBeDisabled(); // nothing changed yet
  await editRows(page, { "001": badinh - 10 });
  await expect(page.getByTestId("targets-batch-summary")).toContainText(`1 chỉ tiêu thay đổi: `);
  await expect(page.getByTestId("targets-batch-summary")).toContainText(`${vi(badinh)} → ${vi(badinh - 10)}`);
  await expect(page.getByTestId("target-msg-001")).toHaveText(`Chưa lưu: ${vi(badinh)} → ${vi(badinh - 10)}`);
  await saveTable(page);
  // the freshly saved row says so in words
  await expect(page.getByTestId("target-msg-001")).toHaveText(`Đã lưu: ${vi(badinh)} → ${vi(badinh - 10)}`);
  await expect(page.getByTestId("targets-batch-msg")).toContainText("Đã lưu 1 chỉ tiêu: ");
  await expect(page.getByTestId("shortfall-warning")).toHaveText(
    `⚠ Tổng chỉ tiêu cấp dưới (${vi(TOTAL - 10)}) thấp hơn chỉ tiêu của đơn vị (${vi(TOTAL)}): còn thiếu 10.`,
  );
  await expect(page.getByTestId("shortfall-row-01")).toBeVisible();
  await expect(page.getByTestId("difference")).toHaveText("-10");
  await page.screenshot({ path: "test-results/targets-shortfall.png", fullPage: true });

  // 4. fix it across three areas in one save, with the summary of the three changes
  const dongda = await rowValue(page, "006");
  const a7 = await rowValue(page, "007");
  const a8 = await rowValue(page, "008");
  await editRows(page, { "006": dongda + 7, "007": a7 + 5, "008": a8 - 2 });
  await expect(page.getByTestId("targets-batch-summary")).toContainText("3 chỉ tiêu thay đổi: ");
  await expect(page.getByTestId("targets-batch-summary")).toContainText(`${vi(dongda)} → ${vi(dongda + 7)}`);
  await expect(page.getByTestId("targets-batch-summary")).toContainText(`${vi(a8)} → ${vi(a8 - 2)}`);
  await expect(page.getByTestId("targets-batch-save")).toHaveText("Lưu 3 thay đổi");
  await page.screenshot({ path: "test-results/targets-batch-summary.png", fullPage: true });
  await saveTable(page);
  await expect(page.getByTestId("targets-batch-msg")).toContainText("Đã lưu 3 chỉ tiêu: ");
  await expect(page.getByTestId("target-msg-007")).toHaveText(`Đã lưu: ${vi(a7)} → ${vi(a7 + 5)}`);
  await expect(page.getByTestId("shortfall-warning")).toHaveCount(0);
  await expect(page.getByTestId("shortfall-row-01")).toHaveCount(0);
  await expect(page.getByTestId("children-total")).toHaveText(vi(TOTAL));

  // 5. the same target edited in two browsers: the second save is refused as a whole — its stale row says
  //    why, and its other change is not saved either (all or nothing)
  const ctx = await browser.newContext({ locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  const other = await ctx.newPage();
  await signIn(other, "admin.hanoi");
  await other.goto("/targets?year=" + YEAR);
  const seen = await rowValue(other, "007");
  await editRows(page, { "007": seen + 1 });
  await saveTable(page);
  await expect(page.getByTestId("target-msg-007")).toHaveText(`Đã lưu: ${vi(seen)} → ${vi(seen + 1)}`);
  const a9 = await rowValue(other, "009");
  await editRows(other, { "007": seen + 5, "009": a9 + 1 });
  await saveTable(other);
  await expect(other.getByTestId("target-msg-007")).toHaveText(
    `Chỉ tiêu đã được người khác thay đổi (từ ${vi(seen)} thành ${vi(seen + 1)}) — vui lòng tải lại.`,
  );
  await expect(other.getByTestId("targets-batch-msg")).toContainText("Chưa lưu gì: 1 dòng không lưu được");
  await expect(other.getByTestId("target-msg-009")).toHaveText(`Chưa lưu: ${vi(a9)} → ${vi(a9 + 1)}`);
  await other.screenshot({ path: "test-results/targets-conflict.png", fullPage: true });
  await page.reload();
  expect(await rowValue(page, "007")).toBe(seen + 1);
  expect(await rowValue(page, "009")).toBe(a9);
  // the second browser drops its stale change and saves the rest
  await other.reload();
  await editRows(other, { "009": a9 });
  await expect(other.getByTestId("targets-batch-save")).toBeDisabled();

  // the table and its save bar fit a phone
  await page.setViewportSize({ width: 390, height: 844 });
  await editRows(page, { "016": (await rowValue(page, "016")) + 1 });
  await expect(page.getByTestId("targets-batch-save")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "test-results/targets-batch-phone.png", fullPage: false });
  await page.getByTestId("targets-batch-discard").click();
  await page.setViewportSize({ width: 1280, height: 900 });

  // 6. lock the year: the unit and everything below; edits are refused with a clear message
  await page.getByTestId("lock-start").click();
  await expect(page.getByTestId("lock-confirm")).toBeVisible();
  await expect(page.getByTestId("lock-missing")).toHaveCount(0); // every area has its target now: no warning
  await page.getByTestId("lock-confirm").click();
  await expect(page.getByTestId("locked-badge")).toContainText("Đã chốt ngày");
  await expect(page.getByTestId("target-input-001")).toHaveCount(0);
  await expect(page.getByTestId("allocation")).toHaveCount(0);
  await expect(page.getByTestId("reopen")).toHaveCount(0); // only a higher admin may reopen
  await expect(page.getByTestId("lock-status")).toContainText("Chỉ quản trị cấp trên mới mở lại được");
  await page.screenshot({ path: "test-results/targets-locked.png", fullPage: true });
  // the second browser still shows the form it loaded before the lock: saving is refused
  await editRows(other, { "006": dongda });
  await saveTable(other);
  await expect(other.getByTestId("target-msg-006")).toContainText(`Chỉ tiêu năm ${YEAR} của Thành phố Hà Nội đã được chốt ngày`);
  await other.screenshot({ path: "test-results/targets-locked-refused.png", fullPage: true });
  // a cookie-authenticated API write must come from the app itself (issue 17 item 6): say so with Origin
  const refused = await page.request.put("/api/v1/targets", {
    data: { year: YEAR, unitCode: "001", participants: 1, version: 2 },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.reason).toBe("locked");
  await ctx.close();
  // an area below is locked as well
  await page.goto(`/targets?year=${YEAR}&unit=001`);
  await expect(page.getByTestId("locked-badge")).toContainText("Đã chốt");
  await expect(page.locator("[data-testid^=target-input-]")).toHaveCount(0);
  await signOut(page);

  // 7. the national admin (a higher unit) may reopen
  await signIn(page, "admin");
  await page.goto(`/targets?year=${YEAR}&unit=01`);
  await page.getByTestId("reopen").click();
  await expect(page.getByTestId("lock-status")).toContainText("Đang mở");
  await expect(page.getByTestId("target-input-01")).toBeVisible();
});

test("officers read targets without forms; the shortfall list stays in their scope", async ({ page }) => {
  await signIn(page, "tinh.hanoi");
  await page.goto("/targets");
  await expect(page.getByTestId("targets-title")).toContainText("Thành phố Hà Nội");
  await expect(page.getByTestId("children-table").locator("tbody tr")).toHaveCount(30);
  await expect(page.locator("[data-testid^=target-input-]")).toHaveCount(0);
  await expect(page.getByTestId("allocation")).toHaveCount(0);
  // the demo data leaves one area of each province a little short this year
  await expect(page.getByTestId("shortfalls-table")).toBeVisible();
  for (const code of await page
    .locator("[data-testid^=shortfall-row-]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")!.slice("shortfall-row-".length)))) {
    const r = await page.request.get(`/api/v1/targets?unit=${code}`);
    expect(r.status()).toBe(200); // every listed unit is inside the officer's scope
  }
  await page.screenshot({ path: "test-results/targets-officer.png", fullPage: true });
  // a commune's children are the agents serving it, with their own targets (the demo gives every agent one)
  await page.goto("/targets?unit=00004");
  await expect(page.getByTestId("targets-title")).toContainText("Phường Ba Đình");
  const agents = page.getByTestId("children-table").locator("tbody tr");
  expect(await agents.count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("children-table")).toContainText("phục vụ 3 xã/phường"); // the area's post office
  await page.screenshot({ path: "test-results/targets-commune-agents.png", fullPage: true });
  const put = await page.request.put("/api/v1/targets", { data: { year: YEAR, unitCode: "001", participants: 5, version: 1 } });
  expect(put.status()).toBe(403);
  await page.goto("/targets?unit=40");
  await expect(page.getByTestId("not-found")).toBeVisible();
});
