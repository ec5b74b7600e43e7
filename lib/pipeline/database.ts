import { embeddedDataDir, startEmbeddedPostgres, usesEmbeddedDatabase } from "@/lib/db";

/** The embedded PostgreSQL as held by a long-running command; `stop()` stops it if this process started it. */
export interface HeldDatabase {
  /** True when this process started the embedded server (false: DATABASE_URL, or a server another process runs). */
  owned: boolean;
  stop(): Promise<void>;
}

/**
 * Starts the embedded PostgreSQL (unless DATABASE_URL is set) for a command that handles Ctrl-C itself.
 *
 * lib/db's own start-up stops the server the moment SIGINT/SIGTERM arrives, which would leave a cancelled collection
 * unable to mark its snapshot failed, and `npm run demo` unable to let Next.js finish first. Started here instead, the
 * server has no signal hooks — lib/db then reuses it as it reuses any running server — and is stopped by `stop()`,
 * or at process exit (a second Ctrl-C that exits at once) at the latest.
 */
export async function holdEmbeddedDatabase(): Promise<HeldDatabase> {
  if (!usesEmbeddedDatabase()) return { owned: false, stop: async () => undefined };
  const server = await startEmbeddedPostgres({ dataDir: embeddedDataDir(), stopOnExit: false });
  if (!server.owned) return { owned: false, stop: async () => undefined };
  const onExit = (): void => {
    try {
      process.kill(server.pid, "SIGINT"); // fast shutdown; the process is exiting, so nobody waits for it
    } catch {
      // already gone
    }
  };
  process.on("exit", onExit);
  return {
    owned: true,
    async stop() {
      process.off("exit", onExit);
      await server.stop();
    },
  };
}
