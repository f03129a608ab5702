// The enrollment E2E against an already seeded database (E2E_DATABASE_URL=file:…): the shared config
// re-seeds from scratch on every run, which takes 4–8 minutes on a loaded machine. Seed once with
//   DATABASE_URL=file:.data/e2e-enroll/pglite npx tsx scripts/seed.ts --demo
// then: NEXT_DIST_DIR=.next-enroll E2E_PORT=3201 E2E_DATABASE_URL=file:.data/e2e-enroll/pglite \
//   npx playwright test -c tests/e2e/enrollment.playwright.config.ts
import { defineConfig } from "@playwright/test";
import base from "../../playwright.config";

const PORT = Number(process.env.E2E_PORT ?? 3201);
const DATA = process.env.E2E_DATABASE_URL ?? "file:.data/e2e-enroll/pglite";

export default defineConfig({
  ...base,
  testDir: ".",
  testMatch: /enrollment-.*\.spec\.ts$/,
  // the shared machine is often heavily loaded: allow slow first page loads
  timeout: 240_000,
  expect: { timeout: 45_000 },
  outputDir: "../../test-results",
  webServer: { ...(Array.isArray(base.webServer) ? base.webServer[0] : base.webServer!), command: `npx next start -H 127.0.0.1 -p ${PORT}`, cwd: "../..", env: { ...(Array.isArray(base.webServer) ? base.webServer[0] : base.webServer!).env, DATABASE_URL: DATA } },
});
