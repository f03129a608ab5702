import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./helpers";

test("a wrong password shows an error and does not sign in", async ({ page }) => {
  await page.goto("/units");
  await expect(page).toHaveURL(/\/login/);
  await page.locator("input[name=login]").fill("tinh.hanoi");
  await page.locator("input[name=password]").fill("sai-mat-khau");
  await page.getByTestId("login-form").locator("button[type=submit]").click();
  await expect(page.getByTestId("login-error")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
  await expect(page).toHaveURL(/\/login/);
});

test("the API without a session answers 401 in JSON", async ({ request }) => {
  for (const path of ["/api/v1/me", "/api/v1/units"]) {
    const res = await request.get(path);
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe("unauthenticated");
  }
});

test("national admin drills down nation → province → area → commune", async ({ page }) => {
  await signIn(page, "admin");
  await expect(page).toHaveURL(/\/targets/); // administrators land on the targets
  await page.goto("/units");
  await expect(page.getByTestId("unit-title")).toHaveText("Toàn quốc");
  await expect(page.getByTestId("children-table").locator("tbody tr")).toHaveCount(34);
  await page.getByRole("link", { name: "Thành phố Hà Nội" }).click();
  await expect(page.getByTestId("unit-title")).toHaveText("Thành phố Hà Nội");
  await page.getByRole("link", { name: "Quận Ba Đình" }).click();
  await expect(page.getByTestId("unit-title")).toHaveText("Quận Ba Đình");
  await page.getByRole("link", { name: "Phường Ba Đình" }).click();
  await expect(page.getByTestId("unit-title")).toHaveText("Phường Ba Đình");
  await expect(page.getByTestId("breadcrumbs")).toContainText("Toàn quốc");
  await signOut(page);
});

const roles = [
  { login: "admin.hanoi", landing: /\/targets/, unit: "Thành phố Hà Nội", child: "Quận Đống Đa", grandchild: "Phường Đống Đa", outside: "40" },
  { login: "tinh.nghean", landing: /\/dashboard/, unit: "Tỉnh Nghệ An", child: "Thành phố Vinh", grandchild: "Phường Vinh Phú", outside: "01" },
  { login: "cs.badinh", landing: /\/renewals/, unit: "Quận Ba Đình", child: "Phường Ngọc Hà", grandchild: null, outside: "006" },
];

for (const r of roles) {
  test(`${r.login} sees its own unit, drills down, cannot open another unit, switches language`, async ({ page, request }) => {
    await signIn(page, r.login);
    await expect(page).toHaveURL(r.landing); // the landing page by role
    await page.goto("/units");
    await expect(page.getByTestId("unit-title")).toHaveText(r.unit);
    await page.getByRole("link", { name: r.child, exact: true }).click();
    await expect(page.getByTestId("unit-title")).toHaveText(r.child);
    if (r.grandchild) {
      await page.getByRole("link", { name: r.grandchild, exact: true }).click();
      await expect(page.getByTestId("unit-title")).toHaveText(r.grandchild);
    }
    // outside the user's unit: the page says "not found", and shows no data
    await page.goto(`/units/${r.outside}`);
    await expect(page.getByTestId("not-found")).toBeVisible();
    await expect(page.getByTestId("children-table")).toHaveCount(0);
    // the API refuses it as well, with the same session
    const api = await page.request.get(`/api/v1/units?parent=${r.outside}`);
    expect(api.status()).toBe(404);
    void request;

    await page.goto("/units");
    await page.getByTestId("language-switch").click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Units" })).toBeVisible();
    await page.getByTestId("language-switch").click();
    await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
    await signOut(page);
    await page.goto("/units");
    await expect(page).toHaveURL(/\/login/);
  });
}

test("unit search ignores diacritics", async ({ page }) => {
  await signIn(page, "tinh.hanoi");
  await page.goto("/units");
  await page.getByRole("searchbox").or(page.locator("input[name=q]")).fill("dong da");
  await page.locator("form[role=search] button").click();
  const results = page.getByTestId("unit-search-results");
  await expect(results.getByRole("link", { name: "Phường Đống Đa" })).toBeVisible();
  await expect(results.getByRole("link", { name: "Quận Đống Đa" })).toBeVisible();
  await page.screenshot({ path: "test-results/units-search.png", fullPage: true });
});
