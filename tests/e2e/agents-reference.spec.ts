import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, signIn, signOut } from "./helpers";

// One flow, in order: the agent it creates is ended, then must not be offered anywhere.
test.describe.configure({ mode: "serial" });

const CODE = `E2E-${Date.now().toString(36).toUpperCase()}`;
const NAME = "Hội Phụ nữ Phường Ba Đình (thử nghiệm)";
let agentUrl = "";

async function acceptDialogs(page: Page) {
  page.on("dialog", (d) => void d.accept());
}

// The first sign-in after the server starts opens the embedded database: give it time once.
test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await browser.newPage();
  await page.goto("/login");
  await page.locator("input[name=login]").fill("admin.hanoi");
  await page.locator("input[name=password]").fill(PASSWORD);
  await page.getByTestId("login-form").locator("button[type=submit]").click();
  await expect(page.getByTestId("user-name")).toBeVisible({ timeout: 150_000 });
  await page.close();
});

test("admin.hanoi creates an agent serving two communes, with a collector", async ({ page }) => {
  await signIn(page, "admin.hanoi");
  await page.goto("/agents");
  await expect(page.getByTestId("agents-table")).toBeVisible();
  await page.getByTestId("agent-add").click();
  await expect(page.getByTestId("agent-form")).toBeVisible();

  const form = page.getByTestId("agent-form");
  await form.locator("input[name=code]").fill(CODE);
  await form.locator("input[name=name]").fill(NAME);
  await form.locator("select[name=kind]").selectOption("WOMEN_UNION");
  await form.locator("select[name=areaCode]").selectOption("001");
  await form.locator("input[name=contractNo]").fill("HĐ-15/2026");
  await form.locator("input[name=phone]").fill("09123");
  await form.locator("input[name=communeCodes][value='00004']").check();
  await form.locator("input[name=communeCodes][value='00008']").check();
  await expect(page.getByTestId("communes-selected")).toHaveText("Đã chọn 2 xã");
  // a wrong phone number is caught next to the field; nothing typed is lost
  await page.getByTestId("agent-save").click();
  await expect(page.getByTestId("error-phone")).toContainText("Số điện thoại không hợp lệ");
  await expect(form.locator("input[name=code]")).toHaveValue(CODE);
  await page.screenshot({ path: "test-results/agents-form-error.png", fullPage: true });
  await form.locator("input[name=phone]").fill("0912 345 678");
  await page.getByTestId("agent-save").click();

  await expect(page.getByTestId("agent-title")).toHaveText(NAME);
  agentUrl = new URL(page.url()).pathname;
  expect(agentUrl).toMatch(/^\/agents\/\d+$/);
  await expect(page.getByTestId("agent-communes").locator("li")).toHaveCount(2);
  await expect(page.getByTestId("agent-communes")).toContainText("Phường Ba Đình");
  await expect(page.getByTestId("agent-communes")).toContainText("Phường Ngọc Hà");
  await expect(page.getByTestId("agent-state")).toHaveText("Đang hoạt động");

  const add = page.getByTestId("collector-add");
  await add.locator("input[name=name]").fill("Nguyễn Thị Thu");
  await add.locator("input[name=phone]").fill("0987654321");
  await page.getByTestId("collector-add-submit").click();
  await expect(page.getByTestId("collector-row")).toHaveCount(1);
  await expect(page.getByTestId("collector-row")).toContainText("Nguyễn Thị Thu");
  await expect(page.getByTestId("collector-row")).toContainText("Đang làm việc");
  await expect(page.getByTestId("collector-add").locator("input[name=name]")).toHaveValue("");
  await page.screenshot({ path: "test-results/agents-detail.png", fullPage: true });

  // listed as selectable (state "Đang hoạt động") in the page and the API
  await page.goto(`/agents?state=ACTIVE&q=${CODE}`);
  await expect(page.getByTestId("agent-row")).toHaveCount(1);
  const api = await page.request.get(`/api/v1/agents?state=ACTIVE&q=${CODE}`);
  expect(api.status()).toBe(200);
  const body = await api.json();
  expect(body.agents).toHaveLength(1);
  expect(body.agents[0]).toMatchObject({ code: CODE, selectable: true, communes: 2, collectors: 1 });
  const one = await page.request.get(`/api/v1${agentUrl}`);
  expect((await one.json()).agent.communes.map((c: { code: string }) => c.code)).toEqual(["00004", "00008"]);
});

test("ending the contract removes the agent from the selectable agents", async ({ page }) => {
  await acceptDialogs(page);
  await signIn(page, "admin.hanoi");
  await page.goto(agentUrl);
  await page.getByTestId("agent-end").click();
  await expect(page.getByTestId("agent-state")).toHaveText("Đã chấm dứt hợp đồng");
  await expect(page.getByTestId("agent-ended-note")).toBeVisible();
  await page.screenshot({ path: "test-results/agents-ended.png", fullPage: true });

  await page.goto(`/agents?q=${CODE}`);
  await expect(page.getByTestId("agent-row")).toHaveCount(1);
  await expect(page.getByTestId("agent-row").getByTestId("agent-state")).toHaveText("Đã chấm dứt hợp đồng");
  await page.goto(`/agents?state=ACTIVE&q=${CODE}`);
  await expect(page.getByTestId("agent-row")).toHaveCount(0);
  await page.goto("/agents?state=ACTIVE&commune=00004");
  await expect(page.getByTestId("agents-table")).toBeVisible();
  await expect(page.locator(`[data-testid=agent-row][data-code="${CODE}"]`)).toHaveCount(0);
  await page.screenshot({ path: "test-results/agents-list-active.png", fullPage: true });
  const api = await (await page.request.get(`/api/v1/agents?q=${CODE}`)).json();
  expect(api.agents[0]).toMatchObject({ state: "ENDED", selectable: false });
});

