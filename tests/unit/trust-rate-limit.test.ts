import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/server/http/rate-limit";
import { config } from "@/lib/server/env";

// The limiter itself counts in the database: tests/integration/shared-state.test.ts.
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
