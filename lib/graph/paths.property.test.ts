import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Inventory, PolicyRule, SubjectRef } from "@/lib/k8s/types";
import { analyze } from "@/lib/rbac";
import { clusterRole, clusterRoleBinding, group, inventory, role, roleBinding, rule, sa, serviceAccount, user } from "@/lib/rbac/testing";
import { buildAttackGraph } from "./build";
import { computePaths, pathsForIdentity } from "./paths";
import { annotatedServiceAccount, namespace, node, pod, secret, workload } from "./testing";
import type { AttackGraph, AttackPath } from "./types";

/* Small random clusters built from the rules and configurations the edges care about. */
const RULES: PolicyRule[] = [
  rule(["create"], [""], ["pods"]),
  rule(["create"], ["apps"], ["deployments"]),
  rule(["patch"], ["apps"], ["deployments", "daemonsets"]),
  rule(["create"], [""], ["pods/exec"]),
  rule(["create"], [""], ["pods/exec"], ["p0", "p2"]),
  rule(["patch"], [""], ["pods/ephemeralcontainers"]),
  rule(["list"], [""], ["secrets"]),
  rule(["get"], [""], ["secrets"], ["s0"]),
  rule(["create"], [""], ["serviceaccounts/token"]),
  rule(["impersonate"], [""], ["users"], ["u1"]),
  rule(["impersonate"], [""], ["groups"]),
  rule(["impersonate"], [""], ["serviceaccounts"]),
  rule(["bind"], ["rbac.authorization.k8s.io"], ["clusterroles"], ["cluster-admin"]),
  rule(["create"], ["rbac.authorization.k8s.io"], ["clusterrolebindings", "rolebindings"]),
  rule(["get"], [""], ["nodes/proxy"]),
  rule(["*"], ["*"], ["*"]),
  rule(["get", "list"], [""], ["configmaps"]),
];
const NS = ["a", "b"];
const SUBJECTS: SubjectRef[] = [user("u0"), user("u1"), group("g0"), group("system:authenticated"), sa("a", "sa0"), sa("a", "sa1"), sa("b", "sa0")];

const clusterArb = fc
  .record({
    roles: fc.array(fc.record({ rules: fc.subarray(RULES, { minLength: 1, maxLength: 3 }), ns: fc.option(fc.constantFrom(...NS), { nil: undefined }) }), { minLength: 1, maxLength: 5 }),
    bindings: fc.array(fc.record({ role: fc.nat(), subjects: fc.subarray(SUBJECTS, { minLength: 1, maxLength: 2 }), ns: fc.option(fc.constantFrom(...NS), { nil: undefined }) }), { minLength: 1, maxLength: 6 }),
    pods: fc.array(
      fc.record({ ns: fc.constantFrom(...NS), sa: fc.constantFrom("sa0", "sa1"), node: fc.constantFrom("n0", "n1"), privileged: fc.boolean(), automount: fc.boolean(), secret: fc.constantFrom("s0", "s1", "") }),
      { maxLength: 4 },
    ),
    restricted: fc.subarray(NS),
    irsa: fc.boolean(),
    tokenSecret: fc.boolean(),
  })
  .map(({ roles, bindings, pods, restricted, irsa, tokenSecret }): Inventory => {
    const inv = inventory({
      namespaces: NS.map((n) => namespace(n, restricted.includes(n) ? { "pod-security.kubernetes.io/enforce": "restricted" } : {})),
      nodes: [node("n0"), node("n1")],
      serviceAccounts: [irsa ? annotatedServiceAccount("a", "sa0", { "eks.amazonaws.com/role-arn": "arn:aws:iam::1:role/r" }) : serviceAccount("a", "sa0"), serviceAccount("a", "sa1"), serviceAccount("b", "sa0"), serviceAccount("b", "sa1")],
      clusterRoles: [clusterRole("cluster-admin", [rule(["*"], ["*"], ["*"])])],
      secrets: [
        secret("a", "s0", { labels: { "palisade.io/crown-jewel": "true" } }),
        secret("a", "s1"),
        secret("b", "s0", tokenSecret ? { type: "kubernetes.io/service-account-token", annotations: { "kubernetes.io/service-account.name": "sa1" } } : {}),
        secret("kube-system", "k"),
      ],
    });
    roles.forEach((r, i) => (r.ns ? inv.roles.push(role(r.ns, `r${i}`, r.rules)) : inv.clusterRoles.push(clusterRole(`r${i}`, r.rules))));
    bindings.forEach((b, i) => {
      const r = roles[b.role % roles.length]!;
      const name = `r${b.role % roles.length}`;
      if (r.ns) inv.roleBindings.push(roleBinding(r.ns, `b${i}`, { kind: "Role", name }, b.subjects));
      else if (b.ns) inv.roleBindings.push(roleBinding(b.ns, `b${i}`, { kind: "ClusterRole", name }, b.subjects));
      else inv.clusterRoleBindings.push(clusterRoleBinding(`b${i}`, { kind: "ClusterRole", name }, b.subjects));
    });
    inv.workloads.push(workload("DaemonSet", "a", "ds", { security: { privileged: true } }));
    pods.forEach((p, i) =>
      inv.workloads.push(pod(p.ns, `p${i}`, { serviceAccount: p.sa, nodeName: p.node, owner: i % 2 === 0 ? { kind: "DaemonSet", name: "ds" } : undefined, security: { privileged: p.privileged, automountServiceAccountToken: p.automount, secretRefs: p.secret ? [p.secret] : [] } })),
    );
    return inv;
  });

