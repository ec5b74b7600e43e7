import { gzip } from "node:zlib";
import { promisify } from "node:util";
import type { z } from "zod";
import type { ingestPayloadSchema } from "@/lib/schemas/ingest";
import { isLoopbackHost } from "@/lib/schemas/auth";

const gzipAsync = promisify(gzip);

/**
 * Client side of `palisade collect … --push URL --token T`: sends a collected inventory to a Palisade server's
 * POST /api/ingest, gzip-compressed, with the API token as a bearer credential. The token goes only over HTTPS
 * (plain http only to a loopback address, or with `allowInsecureHttp`).
 */

export type IngestPayloadInput = z.input<typeof ingestPayloadSchema>;

export interface PushOptions {
  /** The server (`https://palisade.example.com`) or its ingest URL (`…/api/ingest`). */
  url: string;
  /** An API token with the `ingest` scope (`pal_…`). */
  token: string;
  payload: IngestPayloadInput;
  allowInsecureHttp?: boolean;
  /** Default 10 minutes (large clusters take a while to analyze and store). */
  timeoutMs?: number;
  /** Cancels the upload (Ctrl-C). */
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

export interface PushResult {
  cluster: string;
  snapshotId: number;
  identities: number;
  findings: number;
  durationsMs: { analyze: number; rules: number; persist: number };
  /** Bytes sent (compressed) and before compression. */
  bytes: { sent: number; json: number };
}

export class PushError extends Error {
  override readonly name = "PushError";
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

/** `https://host[/prefix]` → `https://host[/prefix]/api/ingest`; a URL already ending in /api/ingest is kept. */
export function ingestUrl(raw: string, allowInsecureHttp = false): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new PushError(`--push: ${JSON.stringify(raw)} is not a URL (expected e.g. https://palisade.example.com)`, null);
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") throw new PushError(`--push: ${u.protocol} URLs are not supported; use https://`, null);
  if (u.protocol === "http:" && !isLoopbackHost(u.hostname) && !allowInsecureHttp) {
    throw new PushError(`--push: refusing to send the API token over plain http to ${u.host}; use https:// (or --insecure-http if you really must)`, null);
  }
  if (u.username || u.password) throw new PushError("--push: put the token in --token (or PALISADE_TOKEN), not in the URL", null);
  if (!u.pathname.endsWith("/api/ingest")) u.pathname = `${u.pathname.replace(/\/+$/, "")}/api/ingest`;
  u.search = "";
  u.hash = "";
  return u;
}

export async function pushSnapshot(opts: PushOptions): Promise<PushResult> {
  const url = ingestUrl(opts.url, opts.allowInsecureHttp);
  const token = opts.token.trim();
  if (!token) throw new PushError("--push needs an API token: --token pal_… or the PALISADE_TOKEN environment variable", null);
  if (!token.startsWith("pal_")) throw new PushError("the API token should start with pal_ (create one under Administration → API tokens)", null);
  const json = Buffer.from(JSON.stringify(opts.payload), "utf8");
  const body = await gzipAsync(json);
  const doFetch = opts.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "content-encoding": "gzip", accept: "application/json" },
      body: new Uint8Array(body),
      signal: opts.signal ? AbortSignal.any([opts.signal, AbortSignal.timeout(opts.timeoutMs ?? 600_000)]) : AbortSignal.timeout(opts.timeoutMs ?? 600_000),
      redirect: "error",
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new PushError(`could not reach ${url.origin}: ${cause?.code ?? cause?.message ?? (e as Error).message}`, null);
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: reported below
  }
  if (res.status !== 201) {
    const serverMessage = (parsed as { error?: unknown } | undefined)?.error;
    const why = typeof serverMessage === "string" ? serverMessage : text.slice(0, 200) || res.statusText;
    const hint =
      res.status === 401 ? " (check --token: it may be wrong, revoked or expired)" : res.status === 403 ? " (the token needs the ingest scope)" : res.status === 413 ? " (raise PALISADE_INGEST_MAX_MB on the server)" : "";
    throw new PushError(`push to ${url} failed: HTTP ${res.status}: ${why}${hint}`, res.status);
  }
  const r = parsed as Omit<PushResult, "bytes">;
  return { ...r, bytes: { sent: body.byteLength, json: json.byteLength } };
}
