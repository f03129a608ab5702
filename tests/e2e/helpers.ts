import { expect, type Page } from "@playwright/test";

export const PASSWORD = "Demo@2026";

export async function signIn(page: Page, login: string, password = PASSWORD) {
  await page.goto("/login");
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill(password);
  await page.getByTestId("login-form").locator("button[type=submit]").click();
  // the first sign-in after the server starts renders the landing page cold: allow it time
  // attached, not visible: on a phone the user's name sits in the folded menu
  await expect(page.getByTestId("user-name")).toBeAttached({ timeout: 60_000 });
}

export async function signOut(page: Page) {
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/login/);
}
