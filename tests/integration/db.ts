// A fresh database per test file, copied from the template that global-setup built:
// all migrations applied and the reference data (hierarchy, labour force, regulations) loaded.
import crypto from "node:crypto";
import fs from "node:fs";
import { Client } from "pg";
import { createPrisma } from "@/lib/server/db/client";
import type { PrismaClient } from "@/generated/prisma/client";
import { openPGlite } from "@/lib/server/db/pglite-adapter";
import { TEMPLATE_DB, TEMPLATE_DUMP, adminUrl, testEngine } from "./engine";

export type TestDb = { prisma: PrismaClient; url: string; close(): Promise<void> };

/** `asProcessClient`: the app code that uses the process's one client (lib/server/db/index.ts: route handlers,
 *  pages, server actions, sign-in) then reads and writes this database, until close(). */
export async function freshDb(opts: { asProcessClient?: boolean } = {}): Promise<TestDb> {
  const t = await openFresh();
  if (!opts.asProcessClient) return t;
  const g = globalThis as { prisma?: PrismaClient };
  g.prisma = t.prisma;
  return {
    ...t,
    close: () => {
      if (g.prisma === t.prisma) delete g.prisma;
      return t.close();
    },
  };
}

async function openFresh(): Promise<TestDb> {
  if (testEngine() === "postgres") {
    const name = `bhxh_test_${crypto.randomBytes(5).toString("hex")}`;
    const admin = new Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
    await admin.end();
    const url = adminUrl(name);
    const prisma = createPrisma(url); // the app's own client, with its adapter fixes
    return {
      prisma,
      url,
      async close() {
        await prisma.$disconnect();
        const a = new Client({ connectionString: adminUrl() });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const pg = openPGlite(undefined, { loadDataDir: new Blob([fs.readFileSync(TEMPLATE_DUMP)]) });
  await pg.waitReady;
  const prisma = createPrisma(pg);
  return { prisma, url: "pglite:memory", close: () => prisma.$disconnect().then(() => (pg.closed ? undefined : pg.close())) };
}
