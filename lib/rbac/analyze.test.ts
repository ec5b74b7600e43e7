import { describe, expect, it } from "vitest";
import { analyze } from "./analyze";
import { canI, identityGrants, whoCan } from "./queries";
import { implicitGroupsFor, parseSubject } from "./subjects";
import { clusterRole, clusterRoleBinding, group, inventory, role, roleBinding, rule, sa, serviceAccount, urlRule, user } from "./testing";
import type { RequestAttributes } from "./types";

const get = (resource: string, namespace?: string, extra: Partial<RequestAttributes> = {}): RequestAttributes =>
  ({ type: "resource", verb: "get", apiGroup: "", resource, ...(namespace ? { namespace } : {}), ...extra }) as RequestAttributes;
const names = (subjects: { kind: string; name: string; namespace?: string }[]) =>
  subjects.map((s) => (s.namespace ? `${s.kind}:${s.namespace}:${s.name}` : `${s.kind}:${s.name}`));

describe("binding scope", () => {
  const inv = inventory({
    clusterRoles: [clusterRole("secret-reader", [rule(["get", "list"], [""], ["secrets"])])],
    roleBindings: [roleBinding("payments", "read-secrets", { kind: "ClusterRole", name: "secret-reader" }, [user("alice")])],
    clusterRoleBindings: [clusterRoleBinding("global-secrets", { kind: "ClusterRole", name: "secret-reader" }, [group("auditors")])],
  });
  const analysis = analyze(inv);

  it("scopes a RoleBinding to a ClusterRole to the binding's namespace", () => {
    expect(canI(analysis, "alice", ["system:authenticated"], get("secrets", "payments")).allowed).toBe(true);
    expect(canI(analysis, "alice", ["system:authenticated"], get("secrets", "checkout")).allowed).toBe(false);
    expect(canI(analysis, "alice", ["system:authenticated"], get("secrets")).allowed).toBe(false); // cluster-scoped request
  });

  it("lets a ClusterRoleBinding grant in every namespace and cluster-wide", () => {
    expect(canI(analysis, "carol", ["auditors"], get("secrets", "checkout")).allowed).toBe(true);
    expect(canI(analysis, "carol", ["auditors"], get("secrets")).allowed).toBe(true);
  });

  it("answers who-can with provenance; cluster-scoped questions consult only ClusterRoleBindings", () => {
    const inPayments = whoCan(analysis, get("secrets", "payments"));
    expect(names(inPayments)).toEqual(["User:alice", "Group:auditors"]);
    expect(inPayments[0]!.via).toEqual([{ binding: { kind: "RoleBinding", name: "read-secrets", namespace: "payments" }, role: { kind: "ClusterRole", name: "secret-reader" }, ruleIndex: 0 }]);
    expect(names(whoCan(analysis, get("secrets")))).toEqual(["Group:auditors"]);
    expect(names(whoCan(analysis, get("secrets", "checkout")))).toEqual(["Group:auditors"]);
  });

  it("records grants with their scope", () => {
    const grants = analysis.grantsByIdentity.get("User:alice")!;
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ namespace: "payments", ruleIndex: 0, via: { kind: "User", name: "alice" } });
  });
});

describe("roleRef resolution uses kind, name and namespace", () => {
  const inv = inventory({
    roles: [role("team-a", "reader", [rule(["get"], [""], ["pods"])])],
    clusterRoles: [clusterRole("reader", [rule(["get"], [""], ["secrets"])])],
    roleBindings: [
      // A Role named "reader" exists only in team-a: this binding in team-b dangles (headlamp's name-only lookup would not).
      roleBinding("team-b", "b-reader", { kind: "Role", name: "reader" }, [user("bob")]),
      roleBinding("team-a", "a-reader", { kind: "ClusterRole", name: "reader" }, [user("ann")]),
    ],
    clusterRoleBindings: [clusterRoleBinding("crb-to-role", { kind: "Role", name: "reader" }, [user("eve")])],
  });
  const analysis = analyze(inv);

  it("does not resolve a Role from another namespace", () => {
    expect(canI(analysis, "bob", [], get("pods", "team-b")).allowed).toBe(false);
    expect(canI(analysis, "bob", [], get("pods", "team-a")).allowed).toBe(false);
    expect(analysis.danglingRoleRefs.map((d) => d.binding.name)).toContain("b-reader");
  });

  it("resolves a ClusterRole, not a same-named Role, for kind ClusterRole", () => {
    expect(canI(analysis, "ann", [], get("secrets", "team-a")).allowed).toBe(true);
    expect(canI(analysis, "ann", [], get("pods", "team-a")).allowed).toBe(false);
  });

  it("ignores a ClusterRoleBinding that references a Role", () => {
    expect(canI(analysis, "eve", [], get("pods", "team-a")).allowed).toBe(false);
    expect(analysis.grantsByIdentity.get("User:eve")).toEqual([]);
    expect(analysis.danglingRoleRefs.map((d) => d.binding.name)).toContain("crb-to-role");
  });
});

