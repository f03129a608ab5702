import path from "node:path";

// `npm test` runs on embedded PGlite; CI runs the integration tests once more with
// TEST_DATABASE_URL=postgresql://… pointing at a real server it started on loopback.
export const testEngine = (): "pglite" | "postgres" => (/^postgres(ql)?:\/\//.test(process.env.TEST_DATABASE_URL ?? "") ? "postgres" : "pglite");
export const TEMPLATE_DB = "bhxh_test_template";
export const TEMPLATE_DUMP = path.resolve(__dirname, "../../.data/test-template.tar");

/** The server URL with another database name. */
export function adminUrl(database = "postgres"): string {
  const u = new URL(process.env.TEST_DATABASE_URL!);
  u.pathname = `/${database}`;
  return u.toString();
}
