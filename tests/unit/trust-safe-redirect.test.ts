// Open redirect after sign-in (issue 17 item 2): the old prefix check ("starts with / and not //")
// accepted every entry of HOSTILE below that a browser reads as another host.
import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/domain/safe-redirect";

const APP = "http://127.0.0.1:3000";
const oldCheck = (u: string) => (u.startsWith("/") && !u.startsWith("//") ? u : "/");

const HOSTILE = [
  "/\\evil.example/phish", // %5C decoded
  "/\t/evil.example/x", // %09
  "/\n/evil.example",
  "/\r/evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "/.//evil.example",
  "/./\\evil.example",
  "//evil.example",
  "///evil.example",
  "http://evil.example/",
  "https:evil.example",
  "https://127.0.0.1:3000@evil.example/",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  " //evil.example",
  "http://127.0.0.1:3001/",
  "https://127.0.0.1:3000/",
  "http://user:pw@127.0.0.1:3000/",
  "",
  "evil.example",
  42,
  undefined,
  null,
  "/" + "a".repeat(3000),
];

describe("safeCallbackPath", () => {
  it.each(HOSTILE.map((u) => [u]))("%j → /", (u) => {
    const out = safeCallbackPath(u, APP);
    expect(out === "/" || (out.startsWith("/") && !out.startsWith("//"))).toBe(true);
    // whatever it returns, a browser resolving it against the app stays on the app
    expect(new URL(out, APP).origin).toBe(APP);
    expect(out).not.toMatch(/evil/);
  });

  it("keeps the app's own paths, queries and fragments", () => {
    expect(safeCallbackPath("/enrollees?q=nguyen%20van#top", APP)).toBe("/enrollees?q=nguyen%20van#top");
    expect(safeCallbackPath("/renewals/export?format=csv", APP)).toBe("/renewals/export?format=csv");
    expect(safeCallbackPath(`${APP}/dashboard`, APP)).toBe("/dashboard");
    expect(safeCallbackPath("/", APP)).toBe("/");
  });

  it("the old prefix check let the probe's values through (the regression)", () => {
    const escaped = ["/\\evil.example/phish", "/\t/evil.example/x"].filter((u) => new URL(oldCheck(u), APP).host !== "127.0.0.1:3000");
    expect(escaped).toHaveLength(2);
  });
});
