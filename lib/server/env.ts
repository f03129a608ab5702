// Environment variables: every one the app and its operations tooling read, validated with zod (numbers
// are numbers, with their defaults). `.env.example` lists them with the same defaults. Code reads them
// through config() (parsed on each call: tests and operators change limits without a module reload) or
// env() (once per process, and production refuses to start without a real secret).
import { z } from "zod";

/** unset or blank → the default; otherwise a whole number ≥ min */
const whole = (fallback: number, min = 1) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.coerce.number().int().min(min).default(fallback));
const text = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().optional());

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // database
  DATABASE_URL: text, // postgres://… or file:<folder>; unset → embedded PGlite in PGLITE_DIR
  PGLITE_DIR: text, // default .data/pglite (lib/server/db/url.ts)
  DATABASE_POOL_SIZE: whole(10),
  // sessions and passwords
  NEXTAUTH_URL: z.string().url().default("http://localhost:3000"),
  NEXTAUTH_SECRET: text,
  /** Reverse proxies in front of the app that append to X-Forwarded-For (0: the socket's address is the client). */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  BCRYPT_COST: whole(11, 4),
  // imports and spreadsheets
  SPREADSHEET_MAX_BYTES: whole(20 * 1024 * 1024),
  SPREADSHEET_MAX_ROWS: whole(100_000),
  // rate limits (0 = no limit)
  API_RATE_LIMIT_PER_MINUTE: whole(600, 0),
  API_AUTH_FAILURES_PER_MINUTE: whole(100, 0),
  LOGIN_IP_MAX_FAILURES: whole(50, 0),
  ID_ELSEWHERE_CHECKS_PER_HOUR: whole(30, 0),
  // offline field entry: days an accepted sync key (and its first result) is kept, so a phone that comes
  // back after weeks without a signal still gets "already accepted" (lib/server/sync/sync.ts); at least a week
  SYNC_KEY_RETENTION_DAYS: whole(90, 7),
  // operations tooling: where pg_dump / pg_restore are, before PATH
  PG_BIN_DIR: text,
});

export type Config = z.infer<typeof schema>;

/** The validated environment, read now. A malformed value throws, naming the variable. */
export function config(source: Record<string, string | undefined> = process.env): Config {
  const r = schema.safeParse(source);
  if (!r.success) throw new Error(`Bad environment: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return r.data;
}

let cached: (Config & { NEXTAUTH_SECRET: string }) | undefined;

const DEV_SECRET = "dev-only-secret-change-me-in-production";

/**
 * Why this environment may not serve production traffic with its session secret, or null if it may.
 * A production server (not `next build`, not the ALLOW_DEV_SECRET=1 escape hatch for local trials)
 * needs NEXTAUTH_SECRET of 32+ characters that is not the development default. Pure, for tests.
 */
export function checkProductionSecret(e: Record<string, string | undefined> = process.env): string | null {
  const isProdServer = e.NODE_ENV === "production" && e.NEXT_PHASE !== "phase-production-build" && e.ALLOW_DEV_SECRET !== "1";
  const secret = e.NEXTAUTH_SECRET;
  if (isProdServer && (!secret || secret.length < 32 || secret === DEV_SECRET)) {
    return "NEXTAUTH_SECRET must be set to a random string of at least 32 characters in production (openssl rand -base64 32)";
  }
  return null;
}

/** Read once per process (the session options): every variable validated, the production secret checked. */
export function env() {
  if (cached) return cached;
  const parsed = config();
  const problem = checkProductionSecret(process.env);
  if (problem) throw new Error(problem);
  cached = { ...parsed, NEXTAUTH_SECRET: parsed.NEXTAUTH_SECRET || DEV_SECRET };
  return cached;
}

/** True while `next build` collects pages (no server is starting: nothing to check or open). */
export const isBuildPhase = (e: Record<string, string | undefined> = process.env) => e.NEXT_PHASE === "phase-production-build";

/** The app's public origin when NEXTAUTH_URL is set (undefined otherwise: no default origin is trusted). */
export const configuredAppUrl = (e: Record<string, string | undefined> = process.env): string | undefined =>
  e.NEXTAUTH_URL?.trim() ? config(e).NEXTAUTH_URL : undefined;
