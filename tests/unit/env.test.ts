// Every variable the code reads is validated by lib/server/env.ts and listed in .env.example, with the
// same defaults; and nothing in lib/ reads process.env around it.
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { config } from "@/lib/server/env";

const ROOT = path.resolve(__dirname, "../..");
const example = fs.readFileSync(path.join(ROOT, ".env.example"), "utf8");
/** NAME=value lines, commented (# NAME=value) or not */
const listed = new Map([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1], m[2].trim()]));

describe("the environment module", () => {
  it("gives numbers as numbers, with defaults", () => {
    const c = config({});
    expect(c).toMatchObject({
      DATABASE_POOL_SIZE: 10,
      BCRYPT_COST: 11,
      SPREADSHEET_MAX_BYTES: 20 * 1024 * 1024,
      SPREADSHEET_MAX_ROWS: 100_000,
      API_RATE_LIMIT_PER_MINUTE: 600,
      API_AUTH_FAILURES_PER_MINUTE: 100,
      LOGIN_IP_MAX_FAILURES: 50,
    });
    expect(config({ SPREADSHEET_MAX_ROWS: "2000", DATABASE_POOL_SIZE: "4" })).toMatchObject({ SPREADSHEET_MAX_ROWS: 2000, DATABASE_POOL_SIZE: 4 });
    expect(() => config({ DATABASE_POOL_SIZE: "many" })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => config({ NEXTAUTH_URL: "not a url" })).toThrow(/NEXTAUTH_URL/);
  });

  it("every variable it validates is in .env.example, with the same default", () => {
    const defaults = config({}) as Record<string, unknown>;
    for (const name of Object.keys(defaults).concat(["DATABASE_URL", "PGLITE_DIR", "NEXTAUTH_SECRET", "PG_BIN_DIR"])) {
      if (name === "NODE_ENV") continue;
      expect(listed.has(name), `${name} is not in .env.example`).toBe(true);
      if (typeof defaults[name] === "number") expect(listed.get(name), name).toBe(String(defaults[name]));
    }
  });

  it("lib/ and app/ read process.env only through it (besides PATH and the NODE_ENV/NEXT_PHASE Next sets)", () => {
    const out = execFileSync("git", ["grep", "-n", "process\\.env", "--", "lib", "app", "components"], { cwd: ROOT, encoding: "utf8" }).trim().split("\n");
    const stray = out.filter((l) => !l.startsWith("lib/server/env.ts:") && !/process\.env\.PATH\b|\{ \.\.\.process\.env \}/.test(l));
    expect(stray).toEqual([]);
  });
});