test("records an outreach conference; the ended agent is not offered", async ({ page }) => {
  await signIn(page, "admin.hanoi");
  await page.goto("/conferences");
  await page.getByTestId("conference-add").click();
  const form = page.getByTestId("conference-form");
  await form.locator("input[name=title]").fill("Hội nghị khách hàng BHXH tự nguyện (thử nghiệm)");
  await form.locator("select[name=communeCode]").selectOption("00004");
  await expect(form.locator(`select[name=agentId] option`, { hasText: NAME })).toHaveCount(0);
  // the commune's agents; suspended or expired ones carry their state after the name
  const options = (await form.locator("select[name=agentId] option").allInnerTexts()).slice(1);
  const active = options.find((o) => !o.includes(" — "));
  expect(active).toBeTruthy();
  await form.locator("select[name=agentId]").selectOption({ label: active! });
  await form.locator("input[name=attendees]").fill("nhiều");
  await page.getByTestId("conference-save").click();
  await expect(page.getByTestId("error-attendees")).toContainText("số nguyên");
  await form.locator("input[name=attendees]").fill("85");
  await page.getByTestId("conference-save").click();
  await expect(page).toHaveURL(/\/conferences\?created=\d+/);
  const row = page.locator("tr.bg-emerald-50[data-testid=conference-row]");
  await expect(row).toContainText("Hội nghị khách hàng BHXH tự nguyện (thử nghiệm)");
  await expect(row.getByTestId("conference-enrolled")).toHaveText("0");
  await expect(row).toContainText("85");
  await page.screenshot({ path: "test-results/agents-conferences.png", fullPage: true });
});

test("edits a labour force figure and sees the policy rules", async ({ page }) => {
  await signIn(page, "admin.hanoi");
  await page.goto("/reference");
  await expect(page.getByTestId("lf-unit")).toHaveText("Thành phố Hà Nội");
  await expect(page.getByTestId("lf-row")).toHaveCount(126);
  const totalBefore = await page.getByTestId("lf-total").innerText();
  await page.getByTestId("lf-edit-00004").click();
  const input = page.getByTestId("lf-form-00004").locator("input[name=persons]");
  await input.fill("nhiều lắm");
  await page.getByTestId("lf-save-00004").click();
  await expect(page.getByTestId("lf-form-00004")).toContainText("số nguyên");
  await input.fill("12.345");
  await page.getByTestId("lf-save-00004").click();
  await expect(page.getByTestId("lf-00004")).toHaveText("12.345");
  await expect(page.getByTestId("lf-total")).not.toHaveText(totalBefore);
  await page.reload();
  await expect(page.getByTestId("lf-00004")).toHaveText("12.345");
  await page.screenshot({ path: "test-results/agents-labour-force.png", fullPage: false });

  await page.goto("/reference/policy");
  await expect(page.getByTestId("policy-note")).toContainText("không làm thay đổi các khoản đóng đã ghi");
  await expect(page.getByTestId("policy-add-parameter")).toHaveCount(0); // national values: national admin only
  await expect(page.getByTestId("policy-add-topup")).toBeVisible();
  await page.screenshot({ path: "test-results/agents-policy.png", fullPage: true });
});

test("imports labour force from a CSV: previews errors per line, writes only valid lines", async ({ page }) => {
  await signIn(page, "admin.hanoi");
  await page.goto("/reference/import");
  // 17611 is a commune of Nghệ An: outside Hà Nội's scope
  const csv = "mã đơn vị;năm;lực lượng lao động\n00008;2030;23456\n17611;2030;5\n00025;2030;abc\n";
  await page.getByTestId("lf-file").setInputFiles({ name: "llld.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf-8") });
  await page.getByTestId("lf-check").click();
  await expect(page.getByTestId("lf-summary")).toContainText("1 dòng hợp lệ");
  await expect(page.getByTestId("lf-errors").locator("tbody tr")).toHaveCount(2);
  await expect(page.getByTestId("lf-errors")).toContainText("không thuộc phạm vi");
  await page.screenshot({ path: "test-results/agents-import-preview.png", fullPage: true });
  await page.getByTestId("lf-commit").click();
  await expect(page.getByTestId("lf-summary")).toContainText("Đã ghi 1 dòng");
  await page.goto("/reference?year=2030");
  await expect(page.getByTestId("lf-00008")).toHaveText("23.456");
});

test("district staff see their agents but cannot add any, nor open reference data", async ({ page }) => {
  await signIn(page, "cs.badinh");
  await page.goto("/agents");
  await expect(page.getByTestId("agents-table")).toBeVisible();
  await expect(page.getByTestId("agent-add")).toHaveCount(0);
  await page.goto(agentUrl);
  await expect(page.getByTestId("agent-title")).toHaveText(NAME);
  await expect(page.getByTestId("agent-end")).toHaveCount(0);
  await page.goto("/agents/new");
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await page.goto("/reference");
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await signOut(page);
  await signIn(page, "admin.nghean");
  await page.goto(agentUrl);
  await expect(page.getByTestId("not-found")).toBeVisible();
  expect((await page.request.get(`/api/v1${agentUrl}`)).status()).toBe(404);
});
