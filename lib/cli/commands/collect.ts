import { Option } from "commander";
import { createProgressRenderer, type ProgressRenderer } from "@/lib/collect/progress";
import {
  CollectionCancelledError,
  CollectionInputError,
  describeCollectionError,
  formatDuration,
  formatSummaryText,
  holdEmbeddedDatabase,
  runCollection,
  runCollectionForAllContexts,
  type CollectionSource,
  type CollectionSummary,
  type HeldDatabase,
  type PhaseEvent,
  type RunCollectionOptions,
} from "@/lib/pipeline";
import { collectForPush } from "@/lib/auth/push-collect";
import { PushError, pushSnapshot } from "@/lib/auth/push-client";
import { closeStore } from "@/lib/store";
import { defaultRolesOption, examples, ignoreErrorsOption, json, outputOption, runAction, type CommandContext, type RegisterCommand } from "../command";
import { EXIT_ERROR, EXIT_OK, UsageError, type CliIo } from "../context";

/** Exit status after Ctrl-C / SIGTERM (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

interface CollectOptions {
  context?: string;
  allContexts?: boolean;
  inCluster?: boolean;
  from?: string[];
  kubeconfig?: string;
  clusterName?: string;
  secrets: boolean;
  output: "text" | "json";
  defaultRoles: boolean;
  ignoreErrors?: boolean;
  push?: string;
  token?: string;
  insecureHttp?: boolean;
}

export const registerCollect: RegisterCommand = (program, ctx) => {
  const cmd = program
    .command("collect")
    .summary("collect a cluster into Palisade's database (live, or from manifests)")
    .description(
      "Read a cluster — live through a kubeconfig context or the pod's service account, or from manifests — analyze " +
        "every identity's effective permissions, run the risk rules, and store the result as a new snapshot of the " +
        "cluster for the web app and later queries.\n\n" +
        "The snapshot is written atomically: if anything fails (or you press Ctrl-C) it is marked failed and the " +
        "cluster's previous snapshot stays current. Only one collection of a cluster runs at a time; a second one is " +
        "refused. Secrets are listed as metadata only: their values are never downloaded or stored.\n\n" +
        "Database: DATABASE_URL when set, else an embedded PostgreSQL under .data/postgres (started and stopped as needed).\n\n" +
        "Exit status: 0 stored, 2 usage, input, collection or database error (with --all-contexts: any context failed), " +
        "130 cancelled.",
    )
    .option("--context <name>", "kubeconfig context to collect (default: the current context)")
    .option("--all-contexts", "collect every context of the kubeconfig, each into its own cluster")
    .option("--in-cluster", "use the pod's service account (when Palisade runs inside the cluster)")
    .addOption(new Option("--from <path...>", "collect manifests instead: files, directories (read recursively) or - for stdin"))
    .option("--kubeconfig <file>", "kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)")
    .option("--cluster-name <name>", "store under this cluster name (default: the context name, in-cluster, or the --from directory's name)")
    .option("--no-secrets", "do not list Secrets at all (not even their metadata)")
    .addOption(outputOption())
    .addOption(defaultRolesOption())
    .addOption(ignoreErrorsOption())
    .option("--push <url>", "send the snapshot to a Palisade server (POST <url>/api/ingest) instead of storing it locally")
    .option("--token <token>", "API token with the ingest scope, for --push (default: $PALISADE_TOKEN)")
    .option("--insecure-http", "allow --push over plain http to a non-loopback address (sends the token unencrypted)")
    .addHelpText(
      "after",
      examples(
        "palisade collect                                   # the kubeconfig's current context",
        "palisade collect --context prod-eu --kubeconfig ~/.kube/prod",
        "palisade collect --all-contexts",
        "palisade collect --from manifests/ --cluster-name staging",
        "palisade collect --context prod --output json > collect.json   # schema: README.md, CLI reference",
        "PALISADE_TOKEN=pal_… palisade collect --in-cluster --push https://palisade.example.com   # from a CronJob",
      ),
    );

  runAction(cmd, ctx, async (opts: CollectOptions) => {
    validate(opts);
    const interrupt = watchSignals(ctx.io);
    let database: HeldDatabase | undefined;
    try {
      // --push: collect and send to a Palisade server; no local database at all.
      if (opts.push) return await pushCollection(opts, ctx, interrupt.signal);
      // Held here so that Ctrl-C leaves the database up until the snapshot is marked failed.
      database = await holdEmbeddedDatabase();
      if (opts.allContexts) return await collectAllContexts(opts, ctx, interrupt.signal);
      return await collectOne(opts, ctx, interrupt.signal);
    } catch (error) {
      return printFailure(ctx.io, error);
    } finally {
      interrupt.dispose();
      await closeStore().catch(() => undefined);
      await database?.stop().catch(() => undefined);
    }
  });
};

function validate(opts: CollectOptions): void {
  const modes = [
    opts.context !== undefined && "--context",
    opts.allContexts && "--all-contexts",
    opts.inCluster && "--in-cluster",
    opts.from !== undefined && "--from",
  ].filter((m): m is string => typeof m === "string");
  if (modes.length > 1) throw new UsageError(`${modes.join(" and ")} cannot be combined: choose one source`);
  if (opts.kubeconfig !== undefined && (opts.inCluster || opts.from)) throw new UsageError(`--kubeconfig does not apply to ${opts.inCluster ? "--in-cluster" : "--from"}`);
  if (opts.clusterName !== undefined && opts.allContexts) throw new UsageError("--cluster-name cannot be used with --all-contexts (each context is stored under its own name)");
  if (opts.clusterName !== undefined && opts.clusterName.trim() === "") throw new UsageError("--cluster-name must not be empty");
  if (opts.token !== undefined && !opts.push) throw new UsageError("--token is only used with --push");
  if (opts.insecureHttp && !opts.push) throw new UsageError("--insecure-http is only used with --push");
  if (opts.push && opts.allContexts) throw new UsageError("--push sends one cluster: use --context (or run once per context)");
  if (opts.push && !(opts.token ?? process.env.PALISADE_TOKEN)) throw new UsageError("--push needs an API token: --token pal_… or the PALISADE_TOKEN environment variable");
  if (opts.from?.filter((p) => p === "-").length && opts.from.filter((p) => p === "-").length > 1) throw new UsageError("stdin (-) can be given only once");
  if (opts.from && opts.from.every((p) => p === "-") && opts.clusterName === undefined) {
    throw new UsageError("a collection read from stdin needs --cluster-name");
  }
}

/**
 * First SIGINT/SIGTERM: cancel the collection (the snapshot is marked failed, the previous one stays current).
 * Second: give up at once.
 */
