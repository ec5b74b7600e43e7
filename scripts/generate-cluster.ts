/**
 * Seeded synthetic Kubernetes cluster generator for benchmarks (`npm run bench:engine`, `bench:collect`, `bench:web`).
 *
 *   tsx scripts/generate-cluster.ts --size large --seed 42 --out bench-out/large
 *
 * writes one `kubectl get <resource> -A -o json` style `v1/List` file per resource (`pods.json`, `rolebindings.json`, …)
 * and a sibling `<out>.meta.json` (size, seed, generator version, counts) so callers can tell whether a directory
 * already holds the same cluster.
 *
 * The cluster is shaped like a real multi-tenant platform rather than a uniform grid: product teams own 1–4
 * namespaces (prod/staging/dev/sandbox) with admin/edit/view RoleBindings to IdP groups, CI service accounts
 * deploy into them, platform operators run with broad (sometimes wildcard) ClusterRoles, CRD roles aggregate
 * into admin/edit/view, some rules are restricted by resourceNames or name subresources (pods/exec, pods/log),
 * some bindings are dangling (missing role or missing service account), a few workloads are privileged or mount
 * host paths, a few are labelled crown jewels, and some service accounts carry cloud workload-identity
 * annotations. The real Kubernetes bootstrap policy (test/fixtures/real/kubernetes-bootstrap) is part of every size.
 *
 * The totals of namespaces, service accounts, Roles, ClusterRoles, RoleBindings, ClusterRoleBindings, pods and
 * nodes are exact (bootstrap objects included); everything else follows from them. Output is a pure function
 * of (size, seed): one PRNG (mulberry32), no clock, no Math.random, no iteration over unordered inputs.
 * Secret objects carry metadata and type only — never data.
 */
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Command, InvalidArgumentError } from "commander";
import { parse as parseYaml } from "yaml";

/** Bump when the output for a given (size, seed) changes, so cached bench-out directories are regenerated. */
export const GENERATOR_VERSION = 2;

export type ClusterSize = "large" | "medium" | "small";
export const CLUSTER_SIZES: readonly ClusterSize[] = ["large", "medium", "small"];

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface KubeMeta {
  name: string;
  namespace?: string;
  uid?: string;
  creationTimestamp?: string | null;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  [key: string]: unknown;
}

/** A plain Kubernetes object as the API server returns it in JSON. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeMeta;
  [key: string]: unknown;
}

/** API identity of every resource the generator writes; the key is the file name (`<key>.json`). */
export const RESOURCES = {
  namespaces: { apiVersion: "v1", kind: "Namespace", namespaced: false },
  nodes: { apiVersion: "v1", kind: "Node", namespaced: false },
  serviceaccounts: { apiVersion: "v1", kind: "ServiceAccount", namespaced: true },
  secrets: { apiVersion: "v1", kind: "Secret", namespaced: true },
  configmaps: { apiVersion: "v1", kind: "ConfigMap", namespaced: true },
  pods: { apiVersion: "v1", kind: "Pod", namespaced: true },
  deployments: { apiVersion: "apps/v1", kind: "Deployment", namespaced: true },
  replicasets: { apiVersion: "apps/v1", kind: "ReplicaSet", namespaced: true },
  statefulsets: { apiVersion: "apps/v1", kind: "StatefulSet", namespaced: true },
  daemonsets: { apiVersion: "apps/v1", kind: "DaemonSet", namespaced: true },
  jobs: { apiVersion: "batch/v1", kind: "Job", namespaced: true },
  cronjobs: { apiVersion: "batch/v1", kind: "CronJob", namespaced: true },
  roles: { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", namespaced: true },
  rolebindings: { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", namespaced: true },
  clusterroles: { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", namespaced: false },
  clusterrolebindings: { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", namespaced: false },
  networkpolicies: { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", namespaced: true },
  mutatingwebhookconfigurations: {
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: "MutatingWebhookConfiguration",
    namespaced: false,
  },
  validatingwebhookconfigurations: {
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: "ValidatingWebhookConfiguration",
    namespaced: false,
  },
} as const;
export type ResourceKey = keyof typeof RESOURCES;
export const RESOURCE_KEYS = Object.keys(RESOURCES) as ResourceKey[];

/** Plain Kubernetes JSON objects, by resource. */
export type RawObjects = Record<ResourceKey, KubeObject[]>;

/** Exact totals per size (the Kubernetes bootstrap policy is counted in). */
export interface SizeSpec {
  namespaces: number;
  serviceaccounts: number;
  roles: number;
  clusterroles: number;
  rolebindings: number;
  clusterrolebindings: number;
  pods: number;
  nodes: number;
}

export const SIZE_SPECS: Record<ClusterSize, SizeSpec> = {
  large: {
    namespaces: 1_000,
    serviceaccounts: 20_000,
    roles: 8_000,
    clusterroles: 2_000,
    rolebindings: 50_000,
    clusterrolebindings: 3_000,
    pods: 100_000,
    nodes: 200,
  },
  medium: {
    namespaces: 300,
    serviceaccounts: 6_000,
    roles: 2_400,
    clusterroles: 600,
    rolebindings: 15_000,
    clusterrolebindings: 900,
    pods: 10_000,
    nodes: 60,
  },
  small: {
    namespaces: 50,
    serviceaccounts: 1_000,
    roles: 400,
    clusterroles: 200,
    rolebindings: 2_500,
    clusterrolebindings: 300,
    pods: 2_000,
    nodes: 10,
  },
};

// ───────────────────────────── PRNG ─────────────────────────────

/** mulberry32: a tiny 32-bit PRNG, good enough for synthetic data and fully reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"; // what Kubernetes uses for generated name suffixes
const HEX = "0123456789abcdef";

class Rand {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** Integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(items.length)] as T;
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [v, w] of entries) {
      r -= w;
      if (r < 0) return v;
    }
    return (entries[entries.length - 1] as readonly [T, number])[0];
  }
  /** Standard log-normal sample (Box–Muller). */
  lognormal(sigma: number): number {
    const u = Math.max(this.next(), 1e-12);
    const v = this.next();
    return Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }
  chars(n: number, alphabet: string): string {
    let s = "";
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }
  suffix(n = 5): string {
    return this.chars(n, NAME_ALPHABET);
  }
  uid(): string {
    return `${this.chars(8, HEX)}-${this.chars(4, HEX)}-4${this.chars(3, HEX)}-${this.pick(["8", "9", "a", "b"])}${this.chars(3, HEX)}-${this.chars(12, HEX)}`;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}

/**
 * Splits `total` into integer parts proportional to `weights`, each at least `min`, summing exactly to `total`
 * (largest-remainder method, ties broken by index so the result is deterministic).
 */
export function distribute(total: number, weights: readonly number[], min = 0): number[] {
  const n = weights.length;
  if (n === 0) {
    if (total !== 0) throw new Error(`cannot distribute ${total} over nothing`);
    return [];
  }
  if (min * n > total) throw new Error(`cannot give ${n} parts at least ${min} each out of ${total}`);
  const rest = total - min * n;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (rest * w) / sum : rest / n));
  const out = exact.map((x) => Math.floor(x) + min);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) {
    const idx = (order[k] as readonly [number, number])[1];
    out[idx] = (out[idx] as number) + 1;
  }
  return out;
}

// ───────────────────────────── Kubernetes bootstrap policy ─────────────────────────────

const BOOTSTRAP_DIR = path.resolve(import.meta.dirname, "../test/fixtures/real/kubernetes-bootstrap");
let bootstrapCache: KubeObject[] | undefined;

/** The Kubernetes bootstrap RBAC policy (top-level files of test/fixtures/real/kubernetes-bootstrap), parsed once. */
export function loadBootstrapPolicy(): KubeObject[] {
  if (!bootstrapCache) {
    const files = readdirSync(BOOTSTRAP_DIR)
      .filter((f) => f.endsWith(".yaml"))
      .sort();
    const objects: KubeObject[] = [];
    for (const file of files) {
      const doc = parseYaml(readFileSync(path.join(BOOTSTRAP_DIR, file), "utf8")) as { items?: KubeObject[] };
      for (const item of doc.items ?? []) objects.push(item);
    }
    bootstrapCache = objects;
  }
  return structuredClone(bootstrapCache);
}

// ───────────────────────────── vocabulary ─────────────────────────────

const TEAM_DOMAINS = [
  "search", "catalog", "billing", "fraud", "risk", "ads", "recommendations", "inventory", "shipping", "orders",
  "cart", "pricing", "notifications", "messaging", "analytics", "ml-platform", "mobile-api", "partner-api",
  "reporting", "compliance", "kyc", "loyalty", "reviews", "media", "auth", "gateway", "growth", "experiments",
  "marketplace", "support", "crm", "hr-tools", "finance", "tax", "treasury", "settlements", "disputes",
  "onboarding", "geo", "maps", "streaming", "ingest", "etl", "warehouse", "feature-store", "docs", "status",
  "ledger", "accounts", "cards", "lending", "insurance", "travel", "booking", "content", "translations",
  "chat", "video", "audio", "sellers", "buyers", "returns", "warranty", "promotions", "coupons", "email",
  "sms", "push", "webhooks", "integrations", "sso", "directory", "audit", "forecasting", "procurement",
];
const TEAM_QUALIFIERS = ["", "-api", "-core", "-worker", "-svc", "-batch", "-edge", "-ui", "-ops", "-ml", "-data", "-sync"];
const ENV_SETS: readonly (readonly [readonly string[], number])[] = [
  [["prod", "staging", "dev"], 50],
  [["prod", "dev"], 20],
  [["prod"], 14],
  [["prod", "staging", "dev", "sandbox"], 10],
  [["dev"], 6],
];
const APP_WORDS = [
  "api", "web", "worker", "consumer", "scheduler", "gateway", "frontend", "backend", "cache", "indexer",
  "exporter", "sync", "processor", "notifier", "reconciler", "ingestor", "admin", "reports", "publisher",
  "listener", "router", "resolver", "aggregator", "validator", "renderer", "uploader", "cleaner", "importer",
  "matcher", "planner", "tracker", "broker", "proxy", "emitter", "collector", "archiver", "auditor", "mailer",
];
const EXTRA_SA_NAMES = [
  "ci-deployer", "gitlab-runner", "argocd-deployer", "backup", "db-migrator", "batch-runner", "metrics-reader",
  "log-reader", "debug", "legacy-app", "e2e-runner", "load-test", "canary", "feature-flags", "secrets-sync",
  "config-sync", "vault-auth", "cloud-sql-proxy", "s3-uploader", "pubsub-writer", "kafka-client", "smoke-test",
  "dashboard", "oncall-bot", "release-bot", "chaos", "profiler", "tracing-agent", "cost-exporter", "dns-updater",
];
const FIRST_NAMES = [
  "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj", "olivia",
  "peggy", "rupert", "sybil", "trent", "victor", "walter", "yasmin", "zoe", "amir", "bea", "chen", "dmitri",
  "elena", "farah", "goran", "hana", "igor", "jonas", "kemal", "lena", "mateo", "noor", "omar", "priya", "quinn",
  "rosa", "sanjay", "tomas", "ugo", "vera", "wei", "xenia", "yusuf", "zara", "ines", "kofi", "lucia",
];
const LAST_NAMES = [
  "smith", "jones", "garcia", "müller", "rossi", "dubois", "kowalski", "novak", "silva", "tanaka", "kim", "nguyen",
  "patel", "singh", "cohen", "larsen", "nielsen", "ivanova", "okafor", "mensah", "haddad", "yilmaz", "costa",
  "moreau", "fischer", "weber", "schulz", "bauer", "hoffmann", "koch", "richter", "klein", "wolf", "neumann",
];
const CRD_KINDS = [
  "widgets", "pipelines", "tenants", "quotas", "routes", "topics", "schemas", "buckets", "databases", "caches",
  "queues", "jobsets", "flags", "policies", "templates", "workflows", "datasets", "models", "endpoints", "streams",
];
const REGION = "eu-west-1";
const ACCOUNT_ID = "123456789012";
const REGISTRY = `${ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com`;
const USER_DOMAIN = "corp.example";
const CREATED_BASE = Date.UTC(2024, 0, 15);
const CROWN_JEWEL = "palisade.io/crown-jewel";

// ───────────────────────────── builders ─────────────────────────────

interface PolicyRuleJson {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}
interface SubjectJson {
  kind: "User" | "Group" | "ServiceAccount";
  name: string;
  namespace?: string;
  apiGroup?: string;
}

/** Binding names derived from user names keep to lower-case ASCII (user names themselves may not). */
function objectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9.:-]+/g, "-");
}

