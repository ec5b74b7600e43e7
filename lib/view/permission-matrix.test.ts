import { describe, expect, it } from "vitest";
import type { PolicyRule, SubjectRef } from "@/lib/k8s/types";
import type { Grant } from "@/lib/rbac/types";
import { rule, urlRule } from "@/lib/rbac/testing";
import { buildPermissionMatrix, isDangerous, resourceLabel, STANDARD_VERBS } from "./permission-matrix";

const via: SubjectRef = { kind: "ServiceAccount", name: "api", namespace: "payments" };
const crb = (name: string, r: PolicyRule, ruleIndex = 0): Grant => ({ binding: { kind: "ClusterRoleBinding", name }, role: { kind: "ClusterRole", name }, ruleIndex, rule: r, namespace: null, via });
const rb = (ns: string, name: string, r: PolicyRule, ruleIndex = 0): Grant => ({
  binding: { kind: "RoleBinding", name, namespace: ns },
  role: { kind: "ClusterRole", name },
  ruleIndex,
  rule: r,
  namespace: ns,
  via,
});

// Worked out by hand from RBAC's matching rules (a `*` verb/resource/group matches everything, `*` resources cover
// subresources, resourceNames restrict to named objects, RoleBindings never grant non-resource URLs).
const grants: Grant[] = [
  crb("pods-rw", rule(["get", "create"], [""], ["pods", "pods/exec"])), // 0
  rb("payments", "edit", rule(["*"], ["apps"], ["deployments"])), // 1
  crb("list-all", rule(["list"], ["*"], ["*"])), // 2
  crb("one-secret", rule(["get"], [""], ["secrets"], ["db-creds"])), // 3
  crb("health", urlRule(["get"], ["/healthz", "/api/*"])), // 4
  rb("payments", "urls-in-rb", urlRule(["get"], ["/metrics"])), // 5: never applies
];

describe("buildPermissionMatrix", () => {
  const scopes = buildPermissionMatrix(grants);
  const cluster = scopes[0]!;
  const payments = scopes[1]!;
  const row = (s: typeof cluster, apiGroup: string, resource: string) => s.rows.find((r) => r.apiGroup === apiGroup && r.resource === resource);

  it("has one matrix per scope, cluster-wide first, counting the grants bound there", () => {
    expect(scopes.map((s) => s.namespace)).toEqual([null, "payments"]);
    expect(cluster.grantCount).toBe(4); // grants 0, 2, 3, 4
    expect(payments.grantCount).toBe(2);
  });

  it("lists the rows the rules name, wildcard rows first", () => {
    expect(cluster.rows.map((r) => `${r.apiGroup}|${r.resource}`)).toEqual(["*|*", "|pods", "|pods/exec", "|secrets"]);
    expect(cluster.rows[0]!.wildcard).toBe(true);
    expect(cluster.verbs).toEqual([...STANDARD_VERBS]);
  });

  it("fills literal, wildcard and name-restricted cells", () => {
    expect(row(cluster, "", "pods")!.cells.get).toEqual({ grants: [0], wildcard: false, restricted: false, dangerous: false });
    expect(row(cluster, "", "pods")!.cells.list).toEqual({ grants: [2], wildcard: true, restricted: false, dangerous: false });
    expect(row(cluster, "", "pods")!.cells.create).toMatchObject({ grants: [0], dangerous: true });
    // `*` resources cover subresources.
    expect(row(cluster, "", "pods/exec")!.cells.list).toMatchObject({ grants: [2], wildcard: true });
    expect(row(cluster, "", "secrets")!.cells.get).toEqual({ grants: [3], wildcard: false, restricted: true, dangerous: true });
    expect(row(cluster, "", "secrets")!.cells.list).toMatchObject({ grants: [2], restricted: false, dangerous: true });
    // The `*` row holds only what a `*` group and resource rule grants.
    expect(Object.keys(row(cluster, "*", "*")!.cells)).toEqual(["list"]);
    expect(row(cluster, "", "pods")!.cells.delete).toBeUndefined();
  });

  it("shows non-resource URLs cluster-wide only", () => {
    expect(cluster.nonResourceVerbs).toEqual(["get"]);
    expect(cluster.nonResource.map((u) => u.path)).toEqual(["/api/*", "/healthz"]);
    expect(cluster.nonResource[1]!.cells.get!.grants).toEqual([4]);
    expect(payments.nonResource).toEqual([]);
  });

  it("adds a * column when a rule grants every verb, and marks the standard verbs it covers as wildcard", () => {
    expect(payments.verbs).toEqual([...STANDARD_VERBS, "*"]);
    const deployments = row(payments, "apps", "deployments")!;
    expect(Object.keys(deployments.cells)).toEqual([...STANDARD_VERBS, "*"]);
    expect(deployments.cells.get).toMatchObject({ grants: [1], wildcard: true });
    expect(deployments.cells["*"]).toMatchObject({ grants: [1], wildcard: false, dangerous: true });
  });

  it("keeps only a built-in resource's own group when the rule lists it among others", () => {
    const [m] = buildPermissionMatrix([crb("mixed", rule(["get"], ["", "apps"], ["pods", "deployments", "widgets"]))]);
    expect(m!.rows.map((r) => `${r.apiGroup}|${r.resource}`)).toEqual(["|pods", "|widgets", "apps|deployments", "apps|widgets"]);
  });

  it("puts extra verbs after the standard ones", () => {
    const [m] = buildPermissionMatrix([crb("x", rule(["impersonate", "bind"], [""], ["users"]))]);
    expect(m!.verbs).toEqual([...STANDARD_VERBS, "bind", "impersonate"]);
    expect(m!.rows[0]!.cells.impersonate).toMatchObject({ dangerous: true, wildcard: false });
  });

  it("returns nothing for no grants", () => {
    expect(buildPermissionMatrix([])).toEqual([]);
  });
});

describe("labels and danger", () => {
  it("writes rows as kubectl does", () => {
    expect(resourceLabel("", "pods")).toBe("pods");
    expect(resourceLabel("apps", "deployments/scale")).toBe("deployments.apps/scale");
    expect(resourceLabel("*", "pods")).toBe("pods (any API group)");
    expect(resourceLabel("*", "*")).toBe("* (all resources, all API groups)");
  });
  it("flags the catalogue's dangerous permissions only", () => {
    expect(isDangerous("get", "secrets")).toBe(true);
    expect(isDangerous("get", "configmaps")).toBe(false);
    expect(isDangerous("create", "pods/exec")).toBe(true);
    expect(isDangerous("escalate", "clusterroles")).toBe(true);
    expect(isDangerous("list", "pods")).toBe(false);
  });
});
