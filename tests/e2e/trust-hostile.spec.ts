// Hostile input end to end: a name and an address made of HTML/script, registered through the API with
// the session cookie, are shown as text on the enrollee page and in the list — nothing runs, nothing is injected.
import { expect, test } from "@playwright/test";
import { makePersonalId } from "@/lib/domain/personal-id";
import { signIn } from "./helpers";

const NAME = `<script>alert('xss')</script><img src=x onerror=alert(document.cookie)> Nguyễn Văn Thử`;

test("HTML and script in a name and an address are rendered as inert text", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page, "cs.badinh");
  const res = await page.request.post("/api/v1/enrollees", {
    data: {
      personalId: makePersonalId("001", "1985-03-15", "MALE", 987_651),
      fullName: NAME,
      dateOfBirth: "1985-03-15",
      sex: "MALE",
      communeCode: "00004",
      address: NAME,
      occupation: "FARMER",
      subsidyGroup: "OTHER",
      declaredIncome: 1_500_000,
      paymentPeriod: "ANNUAL",
      enrolledOn: "2025-03-10",
    },
    // a cookie-authenticated API write must come from the app itself (issue 17 item 6)
    headers: { origin: new URL(page.url()).origin },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { enrollee } = (await res.json()) as { enrollee: { id: number } };

  await page.goto(`/enrollees/${enrollee.id}`);
  await expect(page.getByText(NAME).first()).toBeVisible();
  await page.goto(`/enrollees?q=${encodeURIComponent("onerror document cookie")}`);
  await expect(page.getByText(NAME).first()).toBeVisible();

  // no element came out of the text: no injected <img>, no script carrying the payload, no alert
  expect(await page.locator("img[src=x]").count()).toBe(0);
  expect(await page.evaluate(() => [...document.scripts].filter((s) => s.text.trim() === "alert('xss')").length)).toBe(0);
  expect(dialogs).toEqual([]);
});