function rule(verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PolicyRuleJson {
  return resourceNames ? { verbs, apiGroups, resources, resourceNames } : { verbs, apiGroups, resources };
}
function nonResource(verbs: string[], urls: string[]): PolicyRuleJson {
  return { verbs, nonResourceURLs: urls };
}
const RO = ["get", "list", "watch"];
const RW = ["get", "list", "watch", "create", "update", "patch", "delete"];

function user(name: string): SubjectJson {
  return { kind: "User", name, apiGroup: "rbac.authorization.k8s.io" };
}
function group(name: string): SubjectJson {
  return { kind: "Group", name, apiGroup: "rbac.authorization.k8s.io" };
}
function sa(namespace: string, name: string): SubjectJson {
  return { kind: "ServiceAccount", name, namespace };
}

interface HostPathSpec {
  name: string;
  path: string;
  mountPath: string;
  readOnly?: boolean;
  type?: string;
}

/** What a pod (template) looks like, security-wise. */
interface PodProfile {
  serviceAccountName: string;
  container: string;
  image: string;
  port?: number;
  privileged?: boolean;
  hostPID?: boolean;
  hostNetwork?: boolean;
  hostIPC?: boolean;
  hostPaths?: HostPathSpec[];
  addCapabilities?: string[];
  hardened?: boolean;
  automountServiceAccountToken?: boolean;
  /** Secret read through env (secretKeyRef). */
  envSecret?: string;
  /** Secret mounted as a volume. */
  volumeSecret?: string;
  nodeSelector?: Record<string, string>;
  tolerateAll?: boolean;
}

class Generator {
  readonly rng: Rand;
  readonly spec: SizeSpec;
  readonly out: RawObjects;
  private readonly names = new Map<string, Set<string>>();
  readonly existingClusterRoles = new Set<string>();
  readonly existingRoles = new Set<string>(); // ns/name
  readonly existingSAs = new Set<string>(); // ns/name
  readonly namespaceSAs = new Map<string, string[]>();
  readonly users: string[] = [];
  nodes: { name: string; pool: string }[] = [];

  constructor(size: ClusterSize, seed: number) {
    this.rng = new Rand(seed);
    this.spec = SIZE_SPECS[size];
    this.out = Object.fromEntries(RESOURCE_KEYS.map((k) => [k, []])) as unknown as RawObjects;
    for (const first of FIRST_NAMES) for (const last of LAST_NAMES) this.users.push(`${first}.${last}@${USER_DOMAIN}`);
  }

  timestamp(): string {
    const ms = CREATED_BASE + this.rng.int(420 * 86_400) * 1000;
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  /** Reserves a unique name for `key` (resource + namespace); appends -2, -3, … on collision. */
  unique(resource: ResourceKey, namespace: string, base: string): string {
    const key = `${resource}/${namespace}`;
    let set = this.names.get(key);
    if (!set) {
      set = new Set();
      this.names.set(key, set);
    }
    let name = base;
    for (let i = 2; set.has(name); i++) name = `${base}-${i}`;
    set.add(name);
    return name;
  }
  taken(resource: ResourceKey, namespace: string, name: string): boolean {
    return this.names.get(`${resource}/${namespace}`)?.has(name) ?? false;
  }

  add(resource: ResourceKey, obj: KubeObject): KubeObject {
    this.out[resource].push(obj);
    return obj;
  }

  meta(name: string, namespace?: string, labels?: Record<string, string>, annotations?: Record<string, string>): KubeMeta {
    const m: KubeMeta = { name };
    if (namespace !== undefined) m.namespace = namespace;
    m.uid = this.rng.uid();
    m.creationTimestamp = this.timestamp();
    if (labels && Object.keys(labels).length > 0) m.labels = labels;
    if (annotations && Object.keys(annotations).length > 0) m.annotations = annotations;
    return m;
  }

  // ── RBAC objects ──

  clusterRole(
    name: string,
    rules: PolicyRuleJson[],
    labels?: Record<string, string>,
    aggregateLabels?: Record<string, string>[],
  ): string {
    const n = this.unique("clusterroles", "", name);
    const obj: KubeObject = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: this.meta(n, undefined, labels),
    };
    if (aggregateLabels) obj.aggregationRule = { clusterRoleSelectors: aggregateLabels.map((matchLabels) => ({ matchLabels })) };
    obj.rules = aggregateLabels ? [] : rules;
    this.add("clusterroles", obj);
    this.existingClusterRoles.add(n);
    return n;
  }

  role(namespace: string, name: string, rules: PolicyRuleJson[], labels?: Record<string, string>): string {
    const n = this.unique("roles", namespace, name);
    this.add("roles", {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: this.meta(n, namespace, labels),
      rules,
    });
    this.existingRoles.add(`${namespace}/${n}`);
    return n;
  }

  roleBinding(namespace: string, name: string, roleKind: "Role" | "ClusterRole", roleName: string, subjects: SubjectJson[], labels?: Record<string, string>): string {
    const n = this.unique("rolebindings", namespace, objectName(name));
    this.add("rolebindings", {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: this.meta(n, namespace, labels),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: roleKind, name: roleName },
      subjects,
    });
    return n;
  }

  clusterRoleBinding(name: string, roleName: string, subjects: SubjectJson[], labels?: Record<string, string>): string {
    const n = this.unique("clusterrolebindings", "", objectName(name));
    this.add("clusterrolebindings", {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: this.meta(n, undefined, labels),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: roleName },
      subjects,
    });
    return n;
  }

  // ── core objects ──

  namespace(name: string, labels: Record<string, string> = {}): void {
    this.unique("namespaces", "", name);
    this.add("namespaces", {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: this.meta(name, undefined, { "kubernetes.io/metadata.name": name, ...labels }),
      spec: { finalizers: ["kubernetes"] },
      status: { phase: "Active" },
    });
  }

  serviceAccount(namespace: string, name: string, annotations?: Record<string, string>, opts: { automount?: boolean; legacyToken?: boolean; labels?: Record<string, string> } = {}): string {
    const n = this.unique("serviceaccounts", namespace, name);
    const obj: KubeObject = {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: this.meta(n, namespace, opts.labels, annotations),
    };
    if (opts.automount === false) obj.automountServiceAccountToken = false;
    if (opts.legacyToken) {
      const secretName = this.secret(namespace, `${n}-token-${this.rng.suffix()}`, "kubernetes.io/service-account-token", undefined, {
        "kubernetes.io/service-account.name": n,
        "kubernetes.io/service-account.uid": obj.metadata.uid as string,
      });
      obj.secrets = [{ name: secretName }];
    }
    this.add("serviceaccounts", obj);
    this.existingSAs.add(`${namespace}/${n}`);
    const list = this.namespaceSAs.get(namespace);
    if (list) list.push(n);
    else this.namespaceSAs.set(namespace, [n]);
    return n;
  }

  /** Secret metadata and type only: the generator never writes data or stringData. */
  secret(namespace: string, name: string, type: string, labels?: Record<string, string>, annotations?: Record<string, string>): string {
    const n = this.unique("secrets", namespace, name);
    this.add("secrets", { apiVersion: "v1", kind: "Secret", metadata: this.meta(n, namespace, labels, annotations), type });
    return n;
  }

  // ── workloads ──

  podSpec(p: PodProfile, nodeName?: string, isPod = false): Record<string, unknown> {
    const container: Record<string, unknown> = { name: p.container, image: p.image, imagePullPolicy: "IfNotPresent" };
    if (p.port) container.ports = [{ containerPort: p.port, name: "http", protocol: "TCP" }];
    if (p.envSecret) {
      container.env = [
        { name: "DB_USER", valueFrom: { secretKeyRef: { name: p.envSecret, key: "username" } } },
        { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: p.envSecret, key: "password" } } },
      ];
    }
    container.resources = { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } };
    const sc: Record<string, unknown> = {};
    if (p.privileged) sc.privileged = true;
    if (p.addCapabilities) sc.capabilities = { add: p.addCapabilities };
    if (p.hardened) {
      sc.allowPrivilegeEscalation = false;
      sc.runAsNonRoot = true;
      sc.readOnlyRootFilesystem = true;
      sc.capabilities = { drop: ["ALL"] };
    }
    if (Object.keys(sc).length > 0) container.securityContext = sc;
    const mounts: Record<string, unknown>[] = [];
    const volumes: Record<string, unknown>[] = [];
    for (const hp of p.hostPaths ?? []) {
      mounts.push(hp.readOnly ? { name: hp.name, mountPath: hp.mountPath, readOnly: true } : { name: hp.name, mountPath: hp.mountPath });
      volumes.push({ name: hp.name, hostPath: hp.type ? { path: hp.path, type: hp.type } : { path: hp.path } });
    }
    if (p.volumeSecret) {
      mounts.push({ name: "credentials", mountPath: "/etc/credentials", readOnly: true });
      volumes.push({ name: "credentials", secret: { secretName: p.volumeSecret, defaultMode: 420 } });
    }
    // The ServiceAccount admission plugin adds the projected token volume to pods (not to templates).
    if (isPod && p.automountServiceAccountToken !== false) {
      const vol = `kube-api-access-${this.rng.suffix()}`;
      mounts.push({ name: vol, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", readOnly: true });
      volumes.push({
        name: vol,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
            { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
            { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
          ],
        },
      });
    }
    if (mounts.length > 0) container.volumeMounts = mounts;
    const spec: Record<string, unknown> = {};
    if (p.automountServiceAccountToken === false) spec.automountServiceAccountToken = false;
    spec.containers = [container];
    spec.dnsPolicy = p.hostNetwork ? "ClusterFirstWithHostNet" : "ClusterFirst";
    if (p.hostIPC) spec.hostIPC = true;
    if (p.hostNetwork) spec.hostNetwork = true;
    if (p.hostPID) spec.hostPID = true;
    if (nodeName) spec.nodeName = nodeName;
    if (p.nodeSelector) spec.nodeSelector = p.nodeSelector;
    spec.restartPolicy = "Always";
    spec.serviceAccountName = p.serviceAccountName;
    if (p.tolerateAll) spec.tolerations = [{ operator: "Exists" }];
    if (volumes.length > 0) spec.volumes = volumes;
    return spec;
  }

  private pickNode(pool?: string): string {
    const candidates = pool ? this.nodes.filter((n) => n.pool === pool) : this.nodes;
    return this.rng.pick(candidates.length > 0 ? candidates : this.nodes).name;
  }

  private pod(namespace: string, name: string, labels: Record<string, string>, p: PodProfile, owner: OwnerReference | undefined, nodeName: string, phase = "Running"): void {
    const n = this.unique("pods", namespace, name);
    const metadata = this.meta(n, namespace, labels);
    if (owner) metadata.ownerReferences = [owner];
    const spec = this.podSpec(p, nodeName, true);
    if (phase === "Succeeded") spec.restartPolicy = "Never";
    this.add("pods", { apiVersion: "v1", kind: "Pod", metadata, spec, status: { phase, qosClass: "Burstable" } });
  }

  private ownerRef(obj: KubeObject): OwnerReference {
    return { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name, uid: obj.metadata.uid as string, controller: true, blockOwnerDeletion: true };
  }

  /** Deployment → ReplicaSet(s) (old ones scaled to 0) → pods. Returns the number of pods created. */
  deployment(namespace: string, name: string, replicas: number, p: PodProfile, labels: Record<string, string> = {}, annotations?: Record<string, string>): number {
    const n = this.unique("deployments", namespace, name);
    const selector = { "app.kubernetes.io/name": n };
    const podLabels = { ...selector, ...labels };
    const dep = this.add("deployments", {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: this.meta(n, namespace, { ...podLabels }, { "deployment.kubernetes.io/revision": "1", ...annotations }),
      spec: { replicas, selector: { matchLabels: selector }, template: { metadata: { labels: podLabels }, spec: this.podSpec(p) } },
      status: { replicas, readyReplicas: replicas, availableReplicas: replicas },
    });
    const oldRevisions = this.rng.weighted([[0, 60], [1, 25], [2, 15]] as const);
    for (let r = 0; r <= oldRevisions; r++) {
      const current = r === oldRevisions;
      const hash = this.rng.suffix(10);
      const rsName = this.unique("replicasets", namespace, `${n}-${hash}`);
      const rsLabels = { ...podLabels, "pod-template-hash": hash };
      const rsReplicas = current ? replicas : 0;
      const rs = this.add("replicasets", {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: { ...this.meta(rsName, namespace, rsLabels, { "deployment.kubernetes.io/revision": String(r + 1) }), ownerReferences: [this.ownerRef(dep)] },
        spec: { replicas: rsReplicas, selector: { matchLabels: { ...selector, "pod-template-hash": hash } }, template: { metadata: { labels: rsLabels }, spec: this.podSpec(p) } },
        status: { replicas: rsReplicas, readyReplicas: rsReplicas },
      });
      if (current) {
        const owner = this.ownerRef(rs);
        for (let i = 0; i < replicas; i++) this.pod(namespace, `${rsName}-${this.rng.suffix()}`, rsLabels, p, owner, this.pickNode(p.nodeSelector ? "system" : undefined));
      }
    }
    return replicas;
  }

  statefulSet(namespace: string, name: string, replicas: number, p: PodProfile, labels: Record<string, string> = {}, annotations?: Record<string, string>): number {
    const n = this.unique("statefulsets", namespace, name);
    const selector = { "app.kubernetes.io/name": n };
    const podLabels = { ...selector, ...labels };
    const sts = this.add("statefulsets", {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: this.meta(n, namespace, { ...podLabels }, annotations),
      spec: { replicas, serviceName: n, selector: { matchLabels: selector }, template: { metadata: { labels: podLabels }, spec: this.podSpec(p) } },
      status: { replicas, readyReplicas: replicas },
    });
    const owner = this.ownerRef(sts);
    for (let i = 0; i < replicas; i++) this.pod(namespace, `${n}-${i}`, { ...podLabels, "statefulset.kubernetes.io/pod-name": `${n}-${i}` }, p, owner, this.pickNode());
    return replicas;
  }

  /** One pod per node of the pool (all nodes when pool is undefined). */
  daemonSet(namespace: string, name: string, p: PodProfile, pool?: string, labels: Record<string, string> = {}): number {
    const n = this.unique("daemonsets", namespace, name);
    const selector = { "app.kubernetes.io/name": n };
    const podLabels = { ...selector, ...labels };
    const targets = pool ? this.nodes.filter((x) => x.pool === pool) : this.nodes;
    const ds = this.add("daemonsets", {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: this.meta(n, namespace, { ...podLabels }),
      spec: { selector: { matchLabels: selector }, template: { metadata: { labels: podLabels }, spec: this.podSpec(p) } },
      status: { desiredNumberScheduled: targets.length, numberReady: targets.length },
    });
    const owner = this.ownerRef(ds);
    for (const node of targets) this.pod(namespace, `${n}-${this.rng.suffix()}`, podLabels, p, owner, node.name);
    return targets.length;
  }

  job(namespace: string, name: string, p: PodProfile, labels: Record<string, string> = {}, owner?: OwnerReference): number {
    const n = this.unique("jobs", namespace, name);
    const podLabels = { "job-name": n, ...labels };
    const metadata = this.meta(n, namespace, podLabels);
    if (owner) metadata.ownerReferences = [owner];
    const job = this.add("jobs", {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata,
      spec: { backoffLimit: 6, completions: 1, parallelism: 1, template: { metadata: { labels: podLabels }, spec: { ...this.podSpec(p), restartPolicy: "Never" } } },
      status: { succeeded: 1 },
    });
    this.pod(namespace, `${n}-${this.rng.suffix()}`, podLabels, p, this.ownerRef(job), this.pickNode(), "Succeeded");
    return 1;
  }

  cronJob(namespace: string, name: string, runs: number, p: PodProfile, labels: Record<string, string> = {}): number {
    const n = this.unique("cronjobs", namespace, name);
    const cj = this.add("cronjobs", {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: this.meta(n, namespace, { ...labels }),
      spec: {
        schedule: this.rng.pick(["*/5 * * * *", "0 * * * *", "15 2 * * *", "0 */6 * * *", "30 4 * * 1"]),
        concurrencyPolicy: "Forbid",
        successfulJobsHistoryLimit: 3,
        jobTemplate: { spec: { template: { metadata: { labels }, spec: { ...this.podSpec(p), restartPolicy: "Never" } } } },
      },
    });
    const owner = this.ownerRef(cj);
    let minute = 28_000_000 + this.rng.int(500_000);
    for (let i = 0; i < runs; i++) {
      this.job(namespace, `${n}-${minute}`, p, labels, owner);
      minute += 60;
    }
    return runs;
  }
}

