import path from "node:path";
import { defineConfig } from "prisma/config";

// The Prisma CLI is used only to generate the client and to author migrations
// (`prisma migrate diff` between schema files, no database needed). Migrations are
// applied by our own runner (lib/ops/migrate.ts), see docs/decisions/0002-migrations.md.
// The "js" engine with a driver adapter keeps the CLI on WASM: it never downloads an
// engine binary. The adapter is a throw-away in-memory PGlite; the CLI never writes to it.
// schema.prisma's `url = env("DATABASE_URL")` must look like a postgres URL to pass
// validation, although with a driver adapter it is never used.
if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")) {
  process.env.DATABASE_URL = "postgresql://pglite@localhost/pglite";
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const { PGlite } = await import("@electric-sql/pglite");
    const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    return new PrismaPGlite(new PGlite({ extensions: { pg_trgm } }));
  },
});
