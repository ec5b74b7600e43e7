/**
 * GET requests to the Kubernetes API through @kubernetes/client-node's own transport: the KubeConfig applies the
 * credentials (token, client certificate, exec/OIDC plugins, impersonation) and TLS settings to a `RequestContext`,
 * and the library's `IsomorphicFetchHttpLibrary` (undici) sends it. We read the body as text and parse it ourselves:
 * list items stay raw JSON for the normalizer (no typed-model round trip, which would turn timestamps into Dates and
 * cost a second conversion per object), and a Secret's data can be dropped the moment it is parsed.
 *
 * Retries: 429 and 5xx (honouring Retry-After), dropped/reset connections and timeouts, with exponential backoff and
 * a cap on the total wait. 401, DNS failure, connection refused and TLS failures are not retried: they throw a
 * {@link CollectError} naming the context and server.
 */
import { HttpMethod, IsomorphicFetchHttpLibrary, RequestContext } from "@kubernetes/client-node";
import type { KubeTarget } from "./kubeconfig";
import { classifyNetworkError, CollectError, describeTarget, hostOf } from "./live-errors";

export interface RetryPolicy {
  /** Attempts per request, first one included. Default 6. */
  maxAttempts: number;
  /** First backoff delay; doubles per attempt (with jitter). Default 250 ms. */
  baseDelayMs: number;
  /** Largest single backoff delay. Default 8 s. */
  maxDelayMs: number;
  /** Largest Retry-After honoured for one wait. Default 30 s. */
  maxRetryAfterMs: number;
  /** Total waiting allowed for one request across its retries; past it the request gives up. Default 60 s. */
  maxTotalDelayMs: number;
  /** Timeout of one attempt (headers and body). Default 60 s. */
  requestTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
  maxTotalDelayMs: 60_000,
  requestTimeoutMs: 60_000,
};

export interface GetResult {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON body; undefined when the body was empty or not JSON. */
  body: unknown;
  /** Attempts made (1 = no retry). */
  attempts: number;
  /** True when the last answer was a retryable status (429/5xx) or unparseable and retries ran out. */
  exhausted: boolean;
}

export interface RetryNotice {
  label: string;
  attempt: number;
  delayMs: number;
  reason: string;
}

type Dispatcher = ReturnType<RequestContext["getDispatcher"]>;

