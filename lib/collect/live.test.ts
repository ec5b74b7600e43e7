/**
 * The live collector against a real HTTP server speaking the Kubernetes list protocol (test/support/fake-kube-api.ts),
 * through @kubernetes/client-node's transport: no mocks of the client.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import type { Inventory } from "@/lib/k8s/types";
import {
  loadManifestFiles,
  startFakeKubeApi,
  writeKubeconfig,
  type FakeKubeApi,
  type FakeKubeApiOptions,
  type RawObject,
} from "@/test/support/fake-kube-api";
import { CollectError, collectAllContexts, collectLive, listContexts, type CollectLiveOptions } from "./live";
import { LIVE_RESOURCES, METADATA_ONLY_ACCEPT } from "./live-resources";
import { InventoryBuilder } from "./normalize";
import type { ProgressEvent } from "./progress";

const FIXTURES = path.resolve(import.meta.dirname, "../../test/fixtures/real");
const FAST_RETRY: CollectLiveOptions["retry"] = { baseDelayMs: 5, maxDelayMs: 20 };

let fakes: FakeKubeApi[] = [];
async function fake(opts: FakeKubeApiOptions = {}): Promise<FakeKubeApi> {
  const f = await startFakeKubeApi(opts);
  fakes.push(f);
  return f;
}
afterEach(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  fakes = [];
});

function pods(n: number, namespaces = ["default"]): RawObject[] {
  return Array.from({ length: n }, (_, i) => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `pod-${String(i).padStart(5, "0")}`, namespace: namespaces[i % namespaces.length] },
    spec: { serviceAccountName: "default", containers: [{ name: "c", image: "busybox" }] },
  }));
}
function namespaces(...names: string[]): RawObject[] {
  return names.map((name) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } }));
}

/** Expected one-sentence user message: no newline, no stack frame, ends with a period. */
function expectOneSentence(message: string): void {
  expect(message).not.toMatch(/\n/);
  expect(message).not.toMatch(/\bat .+:\d+:\d+/);
  expect(message.trim().endsWith(".")).toBe(true);
}

async function collectError(p: Promise<unknown>): Promise<CollectError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CollectError);
    return e as CollectError;
  }
  throw new Error("expected the collection to fail");
}

