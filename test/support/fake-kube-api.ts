/**
 * A real HTTP server on 127.0.0.1 that speaks enough of the Kubernetes API list protocol to exercise the live
 * collector through @kubernetes/client-node: discovery, cluster-wide and per-namespace lists with `limit`/`continue`,
 * `metadata.remainingItemCount` and `resourceVersion`, single-object GETs, metadata-only
 * `PartialObjectMetadataList` answers when the Accept header asks for them, bearer-token auth, and fault switches
 * (401, 403 per resource, 410 on continue, 429 with Retry-After, 5xx, latency, dropped connections).
 *
 * It follows the real API server where that is observable by a client:
 * - list items of built-in types carry no `kind`/`apiVersion` (only the List does);
 * - an expired continue token answers 410 with `reason: "Expired"` and a fresh continue token in the Status;
 * - a PartialObjectMetadataList's items are `meta.k8s.io/v1 PartialObjectMetadata` holding only `metadata`;
 * - errors are `v1 Status` objects.
 *
 * Built for speed: objects are sorted and grouped once per resource (on load), each page is one `JSON.stringify` of a
 * slice, so 200k objects in 500-item pages are served in well under a second of server CPU per 100k.
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseAllDocuments, stringify as yamlStringify } from "yaml";

export type RawObject = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: Record<string, unknown>;
};

/** One API resource the fake serves (what discovery lists and what the list/get routes answer for). */
export interface FakeResource {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}

