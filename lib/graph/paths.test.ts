import { describe, expect, it } from "vitest";
import { analyze } from "@/lib/rbac";
import { clusterRole, clusterRoleBinding, group, inventory, role, roleBinding, rule, sa, serviceAccount, user } from "@/lib/rbac/testing";
import type { Inventory } from "@/lib/k8s/types";
import { buildAttackGraph, type BuildOptions } from "./build";
import { cloudJewelId, CLUSTER_ADMIN_JEWEL, NODES_JEWEL } from "./crown-jewels";
import { computePaths, pathsForIdentity, pathSummary } from "./paths";
import { annotatedServiceAccount, namespace, node, pod, secret, workload } from "./testing";
import type { AttackPath, PathsResult } from "./types";

const RESTRICTED = { "pod-security.kubernetes.io/enforce": "restricted" };
const JEWEL = { "palisade.io/crown-jewel": "true" };

function run(inv: Inventory, opts: BuildOptions = {}, k = 1) {
  const graph = buildAttackGraph(analyze(inv), opts);
  return { graph, result: computePaths(graph, { k }) };
}
const pathsOf = (r: PathsResult, identityId: string, jewelId: string): AttackPath[] =>
  (r.perIdentity.find((p) => p.identityId === identityId)?.paths ?? []).filter((p) => p.jewelId === jewelId);
const reachersOf = (r: PathsResult, jewelId: string) => r.perJewel.find((j) => j.jewelId === jewelId)!.reachers;
const labels = (p: AttackPath) => p.steps.map((s) => s.label);

describe("CI service account → create pods in payments → payments service account → secret", () => {
  const JEWEL_ID = "jewel:secret:payments/db-credentials";
  const cluster = (opts: { deployerNs?: string; apiSecretNames?: string[] } = {}) =>
    inventory({
      namespaces: [namespace("ci", RESTRICTED), namespace("payments", RESTRICTED), namespace("checkout", RESTRICTED)],
      serviceAccounts: [serviceAccount("ci", "deployer"), serviceAccount("payments", "api")],
      roles: [role(opts.deployerNs ?? "payments", "deployer", [rule(["create"], [""], ["pods"])]), role("payments", "api-secrets", [rule(["get"], [""], ["secrets"], opts.apiSecretNames ?? ["db-credentials"])])],
      roleBindings: [
        roleBinding(opts.deployerNs ?? "payments", "ci-deployer", { kind: "Role", name: "deployer" }, [sa("ci", "deployer")]),
        roleBinding("payments", "api-secrets", { kind: "Role", name: "api-secrets" }, [sa("payments", "api")]),
      ],
      secrets: [secret("payments", "db-credentials", { labels: JEWEL }), secret("payments", "tls")],
    });

  it("finds the cheapest path (mount the secret) and the alternative through the payments service account", () => {
    const { result } = run(cluster());
    const [best, alt, ...rest] = pathsOf(result, "ServiceAccount:ci:deployer", JEWEL_ID);
    expect(rest).toHaveLength(0);
    // create pods (2) → the new pod mounts the secret.
    expect(best).toMatchObject({ rank: 0, cost: 2, target: "Secret:payments:db-credentials" });
    expect(labels(best!)).toEqual(["CREATE_POD"]);
    expect(best!.steps[0]!.via).toEqual(["Scope:secrets:payments"]);
    expect(pathSummary(best!)).toBe("can create pods in payments, mounting any secret there → reads secret payments/db-credentials");
    expect(best!.steps[0]!.evidence[0]).toMatchObject({ kind: "grant", permission: "create pods", binding: { kind: "RoleBinding", name: "ci-deployer", namespace: "payments" }, role: { kind: "Role", name: "deployer", namespace: "payments" }, ruleIndex: 0 });
    // create pods (2) → run as payments/api → get secrets db-credentials (1).
    expect(alt).toMatchObject({ rank: 1, cost: 3 });
    expect(labels(alt!)).toEqual(["CREATE_POD", "SECRET_READ"]);
    expect(alt!.steps.map((s) => s.to)).toEqual(["ServiceAccount:payments:api", "Secret:payments:db-credentials"]);
    expect(pathSummary(alt!)).toBe(
      "can create pods in payments, running them as any service account there → acts as service account payments/api → can read secret payments/db-credentials",
    );
  });

  it("ranks reachers by cost and names the bindings that cut their paths", () => {
    const { result } = run(cluster());
    expect(reachersOf(result, JEWEL_ID)).toEqual([
      { identityId: "ServiceAccount:payments:api", steps: 1, cost: 1 },
      { identityId: "ServiceAccount:ci:deployer", steps: 1, cost: 2 },
    ]);
    const chokes = result.perJewel.find((j) => j.jewelId === JEWEL_ID)!.chokePoints;
    expect(chokes.map((c) => [c.kind, c.ref, c.pathsCut])).toEqual([
      ["binding", "RoleBinding/payments/api-secrets", 1],
      ["binding", "RoleBinding/payments/ci-deployer", 1],
    ]);
    const blast = result.perIdentity.find((p) => p.identityId === "ServiceAccount:ci:deployer")!.blastRadius;
    expect(blast).toEqual({ crownJewels: [JEWEL_ID], namespaces: ["payments"], serviceAccounts: 1, cloudIdentities: 0 });
  });

  it("does not cross namespaces: a RoleBinding in checkout gives nothing in payments", () => {
    const { result } = run(cluster({ deployerNs: "checkout" }));
    expect(pathsOf(result, "ServiceAccount:ci:deployer", JEWEL_ID)).toEqual([]);
    expect(reachersOf(result, JEWEL_ID).map((r) => r.identityId)).toEqual(["ServiceAccount:payments:api"]);
  });

  it("does not let a resourceNames-restricted grant reach another secret", () => {
    const { result } = run(cluster({ apiSecretNames: ["tls"] }));
    expect(reachersOf(result, JEWEL_ID).map((r) => r.identityId)).toEqual(["ServiceAccount:ci:deployer"]);
    // The alternative through payments/api is gone with it.
    expect(pathsOf(result, "ServiceAccount:ci:deployer", JEWEL_ID).map((p) => p.rank)).toEqual([0]);
  });

  it("answers the same for one identity on demand", () => {
    const { graph, result } = run(cluster());
    const one = pathsForIdentity(graph, "ServiceAccount:ci:deployer", { k: 1 });
    const all = result.perIdentity.find((p) => p.identityId === "ServiceAccount:ci:deployer")!;
    expect(one.paths.map((p) => [p.jewelId, p.rank, p.cost, p.target, labels(p)])).toEqual(all.paths.map((p) => [p.jewelId, p.rank, p.cost, p.target, labels(p)]));
    expect(one.blastRadius).toEqual(all.blastRadius);
    expect(() => pathsForIdentity(graph, "User:nobody")).toThrow(/unknown identity "User:nobody"/);
  });
});

