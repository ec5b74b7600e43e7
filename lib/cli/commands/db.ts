import type { Command } from "commander";
import { embeddedDataDir, findRunningPostmaster, getDatabaseUrl, migrate, redactDatabaseUrl, runMigrations, usesEmbeddedDatabase } from "@/lib/db";
import { describeCollectionError } from "@/lib/pipeline";
import { closeStore, listClusters, listSnapshots, type SnapshotInfo } from "@/lib/store";
import { examples, json, outputOption, printUsageError, type CommandContext, type RegisterCommand } from "../command";
import { EXIT_ERROR, EXIT_OK } from "../context";

const fmt = new Intl.NumberFormat("en-US");

/** `palisade db migrate` and `palisade db status`. */
export const registerDb: RegisterCommand = (program, ctx) => {
  const db = program
    .command("db")
    .summary("Palisade's database: apply migrations, show what is stored")
    .description(
      "Palisade stores collected snapshots in PostgreSQL: DATABASE_URL when set, otherwise an embedded PostgreSQL whose " +
        "data lives in .data/postgres (EMBEDDED_PG_DIR overrides), started when a command needs it and stopped afterwards.",
    );

  const migrateCmd = db
    .command("migrate")
    .description("Apply pending schema migrations (prisma/migrations) to the database. Safe to run again: applied ones are skipped.")
    .addHelpText("after", examples("palisade db migrate", "DATABASE_URL=postgresql://palisade@db:5432/palisade palisade db migrate"));
  action(migrateCmd, ctx, "db migrate", async () => {
    const result = await runMigrations({ log: (m) => ctx.io.stderr(`${m}\n`) });
    ctx.io.stdout(`Database: ${result.embedded ? `embedded PostgreSQL in ${embeddedDataDir()}` : `${result.database} (DATABASE_URL)`}\n`);
    if (result.applied.length === 0) {
      ctx.io.stdout(`Schema up to date: ${result.alreadyApplied.length} migration${result.alreadyApplied.length === 1 ? "" : "s"} applied before, none pending.\n`);
    } else {
      ctx.io.stdout(`Applied ${result.applied.length} migration${result.applied.length === 1 ? "" : "s"}:\n`);
      for (const name of result.applied) ctx.io.stdout(`  ${name}\n`);
      if (result.alreadyApplied.length > 0) ctx.io.stdout(`(${result.alreadyApplied.length} applied before)\n`);
    }
    return EXIT_OK;
  });

  const statusCmd = db
    .command("status")
    .description("Show where the database is, whether its schema is current, and every cluster with its current and latest snapshot.")
    .addOption(outputOption())
    .addHelpText("after", examples("palisade db status", "palisade db status --output json"));
  action(statusCmd, ctx, "db status", async (opts: { output: "text" | "json" }) => {
    const embedded = usesEmbeddedDatabase();
    const dataDir = embedded ? embeddedDataDir() : undefined;
    const running = dataDir ? await findRunningPostmaster(dataDir) : undefined;
    const url = await getDatabaseUrl();
    // Every Palisade command brings the schema up to date before using the database; status says what that did.
    const migrated = await migrate(url);
    const clusters = await listClusters();
    const snapshotCounts = await Promise.all(clusters.map((c) => listSnapshots(c.id, { limit: 1000 }).then((s) => s.length)));

    const database = embedded
      ? { kind: "embedded" as const, location: dataDir!, running: running ? { pid: running.pid, port: running.port } : null }
      : { kind: "external" as const, location: redactDatabaseUrl(url), running: null };
    if (opts.output === "json") {
      ctx.io.stdout(
        json({
          database,
          migrations: { applied: [...migrated.alreadyApplied, ...migrated.applied], appliedNow: migrated.applied },
          clusters: clusters.map((c, i) => ({
            name: c.name,
            snapshots: snapshotCounts[i],
            current: c.current && snapshotJson(c.current),
            latest: c.latest && snapshotJson(c.latest),
          })),
        }),
      );
      return EXIT_OK;
    }

    const out: string[] = [];
    out.push(
      embedded
        ? `Database: embedded PostgreSQL, data in ${dataDir} (${running ? `already running, pid ${running.pid}, port ${running.port}` : "started for this command and stopped again"})`
        : `Database: ${redactDatabaseUrl(url)} (DATABASE_URL)`,
    );
    const total = migrated.alreadyApplied.length + migrated.applied.length;
    out.push(
      `Schema:   ${total} migration${total === 1 ? "" : "s"} applied${migrated.applied.length ? ` (${migrated.applied.length} just now: ${migrated.applied.join(", ")})` : ", up to date"}`,
    );
    if (clusters.length === 0) {
      out.push("Clusters: none yet — palisade collect --context <name>, palisade collect --from <dir>, or npm run demo");
    } else {
      out.push(`Clusters: ${clusters.length}`);
      const width = Math.max(...clusters.map((c) => c.name.length));
      clusters.forEach((c, i) => {
        const head = `  ${c.name.padEnd(width)}  `;
        const pad = " ".repeat(head.length);
        out.push(`${head}${c.current ? `current ${describeSnapshot(c.current)}` : "no complete snapshot yet"}; ${snapshotCounts[i]} snapshot${snapshotCounts[i] === 1 ? "" : "s"} stored`);
        if (c.latest && c.latest.id !== c.current?.id) out.push(`${pad}latest  ${describeSnapshot(c.latest)}`);
      });
    }
    ctx.io.stdout(`${out.join("\n")}\n`);
    return EXIT_OK;
  });
};

function snapshotJson(s: SnapshotInfo) {
  return {
    id: s.id,
    status: s.status,
    source: s.source,
    sourceDetail: s.sourceDetail,
    startedAt: s.startedAt.toISOString(),
    finishedAt: s.finishedAt?.toISOString() ?? null,
    coverageGaps: s.coverageGaps.length,
    counts: s.counts,
    error: s.error,
  };
}

function describeSnapshot(s: SnapshotInfo): string {
  const when = (s.finishedAt ?? s.startedAt).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
  const parts = [`#${s.id} ${s.status} ${when}`, `${s.source}${s.sourceDetail ? `: ${s.sourceDetail}` : ""}`];
  if (s.status === "complete") {
    const c = s.counts;
    parts.push(`${fmt.format(c.identities ?? 0)} identities, ${fmt.format(c.findings ?? 0)} findings`);
    if (s.coverageGaps.length) parts.push(`${s.coverageGaps.length} coverage gap${s.coverageGaps.length === 1 ? "" : "s"}`);
  }
  if (s.error) parts.push(`error: ${s.error}`);
  return parts.join(", ");
}

/** Runs a db subcommand: any failure is one line on stderr (exit 2); the store is closed (embedded server stopped) after. */
function action<A extends unknown[]>(cmd: Command, ctx: CommandContext, name: string, fn: (...args: A) => Promise<number>): void {
  cmd.configureOutput({ outputError: (message) => printUsageError(ctx.io, name, message) });
  cmd.action(async (...args: unknown[]) => {
    try {
      ctx.setExitCode(await fn(...(args as A)));
    } catch (error) {
      ctx.io.stderr(`palisade ${name}: ${describeCollectionError(error)}\n`);
      ctx.setExitCode(EXIT_ERROR);
    } finally {
      await closeStore().catch(() => undefined);
    }
  });
}