/** The resources served: everything the Palisade collector reads, plus configmaps (for kube-system/aws-auth). */
export const FAKE_RESOURCES: readonly FakeResource[] = [
  { group: "", version: "v1", resource: "namespaces", kind: "Namespace", namespaced: false },
  { group: "", version: "v1", resource: "nodes", kind: "Node", namespaced: false },
  { group: "", version: "v1", resource: "serviceaccounts", kind: "ServiceAccount", namespaced: true },
  { group: "", version: "v1", resource: "secrets", kind: "Secret", namespaced: true },
  { group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", namespaced: true },
  { group: "", version: "v1", resource: "pods", kind: "Pod", namespaced: true },
  { group: "", version: "v1", resource: "replicationcontrollers", kind: "ReplicationController", namespaced: true },
  { group: "rbac.authorization.k8s.io", version: "v1", resource: "roles", kind: "Role", namespaced: true },
  { group: "rbac.authorization.k8s.io", version: "v1", resource: "rolebindings", kind: "RoleBinding", namespaced: true },
  { group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterroles", kind: "ClusterRole", namespaced: false },
  {
    group: "rbac.authorization.k8s.io",
    version: "v1",
    resource: "clusterrolebindings",
    kind: "ClusterRoleBinding",
    namespaced: false,
  },
  { group: "apps", version: "v1", resource: "deployments", kind: "Deployment", namespaced: true },
  { group: "apps", version: "v1", resource: "replicasets", kind: "ReplicaSet", namespaced: true },
  { group: "apps", version: "v1", resource: "statefulsets", kind: "StatefulSet", namespaced: true },
  { group: "apps", version: "v1", resource: "daemonsets", kind: "DaemonSet", namespaced: true },
  { group: "batch", version: "v1", resource: "jobs", kind: "Job", namespaced: true },
  { group: "batch", version: "v1", resource: "cronjobs", kind: "CronJob", namespaced: true },
  { group: "networking.k8s.io", version: "v1", resource: "networkpolicies", kind: "NetworkPolicy", namespaced: true },
  {
    group: "admissionregistration.k8s.io",
    version: "v1",
    resource: "validatingwebhookconfigurations",
    kind: "ValidatingWebhookConfiguration",
    namespaced: false,
  },
  {
    group: "admissionregistration.k8s.io",
    version: "v1",
    resource: "mutatingwebhookconfigurations",
    kind: "MutatingWebhookConfiguration",
    namespaced: false,
  },
];

const PARTIAL_LIST_ACCEPT = /(^|[,;\s])as=PartialObjectMetadataList/;

/** Fault switches. Counters (`times`) are decremented as faults fire; set them again with `setFaults`. */
export interface FakeFaults {
  /** Answer 401 to every request. */
  unauthorized?: boolean;
  /**
   * Answer 403 on these lists/gets. `namespace` omitted: everywhere (cluster-wide and every namespace);
   * `""`: only the cluster-wide list; a name: only that namespace.
   */
  forbidden?: { resource: string; namespace?: string }[];
  /** Answer 410 Expired to the next `times` requests that carry a continue token (optionally for one resource). */
  goneOnContinue?: { resource?: string; times: number };
  /** Answer 429 with `Retry-After: retryAfterSeconds` (default 1) to the next `times` list requests. */
  tooManyRequests?: { resource?: string; times: number; retryAfterSeconds?: number };
  /** Answer `status` (default 503) to the next `times` list requests. */
  serverError?: { resource?: string; times: number; status?: number };
  /** Milliseconds to wait before answering each request. */
  latencyMs?: number;
  /**
   * Destroy the socket on the next `times` list requests: before any response, right after the status line and
   * headers, or halfway through the body. `onlyContinue`: only requests that carry a continue token (mid-list).
   */
  dropConnection?: {
    resource?: string;
    times: number;
    when: "before-headers" | "after-headers" | "mid-body";
    onlyContinue?: boolean;
  };
  /** Ignore the metadata-only Accept header and send full Secrets (data included), like a misbehaving proxy. */
  fullSecrets?: boolean;
}

/** A request as the server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  accept?: string;
  authorization?: string;
  status: number;
  /** `resource` (plural) for list/get routes. */
  resource?: string;
  namespace?: string;
}

export interface FakeContext {
  name: string;
  /** Defaults to the fake's own URL. */
  server?: string;
  /** Defaults to the fake's token. */
  token?: string;
}

export interface FakeKubeApiOptions {
  /** Raw objects (with apiVersion and kind). Objects of kinds not in {@link FAKE_RESOURCES} are ignored. */
  objects?: RawObject[];
  /** YAML/JSON manifest files to load (multi-document, `kind: List` expanded). */
  manifestFiles?: string[];
  /** Bearer token the server accepts. Default `fake-token`. */
  token?: string;
  /** Name of the kubeconfig context (and cluster/user) written for this server. Default `fake`. */
  contextName?: string;
  /** Extra contexts written into the kubeconfig (after the main one). */
  extraContexts?: FakeContext[];
  faults?: FakeFaults;
}

export interface FakeKubeApi {
  url: string;
  kubeconfigPath: string;
  token: string;
  /** Every request seen so far, in order (mutable array; clear it with `requests.length = 0`). */
  requests: SeenRequest[];
  /** Replaces the fault switches (pass `{}` to clear them). */
  setFaults(faults: FakeFaults): void;
  /** Replaces the served objects. */
  setObjects(objects: RawObject[]): void;
  /** Number of objects served per resource plural. */
  counts(): Record<string, number>;
  /** Most requests in flight at the same time so far. */
  peakConcurrency(): number;
  close(): Promise<void>;
}

interface ResourceStore {
  def: FakeResource;
  /** Sorted by namespace then name. Items without kind/apiVersion, as the API server sends them in lists. */
  all: RawObject[];
  byNamespace: Map<string, RawObject[]>;
  byKey: Map<string, RawObject>;
  /** Lazily computed PartialObjectMetadata items, parallel to `all` / `byNamespace`. */
  partialAll?: RawObject[];
  partialByNamespace?: Map<string, RawObject[]>;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function groupVersionOf(def: FakeResource): string {
  return def.group === "" ? def.version : `${def.group}/${def.version}`;
}

/** Reads manifest files (YAML or JSON, multi-document, `List` kinds expanded) into raw objects. */
export function loadManifestFiles(files: string[]): RawObject[] {
  const out: RawObject[] = [];
  const push = (v: unknown): void => {
    if (!isObj(v)) return;
    if (typeof v.kind === "string" && v.kind.endsWith("List") && Array.isArray(v.items)) {
      for (const item of v.items) push(item);
      return;
    }
    out.push(v as RawObject);
  };
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) continue;
      push(doc.toJS());
    }
  }
  return out;
}