describe("user → impersonate group → binding → cluster-admin", () => {
  const cluster = (groups: string[]) =>
    inventory({
      clusterRoles: [clusterRole("cluster-admin", [rule(["*"], ["*"], ["*"])]), clusterRole("impersonator", [rule(["impersonate"], [""], ["groups"], groups), rule(["impersonate"], [""], ["users"], ["deploy-bot"])])],
      clusterRoleBindings: [
        clusterRoleBinding("platform-admins", { kind: "ClusterRole", name: "cluster-admin" }, [group("platform-admins")]),
        clusterRoleBinding("alice-impersonates", { kind: "ClusterRole", name: "impersonator" }, [user("alice")]),
      ],
    });

  it("reaches cluster-admin in two steps and names both bindings as choke points", () => {
    const { result } = run(cluster(["platform-admins"]));
    const [p] = pathsOf(result, "User:alice", CLUSTER_ADMIN_JEWEL);
    expect(labels(p!)).toEqual(["IMPERSONATE", "GRANTED"]);
    expect(p!.steps.map((s) => s.to)).toEqual(["Group:platform-admins", "ClusterAdmin"]);
    expect(p!.cost).toBe(1);
    // Group impersonation needs user impersonation too: both grants are the step's evidence.
    expect(p!.steps[0]!.evidence.map((e) => (e.kind === "grant" ? e.permission : e.kind))).toEqual(["impersonate groups platform-admins", "impersonate users deploy-bot"]);
    expect(pathSummary(p!)).toBe("can impersonate group platform-admins → holds every verb on every resource cluster-wide");
    expect(reachersOf(result, CLUSTER_ADMIN_JEWEL)).toEqual([
      { identityId: "Group:platform-admins", steps: 1, cost: 0 },
      { identityId: "User:alice", steps: 2, cost: 1 },
    ]);
    const chokes = result.perJewel.find((j) => j.jewelId === CLUSTER_ADMIN_JEWEL)!.chokePoints;
    expect(chokes.map((c) => [c.ref, c.pathsCut])).toEqual([
      ["ClusterRoleBinding/platform-admins", 2],
      ["ClusterRoleBinding/alice-impersonates", 1],
    ]);
  });

  it("does not reach cluster-admin when the impersonation is restricted to another group", () => {
    const { result } = run(cluster(["viewers"]));
    expect(pathsOf(result, "User:alice", CLUSTER_ADMIN_JEWEL)).toEqual([]);
  });
});

