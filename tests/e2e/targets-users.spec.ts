import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./helpers";

test.setTimeout(180_000);

test("a province admin creates a user inside its province only; the user signs in with the password shown once", async ({ page }) => {
  await signIn(page, "admin.hanoi");
  await page.goto("/users");
  const table = page.getByTestId("users-table");
  await expect(table.getByTestId("user-row-tinh.hanoi")).toBeVisible();
  await expect(table.getByTestId("user-row-admin")).toHaveCount(0);
  await expect(table.getByTestId("user-row-admin.nghean")).toHaveCount(0);

  await page.getByTestId("user-add").click();
  const unit = page.locator("select[name=unitCode]");
  // no unit outside Hà Nội, and never the nation
  // (retried: a choice made before the page is interactive does not reach the form's state)
  await expect(async () => {
    await page.locator("select[name=role]").selectOption("ADMIN");
    await expect(unit.locator("option")).toHaveText(["— Chọn đơn vị —", "Thành phố Hà Nội (01)"], { timeout: 2000 });
  }).toPass();
  await page.locator("select[name=role]").selectOption("DISTRICT_STAFF");
  await expect(unit.locator("option", { hasText: "Quận Ba Đình" })).toHaveCount(1);
  await expect(unit.locator("option", { hasText: "Vinh" })).toHaveCount(0);
  await expect(unit.locator("option", { hasText: "Toàn quốc" })).toHaveCount(0);

  // instant feedback, next to the fields
  await page.getByTestId("password-choose").check();
  await page.getByTestId("password-input").fill("ngan123");
  await page.getByTestId("user-submit").click();
  await expect(page.getByTestId("error-login")).toContainText("Tên đăng nhập gồm 3–32 ký tự");
  await expect(page.getByTestId("error-unitCode")).toHaveText("Chọn đơn vị.");
  await expect(page.getByTestId("error-password")).toHaveText("Mật khẩu phải có ít nhất 10 ký tự.");

  await page.locator("input[name=login]").fill("cs.badinh.e2e");
  await page.locator("input[name=name]").fill("Đỗ Văn Kiểm");
  await unit.selectOption("001");
  await page.locator("input[name=passwordMode][value=generate]").check();
  await page.getByTestId("user-submit").click();
  await expect(page.getByTestId("user-created")).toContainText("Đã tạo người dùng cs.badinh.e2e.");
  const password = (await page.getByTestId("user-password").textContent())!.trim();
  expect(password).toMatch(/^[A-Za-z2-9]{14}$/);
  await page.screenshot({ path: "test-results/targets-user-created.png", fullPage: true });

  // deactivate and reactivate
  await page.getByTestId("user-open").click();
  await expect(page.getByTestId("user-title")).toHaveText("Đỗ Văn Kiểm");
  await page.getByTestId("user-toggle-active").click();
  await expect(page.getByTestId("user-state")).toHaveText("Đã khóa");
  await page.getByTestId("user-toggle-active").click();
  await expect(page.getByTestId("user-state")).toHaveText("Đang hoạt động");
  await page.screenshot({ path: "test-results/targets-user-page.png", fullPage: true });
  await signOut(page);

  await signIn(page, "cs.badinh.e2e", password);
  await expect(page.getByTestId("user-name")).toHaveText("Đỗ Văn Kiểm");
  await expect(page.getByTestId("user-unit")).toContainText("Quận Ba Đình");
  await page.goto("/users");
  await expect(page.getByTestId("forbidden")).toBeVisible();
});
