import { describe, expect, it } from "vitest";
import { FixedWindowLimiter, clientIp } from "@/lib/server/http/rate-limit";
import { config } from "@/lib/server/env";

describe("FixedWindowLimiter", () => {
  it("allows `limit` hits per window per key, then refuses with the seconds left", () => {
    const l = new FixedWindowLimiter(3, 60_000);
    const t0 = 1_000_000;
    expect([1, 2, 3].map((i) => l.hit("a", t0 + i).ok)).toEqual([true, true, true]);
    const refused = l.hit("a", t0 + 10_000);
    expect(refused).toMatchObject({ ok: false, remaining: 0, retryAfterSeconds: 51, resetAt: t0 + 1 + 60_000 });
    expect(l.hit("b", t0 + 10_000).ok).toBe(true); // another key has its own window
    expect(l.hit("a", t0 + 60_001).ok).toBe(true); // a new window starts
    expect(l.hit("a", t0 + 60_002).remaining).toBe(1);
  });

  it("check() predicts hit() without counting", () => {
    const l = new FixedWindowLimiter(2, 1_000);
    expect(l.check("k", 0).ok).toBe(true);
    l.hit("k", 0);
    expect(l.check("k", 1).ok).toBe(true);
    l.hit("k", 1);
    expect(l.check("k", 2)).toMatchObject({ ok: false, retryAfterSeconds: 1 });
    expect(l.check("k", 1_000).ok).toBe(true);
    l.reset("k");
    expect(l.check("k", 3).ok).toBe(true);
  });

  it("a limit of 0 means unlimited", () => {
    const l = new FixedWindowLimiter(0, 1_000);
    for (let i = 0; i < 1_000; i++) expect(l.hit("x", i).ok).toBe(true);
  });

  it("remembers a bounded number of keys (spoofed keys cannot exhaust memory)", () => {
    const l = new FixedWindowLimiter(5, 60_000, 100);
    for (let i = 0; i < 1_000; i++) l.hit(`ip:${i}`, i);
    expect(l.size).toBeLessThanOrEqual(101);
    // the newest keys are still limited
    for (let i = 0; i < 5; i++) l.hit("ip:999", 2_000);
    expect(l.hit("ip:999", 2_001).ok).toBe(false);
  });
});

describe("clientIp", () => {
  it("takes the last X-Forwarded-For entry (the one the nearest proxy added)", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.7" }))).toBe("10.0.0.7");
    expect(clientIp({ "x-forwarded-for": "::ffff:127.0.0.1" })).toBe("::ffff:127.0.0.1");
    expect(clientIp({ "x-real-ip": " 1.2.3.4 " })).toBe("1.2.3.4");
    expect(clientIp({ "x-forwarded-for": " , " })).toBe("unknown");
    expect(clientIp({})).toBe("unknown");
  });
});

describe("rate limits from the environment (lib/server/env.ts)", () => {
  it("reads non-negative integers, defaults when unset or blank, and refuses anything else", () => {
    expect(config({ API_RATE_LIMIT_PER_MINUTE: "120" }).API_RATE_LIMIT_PER_MINUTE).toBe(120);
    expect(config({ API_RATE_LIMIT_PER_MINUTE: "0" }).API_RATE_LIMIT_PER_MINUTE).toBe(0);
    expect(config({}).API_RATE_LIMIT_PER_MINUTE).toBe(600);
    expect(config({ API_RATE_LIMIT_PER_MINUTE: " " }).API_RATE_LIMIT_PER_MINUTE).toBe(600);
    expect(() => config({ API_RATE_LIMIT_PER_MINUTE: "-1" })).toThrow(/API_RATE_LIMIT_PER_MINUTE/);
    expect(() => config({ LOGIN_IP_MAX_FAILURES: "abc" })).toThrow(/LOGIN_IP_MAX_FAILURES/);
  });
});
