import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { createPrisma } from "./client";

export type { Db, DbTx } from "./client";

const g = globalThis as unknown as { prisma?: PrismaClient };
/** The process's one client (one PGlite per process and folder). */
export function db(): PrismaClient {
  return (g.prisma ??= createPrisma());
}