describe("collectLive: full collection", () => {
  const files = [
    ...["cluster-roles.yaml", "cluster-role-bindings.yaml", "namespace-roles.yaml", "namespace-role-bindings.yaml"].map((f) =>
      path.join(FIXTURES, "kubernetes-bootstrap", f),
    ),
    ...readdirSync(path.join(FIXTURES, "charts/kube-prometheus"))
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => path.join(FIXTURES, "charts/kube-prometheus", f)),
    path.join(FIXTURES, "cloud-iam/eks-aws-auth/aws-iam-authenticator/aws-auth.yaml"),
  ];
  const extra: RawObject[] = [
    {
      apiVersion: "v1",
      kind: "Secret",
      type: "kubernetes.io/basic-auth",
      metadata: {
        name: "db-credentials",
        namespace: "monitoring",
        labels: { app: "db" },
        annotations: {
          "kubectl.kubernetes.io/last-applied-configuration": '{"data":{"password":"aHVudGVyMg=="}}',
          owner: "team-a",
        },
      },
      data: { password: "aHVudGVyMg==" },
    },
  ];

  /** Every served object, keyed as `Kind ns/name`, read straight from the manifest files (not through Palisade). */
  function servedKeys(): Set<string> {
    const served = new Set<string>();
    const modelled = new Set(LIVE_RESOURCES.map((r) => r.kind));
    const visit = (o: unknown): void => {
      if (typeof o !== "object" || o === null) return;
      const r = o as { kind?: string; items?: unknown[]; metadata?: { name?: string; namespace?: string } };
      if (r.kind?.endsWith("List") && Array.isArray(r.items)) return r.items.forEach(visit);
      if (!r.kind || !modelled.has(r.kind) || !r.metadata?.name) return;
      const cluster = ["Namespace", "ClusterRole", "ClusterRoleBinding", "Node"].includes(r.kind) || r.kind.endsWith("WebhookConfiguration");
      served.add(`${r.kind} ${cluster ? "" : `${r.metadata.namespace ?? "default"}/`}${r.metadata.name}`);
    };
    for (const f of files) for (const d of parseAllDocuments(readFileSync(f, "utf8"))) visit(d.toJS());
    for (const o of extra) visit(o);
    return served;
  }

  function collectedKeys(inv: Inventory): Set<string> {
    const keys = new Set<string>();
    const add = (kind: string, o: { name: string; namespace?: string }): void => {
      keys.add(`${kind} ${o.namespace !== undefined ? `${o.namespace}/` : ""}${o.name}`);
    };
    inv.namespaces.forEach((o) => add("Namespace", o));
    inv.serviceAccounts.forEach((o) => add("ServiceAccount", o));
    inv.roles.forEach((o) => add("Role", o));
    inv.clusterRoles.forEach((o) => add("ClusterRole", o));
    inv.roleBindings.forEach((o) => add("RoleBinding", o));
    inv.clusterRoleBindings.forEach((o) => add("ClusterRoleBinding", o));
    inv.workloads.forEach((o) => add(o.kind, o));
    inv.secrets.forEach((o) => add("Secret", o));
    inv.nodes.forEach((o) => add("Node", o));
    inv.networkPolicies.forEach((o) => add("NetworkPolicy", o));
    inv.webhookConfigurations.forEach((o) => add(o.kind, o));
    return keys;
  }

  it("collects exactly the served objects, normalized as the file collector would", async () => {
    const f = await fake({ manifestFiles: files, objects: extra });
    const events: ProgressEvent[] = [];
    const result = await collectLive({ kubeconfig: f.kubeconfigPath, onProgress: (e) => events.push(e) });

    expect(result.contextName).toBe("fake");
    expect(result.server).toBe(f.url);
    expect(result.coverageGaps).toEqual([]);
    expect(result.inputErrors).toEqual([]);
    expect(collectedKeys(result.inventory)).toEqual(servedKeys());
    // Spot checks worked out from the manifests by hand.
    const crb = result.inventory.clusterRoleBindings.find((b) => b.name === "cluster-admin");
    expect(crb?.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" });
    expect(crb?.subjects).toEqual([{ kind: "Group", name: "system:masters" }]);
    expect(result.inventory.awsAuth).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: "user", arn: "arn:aws:iam::555555555555:user/admin", username: "admin", groups: ["system:masters"] }),
      ]),
    );
    expect(result.perKind["configmaps/aws-auth"]).toMatchObject({ objects: 1, pages: 1 });
    const secret = result.inventory.secrets.find((s) => s.name === "db-credentials");
    expect(secret).toMatchObject({ namespace: "monitoring", labels: { app: "db" }, annotations: { owner: "team-a" } });
    expect(JSON.stringify(result)).not.toContain("aHVudGVyMg==");
    expect(result.perKind.clusterroles!.objects).toBe(result.inventory.clusterRoles.length);

    // Same objects through the file path of the same normalizer: identical inventory (apart from provenance fields).
    const direct = new InventoryBuilder();
    for (const o of [...loadManifestFiles(files), ...extra]) direct.add(o, { file: "manifest" });
    const strip = (inv: Inventory): Record<string, unknown[]> => {
      const out: Record<string, unknown[]> = {};
      for (const [k, v] of Object.entries(inv)) {
        if (!Array.isArray(v)) continue;
        out[k] = v
          .map((o: Record<string, unknown>) => {
            const { source: _s, uid: _u, creationTimestamp: _c, ...rest } = o;
            void [_s, _u, _c];
            // A metadata-only Secret list carries no `type` (PartialObjectMetadata has only metadata).
            if (k === "secrets") delete rest.type;
            return rest;
          })
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      }
      return out;
    };
    expect(strip(result.inventory)).toEqual(strip(direct.build()));

    // Progress: a start, a done per resource kind, a finish.
    expect(events[0]).toMatchObject({ type: "start", contextName: "fake" });
    expect(events.filter((e) => e.type === "done").map((e) => (e as { resource: string }).resource).sort()).toEqual(
      Object.keys(result.perKind).sort(),
    );
    expect(events.at(-1)).toMatchObject({ type: "finish", gaps: 0 });
  });
});

