// Field work on a phone (issue 11), at 390×844: a collector signs in, opens today's worklist, records a
// renewal in at most three taps from the row, opens the receipt, and logs "promised to pay on <date>" for
// another person, who then leaves the list. Then the collector registers a new person from the phone (its
// agent and itself preset) and finds them in its list of people (issue 11, item 2).
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const vnToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
const plusDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function noSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, win: window.innerWidth }));
  expect(widths.doc, "the page scrolls sideways").toBeLessThanOrEqual(widths.win);
}

test("thu.badinh: worklist → renewal in two taps → receipt; a promise takes a person off the list", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "thu.badinh");
  await page.goto("/");
  await expect(page).toHaveURL(/\/field$/);
  await expect(page.getByTestId("field-title")).toHaveText("Việc hôm nay");
  const rows = page.getByTestId("work-row");
  expect(await rows.count()).toBeGreaterThan(2);
  await noSidewaysScroll(page);
  await page.screenshot({ path: "test-results/field-worklist-390.png", fullPage: false });
  // tap targets of the first card are at least 44 px high
  for (const id of ["row-renew", "row-contact"]) {
    const box = await rows.first().getByTestId(id).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
  }

  // 1. renewal: "Thu tiền" (tap 1) → "Xác nhận đã thu …" (tap 2) → the receipt
  const first = rows.first();
  const firstId = await first.getAttribute("data-enrollee");
  const firstName = (await first.getByTestId("row-name").textContent())!.trim();
  await first.getByTestId("row-renew").tap();
  await expect(page).toHaveURL(new RegExp(`/field/${firstId}/renew$`));
  await noSidewaysScroll(page);
  const confirm = page.getByTestId("renew-confirm");
  await expect(confirm).toContainText("Xác nhận đã thu");
  await confirm.tap();
  await expect(page).toHaveURL(/\/receipts\/\d+\?new=1$/);
  await expect(page.getByTestId("renew-done")).toBeVisible();
  await expect(page.getByTestId("receipt-title")).toHaveText("BIÊN LAI THU TIỀN");
  await expect(page.getByTestId("receipt")).toContainText(firstName);
  await expect(page.getByTestId("receipt-collector")).not.toBeEmpty();
  await expect(page.getByTestId("receipt-words")).toHaveText(/^[A-ZĐ].* đồng$/);
  await expect(page.getByTestId("receipt-no")).toHaveText(/^BH\d\d-DL\d+\/\d{7}$/);
  await noSidewaysScroll(page);
  await page.screenshot({ path: "test-results/field-receipt-390.png", fullPage: true });
  // the print view: the first print is the original, a second one says "Bản in lại"
  await page.getByTestId("receipt-print").tap();
  await expect(page).toHaveURL(/\/receipts\/\d+\?print=1$/);
  await expect(page.getByTestId("receipt-print-now")).toBeVisible();
  await expect(page.getByTestId("receipt-reprint")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("receipt-reprint")).toHaveText("Bản in lại");

  // the renewed person has left the worklist
  await page.goto("/field");
  await expect(page.locator(`[data-testid=work-row][data-enrollee="${firstId}"]`)).toHaveCount(0);

  // 2. a promise: "Ghi liên hệ" → "Hẹn đóng vào ngày" + date → saved; the person leaves the list
  const other = page.getByTestId("work-row").first();
  const otherId = await other.getAttribute("data-enrollee");
  await other.getByTestId("row-contact").tap();
  await expect(page).toHaveURL(new RegExp(`/field/${otherId}#contact$`));
  await noSidewaysScroll(page);
  await page.getByTestId("outcome-PROMISED").check();
  await page.getByTestId("promised-on").fill(plusDays(vnToday(), 7));
  await page.getByTestId("contact-save").tap();
  await expect(page).toHaveURL(new RegExp(`/field\\?logged=${otherId}$`));
  await expect(page.locator(`[data-testid=work-row][data-enrollee="${otherId}"]`)).toHaveCount(0);
  await expect(page.getByTestId("hidden-promised")).toBeVisible();

  // the contact is on the person's card (its timeline)
  await page.goto(`/field/${otherId}`);
  await expect(page.getByTestId("contact-log")).toContainText("Hẹn đóng vào ngày");
  await expect(page.getByTestId("qr-note")).toContainText("BHXHTN");
  await noSidewaysScroll(page);
  await page.screenshot({ path: "test-results/field-person-390.png", fullPage: true });
});

