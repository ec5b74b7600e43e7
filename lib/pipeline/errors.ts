import type { InputError } from "@/lib/collect/errors";
import { formatInputError } from "@/lib/collect/errors";
import { CollectError } from "@/lib/collect/live";
import { embeddedDataDir, redactDatabaseUrl } from "@/lib/db";

/** Manifests given with `--from` had errors (and `ignoreErrors` was not set): nothing was stored. */
export class CollectionInputError extends Error {
  override readonly name = "CollectionInputError";
  constructor(readonly errors: InputError[]) {
    super(`${errors.length} input error${errors.length === 1 ? "" : "s"}; nothing was stored (first: ${errors[0] ? formatInputError(errors[0]) : "unknown"})`);
  }

  /** One `file:line:col: message` line per error. */
  get lines(): string[] {
    return this.errors.map(formatInputError);
  }
}

/** The caller's AbortSignal fired (Ctrl-C): the snapshot was marked failed and the previous one stays current. */
export class CollectionCancelledError extends Error {
  override readonly name = "CollectionCancelledError";
  constructor(readonly clusterName: string | undefined, reason?: string) {
    super(`collection${clusterName ? ` of cluster ${clusterName}` : ""} was cancelled${reason ? ` (${reason})` : ""}; the previous snapshot stays current`);
  }
}

const DB_CONNECT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH"]);

/** Which database an error message should name: DATABASE_URL without its password, or the embedded server's directory. */
export function describeDatabase(): string {
  const url = process.env.DATABASE_URL;
  if (url) return `the database at ${redactDatabaseUrl(url)} (DATABASE_URL)`;
  return `the embedded PostgreSQL in ${embeddedDataDir()}`;
}

/**
 * One sentence for a user, never a stack trace: the error's own message when it is one of ours (collector, store,
 * pipeline), a sentence naming the database for connection and authentication failures, else the first line of the
 * message.
 */
export function describeCollectionError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const inner = error instanceof AggregateError && !error.message && error.errors[0] instanceof Error ? error.errors[0] : error;
  const first = (inner.message.split("\n")[0] ?? "").replace(/:\s*$/, "").trim() || error.name;
  if (typeof code === "string" && !(error instanceof CollectError)) {
    if (DB_CONNECT_CODES.has(code)) return `cannot connect to ${describeDatabase()}: ${first}`;
    // SQLSTATE classes 08 (connection), 28 (authorization), 3D (no such database), 57P (server shutting down).
    if (/^(08|28|3D|57P)/.test(code)) return `${describeDatabase()} refused the request: ${first}`;
  }
  return first;
}