describe("service accounts and implicit groups", () => {
  const inv = inventory({
    serviceAccounts: [serviceAccount("ci", "deployer"), serviceAccount("web", "frontend"), serviceAccount("web", "unbound")],
    clusterRoles: [
      clusterRole("deployer", [rule(["create", "update"], ["apps"], ["deployments"])]),
      clusterRole("discovery", [urlRule(["get"], ["/api", "/api/*", "/version"])]),
      clusterRole("pod-reader", [rule(["get", "list"], [""], ["pods"])]),
    ],
    clusterRoleBindings: [
      clusterRoleBinding("ci-sas-deploy", { kind: "ClusterRole", name: "deployer" }, [group("system:serviceaccounts:ci")]),
      clusterRoleBinding("everyone-discovery", { kind: "ClusterRole", name: "discovery" }, [group("system:authenticated")]),
      // No namespace on a ServiceAccount subject of a ClusterRoleBinding: it can never match.
      clusterRoleBinding("sa-without-ns", { kind: "ClusterRole", name: "pod-reader" }, [sa(undefined, "frontend")]),
    ],
    roleBindings: [
      // No namespace on a ServiceAccount subject of a RoleBinding: the binding's namespace.
      roleBinding("web", "frontend-pods", { kind: "ClusterRole", name: "pod-reader" }, [sa(undefined, "frontend")]),
      // The user form of a service account is the service account.
      roleBinding("web", "user-form", { kind: "ClusterRole", name: "deployer" }, [user("system:serviceaccount:web:frontend")]),
      roleBinding("web", "ghost", { kind: "ClusterRole", name: "pod-reader" }, [sa("web", "deleted-sa")]),
    ],
  });
  const analysis = analyze(inv);
  const deploy = (namespace: string): RequestAttributes => ({ type: "resource", verb: "create", apiGroup: "apps", resource: "deployments", namespace });

  it("gives service accounts system:serviceaccounts, system:serviceaccounts:NS and system:authenticated", () => {
    expect(implicitGroupsFor("system:serviceaccount:ci:deployer")).toEqual(["system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"]);
    expect(implicitGroupsFor("alice")).toEqual(["system:authenticated"]);
    expect(implicitGroupsFor("system:anonymous")).toEqual(["system:unauthenticated"]);
    const deployer = analysis.identityById.get("ServiceAccount:ci:deployer")!;
    expect(deployer.username).toBe("system:serviceaccount:ci:deployer");
  });

  it("inherits grants through the namespace's service-account group", () => {
    const grants = analysis.grantsByIdentity.get("ServiceAccount:ci:deployer")!;
    expect(grants.map((g) => g.binding.name).sort()).toEqual(["ci-sas-deploy", "everyone-discovery"]);
    expect(grants.find((g) => g.binding.name === "ci-sas-deploy")!.via).toEqual({ kind: "Group", name: "system:serviceaccounts:ci" });
    const web = analysis.grantsByIdentity.get("ServiceAccount:web:unbound")!;
    expect(web.map((g) => g.binding.name)).toEqual(["everyone-discovery"]);
    expect(canI(analysis, "system:serviceaccount:ci:deployer", implicitGroupsFor("system:serviceaccount:ci:deployer"), deploy("prod")).allowed).toBe(true);
    expect(canI(analysis, "system:serviceaccount:web:frontend", implicitGroupsFor("system:serviceaccount:web:frontend"), deploy("prod")).allowed).toBe(false);
  });

  it("defaults a RoleBinding's namespace-less ServiceAccount subject and ignores it in a ClusterRoleBinding", () => {
    const frontend = "system:serviceaccount:web:frontend";
    expect(canI(analysis, frontend, [], get("pods", "web")).allowed).toBe(true);
    expect(canI(analysis, frontend, [], get("pods", "ci")).allowed).toBe(false);
    expect(names(whoCan(analysis, get("pods", "web")))).toEqual(["ServiceAccount:web:deleted-sa", "ServiceAccount:web:frontend"]);
  });

  it("maps a User subject in service-account form onto the service account", () => {
    expect(analysis.identityById.has("User:system:serviceaccount:web:frontend")).toBe(false);
    expect(canI(analysis, "system:serviceaccount:web:frontend", [], deploy("web")).allowed).toBe(true);
    expect(analysis.grantsByIdentity.get("ServiceAccount:web:frontend")!.some((g) => g.binding.name === "user-form")).toBe(true);
  });

  it("lists unbound service accounts and reports subjects whose service account does not exist", () => {
    expect(analysis.identityById.get("ServiceAccount:web:unbound")).toMatchObject({ exists: true, bindings: [] });
    expect(analysis.identityById.get("ServiceAccount:web:deleted-sa")).toMatchObject({ exists: false });
    expect(analysis.danglingSubjects).toEqual([{ binding: { kind: "RoleBinding", name: "ghost", namespace: "web" }, subject: { kind: "ServiceAccount", name: "deleted-sa", namespace: "web" } }]);
  });

  it("checks non-resource URLs against ClusterRoleBindings only", () => {
    expect(canI(analysis, "alice", ["system:authenticated"], { type: "nonResource", verb: "get", path: "/api/v1" }).allowed).toBe(true);
    expect(canI(analysis, "alice", ["system:authenticated"], { type: "nonResource", verb: "get", path: "/healthz" }).allowed).toBe(false);
    expect(canI(analysis, "alice", [], { type: "nonResource", verb: "get", path: "/version" }).allowed).toBe(false);
  });

  it("derives the grants of a user no binding names from its implicit groups", () => {
    expect(identityGrants(analysis, parseSubject("user:nobody")).map((g) => g.binding.name)).toEqual(["everyone-discovery"]);
  });
});

