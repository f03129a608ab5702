// Issue 14: the nation map, a click on a province opens its dashboard with its commune map; the
// monthly report prints with the map. On a phone-sized screen.
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD } from "./helpers";

const SHOTS = process.env.SCREENSHOT_DIR ?? "test-results";

async function signInCold(page: Page, login: string) {
  await page.goto("/login");
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill(PASSWORD);
  await page.getByTestId("login-form").locator("button[type=submit]").click();
  // attached, not visible: on a phone the user's name sits in the folded menu
  await expect(page.getByTestId("user-name")).toBeAttached({ timeout: 90_000 });
}

test.use({ viewport: { width: 390, height: 844 } });

test("the nation map, click a province, its commune map; the monthly report prints with the map", async ({ page }) => {
  test.setTimeout(300_000);
  await signInCold(page, "admin");
  await page.goto("/dashboard?unit=VN&date=2025-11-30");
  const map = page.getByTestId("map");
  await expect(map).toHaveAttribute("data-layer", "provinces");
  await expect(map.locator("path[data-code]")).toHaveCount(34, { timeout: 60_000 });
  await expect(page.getByTestId("map-date")).toContainText("30/11/2025");
  await expect(page.getByTestId("map-legend").locator("li")).toHaveCount(6); // five classes and "no data / no target"
  await expect(page.getByTestId("map-legend-nodata")).toContainText("Không có số liệu");
  // the three demo provinces have targets; the others fall in "no data / no target"
  expect(await map.locator('path[data-class="-1"]').count()).toBeGreaterThanOrEqual(28);
  // another measure re-colours the same shapes
  await page.getByRole("radio", { name: "Tỷ lệ bao phủ lực lượng lao động" }).click();
  await expect(map).toHaveAttribute("data-measure", "coverage");
  // the renewal rate (the retention figure per province), with its legend and its period
  await page.getByRole("radio", { name: "Tỷ lệ tái tục" }).click();
  await expect(map).toHaveAttribute("data-measure", "renewal");
  await expect(page.getByTestId("map-legend").locator("li")).toHaveCount(6);
  await expect(page.getByTestId("map-renewal-period")).toContainText("30/08/2024"); // the 12 months whose grace period has passed on 30/11/2025: 30/08/2024 to 29/08/2025
  // the demo provinces have people whose coverage ended: they are coloured, not "no data"
  await expect(map.locator('path[data-code="01"]')).not.toHaveAttribute("data-class", "-1");
  await map.locator('path[data-code="01"]').hover();
  await expect(page.getByTestId("map-tooltip")).toContainText("Tái tục");
  await page.screenshot({ path: `${SHOTS}/dashboard-map-renewal.png`, fullPage: false });
  await page.getByRole("radio", { name: "Tỷ lệ bao phủ lực lượng lao động" }).click();
  // hover shows the unit's figures
  const hanoi = map.locator('path[data-code="01"]');
  await hanoi.hover();
  await expect(page.getByTestId("map-tooltip")).toContainText("Thành phố Hà Nội");
  await expect(page.getByTestId("map-tooltip")).toContainText("Người tham gia");
  await page.screenshot({ path: `${SHOTS}/dashboard-map-nation.png`, fullPage: false });

  // click: the province's dashboard on the same date, with the map of its communes
  await hanoi.click();
  await expect(page).toHaveURL(/unit=01/);
  await expect(page).toHaveURL(/date=2025-11-30/);
  await expect(page.getByTestId("dashboard-title")).toHaveText("Thành phố Hà Nội");
  await expect(page.getByTestId("map")).toHaveAttribute("data-layer", "01");
  const communes = await page.getByTestId("map").locator("path[data-code]").count();
  expect(communes).toBeGreaterThan(100); // Hà Nội's 126 communes and wards
  await expect(page.getByTestId("map").locator('path[data-code="00004"]')).toBeVisible();
  await page.getByTestId("map").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/dashboard-map-province.png`, fullPage: false });

  // a date before the reform carries the note
  await page.goto("/dashboard?unit=01&date=2024-06-30");
  await expect(page.getByTestId("reform-note")).toBeVisible();

  // the monthly report, printed
  await page.goto("/reports/monthly?unit=01&month=2025-10");
  const inReport = page.getByTestId("report-map").getByTestId("map");
  await expect(inReport.locator("path[data-code]")).toHaveCount(communes, { timeout: 60_000 });
  await page.emulateMedia({ media: "print" });
  await expect(inReport.locator("svg")).toBeVisible();
  await expect(page.getByTestId("report-map").getByTestId("map-legend")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/dashboard-map-report-print.png`, fullPage: true });
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.byteLength).toBeGreaterThan(50_000);
});
