// Checks run once when the server starts (instrumentation.ts register(), `next start` and `next dev`),
// so a misconfigured production server exits non-zero at once instead of failing on its first request:
//  - production needs a real NEXTAUTH_SECRET (lib/server/env.ts checkProductionSecret);
//  - the embedded database is opened now, taking its folder's lock (ADR 1701): a second app, or an
//    app started while db:migrate/db:seed/db:backup holds the folder, is refused with the holder named.
import type { PrismaClient } from "@/generated/prisma/client";
import { checkProductionSecret, isBuildPhase } from "./env";
import { createPrisma } from "./db/client";
import { resolveDatabase } from "./db/url";

export async function startupChecks(exit: (code: number) => never = process.exit): Promise<void> {
  if (isBuildPhase()) return;
  const problem = checkProductionSecret();
  if (problem) {
    console.error(`error: ${problem}`);
    exit(1);
  }
  if (resolveDatabase().engine !== "pglite") return;
  const g = globalThis as unknown as { prisma?: PrismaClient }; // the process client of lib/server/db/index.ts
  try {
    await (g.prisma ??= createPrisma()).$queryRaw`SELECT 1`;
  } catch (e) {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    exit(1);
  }
}
