// A district officer's day at the enrollment desk, in Chromium against the built app and the demo data:
// register with a wrong CCCD (the error names the part), fix it, pay 12 months (amounts shown live),
// find the person by a name typed without diacritics, record a renewal and see coverage end move.
// Then an admin issues an API token on the tokens page and the API answers with it.
import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./helpers";

// Today in Vietnam, and the 12-month periods that follow from it (period starts on the 1st of the paid month).
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
function lastDayAfter(months: number): string {
  const [y, m] = today.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + months, 0)); // day 0 of the month after the period = its last day
  return `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()}`;
}
const firstOfThisMonth = `01/${today.slice(5, 7)}/${today.slice(0, 4)}`;
const firstAfter12 = (() => {
  const [y, m] = today.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + 12, 1));
  return `01/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()}`;
})();

// A person unlikely to exist in the demo data: a random serial and an unusual name.
const serial = String(Date.now() % 1_000_000).padStart(6, "0");
// the date of birth varies per run too, so a rerun on the same database is not a same-name-and-birthday duplicate
const yy = String(60 + (Number(serial) % 40));
const dob = `19${yy}-0${1 + (Number(serial) % 9)}-${String(10 + (Number(serial) % 18))}`;
const goodId = `0011${yy}${serial}`; // 001 Hà Nội · 1 = female born 1900s · yy
const wrongId = `0010${yy}${serial}`; // 0 = male: disagrees with the sex entered
const name = "Ưng Thị Ngọc Diễm";
const receipt1 = `E2E-${serial}-1`;
const receipt2 = `E2E-${serial}-2`;
const tokenLabel = `Hệ thống thu bưu điện (E2E ${serial})`;

test.describe.configure({ mode: "serial" });

