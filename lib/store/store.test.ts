import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { podSecurity } from "@/lib/graph/testing";
import type { Inventory, SecretMeta, Workload } from "@/lib/k8s/types";
import { analyze } from "@/lib/rbac";
import { clusterRole, clusterRoleBinding, group, inventory, role, roleBinding, rule, sa, serviceAccount, urlRule, user } from "@/lib/rbac/testing";
import type { Evidence, Finding, IdentityRisk } from "@/lib/rules/types";
import { createTestDatabase, type TestDatabase } from "@/test/support/postgres";
import {
  beginSnapshot,
  closeStore,
  CollectionInProgressError,
  failSnapshot,
  getCurrentSnapshot,
  getIdentity,
  getSnapshot,
  listClusters,
  listFindings,
  listIdentities,
  listSnapshots,
  pruneSnapshots,
  saveSnapshot,
  snapshotSummary,
  type SaveSnapshotInput,
} from "./index";

// ---------------------------------------------------------------------------------------------------------------
// A small cluster written by hand. Expected answers below follow Kubernetes RBAC semantics:
//  - a RoleBinding grants only inside its namespace (even for a ClusterRole); a ClusterRoleBinding grants cluster-wide;
//  - a ServiceAccount subject without namespace in a RoleBinding means the binding's namespace;
//  - every service account is in groups system:serviceaccounts, system:serviceaccounts:<ns>, system:authenticated.
// ---------------------------------------------------------------------------------------------------------------

const SECRET_PLAIN = "super-secret-hunter2";
const SECRET_B64 = Buffer.from(SECRET_PLAIN).toString("base64");

const workload = (kind: Workload["kind"], namespace: string, name: string, serviceAccountName: string, over: Partial<Workload> = {}): Workload => ({
  kind,
  name,
  namespace,
  labels: { app: name },
  annotations: {},
  serviceAccountName,
  security: podSecurity(),
  ...over,
});

function buildInventory(options: { withAlice?: boolean } = {}): Inventory {
  const withAlice = options.withAlice ?? true;
  const secret: SecretMeta = {
    kind: "Secret",
    name: "db-creds",
    namespace: "payments",
    type: "Opaque",
    labels: { app: "api" },
    annotations: {
      owner: "team-payments",
      // What `kubectl apply` leaves on a Secret: the whole manifest, data included.
      "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify({
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "db-creds", namespace: "payments" },
        data: { password: SECRET_B64 },
        stringData: { token: SECRET_PLAIN },
      }),
    },
  };
  // A collector that forgot to drop the payload: extra properties travel with the object at run time.
  Object.assign(secret, { data: { password: SECRET_B64 }, stringData: { token: SECRET_PLAIN } });

  return inventory({
    namespaces: ["default", "ci", "payments", "kube-system"].map((name) => ({ kind: "Namespace" as const, name, labels: { "kubernetes.io/metadata.name": name }, annotations: {} })),
    serviceAccounts: [
      serviceAccount("ci", "deployer"),
      { ...serviceAccount("payments", "api"), automountServiceAccountToken: false, secrets: ["api-token"] },
      serviceAccount("kube-system", "replicaset-controller"),
      serviceAccount("default", "default"),
    ],
    clusterRoles: [
      clusterRole("cluster-admin", [rule(["*"], ["*"], ["*"]), urlRule(["*"], ["*"])]),
      clusterRole("view-lite", [rule(["get", "list", "watch"], [""], ["pods", "services"]), rule(["get"], ["apps"], ["deployments"])]),
      clusterRole("secret-reader", [rule(["get"], [""], ["secrets"])]),
    ],
    roles: [role("ci", "deploy-manager", [rule(["create", "update"], ["apps"], ["deployments"])])],
    clusterRoleBindings: [
      clusterRoleBinding("admins", { kind: "ClusterRole", name: "cluster-admin" }, [group("platform-admins"), ...(withAlice ? [user("alice")] : [])]),
      clusterRoleBinding("sa-view", { kind: "ClusterRole", name: "view-lite" }, [group("system:serviceaccounts")]),
    ],
    roleBindings: [
      roleBinding("ci", "deployer-binding", { kind: "Role", name: "deploy-manager" }, [sa(undefined, "deployer")]),
      roleBinding("payments", "api-secrets", { kind: "ClusterRole", name: "secret-reader" }, [sa("payments", "api")]),
      roleBinding("payments", "ghost", { kind: "ClusterRole", name: "secret-reader" }, [sa("payments", "ghost")]),
    ],
    workloads: [
      workload("Deployment", "payments", "api-server", "api", { security: podSecurity({ secretRefs: ["db-creds"] }) }),
      workload("Pod", "payments", "api-server-7d9f", "api", { owner: { kind: "ReplicaSet", name: "api-server-7d9f" }, nodeName: "node-1" }),
      workload("Pod", "ci", "runner", "deployer", { nodeName: "node-1", security: podSecurity({ privileged: true }) }),
    ],
    secrets: [secret],
    nodes: [{ kind: "Node", name: "node-1", labels: { "kubernetes.io/os": "linux" }, annotations: {}, taints: [{ key: "dedicated", value: "ci", effect: "NoSchedule" }] }],
  });
}

