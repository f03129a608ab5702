// Environment variables, validated once. Production refuses to start without a real secret.
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().optional(),
  PGLITE_DIR: z.string().optional(),
  NEXTAUTH_URL: z.string().url().default("http://localhost:3000"),
  NEXTAUTH_SECRET: z.string().optional(),
  /** Reverse proxies in front of the app that append to X-Forwarded-For (0: the socket's address is the client). */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
});

let cached: (z.infer<typeof schema> & { NEXTAUTH_SECRET: string }) | undefined;

const DEV_SECRET = "dev-only-secret-change-me-in-production";

/**
 * Why this environment may not serve production traffic with its session secret, or null if it may.
 * A production server (not `next build`, not the ALLOW_DEV_SECRET=1 escape hatch for local trials)
 * needs NEXTAUTH_SECRET of 32+ characters that is not the development default. Pure, for tests.
 */
export function checkProductionSecret(e: Record<string, string | undefined>): string | null {
  const isProdServer = e.NODE_ENV === "production" && e.NEXT_PHASE !== "phase-production-build" && e.ALLOW_DEV_SECRET !== "1";
  const secret = e.NEXTAUTH_SECRET;
  if (isProdServer && (!secret || secret.length < 32 || secret === DEV_SECRET)) {
    return "NEXTAUTH_SECRET must be set to a random string of at least 32 characters in production (openssl rand -base64 32)";
  }
  return null;
}

export function env() {
  if (cached) return cached;
  const parsed = schema.parse(process.env);
  const problem = checkProductionSecret(process.env);
  if (problem) throw new Error(problem);
  cached = { ...parsed, NEXTAUTH_SECRET: parsed.NEXTAUTH_SECRET || DEV_SECRET };
  return cached;
}
