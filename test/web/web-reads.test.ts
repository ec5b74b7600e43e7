/**
 * The web app's reads against a real database holding the Acme Pay demo (lib/demo): the store functions added for the
 * web (lib/store/{inventory,analysis,dashboard,finding-groups,graph}.ts) and the server helpers built on them
 * (app/_lib). Expected answers come from the demo manifests (lib/demo/README.md), worked out by hand, or from the
 * engine run on the original in-memory inventory — never from the code under test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoInventory } from "@/lib/demo";
import { analyze, canI, implicitGroupsFor, whoCan } from "@/lib/rbac";
import type { Analysis, RequestAttributes } from "@/lib/rbac/types";
import { runRules, scoreIdentities } from "@/lib/rules";
import type { Finding, IdentityRisk } from "@/lib/rules/types";
import { closeStore, saveSnapshot } from "@/lib/store";
import { clearSnapshotAnalysisCache, getSnapshotAnalysis } from "@/lib/store/analysis";
import { identityBreakdown, listSnapshotTrend } from "@/lib/store/dashboard";
import { listFindingSamplesByRule } from "@/lib/store/finding-groups";
import { loadSnapshotInventory } from "@/lib/store/inventory";
import { RELATION_LIMIT } from "@/lib/view/access-graph";
import { createTestDatabase, type TestDatabase } from "@/test/support/postgres";
import { loadAccessGraph } from "@/app/_lib/access-graph";
import { runCanI, runWhoCan } from "@/app/_lib/access-queries";

let db: TestDatabase;
let analysis: Analysis;
let findings: Finding[];
let risks: IdentityRisk[];
let snapshotId: number;
let firstSnapshotId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const loaded = await loadDemoInventory();
  expect(loaded.errors).toEqual([]);
  analysis = analyze(loaded.inventory);
  findings = runRules(analysis);
  risks = scoreIdentities(analysis, findings);
  const input = { clusterName: "acme", source: "files" as const, sourceDetail: "lib/demo/manifests", inventory: loaded.inventory, analysis, findings, risks };
  firstSnapshotId = (await saveSnapshot(input)).snapshotId;
  snapshotId = (await saveSnapshot(input)).snapshotId;
}, 120_000);

afterAll(async () => {
  clearSnapshotAnalysisCache();
  await closeStore();
  delete process.env.DATABASE_URL;
  await db?.drop();
});

const res = (verb: string, resource: string, namespace?: string, extra: Partial<RequestAttributes> = {}): RequestAttributes =>
  ({ type: "resource", verb, apiGroup: "", resource, ...(namespace ? { namespace } : {}), ...extra }) as RequestAttributes;

describe("loadSnapshotInventory + analyze", () => {
  it("answers who-can and can-i exactly as the engine does on the collected inventory", async () => {
    const inv = await loadSnapshotInventory(snapshotId);
    expect(inv).not.toBeNull();
    const stored = analyze(inv!);
    expect(stored.identities.map((i) => i.id).sort()).toEqual(analysis.identities.map((i) => i.id).sort());
    const requests: RequestAttributes[] = [
      res("get", "secrets", "payments"),
      res("list", "secrets"),
      res("create", "pods", "payments", { subresource: "exec" }),
      res("impersonate", "groups"),
      res("escalate", "clusterroles", undefined, { apiGroup: "rbac.authorization.k8s.io" }),
      res("create", "applications", "argocd", { apiGroup: "argoproj.io" }),
      { type: "nonResource", verb: "get", path: "/metrics" },
    ];
    for (const r of requests) expect(whoCan(stored, r), JSON.stringify(r)).toEqual(whoCan(analysis, r));
    const user = "system:serviceaccount:ci:github-actions-deployer";
    expect(canI(stored, user, implicitGroupsFor(user), res("create", "pods", "payments"))).toEqual(canI(analysis, user, implicitGroupsFor(user), res("create", "pods", "payments")));
  });

  it("is null for a snapshot that does not exist, and the cached analysis is reused", async () => {
    expect(await loadSnapshotInventory(999_999)).toBeNull();
    expect(await getSnapshotAnalysis(999_999)).toBeNull();
    const a = await getSnapshotAnalysis(snapshotId);
    expect(await getSnapshotAnalysis(snapshotId)).toBe(a);
  });
});

describe("dashboard reads", () => {
  it("splits identities into built-in and the organisation's own, by kind, level and over-permissiveness", async () => {
    const b = await identityBreakdown(snapshotId);
    const builtIn = analysis.identities.filter((i) => i.builtIn);
    const own = analysis.identities.filter((i) => !i.builtIn);
    expect(b.builtIn.total).toBe(builtIn.length);
    expect(b.own.total).toBe(own.length);
    expect(b.own.byKind).toEqual({ User: own.filter((i) => i.kind === "User").length, Group: own.filter((i) => i.kind === "Group").length, ServiceAccount: own.filter((i) => i.kind === "ServiceAccount").length });
    const riskOf = new Map(risks.map((r) => [r.identityId, r]));
    expect(b.own.overPermissive).toBe(own.filter((i) => riskOf.get(i.id)?.overPermissive).length);
    expect(b.own.byLevel.critical).toBe(own.filter((i) => riskOf.get(i.id)?.level === "critical").length);
    // The README's three hidden cluster-admins and dave are among the organisation's critical identities.
    expect(b.own.byLevel.critical).toBeGreaterThanOrEqual(4);
  });

  it("lists complete snapshots oldest first with their stored aggregates", async () => {
    const trend = await listSnapshotTrend((await loadClusterId())!);
    expect(trend.map((t) => t.snapshotId)).toEqual([firstSnapshotId, snapshotId]);
    expect(trend[1]!.findings).toBe(findings.length);
    expect(trend[1]!.stats!.findingsBySeverity.critical).toBe(findings.filter((f) => f.severity === "critical").length);
  });
});

async function loadClusterId(): Promise<number | undefined> {
  const { listClusters } = await import("@/lib/store");
  return (await listClusters()).find((c) => c.name === "acme")?.id;
}

describe("listFindingSamplesByRule", () => {
  it("counts each rule's findings, takes the most severe, and samples at most perRule", async () => {
    const groups = await listFindingSamplesByRule(snapshotId, { perRule: 3 });
    const own = findings.filter((f) => !f.byDesign);
    const byRule = new Map<string, Finding[]>();
    for (const f of own) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    expect(new Map(groups.map((g) => [g.ruleId, g.total]))).toEqual(new Map([...byRule].map(([k, v]) => [k, v.length])));
    const rank = { critical: 4, high: 3, medium: 2, low: 1, info: 0 } as const;
    for (const g of groups) {
      expect(g.severity).toBe(byRule.get(g.ruleId)!.reduce((s, f) => (rank[f.severity] > rank[s] ? f.severity : s), "info" as Finding["severity"]));
      expect(g.findings.length).toBe(Math.min(3, g.total));
      expect(g.findings.every((f) => f.ruleId === g.ruleId && !f.byDesign)).toBe(true);
    }
    const byDesign = await listFindingSamplesByRule(snapshotId, { perRule: 1, byDesign: true });
    expect(byDesign.reduce((n, g) => n + g.total, 0)).toBe(findings.filter((f) => f.byDesign).length);
  });
});

describe("who-can and can-i on the stored snapshot", () => {
  it("finds who can impersonate groups (worked out by hand from the demo manifests)", async () => {
    // Cluster-scoped: ClusterRoleBindings only. cluster-admin (bootstrap: system:masters; demo: oidc:sre, dave, the
    // dashboard), support-impersonator (oidc:support-engineers), and the two `*` on `*` ClusterRoles (dataflow
    // operator, Argo CD's application controller). argocd-server's `*` resources allow only delete/get/patch.
    const out = await runWhoCan(snapshotId, { verb: "impersonate", resource: "groups" });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.value.subjects.map((s) => `${s.kind} ${s.namespace ? `${s.namespace}/` : ""}${s.name}`)).toEqual([
      "User dave@acmepay.example",
      "Group oidc:sre",
      "Group oidc:support-engineers",
      "Group system:masters",
      "ServiceAccount argocd/argocd-application-controller",
      "ServiceAccount data-platform/dataflow-operator",
      "ServiceAccount kube-system/kubernetes-dashboard",
    ]);
    const support = out.value.subjects.find((s) => s.name === "oidc:support-engineers")!;
    expect(support.via).toEqual([{ binding: { kind: "ClusterRoleBinding", name: "support-impersonator" }, role: { kind: "ClusterRole", name: "support-impersonator" }, ruleIndex: 0, rule: '- apiGroups: [""]\n  resources: [users, groups]\n  verbs: [impersonate]' }]);
    expect(support.identity?.riskLevel).toBe("critical");
  });

  it("answers can-i with implicit groups added, and reports bad questions", async () => {
    const yes = await runCanI(snapshotId, { user: "someone@acmepay.example", group: ["oidc:support-engineers"], verb: "impersonate", resource: "groups" });
    expect(yes.ok && yes.value.allowed).toBe(true);
    expect(yes.ok && yes.value.groups).toEqual(["system:authenticated", "oidc:support-engineers"]);
    const no = await runCanI(snapshotId, { user: "someone@acmepay.example", verb: "impersonate", resource: "groups" });
    expect(no.ok && no.value.allowed).toBe(false);
    const bad = await runWhoCan(snapshotId, { verb: "get", resource: "pods", path: "/healthz" });
    expect(bad).toEqual({ ok: false, error: "give either a resource or a non-resource URL (path), not both" });
    expect((await runCanI(snapshotId, { verb: "get", resource: "pods" })).ok).toBe(false);
  });
});

describe("loadAccessGraph", () => {
  it("draws a service account's bindings, roles and groups (ci/github-actions-deployer)", async () => {
    const g = await loadAccessGraph(snapshotId, "identity:ServiceAccount:ci:github-actions-deployer");
    expect(g).not.toBeNull();
    const ids = new Set(g!.nodes.map((n) => n.id));
    const edges = new Set(g!.edges.map((e) => `${e.kind} ${e.source} ${e.target}`));
    // README: bound to ci-deployer in payments, checkout and web.
    for (const ns of ["payments", "checkout", "web"]) {
      expect(edges.has(`subject-of identity:ServiceAccount:ci:github-actions-deployer binding:RoleBinding:${ns}:github-actions-deployer`)).toBe(true);
      expect(edges.has(`grants binding:RoleBinding:${ns}:github-actions-deployer role:ClusterRole::ci-deployer`)).toBe(true);
      expect(edges.has(`in-namespace binding:RoleBinding:${ns}:github-actions-deployer namespace:${ns}`)).toBe(true);
    }
    expect(edges.has("in-namespace identity:ServiceAccount:ci:github-actions-deployer namespace:ci")).toBe(true);
    // Every authenticated identity is in system:authenticated, which web/everyone-can-view binds to `view`.
    expect(edges.has("member-of identity:ServiceAccount:ci:github-actions-deployer identity:Group:system:authenticated")).toBe(true);
    expect(ids.has("binding:RoleBinding:web:everyone-can-view")).toBe(true);
    const node = (id: string) => g!.nodes.find((n) => n.id === id)!;
    expect(node("identity:ServiceAccount:ci:github-actions-deployer").risk).toBe("high");
    // ci-deployer's `create pods` is a high finding in each namespace; nothing critical runs through it.
    expect(node("role:ClusterRole::ci-deployer").risk).toBe("high");
  });

  it("folds a namespace's service accounts above the limit and expands the fold", async () => {
    const inKubeSystem = analysis.identities.filter((i) => i.kind === "ServiceAccount" && i.namespace === "kube-system").length;
    expect(inKubeSystem).toBeGreaterThan(RELATION_LIMIT);
    const ns = await loadAccessGraph(snapshotId, "namespace:kube-system");
    const fold = ns!.nodes.find((n) => n.id === "sa-in:kube-system");
    expect(fold).toMatchObject({ kind: "aggregate", count: inKubeSystem, expandable: true });
    // Service accounts drawn one by one are only those named by the namespace's RoleBindings.
    const subjects = new Set(ns!.edges.filter((e) => e.kind === "subject-of").map((e) => e.source));
    const drawn = ns!.nodes.filter((n) => n.kind === "serviceaccount");
    expect(drawn.length).toBeLessThan(inKubeSystem);
    expect(drawn.filter((n) => !subjects.has(n.id))).toEqual([]);
    const open = await loadAccessGraph(snapshotId, "sa-in:kube-system");
    expect(open!.nodes.filter((n) => n.kind === "serviceaccount")).toHaveLength(inKubeSystem);
  });

  it("draws a role's bindings with their subjects, and refuses unknown nodes", async () => {
    const g = await loadAccessGraph(snapshotId, "role:ClusterRole::support-impersonator");
    const edges = g!.edges.map((e) => `${e.kind} ${e.source} ${e.target}`);
    expect(edges).toContain("grants binding:ClusterRoleBinding::support-impersonator role:ClusterRole::support-impersonator");
    expect(edges).toContain("subject-of identity:Group:oidc:support-engineers binding:ClusterRoleBinding::support-impersonator");
    expect(g!.nodes.find((n) => n.id === "identity:Group:oidc:support-engineers")!.risk).toBe("critical");
    expect(await loadAccessGraph(snapshotId, "identity:User:nobody@example.com")).toBeNull();
    expect(await loadAccessGraph(snapshotId, "namespace:no-such-namespace")).toBeNull();
    expect(await loadAccessGraph(snapshotId, "pods")).toBeNull();
    const overview = await loadAccessGraph(snapshotId, "overview");
    expect(overview!.nodes.map((n) => n.label).sort()).toEqual(analysis.inventory.namespaces.map((n) => n.name).sort());
  });
});
