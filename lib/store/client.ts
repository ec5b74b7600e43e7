// Server-side only (pages, route handlers, the CLI). `import "server-only"` cannot be used because the CLI runs under
// tsx; ESLint (eslint.config.mjs) keeps every module outside lib/store from importing Prisma instead.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { getDatabaseUrl, migrate, stopDatabase } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/prisma/client";

interface StoreGlobals {
  prisma: Map<string, PrismaClient>;
}

// On globalThis so Next's dev hot reload reuses clients instead of opening new pools on every edit.
const globals: StoreGlobals = ((globalThis as { __palisadeStore?: StoreGlobals }).__palisadeStore ??= { prisma: new Map() });

/** The database URL with migrations applied (once per process). */
export async function getMigratedDatabaseUrl(): Promise<string> {
  const url = await getDatabaseUrl();
  await migrate(url);
  return url;
}

/** The Prisma client (PrismaPg adapter) for the current database, migrated. The one place a PrismaClient is built. */
export async function getPrisma(): Promise<PrismaClient> {
  const url = await getMigratedDatabaseUrl();
  let client = globals.prisma.get(url);
  if (!client) {
    client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    globals.prisma.set(url, client);
  }
  return client;
}

/** A dedicated connection (bulk writes and the per-cluster collection lock live on one session). */
export async function openWriterConnection(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: await getMigratedDatabaseUrl(), application_name: "palisade-collector" });
  // Without a listener, a connection dropped while idle (server restart, pg_terminate_backend) would crash the
  // process with an unhandled 'error' event; the next query on it reports the failure instead.
  client.on("error", () => undefined);
  await client.connect();
  return client;
}

/**
 * Disconnects every client and stops the embedded PostgreSQL if this process started it. The CLI calls this before
 * exiting (a running embedded server would otherwise keep Node alive).
 */
export async function closeStore(): Promise<void> {
  const clients = [...globals.prisma.values()];
  globals.prisma.clear();
  await Promise.all(clients.map((c) => c.$disconnect()));
  await stopDatabase();
}
