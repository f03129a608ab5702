// The agents' paperwork, end to end on the demo data: district staff downloads last month's D05-TS list
// of an agent and the file opens with the right totals; a receipt number outside the agent's receipt
// book is refused with a clear message once the province refuses such numbers.
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./helpers";

/** Nguyễn Văn An (the demo's known person in Ba Đình) and his agent. */
async function knownPerson(page: import("@playwright/test").Page) {
  const res = await page.request.get("/api/v1/enrollees?q=nguyen%20van%20an");
  const body = (await res.json()) as { rows: { id: number; personalId: string; agentId: number | null }[] };
  // roles that do not enroll see the ID number masked to its last 4 digits
  const an = body.rows.find((r) => r.personalId.endsWith("2345"))!;
  return { enrolleeId: an.id, agentId: an.agentId! };
}

test("district staff downloads last month's D05-TS for an agent: the file's totals are the list's", async ({ page }) => {
  await signIn(page, "cs.badinh");
  const { agentId } = await knownPerson(page);
  await page.goto(`/agents/${agentId}`);
  await page.getByTestId("agent-d05").click();
  await expect(page).toHaveURL(new RegExp(`/agents/${agentId}/d05`));
  await expect(page.getByTestId("d05-table")).toBeVisible();
  const rowsOnScreen = await page.getByTestId("d05-row").count();
  await page.screenshot({ path: "test-results/paperwork-1-d05.png", fullPage: true });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("d05-download").click()]);
  expect(download.suggestedFilename()).toMatch(/^D05-TS_.+_\d{4}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  const ws = wb.worksheets[0];
  expect(ws.getCell(5, 1).value).toBe("DANH SÁCH NGƯỜI THAM GIA BHXH TỰ NGUYỆN");
  expect(ws.pageSetup.orientation).toBe("landscape");
  // the data rows, between the "I.1" row and "Cộng I.1"
  const data: ExcelJS.Row[] = [];
  let r = 13;
  while (ws.getCell(r, 2).value !== "Cộng I.1") data.push(ws.getRow(r++));
  const total = ws.getRow(r);
  expect(data.length).toBe(rowsOnScreen);
  const sum = (col: number) => data.reduce((s, row) => s + Number(row.getCell(col).value ?? 0), 0);
  for (const col of [9, 11, 12, 14, 16]) expect(Number(total.getCell(col).value ?? 0)).toBe(sum(col));

  // the same month through the JSON API: the file's totals are the API's
  const month = download.suggestedFilename().match(/(\d{4}-\d{2})\.xlsx$/)![1];
  const api = (await (await page.request.get(`/api/v1/agents/${agentId}/d05?month=${month}`)).json()) as {
    rows: unknown[];
    totals: { amountDue: number; paidByParticipant: number; stateAmount: number; localAmount: number; months: number };
  };
  expect(api.rows.length).toBe(data.length);
  expect(Number(total.getCell(11).value)).toBe(api.totals.amountDue);
  expect(Number(total.getCell(12).value)).toBe(api.totals.paidByParticipant);
  expect(Number(total.getCell(14).value)).toBe(api.totals.stateAmount);
  expect(Number(total.getCell(16).value)).toBe(api.totals.localAmount);
  expect(Number(total.getCell(9).value)).toBe(api.totals.months);
  // and the print view's totals row shows the same amount due
  await expect(page.getByTestId("d05-total")).toContainText(api.totals.amountDue.toLocaleString("vi-VN"));
  await signOut(page);
});

test("a receipt number outside the agent's receipt book is refused with a clear message", async ({ page }) => {
  // the province refuses numbers outside the agents' books (an administrator's rule)
  await signIn(page, "admin.hanoi");
  const { enrolleeId, agentId } = await knownPerson(page);
  await page.goto(`/agents/${agentId}/receipt-books`);
  await page.getByTestId("paperwork-settings").locator("select[name=receiptCheck]").selectOption("REFUSE");
  await page.getByTestId("paperwork-settings").locator("button").click();
  await expect(page.getByTestId("receipt-check-mode")).toHaveText("Từ chối");
  await signOut(page);

  // the local office issues the agent a book BH26-E2E/0000001–0000050
  await signIn(page, "cs.badinh");
  await page.goto(`/agents/${agentId}/receipt-books`);
  const add = page.getByTestId("book-add");
  await add.locator("input[name=series]").fill("BH26-E2E/");
  await add.locator("input[name=firstNo]").fill("1");
  await add.locator("input[name=lastNo]").fill("50");
  await add.locator("button").click();
  await expect(page.getByTestId("book-range").first()).toHaveText("BH26-E2E/0000001–BH26-E2E/0000050");
  await page.screenshot({ path: "test-results/paperwork-2-books.png", fullPage: true });

  await page.goto(`/enrollees/${enrolleeId}/pay`);
  await page.getByTestId("in-receiptNo").fill("BH26-E2E/0000099");
  await page.getByTestId("submit").click();
  await expect(page.locator('[data-testid="error-receiptNo"], [data-testid="err-receiptNo"]')).toContainText(
    "Số biên lai BH26-E2E/0000099 không thuộc quyển biên lai nào đã cấp cho đại lý",
  );
  await expect(page.locator('[data-testid="error-receiptNo"], [data-testid="err-receiptNo"]')).toContainText("BH26-E2E/0000001–BH26-E2E/0000050");
  await page.screenshot({ path: "test-results/paperwork-3-refused.png", fullPage: true });

  // a number in the book is recorded, and the book's account counts it
  await page.getByTestId("in-receiptNo").fill("BH26-E2E/0000003");
  await page.getByTestId("submit").click();
  await expect(page).toHaveURL(/\/enrollees\/\d+\?paid=\d+/);
  await page.goto(`/agents/${agentId}/receipt-books`);
  await expect(page.getByTestId("book").first().getByTestId("book-report")).toContainText("Đã dùng1");
  await expect(page.getByTestId("book-gaps").first()).toHaveText("BH26-E2E/0000001–BH26-E2E/0000002");
  await signOut(page);
});
