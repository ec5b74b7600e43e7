/**
 * Finding and loading the kubeconfig the live collector connects with, the way kubectl does:
 * an explicit path, else every file listed in `$KUBECONFIG` (merged, first definition wins, missing files skipped),
 * else `~/.kube/config`; or in-cluster ServiceAccount credentials. Unlike client-node's `loadFromDefault`, it never
 * silently falls back to `http://localhost:8080` when nothing is configured: that is an error naming what was tried.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { KubeConfig, type Cluster, type Context, type User } from "@kubernetes/client-node";
import { CollectError } from "./live-errors";

export interface KubeTargetOptions {
  /** Explicit kubeconfig file (overrides `$KUBECONFIG` and `~/.kube/config`). */
  kubeconfig?: string;
  /** Context name; default: the kubeconfig's current-context. */
  context?: string;
  /** Use the pod's ServiceAccount token and CA (KUBERNETES_SERVICE_HOST/PORT) instead of a kubeconfig. */
  inCluster?: boolean;
}

/** A loaded kubeconfig with its context selected. */
export interface KubeTarget {
  kc: KubeConfig;
  contextName: string;
  server: string;
  /** Where the configuration came from: file path(s) or `in-cluster`. */
  origin: string;
}

export interface ContextInfo {
  name: string;
  cluster: string;
  /** Undefined when the context names a cluster the kubeconfig does not define. */
  server?: string;
  user: string;
  namespace?: string;
  current: boolean;
}

const IN_CLUSTER_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function loadOne(file: string): KubeConfig {
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why =
      code === "ENOENT"
        ? "does not exist"
        : code !== undefined && /^E[A-Z]+$/.test(code)
          ? `could not be read (${message(e)})`
          : `is not a valid kubeconfig (${message(e).split("\n")[0]})`;
    throw new CollectError("config", `The kubeconfig file ${file} ${why}.`, undefined, undefined, { cause: e });
  }
  return kc;
}

/**
 * Merges kubeconfig files like kubectl's loading rules: for clusters, users and contexts the first file that defines a
 * name wins, and current-context comes from the first file that sets one.
 */
function mergeFiles(files: string[]): KubeConfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext = "";
  for (const file of files) {
    const kc = loadOne(file);
    for (const c of kc.getClusters()) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of kc.getUsers()) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of kc.getContexts()) if (!contexts.has(c.name)) contexts.set(c.name, c);
    if (!currentContext && kc.getCurrentContext()) currentContext = kc.getCurrentContext();
  }
  const merged = new KubeConfig();
  merged.loadFromOptions({
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext,
  });
  return merged;
}

/** Loads the kubeconfig selected by an explicit path, `$KUBECONFIG` or `~/.kube/config` (no context selection). */
export function loadKubeConfigFiles(kubeconfigPath?: string): { kc: KubeConfig; origin: string } {
  if (kubeconfigPath) return { kc: loadOne(path.resolve(kubeconfigPath)), origin: path.resolve(kubeconfigPath) };
  const env = process.env.KUBECONFIG;
  if (env && env.trim() !== "") {
    const listed = env.split(path.delimiter).filter((f) => f.trim() !== "");
    const present = listed.filter((f) => existsSync(f));
    if (present.length === 0) {
      throw new CollectError("config", `None of the kubeconfig files listed in $KUBECONFIG exist (${listed.join(", ")}).`);
    }
    return { kc: mergeFiles(present), origin: present.join(path.delimiter) };
  }
  const home = path.join(os.homedir(), ".kube", "config");
  if (existsSync(home)) return { kc: loadOne(home), origin: home };
  throw new CollectError(
    "config",
    `No kubeconfig found: pass --kubeconfig, set $KUBECONFIG, create ${home}, or use --in-cluster inside a pod.`,
  );
}

/** Loads credentials and selects the context; throws {@link CollectError} (`config`) with one clear sentence. */
export function loadKubeTarget(opts: KubeTargetOptions = {}): KubeTarget {
  if (opts.inCluster) {
    const host = process.env.KUBERNETES_SERVICE_HOST;
    const port = process.env.KUBERNETES_SERVICE_PORT;
    if (!host || !port) {
      throw new CollectError(
        "config",
        "In-cluster mode needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT, which are only set inside a pod.",
      );
    }
    if (!existsSync(IN_CLUSTER_TOKEN)) {
      throw new CollectError(
        "config",
        `In-cluster mode needs the ServiceAccount token at ${IN_CLUSTER_TOKEN}; is automountServiceAccountToken disabled for this pod?`,
      );
    }
    const kc = new KubeConfig();
    kc.loadFromCluster();
    const server = kc.getCurrentCluster()?.server ?? `https://${host}:${port}`;
    return { kc, contextName: "in-cluster", server, origin: "in-cluster" };
  }
  const { kc, origin } = loadKubeConfigFiles(opts.kubeconfig);
  const names = kc.getContexts().map((c) => c.name);
  const contextName = opts.context ?? kc.getCurrentContext();
  if (!contextName) {
    throw new CollectError(
      "config",
      names.length === 0
        ? `The kubeconfig ${origin} defines no contexts.`
        : `The kubeconfig ${origin} has no current-context; pick one with --context (${names.join(", ")}).`,
    );
  }
  const ctx = kc.getContextObject(contextName);
  if (!ctx) {
    throw new CollectError(
      "config",
      `Context "${contextName}" is not defined in ${origin}${names.length ? ` (available: ${names.join(", ")})` : ""}.`,
    );
  }
  kc.setCurrentContext(contextName);
  const cluster = kc.getCluster(ctx.cluster);
  if (!cluster) {
    throw new CollectError("config", `Context "${contextName}" refers to cluster "${ctx.cluster}", which ${origin} does not define.`);
  }
  if (!kc.getUser(ctx.user) && ctx.user) {
    throw new CollectError("config", `Context "${contextName}" refers to user "${ctx.user}", which ${origin} does not define.`);
  }
  return { kc, contextName, server: cluster.server, origin };
}

/** The contexts of a kubeconfig (explicit path, else `$KUBECONFIG`, else `~/.kube/config`), in file order. */
export function listContexts(kubeconfigPath?: string): ContextInfo[] {
  const { kc } = loadKubeConfigFiles(kubeconfigPath);
  const current = kc.getCurrentContext();
  return kc.getContexts().map((c) => {
    const info: ContextInfo = { name: c.name, cluster: c.cluster, user: c.user, current: c.name === current };
    const server = kc.getCluster(c.cluster)?.server;
    if (server !== undefined) info.server = server;
    if (c.namespace !== undefined) info.namespace = c.namespace;
    return info;
  });
}
