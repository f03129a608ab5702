// Commission statements and yearly statements on the demo data (issue 13 items 5 and 7): district staff opens an
// agent's commission statement for last month on a phone — sample rates are said to be samples — and downloads it
// (the file's total is the page's); a participant's yearly statement and the yearly notice of the agent's people.
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

const PHONE = { width: 390, height: 844 };

test("district staff: an agent's commission statement (sample rates, Excel) and the yearly statements, on a phone", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
  await signIn(page, "cs.badinh");
  // Nguyễn Văn An's agent (the demo's known person in Ba Đình)
  const body = (await (await page.request.get("/api/v1/enrollees?q=nguyen%20van%20an")).json()) as {
    rows: { id: number; personalId: string; agentId: number | null }[];
  };
  const an = body.rows.find((r) => r.personalId.endsWith("2345"))!;
  await page.goto(`/agents/${an.agentId}`);
  await page.getByTestId("agent-commissions").click();
  await expect(page.getByTestId("commission-statement")).toBeVisible();
  await expect(page.getByTestId("commission-sample")).toContainText("TỶ LỆ MẪU");
  const rows = await page.getByTestId("commission-row").count();
  expect(rows).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "test-results/commissions-1-statement.png", fullPage: true });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("commission-download").click()]);
  expect(download.suggestedFilename()).toMatch(/^Thu-lao_.+_\d{4}-\d{2}_da-thu\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  const ws = wb.worksheets[0];
  expect(String(ws.getCell(1, 1).value)).toContain("TỶ LỆ MẪU");
  const total = ws.getRow(ws.rowCount);
  expect(String(total.getCell(4).value)).toBe(`Tổng cộng (${rows} khoản)`);
  const totalText = (await page.getByTestId("commission-total").textContent()) ?? "";
  expect(totalText.replace(/\D/g, "")).toBe(String(total.getCell(12).value));

  // the rates page says the rates are samples
  await page.goto("/agents/commissions");
  await expect(page.getByTestId("rates-sample")).toBeVisible();
  expect(await page.getByTestId("rate-row").count()).toBeGreaterThan(0);
  await page.screenshot({ path: "test-results/commissions-2-rates.png", fullPage: true });

  // a participant's yearly statement, and the agent's people one per page
  await page.goto(`/enrollees/${an.id}/statement`);
  await expect(page.getByTestId("yearly-statement")).toBeVisible();
  const api = (await (await page.request.get(`/api/v1/enrollees/${an.id}/statement`)).json()) as {
    statement: { monthsContributed: number; monthsStillNeeded: number };
  };
  await expect(page.getByTestId("statement-months")).toHaveText(String(api.statement.monthsContributed));
  await expect(page.getByTestId("statement-needed")).toHaveText(String(api.statement.monthsStillNeeded));
  await page.screenshot({ path: "test-results/commissions-3-yearly.png", fullPage: true });
  await page.goto(`/statements?agentId=${an.agentId}`);
  await expect(page.getByTestId("statements-count")).toBeVisible();
  expect(await page.getByTestId("yearly-statement").count()).toBeGreaterThan(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.close();
});
