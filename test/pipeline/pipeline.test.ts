/**
 * The collection pipeline end to end: the real live collector against the fake Kubernetes API server (a real HTTP
 * server), the real engine and rules, and the real store on the embedded PostgreSQL (one database for this file).
 * Expected answers come from the hand-written cluster in ./fixtures.ts, worked out by hand there.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CollectError } from "@/lib/collect/live";
import { freePort } from "@/lib/db";
import { loadDemoInventory } from "@/lib/demo";
import { CollectionCancelledError, CollectionInputError, runCollection, runCollectionForAllContexts, type PhaseEvent } from "@/lib/pipeline";
import {
  closeStore,
  CollectionInProgressError,
  getClusterByName,
  getIdentity,
  getSnapshot,
  listFindings,
  listIdentities,
  listSnapshots,
} from "@/lib/store";
import { startFakeKubeApi, type FakeKubeApi } from "@/test/support/fake-kube-api";
import { createTestDatabase, type TestDatabase } from "@/test/support/postgres";
import { handWrittenCluster, SECRET_VALUE, SECRET_VALUE_B64 } from "./fixtures";

const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 3 };

let db: TestDatabase;
const fakes: FakeKubeApi[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
});

afterAll(async () => {
  await closeStore();
  await Promise.all(fakes.map((f) => f.close()));
  await db?.drop();
});

async function fake(opts: Parameters<typeof startFakeKubeApi>[0] = {}): Promise<FakeKubeApi> {
  const f = await startFakeKubeApi({ objects: handWrittenCluster(), ...opts });
  fakes.push(f);
  return f;
}

/** Every text-bearing value in every table of the database, searched for `needle`. */
async function tablesContaining(needle: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
    const hits: string[] = [];
    for (const { table_name } of tables.rows) {
      const t = client.escapeIdentifier(table_name);
      const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${t} WHERE ${t}::text LIKE $1`, [`%${needle}%`]);
      if (Number(r.rows[0]!.n) > 0) hits.push(table_name);
    }
    return hits;
  } finally {
    await client.end();
  }
}

async function snapshotsOf(cluster: string) {
  const c = await getClusterByName(cluster);
  if (!c) throw new Error(`no cluster ${cluster}`);
  return { cluster: c, snapshots: await listSnapshots(c.id) };
}

describe("runCollection: live, against the fake API server", () => {
  it("stores what the server has, with the coverage gap of a forbidden resource, and reads it back through lib/store", async () => {
    const f = await fake({ contextName: "prod-eu", faults: { forbidden: [{ resource: "networkpolicies" }] } });
    const summary = await runCollection({ source: { kind: "live", kubeconfig: f.kubeconfigPath }, live: { retry: FAST_RETRY } });

    // Cluster named after the kubeconfig's current context.
    expect(summary.cluster).toBe("prod-eu");
    expect(summary.source).toBe("live");
    expect(summary.context).toBe("prod-eu");
    expect(summary.server).toBe(f.url);
    expect(summary.coverageGaps).toEqual([{ resource: "networkpolicies", reason: "cannot list networkpolicies: forbidden" }]);
    expect(summary.perKind.namespaces).toEqual({ objects: 4, pages: 1 });
    expect(summary.perKind.pods).toEqual({ objects: 2, pages: 1 });
    expect(summary.perKind.secrets).toEqual({ objects: 1, pages: 1 });

    const snap = await getSnapshot(summary.snapshotId);
    expect(snap).toMatchObject({ status: "complete", source: "live", clusterName: "prod-eu", error: null });
    expect(snap!.coverageGaps).toEqual([{ resource: "networkpolicies", reason: "cannot list networkpolicies: forbidden" }]);
    expect(snap!.counts).toMatchObject({
      namespaces: 4,
      serviceAccounts: 3,
      roles: 1,
      clusterRoles: 2,
      roleBindings: 2,
      clusterRoleBindings: 1,
      workloads: 2,
      secrets: 1,
      networkPolicies: 0,
    });
    const { cluster } = await snapshotsOf("prod-eu");
    expect(cluster.currentSnapshotId).toBe(summary.snapshotId);

    // alice: cluster-admin through the ClusterRoleBinding, cluster-wide.
    const alice = await listFindings(summary.snapshotId, { identityId: "User:alice" });
    expect(alice.rows.map((r) => [r.ruleId, r.severity, r.namespace])).toContainEqual(["cluster-admin-equivalent", "critical", null]);
    // payments/api: get+list secrets through a RoleBinding to a ClusterRole — confined to payments.
    const api = await listFindings(summary.snapshotId, { identityId: "ServiceAccount:payments:api" });
    expect(api.rows.map((r) => [r.ruleId, r.severity, r.namespace])).toContainEqual(["secrets-read-namespaced", "high", "payments"]);
    // ci/builder: the subject without namespace is the binding's namespace; the Role grants only in ci.
    const builder = await getIdentity(summary.snapshotId, "ServiceAccount:ci:builder");
    expect(builder?.exists).toBe(true);
    expect(builder!.grants.filter((g) => g.binding.name === "deployer").map((g) => [g.namespace, g.rule.verbs, g.rule.resources])).toEqual([["ci", ["create"], ["deployments"]]]);
    expect(builder!.findings.map((x) => [x.ruleId, x.namespace])).toContainEqual(["workload-controllers-create", "ci"]);

    // By-design findings are stored too (the UI hides or shows them); the summary counts them apart.
    const stored = await listFindings(summary.snapshotId, { pageSize: 500 });
    expect(stored.total).toBe(summary.findings.total);
    expect((await listIdentities(summary.snapshotId)).total).toBe(summary.identities.total);
  });

  it("never stores a Secret value, even when the server sends full Secrets", async () => {
    const f = await fake({ contextName: "leaky", faults: { fullSecrets: true } });
    const summary = await runCollection({ source: { kind: "live", kubeconfig: f.kubeconfigPath }, live: { retry: FAST_RETRY } });
    expect(summary.perKind.secrets!.objects).toBe(1);
    expect(summary.warnings.some((w) => /full Secrets; their values were discarded/.test(w))).toBe(true);
    // Metadata is kept (name, labels) …
    expect(await tablesContaining("db-creds")).toContain("secret_meta");
    // … values never, in any table, in any encoding.
    expect(await tablesContaining(SECRET_VALUE)).toEqual([]);
    expect(await tablesContaining(SECRET_VALUE_B64)).toEqual([]);
  });

  it("a 401 marks the snapshot failed and keeps the previous one current", async () => {
    const f = await fake({ contextName: "auth-flip" });
    const first = await runCollection({ source: { kind: "live", kubeconfig: f.kubeconfigPath }, live: { retry: FAST_RETRY } });
    f.setFaults({ unauthorized: true });
    const err = await runCollection({ source: { kind: "live", kubeconfig: f.kubeconfigPath }, live: { retry: FAST_RETRY } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectError);
    expect((err as CollectError).code).toBe("unauthorized");
    const { cluster, snapshots } = await snapshotsOf("auth-flip");
    expect(cluster.currentSnapshotId).toBe(first.snapshotId);
    expect(snapshots.map((s) => s.status)).toEqual(["failed", "complete"]);
    expect(snapshots[0]!.error).toBe((err as Error).message);
  });

  it("connections dropped for good mark the snapshot failed and keep the previous one current", async () => {
    const f = await fake({ contextName: "flaky" });
    const first = await runCollection({ source: { kind: "live", kubeconfig: f.kubeconfigPath }, live: { retry: FAST_RETRY } });
    f.setFaults({ dropConnection: { times: 1_000_000, when: "before-headers" } });
    const err = await runCollection({ source: { kind: "live", kubeconfig: f.kubeconfigPath }, live: { retry: FAST_RETRY } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectError);
    expect((err as CollectError).code).toBe("network");
    const { cluster, snapshots } = await snapshotsOf("flaky");
    expect(cluster.currentSnapshotId).toBe(first.snapshotId);
    expect(snapshots[0]).toMatchObject({ status: "failed", error: (err as Error).message });
  });

  it("cancelling (the AbortSignal Ctrl-C fires) mid-collection marks the snapshot failed; the previous one stays current", async () => {
    const f = await fake({ contextName: "cancel-me" });
    const first = await runCollection({ source: { kind: "live", kubeconfig: f.kubeconfigPath }, live: { retry: FAST_RETRY } });
    f.setFaults({ latencyMs: 100 });
    const controller = new AbortController();
    const err = await runCollection({
      source: { kind: "live", kubeconfig: f.kubeconfigPath },
      signal: controller.signal,
      onProgress: (e) => {
        if (e.type === "page") controller.abort(new Error("SIGINT received"));
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectionCancelledError);
    expect((err as Error).message).toBe("collection of cluster cancel-me was cancelled (SIGINT received); the previous snapshot stays current");
    const { cluster, snapshots } = await snapshotsOf("cancel-me");
    expect(cluster.currentSnapshotId).toBe(first.snapshotId);
    expect(snapshots[0]).toMatchObject({ status: "failed" });
  });

  it("a second collection of the same cluster while one runs is refused with the store's message; the first completes", async () => {
    const f = await fake({ contextName: "busy", faults: { latencyMs: 150 } });
    let begun!: () => void;
    const started = new Promise<void>((r) => (begun = r));
    const first = runCollection({
      source: { kind: "live", kubeconfig: f.kubeconfigPath },
      onPhase: (e: PhaseEvent) => {
        if (e.type === "begin") begun();
      },
    });
    await started;
    const err = await runCollection({ source: { kind: "live", kubeconfig: f.kubeconfigPath } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectionInProgressError);
    expect((err as Error).message).toMatch(/^a collection of cluster busy is already running \(started .+, snapshot #\d+\); wait for it to finish$/);
    const done = await first;
    const { cluster, snapshots } = await snapshotsOf("busy");
    expect(cluster.currentSnapshotId).toBe(done.snapshotId);
    // The refused collection created no snapshot of its own.
    expect(snapshots.map((s) => s.status)).toEqual(["complete"]);
  });

  it("--all-contexts: each context becomes its own cluster; a failing one does not stop the others", async () => {
    // A port nobody listens on (fetch refuses well-known "bad ports" such as 9 before connecting, so take a free one).
    const closedPort = await freePort();
    const f = await fake({ contextName: "ctx-a", extraContexts: [{ name: "ctx-dead", server: `http://127.0.0.1:${closedPort}` }, { name: "ctx-b" }] });
    const results = await runCollectionForAllContexts({ kubeconfig: f.kubeconfigPath, live: { retry: FAST_RETRY } });
    expect(results.map((r) => [r.context.name, r.ok])).toEqual([
      ["ctx-a", true],
      ["ctx-dead", false],
      ["ctx-b", true],
    ]);
    const dead = results[1]!;
    expect(!dead.ok && dead.error instanceof CollectError && dead.error.code).toBe("connection-refused");
    expect((await getClusterByName("ctx-a"))?.currentSnapshotId).toBe(results[0]!.ok ? results[0]!.summary.snapshotId : -1);
    expect((await getClusterByName("ctx-b"))?.currentSnapshotId).not.toBeNull();
    // The failed context's snapshot was begun (lock taken) and marked failed; it has no current snapshot.
    const deadCluster = await snapshotsOf("ctx-dead");
    expect(deadCluster.cluster.currentSnapshotId).toBeNull();
    expect(deadCluster.snapshots.map((s) => s.status)).toEqual(["failed"]);
  });
});