describe("pods/exec on one privileged DaemonSet pod → its node → the service accounts on that node", () => {
  const IRSA = "eks.amazonaws.com/role-arn";
  const API_ROLE = "arn:aws:iam::111122223333:role/payments-api";
  const WEB_ROLE = "arn:aws:iam::111122223333:role/checkout-web";
  const cluster = (execNames: string[]) =>
    inventory({
      namespaces: [namespace("kube-system"), namespace("payments", RESTRICTED), namespace("checkout", RESTRICTED)],
      nodes: [node("n1"), node("n2")],
      serviceAccounts: [serviceAccount("kube-system", "node-agent"), annotatedServiceAccount("payments", "api", { [IRSA]: API_ROLE }), annotatedServiceAccount("checkout", "web", { [IRSA]: WEB_ROLE })],
      workloads: [
        workload("DaemonSet", "kube-system", "node-agent", { serviceAccount: "node-agent", security: { privileged: true } }),
        pod("kube-system", "node-agent-a", { serviceAccount: "node-agent", nodeName: "n1", owner: { kind: "DaemonSet", name: "node-agent" }, security: { privileged: true } }),
        pod("kube-system", "node-agent-b", { serviceAccount: "node-agent", nodeName: "n2", owner: { kind: "DaemonSet", name: "node-agent" }, security: { privileged: true } }),
        workload("Deployment", "payments", "api", { serviceAccount: "api" }),
        pod("payments", "api-5d8f7c9b6-x2x4q", { serviceAccount: "api", nodeName: "n1", owner: { kind: "ReplicaSet", name: "api-5d8f7c9b6" } }),
        workload("Deployment", "checkout", "web", { serviceAccount: "web" }),
        pod("checkout", "web-7c9d8f6b5-q8w2e", { serviceAccount: "web", nodeName: "n2", owner: { kind: "ReplicaSet", name: "web-7c9d8f6b5" } }),
      ],
      roles: [role("kube-system", "exec-agent", [rule(["create"], [""], ["pods/exec"], execNames)])],
      roleBindings: [roleBinding("kube-system", "bob-exec", { kind: "Role", name: "exec-agent" }, [user("bob")])],
    });

  it("reaches node n1 and the service accounts of n1's pods, not n2's", () => {
    const { graph } = run(cluster(["node-agent-a"]));
    const bob = pathsForIdentity(graph, "User:bob", { k: 0, eachTarget: true });
    const toNodes = bob.paths.filter((p) => p.jewelId === NODES_JEWEL);
    expect(toNodes.map((p) => p.target)).toEqual(["Node:n1"]);
    expect(labels(toNodes[0]!)).toEqual(["POD_EXEC", "CONTAINER_ESCAPE"]);
    expect(toNodes[0]!.steps.map((s) => s.to)).toEqual(["Workload:kube-system:Pod:node-agent-a", "Node:n1"]);
    expect(toNodes[0]!.cost).toBe(2);
    const toCloud = bob.paths.filter((p) => p.jewelId === cloudJewelId("aws"));
    expect(toCloud.map((p) => p.target)).toEqual([`CloudIdentity:aws:${API_ROLE}`]);
    expect(labels(toCloud[0]!)).toEqual(["POD_EXEC", "CONTAINER_ESCAPE", "NODE_TO_PODS", "CLOUD_ROLE"]);
    expect(bob.blastRadius).toEqual({ crownJewels: [NODES_JEWEL, cloudJewelId("aws")], namespaces: ["kube-system", "payments"], serviceAccounts: 2, cloudIdentities: 1 });
  });

  it("reaches both nodes when exec is not restricted to one pod", () => {
    const { graph } = run(cluster([]));
    const bob = pathsForIdentity(graph, "User:bob", { k: 0, eachTarget: true });
    expect(bob.paths.filter((p) => p.jewelId === NODES_JEWEL).map((p) => p.target).sort()).toEqual(["Node:n1", "Node:n2"]);
    expect(bob.blastRadius.serviceAccounts).toBe(3);
  });
});

