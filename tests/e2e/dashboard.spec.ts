import fs from "node:fs";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD } from "./helpers";

// screenshots to look at; another run's clean-up of test-results must not take them away
const SHOTS = process.env.SCREENSHOT_DIR ?? "test-results";

/** signIn, with time for a cold server (the first request opens the embedded database). */
async function signInCold(page: Page, login: string) {
  await page.goto("/login");
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill(PASSWORD);
  await page.getByTestId("login-form").locator("button[type=submit]").click();
  await expect(page.getByTestId("user-name")).toBeVisible({ timeout: 90_000 });
}

const number = async (page: Page, testId: string) => {
  const text = (await page.getByTestId(testId).locator("div").nth(1).innerText()).trim();
  return Number(text.replace(/\./g, "").replace(/[^\d-]/g, ""));
};

test("a provincial officer opens the dashboard, changes the date, drills down and back, exports and prints", async ({ page }) => {
  test.setTimeout(300_000);
  await signInCold(page, "tinh.hanoi");
  await page.goto("/dashboard");
  await expect(page.getByTestId("dashboard-title")).toHaveText("Thành phố Hà Nội");
  // the field shows dd/mm/yyyy; the form submits yyyy-mm-dd (components/ui/date-field.tsx)
  const today = await page.locator("input[type=hidden][name=date]").inputValue();
  await expect(page.getByTestId("date-input")).toHaveValue(today.split("-").reverse().join("/"));
  expect(page.url()).not.toContain("date="); // the default is today…
  await expect(page.getByTestId("dashboard-as-of")).toContainText(today.split("-").reverse().join("/"));

  // the cards and the charts (recharts draws SVG)
  const participants = await number(page, "stat-participants");
  expect(participants).toBeGreaterThan(100);
  await expect(page.getByTestId("stat-attainment")).toContainText("%");
  await expect(page.getByTestId("stat-coverage")).toContainText("%");
  for (const chart of ["chart-participants", "chart-flow"]) {
    await expect(page.getByTestId(chart).locator("svg.recharts-surface").first()).toBeVisible();
  }
  await expect(page.getByTestId("chart-participants").locator(".recharts-line path.recharts-curve")).toHaveCount(2); // this year and last year
  await expect(page.getByTestId("chart-participants").locator(".recharts-reference-line")).toHaveCount(1); // the target
  expect(await page.getByTestId("chart-flow").locator(".recharts-bar-rectangle").count()).toBeGreaterThan(4);
  await expect(page.getByTestId("league-table").getByTestId("league-row")).toHaveCount(30);
  await page.screenshot({ path: `${SHOTS}/dashboard-overview.png`, fullPage: true });

  // the figures agree with the JSON API, with the same session
  const api = await page.request.get("/api/v1/dashboard/overview?unit=01");
  expect(api.status()).toBe(200);
  expect((await api.json()).figures.participants).toBe(participants);
  expect((await page.request.get("/api/v1/dashboard/overview?unit=40")).status()).toBe(404);
  expect((await page.request.get("/api/v1/dashboard/league?unit=412")).status()).toBe(404);

  // change the date: the URL carries it, the figures follow
  const past = `${Number(today.slice(0, 4)) - 1}-06-30`;
  await page.getByTestId("date-input").fill(past);
  await page.getByTestId("date-submit").click();
  await expect(page).toHaveURL(new RegExp(`date=${past}`));
  await expect(page.getByTestId("dashboard-as-of")).toContainText(past.split("-").reverse().join("/"));
  const pastApi = await (await page.request.get(`/api/v1/dashboard/overview?unit=01&date=${past}`)).json();
  expect(await number(page, "stat-participants")).toBe(pastApi.figures.participants);

  // sort by participants (a link: the sort is in the URL)
  await page.getByTestId("sort-participants").click();
  await expect(page).toHaveURL(/sort=participants/);
  const values = await page.getByTestId("league-table").locator("tbody tr td:nth-child(3)").allInnerTexts();
  const nums = values.map((v) => Number(v.replace(/\./g, "")));
  expect(nums).toEqual([...nums].sort((a, b) => b - a));

  // drill down: province → area → commune, keeping the date
  await page.getByTestId("league-table").getByRole("link", { name: "Quận Ba Đình", exact: true }).click();
  await expect(page.getByTestId("dashboard-title")).toHaveText("Quận Ba Đình");
  await expect(page).toHaveURL(new RegExp(`unit=001.*date=${past}|date=${past}.*unit=001`));
  await page.getByTestId("league-table").getByRole("link", { name: "Phường Ba Đình", exact: true }).click();
  await expect(page.getByTestId("dashboard-title")).toHaveText("Phường Ba Đình");
  await expect(page.getByTestId("league-table").getByTestId("league-row").first()).toBeVisible(); // the commune's agents
  await page.screenshot({ path: `${SHOTS}/dashboard-commune.png`, fullPage: true });
  // … and back up through the breadcrumbs
  await page.getByTestId("dashboard-breadcrumbs").getByRole("link", { name: "Thành phố Hà Nội" }).click();
  await expect(page.getByTestId("dashboard-title")).toHaveText("Thành phố Hà Nội");
  await expect(page).toHaveURL(new RegExp(`date=${past}`));

  // export the league table to Excel: a real workbook with numbers
  await page.getByTestId("export-menu").locator("summary").click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-league-xlsx").click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = `${SHOTS}/dashboard-league.xlsx`;
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const header = (ws.getRow(2).values as unknown[]).slice(1);
  expect(header).toContain("Người tham gia");
  expect(header).toContain("% KH");
  const col = header.indexOf("Người tham gia") + 1;
  const cells = Array.from({ length: ws.rowCount - 2 }, (_, i) => ws.getRow(i + 3).getCell(col).value);
  expect(cells).toHaveLength(30);
  expect(cells.every((v) => typeof v === "number")).toBe(true);
  expect((cells as number[]).reduce((s, v) => s + v, 0)).toBe(pastApi.figures.participants);

  // the printable monthly report
  await page.getByTestId("tab-report").click();
  await expect(page).toHaveURL(/\/reports\/monthly\?unit=01&month=/);
  const month = past.slice(0, 7);
  await expect(page.getByTestId("report-title")).toHaveText(
    `Báo cáo tình hình phát triển người tham gia BHXH tự nguyện tháng ${month.slice(5)}/${month.slice(0, 4)}`,
  );
  await expect(page.getByTestId("report-charts").locator(".recharts-wrapper")).toHaveCount(2);
  await expect(page.getByTestId("report-charts").locator(".recharts-line path.recharts-curve")).toHaveCount(2);
  await expect(page.getByTestId("report-league").locator("tbody tr")).toHaveCount(30);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("header").first()).toBeHidden(); // the app's header is not printed
  await page.screenshot({ path: `${SHOTS}/dashboard-report-print.png`, fullPage: true });
  await page.emulateMedia({ media: "screen" });
});

test("the other tabs: agents with the review flag, and the breakdowns", async ({ page }) => {
  test.setTimeout(180_000);
  await signInCold(page, "tinh.hanoi");
  await page.goto("/dashboard");
  await page.getByTestId("tab-agents").click();
  await expect(page.getByTestId("agents-table")).toBeVisible();
  await expect(page.getByTestId("review-rule")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/dashboard-agents.png`, fullPage: true });
  await page.getByTestId("tab-breakdowns").click();
  const total = Number((await page.getByTestId("breakdown-total").innerText()).replace(/\./g, ""));
  expect(total).toBeGreaterThan(100);
  await expect(page.getByTestId("breakdown-ageBand")).toContainText("25–34 tuổi");
  await page.screenshot({ path: `${SHOTS}/dashboard-breakdowns.png`, fullPage: true });
  // another province is "not found"
  await page.goto("/dashboard?unit=40");
  await expect(page.getByTestId("not-found")).toBeVisible();
});