// ───────────────────────────── cluster layout ─────────────────────────────

interface TeamNamespace {
  name: string;
  team: string;
  env: string;
  weight: number;
}

function makeTeams(g: Generator, count: number): TeamNamespace[] {
  const rng = g.rng;
  const combos: string[] = [];
  for (const q of TEAM_QUALIFIERS) for (const d of TEAM_DOMAINS) combos.push(`${d}${q}`);
  // The first teams are fixed so every size has the same recognisable anchors (payments/ledger-db, …).
  const fixed = ["payments", "checkout", "identity", "data-platform", "web"];
  const rest = rng.shuffle(combos.filter((c) => !fixed.includes(c)));
  const teams = [...fixed, ...rest];
  const out: TeamNamespace[] = [];
  for (let t = 0; out.length < count; t++) {
    const team = teams[t] ?? `team-${t}`;
    const envs = t < fixed.length ? ["prod", "staging", "dev"] : rng.weighted(ENV_SETS);
    for (const env of envs) {
      if (out.length >= count) break;
      const name = envs.length === 1 && env === "prod" ? team : `${team}-${env}`;
      const envWeight = env === "prod" ? 2 : env === "staging" ? 1 : env === "dev" ? 0.8 : 0.3;
      out.push({ name, team, env, weight: envWeight * rng.lognormal(0.9) });
    }
  }
  return out;
}