const ev = (binding: Evidence["binding"], roleRef: Evidence["role"], namespace: string | null, via: Evidence["via"]): Evidence => ({
  binding,
  role: roleRef,
  ruleIndex: 0,
  namespace,
  via,
  verbs: ["*"],
  apiGroups: ["*"],
  resources: ["*"],
});

function buildFindings(withAlice = true): Finding[] {
  const admins = { kind: "ClusterRoleBinding" as const, name: "admins" };
  const clusterAdmin = { kind: "ClusterRole" as const, name: "cluster-admin" };
  return [
    ...(withAlice
      ? [
          {
            ruleId: "cluster-admin-binding",
            severity: "critical" as const,
            identityId: "User:alice",
            object: { kind: "ClusterRoleBinding", name: "admins" },
            message: "alice is cluster-admin",
            namespace: null,
            evidence: [ev(admins, clusterAdmin, null, user("alice"))],
            byDesign: false,
          },
        ]
      : []),
    {
      ruleId: "cluster-admin-binding",
      severity: "critical",
      identityId: "Group:platform-admins",
      object: { kind: "ClusterRoleBinding", name: "admins" },
      message: "group platform-admins is cluster-admin",
      namespace: null,
      evidence: [ev(admins, clusterAdmin, null, group("platform-admins"))],
      byDesign: false,
    },
    {
      ruleId: "secret-read",
      severity: "high",
      identityId: "ServiceAccount:payments:api",
      message: "can read Secrets in payments",
      namespace: "payments",
      evidence: [ev({ kind: "RoleBinding", name: "api-secrets", namespace: "payments" }, { kind: "ClusterRole", name: "secret-reader" }, "payments", sa("payments", "api"))],
      byDesign: false,
    },
    {
      ruleId: "dangling-subject",
      severity: "low",
      identityId: "ServiceAccount:payments:ghost",
      object: { kind: "RoleBinding", name: "ghost", namespace: "payments" },
      message: "binding names a missing service account",
      namespace: "payments",
      evidence: [],
      byDesign: false,
    },
    {
      ruleId: "default-sa-token",
      severity: "info",
      object: { kind: "ServiceAccount", name: "default", namespace: "default" },
      message: "default service account token is automounted",
      namespace: "default",
      evidence: [],
      byDesign: true,
    },
  ];
}

function buildRisks(withAlice = true): IdentityRisk[] {
  return [
    ...(withAlice ? [{ identityId: "User:alice", score: 95, level: "critical" as const, overPermissive: true, reasons: ["cluster-admin everywhere"] }] : []),
    { identityId: "Group:platform-admins", score: 95, level: "critical", overPermissive: true, reasons: ["cluster-admin everywhere"] },
    { identityId: "ServiceAccount:payments:api", score: 70, level: "high", overPermissive: true, reasons: ["reads Secrets in payments"] },
    { identityId: "ServiceAccount:payments:ghost", score: 20, level: "low", overPermissive: false, reasons: ["dangling subject"] },
  ];
}

function snapshotInput(clusterName: string, options: { withAlice?: boolean } = {}): SaveSnapshotInput {
  const inv = buildInventory(options);
  const analysis = analyze(inv);
  return {
    clusterName,
    source: "files",
    sourceDetail: "test fixtures",
    inventory: inv,
    analysis,
    findings: buildFindings(options.withAlice ?? true),
    risks: buildRisks(options.withAlice ?? true),
    coverageGaps: [{ resource: "secrets", namespace: "kube-system", reason: "forbidden" }],
    counts: { manifests: 17 },
  };
}

let db: TestDatabase;
let admin: pg.Client;

async function rows<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await admin.query<T>(text, params)).rows;
}

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  admin = new pg.Client({ connectionString: db.url });
  admin.on("error", () => undefined);
  await admin.connect();
});

afterAll(async () => {
  await admin?.end();
  await closeStore();
  delete process.env.DATABASE_URL;
  await db?.drop();
});

