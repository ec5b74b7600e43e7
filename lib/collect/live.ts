/**
 * Live collector: lists what Palisade analyzes straight from a cluster's API server and normalizes it into an
 * {@link Inventory} with the same {@link InventoryBuilder} the file collector uses.
 *
 * - Connects through a kubeconfig (explicit path, `$KUBECONFIG`, `~/.kube/config`; any context) or in-cluster
 *   ServiceAccount credentials, via @kubernetes/client-node.
 * - Every resource is one cluster-wide list, paginated with `limit` + `continue` (consistent snapshot per list).
 *   Lists run concurrently (default 4 at a time).
 * - Secrets are listed as `PartialObjectMetadataList` (metadata only): their values never cross the wire. Should a
 *   server send full Secrets anyway, `data`/`stringData` are dropped as soon as the page is parsed and a warning is
 *   recorded. The `kubectl.kubernetes.io/last-applied-configuration` annotation, which holds a copy of the values
 *   for `kubectl apply`-ed Secrets, is dropped too.
 * - Resilience: 410 Gone on a continue token restarts that list (twice at most, then a coverage gap); 429/5xx and
 *   dropped connections are retried with backoff (see live-http.ts); a 403 is a coverage gap (for namespaced
 *   resources the collector then tries namespace by namespace, so a namespace-scoped collector still sees what it may);
 *   401, DNS, connection refused and TLS failures stop everything with one {@link CollectError} sentence.
 */
import type { Inventory } from "@/lib/k8s/types";
import type { InputError } from "./errors";
import { formatInputError } from "./errors";
import { listContexts, loadKubeTarget, type KubeTarget, type KubeTargetOptions } from "./kubeconfig";
import { CollectError, describeTarget } from "./live-errors";
import { DEFAULT_RETRY_POLICY, KubeHttp, type GetResult, type RetryPolicy } from "./live-http";
import { apiVersionOf, AWS_AUTH, LIVE_RESOURCES, listPath, METADATA_ONLY_ACCEPT, type LiveResource } from "./live-resources";
import { InventoryBuilder } from "./normalize";
import type { ProgressEvent } from "./progress";

export { CollectError } from "./live-errors";
export type { CollectErrorCode } from "./live-errors";
export { listContexts, type ContextInfo } from "./kubeconfig";
export type { ProgressEvent } from "./progress";
export type { RetryPolicy } from "./live-http";

export interface CollectLiveOptions extends KubeTargetOptions {
  /** List Secrets (metadata only). Default true; false skips them (no request is made). */
  includeSecrets?: boolean;
  /** Lists in flight at once. Default 4. */
  concurrency?: number;
  /** `limit` per list request. Default 500 (kubectl's chunk size). */
  pageSize?: number;
  onProgress?: (e: ProgressEvent) => void;
  signal?: AbortSignal;
  /** Retry tuning (tests shorten the waits). */
  retry?: Partial<RetryPolicy>;
  /** Restarts of one list after 410 Gone before it becomes a coverage gap. Default 2. */
  maxListRestarts?: number;
}

export interface CoverageGap {
  /** Plural resource (`pods`), or `configmaps/aws-auth`. */
  resource: string;
  namespace?: string;
  reason: string;
}

export interface KindStats {
  objects: number;
  pages: number;
  ms: number;
}

export interface LiveCollection {
  contextName: string;
  server: string;
  inventory: Inventory;
  /** What could not be read, and why. Empty = everything Palisade reads was collected. */
  coverageGaps: CoverageGap[];
  /** Per resource (plural, plus `configmaps/aws-auth`): objects kept, pages fetched, wall time of its list. */
  perKind: Record<string, KindStats>;
  durationMs: number;
  /** Collector notes: full Secrets received and discarded, lists restarted after 410, ... */
  warnings: string[];
  /** Objects the normalizer rejected (each names the object); the rest of the inventory is unaffected. */
  inputErrors: InputError[];
  /** The normalizer's non-fatal notes (duplicates, ignored aws-auth keys). */
  inputWarnings: InputError[];
}

type Raw = Record<string, unknown>;

