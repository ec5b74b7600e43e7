/**
 * The demo cluster through the real pipeline (loadDemoCluster → runCollection → embedded PostgreSQL) stores the attack
 * paths lib/demo/README.md describes. Expected paths are worked out by hand from the manifests and Kubernetes' RBAC
 * rules, with the step costs of lib/graph/WEIGHTS.md:
 *
 * - ci/github-actions-deployer is bound to ClusterRole ci-deployer by RoleBinding payments/github-actions-deployer;
 *   rule 0 allows `create` on deployments.apps. Whoever creates a Deployment chooses its pod spec, so it can mount
 *   any Secret of payments, including ledger-db-credentials (the "Payments ledger database credentials" jewel,
 *   tier-0): one CREATE_POD step, cost 2. (payments enforces `restricted`, so no privileged pod and no node step.)
 * - oidc:support-engineers may impersonate any user and group (ClusterRoleBinding support-impersonator, no
 *   resourceNames), so they can impersonate system:masters: one IMPERSONATE step (cost 1) to cluster-admin.
 * - oidc:data-platform-devs hold `edit` in data-platform, and Kubernetes' edit allows `impersonate` on
 *   serviceaccounts: they act as data-platform/dataflow-operator (IMPERSONATE, 1), whose ClusterRole is `*` on `*`
 *   (GRANTED, 0): cluster-admin in two steps, cost 1. The same impersonation reaches etl-runner, annotated with an
 *   IRSA role: IMPERSONATE (1) + CLOUD_ROLE (1) to the AWS jewel.
 * - oidc:payments-devs only have `view` in payments (no secrets, no exec, no pod creation): no path to the ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CLUSTER_NAME, loadDemoCluster } from "@/lib/pipeline";
import { closeStore, getAttackGraphSummary, getIdentityAttackPaths, listCrownJewels, listJewelReachers } from "@/lib/store";
import { createTestDatabase, type TestDatabase } from "@/test/support/postgres";

const LEDGER_CREDENTIALS = "jewel:name:Payments ledger database credentials";

let db: TestDatabase;
let snapshotId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const loaded = await loadDemoCluster({ clusterName: DEMO_CLUSTER_NAME });
  snapshotId = loaded.snapshotId;
}, 120_000);

afterAll(async () => {
  await closeStore();
  await db?.drop();
});

describe("the demo cluster's stored attack paths", () => {
  it("has the designated crown jewels with their tiers, and the built-in ones", async () => {
    const jewels = await listCrownJewels(snapshotId);
    const byId = new Map(jewels.map((j) => [j.id, j]));
    expect(byId.get(LEDGER_CREDENTIALS)).toMatchObject({ name: "Payments ledger database credentials", tier: "tier-0", source: "designated" });
    expect(byId.get(LEDGER_CREDENTIALS)!.targets.map((t) => t.id)).toEqual(["Secret:payments:ledger-db-credentials"]);
    expect(byId.get("jewel:name:Payment gateway API key")).toMatchObject({ tier: "tier-1" });
    expect(byId.get("jewel:cluster-admin")).toMatchObject({ source: "built-in" });
    expect(byId.get("jewel:cloud:aws")!.targets.map((t) => t.label)).toContain("AWS IAM arn:aws:iam::111122223333:role/data-platform-s3-full-access");
    expect(await getAttackGraphSummary(snapshotId)).toMatchObject({ k: 2, selectors: 0 });
  });

  it("a GitHub workflow's service account reaches the ledger's credentials by creating a pod in payments", async () => {
    const mine = await getIdentityAttackPaths(snapshotId, "ServiceAccount:ci:github-actions-deployer", { jewelId: LEDGER_CREDENTIALS });
    const best = mine!.paths.find((p) => p.rank === 0)!;
    expect(best).toMatchObject({ cost: 2, target: { id: "Secret:payments:ledger-db-credentials" } });
    expect(best.steps).toHaveLength(1);
    expect(best.steps[0]).toMatchObject({ label: "CREATE_POD", via: [{ id: "Scope:secrets:payments", label: "any secret in payments" }] });
    expect(best.steps[0]!.explanation).toMatch(/^can create \w+ in payments, mounting any secret there → reads secret payments\/ledger-db-credentials$/);
    expect(best.steps[0]!.evidence[0]).toMatchObject({
      kind: "grant",
      binding: { kind: "RoleBinding", name: "github-actions-deployer", namespace: "payments" },
      role: { kind: "ClusterRole", name: "ci-deployer" },
      ruleIndex: 0,
    });
    const reachers = await listJewelReachers(snapshotId, LEDGER_CREDENTIALS, { pageSize: 200 });
    expect(reachers!.rows.map((r) => r.identity.id)).toContain("ServiceAccount:ci:github-actions-deployer");
    // Ranked: nobody after a reacher has a cheaper path.
    const costs = reachers!.rows.map((r) => r.cost);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
  });

  it("support engineers become cluster-admin by impersonating system:masters", async () => {
    const mine = await getIdentityAttackPaths(snapshotId, "Group:oidc:support-engineers", { jewelId: "jewel:cluster-admin" });
    const best = mine!.paths.find((p) => p.rank === 0)!;
    expect(best.cost).toBe(1);
    expect(best.steps.map((s) => [s.label, s.to.id, s.explanation])).toEqual([["IMPERSONATE", "ClusterAdmin", "can impersonate group system:masters"]]);
    expect(best.steps[0]!.evidence.map((e) => (e.kind === "grant" ? [e.binding.name, e.role.name] : e.kind))).toContainEqual(["support-impersonator", "support-impersonator"]);
  });

  it("data-platform developers reach cluster-admin and the AWS role through data-platform's service accounts", async () => {
    const mine = await getIdentityAttackPaths(snapshotId, "Group:oidc:data-platform-devs");
    const admin = mine!.paths.find((p) => p.jewelId === "jewel:cluster-admin" && p.rank === 0)!;
    expect(admin.cost).toBe(1);
    expect(admin.steps.map((s) => [s.label, s.to.id])).toEqual([
      ["IMPERSONATE", "ServiceAccount:data-platform:dataflow-operator"],
      ["GRANTED", "ClusterAdmin"],
    ]);
    expect(admin.steps[0]!.evidence[0]).toMatchObject({ kind: "grant", binding: { kind: "RoleBinding", namespace: "data-platform" }, role: { kind: "ClusterRole", name: "edit" } });
    const aws = mine!.paths.find((p) => p.jewelId === "jewel:cloud:aws" && p.rank === 0)!;
    expect(aws.cost).toBe(2);
    expect(aws.steps.map((s) => [s.label, s.to.id])).toEqual([
      ["IMPERSONATE", "ServiceAccount:data-platform:etl-runner"],
      ["CLOUD_ROLE", "CloudIdentity:aws:arn:aws:iam::111122223333:role/data-platform-s3-full-access"],
    ]);
  });

  it("payments developers (view only) have no path to the ledger's credentials", async () => {
    const mine = await getIdentityAttackPaths(snapshotId, "Group:oidc:payments-devs", { jewelId: LEDGER_CREDENTIALS });
    expect(mine?.paths ?? []).toEqual([]);
    const reachers = await listJewelReachers(snapshotId, LEDGER_CREDENTIALS, { pageSize: 200 });
    expect(reachers!.rows.map((r) => r.identity.id)).not.toContain("Group:oidc:payments-devs");
  });
});
