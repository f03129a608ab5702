// The walk-through of issue 15, repeated in an English-language browser (en-US): every date field takes
// and shows dd/mm/yyyy (mm/yyyy for a month) — never the browser's mm/dd/yyyy — and submits ISO; one
// meaning for "participants" on the unit browser and the dashboard; the audit log shows names, words
// and local times.
import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut } from "./helpers";

test.use({ locale: "en-US", timezoneId: "America/New_York" }); // a browser far from Vietnam, in English

test.setTimeout(300_000); // several sign-ins and pages per test, on a shared machine

/** Types dd/mm/yyyy into a date field, leaves it, and checks what it shows and what the form will submit. */
async function checkDateField(page: Page, testId: string, name: string, typed = "05/11/2025", iso = "2025-11-05", shown = typed) {
  const input = page.getByTestId(testId).first();
  await expect(input, testId).toHaveAttribute("placeholder", /^(dd\/mm\/yyyy|mm\/yyyy)$/);
  await input.fill(typed);
  await input.blur();
  await expect(input, testId).toHaveValue(shown);
  await expect(page.locator(`input[type=hidden][name="${name}"]`).first(), testId).toHaveValue(iso);
  // no native date picker anywhere (it follows the browser's language)
  expect(await page.locator("input[type=date], input[type=month]").count()).toBe(0);
}

test("every date field takes and shows dd/mm/yyyy in an en-US browser, with a calendar", async ({ page }) => {
  await signIn(page, "cs.badinh");
  // district staff land on their worklist; collecting from a row is one tap (a prefilled payment)
  await expect(page).toHaveURL(/\/renewals/);
  const pay = page.getByTestId("renewal-pay").first();
  await expect(pay).toBeVisible();
  await pay.click();
  await expect(page).toHaveURL(/\/enrollees\/\d+\/pay$/);
  await checkDateField(page, "in-paidOn", "paidOn", "01/12/2026", "2026-12-01");
  // the agent is named: the enrollee's own by default, never "— None —"
  await expect(page.getByTestId("in-agentId").locator("option").first()).not.toHaveText(/Không|None/);

  await page.goto("/enrollees/new");
  await checkDateField(page, "in-dateOfBirth", "dateOfBirth", "15/03/1985", "1985-03-15");
  // d/m/yyyy is read too, and shown back in full
  await checkDateField(page, "in-enrolledOn", "enrolledOn", "5/1/2026", "2026-01-05", "05/01/2026");
  await checkDateField(page, "in-payment.paidOn", "payment.paidOn", "05/01/2026", "2026-01-05");
  // the calendar: weeks start on Monday, a day picked is shown dd/mm/yyyy
  await page.getByTestId("in-dateOfBirth-calendar").click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Tháng 3 1985");
  await dialog.locator("[data-date='1985-03-20']").click();
  await expect(page.getByTestId("in-dateOfBirth")).toHaveValue("20/03/1985");
  await expect(page.locator("input[type=hidden][name=dateOfBirth]")).toHaveValue("1985-03-20");
  await page.screenshot({ path: "test-results/walk-1-date-fields.png", fullPage: true });

  await page.goto("/conferences/new");
  await checkDateField(page, "in-heldOn", "heldOn", "12/10/2026", "2026-10-12");
  await page.goto("/conferences");
  await checkDateField(page, "filter-from", "from", "01/02/2026", "2026-02-01");
  await checkDateField(page, "filter-to", "to", "28/02/2026", "2026-02-28");
  await page.getByTestId("conference-filters").locator("button:not([type=button])").click(); // not a calendar's button
  await expect(page).toHaveURL(/from=2026-02-01/);
  await expect(page.getByTestId("filter-from")).toHaveValue("01/02/2026");
  await signOut(page);

  await signIn(page, "admin.hanoi");
  await expect(page).toHaveURL(/\/targets/); // administrators land on the targets
  await page.goto("/agents/new");
  await checkDateField(page, "in-contractStart", "contractStart", "01/01/2026", "2026-01-01");
  await checkDateField(page, "in-contractEnd", "contractEnd", "31/12/2027", "2027-12-31");
  await page.goto("/agents");
  await page.getByTestId("agent-row").first().getByRole("link").first().click();
  if (await page.getByTestId("in-end-contractEnd").count()) await checkDateField(page, "in-end-contractEnd", "contractEnd", "03/12/2026", "2026-12-03");
  await page.goto("/reference/policy");
  await checkDateField(page, "in-effectiveFrom", "effectiveFrom", "01/07/2027", "2027-07-01");
  await signOut(page);

  await signIn(page, "tinh.hanoi");
  await expect(page).toHaveURL(/\/dashboard/); // officers land on the dashboard
  // the date shown is the date of "figures as of", both dd/mm/yyyy
  const asOf = (await page.getByTestId("dashboard-as-of").textContent())!.match(/\d{2}\/\d{2}\/\d{4}/)![0];
  await expect(page.getByTestId("date-input")).toHaveValue(asOf);
  await checkDateField(page, "date-input", "date", "04/11/2026", "2026-11-04");
  await page.getByTestId("date-submit").click();
  await expect(page).toHaveURL(/date=2026-11-04/);
  await expect(page.getByTestId("dashboard-as-of")).toContainText("04/11/2026");
  await expect(page.getByTestId("date-input")).toHaveValue("04/11/2026");
  await page.goto("/reports/monthly?unit=01");
  await checkDateField(page, "month-input", "month", "10/2026", "2026-10");
  await page.getByTestId("report-form").locator("button:not([type=button])").click();
  await expect(page).toHaveURL(/month=2026-10/);
  await expect(page.getByTestId("month-input")).toHaveValue("10/2026");

  // in English too: still dd/mm/yyyy
  await page.goto("/dashboard");
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await checkDateField(page, "date-input", "date", "03/11/2026", "2026-11-03");
  await page.getByTestId("date-input-calendar").click();
  await expect(page.getByRole("dialog")).toContainText("November 2026");
  await page.getByTestId("language-switch").click();
  await signOut(page);
});