function buildStores(objects: RawObject[], resourceVersion: string): Map<string, ResourceStore> {
  const byKind = new Map<string, FakeResource>();
  for (const def of FAKE_RESOURCES) byKind.set(`${groupVersionOf(def)}/${def.kind}`, def);
  const stores = new Map<string, ResourceStore>();
  for (const def of FAKE_RESOURCES) {
    stores.set(def.resource, { def, all: [], byNamespace: new Map(), byKey: new Map() });
  }
  let uid = 0;
  for (const raw of objects) {
    if (!isObj(raw) || typeof raw.kind !== "string" || typeof raw.apiVersion !== "string") continue;
    const def = byKind.get(`${raw.apiVersion}/${raw.kind}`);
    if (!def) continue;
    const store = stores.get(def.resource)!;
    const { kind: _k, apiVersion: _a, ...rest } = raw;
    void _k;
    void _a;
    const meta: Record<string, unknown> = isObj(rest.metadata) ? { ...rest.metadata } : {};
    if (typeof meta.name !== "string") continue;
    if (def.namespaced) {
      if (typeof meta.namespace !== "string" || meta.namespace === "") meta.namespace = "default";
    } else {
      delete meta.namespace;
    }
    uid++;
    meta.uid ??= `00000000-0000-4000-8000-${uid.toString(16).padStart(12, "0")}`;
    meta.resourceVersion ??= resourceVersion;
    meta.creationTimestamp ??= "2024-01-01T00:00:00Z";
    const obj: RawObject = { ...rest, metadata: meta };
    const key = def.namespaced ? `${meta.namespace as string}/${meta.name}` : meta.name;
    if (!store.byKey.has(key)) store.all.push(obj);
    else store.all[store.all.indexOf(store.byKey.get(key)!)] = obj;
    store.byKey.set(key, obj);
  }
  for (const store of stores.values()) {
    const keyed = store.all.map((o) => {
      const m = o.metadata as Record<string, string>;
      return [store.def.namespaced ? `${m.namespace}\u0000${m.name}` : m.name!, o] as const;
    });
    keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    store.all = keyed.map((k) => k[1]);
    if (store.def.namespaced) {
      for (const o of store.all) {
        const ns = (o.metadata as Record<string, string>).namespace!;
        let list = store.byNamespace.get(ns);
        if (!list) store.byNamespace.set(ns, (list = []));
        list.push(o);
      }
    }
  }
  return stores;
}

function toPartial(o: RawObject): RawObject {
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata };
}

function status(code: number, reason: string, message: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    kind: "Status",
    apiVersion: "v1",
    metadata: extra.metadata ?? {},
    status: "Failure",
    message,
    reason,
    code,
    ...(extra.details ? { details: extra.details } : {}),
  });
}

function encodeContinue(rv: string, offset: number): string {
  return Buffer.from(JSON.stringify({ rv, o: offset })).toString("base64url");
}

function decodeContinue(token: string): { rv: string; o: number } | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (isObj(v) && typeof v.rv === "string" && typeof v.o === "number" && Number.isInteger(v.o) && v.o >= 0) {
      return { rv: v.rv, o: v.o };
    }
  } catch {
    // fall through
  }
  return undefined;
}

/** Writes a kubeconfig with one context per entry; plain-HTTP servers need insecure-skip-tls-verify (toolchain §7). */
export function writeKubeconfig(file: string, contexts: { name: string; server: string; token: string }[], current?: string): void {
  const doc = {
    apiVersion: "v1",
    kind: "Config",
    "current-context": current ?? contexts[0]?.name ?? "",
    clusters: contexts.map((c) => ({
      name: c.name,
      cluster: { server: c.server, "insecure-skip-tls-verify": true },
    })),
    users: contexts.map((c) => ({ name: `${c.name}-user`, user: { token: c.token } })),
    contexts: contexts.map((c) => ({ name: c.name, context: { cluster: c.name, user: `${c.name}-user` } })),
  };
  writeFileSync(file, yamlStringify(doc));
}