describe("collectLive: pagination", () => {
  it("lists 1,234 pods in 3 pages of 500 following the continue tokens", async () => {
    const f = await fake({ objects: pods(1234, ["a", "b", "c"]) });
    const result = await collectLive({ kubeconfig: f.kubeconfigPath });
    expect(result.inventory.workloads.filter((w) => w.kind === "Pod")).toHaveLength(1234);
    expect(result.perKind.pods).toMatchObject({ objects: 1234, pages: 3 });

    const podRequests = f.requests.filter((r) => r.resource === "pods");
    expect(podRequests.map((r) => r.path)).toEqual(["/api/v1/pods", "/api/v1/pods", "/api/v1/pods"]);
    expect(podRequests.map((r) => r.query.limit)).toEqual(["500", "500", "500"]);
    expect(podRequests[0]!.query.continue).toBeUndefined();
    expect(podRequests[1]!.query.continue).toBeTruthy();
    expect(podRequests[2]!.query.continue).toBeTruthy();
    expect(podRequests[2]!.query.continue).not.toBe(podRequests[1]!.query.continue);
    // Every resource kind was listed with the limit, cluster-wide.
    for (const r of LIVE_RESOURCES) {
      const seen = f.requests.filter((q) => q.resource === r.resource);
      expect(seen.length, r.resource).toBeGreaterThan(0);
      expect(seen.every((q) => q.query.limit === "500" && q.namespace === undefined), r.resource).toBe(true);
    }
  });

  it("honours pageSize", async () => {
    const f = await fake({ objects: pods(25) });
    const result = await collectLive({ kubeconfig: f.kubeconfigPath, pageSize: 10 });
    expect(result.perKind.pods).toMatchObject({ objects: 25, pages: 3 });
  });
});

describe("collectLive: secrets", () => {
  const secret = (name: string, value: string): RawObject => ({
    apiVersion: "v1",
    kind: "Secret",
    type: "Opaque",
    metadata: {
      name,
      namespace: "apps",
      annotations: { "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify({ data: { token: value } }) },
      managedFields: [{ manager: "kubectl", fieldsV1: { "f:data": { "f:token": {} } } }],
    },
    data: { token: value },
    stringData: { plain: `plain-${value}` },
  });

  it("asks for metadata only and keeps no secret data", async () => {
    const f = await fake({ objects: [secret("s1", "VALUE-ONE-c2VjcmV0"), secret("s2", "VALUE-TWO-c2VjcmV0")] });
    const result = await collectLive({ kubeconfig: f.kubeconfigPath });
    const secretRequests = f.requests.filter((r) => r.resource === "secrets");
    expect(secretRequests.length).toBeGreaterThan(0);
    for (const r of secretRequests) expect(r.accept).toBe(METADATA_ONLY_ACCEPT);
    expect(result.inventory.secrets.map((s) => s.name).sort()).toEqual(["s1", "s2"]);
    // PartialObjectMetadata carries no type.
    expect(result.inventory.secrets[0]!.type).toBeUndefined();
    const all = JSON.stringify(result);
    expect(all).not.toContain("VALUE-ONE");
    expect(all).not.toContain("VALUE-TWO");
    expect(all).not.toContain("f:token");
    expect(result.warnings).toEqual([]);
  });

  it("strips data when the server sends full Secrets anyway, and warns", async () => {
    const f = await fake({ objects: [secret("s1", "VALUE-ONE-c2VjcmV0")], faults: { fullSecrets: true } });
    const result = await collectLive({ kubeconfig: f.kubeconfigPath });
    expect(f.requests.find((r) => r.resource === "secrets")?.accept).toBe(METADATA_ONLY_ACCEPT);
    expect(result.inventory.secrets).toHaveLength(1);
    expect(result.inventory.secrets[0]).toMatchObject({ name: "s1", namespace: "apps", type: "Opaque", annotations: {} });
    const all = JSON.stringify(result);
    expect(all).not.toContain("VALUE-ONE");
    expect(all).not.toContain("plain-");
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/full Secrets; their values were discarded/);
  });

  it("includeSecrets=false never requests secrets", async () => {
    const f = await fake({ objects: [secret("s1", "x")] });
    const result = await collectLive({ kubeconfig: f.kubeconfigPath, includeSecrets: false });
    expect(f.requests.some((r) => r.resource === "secrets")).toBe(false);
    expect(result.inventory.secrets).toEqual([]);
    expect(result.perKind.secrets).toBeUndefined();
  });
});