describe("non-resource rules bound by a RoleBinding grant nothing", () => {
  it("ignores nonResourceURLs and cluster-scoped resources reached through a RoleBinding", () => {
    const analysis = analyze(
      inventory({
        clusterRoles: [clusterRole("mixed", [urlRule(["get"], ["/metrics"]), rule(["get", "list"], [""], ["nodes"])])],
        roleBindings: [roleBinding("ops", "mixed", { kind: "ClusterRole", name: "mixed" }, [user("olga")])],
      }),
    );
    expect(canI(analysis, "olga", [], { type: "nonResource", verb: "get", path: "/metrics" }).allowed).toBe(false);
    expect(canI(analysis, "olga", [], get("nodes")).allowed).toBe(false);
    expect(whoCan(analysis, { type: "nonResource", verb: "get", path: "/metrics" })).toEqual([]);
  });
});

describe("system:masters", () => {
  const analysis = analyze(inventory({ clusterRoles: [clusterRole("view", [rule(["get"], [""], ["pods"])])] }));
  it("is allowed everything by can-i, without any binding", () => {
    expect(canI(analysis, "root", ["system:masters"], get("secrets", "kube-system"))).toEqual({ allowed: true, via: [], reason: "member of system:masters" });
  });
  it("is not listed by who-can unless a binding names it", () => {
    expect(whoCan(analysis, get("secrets", "kube-system"))).toEqual([]);
  });
});

describe("ClusterRole aggregation", () => {
  const podsRead = rule(["get", "list"], [""], ["pods"]);
  const secretsRead = rule(["get"], [""], ["secrets"]);
  const inv = inventory({
    clusterRoles: [
      clusterRole("monitoring", [podsRead], { aggregate: [{ matchLabels: { "example.com/aggregate-to-monitoring": "true" }, matchExpressions: [] }] }),
      clusterRole("monitoring-pods", [podsRead], { labels: { "example.com/aggregate-to-monitoring": "true" } }),
      clusterRole("monitoring-secrets", [secretsRead, podsRead], { labels: { "example.com/aggregate-to-monitoring": "true" } }),
      clusterRole("unlabelled", [rule(["*"], ["*"], ["*"])]),
      // Nested: top aggregates tier=mid roles; mid aggregates tier=leaf roles.
      clusterRole("top", [], { aggregate: [{ matchLabels: {}, matchExpressions: [{ key: "tier", operator: "In", values: ["mid"] }] }] }),
      clusterRole("mid", [rule(["list"], [""], ["configmaps"])], { labels: { tier: "mid" }, aggregate: [{ matchLabels: { tier: "leaf" }, matchExpressions: [] }] }),
      clusterRole("leaf", [rule(["watch"], [""], ["events"])], { labels: { tier: "leaf" } }),
      clusterRole("not-leaf", [rule(["delete"], [""], ["events"])], { labels: { tier: "other" } }),
      clusterRole("no-tier", [rule(["patch"], [""], ["nodes"])], { aggregate: [{ matchLabels: {}, matchExpressions: [{ key: "tier", operator: "DoesNotExist", values: [] }, { key: "kind", operator: "Exists", values: [] }] }] }),
      clusterRole("kinded", [rule(["get"], [""], ["nodes"])], { labels: { kind: "x" } }),
    ],
  });
  const roles = analyze(inv).clusterRoles;

  it("replaces the aggregating role's rules with the de-duplicated union of the selected roles, ordered by name", () => {
    expect(roles.get("monitoring")!.rules).toEqual([podsRead, secretsRead]);
  });

  it("follows nested aggregation and matchExpressions", () => {
    expect(roles.get("mid")!.rules).toEqual([rule(["watch"], [""], ["events"])]);
    expect(roles.get("top")!.rules).toEqual([rule(["watch"], [""], ["events"])]);
    expect(roles.get("no-tier")!.rules).toEqual([rule(["get"], [""], ["nodes"])]);
  });

  it("grants the aggregated rules through bindings", () => {
    const analysis = analyze({
      ...inv,
      clusterRoleBindings: [clusterRoleBinding("mon", { kind: "ClusterRole", name: "monitoring" }, [user("prom")])],
    });
    expect(canI(analysis, "prom", [], get("secrets", "default")).allowed).toBe(true);
    expect(canI(analysis, "prom", [], { type: "resource", verb: "delete", apiGroup: "", resource: "pods", namespace: "default" }).allowed).toBe(false);
  });
});
