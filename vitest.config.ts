import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname), "server-only": path.resolve(__dirname, "tests/server-only-stub.ts") } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/integration/global-setup.ts"],
    // each file gets its own database; PGlite is single-threaded, so two workers keep the 2 cores busy
    maxWorkers: 2,
    // generous: heavy integration tests (backups, 50,000-row imports) must not fail on a busy machine
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
