// The TK1-TS declaration (issue 13 item 2) on a phone: from the person's page to the prefilled declaration
// (nothing scrolls sideways, the print button is there); the registration form keeps nationality,
// ethnicity and email folded, and a bad email is told next to its field. A collector reaches the declaration of
// its own people from their card in the field (44 px), and goes back there.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ viewport: { width: 390, height: 844 } });

test("cs.badinh: the known person's TK1-TS declaration, prefilled, fits the phone", async ({ page }) => {
  await signIn(page, "cs.badinh");
  const res = await page.request.get("/api/v1/enrollees?q=nguyen%20van%20an");
  const an = ((await res.json()) as { rows: { id: number; personalId: string; fullName: string }[] }).rows.find((r) => r.personalId === "001085012345")!;
  await page.goto(`/enrollees/${an.id}`);
  await page.getByTestId("tk1-link").click();
  await expect(page).toHaveURL(new RegExp(`/enrollees/${an.id}/tk1$`));
  await expect(page.getByTestId("tk1")).toContainText("TỜ KHAI THAM GIA, ĐIỀU CHỈNH THÔNG TIN BẢO HIỂM XÃ HỘI, BẢO HIỂM Y TẾ");
  await expect(page.getByTestId("tk1-fullName-value")).toHaveText(an.fullName.toLocaleUpperCase("vi-VN"));
  await expect(page.getByTestId("tk1-personalId-value")).toHaveText("001085012345");
  await expect(page.getByTestId("tk1-nationality-value")).toHaveText("Việt Nam");
  await expect(page.getByTestId("print-button")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "test-results/tk1-1-phone.png", fullPage: true });
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: "test-results/tk1-2-print.png", fullPage: true });
});

test("cs.badinh: the registration form's TK1-TS fields are folded; a bad email is told next to the field", async ({ page }) => {
  await signIn(page, "cs.badinh");
  await page.goto("/enrollees/new");
  await expect(page.getByTestId("in-email")).toBeHidden();
  await page.getByTestId("more-fields").locator("summary").click();
  await page.getByTestId("in-email").fill("an@");
  await page.getByTestId("in-email").blur();
  await expect(page.getByTestId("error-email")).toHaveText("Thư điện tử không hợp lệ (ví dụ ten@example.com)");
  await page.getByTestId("in-ethnicity").selectOption("Tày");
  await expect(page.getByTestId("in-nationality")).toHaveValue("Việt Nam");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("thu.badinh: from its person's card to the TK1-TS declaration (a 44 px target) and back", async ({ page }) => {
  await signIn(page, "thu.badinh");
  await page.goto("/field");
  const id = (await page.getByTestId("work-row").first().getAttribute("data-enrollee"))!;
  await page.goto(`/field/${id}`);
  const link = page.getByTestId("person-tk1");
  expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/enrollees/${id}/tk1$`));
  await expect(page.getByTestId("tk1")).toContainText("TỜ KHAI THAM GIA, ĐIỀU CHỈNH THÔNG TIN BẢO HIỂM XÃ HỘI, BẢO HIỂM Y TẾ");
  await expect(page.getByTestId("tk1-personalId-value")).toHaveText(/^\d{12}$/); // collectors check the card: the whole number
  await expect(page.getByTestId("print-button")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "test-results/tk1-3-collector.png", fullPage: true });
  await page.getByTestId("tk1-back").click();
  await expect(page).toHaveURL(new RegExp(`/field/${id}$`));
});
