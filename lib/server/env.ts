// Environment variables, validated once. Production refuses to start without a real secret.
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().optional(),
  PGLITE_DIR: z.string().optional(),
  NEXTAUTH_URL: z.string().url().default("http://localhost:3000"),
  NEXTAUTH_SECRET: z.string().optional(),
});

let cached: (z.infer<typeof schema> & { NEXTAUTH_SECRET: string }) | undefined;

const DEV_SECRET = "dev-only-secret-change-me-in-production";

export function env() {
  if (cached) return cached;
  const parsed = schema.parse(process.env);
  const secret = parsed.NEXTAUTH_SECRET;
  const isProdServer = parsed.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build" && process.env.ALLOW_DEV_SECRET !== "1";
  if (isProdServer && (!secret || secret.length < 32 || secret === DEV_SECRET)) {
    throw new Error("NEXTAUTH_SECRET must be set to a random string of at least 32 characters in production (openssl rand -base64 32)");
  }
  cached = { ...parsed, NEXTAUTH_SECRET: secret || DEV_SECRET };
  return cached;
}