describe("runCollection: files", () => {
  it("stores the demo manifests with the counts the file collector read", async () => {
    const loaded = await loadDemoInventory();
    expect(loaded.errors).toEqual([]);
    const inv = loaded.inventory;
    const summary = await runCollection({ clusterName: "demo-files", source: { kind: "files", paths: ["lib/demo/manifests"], load: loadDemoInventory } });
    expect(summary.pages).toBeNull();
    expect(summary.durationsMs.network).toBe(0);
    expect(summary.coverageGaps).toEqual([]);
    const snap = await getSnapshot(summary.snapshotId);
    expect(snap).toMatchObject({ status: "complete", source: "files", sourceDetail: "lib/demo/manifests" });
    expect(snap!.counts).toMatchObject({
      namespaces: inv.namespaces.length,
      serviceAccounts: inv.serviceAccounts.length,
      roles: inv.roles.length,
      // The demo ships the bootstrap policy, so no default ClusterRole had to be added.
      clusterRoles: inv.clusterRoles.length,
      roleBindings: inv.roleBindings.length,
      clusterRoleBindings: inv.clusterRoleBindings.length,
      workloads: inv.workloads.length,
      secrets: inv.secrets.length,
      nodes: inv.nodes.length,
    });
    expect(summary.defaultRolesAdded).toEqual([]);
  });

  it("names the cluster after the --from directory and adds the default ClusterRoles a manifest binds", async () => {
    const summary = await runCollection({ source: { kind: "files", paths: ["test/cli/fixtures/cluster"] } });
    expect(summary.cluster).toBe("cluster");
    // fixtures/cluster binds only its own ClusterRoles, so every default one is added (cluster-admin among them).
    expect(summary.defaultRolesAdded).toContain("cluster-admin");
  });

  it("refuses input errors without touching the database, unless ignoreErrors", async () => {
    const err = await runCollection({ clusterName: "broken", source: { kind: "files", paths: ["test/cli/fixtures/malformed"] } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectionInputError);
    expect((err as CollectionInputError).lines[0]).toMatch(/^test\/cli\/fixtures\/malformed\/tab-indent\.yaml:\d+:\d+: /);
    expect(await getClusterByName("broken")).toBeNull();

    const summary = await runCollection({ clusterName: "broken", source: { kind: "files", paths: ["test/cli/fixtures/malformed"], ignoreErrors: true } });
    expect(summary.inputErrors).toHaveLength(1);
    // The two valid documents before the broken one: ClusterRole view-pods and RoleBinding dev/reader.
    expect(summary.perKind.rolebindings!.objects).toBe(1);
  });
});
