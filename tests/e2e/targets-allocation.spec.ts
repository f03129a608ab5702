import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut } from "./helpers";

// The demo data has targets up to the current year; next year has none, so the cascade starts empty.
const YEAR = Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(new Date())) + 1;
const TOTAL = 3000;
const vi = (n: number) => new Intl.NumberFormat("vi-VN").format(n);

async function setRow(page: Page, code: string, value: number) {
  await page.getByTestId(`target-input-${code}`).fill(String(value));
  await page.getByTestId(`target-save-${code}`).click();
}

async function rowValue(page: Page, code: string): Promise<number> {
  return Number(await page.getByTestId(`target-input-${code}`).inputValue());
}

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000); // a whole campaign set-up in one scenario

test("a national admin sets Hà Nội's target; the province admin allocates it by labour force, adjusts, fixes the shortfall and locks the year", async ({ page, browser }) => {
  // 1. the national admin sets the province's target (a province admin may not set its own)
  await signIn(page, "admin");
  await page.goto(`/targets?year=${YEAR}&unit=01`);
  await expect(page.getByTestId("targets-title")).toHaveText(`Chỉ tiêu năm ${YEAR} — Thành phố Hà Nội`);
  await setRow(page, "01", TOTAL);
  await expect(page.getByTestId("target-msg-01")).toHaveText("Đã giao chỉ tiêu.");
  await expect(page.getByTestId("shortfall-warning")).toContainText(`còn thiếu ${vi(TOTAL)}`);
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

  // 3. adjust one area down: the province shows a shortfall, here and in the list
  const badinh = await rowValue(page, "001");
  expect(badinh).toBeGreaterThan(10);
  await setRow(page, "001", badinh - 10);
  await expect(page.getByTestId("target-msg-001")).toHaveText("Đã lưu.");
  await expect(page.getByTestId("shortfall-warning")).toHaveText(`⚠ Tổng chỉ tiêu cấp dưới (${vi(TOTAL - 10)}) thấp hơn chỉ tiêu của đơn vị (${vi(TOTAL)}): còn thiếu 10.`);
  await expect(page.getByTestId("shortfall-row-01")).toBeVisible();
  await expect(page.getByTestId("difference")).toHaveText("-10");
  await page.screenshot({ path: "test-results/targets-shortfall.png", fullPage: true });

  // 4. fix it on another area
  const dongda = await rowValue(page, "006");
  await setRow(page, "006", dongda + 10);
  await expect(page.getByTestId("target-msg-006")).toHaveText("Đã lưu.");
  await expect(page.getByTestId("shortfall-warning")).toHaveCount(0);
  await expect(page.getByTestId("shortfall-row-01")).toHaveCount(0);
  await expect(page.getByTestId("children-total")).toHaveText(vi(TOTAL));

  // 5. the same target edited in two browsers: the second gets a conflict, nothing is overwritten
  const ctx = await browser.newContext({ locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  const other = await ctx.newPage();
  await signIn(other, "admin.hanoi");
  await other.goto("/targets?year=" + YEAR);
  await setRow(page, "007", (await rowValue(page, "007")) + 1);
  await expect(page.getByTestId("target-msg-007")).toHaveText("Đã lưu.");
  const seen = await rowValue(other, "007");
  await setRow(other, "007", seen + 5);
  await expect(other.getByTestId("target-msg-007")).toHaveText(`Chỉ tiêu đã được người khác thay đổi (từ ${vi(seen)} thành ${vi(seen + 1)}) — vui lòng tải lại.`);
  await other.screenshot({ path: "test-results/targets-conflict.png", fullPage: true });
  await page.reload();
  expect(await rowValue(page, "007")).toBe(seen + 1);

  // 6. lock the year: the unit and everything below; edits are refused with a clear message
  await page.getByTestId("lock-start").click();
  await page.getByTestId("lock-confirm").click();
  await expect(page.getByTestId("locked-badge")).toContainText("Đã chốt ngày");
  await expect(page.getByTestId("target-input-001")).toHaveCount(0);
  await expect(page.getByTestId("allocation")).toHaveCount(0);
  await expect(page.getByTestId("reopen")).toHaveCount(0); // only a higher admin may reopen
  await expect(page.getByTestId("lock-status")).toContainText("Chỉ quản trị cấp trên mới mở lại được");
  await page.screenshot({ path: "test-results/targets-locked.png", fullPage: true });
  // the second browser still shows the form it loaded before the lock: saving is refused
  await setRow(other, "006", dongda);
  await expect(other.getByTestId("target-msg-006")).toContainText(`Chỉ tiêu năm ${YEAR} của Thành phố Hà Nội đã được chốt ngày`);
  await other.screenshot({ path: "test-results/targets-locked-refused.png", fullPage: true });
  // a cookie-authenticated API write must come from the app itself (issue 17 item 6): say so with Origin
  const refused = await page.request.put("/api/v1/targets", { data: { year: YEAR, unitCode: "001", participants: 1, version: 2 }, headers: { origin: new URL(page.url()).origin } });
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
  for (const code of await page.locator("[data-testid^=shortfall-row-]").evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")!.slice("shortfall-row-".length)))) {
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
