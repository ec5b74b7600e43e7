/**
 * Next.js server start hook (`next start`, `next dev`; never `next build`): brings Palisade's database up before the
 * first request — DATABASE_URL, or the embedded PostgreSQL under .data/postgres (started here, or reused when
 * `npm run demo` or a CLI command already runs it) — and applies pending migrations.
 *
 * lib/db is imported dynamically inside the nodejs-runtime check so the edge bundle never sees pg or child_process.
 * A database that cannot start does not stop the server: the failure is logged in one line and pages report it.
 * On first run it also creates the first admin, so the one-time password is in the log before anyone opens /login.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabaseUrl, migrate, redactDatabaseUrl, usesEmbeddedDatabase, embeddedDataDir } = await import("./lib/db");
  const where = usesEmbeddedDatabase() ? `embedded PostgreSQL in ${embeddedDataDir()}` : `${redactDatabaseUrl(process.env.DATABASE_URL ?? "")} (DATABASE_URL)`;
  try {
    const url = await getDatabaseUrl();
    const result = await migrate(url);
    const applied = result.applied.length ? `; applied ${result.applied.length} migration(s): ${result.applied.join(", ")}` : "";
    console.log(`palisade: database ready: ${where}${applied}`);
    const { ensureBootstrapAdmin } = await import("./lib/auth/users");
    await ensureBootstrapAdmin();
  } catch (error) {
    const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    console.error(`palisade: the database is not available (${where}): ${message}`);
  }
}