// A person unlikely to exist in the demo data (a serial and a date of birth per run, as the desk's spec).
const serial = String((Date.now() + 500_000) % 1_000_000).padStart(6, "0");
const yy = String(60 + (Number(serial) % 40));
const dob = `19${yy}-0${1 + (Number(serial) % 9)}-${String(10 + (Number(serial) % 18))}`;
const newId = `0011${yy}${serial}`; // 001 Hà Nội · 1 = a woman born in the 1900s · yy
const newName = "Khổng Thị Thu Ngân";

test("thu.badinh registers a new person from the phone, agent and collector preset, and finds them in its list", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "thu.badinh");
  await page.goto("/field");
  await page.getByTestId("field-register").tap();
  await expect(page).toHaveURL(/\/enrollees\/new$/);
  await noSidewaysScroll(page);
  // its agent's communes only, and its agent preset and fixed (no other agent, not "at the office")
  const communes = page.getByTestId("in-communeCode").locator("option:not([value=''])");
  expect(await communes.count()).toBeGreaterThan(0);
  await page.getByTestId("in-communeCode").selectOption({ index: 1 });
  const agent = page.getByTestId("in-agentId");
  await expect(agent).toBeDisabled();
  await expect(agent.locator("option:not([value=''])")).toHaveCount(1);
  await expect(agent.locator("option:checked")).toContainText("Bưu điện");

  await page.getByTestId("in-personalId").fill(newId);
  await page.getByTestId("in-fullName").fill(newName);
  await page.getByTestId("in-dateOfBirth").fill(dob);
  await page.getByTestId("in-sex").selectOption("FEMALE");
  await page.getByTestId("in-phone").fill("0913 222 333");
  await page.getByTestId("in-occupation").selectOption("SELF_EMPLOYED");
  await page.getByTestId("in-subsidyGroup").selectOption("OTHER");
  await page.getByTestId("in-declaredIncome").fill("1.500.000");
  await page.getByTestId("in-paymentPeriod").selectOption("ANNUAL");
  await page.getByTestId("in-payment.receiptNo").fill(`TN-${serial}`);
  await expect(page.getByTestId("submit-bar-amount")).toHaveText(await page.getByTestId("calc-net").innerText());
  await page.screenshot({ path: "test-results/field-register-390.png", fullPage: true });
  await page.getByTestId("submit").tap();

  // on to the person's card in the field pages (a collector has no desk pages)
  await expect(page).toHaveURL(/\/field\/\d+\?registered=1$/, { timeout: 30_000 });
  await expect(page.getByTestId("person-registered")).toBeVisible();
  await expect(page.getByTestId("person-name")).toHaveText(newName);
  const personUrl = new URL(page.url()).pathname;
  await noSidewaysScroll(page);
  // the first payment's receipt names the collector
  await page.getByTestId("payment-receipt").first().tap();
  await expect(page.getByTestId("receipt")).toContainText(newName);
  await expect(page.getByTestId("receipt-collector")).not.toBeEmpty();

  // its list of people: found by the name typed without diacritics
  await page.goto("/field");
  await page.getByTestId("field-people").tap();
  await expect(page).toHaveURL(/\/field\/people$/);
  await page.getByTestId("people-q").fill("khong thi thu ngan");
  await page.getByTestId("people-search-submit").tap();
  const row = page.getByTestId("person-row").filter({ hasText: newName });
  await expect(row).toHaveCount(1);
  await noSidewaysScroll(page);
  await page.screenshot({ path: "test-results/field-people-390.png", fullPage: true });
  await row.getByTestId("person-row-name").tap();
  await expect(page).toHaveURL(new RegExp(`${personUrl}$`));
});