describe("collectLive: forbidden resources", () => {
  it("403 on pods everywhere → one coverage gap, everything else collected", async () => {
    const f = await fake({
      objects: [...namespaces("a", "b"), ...pods(3, ["a", "b"]), { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "x", namespace: "a" } }],
      faults: { forbidden: [{ resource: "pods" }] },
    });
    const result = await collectLive({ kubeconfig: f.kubeconfigPath });
    expect(result.coverageGaps).toEqual([{ resource: "pods", reason: "cannot list pods: forbidden" }]);
    expect(result.inventory.workloads).toEqual([]);
    expect(result.inventory.serviceAccounts.map((s) => s.name)).toEqual(["x"]);
    expect(result.inventory.namespaces).toHaveLength(2);
    expect(result.perKind.pods).toMatchObject({ objects: 0 });
  });

  it("cluster-wide list forbidden but namespaces allowed → collected namespace by namespace", async () => {
    const f = await fake({ objects: [...namespaces("a", "b", "c"), ...pods(9, ["a", "b", "c"])], faults: { forbidden: [{ resource: "pods", namespace: "" }] } });
    const result = await collectLive({ kubeconfig: f.kubeconfigPath });
    expect(result.coverageGaps).toEqual([]);
    expect(result.inventory.workloads).toHaveLength(9);
    expect(
      f.requests
        .filter((r) => r.resource === "pods" && r.status === 200)
        .map((r) => r.namespace)
        .sort(),
    ).toEqual(["a", "b", "c"]);
  });

  it("one namespace forbidden → a gap naming that namespace only", async () => {
    const f = await fake({
      objects: [...namespaces("a", "b"), ...pods(4, ["a", "b"])],
      faults: { forbidden: [{ resource: "pods", namespace: "" }, { resource: "pods", namespace: "b" }] },
    });
    const result = await collectLive({ kubeconfig: f.kubeconfigPath });
    expect(result.coverageGaps).toEqual([{ resource: "pods", namespace: "b", reason: 'cannot list pods in namespace "b": forbidden' }]);
    expect(result.inventory.workloads.map((w) => w.namespace)).toEqual(["a", "a"]);
  });

  it("403 on the aws-auth ConfigMap → gap; 404 → simply absent", async () => {
    const f = await fake({ faults: { forbidden: [{ resource: "configmaps" }] } });
    const result = await collectLive({ kubeconfig: f.kubeconfigPath });
    expect(result.coverageGaps).toEqual([
      { resource: "configmaps/aws-auth", namespace: "kube-system", reason: "cannot get configmap kube-system/aws-auth: forbidden" },
    ]);
    f.setFaults({});
    const again = await collectLive({ kubeconfig: f.kubeconfigPath });
    expect(again.coverageGaps).toEqual([]);
    expect(again.inventory.awsAuth).toEqual([]);
  });
});

