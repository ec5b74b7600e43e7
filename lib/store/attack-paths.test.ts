/**
 * Attack paths through the real embedded PostgreSQL: saveSnapshot writes them in the snapshot's transaction, and the
 * reads give back each step in words with its evidence, the ranked reachers, choke points and blast radius.
 *
 * The cluster (worked out by hand, Kubernetes RBAC semantics):
 *   namespaces ci, payments (both Pod Security `restricted`: no privileged pods, so no node escapes)
 *   Role payments/deployer [create pods]                       ← RoleBinding payments/ci-deployer ← SA ci/deployer
 *   Role payments/api-secrets [get secrets, names: db-credentials] ← RoleBinding payments/api-secrets ← SA payments/api
 *   Secret payments/db-credentials, labelled palisade.io/crown-jewel=true; Secret payments/tls.
 * So: ci/deployer creates a pod in payments that mounts db-credentials (CREATE_POD, cost 2, one step), or runs the
 * pod as payments/api and reads the secret (CREATE_POD 2 + SECRET_READ 1 = 3, two steps); payments/api reads it
 * directly (SECRET_READ by name, cost 1). Nobody holds `*` on `*`, so cluster-admin has no reacher.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAttackGraph, computePaths, type CrownJewelSelector } from "@/lib/graph";
import { namespace, secret } from "@/lib/graph/testing";
import type { Inventory } from "@/lib/k8s/types";
import { analyze } from "@/lib/rbac";
import { inventory, role, roleBinding, rule, sa, serviceAccount } from "@/lib/rbac/testing";
import { createTestDatabase, type TestDatabase } from "@/test/support/postgres";
import {
  addCrownJewelSelector,
  closeStore,
  crownJewelSelectorsFor,
  deleteCrownJewelSelector,
  getAttackGraphSummary,
  getAttackPath,
  getClusterByName,
  getIdentityAttackPaths,
  getSnapshot,
  listCrownJewelExposure,
  listCrownJewels,
  listCrownJewelSelectors,
  listJewelReachers,
  prepareAttackPaths,
  saveSnapshot,
} from "./index";

const RESTRICTED = { "pod-security.kubernetes.io/enforce": "restricted" };
const JEWEL = "jewel:secret:payments/db-credentials";
const DEPLOYER = "ServiceAccount:ci:deployer";
const API = "ServiceAccount:payments:api";

function cluster(opts: { apiSecret?: string } = {}): Inventory {
  return inventory({
    namespaces: [namespace("ci", RESTRICTED), namespace("payments", RESTRICTED)],
    serviceAccounts: [serviceAccount("ci", "deployer"), serviceAccount("payments", "api")],
    roles: [role("payments", "deployer", [rule(["create"], [""], ["pods"])]), role("payments", "api-secrets", [rule(["get"], [""], ["secrets"], [opts.apiSecret ?? "db-credentials"])])],
    roleBindings: [
      roleBinding("payments", "ci-deployer", { kind: "Role", name: "deployer" }, [sa("ci", "deployer")]),
      roleBinding("payments", "api-secrets", { kind: "Role", name: "api-secrets" }, [sa("payments", "api")]),
    ],
    secrets: [secret("payments", "db-credentials", { labels: { "palisade.io/crown-jewel": "true" } }), secret("payments", "tls")],
  });
}

async function store(clusterName: string, inv: Inventory, opts: { selectors?: CrownJewelSelector[]; onProgress?: (t: string) => void } = {}) {
  const analysis = analyze(inv);
  const graph = buildAttackGraph(analysis, { selectors: opts.selectors ?? [] });
  const result = computePaths(graph, { k: 1 });
  const attackPaths = prepareAttackPaths(graph, result, { k: 1, selectors: opts.selectors?.length ?? 0 });
  const saved = await saveSnapshot({
    clusterName,
    source: "files",
    inventory: inv,
    analysis,
    findings: [],
    risks: [],
    attackPaths,
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  return { ...saved, graph, result };
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
});
afterAll(async () => {
  await closeStore();
  await db?.drop();
});

describe("attack paths in the store", () => {
  it("round-trips an identity's paths: every step in words, with its evidence and check, cheapest first", async () => {
    const { snapshotId, result } = await store("paths-a", cluster());
    const mine = await getIdentityAttackPaths(snapshotId, DEPLOYER);
    expect(mine).not.toBeNull();
    const toJewel = mine!.paths.filter((p) => p.jewelId === JEWEL);
    expect(toJewel.map((p) => [p.rank, p.cost, p.steps.map((s) => s.label)])).toEqual([
      [0, 2, ["CREATE_POD"]],
      [1, 3, ["CREATE_POD", "SECRET_READ"]],
    ]);
    const [best, alt] = toJewel;
    expect(best!.target).toMatchObject({ id: "Secret:payments:db-credentials", kind: "Secret", label: "secret payments/db-credentials" });
    expect(best!.steps[0]).toMatchObject({
      from: { id: DEPLOYER, label: "service account ci/deployer" },
      to: { id: "Secret:payments:db-credentials" },
      via: [{ id: "Scope:secrets:payments" }],
      explanation: "can create pods in payments, mounting any secret there → reads secret payments/db-credentials",
      alsoViaCount: 0,
    });
    expect(best!.steps[0]!.check).toMatch(/^kubectl auth can-i create pods -n payments --as=system:serviceaccount:ci:deployer/);
    expect(best!.steps[0]!.evidence[0]).toMatchObject({
      kind: "grant",
      permission: "create pods",
      binding: { kind: "RoleBinding", name: "ci-deployer", namespace: "payments" },
      role: { kind: "Role", name: "deployer", namespace: "payments" },
      ruleIndex: 0,
    });
    expect(alt!.steps.map((s) => s.explanation)).toEqual([
      "can create pods in payments, running them as any service account there → acts as service account payments/api",
      "can read secret payments/db-credentials",
    ]);
    expect(alt!.steps[1]!.evidence[0]).toMatchObject({ kind: "grant", binding: { name: "api-secrets" }, role: { name: "api-secrets" } });
    // The blast radius: the one jewel, payments, and payments/api.
    expect(mine!.blastRadius).toEqual({ crownJewels: 1, namespaces: 1, namespaceNames: ["payments"], serviceAccounts: 1, cloudIdentities: 0 });
    expect(mine!.jewels.map((j) => j.id)).toEqual([JEWEL]);

    // The store gives back exactly the steps lib/graph computed (words, costs, nodes, evidence).
    const computed = result.perIdentity.find((p) => p.identityId === DEPLOYER)!.paths;
    expect(mine!.paths.map((p) => ({ jewel: p.jewelId, rank: p.rank, cost: p.cost, target: p.target.id, steps: p.steps.map((s) => [s.label, s.from.id, s.to.id, s.via.map((v) => v.id), s.cost, s.explanation, s.evidence, s.check]) }))).toEqual(
      computed.map((p) => ({ jewel: p.jewelId, rank: p.rank, cost: p.cost, target: p.target, steps: p.steps.map((s) => [s.label, s.from, s.to, s.via ?? [], s.cost, s.explanation, s.evidence, s.check ?? null]) })),
    );
    expect(await getAttackPath(snapshotId, DEPLOYER, JEWEL, 1)).toEqual(alt);
    expect(await getAttackPath(snapshotId, DEPLOYER, JEWEL, 2)).toBeNull();
  });

  it("ranks a jewel's reachers with their cheapest path, and names the choke points with the fix", async () => {
    const { snapshotId } = await store("paths-b", cluster());
    const jewels = await listCrownJewels(snapshotId);
    const jewel = jewels.find((j) => j.id === JEWEL)!;
    expect(jewel).toMatchObject({ name: "secret payments/db-credentials", source: "designated", reacherCount: 2, minSteps: 1, minCost: 1, targetCount: 1 });
    expect(jewel.targets).toEqual([{ id: "Secret:payments:db-credentials", kind: "Secret", label: "secret payments/db-credentials" }]);
    expect(jewel.chokePoints.map((c) => [c.kind, c.ref, c.pathsCut])).toEqual([
      ["binding", "RoleBinding/payments/api-secrets", 1],
      ["binding", "RoleBinding/payments/ci-deployer", 1],
    ]);
    expect(jewel.chokePoints[1]!.fix).toContain("Remove service account ci/deployer from RoleBinding payments/ci-deployer");
    expect(jewels.find((j) => j.id === "jewel:cluster-admin")).toMatchObject({ reacherCount: 0, minSteps: null, minCost: null });

    const page = await listJewelReachers(snapshotId, JEWEL, { pageSize: 10 });
    expect(page!.total).toBe(2);
    expect(page!.rows.map((r) => [r.position, r.identity.id, r.identity.kind, r.identity.namespace, r.steps, r.cost])).toEqual([
      [0, API, "ServiceAccount", "payments", 1, 1],
      [1, DEPLOYER, "ServiceAccount", "ci", 1, 2],
    ]);
    expect(page!.rows[0]!.path.steps.map((s) => s.explanation)).toEqual(["can read secret payments/db-credentials"]);
    expect((await listJewelReachers(snapshotId, JEWEL, { page: 2, pageSize: 1 }))!.rows.map((r) => r.identity.id)).toEqual([DEPLOYER]);
    expect(await listJewelReachers(snapshotId, "jewel:nope")).toBeNull();
    expect(await getAttackGraphSummary(snapshotId)).toMatchObject({ k: 1, selectors: 0, reachedJewels: 1, identitiesWithPaths: 2, paths: 3, reacherEntries: 2 });
  });

  it("a negative: with the api's grant restricted to another secret, only the pod-creation path is left", async () => {
    const { snapshotId } = await store("paths-c", cluster({ apiSecret: "tls" }));
    // payments/api still reads payments/tls: no path to a jewel, but payments is in its blast radius.
    expect(await getIdentityAttackPaths(snapshotId, API)).toEqual({
      identityId: API,
      blastRadius: { crownJewels: 0, namespaces: 1, namespaceNames: ["payments"], serviceAccounts: 0, cloudIdentities: 0 },
      paths: [],
      jewels: [],
    });
    const page = await listJewelReachers(snapshotId, JEWEL);
    expect(page!.rows.map((r) => r.identity.id)).toEqual([DEPLOYER]);
    const mine = await getIdentityAttackPaths(snapshotId, DEPLOYER);
    expect(mine!.paths.map((p) => [p.rank, p.steps.map((s) => s.label)])).toEqual([[0, ["CREATE_POD"]]]);
  });

  it("reports the change since the cluster's previous snapshot", async () => {
    await store("paths-d", cluster({ apiSecret: "tls" }));
    const { snapshotId } = await store("paths-d", cluster());
    const { previousSnapshotId, jewels } = await listCrownJewelExposure(snapshotId);
    expect(previousSnapshotId).toBe(snapshotId - 1);
    expect(jewels.find((j) => j.id === JEWEL)).toMatchObject({ reacherCount: 2, minSteps: 1, previous: { reacherCount: 1, minSteps: 1 } });
    const first = await listCrownJewelExposure(snapshotId - 1);
    expect(first.previousSnapshotId).toBeNull();
    expect(first.jewels.every((j) => j.previous === null)).toBe(true);
  });

  it("writes paths in the snapshot's transaction: a failure while writing them leaves no rows and the snapshot failed", async () => {
    const ok = await store("paths-e", cluster());
    await expect(
      store("paths-e", cluster(), {
        onProgress: (t) => {
          if (t === "jewel_reacher") throw new Error("disk full (test)");
        },
      }),
    ).rejects.toThrow("disk full (test)");
    const cluster_ = await getClusterByName("paths-e");
    expect(cluster_!.currentSnapshotId).toBe(ok.snapshotId);
    const failed = await getSnapshot(ok.snapshotId + 1);
    expect(failed).toMatchObject({ status: "failed", error: "disk full (test)" });
    expect(await listCrownJewels(ok.snapshotId + 1)).toEqual([]);
    expect(await getIdentityAttackPaths(ok.snapshotId + 1, DEPLOYER)).toBeNull();
  });

  it("stores crown-jewel selectors per cluster and applies them through lib/graph", async () => {
    await store("paths-f", cluster());
    const c = (await getClusterByName("paths-f"))!;
    const added = await addCrownJewelSelector(c.id, { kind: "Secret", namespace: "payments", name: "tls", jewelName: "TLS key", tier: "tier-2" }, "admin@example.com");
    expect(added).toMatchObject({ kind: "Secret", namespace: "payments", name: "tls", labelSelector: null, jewelName: "TLS key", tier: "tier-2", createdBy: "admin@example.com" });
    await expect(addCrownJewelSelector(c.id, { kind: "Pod" } as never, null)).rejects.toThrow();
    const selectors = await crownJewelSelectorsFor({ name: "paths-f" });
    expect(selectors).toEqual([{ kind: "Secret", namespace: "payments", name: "tls", jewelName: "TLS key", tier: "tier-2" }]);
    expect(await crownJewelSelectorsFor({ name: "no-such-cluster" })).toEqual([]);

    // tls is readable by nobody but a pod creator in payments: ci/deployer, one CREATE_POD step.
    const { snapshotId } = await store("paths-f", cluster(), { selectors });
    const tls = (await listCrownJewels(snapshotId)).find((j) => j.id === "jewel:selector:TLS key")!;
    expect(tls).toMatchObject({ name: "TLS key", tier: "tier-2", source: "selector", reacherCount: 1, minSteps: 1, minCost: 2 });
    expect(await getAttackGraphSummary(snapshotId)).toMatchObject({ selectors: 1 });

    expect(await deleteCrownJewelSelector(added.id)).toMatchObject({ id: added.id });
    expect(await deleteCrownJewelSelector(added.id)).toBeNull();
    expect(await listCrownJewelSelectors(c.id)).toEqual([]);
  });
});