/** A path is a chain of edges from the identity to a target of its jewel, and costs the sum of its edges. */
function checkPath(graph: AttackGraph, p: AttackPath) {
  const targets = graph.jewels.find((j) => j.id === p.jewelId)!.targets;
  expect(p.steps[0]!.from).toBe(p.identityId);
  expect(p.steps.at(-1)!.to).toBe(p.target);
  expect(targets).toContain(p.target);
  let cost = 0;
  let at = p.identityId;
  for (const s of p.steps) {
    for (const id of s.edgeIds) {
      const e = graph.edges[id]!;
      expect(e.from).toBe(at);
      at = e.to;
      cost += e.cost;
    }
  }
  expect(at).toBe(p.target);
  expect(cost).toBe(p.cost);
  expect(p.steps.some((s) => s.edgeIds.some((id) => graph.edges[id]!.from !== p.identityId && graph.edges[id]!.to === p.identityId))).toBe(false);
}

describe("paths on random clusters", () => {
  it("all-pairs and single-identity searches agree, and every path is a valid chain", () => {
    fc.assert(
      fc.property(clusterArb, (inv) => {
        const graph = buildAttackGraph(analyze(inv));
        const all = computePaths(graph, { k: 1 });
        const identities = graph.nodes.filter((n) => n.kind === "User" || n.kind === "Group" || n.kind === "ServiceAccount").map((n) => n.id);
        for (const id of identities) {
          const one = pathsForIdentity(graph, id, { k: 1 });
          const entry = all.perIdentity.find((p) => p.identityId === id);
          const cheapest = (paths: AttackPath[]) => Object.fromEntries(paths.filter((p) => p.rank === 0).map((p) => [p.jewelId, p.cost]));
          expect(cheapest(one.paths)).toEqual(cheapest(entry?.paths ?? []));
          if (entry) expect(one.blastRadius).toEqual(entry.blastRadius);
          else expect(one.blastRadius).toEqual({ crownJewels: [], namespaces: [], serviceAccounts: 0, cloudIdentities: 0 });
          for (const p of [...one.paths, ...(entry?.paths ?? [])]) checkPath(graph, p);
          // Alternatives cost at least the cheapest and start differently.
          for (const p of entry?.paths ?? []) {
            if (p.rank === 0) continue;
            const best = entry!.paths.find((q) => q.jewelId === p.jewelId && q.rank === 0)!;
            expect(p.cost).toBeGreaterThanOrEqual(best.cost);
            expect(p.steps[0]!.edgeIds[0]).not.toBe(best.steps[0]!.edgeIds[0]);
          }
        }
        for (const j of all.perJewel) {
          const reachers = j.reachers.map((r) => r.identityId).sort();
          const holders = all.perIdentity.filter((p) => p.paths.some((x) => x.jewelId === j.jewelId)).map((p) => p.identityId).sort();
          expect(reachers).toEqual(holders);
        }
      }),
      { numRuns: 150 },
    );
  });
});