describe("collectLive: fatal errors are one sentence naming context and server", () => {
  it("401", async () => {
    const f = await fake({ faults: { unauthorized: true } });
    const err = await collectError(collectLive({ kubeconfig: f.kubeconfigPath }));
    expect(err.code).toBe("unauthorized");
    expect(err.message).toBe(
      `The API server of context "fake" (${f.url}) rejected the credentials (401 Unauthorized); refresh them or check the user in the kubeconfig.`,
    );
    expectOneSentence(err.message);
    // Stopped at the discovery probe: no list was attempted.
    expect(f.requests.map((r) => r.path)).toEqual(["/api"]);
  });

  it("401 in the middle of the lists (token revoked) stops the collection", async () => {
    const f = await fake({ objects: pods(1200), faults: { latencyMs: 5 } });
    const events: ProgressEvent[] = [];
    const p = collectLive({
      kubeconfig: f.kubeconfigPath,
      onProgress: (e) => {
        events.push(e);
        if (e.type === "page" && e.resource === "pods") f.setFaults({ unauthorized: true });
      },
    });
    const err = await collectError(p);
    expect(err.code).toBe("unauthorized");
    expectOneSentence(err.message);
  });

  it("DNS failure (.invalid host)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "palisade-kc-"));
    const kc = path.join(dir, "config");
    writeKubeconfig(kc, [{ name: "prod-eu", server: "https://api.cluster.invalid:6443", token: "t" }]);
    const err = await collectError(collectLive({ kubeconfig: kc }));
    expect(err.code).toBe("dns");
    expect(err.message).toBe(
      'Cannot reach context "prod-eu" (https://api.cluster.invalid:6443): the host name "api.cluster.invalid" does not resolve (DNS lookup failed).',
    );
    expectOneSentence(err.message);
  });

  it("connection refused", async () => {
    const f = await fake();
    const url = f.url;
    await f.close();
    fakes = fakes.filter((x) => x !== f);
    const dir = mkdtempSync(path.join(os.tmpdir(), "palisade-kc-"));
    const kc = path.join(dir, "config");
    writeKubeconfig(kc, [{ name: "gone", server: url, token: "t" }]);
    const err = await collectError(collectLive({ kubeconfig: kc }));
    expect(err.code).toBe("connection-refused");
    expect(err.message).toContain(`context "gone" (${url})`);
    expectOneSentence(err.message);
  });

  it("TLS failure: https to a plain-HTTP server", async () => {
    const f = await fake();
    const dir = mkdtempSync(path.join(os.tmpdir(), "palisade-kc-"));
    const kc = path.join(dir, "config");
    const server = f.url.replace("http://", "https://");
    writeKubeconfig(kc, [{ name: "tls", server, token: f.token }]);
    const err = await collectError(collectLive({ kubeconfig: kc }));
    expect(err.code).toBe("tls");
    expect(err.message).toContain(`context "tls" (${server})`);
    expectOneSentence(err.message);
  });

  it("an endpoint that is not a Kubernetes API server", async () => {
    const http = await import("node:http");
    const server = http.createServer((_, res) => {
      res.writeHead(200, { "Content-Type": "text/html" });
      res.end("<html>hello</html>");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const dir = mkdtempSync(path.join(os.tmpdir(), "palisade-kc-"));
      const kc = path.join(dir, "config");
      writeKubeconfig(kc, [{ name: "web", server: url, token: "t" }]);
      const err = await collectError(collectLive({ kubeconfig: kc, retry: { ...FAST_RETRY, maxAttempts: 2 } }));
      expect(err.code).toBe("not-kubernetes");
      expectOneSentence(err.message);
    } finally {
      server.close();
    }
  });
});