function watchSignals(io: CliIo): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let first = 0;
  const onSignal = (sig: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      // `npx palisade` relays a signal sent to the whole process group, so one Ctrl-C can arrive twice: only a
      // repeat after a moment means "exit now".
      if (Date.now() - first < 1_000) return;
      io.stderr(`palisade collect: ${sig} again, exiting now\n`);
      process.exit(EXIT_INTERRUPTED);
    }
    first = Date.now();
    io.stderr(`\npalisade collect: ${sig} received, cancelling (press Ctrl-C again to exit at once)\n`);
    controller.abort(new Error(`${sig} received`));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

/** Progress on stderr: the live collector's per-kind table, then one line per pipeline phase. */
function progress(io: CliIo): { options: Pick<RunCollectionOptions, "onProgress" | "onPhase">; stop(): void } {
  let renderer: ProgressRenderer | undefined;
  const stream = { write: (s: string) => io.stderr(s), isTTY: Boolean(process.stderr.isTTY), columns: process.stderr.columns };
  let phaseStart = performance.now();
  let current: string | undefined;
  const endPhase = (): void => {
    if (current) io.stderr(`  ${current} done in ${formatDuration(performance.now() - phaseStart)}\n`);
    current = undefined;
  };
  return {
    options: {
      onProgress: (e) => {
        if (e.type === "start" || !renderer) {
          renderer?.stop();
          renderer = createProgressRenderer({ stream });
        }
        renderer.onProgress(e);
      },
      onPhase: (e: PhaseEvent) => {
        if (e.type === "begin") {
          io.stderr(`Snapshot #${e.snapshotId} of cluster "${e.clusterName}" started\n`);
          return;
        }
        if (e.type === "table") return;
        if (e.phase !== "collect") {
          renderer?.stop();
          renderer = undefined;
          endPhase();
          current = e.phase;
          phaseStart = performance.now();
          io.stderr(`${e.phase === "analyze" ? "Analyzing" : e.phase === "rules" ? "Running" : "Saving"} ${e.detail}…\n`);
        }
      },
    },
    stop() {
      renderer?.stop();
      renderer = undefined;
      endPhase();
    },
  };
}

function sourceOf(opts: CollectOptions, io: CliIo): CollectionSource {
  if (opts.from) return { kind: "files", paths: opts.from, stdin: io.stdin, defaultRoles: opts.defaultRoles, ignoreErrors: opts.ignoreErrors };
  if (opts.inCluster) return { kind: "in-cluster" };
  return { kind: "live", kubeconfig: opts.kubeconfig, context: opts.context };
}