test("participants mean people covered on the date; the other count says registered", async ({ page }) => {
  await signIn(page, "tinh.hanoi");
  await page.goto("/units");
  const head = page.getByTestId("children-table").locator("thead");
  await expect(head).toContainText("Đã đăng ký");
  await expect(head).toContainText("Người tham gia hôm nay");
  await page.goto("/dashboard");
  await expect(page.getByTestId("league-table").locator("thead")).toContainText("Người tham gia");
  await expect(page.locator("main")).not.toContainText("Đã đăng ký");
  // the export menu says what each file holds
  await page.getByTestId("export-menu").locator("summary").click();
  await expect(page.getByTestId("export-hint-league")).toBeVisible();

  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible(); // the language is saved
  await page.goto("/units");
  await expect(head).toContainText("Registered");
  await expect(head).toContainText("Participants today");
  await page.goto("/dashboard");
  await expect(page.locator("main")).toContainText("Participants");
  await expect(page.locator("main")).not.toContainText("Registered");
  await page.getByTestId("language-switch").click();
  await signOut(page);
});

test("the audit log reads like a ledger: words, names, local time", async ({ page }) => {
  await signIn(page, "admin.hanoi");
  await page.goto("/users/tokens");
  const option = page.getByTestId("in-userId").locator("option", { hasText: "cs.badinh" });
  await page.getByTestId("in-userId").selectOption((await option.getAttribute("value"))!);
  await page.getByTestId("in-name").fill("Sổ cái E2E");
  await page.getByTestId("issue-submit").click();
  await expect(page.getByTestId("new-token")).toBeVisible();
  await expect(page.getByTestId("copy-token")).toBeVisible();

  await page.goto("/audit");
  const row = page.getByTestId("audit-row").filter({ hasText: "Sổ cái E2E" }).first();
  await expect(row.getByTestId("audit-action")).toHaveText("Cấp khóa API");
  await expect(row.getByTestId("audit-subject")).toHaveText("Khóa API: Sổ cái E2E · cs.badinh");
  // Vietnam's time, dd/mm/yyyy HH:mm, though the browser is in New York
  const now = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date());
  await expect(row.getByTestId("audit-at")).toHaveText(new RegExp(`^${now.replace(/\//g, "\\/")} \\d{2}:\\d{2}$`));
  // field labels, not column names
  await row.getByTestId("audit-diff").locator("summary").click();
  await expect(row.getByTestId("audit-field").first()).not.toHaveText(/^[a-z]+[A-Z]\w*$/);
  await expect(row.getByTestId("audit-diff")).toContainText("Người dùng");
  // no action shown as its code, no subject as "#id" alone
  for (const text of await page.getByTestId("audit-action").allTextContents()) expect(text).not.toMatch(/^[a-z]+\.[a-z_.]+$/i);
  for (const text of await page.getByTestId("audit-subject").allTextContents()) expect(text).not.toMatch(/^[A-Za-z]+ #\d+$/);
  await page.screenshot({ path: "test-results/walk-3-audit.png", fullPage: true });
  await signOut(page);
});
