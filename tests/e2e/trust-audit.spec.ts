// Trust, end to end through the real next-auth flow: sign-ins (failed and successful) reach the
// audit log, the log filters and exports, headers and cookies are hardened, guessing locks a login,
// and the data-quality page shows the caller's problems with masked ID numbers.
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, signIn, signOut } from "./helpers";

async function attempt(page: Page, login: string, password: string) {
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill(password);
  const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await page.getByTestId("login-form").locator("button[type=submit]").click();
  await answered;
}

test("security headers on pages and on the API; the API without a session is 401", async ({ request }) => {
  for (const path of ["/login", "/api/v1/me"]) {
    const res = await request.get(path);
    const h = res.headers();
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"]).toContain("default-src 'self'");
    expect(h["referrer-policy"]).toBe("same-origin");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["x-powered-by"]).toBeUndefined();
  }
  const me = await request.get("/api/v1/me");
  expect(me.status()).toBe(401);
  expect(await me.json()).toMatchObject({ error: { code: "unauthenticated" } });
});

test("a failed and a successful sign-in appear in the audit log filtered by login, and the log exports to CSV", async ({ page }) => {
  await page.goto("/login");
  await attempt(page, "admin.hanoi", "sai-mat-khau");
  await expect(page.getByTestId("login-error")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
  await signIn(page, "admin.hanoi");

  // the session cookie: httpOnly, SameSite=Lax (not Secure on plain http)
  const session = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });

  await page.goto("/audit");
  await page.locator("input[name=login]").fill("admin.hanoi");
  await page.getByTestId("audit-filter").locator("button[type=submit]").click();
  await expect(page).toHaveURL(/login=admin.hanoi/);
  const rows = page.getByTestId("audit-row");
  await expect(rows.nth(0)).toHaveAttribute("data-action", "auth.login");
  await expect(rows.nth(1)).toHaveAttribute("data-action", "auth.login_failed");
  await expect(rows.nth(1)).toContainText("Đăng nhập thất bại");
  await expect(rows.nth(1)).toContainText("admin.hanoi");
  await page.screenshot({ path: "test-results/trust-audit.png", fullPage: true });

  // today's date range (dd/mm/yyyy, Vietnam's time) keeps them; yesterday's does not
  const today = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date());
  await page.goto(`/audit?login=admin.hanoi&from=${encodeURIComponent(today)}&to=${encodeURIComponent(today)}`);
  await expect(page.getByTestId("audit-row").nth(1)).toHaveAttribute("data-action", "auth.login_failed");
  const [d, m, y] = today.split("/").map(Number);
  const yesterday = new Date(Date.UTC(y, m - 1, d - 1));
  const yd = `${String(yesterday.getUTCDate()).padStart(2, "0")}/${String(yesterday.getUTCMonth() + 1).padStart(2, "0")}/${yesterday.getUTCFullYear()}`;
  await page.goto(`/audit?login=admin.hanoi&to=${encodeURIComponent(yd)}`);
  await expect(page.locator("[data-testid=audit-row][data-action^='auth.']")).toHaveCount(0);

  // export what the filter shows
  await page.goto("/audit?login=admin.hanoi&action=auth.");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-export-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/^nhat-ky-thao-tac-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff); // BOM: Excel reads the Vietnamese correctly
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toContain("Thời gian (giờ Việt Nam)");
  // in the words the page shows (issue 15 item 7), not action codes
  expect(lines.slice(1).every((l) => l.includes('"Đăng nhập'))).toBe(true);
  expect(lines.some((l) => l.includes('"Đăng nhập thất bại"'))).toBe(true);
  expect(lines.some((l) => l.includes('"Đăng nhập"'))).toBe(true);
  expect(csv).not.toContain("auth.login");

  // taking the export is itself recorded
  await page.goto("/audit?action=audit.export");
  await expect(page.getByTestId("audit-row").first()).toHaveAttribute("data-action", "audit.export");

  // a bad filter is explained next to its field, and what was typed stays
  await page.goto("/audit?from=31/02/2026&login=admin.hanoi");
  await expect(page.getByTestId("error-from")).toContainText("dd/mm/yyyy");
  await expect(page.locator("input[name=from]")).toHaveValue("31/02/2026");
  await expect(page.locator("input[name=login]")).toHaveValue("admin.hanoi");
  await signOut(page);
});

test("the audit log is for admins, within their own province", async ({ page }) => {
  await signIn(page, "tinh.hanoi");
  await page.goto("/audit");
  await expect(page.getByTestId("forbidden")).toBeVisible();
  const exp = await page.request.get("/audit/export?format=csv");
  expect(exp.status()).toBe(403);
  await signOut(page);
  // Nghệ An's admin does not see Hà Nội's sign-ins
  await signIn(page, "admin.nghean");
  await page.goto("/audit?login=admin.hanoi");
  await expect(page.getByTestId("audit-empty")).toBeVisible();
  await page.goto("/audit?unit=01");
  await expect(page.getByTestId("error-unit")).not.toBeEmpty();
  await signOut(page);
});

test("after 10 quick wrong passwords this address waits, even for the right password", async ({ page }) => {
  await page.goto("/login");
  for (let i = 0; i < 10; i++) await attempt(page, "tinh.quangninh", `sai-${i}`);
  await expect(page.getByTestId("login-error")).toContainText("Đăng nhập sai nhiều lần từ máy này");
  await attempt(page, "tinh.quangninh", PASSWORD);
  await expect(page.getByTestId("login-error")).toContainText("thử lại sau");
  await expect(page).toHaveURL(/\/login/);
});

test("data quality: the caller's problems, ID numbers masked for officers, full for local staff", async ({ page }) => {
  await signIn(page, "tinh.hanoi");
  await page.goto("/data-quality");
  for (const check of ["duplicates", "personal-id", "contributions", "no-agent"]) {
    await expect(page.getByTestId(`dq-count-${check}`)).toHaveText(/^[\d.]+$/);
  }
  await page.screenshot({ path: "test-results/trust-data-quality.png", fullPage: true });
  // the demo data has payment gaps (people who stopped and resumed): a non-empty list to check
  await page.getByTestId("dq-card-contributions").click();
  await expect(page).toHaveURL(/check=contributions/);
  const officerRows = page.getByTestId("dq-row");
  await expect(officerRows.first()).toBeVisible();
  await expect(officerRows.first().locator("td").nth(1)).toHaveText(/^\*{8}\d{4}$/);
  await expect(page.getByTestId("dq-edit")).toHaveCount(0); // officers do not edit enrollees
  await page.screenshot({ path: "test-results/trust-data-quality-contributions.png", fullPage: true });
  await signOut(page);
  await signIn(page, "cs.badinh");
  await page.goto("/data-quality?check=contributions");
  const staffRows = page.getByTestId("dq-row");
  await expect(staffRows.first()).toBeVisible();
  await expect(staffRows.first().locator("td").nth(1)).toHaveText(/^\d{12}$/);
  await expect(staffRows.first().getByTestId("dq-edit")).toHaveAttribute("href", /^\/enrollees\/\d+\/edit$/);
  await signOut(page);
});