/** The command line that collects the same source again (for the "Next:" hints). */
function rerunCommand(opts: CollectOptions, s: CollectionSummary): string {
  const parts = ["palisade", "collect"];
  if (opts.from) parts.push("--from", ...opts.from);
  else if (opts.inCluster) parts.push("--in-cluster");
  else parts.push("--context", s.context ?? "");
  if (opts.kubeconfig) parts.push("--kubeconfig", opts.kubeconfig);
  if (opts.clusterName) parts.push("--cluster-name", opts.clusterName);
  return parts.map((p) => (/^[\w@%+=:,./~-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`)).join(" ");
}

function scanHint(opts: CollectOptions): string | undefined {
  if (!opts.from || opts.from.includes("-")) return undefined;
  return `palisade scan ${opts.from.join(" ")}`.padEnd(40) + " # the same findings in the terminal, for CI";
}

function printFailure(io: CliIo, error: unknown): number {
  if (error instanceof CollectionInputError) {
    for (const line of error.lines) io.stderr(`${line}\n`);
    io.stderr(`palisade collect: nothing was stored because of the input errors above (--ignore-errors stores what did load)\n`);
    return EXIT_ERROR;
  }
  io.stderr(`palisade collect: ${describeCollectionError(error)}\n`);
  return error instanceof CollectionCancelledError ? EXIT_INTERRUPTED : EXIT_ERROR;
}

async function collectOne(opts: CollectOptions, ctx: CommandContext, signal: AbortSignal): Promise<number> {
  const { io } = ctx;
  const p = progress(io);
  let summary: CollectionSummary;
  try {
    summary = await runCollection({
      source: sourceOf(opts, io),
      clusterName: opts.clusterName,
      includeSecrets: opts.secrets,
      signal,
      ...p.options,
    });
  } catch (error) {
    p.stop();
    return printFailure(io, error);
  }
  p.stop();
  if (opts.output === "json") io.stdout(json(summary));
  else io.stdout(formatSummaryText(summary, { rerun: rerunCommand(opts, summary), scanHint: scanHint(opts) }));
  return EXIT_OK;
}

async function collectAllContexts(opts: CollectOptions, ctx: CommandContext, signal: AbortSignal): Promise<number> {
  const { io } = ctx;
  const p = progress(io);
  let results;
  try {
    results = await runCollectionForAllContexts({
      kubeconfig: opts.kubeconfig,
      includeSecrets: opts.secrets,
      signal,
      ...p.options,
      onContext: (c) => {
        p.stop();
        io.stderr(`\n== context ${c.name}${c.server ? ` (${c.server})` : ""}\n`);
      },
    });
  } catch (error) {
    p.stop();
    return printFailure(io, error);
  }
  p.stop();
  const failed = results.filter((r) => !r.ok);
  if (opts.output === "json") {
    io.stdout(
      json({
        schemaVersion: 1,
        contexts: results.map((r) =>
          r.ok ? { context: r.context.name, ok: true, summary: r.summary } : { context: r.context.name, ok: false, error: describeCollectionError(r.error) },
        ),
      }),
    );
  } else {
    for (const r of results) {
      if (r.ok) io.stdout(`${formatSummaryText(r.summary, { rerun: `palisade collect --context ${r.context.name}` })}\n`);
    }
    if (results.length === 0) io.stdout("The kubeconfig defines no contexts: nothing was collected.\n");
    else io.stdout(`Collected ${results.length - failed.length} of ${results.length} contexts.\n`);
  }
  for (const r of failed) if (!r.ok) io.stderr(`palisade collect: context ${r.context.name}: ${describeCollectionError(r.error)}\n`);
  return failed.length > 0 || results.length === 0 ? EXIT_ERROR : EXIT_OK;
}

/** `--push`: collect (live, in-cluster or files) and POST the inventory to a Palisade server's /api/ingest. */
async function pushCollection(opts: CollectOptions, ctx: CommandContext, signal: AbortSignal): Promise<number> {
  const { io } = ctx;
  const p = progress(io);
  try {
    const payload = await collectForPush(sourceOf(opts, io), { clusterName: opts.clusterName, includeSecrets: opts.secrets, signal, onProgress: p.options.onProgress });
    p.stop();
    io.stderr(`Pushing cluster "${payload.cluster}" to ${opts.push}…\n`);
    const result = await pushSnapshot({ url: opts.push!, token: opts.token ?? process.env.PALISADE_TOKEN ?? "", payload, allowInsecureHttp: opts.insecureHttp, signal });
    if (opts.output === "json") io.stdout(json({ schemaVersion: 1, pushed: true, ...result }));
    else
      io.stdout(
        `Pushed cluster "${result.cluster}" as snapshot #${result.snapshotId} (${result.identities} identities, ${result.findings} findings; ` +
          `${(result.bytes.sent / 1048576).toFixed(1)} MiB sent).\n`,
      );
    return EXIT_OK;
  } catch (error) {
    p.stop();
    if (error instanceof PushError) {
      io.stderr(`palisade collect: ${error.message}\n`);
      return EXIT_ERROR;
    }
    return printFailure(io, error);
  }
}
