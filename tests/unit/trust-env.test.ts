// Production refuses to start without a real session secret; cookies are secure on https.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkProductionSecret } from "@/lib/server/env";

const run = promisify(execFile);
const GOOD = "k3J9f0aQ2mZr7vX1pL8sT4wY6bN5cD0e"; // 32 characters

describe("checkProductionSecret", () => {
  it("a production server needs a secret of 32+ characters that is not the development default", () => {
    expect(checkProductionSecret({ NODE_ENV: "production" })).toMatch(/NEXTAUTH_SECRET must be set/);
    expect(checkProductionSecret({ NODE_ENV: "production", NEXTAUTH_SECRET: "short" })).toMatch(/at least 32/);
    expect(checkProductionSecret({ NODE_ENV: "production", NEXTAUTH_SECRET: "dev-only-secret-change-me-in-production" })).not.toBeNull();
    expect(checkProductionSecret({ NODE_ENV: "production", NEXTAUTH_SECRET: GOOD })).toBeNull();
  });

  it("development, tests and `next build` do not need one", () => {
    expect(checkProductionSecret({})).toBeNull();
    expect(checkProductionSecret({ NODE_ENV: "development" })).toBeNull();
    expect(checkProductionSecret({ NODE_ENV: "test" })).toBeNull();
    expect(checkProductionSecret({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).toBeNull();
    expect(checkProductionSecret({ NODE_ENV: "production", ALLOW_DEV_SECRET: "1" })).toBeNull();
  });
});

describe("env() in a fresh production process", () => {
  const script = `require("./lib/server/env.ts").env(); console.log("started")`;
  const base = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production" } as NodeJS.ProcessEnv;

  it("refuses to start without a secret", async () => {
    const r = await run("npx", ["tsx", "-e", script], { env: base, cwd: process.cwd() }).catch((e: { code: number; stderr: string }) => e);
    expect((r as { code: number }).code).not.toBe(0);
    expect((r as { stderr: string }).stderr).toMatch(/NEXTAUTH_SECRET must be set/);
  }, 180_000);

  it("starts with one", async () => {
    const r = await run("npx", ["tsx", "-e", script], { env: { ...base, NEXTAUTH_SECRET: GOOD }, cwd: process.cwd() });
    expect(r.stdout.trim()).toBe("started");
  }, 180_000);
});

describe("session cookie flags", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  const cookiesFor = async (url: string) => {
    vi.stubEnv("NEXTAUTH_URL", url);
    vi.resetModules();
    const { authOptions } = await import("@/lib/server/auth/session");
    // next-auth derives every cookie's options from useSecureCookies
    // (an internal module, not in the package's exports: loaded by path)
    const { defaultCookies } = createRequire(path.resolve("package.json"))("./node_modules/next-auth/core/lib/cookie.js") as {
      defaultCookies(secure: boolean): { sessionToken: { name: string; options: { httpOnly: boolean; sameSite: string; path: string; secure: boolean } } };
    };
    return { secure: authOptions.useSecureCookies, session: defaultCookies(authOptions.useSecureCookies ?? false).sessionToken };
  };

  it("https: secure, httpOnly, SameSite=Lax, __Secure- prefix", async () => {
    const c = await cookiesFor("https://bhxh.example.vn");
    expect(c.secure).toBe(true);
    expect(c.session).toEqual({ name: "__Secure-next-auth.session-token", options: { httpOnly: true, sameSite: "lax", path: "/", secure: true } });
  });

  it("plain http (a laptop demo): httpOnly and SameSite=Lax, not secure (the browser would drop it)", async () => {
    const c = await cookiesFor("http://127.0.0.1:3000");
    expect(c.secure).toBe(false);
    expect(c.session.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: false });
  });
});