/** Starts the fake API server on 127.0.0.1 (ephemeral port) and writes a kubeconfig for it into a temp dir. */
export async function startFakeKubeApi(opts: FakeKubeApiOptions = {}): Promise<FakeKubeApi> {
  const token = opts.token ?? "fake-token";
  let faults: FakeFaults = structuredClone(opts.faults ?? {});
  let rvCounter = 1000;
  let resourceVersion = String(rvCounter);
  let stores = buildStores([...(opts.objects ?? []), ...loadManifestFiles(opts.manifestFiles ?? [])], resourceVersion);
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();

  const byGroupVersion = new Map<string, FakeResource[]>();
  for (const def of FAKE_RESOURCES) {
    const gv = groupVersionOf(def);
    if (!byGroupVersion.has(gv)) byGroupVersion.set(gv, []);
    byGroupVersion.get(gv)!.push(def);
  }

  const discoveryResources = (gv: string): string =>
    JSON.stringify({
      kind: "APIResourceList",
      apiVersion: "v1",
      groupVersion: gv,
      resources: (byGroupVersion.get(gv) ?? []).map((d) => ({
        name: d.resource,
        singularName: d.kind.toLowerCase(),
        namespaced: d.namespaced,
        kind: d.kind,
        verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
      })),
    });
  const groups = [...new Set(FAKE_RESOURCES.filter((d) => d.group !== "").map((d) => d.group))].map((g) => {
    const versions = [...new Set(FAKE_RESOURCES.filter((d) => d.group === g).map((d) => d.version))].map((v) => ({
      groupVersion: `${g}/${v}`,
      version: v,
    }));
    return { name: g, versions, preferredVersion: versions[0] };
  });

  /** Consumes one firing of a counted fault when it applies to this resource. */
  const fire = <T extends { resource?: string; times: number }>(f: T | undefined, resource: string | undefined): T | undefined => {
    if (!f || f.times <= 0) return undefined;
    if (f.resource !== undefined && f.resource !== resource) return undefined;
    f.times--;
    return f;
  };

  const handle = (req: http.IncomingMessage, res: http.ServerResponse, seen: SeenRequest): void => {
    const send = (code: number, body: string, headers: Record<string, string> = {}): void => {
      seen.status = code;
      res.writeHead(code, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), ...headers });
      res.end(body);
    };
    if (faults.unauthorized || req.headers.authorization !== `Bearer ${token}`) {
      send(401, status(401, "Unauthorized", "Unauthorized"));
      return;
    }
    if (req.method !== "GET") {
      send(405, status(405, "MethodNotAllowed", `the server does not allow this method on the requested resource`));
      return;
    }
    const p = seen.path.replace(/\/+$/, "");
    if (p === "/version") {
      send(200, JSON.stringify({ major: "1", minor: "34", gitVersion: "v1.34.0-fake", platform: "linux/amd64" }));
      return;
    }
    if (p === "/api") {
      send(200, JSON.stringify({ kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [] }));
      return;
    }
    if (p === "/apis") {
      send(200, JSON.stringify({ kind: "APIGroupList", apiVersion: "v1", groups }));
      return;
    }
    const seg = p.split("/").filter(Boolean);
    // /api/v1/... or /apis/<group>/<version>/...
    let gv: string;
    let rest: string[];
    if (seg[0] === "api" && seg.length >= 2) {
      gv = seg[1]!;
      rest = seg.slice(2);
    } else if (seg[0] === "apis" && seg.length >= 2) {
      if (seg.length === 2) {
        const g = groups.find((x) => x.name === seg[1]);
        if (g) send(200, JSON.stringify({ kind: "APIGroup", apiVersion: "v1", ...g }));
        else send(404, status(404, "NotFound", "the server could not find the requested resource"));
        return;
      }
      gv = `${seg[1]}/${seg[2]}`;
      rest = seg.slice(3);
    } else {
      send(404, status(404, "NotFound", "the server could not find the requested resource"));
      return;
    }
    if (!byGroupVersion.has(gv)) {
      send(404, status(404, "NotFound", "the server could not find the requested resource"));
      return;
    }
    if (rest.length === 0) {
      send(200, discoveryResources(gv));
      return;
    }
    // Route: <res> | <res>/<name> | namespaces/<ns>/<res> | namespaces/<ns>/<res>/<name>
    let namespace: string | undefined;
    let resource: string;
    let name: string | undefined;
    if (rest[0] === "namespaces" && rest.length >= 3) {
      namespace = rest[1];
      resource = rest[2]!;
      name = rest[3];
      if (rest.length > 4) {
        send(404, status(404, "NotFound", "the server could not find the requested resource"));
        return;
      }
    } else {
      resource = rest[0]!;
      name = rest[1];
      if (rest.length > 2) {
        send(404, status(404, "NotFound", "the server could not find the requested resource"));
        return;
      }
    }
    const store = stores.get(resource);
    if (!store || groupVersionOf(store.def) !== gv || (namespace !== undefined && !store.def.namespaced)) {
      send(404, status(404, "NotFound", "the server could not find the requested resource"));
      return;
    }
    seen.resource = resource;
    seen.namespace = namespace;
    const def = store.def;
    const gr = def.group === "" ? def.resource : `${def.resource}.${def.group}`;

    const forbidden = (faults.forbidden ?? []).some(
      (f) =>
        f.resource === resource &&
        (f.namespace === undefined || (f.namespace === "" ? namespace === undefined : f.namespace === namespace)),
    );
    if (forbidden) {
      const verb = name === undefined ? "list" : "get";
      const who = "system:serviceaccount:palisade:collector";
      const scope = namespace === undefined ? "at the cluster scope" : `in the namespace "${namespace}"`;
      const named = name === undefined ? "" : ` "${name}"`;
      send(
        403,
        status(403, "Forbidden", `${gr}${named} is forbidden: User "${who}" cannot ${verb} resource "${def.resource}" in API group "${def.group}" ${scope}`, {
          details: { kind: def.resource, group: def.group, ...(name ? { name } : {}) },
        }),
      );
      return;
    }

    if (name !== undefined) {
      const key = def.namespaced ? `${namespace}/${name}` : name;
      const obj = def.namespaced && namespace === undefined ? undefined : store.byKey.get(key);
      if (!obj) {
        send(404, status(404, "NotFound", `${gr} "${name}" not found`, { details: { name, group: def.group, kind: def.resource } }));
        return;
      }
      send(200, JSON.stringify({ kind: def.kind, apiVersion: groupVersionOf(def), ...obj }));
      return;
    }

    // List.
    const continueToken = seen.query.continue;
    const limitRaw = seen.query.limit;
    const limit = limitRaw !== undefined && /^\d+$/.test(limitRaw) ? Number(limitRaw) : 0;

    const tooMany = fire(faults.tooManyRequests, resource);
    if (tooMany) {
      const after = String(tooMany.retryAfterSeconds ?? 1);
      send(429, status(429, "TooManyRequests", "Too many requests, please try again later.", { details: { retryAfterSeconds: Number(after) } }), {
        "Retry-After": after,
      });
      return;
    }
    const serverError = fire(faults.serverError, resource);
    if (serverError) {
      const code = serverError.status ?? 503;
      send(code, status(code, code === 503 ? "ServiceUnavailable" : "InternalError", "the server is currently unable to handle the request"));
      return;
    }

    let offset = 0;
    if (continueToken !== undefined && continueToken !== "") {
      const decoded = decodeContinue(continueToken);
      if (!decoded) {
        send(400, status(400, "BadRequest", `continue key is not valid: illegal base64 data`));
        return;
      }
      if (fire(faults.goneOnContinue, resource)) {
        send(
          410,
          status(
            410,
            "Expired",
            "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.",
            { metadata: { continue: encodeContinue(resourceVersion, decoded.o) } },
          ),
        );
        return;
      }
      offset = decoded.o;
    }

    const partial =
      def.resource === "secrets" && !faults.fullSecrets && PARTIAL_LIST_ACCEPT.test(seen.accept ?? "");
    let items: RawObject[];
    if (partial) {
      store.partialAll ??= store.all.map(toPartial);
      if (namespace === undefined) items = store.partialAll;
      else {
        store.partialByNamespace ??= new Map(
          [...store.byNamespace].map(([ns, list]) => [ns, list.map(toPartial)] as const),
        );
        items = store.partialByNamespace.get(namespace) ?? [];
      }
    } else {
      items = namespace === undefined ? store.all : (store.byNamespace.get(namespace) ?? []);
    }
    const end = limit > 0 ? Math.min(items.length, offset + limit) : items.length;
    const listMeta: Record<string, unknown> = { resourceVersion };
    if (end < items.length) {
      listMeta.continue = encodeContinue(resourceVersion, end);
      listMeta.remainingItemCount = items.length - end;
    }
    const body = JSON.stringify({
      kind: partial ? "PartialObjectMetadataList" : `${def.kind}List`,
      apiVersion: partial ? "meta.k8s.io/v1" : groupVersionOf(def),
      metadata: listMeta,
      items: items.slice(offset, end),
    });

    const drop = fire(
      faults.dropConnection && (!faults.dropConnection.onlyContinue || continueToken) ? faults.dropConnection : undefined,
      resource,
    );
    if (drop) {
      seen.status = 0;
      const sock = req.socket;
      if (drop.when === "before-headers") {
        sock.destroy();
        return;
      }
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
      if (drop.when === "after-headers") {
        res.flushHeaders();
        setTimeout(() => sock.destroy(), 5);
        return;
      }
      res.write(body.slice(0, Math.floor(body.length / 2)), () => setTimeout(() => sock.destroy(), 5));
      return;
    }
    send(200, body, partial ? { "Content-Type": "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1" } : {});
  };

  let inFlight = 0;
  let peak = 0;
  const server = http.createServer({ keepAlive: true }, (req, res) => {
    peak = Math.max(peak, ++inFlight);
    res.on("close", () => inFlight--);
    const url = new URL(req.url ?? "/", "http://fake");
    const seen: SeenRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      accept: req.headers.accept,
      authorization: req.headers.authorization,
      status: 0,
    };
    requests.push(seen);
    const latency = faults.latencyMs ?? 0;
    if (latency > 0) setTimeout(() => handle(req, res, seen), latency);
    else handle(req, res, seen);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const dir = mkdtempSync(path.join(os.tmpdir(), "palisade-fake-kube-"));
  const kubeconfigPath = path.join(dir, "kubeconfig.yaml");
  const contextName = opts.contextName ?? "fake";
  writeKubeconfig(kubeconfigPath, [
    { name: contextName, server: url, token },
    ...(opts.extraContexts ?? []).map((c) => ({ name: c.name, server: c.server ?? url, token: c.token ?? token })),
  ]);

  return {
    url,
    kubeconfigPath,
    token,
    requests,
    setFaults(f) {
      faults = structuredClone(f);
    },
    setObjects(objects) {
      resourceVersion = String(++rvCounter);
      stores = buildStores(objects, resourceVersion);
    },
    peakConcurrency() {
      return peak;
    },
    counts() {
      return Object.fromEntries([...stores].map(([r, s]) => [r, s.all.length]));
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/** Sizes for {@link generateCluster}. */
export interface GeneratedClusterSpec {
  namespaces: number;
  podsPerNamespace?: number;
  serviceAccountsPerNamespace?: number;
  roleBindingsPerNamespace?: number;
  rolesPerNamespace?: number;
  secretsPerNamespace?: number;
  clusterRoles?: number;
  clusterRoleBindings?: number;
  nodes?: number;
}

/**
 * Generates a synthetic cluster of realistic-looking objects (pods with containers, volumes and a security context,
 * service accounts, roles, bindings, secrets with data). Deterministic: same spec, same objects.
 */
export function generateCluster(spec: GeneratedClusterSpec): RawObject[] {
  const out: RawObject[] = [];
  const ts = "2024-05-01T12:00:00Z";
  for (let n = 0; n < (spec.nodes ?? 0); n++) {
    out.push({
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: `node-${n}`, labels: { "kubernetes.io/hostname": `node-${n}` }, creationTimestamp: ts },
      spec: n === 0 ? { taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] } : {},
    });
  }
  for (let c = 0; c < (spec.clusterRoles ?? 0); c++) {
    out.push({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: `gen-clusterrole-${c}`, creationTimestamp: ts },
      rules: [{ apiGroups: [""], resources: ["pods", "configmaps"], verbs: ["get", "list", "watch"] }],
    });
  }
  for (let c = 0; c < (spec.clusterRoleBindings ?? 0); c++) {
    out.push({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: `gen-crb-${c}`, creationTimestamp: ts },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: `gen-clusterrole-${c % Math.max(1, spec.clusterRoles ?? 1)}` },
      subjects: [{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: `group-${c}` }],
    });
  }
  for (let i = 0; i < spec.namespaces; i++) {
    const ns = `ns-${String(i).padStart(4, "0")}`;
    out.push({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { team: `t${i % 7}` }, creationTimestamp: ts } });
    const sas = spec.serviceAccountsPerNamespace ?? 0;
    for (let s = 0; s < sas; s++) {
      out.push({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: `sa-${s}`, namespace: ns, creationTimestamp: ts } });
    }
    for (let r = 0; r < (spec.rolesPerNamespace ?? 0); r++) {
      out.push({
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "Role",
        metadata: { name: `role-${r}`, namespace: ns, creationTimestamp: ts },
        rules: [
          { apiGroups: [""], resources: ["secrets"], verbs: ["get"], resourceNames: [`secret-${r}`] },
          { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list", "patch"] },
        ],
      });
    }
    for (let b = 0; b < (spec.roleBindingsPerNamespace ?? 0); b++) {
      out.push({
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: { name: `rb-${b}`, namespace: ns, creationTimestamp: ts },
        roleRef:
          b % 2 === 0
            ? { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: b % 4 === 0 ? "view" : "edit" }
            : { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: `role-${b % Math.max(1, spec.rolesPerNamespace ?? 1)}` },
        subjects: [
          { kind: "ServiceAccount", name: `sa-${b % Math.max(1, sas)}`, namespace: ns },
          { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: `user-${b}@example.com` },
        ],
      });
    }
    for (let s = 0; s < (spec.secretsPerNamespace ?? 0); s++) {
      out.push({
        apiVersion: "v1",
        kind: "Secret",
        type: "Opaque",
        metadata: { name: `secret-${s}`, namespace: ns, creationTimestamp: ts, labels: { app: `app-${s}` } },
        data: { password: Buffer.from(`s3cr3t-${ns}-${s}`).toString("base64") },
      });
    }
    for (let p = 0; p < (spec.podsPerNamespace ?? 0); p++) {
      const privileged = p % 50 === 0;
      out.push({
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          name: `app-${p}-7d9f8c6b5-x${p.toString(36)}`,
          namespace: ns,
          creationTimestamp: ts,
          labels: { app: `app-${p % 10}`, "pod-template-hash": "7d9f8c6b5" },
          ownerReferences: [
            { apiVersion: "apps/v1", kind: "ReplicaSet", name: `app-${p % 10}-7d9f8c6b5`, uid: `rs-${i}-${p % 10}`, controller: true },
          ],
        },
        spec: {
          serviceAccountName: `sa-${p % Math.max(1, sas)}`,
          nodeName: `node-${p % Math.max(1, spec.nodes ?? 1)}`,
          hostNetwork: p % 97 === 0,
          containers: [
            {
              name: "app",
              image: `registry.example.com/app:${p % 10}`,
              ports: [{ containerPort: 8080, protocol: "TCP" }],
              env: [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: `secret-${p % 3}`, key: "password" } } }],
              resources: { requests: { cpu: "100m", memory: "128Mi" } },
              securityContext: privileged ? { privileged: true } : { allowPrivilegeEscalation: false, runAsNonRoot: true },
              volumeMounts: [{ name: "kube-api-access", mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", readOnly: true }],
            },
          ],
          volumes: [
            {
              name: "kube-api-access",
              projected: {
                sources: [
                  { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
                  { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
                ],
              },
            },
          ],
        },
        status: { phase: "Running", podIP: `10.0.${i % 256}.${p % 256}`, qosClass: "Burstable" },
      });
    }
  }
  return out;
}