function makeNodes(g: Generator): void {
  const rng = g.rng;
  const count = g.spec.nodes;
  const system = Math.max(2, Math.round(count * 0.05));
  const gpu = Math.max(1, Math.round(count * 0.04));
  const pools: [string, number, string][] = [
    ["system", system, "m6i.xlarge"],
    ["gpu", gpu, "g5.2xlarge"],
    ["general", count - system - gpu, "m6i.4xlarge"],
  ];
  const used = new Set<string>();
  for (const [pool, n, instanceType] of pools) {
    for (let i = 0; i < n; i++) {
      let name: string;
      do {
        name = `ip-10-${rng.range(0, 63)}-${rng.range(0, 255)}-${rng.range(1, 254)}.${REGION}.compute.internal`;
      } while (used.has(name));
      used.add(name);
      const zone = `${REGION}${rng.pick(["a", "b", "c"])}`;
      const taints: Record<string, string>[] = [];
      if (pool === "system") taints.push({ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" });
      if (pool === "gpu") taints.push({ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" });
      g.unique("nodes", "", name);
      const node: KubeObject = {
        apiVersion: "v1",
        kind: "Node",
        metadata: g.meta(name, undefined, {
          "kubernetes.io/hostname": name,
          "kubernetes.io/os": "linux",
          "kubernetes.io/arch": "amd64",
          "node.kubernetes.io/instance-type": instanceType,
          "topology.kubernetes.io/region": REGION,
          "topology.kubernetes.io/zone": zone,
          "eks.amazonaws.com/nodegroup": `${pool}-pool`,
        }),
        spec: { providerID: `aws:///${zone}/i-0${rng.chars(16, HEX)}` },
        status: { nodeInfo: { kubeletVersion: "v1.31.4-eks-aeac579", containerRuntimeVersion: "containerd://1.7.25", osImage: "Amazon Linux 2023.6.20250107" } },
      };
      if (taints.length > 0) (node.spec as Record<string, unknown>).taints = taints;
      g.add("nodes", node);
      g.nodes.push({ name, pool });
    }
  }
}

function image(team: string, app: string, g: Generator): string {
  return `${REGISTRY}/${team}/${app}:${g.rng.range(1, 4)}.${g.rng.range(0, 30)}.${g.rng.range(0, 12)}`;
}

/** Platform namespaces, operators, DaemonSets and cluster-wide grants that every real cluster of this shape has. */
function makePlatform(g: Generator): void {
  const rng = g.rng;
  const P = (ns: string, name: string, extra: Partial<PodProfile> = {}): PodProfile => ({
    serviceAccountName: name,
    container: name,
    image: `${rng.pick(["quay.io", "registry.k8s.io", "docker.io", "ghcr.io"])}/${ns}/${name}:v${rng.range(0, 3)}.${rng.range(0, 20)}.${rng.range(0, 9)}`,
    port: 8080,
    hardened: true,
    ...extra,
  });
  const irsa = (role: string) => ({ "eks.amazonaws.com/role-arn": `arn:aws:iam::${ACCOUNT_ID}:role/${role}` });
  const ns = (name: string, labels: Record<string, string> = {}) => {
    g.namespace(name, labels);
    g.serviceAccount(name, "default");
  };
  const platformLabels = { "app.kubernetes.io/part-of": "platform" };

  // kube-system and friends (their `default` service accounts are created here too).
  ns("default");
  ns("kube-system");
  ns("kube-public");
  ns("kube-node-lease");
  for (const n of ["monitoring", "logging", "ingress-nginx", "cert-manager", "argocd", "ci", "external-dns", "kyverno", "vault", "velero", "external-secrets", "karpenter", "istio-system", "db-operator"]) {
    ns(n, { ...platformLabels, "pod-security.kubernetes.io/enforce": n === "monitoring" || n === "logging" || n === "velero" ? "privileged" : "baseline" });
  }

  // kube-system add-ons.
  g.serviceAccount("kube-system", "kube-proxy");
  g.daemonSet("kube-system", "kube-proxy", P("kube-system", "kube-proxy", { hardened: false, privileged: true, hostNetwork: true, tolerateAll: true, hostPaths: [{ name: "xtables-lock", path: "/run/xtables.lock", mountPath: "/run/xtables.lock", type: "FileOrCreate" }, { name: "lib-modules", path: "/lib/modules", mountPath: "/lib/modules", readOnly: true }] }), undefined, { "k8s-app": "kube-proxy" });
  g.clusterRoleBinding("eks:kube-proxy", "system:node-proxier", [sa("kube-system", "kube-proxy")]);
  g.serviceAccount("kube-system", "aws-node", irsa("eks-vpc-cni"));
  g.clusterRole("aws-node", [rule(["list", "watch", "get"], [""], ["pods", "namespaces"]), rule(["get", "update", "patch"], [""], ["nodes"]), rule(RO, ["crd.k8s.amazonaws.com"], ["eniconfigs"]), rule(["create", "patch", "list"], ["", "events.k8s.io"], ["events"])]);
  g.clusterRoleBinding("aws-node", "aws-node", [sa("kube-system", "aws-node")]);
  g.daemonSet("kube-system", "aws-node", P("kube-system", "aws-node", { hardened: false, hostNetwork: true, addCapabilities: ["NET_ADMIN", "NET_RAW"], tolerateAll: true, hostPaths: [{ name: "cni-bin-dir", path: "/opt/cni/bin", mountPath: "/host/opt/cni/bin" }, { name: "cni-net-dir", path: "/etc/cni/net.d", mountPath: "/host/etc/cni/net.d" }, { name: "run-dir", path: "/var/run/aws-node", mountPath: "/var/run/aws-node", type: "DirectoryOrCreate" }] }));
  g.serviceAccount("kube-system", "ebs-csi-node-sa");
  g.clusterRole("ebs-csi-node-role", [rule(["get", "patch"], [""], ["nodes"]), rule(RO, ["storage.k8s.io"], ["volumeattachments", "csinodes"])]);
  g.clusterRoleBinding("ebs-csi-node-binding", "ebs-csi-node-role", [sa("kube-system", "ebs-csi-node-sa")]);
  g.daemonSet("kube-system", "ebs-csi-node", P("kube-system", "ebs-plugin", { serviceAccountName: "ebs-csi-node-sa", hardened: false, privileged: true, tolerateAll: true, hostPaths: [{ name: "kubelet-dir", path: "/var/lib/kubelet", mountPath: "/var/lib/kubelet" }, { name: "device-dir", path: "/dev", mountPath: "/dev", type: "Directory" }] }));
  g.serviceAccount("kube-system", "ebs-csi-controller-sa", irsa("ebs-csi-driver"));
  g.clusterRole("ebs-external-provisioner-role", [rule(["get", "list", "watch", "create", "patch", "delete"], [""], ["persistentvolumes"]), rule(["get", "list", "watch", "update"], [""], ["persistentvolumeclaims"]), rule(RO, ["storage.k8s.io"], ["storageclasses", "csinodes"]), rule(["get", "list"], ["snapshot.storage.k8s.io"], ["volumesnapshots", "volumesnapshotcontents"])]);
  g.clusterRoleBinding("ebs-csi-provisioner-binding", "ebs-external-provisioner-role", [sa("kube-system", "ebs-csi-controller-sa")]);
  g.deployment("kube-system", "ebs-csi-controller", 2, P("kube-system", "ebs-plugin", { serviceAccountName: "ebs-csi-controller-sa", nodeSelector: { "eks.amazonaws.com/nodegroup": "system-pool" } }));
  g.serviceAccount("kube-system", "coredns");
  g.clusterRole("system:coredns", [rule(["list", "watch"], [""], ["endpoints", "services", "pods", "namespaces"]), rule(["list", "watch"], ["discovery.k8s.io"], ["endpointslices"])], { "eks.amazonaws.com/component": "coredns" });
  g.clusterRoleBinding("system:coredns", "system:coredns", [sa("kube-system", "coredns")]);
  g.deployment("kube-system", "coredns", 2, P("kube-system", "coredns", { port: 53, nodeSelector: { "eks.amazonaws.com/nodegroup": "system-pool" } }), { "k8s-app": "kube-dns" });
  g.serviceAccount("kube-system", "metrics-server");
  g.clusterRole("system:metrics-server", [rule(["get"], [""], ["nodes/metrics"]), rule(RO, [""], ["pods", "nodes"])]);
  g.clusterRole("system:aggregated-metrics-reader", [rule(RO, ["metrics.k8s.io"], ["pods", "nodes"])], { "rbac.authorization.k8s.io/aggregate-to-view": "true", "rbac.authorization.k8s.io/aggregate-to-edit": "true", "rbac.authorization.k8s.io/aggregate-to-admin": "true" });
  g.clusterRoleBinding("system:metrics-server", "system:metrics-server", [sa("kube-system", "metrics-server")]);
  g.clusterRoleBinding("metrics-server:system:auth-delegator", "system:auth-delegator", [sa("kube-system", "metrics-server")]);
  g.roleBinding("kube-system", "metrics-server-auth-reader", "Role", "extension-apiserver-authentication-reader", [sa("kube-system", "metrics-server")]);
  g.deployment("kube-system", "metrics-server", 1, P("kube-system", "metrics-server", { port: 10250 }));
  g.add("configmaps", {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: g.meta("aws-auth", "kube-system"),
    data: {
      mapRoles: [
        `- rolearn: arn:aws:iam::${ACCOUNT_ID}:role/eks-node-group-general`,
        "  username: system:node:{{EC2PrivateDNSName}}",
        "  groups:",
        "    - system:bootstrappers",
        "    - system:nodes",
        `- rolearn: arn:aws:iam::${ACCOUNT_ID}:role/platform-admin`,
        "  username: platform-admin:{{SessionName}}",
        "  groups:",
        "    - system:masters",
        `- rolearn: arn:aws:iam::${ACCOUNT_ID}:role/developer`,
        "  username: developer:{{SessionName}}",
        "  groups:",
        "    - oidc:developers",
        "",
      ].join("\n"),
      mapUsers: [`- userarn: arn:aws:iam::${ACCOUNT_ID}:user/ci-legacy`, "  username: ci-legacy", "  groups:", "    - system:masters", ""].join("\n"),
    },
  });
  g.unique("configmaps", "kube-system", "aws-auth");
  g.add("configmaps", {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: g.meta("coredns", "kube-system", { "eks.amazonaws.com/component": "coredns" }),
    data: { Corefile: ".:53 {\n    errors\n    health\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n      pods insecure\n      fallthrough in-addr.arpa ip6.arpa\n    }\n    prometheus :9153\n    forward . /etc/resolv.conf\n    cache 30\n    loop\n    reload\n    loadbalance\n}\n" },
  });
  g.unique("configmaps", "kube-system", "coredns");

  // Monitoring: node-exporter sees the whole host; prometheus scrapes kubelets and /metrics.
  g.serviceAccount("monitoring", "node-exporter");
  g.clusterRole("node-exporter", [rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]), rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"])]);
  g.clusterRoleBinding("node-exporter", "node-exporter", [sa("monitoring", "node-exporter")]);
  g.daemonSet("monitoring", "node-exporter", P("monitoring", "node-exporter", { hardened: false, hostPID: true, hostNetwork: true, tolerateAll: true, port: 9100, hostPaths: [{ name: "root", path: "/", mountPath: "/host/root", readOnly: true }, { name: "sys", path: "/sys", mountPath: "/host/sys", readOnly: true }] }));
  g.serviceAccount("monitoring", "prometheus-k8s");
  g.clusterRole("prometheus-k8s", [rule(["get"], [""], ["nodes/metrics"]), nonResource(["get"], ["/metrics", "/metrics/cadvisor"]), rule(RO, [""], ["services", "endpoints", "pods"])]);
  g.clusterRoleBinding("prometheus-k8s", "prometheus-k8s", [sa("monitoring", "prometheus-k8s")]);
  g.statefulSet("monitoring", "prometheus-k8s", 2, P("monitoring", "prometheus", { serviceAccountName: "prometheus-k8s", port: 9090 }));
  g.serviceAccount("monitoring", "kube-state-metrics");
  g.clusterRole("kube-state-metrics", [rule(["list", "watch"], [""], ["configmaps", "secrets", "nodes", "pods", "services", "serviceaccounts", "resourcequotas", "replicationcontrollers", "limitranges", "persistentvolumeclaims", "persistentvolumes", "namespaces", "endpoints"]), rule(["list", "watch"], ["apps"], ["statefulsets", "daemonsets", "deployments", "replicasets"]), rule(["list", "watch"], ["batch"], ["cronjobs", "jobs"]), rule(["list", "watch"], ["rbac.authorization.k8s.io"], ["clusterrolebindings", "clusterroles", "rolebindings", "roles"])]);
  g.clusterRoleBinding("kube-state-metrics", "kube-state-metrics", [sa("monitoring", "kube-state-metrics")]);
  g.deployment("monitoring", "kube-state-metrics", 1, P("monitoring", "kube-state-metrics"));
  g.serviceAccount("monitoring", "prometheus-operator");
  g.clusterRole("prometheus-operator", [rule(["*"], ["monitoring.coreos.com"], ["alertmanagers", "prometheuses", "servicemonitors", "podmonitors", "prometheusrules", "thanosrulers"]), rule(["*"], ["apps"], ["statefulsets"]), rule(["*"], [""], ["configmaps", "secrets"]), rule(["list", "delete"], [""], ["pods"]), rule(["get", "create", "update", "delete"], [""], ["services", "services/finalizers", "endpoints"]), rule(RO, [""], ["namespaces", "nodes"])]);
  g.clusterRoleBinding("prometheus-operator", "prometheus-operator", [sa("monitoring", "prometheus-operator")]);
  g.deployment("monitoring", "prometheus-operator", 1, P("monitoring", "prometheus-operator"));
  g.clusterRole("monitoring-edit", [rule(RW, ["monitoring.coreos.com"], ["servicemonitors", "podmonitors", "prometheusrules"])], { "rbac.authorization.k8s.io/aggregate-to-edit": "true", "rbac.authorization.k8s.io/aggregate-to-admin": "true" });
  g.clusterRole("monitoring-view", [rule(RO, ["monitoring.coreos.com"], ["servicemonitors", "podmonitors", "prometheusrules", "alertmanagers", "prometheuses"])], { "rbac.authorization.k8s.io/aggregate-to-view": "true" });
  g.serviceAccount("monitoring", "grafana");
  g.deployment("monitoring", "grafana", 1, P("monitoring", "grafana", { port: 3000, envSecret: g.secret("monitoring", "grafana-admin", "Opaque") }));
  g.serviceAccount("monitoring", "alertmanager-main");
  g.statefulSet("monitoring", "alertmanager-main", 3, P("monitoring", "alertmanager", { serviceAccountName: "alertmanager-main", port: 9093, volumeSecret: g.secret("monitoring", "alertmanager-main-generated", "Opaque") }));

  // Logging: two node agents, one of them mounts the container runtime socket.
  g.serviceAccount("logging", "fluent-bit");
  g.clusterRole("fluent-bit-read", [rule(RO, [""], ["namespaces", "pods", "nodes", "nodes/proxy"])]);
  g.clusterRoleBinding("fluent-bit-read", "fluent-bit-read", [sa("logging", "fluent-bit")]);
  g.daemonSet("logging", "fluent-bit", P("logging", "fluent-bit", { hardened: false, tolerateAll: true, hostPaths: [{ name: "varlog", path: "/var/log", mountPath: "/var/log", readOnly: true }, { name: "containers", path: "/var/lib/docker/containers", mountPath: "/var/lib/docker/containers", readOnly: true }] }));
  g.serviceAccount("logging", "vector-agent");
  g.clusterRole("vector-agent", [rule(["list", "watch"], [""], ["namespaces", "nodes", "pods"])]);
  g.clusterRoleBinding("vector-agent", "vector-agent", [sa("logging", "vector-agent")]);
  g.daemonSet("logging", "vector-agent", P("logging", "vector", { serviceAccountName: "vector-agent", hardened: false, tolerateAll: true, hostPaths: [{ name: "docker-sock", path: "/var/run/docker.sock", mountPath: "/var/run/docker.sock" }, { name: "var-log", path: "/var/log", mountPath: "/var/log", readOnly: true }] }));
  g.serviceAccount("kube-system", "nvidia-device-plugin");
  g.daemonSet("kube-system", "nvidia-device-plugin", P("kube-system", "nvidia-device-plugin", { hardened: false, privileged: true, tolerateAll: true, hostPaths: [{ name: "device-plugin", path: "/var/lib/kubelet/device-plugins", mountPath: "/var/lib/kubelet/device-plugins" }] }), "gpu");

  // Ingress.
  g.serviceAccount("ingress-nginx", "ingress-nginx");
  g.clusterRole("ingress-nginx", [rule(["list", "watch"], [""], ["configmaps", "endpoints", "nodes", "pods", "secrets", "namespaces"]), rule(["get"], [""], ["nodes"]), rule(RO, [""], ["services"]), rule(RO, ["networking.k8s.io"], ["ingresses", "ingressclasses"]), rule(["update"], ["networking.k8s.io"], ["ingresses/status"])]);
  g.clusterRoleBinding("ingress-nginx", "ingress-nginx", [sa("ingress-nginx", "ingress-nginx")]);
  g.role("ingress-nginx", "ingress-nginx", [rule(["get"], [""], ["namespaces"]), rule(["get", "list", "watch"], [""], ["configmaps", "pods", "secrets", "endpoints"]), rule(["get", "update"], ["coordination.k8s.io"], ["leases"], ["ingress-nginx-leader"]), rule(["create"], ["coordination.k8s.io"], ["leases"])]);
  g.roleBinding("ingress-nginx", "ingress-nginx", "Role", "ingress-nginx", [sa("ingress-nginx", "ingress-nginx")]);
  g.deployment("ingress-nginx", "ingress-nginx-controller", 3, P("ingress-nginx", "controller", { serviceAccountName: "ingress-nginx", hardened: false, addCapabilities: ["NET_BIND_SERVICE"], port: 443 }));
  g.secret("ingress-nginx", "ingress-nginx-admission", "Opaque");

  // cert-manager.
  for (const n of ["cert-manager", "cert-manager-cainjector", "cert-manager-webhook"]) g.serviceAccount("cert-manager", n);
  g.clusterRole("cert-manager-controller-certificates", [rule(["update", "patch"], ["cert-manager.io"], ["certificates", "certificates/status", "certificaterequests", "certificaterequests/status"]), rule(RO, ["cert-manager.io"], ["certificates", "certificaterequests", "clusterissuers", "issuers"]), rule(["get", "list", "watch", "create", "update", "delete", "patch"], [""], ["secrets"])]);
  g.clusterRole("cert-manager-cainjector", [rule(["get", "create", "update", "patch"], ["cert-manager.io"], ["certificates"]), rule(["get", "list", "watch"], [""], ["secrets"]), rule(["get", "list", "watch", "update", "patch"], ["admissionregistration.k8s.io"], ["validatingwebhookconfigurations", "mutatingwebhookconfigurations"]), rule(["get", "list", "watch", "update", "patch"], ["apiregistration.k8s.io"], ["apiservices"]), rule(["get", "list", "watch", "update", "patch"], ["apiextensions.k8s.io"], ["customresourcedefinitions"])]);
  g.clusterRole("cert-manager-edit", [rule(["create", "delete", "deletecollection", "patch", "update"], ["cert-manager.io"], ["certificates", "certificaterequests", "issuers"])], { "rbac.authorization.k8s.io/aggregate-to-edit": "true", "rbac.authorization.k8s.io/aggregate-to-admin": "true" });
  g.clusterRole("cert-manager-view", [rule(RO, ["cert-manager.io"], ["certificates", "certificaterequests", "issuers"])], { "rbac.authorization.k8s.io/aggregate-to-view": "true", "rbac.authorization.k8s.io/aggregate-to-edit": "true", "rbac.authorization.k8s.io/aggregate-to-admin": "true" });
  g.clusterRoleBinding("cert-manager-controller-certificates", "cert-manager-controller-certificates", [sa("cert-manager", "cert-manager")]);
  g.clusterRoleBinding("cert-manager-cainjector", "cert-manager-cainjector", [sa("cert-manager", "cert-manager-cainjector")]);
  g.deployment("cert-manager", "cert-manager", 1, P("cert-manager", "cert-manager-controller", { serviceAccountName: "cert-manager" }));
  g.deployment("cert-manager", "cert-manager-cainjector", 1, P("cert-manager", "cert-manager-cainjector"));
  g.deployment("cert-manager", "cert-manager-webhook", 1, P("cert-manager", "cert-manager-webhook", { volumeSecret: g.secret("cert-manager", "cert-manager-webhook-ca", "Opaque") }));

  // Argo CD: the application controller holds '*' on everything, as its chart ships it.
  for (const n of ["argocd-application-controller", "argocd-server", "argocd-repo-server", "argocd-dex-server", "argocd-applicationset-controller"]) g.serviceAccount("argocd", n);
  g.clusterRole("argocd-application-controller", [rule(["*"], ["*"], ["*"]), nonResource(["*"], ["*"])], { "app.kubernetes.io/part-of": "argocd" });
  g.clusterRole("argocd-server", [rule(["delete", "get", "patch"], ["*"], ["*"]), rule(["list"], [""], ["events"]), rule(["get"], [""], ["pods", "pods/log"]), rule(["create"], [""], ["pods/exec"])], { "app.kubernetes.io/part-of": "argocd" });
  g.clusterRoleBinding("argocd-application-controller", "argocd-application-controller", [sa("argocd", "argocd-application-controller")]);
  g.clusterRoleBinding("argocd-server", "argocd-server", [sa("argocd", "argocd-server")]);
  g.role("argocd", "argocd-server", [rule(["create", "get", "list", "watch", "update", "delete", "patch"], [""], ["secrets", "configmaps"]), rule(["create", "get", "list", "watch", "update", "delete", "patch"], ["argoproj.io"], ["applications", "appprojects", "applicationsets"])]);
  g.roleBinding("argocd", "argocd-server", "Role", "argocd-server", [sa("argocd", "argocd-server")]);
  g.statefulSet("argocd", "argocd-application-controller", 1, P("argocd", "argocd-application-controller"));
  g.deployment("argocd", "argocd-server", 2, P("argocd", "argocd-server"));
  g.deployment("argocd", "argocd-repo-server", 2, P("argocd", "argocd-repo-server", { automountServiceAccountToken: false }));
  g.deployment("argocd", "argocd-dex-server", 1, P("argocd", "argocd-dex-server"));
  g.deployment("argocd", "argocd-applicationset-controller", 1, P("argocd", "argocd-applicationset-controller"));
  g.secret("argocd", "argocd-secret", "Opaque", { "app.kubernetes.io/part-of": "argocd" });
  g.secret("argocd", "argocd-initial-admin-secret", "Opaque");

  // CI: a GitHub Actions deployer (bound per namespace below), a bootstrapper that can bind roles and read
  // every secret, and privileged docker-in-docker runners.
  g.serviceAccount("ci", "github-actions-deployer", undefined, { legacyToken: true });
  g.clusterRole("ci-deployer", [rule(["get", "list", "watch", "create", "update", "patch"], ["apps"], ["deployments", "replicasets"]), rule(["get", "list", "watch", "create", "update", "patch", "delete"], [""], ["services", "configmaps", "pods"]), rule(["get", "list", "watch", "create", "update", "patch"], ["batch"], ["jobs", "cronjobs"])]);
  g.serviceAccount("ci", "platform-bootstrapper", undefined, { legacyToken: true });
  g.clusterRole("ci-platform-bootstrap", [rule(["bind", "escalate", "get", "list", "create", "update"], ["rbac.authorization.k8s.io"], ["clusterroles", "roles"]), rule(["create", "update", "patch", "get", "list"], ["rbac.authorization.k8s.io"], ["clusterrolebindings", "rolebindings"]), rule(["get", "list"], [""], ["secrets"]), rule(["create", "get", "list"], [""], ["namespaces", "serviceaccounts"])]);
  g.clusterRoleBinding("ci-platform-bootstrap", "ci-platform-bootstrap", [sa("ci", "platform-bootstrapper")]);
  g.serviceAccount("ci", "gha-runner");
  g.deployment("ci", "gha-runner", 4, P("ci", "runner", { serviceAccountName: "gha-runner", image: "ghcr.io/actions/actions-runner:2.321.0", hardened: false, privileged: true, hostPaths: [{ name: "docker-graph", path: "/var/lib/docker", mountPath: "/var/lib/docker" }] }));

  // Assorted controllers with IRSA roles.
  g.serviceAccount("external-dns", "external-dns", irsa("external-dns"));
  g.clusterRole("external-dns", [rule(RO, [""], ["services", "endpoints", "pods"]), rule(RO, ["extensions", "networking.k8s.io"], ["ingresses"]), rule(["list", "watch"], [""], ["nodes"])]);
  g.clusterRoleBinding("external-dns-viewer", "external-dns", [sa("external-dns", "external-dns")]);
  g.deployment("external-dns", "external-dns", 1, P("external-dns", "external-dns"));
  g.serviceAccount("external-secrets", "external-secrets", irsa("external-secrets-reader"));
  g.clusterRole("external-secrets-controller", [rule(["get", "list", "watch", "create", "update", "delete", "patch"], [""], ["secrets"]), rule(["create"], [""], ["serviceaccounts/token"]), rule(RO, ["external-secrets.io"], ["externalsecrets", "secretstores", "clustersecretstores"]), rule(["update", "patch"], ["external-secrets.io"], ["externalsecrets/status"])]);
  g.clusterRoleBinding("external-secrets-controller", "external-secrets-controller", [sa("external-secrets", "external-secrets")]);
  g.deployment("external-secrets", "external-secrets", 1, P("external-secrets", "external-secrets"));
  g.serviceAccount("karpenter", "karpenter", irsa("karpenter-controller"));
  g.clusterRole("karpenter-core", [rule(["create", "patch", "delete", "update"], [""], ["nodes"]), rule(["create"], [""], ["pods/eviction"]), rule(["delete"], [""], ["pods"]), rule(RO, ["karpenter.sh"], ["nodepools", "nodeclaims"]), rule(RO, [""], ["pods", "nodes", "persistentvolumes", "persistentvolumeclaims"])]);
  g.clusterRoleBinding("karpenter-core", "karpenter-core", [sa("karpenter", "karpenter")]);
  g.deployment("karpenter", "karpenter", 2, P("karpenter", "controller", { serviceAccountName: "karpenter", nodeSelector: { "eks.amazonaws.com/nodegroup": "system-pool" } }));
  g.serviceAccount("velero", "velero", irsa("velero-backup"));
  g.clusterRoleBinding("velero", "cluster-admin", [sa("velero", "velero")], { "app.kubernetes.io/name": "velero" });
  g.deployment("velero", "velero", 1, P("velero", "velero"));
  g.serviceAccount("velero", "velero-node-agent");
  g.daemonSet("velero", "node-agent", P("velero", "node-agent", { serviceAccountName: "velero-node-agent", hardened: false, privileged: true, hostPaths: [{ name: "host-pods", path: "/var/lib/kubelet/pods", mountPath: "/host_pods" }] }), "general");

  // Kyverno and Istio manage admission webhooks.
  g.serviceAccount("kyverno", "kyverno-admission-controller");
  g.clusterRole("kyverno:admission-controller", [rule(["create", "delete", "get", "list", "patch", "update", "watch"], ["admissionregistration.k8s.io"], ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"]), rule(["*"], ["kyverno.io"], ["*"]), rule(["get", "list", "watch"], ["*"], ["*"]), rule(["create", "update", "delete"], [""], ["configmaps", "secrets"])]);
  g.clusterRoleBinding("kyverno:admission-controller", "kyverno:admission-controller", [sa("kyverno", "kyverno-admission-controller")]);
  g.deployment("kyverno", "kyverno-admission-controller", 3, P("kyverno", "kyverno", { serviceAccountName: "kyverno-admission-controller" }));
  g.serviceAccount("istio-system", "istiod");
  g.clusterRole("istiod-clusterrole-istio-system", [rule(["get", "list", "watch", "update", "patch"], ["admissionregistration.k8s.io"], ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"]), rule(["get", "watch", "list"], [""], ["secrets"]), rule(["update", "create", "get", "delete", "watch"], ["certificates.k8s.io"], ["certificatesigningrequests", "certificatesigningrequests/approval", "certificatesigningrequests/status"]), rule(["approve"], ["certificates.k8s.io"], ["signers"], ["kubernetes.io/legacy-unknown"]), rule(["create"], ["authentication.k8s.io"], ["tokenreviews"])]);
  g.clusterRoleBinding("istiod-clusterrole-istio-system", "istiod-clusterrole-istio-system", [sa("istio-system", "istiod")]);
  g.deployment("istio-system", "istiod", 2, P("istio-system", "discovery", { serviceAccountName: "istiod" }));

  // Vault: the secrets store itself is a tier-0 crown jewel.
  g.serviceAccount("vault", "vault");
  g.clusterRoleBinding("vault-server-binding", "system:auth-delegator", [sa("vault", "vault")]);
  g.statefulSet("vault", "vault", 3, P("vault", "vault", { port: 8200, addCapabilities: ["IPC_LOCK"], hardened: false, volumeSecret: g.secret("vault", "vault-unseal-keys", "Opaque", { [CROWN_JEWEL]: "true" }, { "palisade.io/crown-jewel-name": "Vault unseal keys", "palisade.io/crown-jewel-tier": "tier-0" }) }), { [CROWN_JEWEL]: "true" }, { "palisade.io/crown-jewel-name": "HashiCorp Vault", "palisade.io/crown-jewel-tier": "tier-0" });
  g.serviceAccount("vault", "vault-agent-injector");
  g.deployment("vault", "vault-agent-injector", 1, P("vault", "sidecar-injector", { serviceAccountName: "vault-agent-injector" }));

  // A third-party database operator shipping a wildcard ClusterRole.
  g.serviceAccount("db-operator", "acme-db-operator");
  g.clusterRole("acme-db-operator-manager", [rule(["*"], ["*"], ["*"])], { "app.kubernetes.io/name": "acme-db-operator", "app.kubernetes.io/managed-by": "Helm" });
  g.clusterRoleBinding("acme-db-operator-manager", "acme-db-operator-manager", [sa("db-operator", "acme-db-operator")]);
  g.deployment("db-operator", "acme-db-operator", 1, P("db-operator", "manager", { serviceAccountName: "acme-db-operator" }));

  // Human access at cluster scope: SRE and platform admins are cluster-admin; auditors view everything.
  g.clusterRoleBinding("oidc-sre-cluster-admin", "cluster-admin", [group("oidc:sre")]);
  g.clusterRoleBinding("oidc-platform-admins", "cluster-admin", [group("oidc:platform-admins")]);
  g.clusterRoleBinding("break-glass-admin", "cluster-admin", [user(`breakglass@${USER_DOMAIN}`)]);
  g.clusterRoleBinding("alice-temp-admin", "cluster-admin", [user(`alice.smith@${USER_DOMAIN}`)], { "palisade.example/ticket": "OPS-1423" });
  g.clusterRoleBinding("security-auditors-view", "view", [group("oidc:security-auditors")]);
  g.clusterRole("impersonate-readonly-users", [rule(["impersonate"], [""], ["users", "groups"], ["readonly-user", "oidc:viewers"])]);
  g.clusterRoleBinding("support-impersonation", "impersonate-readonly-users", [group("oidc:support")]);
  g.clusterRole("oncall-impersonator", [rule(["impersonate"], [""], ["users", "groups", "serviceaccounts"])]);
  g.clusterRoleBinding("oncall-impersonator", "oncall-impersonator", [group("oidc:oncall")]);
  // Well-meant but wrong: every authenticated principal (every service account token) may list nodes and namespaces.
  g.clusterRole("cluster-discovery", [rule(["get", "list"], [""], ["namespaces", "nodes"])]);
  g.clusterRoleBinding("authenticated-cluster-discovery", "cluster-discovery", [group("system:authenticated")]);
  g.clusterRoleBinding("serviceaccounts-view", "view", [group("system:serviceaccounts")]);
  // Aggregated roles: a platform-wide read-only role assembled from labelled pieces.
  g.clusterRole("platform-readonly", [], { "rbac.corp.example/managed": "true" }, [{ "rbac.corp.example/aggregate-to-platform-readonly": "true" }]);
  g.clusterRole("platform-readonly-core", [rule(RO, [""], ["pods", "services", "configmaps", "events", "namespaces"])], { "rbac.corp.example/aggregate-to-platform-readonly": "true" });
  g.clusterRole("platform-readonly-apps", [rule(RO, ["apps", "batch"], ["*"])], { "rbac.corp.example/aggregate-to-platform-readonly": "true" });
  g.clusterRoleBinding("oidc-developers-platform-readonly", "platform-readonly", [group("oidc:developers")]);
  // A CRD role that aggregates into edit — and so silently hands every editor node proxy and pod exec.
  g.clusterRole("debug-tools-edit", [rule(["get", "create"], [""], ["nodes/proxy"]), rule(["create"], [""], ["pods/exec", "pods/attach"]), rule(["patch"], [""], ["pods/ephemeralcontainers"])], { "rbac.authorization.k8s.io/aggregate-to-edit": "true" });
  g.clusterRole("pod-debugger", [rule(["get", "list"], [""], ["pods"]), rule(["create"], [""], ["pods/exec", "pods/portforward"]), rule(["get"], [""], ["pods/log"])]);
  g.clusterRole("node-reader", [rule(RO, [""], ["nodes"]), rule(["get"], [""], ["nodes/metrics", "nodes/stats"])]);
  g.clusterRole("metrics-scraper", [nonResource(["get"], ["/metrics", "/metrics/*", "/healthz", "/readyz"])]);
  g.clusterRole("namespace-lister", [rule(["get", "list", "watch"], [""], ["namespaces"])]);
  g.clusterRole("secret-reader", [rule(["get", "list", "watch"], [""], ["secrets"])]);

  // Webhook configurations.
  const webhook = (kind: ResourceKey, name: string, hooks: string[], svcNs: string, svcName: string) => {
    g.unique(kind, "", name);
    g.add(kind, {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: RESOURCES[kind].kind,
      metadata: g.meta(name),
      webhooks: hooks.map((h) => ({
        name: h,
        admissionReviewVersions: ["v1"],
        clientConfig: { service: { namespace: svcNs, name: svcName, path: "/mutate", port: 443 } },
        failurePolicy: "Fail",
        sideEffects: "None",
        rules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["pods"], scope: "*" }],
      })),
    });
  };
  webhook("mutatingwebhookconfigurations", "pod-identity-webhook", ["iam-for-pods.amazonaws.com"], "kube-system", "pod-identity-webhook");
  webhook("mutatingwebhookconfigurations", "istio-sidecar-injector", ["namespace.sidecar-injector.istio.io", "object.sidecar-injector.istio.io"], "istio-system", "istiod");
  webhook("mutatingwebhookconfigurations", "vault-agent-injector-cfg", ["vault.hashicorp.com"], "vault", "vault-agent-injector-svc");
  webhook("mutatingwebhookconfigurations", "kyverno-resource-mutating-webhook-cfg", ["mutate.kyverno.svc-fail"], "kyverno", "kyverno-svc");
  webhook("validatingwebhookconfigurations", "kyverno-resource-validating-webhook-cfg", ["validate.kyverno.svc-fail"], "kyverno", "kyverno-svc");
  webhook("validatingwebhookconfigurations", "cert-manager-webhook", ["webhook.cert-manager.io"], "cert-manager", "cert-manager-webhook");
  webhook("validatingwebhookconfigurations", "istio-validator-istio-system", ["rev.validation.istio.io"], "istio-system", "istiod");
}

/** Service accounts that the bootstrap bindings name (controller-manager's controllers, kube-dns, …). */
function makeBootstrapServiceAccounts(g: Generator, bootstrap: KubeObject[]): void {
  const wanted: [string, string][] = [];
  for (const obj of bootstrap) {
    if (obj.kind !== "RoleBinding" && obj.kind !== "ClusterRoleBinding") continue;
    for (const s of (obj.subjects as SubjectJson[] | null | undefined) ?? []) {
      if (s.kind === "ServiceAccount" && s.namespace) wanted.push([s.namespace, s.name]);
    }
  }
  for (const [ns, name] of wanted) if (!g.existingSAs.has(`${ns}/${name}`)) g.serviceAccount(ns, name);
}

interface App {
  name: string;
  kind: "Deployment" | "StatefulSet" | "CronJob" | "Job" | "Pod";
  pods: number;
  sa: string;
  crownJewel?: { name: string; tier: string };
}

const REPLICA_CHOICES = [1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 6, 6, 8, 10, 12, 16, 24];

/** One product-team namespace: SAs, apps, secrets, roles, bindings, network policies. */
function makeTeamNamespace(
  g: Generator,
  t: TeamNamespace,
  quota: { pods: number; sas: number; roles: number; rolebindings: number },
  teamGroups: string[],
): { extraSAs: string[] } {
  const rng = g.rng;
  const { name: ns, team, env } = t;
  const labels: Record<string, string> = { team, env };
  if (rng.chance(0.35)) labels["pod-security.kubernetes.io/enforce"] = rng.pick(["restricted", "baseline"]);
  if (rng.chance(0.4)) labels["istio-injection"] = "enabled";
  g.namespace(ns, labels);

  // ── apps (pods) ──
  const apps: App[] = [];
  let remaining = quota.pods;
  const appNames = new Set<string>();
  const nextAppName = (): string => {
    for (let tries = 0; tries < 8; tries++) {
      const base = tries < 4 && rng.chance(0.6) ? `${team}-${rng.pick(APP_WORDS)}` : rng.pick(APP_WORDS);
      if (!appNames.has(base)) {
        appNames.add(base);
        return base;
      }
    }
    let i = 2;
    let candidate = `${team}-${rng.pick(APP_WORDS)}-${i}`;
    while (appNames.has(candidate)) candidate = `${team}-${rng.pick(APP_WORDS)}-${++i}`;
    appNames.add(candidate);
    return candidate;
  };
  // Anchors that the demo story and bench queries rely on.
  if (team === "payments" && env === "prod" && remaining >= 3) {
    apps.push({ name: "ledger-db", kind: "StatefulSet", pods: 3, sa: "ledger-db", crownJewel: { name: "Payments ledger database", tier: "tier-0" } });
    appNames.add("ledger-db");
    remaining -= 3;
  }
  while (remaining > 0) {
    const kind = rng.weighted([["Deployment", 78], ["StatefulSet", 7], ["CronJob", 8], ["Job", 4], ["Pod", 3]] as const);
    let pods: number;
    switch (kind) {
      case "Deployment":
        pods = rng.pick(REPLICA_CHOICES);
        break;
      case "StatefulSet":
        pods = rng.pick([1, 2, 3, 3, 5]);
        break;
      case "CronJob":
        pods = rng.range(1, 3);
        break;
      default:
        pods = 1;
    }
    pods = Math.min(pods, remaining);
    remaining -= pods;
    const app: App = { name: nextAppName(), kind, pods, sa: "" };
    if (kind === "StatefulSet" && env === "prod" && rng.chance(0.04)) app.crownJewel = { name: `${team} ${app.name} datastore`, tier: rng.pick(["tier-0", "tier-1"]) };
    apps.push(app);
  }

  // ── service accounts ──
  const saNames: string[] = ["default"];
  const reservedExtras = Math.min(Math.max(0, quota.sas - 1), Math.max(1, Math.round(quota.sas * 0.15)));
  let ownSlots = quota.sas - 1 - reservedExtras;
  for (const app of apps) {
    if (app.crownJewel || (ownSlots > 0 && !rng.chance(0.12))) {
      if (ownSlots > 0) {
        app.sa = app.name;
        saNames.push(app.name);
        ownSlots--;
        continue;
      }
    }
    // Shares an existing service account (often `default`, as happens when a chart leaves it unset).
    app.sa = rng.chance(0.5) ? "default" : rng.pick(saNames);
  }
  const extraSAs: string[] = [];
  while (saNames.length < quota.sas) {
    let base = rng.pick(EXTRA_SA_NAMES);
    if (saNames.includes(base)) base = `${base}-${rng.suffix(4)}`;
    if (saNames.includes(base)) continue;
    saNames.push(base);
    extraSAs.push(base);
  }
  const cloudRoleBase = `${team}-${env}`;
  for (const name of saNames) {
    let annotations: Record<string, string> | undefined;
    const r = rng.float();
    if (name !== "default" && r < 0.14) annotations = { "eks.amazonaws.com/role-arn": `arn:aws:iam::${ACCOUNT_ID}:role/${cloudRoleBase}-${name}` };
    else if (name !== "default" && r < 0.17) annotations = { "iam.gke.io/gcp-service-account": `${name.slice(0, 20)}@${team.slice(0, 20)}-${env}.iam.gserviceaccount.com` };
    else if (name !== "default" && r < 0.19) annotations = { "azure.workload.identity/client-id": rng.uid() };
    g.serviceAccount(ns, name, annotations, { automount: rng.chance(0.1) ? false : undefined, legacyToken: rng.chance(0.06) });
  }

  // ── secrets ──
  const appSecret = new Map<string, string>();
  if (rng.chance(0.5)) g.secret(ns, "regcred", "kubernetes.io/dockerconfigjson");
  for (const app of apps) {
    if (app.crownJewel) {
      appSecret.set(app.name, g.secret(ns, `${app.name}-credentials`, "Opaque", { [CROWN_JEWEL]: "true" }, { "palisade.io/crown-jewel-name": `${app.crownJewel.name} credentials`, "palisade.io/crown-jewel-tier": app.crownJewel.tier }));
      continue;
    }
    if (rng.chance(0.4)) appSecret.set(app.name, g.secret(ns, `${app.name}-credentials`, "Opaque"));
    if (rng.chance(0.12)) g.secret(ns, `${app.name}-tls`, "kubernetes.io/tls");
    if (rng.chance(0.25)) g.secret(ns, `sh.helm.release.v1.${app.name}.v${rng.range(1, 9)}`, "helm.sh/release.v1", { owner: "helm", name: app.name, status: "deployed" });
  }

  // ── workloads ──
  for (const app of apps) {
    const secret = appSecret.get(app.name);
    const hardened = rng.chance(0.6);
    const p: PodProfile = {
      serviceAccountName: app.sa,
      container: app.name.startsWith(`${team}-`) ? app.name.slice(team.length + 1) : app.name,
      image: image(team, app.name, g),
      port: app.kind === "CronJob" || app.kind === "Job" ? undefined : 8080,
      hardened,
    };
    if (secret) {
      if (rng.chance(0.7)) p.envSecret = secret;
      else p.volumeSecret = secret;
    }
    if (!hardened) {
      const r = rng.float();
      if (r < 0.008) p.privileged = true;
      else if (r < 0.014) p.hostPaths = [{ name: "host-logs", path: "/var/log", mountPath: "/host/var/log", readOnly: true }];
      else if (r < 0.017) p.hostPaths = [{ name: "docker-sock", path: "/var/run/docker.sock", mountPath: "/var/run/docker.sock" }];
      else if (r < 0.02) p.hostNetwork = true;
      else if (r < 0.03) p.addCapabilities = [rng.pick(["NET_ADMIN", "SYS_PTRACE", "SYS_ADMIN"])];
    }
    if (rng.chance(0.05)) p.automountServiceAccountToken = false;
    const appLabels: Record<string, string> = { "app.kubernetes.io/part-of": team, team };
    let annotations: Record<string, string> | undefined;
    if (app.crownJewel) {
      appLabels[CROWN_JEWEL] = "true";
      annotations = { "palisade.io/crown-jewel-name": app.crownJewel.name, "palisade.io/crown-jewel-tier": app.crownJewel.tier };
    }
    switch (app.kind) {
      case "Deployment":
        g.deployment(ns, app.name, app.pods, p, appLabels, annotations);
        break;
      case "StatefulSet":
        g.statefulSet(ns, app.name, app.pods, p, appLabels, annotations);
        break;
      case "CronJob":
        g.cronJob(ns, app.name, app.pods, p, appLabels);
        break;
      case "Job":
        g.job(ns, `${app.name}-migrate-${rng.suffix()}`, p, appLabels);
        break;
      case "Pod": {
        const podName = g.unique("pods", ns, `${app.name}-debug`);
        g.add("pods", {
          apiVersion: "v1",
          kind: "Pod",
          metadata: g.meta(podName, ns, appLabels),
          spec: g.podSpec(p, g.rng.pick(g.nodes).name, true),
          status: { phase: "Running", qosClass: "Burstable" },
        });
        break;
      }
    }
  }

  // ── roles ──
  const saWithApps = apps.filter((a) => a.sa !== "default" && a.sa === a.name);
  const roleSubjects: { role: string; sa: string }[] = [];
  for (let i = 0; i < quota.roles; i++) {
    const owner = saWithApps.length > 0 && rng.chance(0.8) ? rng.pick(saWithApps).sa : rng.pick(saNames);
    const kind = rng.weighted([
      ["config-reader", 24], ["leader-election", 18], ["secret-reader", 12], ["pod-debugger", 8], ["log-reader", 8],
      ["deployer", 10], ["job-runner", 8], ["crd-editor", 7], ["namespace-owner", 1.5], ["token-minter", 1], ["rbac-manager", 1.5], ["ephemeral-debug", 1],
    ] as const);
    let rules: PolicyRuleJson[];
    switch (kind) {
      case "config-reader":
        rules = [rng.chance(0.5) ? rule(["get", "watch"], [""], ["configmaps"], [`${owner}-config`]) : rule(RO, [""], ["configmaps"])];
        break;
      case "leader-election":
        rules = [rule(["get", "update"], ["coordination.k8s.io"], ["leases"], [`${owner}-leader`]), rule(["create"], ["coordination.k8s.io"], ["leases"]), rule(["create", "patch"], [""], ["events"])];
        break;
      case "secret-reader":
        rules = [rng.chance(0.6) ? rule(["get"], [""], ["secrets"], [`${owner}-credentials`]) : rule(["get", "list", "watch"], [""], ["secrets"])];
        break;
      case "pod-debugger":
        rules = [rule(["get", "list"], [""], ["pods"]), rule(["create"], [""], ["pods/exec", "pods/portforward"]), rule(["get"], [""], ["pods/log"])];
        break;
      case "log-reader":
        rules = [rule(["get", "list"], [""], ["pods"]), rule(["get"], [""], ["pods/log"])];
        break;
      case "deployer":
        rules = [rule(["get", "list", "create", "update", "patch"], ["apps"], ["deployments"]), rule(["get", "list", "create", "update", "patch", "delete"], [""], ["services", "configmaps"]), rule(["get", "list", "watch"], [""], ["pods"])];
        break;
      case "job-runner":
        rules = [rule(["create", "get", "list", "delete"], ["batch"], ["jobs"]), rule(["get", "list", "watch"], [""], ["pods", "pods/log"])];
        break;
      case "crd-editor":
        rules = [rule(RW, [`${team}.apps.${USER_DOMAIN}`], [rng.pick(CRD_KINDS), rng.pick(CRD_KINDS)])];
        break;
      case "namespace-owner":
        rules = [rule(["*"], ["*"], ["*"])];
        break;
      case "token-minter":
        rules = [rule(["create"], [""], ["serviceaccounts/token"]), rule(["get", "list"], [""], ["serviceaccounts"])];
        break;
      case "rbac-manager":
        rules = [rule(["get", "list", "create", "update", "patch"], ["rbac.authorization.k8s.io"], ["rolebindings"]), rule(["bind"], ["rbac.authorization.k8s.io"], ["clusterroles"], ["edit", "view"])];
        break;
      case "ephemeral-debug":
        rules = [rule(["patch", "update"], [""], ["pods/ephemeralcontainers"]), rule(["get"], [""], ["pods"])];
        break;
    }
    const roleName = g.role(ns, `${owner}-${kind}`, rules);
    roleSubjects.push({ role: roleName, sa: owner });
  }

  // ── role bindings ──
  let rbLeft = quota.rolebindings;
  const bind = (name: string, kind: "Role" | "ClusterRole", role: string, subjects: SubjectJson[]) => {
    if (rbLeft <= 0) return;
    g.roleBinding(ns, name, kind, role, subjects);
    rbLeft--;
  };
  bind(`${team}-admins`, "ClusterRole", "admin", [group(`oidc:${team}-admins`)]);
  bind(`${team}-developers`, "ClusterRole", env === "prod" ? "view" : "edit", [group(`oidc:${team}-devs`)]);
  bind(`${team}-viewers`, "ClusterRole", "view", [group(`oidc:${team}-viewers`)]);
  bind("sre-view", "ClusterRole", "view", [group("oidc:sre")]);
  if (rng.chance(0.55)) bind("github-actions-deployer", "ClusterRole", "ci-deployer", [sa("ci", "github-actions-deployer")]);
  for (const { role, sa: owner } of roleSubjects) bind(role, "Role", role, [sa(ns, owner)]);
  const clusterRoleChoices = ["view", "edit", "pod-debugger", "secret-reader", "platform-readonly", "namespace-lister", "monitoring-view", "cert-manager-edit", "ci-deployer", "node-reader", "metrics-scraper", "namespace-lister"];
  while (rbLeft > 0) {
    const kind = rng.weighted([
      ["user-edit", 15], ["user-view", 12], ["sa-clusterrole", 30], ["cross-team-view", 10], ["user-debug", 6],
      ["sa-role", roleSubjects.length > 0 ? 20 : 0], ["missing-role", 1], ["missing-sa", 1.2], ["missing-clusterrole", 0.6], ["sa-admin", 1],
    ] as const);
    switch (kind) {
      case "user-edit":
      case "user-view":
      case "user-debug": {
        const u = rng.pick(g.users);
        const role = kind === "user-edit" ? (env === "prod" ? "view" : "edit") : kind === "user-view" ? "view" : "pod-debugger";
        bind(`${u.split("@")[0]}-${role}`, "ClusterRole", role, [user(u)]);
        break;
      }
      case "sa-clusterrole": {
        const s = rng.pick(saNames);
        const role = rng.pick(clusterRoleChoices);
        bind(`${s}-${role}`, "ClusterRole", role, [sa(ns, s)]);
        break;
      }
      case "sa-admin": {
        const s = rng.pick(saNames);
        bind(`${s}-admin`, "ClusterRole", "admin", [sa(ns, s)]);
        break;
      }
      case "cross-team-view": {
        const gname = rng.pick(teamGroups);
        bind(`${gname.replace(/^oidc:/, "")}-view`, "ClusterRole", "view", [group(gname)]);
        break;
      }
      case "sa-role": {
        const { role } = rng.pick(roleSubjects);
        const s = rng.pick(saNames);
        bind(`${role}-${s}`, "Role", role, [sa(ns, s)]);
        break;
      }
      case "missing-role":
        // A binding left behind after its Role was deleted: recreating the Role re-activates it.
        bind(`legacy-${rng.pick(APP_WORDS)}-deployer`, "Role", `legacy-${rng.pick(APP_WORDS)}-deployer`, [sa(ns, rng.pick(saNames))]);
        break;
      case "missing-clusterrole":
        bind(`${team}-old-operator`, "ClusterRole", `${team}-operator-v1`, [sa(ns, rng.pick(saNames))]);
        break;
      case "missing-sa": {
        // A binding to a service account that no longer exists (or a typo of one that does).
        let ghost = `old-${rng.pick(APP_WORDS)}`;
        while (g.existingSAs.has(`${ns}/${ghost}`)) ghost = `${ghost}-x`;
        bind(`${ghost}-edit`, "ClusterRole", "edit", [sa(ns, ghost)]);
        break;
      }
    }
  }

  // ── network policies: some teams isolate their namespaces, many don't ──
  if (rng.chance(env === "prod" ? 0.6 : 0.3)) {
    const np = (name: string, podSelector: Record<string, unknown>, policyTypes: string[], extra: Record<string, unknown> = {}) => {
      const n = g.unique("networkpolicies", ns, name);
      g.add("networkpolicies", { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: g.meta(n, ns), spec: { podSelector, policyTypes, ...extra } });
    };
    np("default-deny-all", {}, ["Ingress", "Egress"]);
    np("allow-dns", {}, ["Egress"], { egress: [{ to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }], ports: [{ port: 53, protocol: "UDP" }] }] });
    for (const app of apps.slice(0, rng.range(0, 3))) {
      np(`allow-${app.name}-ingress`, { matchLabels: { "app.kubernetes.io/name": app.name } }, ["Ingress"], { ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }] }] });
    }
  }
  return { extraSAs };
}

/** ClusterRoles and ClusterRoleBindings that teams add on top of the platform (CRD roles, readers, aggregation). */
function makeTeamClusterRBAC(g: Generator, teams: string[], teamNs: TeamNamespace[], crQuota: number, crbQuota: number): void {
  const rng = g.rng;
  const made: string[] = [];
  const aggregators: string[] = [];
  // ClusterRoles.
  for (let i = 0, t = 0; i < crQuota; t++) {
    const team = teams[t % teams.length] as string;
    // About one ClusterRole in eight aggregates into edit/view — operators typically ship one -edit and one -view role
    // for all their CRDs — so view ends up with ~130 rules and edit with ~280 in the large cluster.
    const kind = rng.weighted([["crd-edit", 7], ["crd-view", 6], ["cluster-reader", 20], ["aggregate", 5], ["aggregate-member", 14], ["metrics", 10], ["operator", 30], ["wildcard-operator", 0.6], ["impersonator", 0.5], ["webhook-manager", 0.8], ["node-debug", 1]] as const);
    const crdGroup = `${team}.apps.${USER_DOMAIN}`;
    const crd = rng.pick(CRD_KINDS);
    let name: string;
    switch (kind) {
      case "crd-edit":
        name = g.clusterRole(`${team}-${crd}-edit`, [rule(RW, [crdGroup], [crd, `${crd}/status`])], { "rbac.authorization.k8s.io/aggregate-to-edit": "true", "rbac.authorization.k8s.io/aggregate-to-admin": "true" });
        break;
      case "crd-view":
        name = g.clusterRole(`${team}-${crd}-view`, [rule(RO, [crdGroup], [crd])], { "rbac.authorization.k8s.io/aggregate-to-view": "true" });
        break;
      case "cluster-reader":
        name = g.clusterRole(`${team}-cluster-reader`, [rule(RO, [""], ["namespaces", "nodes", "persistentvolumes"]), rule(RO, [crdGroup], ["*"]), rule(RO, ["storage.k8s.io"], ["storageclasses"])]);
        break;
      case "aggregate":
        name = g.clusterRole(`${team}-aggregate`, [], { team }, [{ [`rbac.${USER_DOMAIN}/aggregate-to-${team}`]: "true" }]);
        aggregators.push(team);
        break;
      case "aggregate-member": {
        const target = aggregators.length > 0 ? rng.pick(aggregators) : team;
        name = g.clusterRole(`${target}-aggregate-${crd}`, [rule(rng.chance(0.3) ? RW : RO, [crdGroup], [crd])], { [`rbac.${USER_DOMAIN}/aggregate-to-${target}`]: "true" });
        break;
      }
      case "metrics":
        name = g.clusterRole(`${team}-metrics-reader`, [nonResource(["get"], ["/metrics", `/apis/${crdGroup}/*`]), rule(["get"], ["metrics.k8s.io"], ["pods", "nodes"])]);
        break;
      case "operator":
        name = g.clusterRole(`${team}-${crd}-operator`, [rule(RW, [crdGroup], [crd, `${crd}/status`, `${crd}/finalizers`]), rule(["get", "list", "watch", "create", "update", "patch", "delete"], ["apps"], ["deployments", "statefulsets"]), rule(["get", "list", "watch", "create", "update"], [""], ["services", "configmaps", "secrets"]), rule(["create", "patch"], [""], ["events"])]);
        break;
      case "wildcard-operator":
        name = g.clusterRole(`${team}-${crd}-operator-manager`, [rule(["*"], ["*"], ["*"])], { "app.kubernetes.io/managed-by": "Helm" });
        break;
      case "impersonator":
        name = g.clusterRole(`${team}-impersonator`, [rule(["impersonate"], [""], ["serviceaccounts"]), rule(["impersonate"], [""], ["users"], [`${team}-bot`])]);
        break;
      case "webhook-manager":
        name = g.clusterRole(`${team}-webhook-manager`, [rule(["get", "list", "create", "update", "patch"], ["admissionregistration.k8s.io"], ["mutatingwebhookconfigurations"])]);
        break;
      case "node-debug":
        name = g.clusterRole(`${team}-node-debugger`, [rule(["get"], [""], ["nodes/proxy", "nodes/log"]), rule(["get", "list"], [""], ["nodes"])]);
        break;
    }
    made.push(name);
    i++;
  }

  // ClusterRoleBindings.
  const nsByTeam = new Map<string, TeamNamespace[]>();
  for (const t of teamNs) {
    const list = nsByTeam.get(t.team) ?? [];
    list.push(t);
    nsByTeam.set(t.team, list);
  }
  const teamSA = (team: string): SubjectJson => {
    const nsList = nsByTeam.get(team) ?? [];
    const candidates = nsList.length > 0 ? nsList : teamNs;
    const t = rng.pick(candidates);
    return sa(t.name, rng.pick(g.namespaceSAs.get(t.name) ?? ["default"]));
  };
  for (let i = 0, t = 0; i < crbQuota; t++, i++) {
    const team = teams[t % teams.length] as string;
    const role = made.length > 0 ? rng.pick(made) : "view";
    const kind = rng.weighted([["group-role", 34], ["sa-role", 34], ["user-view", 14], ["group-view", 8], ["missing-role", 1], ["missing-sa", 1], ["user-admin", 0.3], ["sa-admin", 0.3], ["node-reader", 4], ["metrics", 3]] as const);
    switch (kind) {
      case "group-role":
        g.clusterRoleBinding(`${team}-devs-${role}`, role, [group(`oidc:${team}-devs`)]);
        break;
      case "sa-role": {
        const s = teamSA(team);
        g.clusterRoleBinding(`${s.namespace}-${s.name}-${role}`, role, [s]);
        break;
      }
      case "user-view": {
        const u = rng.pick(g.users);
        g.clusterRoleBinding(`${u.split("@")[0]}-cluster-view`, "view", [user(u)]);
        break;
      }
      case "group-view":
        g.clusterRoleBinding(`${team}-leads-view`, "view", [group(`oidc:${team}-leads`)]);
        break;
      case "missing-role":
        g.clusterRoleBinding(`${team}-legacy-admin`, `${team}-legacy-admin`, [group(`oidc:${team}-admins`)]);
        break;
      case "missing-sa": {
        const t2 = rng.pick(nsByTeam.get(team) ?? teamNs);
        g.clusterRoleBinding(`${t2.name}-retired-controller`, role, [sa(t2.name, `retired-${rng.pick(APP_WORDS)}-controller`)]);
        break;
      }
      case "user-admin": {
        const u = rng.pick(g.users);
        g.clusterRoleBinding(`${u.split("@")[0]}-cluster-admin`, "cluster-admin", [user(u)]);
        break;
      }
      case "sa-admin": {
        const s = teamSA(team);
        g.clusterRoleBinding(`${s.namespace}-${s.name}-cluster-admin`, "cluster-admin", [s]);
        break;
      }
      case "node-reader": {
        const s = teamSA(team);
        g.clusterRoleBinding(`${s.namespace}-${s.name}-node-reader`, "node-reader", [s]);
        break;
      }
      case "metrics": {
        const s = teamSA(team);
        g.clusterRoleBinding(`${s.namespace}-${s.name}-metrics`, "metrics-scraper", [s]);
        break;
      }
    }
  }
}

/**
 * Generates a whole cluster as plain Kubernetes JSON objects, by resource. Deterministic for (size, seed).
 * Totals listed in SIZE_SPECS[size] are exact; the Kubernetes bootstrap policy is included in every size.
 */
export function generateCluster(size: ClusterSize, seed: number): RawObjects {
  if (!(size in SIZE_SPECS)) throw new Error(`unknown cluster size "${String(size)}" (expected large, medium or small)`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const g = new Generator(size, seed);
  const spec = g.spec;
  const bootstrap = loadBootstrapPolicy();

  makeNodes(g);
  makePlatform(g);
  // Bootstrap RBAC objects keep their published content; only their names are registered.
  for (const obj of bootstrap) {
    const key = (
      {
        ClusterRole: "clusterroles",
        ClusterRoleBinding: "clusterrolebindings",
        Role: "roles",
        RoleBinding: "rolebindings",
      } as Record<string, ResourceKey>
    )[obj.kind];
    if (!key) throw new Error(`unexpected bootstrap kind ${obj.kind}`);
    const name = obj.metadata.name;
    if (g.taken(key, obj.metadata.namespace ?? "", name)) throw new Error(`bootstrap ${obj.kind} ${name} collides with a generated object`);
    g.unique(key, obj.metadata.namespace ?? "", name);
    g.add(key, obj);
    if (key === "clusterroles") g.existingClusterRoles.add(name);
    if (key === "roles") g.existingRoles.add(`${obj.metadata.namespace}/${name}`);
  }
  makeBootstrapServiceAccounts(g, bootstrap);

  const count = (k: ResourceKey) => g.out[k].length;
  const teamNsCount = spec.namespaces - count("namespaces");
  if (teamNsCount < 5) throw new Error(`size ${size}: platform uses ${count("namespaces")} of ${spec.namespaces} namespaces`);
  const teamNs = makeTeams(g, teamNsCount);
  const teams = [...new Set(teamNs.map((t) => t.team))];
  const teamGroups = teams.flatMap((t) => [`oidc:${t}-devs`, `oidc:${t}-viewers`]);

  const budget = (k: ResourceKey, total: number, minEach: number, what: string): number[] => {
    const left = total - count(k);
    if (left < minEach * teamNs.length) throw new Error(`size ${size}: not enough ${what} left for teams (${left})`);
    return distribute(left, teamNs.map((t) => t.weight ** (k === "rolebindings" ? 0.5 : k === "roles" ? 0.7 : 1)), minEach);
  };
  const pods = budget("pods", spec.pods, 0, "pods");
  const sas = budget("serviceaccounts", spec.serviceaccounts, 2, "service accounts");
  const roles = budget("roles", spec.roles, 0, "roles");
  const rbs = budget("rolebindings", spec.rolebindings, 4, "role bindings");
  teamNs.forEach((t, i) => {
    makeTeamNamespace(g, t, { pods: pods[i] as number, sas: sas[i] as number, roles: roles[i] as number, rolebindings: rbs[i] as number }, teamGroups);
  });

  const crLeft = spec.clusterroles - count("clusterroles");
  const crbLeft = spec.clusterrolebindings - count("clusterrolebindings");
  if (crLeft < 0 || crbLeft < 0) throw new Error(`size ${size}: platform ClusterRoles/Bindings exceed the size's totals`);
  makeTeamClusterRBAC(g, teams, teamNs, crLeft, crbLeft);

  for (const [k, want] of Object.entries(spec) as [ResourceKey, number][]) {
    if (count(k) !== want) throw new Error(`internal: generated ${count(k)} ${k}, expected ${want}`);
  }
  return g.out;
}

// ───────────────────────────── output ─────────────────────────────

export interface WrittenFile {
  resource: ResourceKey;
  file: string;
  items: number;
  bytes: number;
}

export interface GeneratorMeta {
  generator: "palisade/generate-cluster";
  version: number;
  size: ClusterSize;
  seed: number;
  counts: Record<ResourceKey, number>;
  files: string[];
}

/** Where the description of a generated directory is kept: beside it, so nothing that reads the directory sees it. */
export function metaPath(outDir: string): string {
  return `${path.resolve(outDir).replace(/[/\\]+$/, "")}.meta.json`;
}

/** Reads `<outDir>.meta.json`, or undefined when absent or unreadable. */
export function readMeta(outDir: string): GeneratorMeta | undefined {
  try {
    return JSON.parse(readFileSync(metaPath(outDir), "utf8")) as GeneratorMeta;
  } catch {
    return undefined;
  }
}

/**
 * Writes one `v1/List` JSON file per resource (`<outDir>/<resource>.json`), shaped like `kubectl get -A -o json`,
 * then `<outDir>.meta.json`. Items are serialized in chunks so no single string grows past a few MB.
 * `indent` 4 reproduces kubectl's layout; the default 0 writes compact JSON (about 2.5x smaller).
 */
export function writeCluster(objects: RawObjects, outDir: string, opts: { size: ClusterSize; seed: number; indent?: number }): WrittenFile[] {
  const indent = opts.indent ?? 0;
  mkdirSync(outDir, { recursive: true });
  const written: WrittenFile[] = [];
  for (const key of RESOURCE_KEYS) {
    const items = objects[key];
    const file = path.join(outDir, `${key}.json`);
    const fd = openSync(file, "w");
    let bytes = 0;
    const put = (s: string) => {
      bytes += writeSync(fd, s);
    };
    try {
      if (indent > 0) {
        const pad = " ".repeat(indent);
        put(`{\n${pad}"apiVersion": "v1",\n${pad}"items": [`);
        let chunk: string[] = [];
        items.forEach((item, i) => {
          chunk.push((i === 0 ? "\n" : ",\n") + pad + pad + JSON.stringify(item, null, indent).replace(/\n/g, `\n${pad}${pad}`));
          if (chunk.length === 500) {
            put(chunk.join(""));
            chunk = [];
          }
        });
        put(chunk.join(""));
        put(`${items.length > 0 ? `\n${pad}` : ""}],\n${pad}"kind": "List",\n${pad}"metadata": {\n${pad}${pad}"resourceVersion": ""\n${pad}}\n}\n`);
      } else {
        put('{"apiVersion":"v1","items":[');
        for (let i = 0; i < items.length; i += 1000) {
          const part = items.slice(i, i + 1000).map((o) => JSON.stringify(o)).join(",");
          put(i === 0 ? part : `,${part}`);
        }
        put('],"kind":"List","metadata":{"resourceVersion":""}}\n');
      }
    } finally {
      closeSync(fd);
    }
    written.push({ resource: key, file, items: items.length, bytes });
  }
  const meta: GeneratorMeta = {
    generator: "palisade/generate-cluster",
    version: GENERATOR_VERSION,
    size: opts.size,
    seed: opts.seed,
    counts: Object.fromEntries(RESOURCE_KEYS.map((k) => [k, objects[k].length])) as Record<ResourceKey, number>,
    files: written.map((w) => path.basename(w.file)),
  };
  writeFileSync(metaPath(outDir), `${JSON.stringify(meta, null, 2)}\n`);
  return written;
}

/** True when `outDir` already holds the output of this generator version for (size, seed). */
export function isGenerated(outDir: string, size: ClusterSize, seed: number): boolean {
  const meta = readMeta(outDir);
  if (!meta || meta.version !== GENERATOR_VERSION || meta.size !== size || meta.seed !== seed) return false;
  try {
    const present = new Set(readdirSync(outDir));
    return meta.files.every((f) => present.has(f));
  } catch {
    return false;
  }
}

// ───────────────────────────── CLI ─────────────────────────────

function parseSize(value: string): ClusterSize {
  if (!(CLUSTER_SIZES as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${CLUSTER_SIZES.join(", ")}`);
  return value as ClusterSize;
}
function parseSeed(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError("expected an integer");
  return Number(value);
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name("generate-cluster")
    .description("Write a seeded synthetic Kubernetes cluster as kubectl-style v1/List JSON files, one per resource.")
    .option("--size <size>", "large | medium | small", parseSize, "large" as ClusterSize)
    .option("--seed <n>", "PRNG seed (integer)", parseSeed, 42)
    .option("--out <dir>", "output directory (default bench-out/<size>)")
    .option("--pretty", "indent like kubectl (4 spaces; ~2.5x larger files)", false)
    .option("--force", "regenerate even if the directory already holds this size and seed", false)
    .exitOverride();
  try {
    program.parse(argv, { from: "user" });
  } catch (err) {
    const code = (err as { exitCode?: number }).exitCode;
    return typeof code === "number" ? code : 2;
  }
  const opts = program.opts<{ size: ClusterSize; seed: number; out?: string; pretty: boolean; force: boolean }>();
  const outDir = opts.out ?? path.join("bench-out", opts.size);
  if (!opts.force && !opts.pretty && isGenerated(outDir, opts.size, opts.seed)) {
    console.log(`${outDir}: already holds size=${opts.size} seed=${opts.seed} (generator v${GENERATOR_VERSION}); use --force to rewrite`);
    return 0;
  }
  const t0 = performance.now();
  const objects = generateCluster(opts.size, opts.seed);
  const t1 = performance.now();
  const written = writeCluster(objects, outDir, { size: opts.size, seed: opts.seed, indent: opts.pretty ? 4 : 0 });
  const t2 = performance.now();
  const total = written.reduce((a, w) => a + w.items, 0);
  const bytes = written.reduce((a, w) => a + w.bytes, 0);
  console.log(`generated ${total.toLocaleString("en-US")} objects (size=${opts.size}, seed=${opts.seed}) in ${Math.round(t1 - t0)} ms; wrote ${(bytes / 1048576).toFixed(1)} MiB to ${outDir} in ${Math.round(t2 - t1)} ms`);
  for (const w of written) console.log(`  ${w.resource.padEnd(32)} ${String(w.items).padStart(8)}  ${(w.bytes / 1048576).toFixed(1).padStart(7)} MiB`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`generate-cluster: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