describe("saveSnapshot + reads", () => {
  let snapshotId: number;
  let clusterId: number;
  const input = snapshotInput("prod");

  beforeAll(async () => {
    ({ snapshotId } = await saveSnapshot(input));
    clusterId = (await listClusters()).find((c) => c.name === "prod")!.id;
  });

  it("makes the saved snapshot the cluster's current, complete one with counts and coverage gaps", async () => {
    const current = await getCurrentSnapshot(clusterId);
    expect(current).toMatchObject({
      id: snapshotId,
      clusterName: "prod",
      status: "complete",
      source: "files",
      sourceDetail: "test fixtures",
      coverageGaps: [{ resource: "secrets", namespace: "kube-system", reason: "forbidden" }],
      error: null,
    });
    expect(current!.finishedAt).toBeInstanceOf(Date);
    // 4 namespaces, 4 SAs, 1 Role, 3 ClusterRoles, 3 RoleBindings, 2 ClusterRoleBindings, 3 workloads, 1 secret, 1 node.
    // Identities: 4 SA objects + payments/ghost (named by a binding) + User alice + Groups platform-admins, system:serviceaccounts.
    expect(current!.counts).toMatchObject({
      namespaces: 4,
      serviceAccounts: 4,
      roles: 1,
      clusterRoles: 3,
      roleBindings: 3,
      clusterRoleBindings: 2,
      workloads: 3,
      secrets: 1,
      nodes: 1,
      identities: 8,
      users: 1,
      groups: 2,
      serviceAccountIdentities: 5,
      findings: 5,
      manifests: 17,
    });
    const [cluster] = await listClusters();
    expect(cluster).toMatchObject({ name: "prod", current: { id: snapshotId }, latest: { id: snapshotId, status: "complete" } });
  });

  it("stores every object table", async () => {
    const count = async (table: string) => Number((await rows<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE snapshot_id = $1`, [snapshotId]))[0]!.n);
    expect({
      namespace: await count("namespace"),
      identity: await count("identity"),
      role: await count("role"),
      binding: await count("binding"),
      workload: await count("workload"),
      secret_meta: await count("secret_meta"),
      node: await count("node"),
      finding: await count("finding"),
    }).toEqual({ namespace: 4, identity: 8, role: 4, binding: 5, workload: 3, secret_meta: 1, node: 1, finding: 5 });
    // Grants are stored once per binding subject they come through: alice, platform-admins, system:serviceaccounts,
    // ci/deployer, payments/api, payments/ghost — every service account shares the system:serviceaccounts set.
    const sets = await rows<{ subject_id: string; grant_count: number }>("SELECT subject_id, grant_count FROM grant_set WHERE snapshot_id = $1 ORDER BY subject_id", [snapshotId]);
    expect(sets).toEqual([
      { subject_id: "Group:platform-admins", grant_count: 2 },
      { subject_id: "Group:system:serviceaccounts", grant_count: 2 },
      { subject_id: "ServiceAccount:ci:deployer", grant_count: 1 },
      { subject_id: "ServiceAccount:payments:api", grant_count: 1 },
      { subject_id: "ServiceAccount:payments:ghost", grant_count: 1 },
      { subject_id: "User:alice", grant_count: 2 },
    ]);
    // One range entry per (subject, binding); each granting role's rules stored once.
    const [viewSet] = await rows<{ entries: unknown }>("SELECT entries FROM grant_set WHERE snapshot_id = $1 AND key = 'Group:system:serviceaccounts'", [snapshotId]);
    expect(viewSet!.entries).toEqual([{ binding: { kind: "ClusterRoleBinding", name: "sa-view" }, role: { kind: "ClusterRole", name: "view-lite" }, namespace: null, from: 0, to: 2 }]);
    const roleKeys = await rows<{ role_key: string }>("SELECT role_key FROM role_rules WHERE snapshot_id = $1 ORDER BY role_key", [snapshotId]);
    expect(roleKeys.map((r) => r.role_key)).toEqual(["ClusterRole:cluster-admin", "ClusterRole:secret-reader", "ClusterRole:view-lite", "Role:ci:deploy-manager"]);
  });

  it("lists identities by risk score, with each filter", async () => {
    const all = await listIdentities(snapshotId);
    expect(all.total).toBe(8);
    expect(all.rows.slice(0, 4).map((r) => [r.id, r.riskScore, r.riskLevel])).toEqual([
      ["Group:platform-admins", 95, "critical"],
      ["User:alice", 95, "critical"],
      ["ServiceAccount:payments:api", 70, "high"],
      ["ServiceAccount:payments:ghost", 20, "low"],
    ]);
    expect(all.rows.slice(4).every((r) => r.riskScore === 0 && r.riskLevel === "none")).toBe(true);
    const ids = async (filters: Parameters<typeof listIdentities>[1]) => (await listIdentities(snapshotId, filters)).rows.map((r) => r.id).sort();

    expect(await ids({ kind: "ServiceAccount" })).toEqual([
      "ServiceAccount:ci:deployer",
      "ServiceAccount:default:default",
      "ServiceAccount:kube-system:replicaset-controller",
      "ServiceAccount:payments:api",
      "ServiceAccount:payments:ghost",
    ]);
    expect(await ids({ namespace: "payments" })).toEqual(["ServiceAccount:payments:api", "ServiceAccount:payments:ghost"]);
    expect(await ids({ level: "critical" })).toEqual(["Group:platform-admins", "User:alice"]);
    expect(await ids({ level: ["high", "low"] })).toEqual(["ServiceAccount:payments:api", "ServiceAccount:payments:ghost"]);
    expect(await ids({ ruleId: "cluster-admin-binding" })).toEqual(["Group:platform-admins", "User:alice"]);
    expect(await ids({ ruleId: "cluster-admin-binding", kind: "User" })).toEqual(["User:alice"]);
    // kube-system/replicaset-controller is a bootstrap controller account; system:* groups are Kubernetes' own.
    expect(await ids({ builtIn: true })).toEqual(["Group:system:serviceaccounts", "ServiceAccount:kube-system:replicaset-controller"]);
    expect(await ids({ overPermissive: true })).toEqual(["Group:platform-admins", "ServiceAccount:payments:api", "User:alice"]);
    expect(await ids({ q: "PAY" })).toEqual(["ServiceAccount:payments:api", "ServiceAccount:payments:ghost"]);
    // LIKE wildcards in the search text are literal.
    expect(await ids({ q: "a_i" })).toEqual([]);
    expect(await ids({ q: "%" })).toEqual([]);
    expect(await ids({ q: "ali" })).toEqual(["User:alice"]);
  });

  it("pages and sorts", async () => {
    const page2 = await listIdentities(snapshotId, { pageSize: 3, page: 2 });
    expect(page2).toMatchObject({ total: 8, page: 2, pageSize: 3 });
    expect(page2.rows.map((r) => r.id)).toEqual((await listIdentities(snapshotId)).rows.slice(3, 6).map((r) => r.id));
    const beyond = await listIdentities(snapshotId, { pageSize: 3, page: 9 });
    expect(beyond).toMatchObject({ rows: [], total: 8 });
    const byName = await listIdentities(snapshotId, { sort: "name" });
    expect(byName.rows.map((r) => r.name)).toEqual(["alice", "api", "default", "deployer", "ghost", "platform-admins", "replicaset-controller", "system:serviceaccounts"]);
    const byFindings = await listIdentities(snapshotId, { sort: "findings", pageSize: 4 });
    expect(byFindings.rows.map((r) => [r.id, r.findingCount])).toEqual([
      ["Group:platform-admins", 1],
      ["User:alice", 1],
      ["ServiceAccount:payments:api", 1],
      ["ServiceAccount:payments:ghost", 1],
    ]);
  });

  it("drills into an identity: grants with provenance, findings, bindings, workloads", async () => {
    const detail = await getIdentity(snapshotId, "ServiceAccount:payments:api");
    expect(detail).not.toBeNull();
    expect(detail).toMatchObject({
      id: "ServiceAccount:payments:api",
      kind: "ServiceAccount",
      name: "api",
      namespace: "payments",
      username: "system:serviceaccount:payments:api",
      groups: ["system:serviceaccounts", "system:serviceaccounts:payments", "system:authenticated"],
      exists: true,
      builtIn: false,
      riskScore: 70,
      riskLevel: "high",
      grantCount: 3,
      findingCount: 1,
      bindingRefs: [{ kind: "RoleBinding", name: "api-secrets", namespace: "payments" }],
      serviceAccount: { automountServiceAccountToken: false, secrets: ["api-token"], imagePullSecrets: [] },
    });
    // Own RoleBinding first (scoped to payments although it references a ClusterRole), then the two view-lite rules
    // inherited cluster-wide through system:serviceaccounts.
    expect(detail!.grants.map((g) => [g.binding.name, g.binding.namespace ?? null, g.role.name, g.ruleIndex, g.namespace, `${g.via.kind}:${g.via.name}`])).toEqual([
      ["api-secrets", "payments", "secret-reader", 0, "payments", "ServiceAccount:api"],
      ["sa-view", null, "view-lite", 0, null, "Group:system:serviceaccounts"],
      ["sa-view", null, "view-lite", 1, null, "Group:system:serviceaccounts"],
    ]);
    expect(detail!.grants[0]!.rule).toEqual(rule(["get"], [""], ["secrets"]));
    // Exactly what the engine computed, after the round trip.
    expect(detail!.grants).toEqual(input.analysis.grantsByIdentity.get("ServiceAccount:payments:api"));
    expect(detail!.findings.map((f) => [f.ruleId, f.severity, f.namespace])).toEqual([["secret-read", "high", "payments"]]);
    expect(detail!.findings[0]!.evidence).toEqual(buildFindings()[2]!.evidence);
    expect(detail!.bindings.map((b) => [b.kind, b.namespace, b.name, b.roleRef.kind, b.roleRef.name])).toEqual([
      ["RoleBinding", "payments", "api-secrets", "ClusterRole", "secret-reader"],
      ["ClusterRoleBinding", null, "sa-view", "ClusterRole", "view-lite"],
    ]);
    expect(detail!.workloads.map((w) => [w.kind, w.name])).toEqual([
      ["Deployment", "api-server"],
      ["Pod", "api-server-7d9f"],
    ]);
    expect(detail!.workloadTotal).toBe(2);
    expect(detail!.workloads[0]!.security.secretRefs).toEqual(["db-creds"]);
    expect(detail!.workloads[1]).toMatchObject({ nodeName: "node-1", owner: { kind: "ReplicaSet", name: "api-server-7d9f" } });

    const ghost = await getIdentity(snapshotId, "ServiceAccount:payments:ghost");
    expect(ghost).toMatchObject({ exists: false, serviceAccount: null, workloads: [], workloadTotal: 0 });
    const alice = await getIdentity(snapshotId, "User:alice");
    expect(alice!.grants.map((g) => [g.binding.name, g.ruleIndex, g.namespace])).toEqual([
      ["admins", 0, null],
      ["admins", 1, null],
    ]);
    expect(alice!.grants[1]!.rule.nonResourceURLs).toEqual(["*"]);
    expect(await getIdentity(snapshotId, "User:nobody")).toBeNull();
  });

  it("round-trips every identity's grants exactly", async () => {
    for (const identity of input.analysis.identities) {
      const detail = await getIdentity(snapshotId, identity.id);
      expect(detail!.grants, identity.id).toEqual(input.analysis.grantsByIdentity.get(identity.id) ?? []);
      expect(detail!.grantCount).toBe((input.analysis.grantsByIdentity.get(identity.id) ?? []).length);
    }
  });

  it("lists findings most severe first, with filters", async () => {
    const all = await listFindings(snapshotId);
    expect(all.total).toBe(5);
    expect(all.rows.map((f) => [f.severity, f.ruleId, f.identityId])).toEqual([
      ["critical", "cluster-admin-binding", "Group:platform-admins"],
      ["critical", "cluster-admin-binding", "User:alice"],
      ["high", "secret-read", "ServiceAccount:payments:api"],
      ["low", "dangling-subject", "ServiceAccount:payments:ghost"],
      ["info", "default-sa-token", null],
    ]);
    expect(all.rows[3]!.object).toEqual({ kind: "RoleBinding", name: "ghost", namespace: "payments" });
    expect(all.rows[0]!.object).toEqual({ kind: "ClusterRoleBinding", name: "admins" });
    const ruleIds = async (f: Parameters<typeof listFindings>[1]) => (await listFindings(snapshotId, f)).rows.map((r) => `${r.ruleId}/${r.identityId}`);
    expect(await ruleIds({ byDesign: true })).toEqual(["default-sa-token/null"]);
    expect(await ruleIds({ namespace: null })).toEqual(["cluster-admin-binding/Group:platform-admins", "cluster-admin-binding/User:alice"]);
    expect(await ruleIds({ namespace: "payments" })).toEqual(["secret-read/ServiceAccount:payments:api", "dangling-subject/ServiceAccount:payments:ghost"]);
    expect(await ruleIds({ severity: ["high", "low"] })).toEqual(["secret-read/ServiceAccount:payments:api", "dangling-subject/ServiceAccount:payments:ghost"]);
    expect(await ruleIds({ identityId: "User:alice" })).toEqual(["cluster-admin-binding/User:alice"]);
    expect(await ruleIds({ q: "MISSING service" })).toEqual(["dangling-subject/ServiceAccount:payments:ghost"]);
    expect(await listFindings(snapshotId, { pageSize: 2, page: 3 })).toMatchObject({ total: 5, rows: [{ ruleId: "default-sa-token" }] });
  });

  it("summarises a snapshot", async () => {
    const summary = await snapshotSummary(snapshotId);
    expect(summary).toMatchObject({
      snapshot: { id: snapshotId, status: "complete" },
      identitiesByKind: { User: 1, Group: 2, ServiceAccount: 5 },
      identitiesByLevel: { critical: 2, high: 1, medium: 0, low: 1, info: 0, none: 4 },
      findingsBySeverity: { critical: 2, high: 1, medium: 0, low: 1, info: 1 },
      findingsByRule: [
        { ruleId: "cluster-admin-binding", severity: "critical", count: 2 },
        { ruleId: "secret-read", severity: "high", count: 1 },
        { ruleId: "dangling-subject", severity: "low", count: 1 },
        { ruleId: "default-sa-token", severity: "info", count: 1 },
      ],
    });
    expect(summary!.topIdentities.map((i) => i.id)).toEqual(["Group:platform-admins", "User:alice", "ServiceAccount:payments:api", "ServiceAccount:payments:ghost"]);
    expect(summary!.counts.workloads).toBe(3);
    expect(await snapshotSummary(999_999)).toBeNull();
    // Without the aggregates stored at save time, the same numbers come from the rows.
    await admin.query("UPDATE snapshot SET stats = '{}' WHERE id = $1", [snapshotId]);
    expect(await snapshotSummary(snapshotId)).toEqual(summary);
  });

  it("moves current to a newer snapshot and keeps the older one readable", async () => {
    const { snapshotId: newer } = await saveSnapshot(snapshotInput("prod", { withAlice: false }));
    expect(newer).toBeGreaterThan(snapshotId);
    expect((await getCurrentSnapshot(clusterId))!.id).toBe(newer);
    expect((await listSnapshots(clusterId)).map((s) => [s.id, s.status])).toEqual([
      [newer, "complete"],
      [snapshotId, "complete"],
    ]);
    expect(await getIdentity(newer, "User:alice")).toBeNull();
    expect(await getIdentity(snapshotId, "User:alice")).not.toBeNull();
    expect((await listIdentities(newer)).total).toBe(7);
  });
});

describe("effective permissions storage", () => {
  it("keeps a ClusterRole's aggregated rules as the engine bound them", async () => {
    const inv = inventory({
      clusterRoles: [
        // The aggregated role's own rules are replaced by the union of the selected roles' rules.
        clusterRole("monitoring", [rule(["delete"], [""], ["nodes"])], { aggregate: [{ matchLabels: { "example.com/aggregate-to-monitoring": "true" }, matchExpressions: [] }] }),
        clusterRole("monitoring-pods", [rule(["get"], [""], ["pods/log"])], { labels: { "example.com/aggregate-to-monitoring": "true" } }),
      ],
      clusterRoleBindings: [clusterRoleBinding("carol-monitoring", { kind: "ClusterRole", name: "monitoring" }, [user("carol")])],
    });
    const analysis = analyze(inv);
    const { snapshotId } = await saveSnapshot({ clusterName: "aggregation", source: "files", inventory: inv, analysis, findings: [], risks: [] });
    const carol = await getIdentity(snapshotId, "User:carol");
    expect(carol!.grants.map((g) => [g.binding.name, g.role.name, g.ruleIndex, g.rule.verbs, g.rule.resources])).toEqual([["carol-monitoring", "monitoring", 0, ["get"], ["pods/log"]]]);
    // The role table keeps the object as written; the grant's rule is the aggregated one.
    const [stored] = await rows<{ rules: unknown }>("SELECT rules FROM role WHERE snapshot_id = $1 AND name = 'monitoring'", [snapshotId]);
    expect(stored!.rules).toEqual([rule(["delete"], [""], ["nodes"])]);
  });

  it("keeps grants that do not fit the range shape verbatim", async () => {
    const inv = inventory({});
    const via = user("dora");
    const binding = { kind: "ClusterRoleBinding" as const, name: "b" };
    const roleRef = { kind: "ClusterRole" as const, name: "r" };
    // Same role and rule index with two different rules (no engine does this): the second must survive as written.
    const grants = [
      { binding, role: roleRef, ruleIndex: 0, rule: rule(["get"], [""], ["pods"]), namespace: null, via },
      { binding, role: roleRef, ruleIndex: 0, rule: rule(["list"], [""], ["pods"]), namespace: "x", via },
      { binding, role: roleRef, ruleIndex: 3, rule: rule(["watch"], [""], ["pods"]), namespace: null, via },
    ];
    const identity = { id: "User:dora", kind: "User" as const, name: "dora", username: "dora", groups: ["system:authenticated"], builtIn: false, exists: true, bindings: [binding] };
    const { snapshotId } = await saveSnapshot({
      clusterName: "verbatim",
      source: "files",
      inventory: inv,
      analysis: { identities: [identity], grantsByIdentity: new Map([["User:dora", grants]]) },
      findings: [],
      risks: [],
    });
    expect((await getIdentity(snapshotId, "User:dora"))!.grants).toEqual(grants);
  });
});

describe("a Secret's data never reaches the database", () => {
  it("stores the Secret's metadata but no column anywhere holds its value", async () => {
    const { snapshotId } = await saveSnapshot(snapshotInput("secrets-check"));
    const stored = await rows<{ name: string; type: string; labels: unknown; annotations: Record<string, string> }>(
      "SELECT name, type, labels, annotations FROM secret_meta WHERE snapshot_id = $1",
      [snapshotId],
    );
    expect(stored).toEqual([{ name: "db-creds", type: "Opaque", labels: { app: "api" }, annotations: { owner: "team-payments" } }]);

    // Every row of every table in the database, as text.
    const tables = await rows<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
    expect(tables.length).toBeGreaterThan(10);
    for (const { table_name } of tables) {
      const hits = await rows<{ n: string }>(
        `SELECT count(*) AS n FROM "${table_name}" t WHERE t::text LIKE '%' || $1 || '%' OR t::text LIKE '%' || $2 || '%' OR t::text ILIKE '%stringData%'`,
        [SECRET_PLAIN, SECRET_B64],
      );
      expect(Number(hits[0]!.n), `table ${table_name}`).toBe(0);
    }
    // The scan itself would find the value if it were stored.
    await admin.query("CREATE TEMP TABLE probe (v jsonb)");
    await admin.query("INSERT INTO probe VALUES ($1)", [JSON.stringify({ data: { password: SECRET_B64 } })]);
    const probe = await rows<{ n: string }>(`SELECT count(*) AS n FROM probe t WHERE t::text LIKE '%' || $1 || '%'`, [SECRET_B64]);
    expect(Number(probe[0]!.n)).toBe(1);
  });
});

describe("atomicity and failures", () => {
  it("an exception in the middle of saveSnapshot leaves the previous snapshot current and marks the new one failed", async () => {
    const { snapshotId: good } = await saveSnapshot(snapshotInput("staging"));
    const clusterId = (await getSnapshot(good))!.clusterId;
    const stages: string[] = [];
    const failing = snapshotInput("staging", { withAlice: false });
    failing.onProgress = (stage) => {
      stages.push(stage);
      if (stage === "workload") throw new Error("collector crashed while writing workloads");
    };
    await expect(saveSnapshot(failing)).rejects.toThrow("collector crashed while writing workloads");
    // namespaces, identities, grant sets, roles and bindings were already inserted before the crash.
    expect(stages).toEqual(["namespace", "identity", "grant_set", "role_rules", "role", "binding", "workload"]);

    expect((await getCurrentSnapshot(clusterId))!.id).toBe(good);
    const [failed] = await listSnapshots(clusterId);
    expect(failed).toMatchObject({ status: "failed", error: "collector crashed while writing workloads" });
    expect(failed!.id).not.toBe(good);
    expect(failed!.finishedAt).toBeInstanceOf(Date);
    // Nothing of the failed snapshot is left: its rows were rolled back with the transaction.
    for (const table of ["namespace", "identity", "grant_set", "role_rules", "role", "binding", "workload", "finding"]) {
      const n = await rows<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE snapshot_id = $1`, [failed!.id]);
      expect(Number(n[0]!.n), table).toBe(0);
    }
    expect((await listIdentities(good)).total).toBe(8);
    // The lock was released: the next collection runs.
    const { snapshotId: next } = await saveSnapshot(snapshotInput("staging"));
    expect((await getCurrentSnapshot(clusterId))!.id).toBe(next);
  });

  it("a transaction killed from outside mid-write leaves the previous snapshot current and marks the new one failed", async () => {
    const { snapshotId: good } = await saveSnapshot(snapshotInput("killed"));
    const clusterId = (await getSnapshot(good))!.clusterId;
    const input = snapshotInput("killed", { withAlice: false });
    input.onProgress = async (stage) => {
      if (stage !== "finding") return;
      // The writer is inside its transaction: terminate its backend, as a DBA or a crash would.
      const killed = await rows<{ ok: boolean }>(
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'palisade-collector' AND state = 'idle in transaction'`,
      );
      expect(killed).toEqual([{ ok: true }]);
    };
    await expect(saveSnapshot(input)).rejects.toThrow(/terminat|Connection/i);
    expect((await getCurrentSnapshot(clusterId))!.id).toBe(good);
    const [failed] = await listSnapshots(clusterId);
    expect(failed!.status).toBe("failed");
    expect(failed!.error).toMatch(/terminat|Connection/i);
    expect(Number((await rows<{ n: string }>("SELECT count(*) AS n FROM identity WHERE snapshot_id = $1", [failed!.id]))[0]!.n)).toBe(0);
  });

  it("a collection whose process died (session gone, row left collecting) is marked failed by the next one", async () => {
    const handle = await beginSnapshot({ clusterName: "crashy", source: "live", sourceDetail: "ctx" });
    expect((await getSnapshot(handle.snapshotId))!.status).toBe("collecting");
    // The collector process dies: its session ends, taking the advisory lock with it.
    await rows("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'palisade-collector' AND datname = current_database()");
    const { snapshotId } = await saveSnapshot(snapshotInput("crashy"));
    expect(await getSnapshot(handle.snapshotId)).toMatchObject({ status: "failed", error: expect.stringMatching(/^interrupted/) });
    expect((await getCurrentSnapshot(handle.clusterId))!.id).toBe(snapshotId);
    expect((await getSnapshot(handle.snapshotId))!.source).toBe("live");
  });

  it("failSnapshot marks a begun collection failed and keeps the last good snapshot current", async () => {
    const { snapshotId: good } = await saveSnapshot(snapshotInput("partial"));
    const handle = await beginSnapshot({ clusterName: "partial", source: "in-cluster" });
    await failSnapshot(handle, new Error("listing clusterroles: 403 Forbidden"));
    expect(await getSnapshot(handle.snapshotId)).toMatchObject({ status: "failed", error: "listing clusterroles: 403 Forbidden", source: "in-cluster" });
    expect((await getCurrentSnapshot(handle.clusterId))!.id).toBe(good);
    await expect(saveSnapshot({ ...snapshotInput("partial"), snapshot: handle })).rejects.toThrow(/not being collected any more/);
  });
});

describe("pruning", () => {
  it("keeps the newest snapshots and the current one, deleting the rest with their rows", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await saveSnapshot(snapshotInput("prune"))).snapshotId);
    const failing = snapshotInput("prune");
    failing.onProgress = (stage) => {
      if (stage === "binding") throw new Error("boom");
    };
    await expect(saveSnapshot(failing)).rejects.toThrow("boom");
    const clusterId = (await getSnapshot(ids[0]!))!.clusterId;
    const [failed] = await listSnapshots(clusterId);
    // Newest first: failed, ids[2] (current), ids[1], ids[0]. Keep 2 → failed and ids[2] stay.
    expect(await pruneSnapshots(clusterId, { keep: 2 })).toEqual([ids[1], ids[0]]);
    expect((await listSnapshots(clusterId)).map((s) => s.id)).toEqual([failed!.id, ids[2]]);
    expect(Number((await rows<{ n: string }>("SELECT count(*) AS n FROM identity WHERE snapshot_id = ANY($1)", [[ids[0], ids[1]]]))[0]!.n)).toBe(0);
    // Keeping 1 would leave only the failed one: the current snapshot is kept anyway.
    expect(await pruneSnapshots(clusterId, { keep: 1 })).toEqual([]);
    expect((await getCurrentSnapshot(clusterId))!.id).toBe(ids[2]);
    expect((await listIdentities(ids[2]!)).total).toBe(8);
  });
});

describe("concurrent collections of one cluster", () => {
  it("refuses the second with a clear message while the first holds the lock", async () => {
    const first = await beginSnapshot({ clusterName: "busy", source: "live" });
    const second = beginSnapshot({ clusterName: "busy", source: "live" });
    await expect(second).rejects.toBeInstanceOf(CollectionInProgressError);
    await expect(second).rejects.toThrow(
      `a collection of cluster busy is already running (started ${first.startedAt.toISOString()}, snapshot #${first.snapshotId}); wait for it to finish`,
    );
    await expect(saveSnapshot(snapshotInput("busy"))).rejects.toBeInstanceOf(CollectionInProgressError);
    // Another cluster is not blocked.
    const other = await beginSnapshot({ clusterName: "calm", source: "live" });
    await failSnapshot(other, new Error("test over"));

    const { snapshotId } = await saveSnapshot({ ...snapshotInput("busy"), snapshot: first });
    expect(snapshotId).toBe(first.snapshotId);
    expect((await getCurrentSnapshot(first.clusterId))!.id).toBe(first.snapshotId);
    // Lock released: the next collection proceeds.
    const after = await saveSnapshot(snapshotInput("busy"));
    expect((await getCurrentSnapshot(first.clusterId))!.id).toBe(after.snapshotId);
    // The refused attempts left no snapshot rows behind.
    expect((await listSnapshots(first.clusterId)).map((s) => s.status)).toEqual(["complete", "complete"]);
  });

  it("of two simultaneous saves exactly one wins", async () => {
    const results = await Promise.allSettled([saveSnapshot(snapshotInput("race")), saveSnapshot(snapshotInput("race"))]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(CollectionInProgressError);
  });

  it("rejects a handle used for another cluster", async () => {
    const handle = await beginSnapshot({ clusterName: "one", source: "files" });
    await expect(saveSnapshot({ ...snapshotInput("two"), snapshot: handle })).rejects.toThrow("belongs to cluster one, not two");
    expect((await getSnapshot(handle.snapshotId))!.status).toBe("failed");
  });
});