function isObj(v: unknown): v is Raw {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/**
 * A Secret reduced to what Palisade may hold: metadata (minus managedFields and the last-applied annotation, which
 * contains the values of `kubectl apply`-ed Secrets) and `type`. Builds a new object; nothing else is copied.
 */
export function secretMetadataOnly(item: Raw): Raw {
  const md: Raw = isObj(item.metadata) ? { ...item.metadata } : {};
  delete md.managedFields;
  if (isObj(md.annotations) && LAST_APPLIED in md.annotations) {
    const ann = { ...md.annotations };
    delete ann[LAST_APPLIED];
    md.annotations = ann;
  }
  const out: Raw = { apiVersion: "v1", kind: "Secret", metadata: md };
  if (typeof item.type === "string") out.type = item.type;
  return out;
}

/** A bounded pool; a released slot is handed straight to the next waiter. */
function createLimiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (fn) => {
    if (active < n) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

function statusMessage(body: unknown): string | undefined {
  return isObj(body) && body.kind === "Status" && typeof body.message === "string" ? body.message : undefined;
}

type ListOutcome = { ok: true; items: Raw[]; pages: number } | { ok: false; status: number; reason: string };

interface KindProgress {
  pages: number;
  objects: number;
}

/** Collects one cluster. Throws {@link CollectError} for failures that make the whole collection impossible. */
export async function collectLive(opts: CollectLiveOptions = {}): Promise<LiveCollection> {
  const t0 = performance.now();
  const target: KubeTarget = loadKubeTarget(opts);
  const { contextName, server } = target;
  const pageSize = opts.pageSize ?? 500;
  const maxRestarts = opts.maxListRestarts ?? 2;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
  const emit = (e: ProgressEvent): void => {
    try {
      opts.onProgress?.(e);
    } catch {
      // A broken progress display must not break the collection.
    }
  };

  const internal = new AbortController();
  const onOuterAbort = (): void => internal.abort(opts.signal?.reason);
  if (opts.signal?.aborted) internal.abort(opts.signal.reason);
  opts.signal?.addEventListener("abort", onOuterAbort, { once: true });

  const http = new KubeHttp(target, policy, internal.signal, (n) =>
    emit({ type: "retry", resource: n.label, attempt: n.attempt, delayMs: n.delayMs, reason: n.reason }),
  );
  const limit = createLimiter(Math.max(1, opts.concurrency ?? 4));
  const resources = LIVE_RESOURCES.filter((r) => opts.includeSecrets !== false || !r.metadataOnly);
  const coverageGaps: CoverageGap[] = [];
  const perKind: Record<string, KindStats> = {};
  const warnings: string[] = [];
  const inputErrors: InputError[] = [];
  const builder = new InventoryBuilder();
  let fullSecretsWarned = false;

  const warn = (message: string): void => {
    warnings.push(message);
    emit({ type: "warning", message });
  };
  const gap = (g: CoverageGap): void => {
    coverageGaps.push(g);
    emit({ type: "gap", ...g });
  };

  // Results are handed to the builder in table order as soon as every earlier one is in, so the inventory's order
  // does not depend on network timing and raw pages are released early.
  const slots: (Raw[] | undefined)[] = new Array(resources.length + 1).fill(undefined);
  const keys = [...resources.map((r) => r.resource), AWS_AUTH.key];
  let cursor = 0;
  const flush = (): void => {
    while (cursor < slots.length && slots[cursor] !== undefined) {
      const source = { file: `${contextName}:${keys[cursor]}` };
      for (const item of slots[cursor]!) inputErrors.push(...builder.add(item, source));
      slots[cursor] = [];
      cursor++;
    }
  };

  /** Prepares one list item in place: kind/apiVersion set (lists omit them), managedFields dropped. */
  const prepare = (r: LiveResource, item: unknown): Raw | undefined => {
    if (!isObj(item)) return undefined;
    if (r.metadataOnly) return secretMetadataOnly(item);
    item.kind = r.kind;
    item.apiVersion = apiVersionOf(r);
    if (isObj(item.metadata)) delete item.metadata.managedFields;
    return item;
  };

  const failureReason = (r: LiveResource, ns: string | undefined, res: GetResult): string => {
    const where = ns === undefined ? "" : ` in namespace "${ns}"`;
    if (res.status === 403) return `cannot list ${r.resource}${where}: forbidden`;
    if (res.status === 404) return `${r.resource} (${apiVersionOf(r)}) is not served by this API server`;
    if (res.status === 406 && r.metadataOnly) {
      return `the API server cannot list ${r.resource} as metadata only (406 Not Acceptable), and Palisade never downloads Secret values`;
    }
    if (res.exhausted) {
      return res.status >= 200 && res.status < 300
        ? `cannot list ${r.resource}${where}: the API server kept sending invalid JSON (${res.attempts} attempts)`
        : `cannot list ${r.resource}${where}: the API server kept answering HTTP ${res.status} (${res.attempts} attempts)`;
    }
    const msg = statusMessage(res.body);
    return `cannot list ${r.resource}${where}: HTTP ${res.status}${msg ? ` (${msg})` : ""}`;
  };

  /** One paginated list (cluster-wide or one namespace); restarts after 410 Gone on a continue token. */
  const listAll = async (r: LiveResource, ns: string | undefined, progress: KindProgress): Promise<ListOutcome> => {
    const accept = r.metadataOnly ? METADATA_ONLY_ACCEPT : "application/json";
    const path = listPath(r, ns);
    for (let restart = 0; ; restart++) {
      emit({ type: "list-start", resource: r.resource });
      const items: Raw[] = [];
      let pages = 0;
      let cont: string | undefined;
      let expired = false;
      for (;;) {
        const res = await http.get(path, { limit: String(pageSize), continue: cont }, accept, r.resource);
        if (res.status === 410 && cont !== undefined) {
          expired = true;
          break;
        }
        if (res.status !== 200 || res.exhausted) return { ok: false, status: res.status, reason: failureReason(r, ns, res) };
        const body = res.body;
        if (!isObj(body) || !(Array.isArray(body.items) || body.items === null)) {
          return { ok: false, status: res.status, reason: `cannot list ${r.resource}: the API server's answer is not a list` };
        }
        const raw = (body.items ?? []) as unknown[];
        if (r.metadataOnly && !fullSecretsWarned) {
          const full = body.kind !== "PartialObjectMetadataList" || raw.some((i) => isObj(i) && ("data" in i || "stringData" in i));
          if (full) {
            fullSecretsWarned = true;
            warn(
              `The API server of ${describeTarget(contextName, server)} answered the metadata-only request for secrets with full Secrets; ` +
                `their values were discarded on receipt and are not stored.`,
            );
          }
        }
        for (let i = 0; i < raw.length; i++) {
          const item = prepare(r, raw[i]);
          raw[i] = undefined; // release the original (it may hold Secret data) as soon as possible
          if (item) items.push(item);
        }
        body.items = null;
        pages++;
        progress.pages++;
        progress.objects += raw.length;
        const meta = isObj(body.metadata) ? body.metadata : {};
        const remaining = typeof meta.remainingItemCount === "number" ? meta.remainingItemCount : undefined;
        emit({ type: "page", resource: r.resource, namespace: ns, pages: progress.pages, objects: progress.objects, remaining });
        const next = typeof meta.continue === "string" && meta.continue !== "" ? meta.continue : undefined;
        if (next === undefined) return { ok: true, items, pages };
        if (next === cont) {
          return { ok: false, status: 200, reason: `cannot list ${r.resource}: the API server returned the same continue token twice` };
        }
        cont = next;
      }
      if (!expired) continue;
      progress.pages -= pages;
      progress.objects -= items.length;
      if (restart >= maxRestarts) {
        return {
          ok: false,
          status: 410,
          reason: `cannot list ${r.resource}: its continue token expired (410 Gone) ${restart + 1} times before the list finished`,
        };
      }
      const why = `continue token expired (410 Gone) after ${pages} page${pages === 1 ? "" : "s"}`;
      warnings.push(`${r.resource}: ${why}; the list was restarted from the beginning.`);
      emit({ type: "restart", resource: r.resource, reason: why });
    }
  };

  let resolveNamespaces!: (names: string[] | undefined) => void;
  const namespaceNames = new Promise<string[] | undefined>((resolve) => (resolveNamespaces = resolve));

  const collectResource = async (r: LiveResource, index: number): Promise<void> => {
    let started: number | undefined;
    const progress: KindProgress = { pages: 0, objects: 0 };
    let kept: Raw[] = [];
    let pages = 0;
    try {
      const first = await limit(() => {
        started = performance.now(); // time spent listing, not waiting for a slot
        return listAll(r, undefined, progress);
      });
      if (first.ok) {
        kept = first.items;
        pages = first.pages;
      } else if (first.status === 403 && r.namespaced) {
        // Cluster-wide list forbidden: a collector bound per namespace may still list namespace by namespace.
        const names = await namespaceNames;
        if (names === undefined || names.length === 0) {
          gap({ resource: r.resource, reason: first.reason });
        } else {
          const outcomes = await Promise.all(names.map((ns) => limit(() => listAll(r, ns, progress)).then((o) => [ns, o] as const)));
          const failed = outcomes.filter(([, o]) => !o.ok);
          for (const [, o] of outcomes) {
            if (o.ok) {
              kept.push(...o.items);
              pages += o.pages;
            }
          }
          if (failed.length === outcomes.length && failed.every(([, o]) => !o.ok && o.status === 403)) {
            gap({ resource: r.resource, reason: first.reason });
          } else {
            for (const [ns, o] of failed) if (!o.ok) gap({ resource: r.resource, namespace: ns, reason: o.reason });
          }
        }
      } else {
        gap({ resource: r.resource, reason: first.reason });
      }
    } finally {
      if (r.resource === "namespaces") {
        resolveNamespaces(
          kept.length > 0 || pages > 0
            ? kept.map((o) => (isObj(o.metadata) ? o.metadata.name : undefined)).filter((n): n is string => typeof n === "string")
            : undefined,
        );
      }
    }
    const ms = Math.round(performance.now() - (started ?? performance.now()));
    perKind[r.resource] = { objects: kept.length, pages, ms };
    emit({ type: "done", resource: r.resource, pages, objects: kept.length, ms });
    slots[index] = kept;
    flush();
  };

  const collectAwsAuth = async (): Promise<void> => {
    let started = performance.now();
    const path = `/api/v1/namespaces/${AWS_AUTH.namespace}/${AWS_AUTH.resource}/${AWS_AUTH.name}`;
    const res = await limit(() => {
      started = performance.now();
      emit({ type: "list-start", resource: AWS_AUTH.key });
      return http.get(path, {}, "application/json", AWS_AUTH.key);
    });
    const kept: Raw[] = [];
    if (res.status === 200 && !res.exhausted && isObj(res.body)) {
      const cm = res.body;
      cm.kind = "ConfigMap";
      cm.apiVersion = "v1";
      if (isObj(cm.metadata)) delete cm.metadata.managedFields;
      kept.push(cm);
    } else if (res.status !== 404) {
      const reason =
        res.status === 403
          ? `cannot get configmap ${AWS_AUTH.namespace}/${AWS_AUTH.name}: forbidden`
          : `cannot get configmap ${AWS_AUTH.namespace}/${AWS_AUTH.name}: HTTP ${res.status}${res.exhausted ? ` (${res.attempts} attempts)` : ""}`;
      gap({ resource: AWS_AUTH.key, namespace: AWS_AUTH.namespace, reason });
    }
    const ms = Math.round(performance.now() - started);
    perKind[AWS_AUTH.key] = { objects: kept.length, pages: res.status === 200 ? 1 : 0, ms };
    emit({ type: "done", resource: AWS_AUTH.key, pages: perKind[AWS_AUTH.key]!.pages, objects: kept.length, ms });
    slots[resources.length] = kept;
    flush();
  };

  try {
    emit({ type: "start", contextName, server, resources: keys });
    // One cheap discovery request first: bad credentials, DNS or TLS problems surface once, before any list starts.
    const probe = await http.get("/api", {}, "application/json", "discovery (/api)");
    if (probe.status !== 403 && (probe.status !== 200 || !isObj(probe.body) || !Array.isArray(probe.body.versions))) {
      throw new CollectError(
        "not-kubernetes",
        `${server}/api answered ${probe.status === 200 ? "with something other than an API version list" : `HTTP ${probe.status}`}, so ${describeTarget(contextName, server)} does not look like a Kubernetes API server.`,
        contextName,
        server,
      );
    }

    let fatal: unknown;
    const tasks = [...resources.map((r, i) => collectResource(r, i)), collectAwsAuth()].map((p) =>
      p.catch((e: unknown) => {
        fatal ??= e;
        internal.abort(e);
      }),
    );
    await Promise.all(tasks);
    if (opts.signal?.aborted) {
      throw new CollectError("aborted", `Collection from ${describeTarget(contextName, server)} was cancelled.`, contextName, server);
    }
    if (fatal !== undefined) throw fatal;
    flush();
    const inventory = builder.build();
    const durationMs = Math.round(performance.now() - t0);
    const objects = Object.values(perKind).reduce((n, k) => n + k.objects, 0);
    emit({ type: "finish", durationMs, objects, gaps: coverageGaps.length });
    return {
      contextName,
      server,
      inventory,
      coverageGaps,
      perKind,
      durationMs,
      warnings,
      inputErrors,
      inputWarnings: builder.warnings,
    };
  } finally {
    opts.signal?.removeEventListener("abort", onOuterAbort);
    await http.close();
  }
}

export type ContextCollection =
  | { contextName: string; server?: string; ok: true; result: LiveCollection }
  | { contextName: string; server?: string; ok: false; error: CollectError };

/**
 * Collects every context of a kubeconfig, one after the other. A context that fails (CollectError) is reported and
 * the next one is collected; any other error propagates.
 */
export async function collectAllContexts(
  opts: Omit<CollectLiveOptions, "context" | "inCluster"> & { onContext?: (contextName: string) => void } = {},
): Promise<ContextCollection[]> {
  const out: ContextCollection[] = [];
  for (const c of listContexts(opts.kubeconfig)) {
    opts.onContext?.(c.name);
    try {
      out.push({ contextName: c.name, server: c.server, ok: true, result: await collectLive({ ...opts, context: c.name }) });
    } catch (e) {
      if (!(e instanceof CollectError) || e.code === "aborted") throw e;
      out.push({ contextName: c.name, server: c.server, ok: false, error: e });
    }
  }
  return out;
}

/** One line per input problem, for logs. */
export function formatInputErrors(errors: InputError[]): string[] {
  return errors.map(formatInputError);
}
