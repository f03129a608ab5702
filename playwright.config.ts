import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3107);
const DATA = process.env.E2E_DATABASE_URL ?? "file:.data/e2e/pglite";

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1, // one embedded database, one server
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results", // scripts/run-e2e.ts gives each parallel slot its own
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", // Debian's; Playwright's own download needs internet
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    // a throw-away database with the demo data, then the built app
    // (scripts/run-e2e.ts hands each spec a pre-seeded copy: E2E_PRESEEDED=1)
    command:
      process.env.E2E_PRESEEDED === "1"
        ? `npx next start -H 127.0.0.1 -p ${PORT}`
        : `${DATA.startsWith("file:") ? `rm -rf ${DATA.slice(5)} && ` : ""}npx tsx scripts/seed.ts --demo && npx next start -H 127.0.0.1 -p ${PORT}`,
    url: `http://127.0.0.1:${PORT}/login`,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    timeout: 240_000,
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_MANUAL_SIG_HANDLE: "1",
      NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
      NEXTAUTH_SECRET: "e2e-secret-not-for-production-0123456789",
      DATABASE_URL: DATA,
      BCRYPT_COST: "8",
    },
  },
});