test("register with a wrong CCCD, fix it, pay 12 months, find without diacritics, renew", async ({ page }) => {
  await signIn(page, "cs.badinh");
  await page.goto("/enrollees/new");
  await expect(page.getByRole("heading", { name: "Đăng ký tham gia BHXH tự nguyện" })).toBeVisible();

  await page.getByTestId("in-personalId").fill(wrongId);
  await page.getByTestId("in-fullName").fill(name);
  await page.getByTestId("in-dateOfBirth").fill(dob);
  await page.getByTestId("in-sex").selectOption("FEMALE");
  await page.getByTestId("in-phone").fill("0912 000 111");
  await page.getByTestId("in-communeCode").selectOption("00004");
  await page.getByTestId("in-occupation").selectOption("SELF_EMPLOYED");
  await page.getByTestId("in-subsidyGroup").selectOption("OTHER");
  await page.getByTestId("in-declaredIncome").fill("1.500.000");
  await page.getByTestId("in-paymentPeriod").selectOption("ANNUAL");
  await page.getByTestId("in-payment.receiptNo").fill(receipt1);
  // agents: only the active ones serving Phường Ba Đình are offered
  const agentOptions = page.getByTestId("in-agentId").locator("option");
  expect(await agentOptions.count()).toBeGreaterThan(1);
  await page.getByTestId("in-agentId").selectOption({ index: 1 });

  // the amounts, live, with today's policy (Decree 159: 20%, Hà Nội +10%)
  await expect(page.getByTestId("calc-gross")).toHaveText("3.960.000 ₫");
  await expect(page.getByTestId("calc-central")).toHaveText("− 792.000 ₫");
  await expect(page.getByTestId("calc-topup")).toHaveText("− 396.000 ₫");
  await expect(page.getByTestId("calc-net")).toHaveText("2.772.000 ₫");
  await expect(page.getByTestId("calc-period")).toHaveText(`${firstOfThisMonth} – ${lastDayAfter(12)}`);

  await page.getByTestId("submit").click();
  await expect(page.getByTestId("error-personalId")).toContainText(
    "Chữ số thứ 4 (thế kỷ và giới tính) là 0 — nghĩa là nam sinh thế kỷ 20, nhưng giới tính đã nhập là nữ",
  );
  await expect(page).toHaveURL(/\/enrollees\/new$/);
  await page.screenshot({ path: "test-results/enrollment-1-wrong-cccd.png", fullPage: true });

  // fix it: the error goes, everything else typed is still there
  await page.getByTestId("in-personalId").fill(goodId);
  await expect(page.getByTestId("error-personalId")).toHaveText("");
  await expect(page.getByTestId("in-fullName")).toHaveValue(name);
  await page.screenshot({ path: "test-results/enrollment-2-form-ready.png", fullPage: true });
  await page.getByTestId("submit").click();

  await expect(page).toHaveURL(/\/enrollees\/\d+\?registered=1/);
  await expect(page.getByTestId("flash")).toContainText(name);
  await expect(page.getByTestId("enrollee-name")).toHaveText(name);
  await expect(page.getByTestId("coverage-end")).toHaveText(lastDayAfter(12));
  await expect(page.getByTestId("status")).toHaveAttribute("data-status", "ACTIVE");
  const row = page.getByTestId("contribution-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("3.960.000 ₫");
  await expect(row).toContainText("2.772.000 ₫");
  await expect(page.getByTestId("audit-row")).toHaveCount(2);
  const detailUrl = page.url().replace(/\?.*$/, "");
  await page.screenshot({ path: "test-results/enrollment-3-registered.png", fullPage: true });

  // find the person by name typed without diacritics
  await page.goto("/enrollees");
  await page.getByTestId("q").fill("ung thi ngoc diem");
  await page.getByTestId("search-submit").click();
  await expect(page).toHaveURL(/q=ung\+thi\+ngoc\+diem/);
  const found = page.getByTestId("enrollee-row").filter({ hasText: goodId });
  await expect(found).toHaveCount(1);
  await expect(found).toContainText(name);
  await page.screenshot({ path: "test-results/enrollment-4-search.png", fullPage: true });
  await found.getByRole("link", { name }).click();
  await expect(page).toHaveURL(detailUrl);

  // renewal: 12 more months continue from the coverage end
  await page.getByTestId("pay-link").click();
  await expect(page.getByTestId("pay-current")).toContainText(lastDayAfter(12));
  await page.getByTestId("in-receiptNo").fill(receipt1); // already used for this agent
  await page.getByTestId("submit").click();
  await expect(page.getByTestId("error-receiptNo")).toHaveText(`Số biên lai ${receipt1} đã được dùng cho đại lý này`);
  await page.getByTestId("in-receiptNo").fill(receipt2);
  await expect(page.getByTestId("calc-period")).toHaveText(`${firstAfter12} – ${lastDayAfter(24)}`);
  await page.screenshot({ path: "test-results/enrollment-5-renewal-form.png", fullPage: true });
  await page.getByTestId("submit").click();

  await expect(page).toHaveURL(/\/enrollees\/\d+\?paid=\d+/);
  await expect(page.getByTestId("flash")).toContainText(`${firstAfter12} – ${lastDayAfter(24)}`);
  await expect(page.getByTestId("coverage-end")).toHaveText(lastDayAfter(24));
  await expect(page.getByTestId("contribution-row")).toHaveCount(2);
  await page.screenshot({ path: "test-results/enrollment-6-renewed.png", fullPage: true });
  await signOut(page);
});

test("an admin issues an API token on the tokens page; the API answers with it, scoped to its user", async ({ page, request }) => {
  await signIn(page, "admin.hanoi");
  await page.goto("/users/tokens");
  const option = page.getByTestId("in-userId").locator("option", { hasText: "cs.badinh" });
  await page.getByTestId("in-userId").selectOption((await option.getAttribute("value"))!);
  await page.getByTestId("in-name").fill(tokenLabel);
  await page.getByTestId("issue-submit").click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^bhxh_/);
  await page.screenshot({ path: "test-results/enrollment-7-token.png", fullPage: true });

  const res = await request.get(`/api/v1/enrollees?q=${encodeURIComponent(goodId)}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.total).toBe(1);
  expect(body.rows[0]).toMatchObject({ personalId: goodId, fullName: name });
  const id = body.rows[0].id as number;
  // the token acts as cs.badinh: their own enrollee is readable in full
  expect((await request.get(`/api/v1/enrollees/${id}`, { headers: { authorization: `Bearer ${token}` } })).status()).toBe(200);
  const openapi = await (await request.get("/api/v1/openapi.json")).json();
  expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(["/enrollees", "/enrollees/{id}", "/enrollees/{id}/contributions", "/contributions"]));

  // revoke, confirmed in the page (no browser dialog): the API refuses the token at once, and the secret leaves the page
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.getByTestId("token-row").filter({ hasText: tokenLabel }).getByRole("button", { name: "Thu hồi" }).click();
  await page.getByTestId("token-row").filter({ hasText: tokenLabel }).getByRole("button", { name: "Thu hồi ngay" }).click();
  await expect(page.getByTestId("token-row").filter({ hasText: tokenLabel })).toContainText("Đã thu hồi");
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await expect(page.getByTestId("token-gone")).toBeVisible();
  expect(dialogs).toEqual([]);
  expect((await request.get("/api/v1/enrollees", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
});