const STATUS_TEXT: Record<number, string> = {
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** Retry-After: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export class KubeHttp {
  private readonly http = new IsomorphicFetchHttpLibrary();
  private dispatcher: Dispatcher;
  private dispatcherSet = false;

  constructor(
    private readonly target: KubeTarget,
    private readonly policy: RetryPolicy,
    private readonly signal: AbortSignal,
    private readonly onRetry: (n: RetryNotice) => void = () => {},
  ) {}

  private where(): string {
    return describeTarget(this.target.contextName, this.target.server);
  }

  private aborted(): CollectError {
    return new CollectError("aborted", `Collection from ${this.where()} was cancelled.`, this.target.contextName, this.target.server);
  }

  private async sleep(ms: number): Promise<void> {
    if (ms <= 0) return;
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(t);
        reject(this.aborted());
      };
      const t = setTimeout(() => {
        this.signal.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      this.signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  private async context(url: string, accept: string, attemptSignal: AbortSignal): Promise<RequestContext> {
    const ctx = new RequestContext(url, HttpMethod.GET);
    ctx.setHeaderParam("Accept", accept);
    try {
      await this.target.kc.applySecurityAuthentication(ctx);
    } catch (e) {
      const why = (e instanceof Error ? e.message : String(e)).split("\n")[0]!.replace(/\.$/, "");
      throw new CollectError(
        "credentials",
        `Cannot prepare credentials for ${this.where()}: ${why}.`,
        this.target.contextName,
        this.target.server,
        { cause: e },
      );
    }
    // The KubeConfig builds a new undici Agent per request for TLS settings; reuse the first one so connections
    // (and TLS sessions) are kept alive across pages. Credentials headers are still recomputed per request.
    if (!this.dispatcherSet) {
      this.dispatcher = ctx.getDispatcher();
      this.dispatcherSet = true;
    } else if (this.dispatcher !== undefined) {
      ctx.setDispatcher(this.dispatcher);
    }
    ctx.setSignal(attemptSignal);
    return ctx;
  }

  /**
   * GETs `path` (relative to the server URL) with retries. Returns the final answer for any status except 401
   * (thrown); transport failures that survive the retries throw.
   */
  async get(path: string, query: Record<string, string | undefined>, accept: string, label: string): Promise<GetResult> {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, v);
    const url = `${this.target.server.replace(/\/+$/, "")}${path}${qs.size > 0 ? `?${qs}` : ""}`;
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      if (this.signal.aborted) throw this.aborted();
      let retryReason: string;
      let retryAfterMs: number | undefined;
      let last: GetResult | undefined;
      let lastError: unknown;
      const attemptSignal = AbortSignal.any([this.signal, AbortSignal.timeout(this.policy.requestTimeoutMs)]);
      try {
        const ctx = await this.context(url, accept, attemptSignal);
        const resp = await this.http.send(ctx).toPromise();
        const text = await resp.body.text();
        const status = resp.httpStatusCode;
        let body: unknown;
        let parsed = text.length > 0;
        if (parsed) {
          try {
            body = JSON.parse(text);
          } catch {
            parsed = false;
          }
        }
        last = { status, headers: resp.headers, body, attempts: attempt, exhausted: false };
        if (status === 401) {
          throw new CollectError(
            "unauthorized",
            `The API server of ${this.where()} rejected the credentials (401 Unauthorized); refresh them or check the user in the kubeconfig.`,
            this.target.contextName,
            this.target.server,
          );
        }
        if (isRetryableStatus(status)) {
          retryReason = `HTTP ${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ""}`;
          retryAfterMs = parseRetryAfter(resp.headers["retry-after"]);
        } else if (status >= 200 && status < 300 && !parsed) {
          retryReason = "response was not valid JSON";
        } else {
          return last;
        }
      } catch (e) {
        if (e instanceof CollectError) throw e;
        if (this.signal.aborted) throw this.aborted();
        const timedOut = (e as { name?: string }).name === "TimeoutError" || attemptSignal.reason?.name === "TimeoutError";
        const failure = timedOut
          ? ({ kind: "transient", detail: `no answer within ${Math.round(this.policy.requestTimeoutMs / 1000)}s` } as const)
          : classifyNetworkError(e);
        const server = this.target.server;
        const ctxName = this.target.contextName;
        if (failure.kind === "dns") {
          throw new CollectError(
            "dns",
            `Cannot reach ${this.where()}: the host name "${hostOf(server)}" does not resolve (DNS lookup failed).`,
            ctxName,
            server,
            { cause: e },
          );
        }
        if (failure.kind === "refused") {
          throw new CollectError(
            "connection-refused",
            `Cannot reach ${this.where()}: the connection was refused (is the API server running and the address right?).`,
            ctxName,
            server,
            { cause: e },
          );
        }
        if (failure.kind === "tls") {
          throw new CollectError("tls", `TLS connection to ${this.where()} failed: ${failure.detail}.`, ctxName, server, { cause: e });
        }
        retryReason = `connection failed: ${failure.detail}`;
        lastError = e;
      }
      const backoff = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1));
      const delay =
        retryAfterMs !== undefined ? Math.min(retryAfterMs, this.policy.maxRetryAfterMs) : Math.round(backoff * (0.5 + Math.random() * 0.5));
      if (attempt >= this.policy.maxAttempts || waited + delay > this.policy.maxTotalDelayMs) {
        if (last) return { ...last, exhausted: true };
        throw new CollectError(
          "network",
          `The connection to ${this.where()} kept failing while reading ${label} (${attempt} attempts; last error: ${retryReason.replace(/^connection failed: /, "")}).`,
          this.target.contextName,
          this.target.server,
          { cause: lastError },
        );
      }
      this.onRetry({ label, attempt: attempt + 1, delayMs: delay, reason: retryReason });
      waited += delay;
      await this.sleep(delay);
    }
  }

  /** Closes the kept-alive connections. */
  async close(): Promise<void> {
    const d = this.dispatcher as { close?: () => Promise<void> } | undefined;
    this.dispatcher = undefined;
    if (d?.close) await d.close().catch(() => {});
  }
}
