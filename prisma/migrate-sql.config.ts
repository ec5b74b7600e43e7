// Config for the Prisma 6.19 CLI installed as `prisma-migrate-sql`: its WASM schema engine (engine "js" + driver
// adapter) diffs two schema files offline. Used only by scripts/db-migration.ts (lib/db/schema-diff.ts) against an
// EMPTY scratch database — never point it at a database with data.
import { defineConfig } from "prisma-migrate-sql/config";
// eslint-disable-next-line no-restricted-imports -- build-time tool config, not app code (the rule guards runtime modules)
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  // idleTimeoutMillis: without it the CLI finishes its work in 0.5 s and then lingers 10 s on the idle pool.
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL!, idleTimeoutMillis: 50 }),
});