describe("collectLive: resilience", () => {
  it("410 Gone on a continue token restarts the list and completes it", async () => {
    const f = await fake({ objects: pods(1234), faults: { goneOnContinue: { resource: "pods", times: 1 } } });
    const events: ProgressEvent[] = [];
    const result = await collectLive({ kubeconfig: f.kubeconfigPath, onProgress: (e) => events.push(e) });
    expect(result.coverageGaps).toEqual([]);
    expect(result.inventory.workloads).toHaveLength(1234);
    expect(result.perKind.pods).toMatchObject({ objects: 1234, pages: 3 });
    const podRequests = f.requests.filter((r) => r.resource === "pods");
    // page 1, page 2 → 410, then from scratch: page 1, 2, 3.
    expect(podRequests.map((r) => [r.status, r.query.continue === undefined ? "start" : "continue"])).toEqual([
      [200, "start"],
      [410, "continue"],
      [200, "start"],
      [200, "continue"],
      [200, "continue"],
    ]);
    expect(events.some((e) => e.type === "restart" && e.resource === "pods")).toBe(true);
    expect(result.warnings).toEqual(["pods: continue token expired (410 Gone) after 1 page; the list was restarted from the beginning."]);
  });

  it("410 more often than the restart budget → coverage gap, not a failure", async () => {
    const f = await fake({ objects: pods(1234), faults: { goneOnContinue: { resource: "pods", times: 10 } } });
    const result = await collectLive({ kubeconfig: f.kubeconfigPath, maxListRestarts: 2 });
    expect(result.coverageGaps).toEqual([
      { resource: "pods", reason: "cannot list pods: its continue token expired (410 Gone) 3 times before the list finished" },
    ]);
    expect(result.inventory.workloads).toEqual([]);
    expect(f.requests.filter((r) => r.resource === "pods" && r.status === 410)).toHaveLength(3);
  });

  it("429 with Retry-After is retried after the announced delay", async () => {
    const f = await fake({ objects: pods(3), faults: { tooManyRequests: { resource: "pods", times: 2, retryAfterSeconds: 1 } } });
    const events: ProgressEvent[] = [];
    const t0 = performance.now();
    const result = await collectLive({ kubeconfig: f.kubeconfigPath, onProgress: (e) => events.push(e) });
    const elapsed = performance.now() - t0;
    expect(result.inventory.workloads).toHaveLength(3);
    expect(result.coverageGaps).toEqual([]);
    expect(f.requests.filter((r) => r.resource === "pods").map((r) => r.status)).toEqual([429, 429, 200]);
    const retries = events.filter((e) => e.type === "retry");
    expect(retries.map((e) => (e as { delayMs: number }).delayMs)).toEqual([1000, 1000]);
    expect(elapsed).toBeGreaterThanOrEqual(1900);
  });

  it("5xx is retried; a server that keeps failing one list leaves a gap, not a crash", async () => {
    const f = await fake({ objects: pods(3), faults: { serverError: { resource: "pods", times: 2, status: 503 } } });
    const ok = await collectLive({ kubeconfig: f.kubeconfigPath, retry: FAST_RETRY });
    expect(ok.inventory.workloads).toHaveLength(3);
    f.setFaults({ serverError: { resource: "pods", times: 1000, status: 500 } });
    const gap = await collectLive({ kubeconfig: f.kubeconfigPath, retry: { ...FAST_RETRY, maxAttempts: 3 } });
    expect(gap.coverageGaps).toEqual([{ resource: "pods", reason: "cannot list pods: the API server kept answering HTTP 500 (3 attempts)" }]);
    expect(gap.inventory.roles).toEqual([]);
  });

  it.each(["before-headers", "after-headers", "mid-body"] as const)("a connection dropped mid-list (%s) is retried and the list completes", async (when) => {
    const f = await fake({ objects: pods(1234), faults: { dropConnection: { resource: "pods", times: 2, when, onlyContinue: true } } });
    const result = await collectLive({ kubeconfig: f.kubeconfigPath, retry: FAST_RETRY });
    expect(result.coverageGaps).toEqual([]);
    expect(result.inventory.workloads).toHaveLength(1234);
    const podRequests = f.requests.filter((r) => r.resource === "pods");
    expect(podRequests.filter((r) => r.status === 0)).toHaveLength(2);
    expect(podRequests.filter((r) => r.status === 200)).toHaveLength(3);
  });

  it("a connection that keeps dropping → one clear error", async () => {
    const f = await fake({ objects: pods(1234), faults: { dropConnection: { resource: "pods", times: 1000, when: "mid-body", onlyContinue: true } } });
    const err = await collectError(collectLive({ kubeconfig: f.kubeconfigPath, retry: { ...FAST_RETRY, maxAttempts: 4 } }));
    expect(err.code).toBe("network");
    expect(err.message).toMatch(new RegExp(`^The connection to context "fake" \\(${f.url.replace(/\./g, "\\.")}\\) kept failing while reading pods \\(4 attempts; last error: .+\\)\\.$`));
    expectOneSentence(err.message);
  });

  it("runs at most `concurrency` lists at once", async () => {
    const f = await fake({ objects: pods(10), faults: { latencyMs: 30 } });
    await collectLive({ kubeconfig: f.kubeconfigPath, concurrency: 2 });
    expect(f.peakConcurrency()).toBe(2);
    const g = await fake({ objects: pods(10), faults: { latencyMs: 30 } });
    await collectLive({ kubeconfig: g.kubeconfigPath });
    expect(g.peakConcurrency()).toBe(4);
  });

  it("aborts through the signal", async () => {
    const f = await fake({ objects: pods(2000), faults: { latencyMs: 50 } });
    const ac = new AbortController();
    const p = collectLive({
      kubeconfig: f.kubeconfigPath,
      signal: ac.signal,
      pageSize: 100,
      onProgress: (e) => {
        if (e.type === "page" && e.resource === "pods") ac.abort();
      },
    });
    const err = await collectError(p);
    expect(err.code).toBe("aborted");
    expect(err.message).toBe(`Collection from context "fake" (${f.url}) was cancelled.`);
  });
});

