/**
 * Errors that stop a live collection. Each carries one sentence fit to show a user as is (no stack, no HTTP dump),
 * naming the kubeconfig context and the API server it was talking to.
 */

export type CollectErrorCode =
  /** kubeconfig missing, unreadable or invalid; unknown context; not in a pod for in-cluster mode. */
  | "config"
  /** The client could not produce credentials (exec plugin failed, unreadable cert/key file, ...). */
  | "credentials"
  /** 401: the API server rejected the credentials. */
  | "unauthorized"
  /** The API server's host name does not resolve. */
  | "dns"
  /** Nothing listens at the API server's address. */
  | "connection-refused"
  /** TLS handshake or certificate verification failed. */
  | "tls"
  /** Connections kept failing (reset, dropped, timed out) after retries. */
  | "network"
  /** The endpoint does not behave like a Kubernetes API server. */
  | "not-kubernetes"
  /** The caller's AbortSignal fired. */
  | "aborted";

export class CollectError extends Error {
  override readonly name = "CollectError";
  constructor(
    readonly code: CollectErrorCode,
    message: string,
    readonly contextName?: string,
    readonly server?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** `context "prod" (https://1.2.3.4:6443)` — how every message names its target. */
export function describeTarget(contextName: string, server: string): string {
  return `context "${contextName}" (${server})`;
}

/** Walks an error's `cause` chain (undici wraps socket errors as `TypeError: fetch failed` → cause). */
export function errorChain(err: unknown): { code?: string; message: string }[] {
  const out: { code?: string; message: string }[] = [];
  let cur: unknown = err;
  for (let depth = 0; cur !== undefined && cur !== null && depth < 8; depth++) {
    if (typeof cur === "object") {
      const e = cur as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
      out.push({ code: typeof e.code === "string" ? e.code : undefined, message: typeof e.message === "string" ? e.message : String(cur) });
      // AggregateError (happy-eyeballs connect to several addresses): look at the first.
      cur = e.cause ?? (Array.isArray(e.errors) ? e.errors[0] : undefined);
    } else {
      out.push({ message: String(cur) });
      break;
    }
  }
  return out;
}

const TLS_CODE = /CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_OSSL/;

export type NetworkFailure =
  | { kind: "dns"; detail: string }
  | { kind: "refused"; detail: string }
  | { kind: "tls"; detail: string }
  /** Worth retrying: reset, dropped mid-body, timeouts, transient DNS. */
  | { kind: "transient"; detail: string };

/** Classifies a transport-level failure (a rejected fetch or body read). */
export function classifyNetworkError(err: unknown): NetworkFailure {
  const chain = errorChain(err);
  const withCode = chain.filter((c) => c.code !== undefined);
  const last = chain[chain.length - 1];
  const detail = (withCode[withCode.length - 1] ?? last)?.message ?? "unknown error";
  for (const c of withCode) {
    if (c.code === "ENOTFOUND") return { kind: "dns", detail };
    if (c.code === "ECONNREFUSED") return { kind: "refused", detail };
    if (c.code === "EAI_AGAIN") return { kind: "transient", detail };
    if (TLS_CODE.test(c.code!)) return { kind: "tls", detail: tlsHint(c.code!, c.message) };
  }
  return { kind: "transient", detail };
}

function tlsHint(code: string, message: string): string {
  if (code === "DEPTH_ZERO_SELF_SIGNED_CERT" || code === "SELF_SIGNED_CERT_IN_CHAIN" || code.startsWith("UNABLE_TO_")) {
    return `${message}; check certificate-authority(-data) in the kubeconfig`;
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") return `${message}; check the server address or tls-server-name in the kubeconfig`;
  if (code === "CERT_HAS_EXPIRED") return `the server certificate has expired`;
  if (code === "ERR_SSL_WRONG_VERSION_NUMBER") return `the server does not speak TLS at this address (is it plain HTTP?)`;
  return message;
}

/** Host part of a server URL, for messages. */
export function hostOf(server: string): string {
  try {
    return new URL(server).hostname;
  } catch {
    return server;
  }
}
