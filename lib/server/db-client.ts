import { PrismaClient } from "@/generated/prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PGlite } from "@electric-sql/pglite";
import { openPGlite, pgliteAdapter } from "./pglite-adapter";
import { resolveDatabase } from "./database-url";

export type Db = PrismaClient;
/** What a function needs to read or write: the client, or a transaction of it. */
export type DbTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** DATABASE_URL=postgres(ql)://… → PostgreSQL; otherwise embedded PGlite in a local folder. */
export function createPrisma(url = process.env.DATABASE_URL ?? ""): PrismaClient {
  const target = resolveDatabase(url);
  if (target.engine === "postgres") {
    return new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) }) });
  }
  let current: PGlite | undefined;
  // Close PGlite cleanly on shutdown: an unclean stop forces crash recovery on the next open.
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => void (current && !current.closed ? current.close() : Promise.resolve()).finally(() => process.exit(0)));
  }
  return new PrismaClient({
    adapter: {
      provider: "postgres",
      adapterName: "pglite-prisma-adapter",
      connect: () => pgliteAdapter((current = openPGlite(target.dir))),
    },
  });
}