describe("contexts", () => {
  it("listContexts and --context selection", async () => {
    const f = await fake({ objects: pods(2), extraContexts: [{ name: "staging", token: "wrong-token" }] });
    expect(listContexts(f.kubeconfigPath)).toEqual([
      { name: "fake", cluster: "fake", user: "fake-user", server: f.url, current: true },
      { name: "staging", cluster: "staging", user: "staging-user", server: f.url, current: false },
    ]);
    const ok = await collectLive({ kubeconfig: f.kubeconfigPath, context: "fake" });
    expect(ok.contextName).toBe("fake");
    const err = await collectError(collectLive({ kubeconfig: f.kubeconfigPath, context: "staging" }));
    expect(err.code).toBe("unauthorized");
    expect(err.message).toContain('context "staging"');
    const missing = await collectError(collectLive({ kubeconfig: f.kubeconfigPath, context: "prod" }));
    expect(missing.code).toBe("config");
    expect(missing.message).toBe(`Context "prod" is not defined in ${f.kubeconfigPath} (available: fake, staging).`);
  });

  it("collectAllContexts reports each context, failures included", async () => {
    const f = await fake({ objects: pods(2), extraContexts: [{ name: "staging", token: "wrong-token" }] });
    const all = await collectAllContexts({ kubeconfig: f.kubeconfigPath });
    expect(all.map((c) => [c.contextName, c.ok])).toEqual([
      ["fake", true],
      ["staging", false],
    ]);
    const failed = all[1]!;
    expect(!failed.ok && failed.error.code).toBe("unauthorized");
  });

  it("$KUBECONFIG: files merged, missing ones skipped, first definition wins", async () => {
    const a = await fake({ contextName: "alpha" });
    const b = await fake({ contextName: "beta", objects: pods(1) });
    const dir = mkdtempSync(path.join(os.tmpdir(), "palisade-kc-"));
    const dup = path.join(dir, "dup");
    writeKubeconfig(dup, [{ name: "alpha", server: "https://shadowed.invalid", token: "x" }]);
    const saved = process.env.KUBECONFIG;
    process.env.KUBECONFIG = [path.join(dir, "missing"), a.kubeconfigPath, dup, b.kubeconfigPath].join(path.delimiter);
    try {
      expect(listContexts().map((c) => [c.name, c.server, c.current])).toEqual([
        ["alpha", a.url, true],
        ["beta", b.url, false],
      ]);
      const res = await collectLive({ context: "beta" });
      expect(res.server).toBe(b.url);
      expect(res.inventory.workloads).toHaveLength(1);
      process.env.KUBECONFIG = path.join(dir, "missing");
      const err = await collectError(collectLive({}));
      expect(err.code).toBe("config");
      expectOneSentence(err.message);
    } finally {
      if (saved === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = saved;
    }
  });

  it("explicit kubeconfig path that does not exist / in-cluster outside a pod", async () => {
    const e1 = await collectError(collectLive({ kubeconfig: "/nonexistent/kubeconfig" }));
    expect(e1.message).toBe("The kubeconfig file /nonexistent/kubeconfig does not exist.");
    const saved = process.env.KUBERNETES_SERVICE_HOST;
    delete process.env.KUBERNETES_SERVICE_HOST;
    try {
      const e2 = await collectError(collectLive({ inCluster: true }));
      expect(e2.code).toBe("config");
      expectOneSentence(e2.message);
    } finally {
      if (saved !== undefined) process.env.KUBERNETES_SERVICE_HOST = saved;
    }
  });
});

describe("deploy/palisade-collector-rbac.yaml", () => {
  const docs = parseAllDocuments(readFileSync(path.resolve(import.meta.dirname, "../../deploy/palisade-collector-rbac.yaml"), "utf8")).map(
    (d) => d.toJS() as { kind: string; metadata: { name: string; namespace?: string }; rules?: { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] }[] },
  );
  const grants = (name: string): string[] =>
    docs
      .find((d) => (d.kind === "ClusterRole" || d.kind === "Role") && d.metadata.name === name)!
      .rules!.flatMap((r) => r.apiGroups.flatMap((g) => r.resources.flatMap((res) => r.verbs.map((v) => `${v} ${g}/${res}${r.resourceNames ? `:${r.resourceNames.join(",")}` : ""}`))))
      .sort();

  it("grants list on exactly what the collector lists; secrets only in the optional role", () => {
    expect(grants("palisade-collector")).toEqual(
      LIVE_RESOURCES.filter((r) => !r.metadataOnly)
        .map((r) => `list ${r.group}/${r.resource}`)
        .sort(),
    );
    expect(grants("palisade-collector-secrets-metadata")).toEqual(["list /secrets"]);
    expect(grants("palisade-collector-aws-auth")).toEqual(["get /configmaps:aws-auth"]);
    expect(docs.find((d) => d.kind === "Role")!.metadata.namespace).toBe("kube-system");
  });
});