describe("IRSA-annotated service account → cloud role", () => {
  const ARN = "arn:aws:iam::111122223333:role/payments/api";
  const cluster = (awsAuthGroups: string[]) =>
    inventory({
      serviceAccounts: [annotatedServiceAccount("payments", "api", { "eks.amazonaws.com/role-arn": ARN })],
      roles: [role("payments", "token", [rule(["create"], [""], ["serviceaccounts/token"], ["api"])])],
      roleBindings: [roleBinding("payments", "carol-token", { kind: "Role", name: "token" }, [user("carol")])],
      awsAuth: awsAuthGroups.length ? [{ type: "role", arn: ARN, username: "payments-api", groups: awsAuthGroups }] : [],
    });
  // aws-auth matches role ARNs without their path.
  const ROLE = "CloudIdentity:aws:arn:aws:iam::111122223333:role/api";

  it("links the service account to its IAM role, and a token minter through it", () => {
    const { result } = run(cluster([]));
    const [own] = pathsOf(result, "ServiceAccount:payments:api", cloudJewelId("aws"));
    expect(own).toMatchObject({ target: ROLE, cost: 1 });
    expect(own!.steps[0]!.evidence).toEqual([{ kind: "annotation", object: { kind: "ServiceAccount", name: "api", namespace: "payments" }, key: "eks.amazonaws.com/role-arn", value: ARN }]);
    const [carol] = pathsOf(result, "User:carol", cloudJewelId("aws"));
    expect(labels(carol!)).toEqual(["TOKEN_REQUEST", "CLOUD_ROLE"]);
    expect(carol!.cost).toBe(2);
    expect(pathsOf(result, "User:carol", CLUSTER_ADMIN_JEWEL)).toEqual([]);
  });

  it("comes back into the cluster as system:masters when aws-auth maps the role there", () => {
    const { result } = run(cluster(["system:masters"]));
    const [carol] = pathsOf(result, "User:carol", CLUSTER_ADMIN_JEWEL);
    expect(labels(carol!)).toEqual(["TOKEN_REQUEST", "CLOUD_ROLE", "AWS_AUTH_MAPPED", "GRANTED"]);
    expect(carol!.cost).toBe(3);
  });
});

describe("Pod Security Admission decides whether pod creation reaches a node", () => {
  const cluster = (labels: Record<string, string>) =>
    inventory({
      namespaces: [namespace("apps", labels)],
      nodes: [node("n1")],
      serviceAccounts: [serviceAccount("apps", "default")],
      roles: [role("apps", "deployer", [rule(["create"], ["apps"], ["deployments"])])],
      roleBindings: [roleBinding("apps", "dave", { kind: "Role", name: "deployer" }, [user("dave")])],
    });

  it("reaches the node where privileged pods are admitted", () => {
    const { result } = run(cluster({}));
    const [p] = pathsOf(result, "User:dave", NODES_JEWEL);
    expect(p).toMatchObject({ target: "Node:n1", cost: 3 });
    expect(p!.steps[0]!.evidence[1]).toEqual({ kind: "config", object: { kind: "Namespace", name: "apps" }, fact: "namespace apps has no pod-security.kubernetes.io/enforce label: privileged pods are admitted" });
    const chokes = result.perJewel.find((j) => j.jewelId === NODES_JEWEL)!.chokePoints;
    expect(chokes.map((c) => c.ref)).toContain("Namespace/apps");
  });

  it.each(["baseline", "restricted"])("does not reach it when the namespace enforces %s", (level) => {
    const { result } = run(cluster({ "pod-security.kubernetes.io/enforce": level }));
    expect(pathsOf(result, "User:dave", NODES_JEWEL)).toEqual([]);
    // The service accounts of the namespace are still reachable.
    expect(result.perIdentity.find((p) => p.identityId === "User:dave")!.blastRadius.serviceAccounts).toBe(1);
  });
});

describe("grants inherited by everyone stay on the group node", () => {
  it("links members to system:authenticated instead of copying its edges", () => {
    const inv = inventory({
      serviceAccounts: Array.from({ length: 5 }, (_, i) => serviceAccount("team", `sa-${i}`)),
      secrets: [secret("team", "shared")],
      clusterRoles: [clusterRole("secret-reader", [rule(["list"], [""], ["secrets"])])],
      clusterRoleBindings: [clusterRoleBinding("everyone-reads", { kind: "ClusterRole", name: "secret-reader" }, [group("system:authenticated")])],
    });
    const { graph } = run(inv);
    const reads = graph.edges.filter((e) => e.label === "SECRET_READ");
    expect(reads.map((e) => [e.from, e.to])).toEqual([["Group:system:authenticated", "Scope:secrets:*"]]);
    expect(graph.edges.filter((e) => e.label === "MEMBER_OF" && e.to === "Group:system:authenticated")).toHaveLength(5);
  });
});
