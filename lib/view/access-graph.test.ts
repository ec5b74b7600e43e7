import { describe, expect, it } from "vitest";
import {
  bindingNodeId,
  filterGraph,
  GraphBuilder,
  identityNodeId,
  mergeGraphs,
  parseFocus,
  roleBindingsAggregateId,
  roleNodeId,
  searchGraph,
  takeWithMore,
  toCytoscapeElements,
  type GraphBindingInput,
} from "./access-graph";

describe("parseFocus", () => {
  it("round-trips every node id, names with colons included", () => {
    expect(parseFocus("overview")).toEqual({ type: "overview" });
    expect(parseFocus("")).toEqual({ type: "overview" });
    expect(parseFocus(identityNodeId("User:system:kube-scheduler"))).toEqual({ type: "identity", id: "User:system:kube-scheduler" });
    expect(parseFocus(identityNodeId("ServiceAccount:ci:deployer"))).toEqual({ type: "identity", id: "ServiceAccount:ci:deployer" });
    expect(parseFocus(bindingNodeId({ kind: "ClusterRoleBinding", name: "system:controller:job" }))).toEqual({ type: "binding", ref: { kind: "ClusterRoleBinding", name: "system:controller:job" } });
    expect(parseFocus(bindingNodeId({ kind: "RoleBinding", name: "rb", namespace: "payments" }))).toEqual({ type: "binding", ref: { kind: "RoleBinding", name: "rb", namespace: "payments" } });
    expect(parseFocus(roleNodeId({ kind: "ClusterRole", name: "system:aggregate-to-edit" }))).toEqual({ type: "role", ref: { kind: "ClusterRole", name: "system:aggregate-to-edit" } });
    expect(parseFocus(roleNodeId({ kind: "Role", name: "r", namespace: "ns" }))).toEqual({ type: "role", ref: { kind: "Role", name: "r", namespace: "ns" } });
    expect(parseFocus("namespace:payments")).toEqual({ type: "namespace", name: "payments" });
    expect(parseFocus("sa-in:payments")).toEqual({ type: "sa-in", namespace: "payments" });
    expect(parseFocus(roleBindingsAggregateId({ kind: "ClusterRole", name: "edit" }, "web"))).toEqual({ type: "bindings-of", namespace: "web", role: { kind: "ClusterRole", name: "edit" } });
    expect(parseFocus(roleBindingsAggregateId({ kind: "ClusterRole", name: "edit" }, ""))).toEqual({ type: "bindings-of", namespace: "", role: { kind: "ClusterRole", name: "edit" } });
  });
  it("rejects what is not a node id", () => {
    for (const bad of ["pods", "identity:Robot:x", "identity:ServiceAccount:noname", "binding:RoleBinding::x", "binding:ClusterRoleBinding:ns:x", "role:Role::r", "namespace:", "bindings-of:ns:namespace:x"]) {
      expect(parseFocus(bad), bad).toBeUndefined();
    }
  });
});

const binding = (over: Partial<GraphBindingInput> = {}): GraphBindingInput => ({
  kind: "RoleBinding",
  name: "deployers",
  namespace: "payments",
  roleRef: { kind: "ClusterRole", name: "edit" },
  subjects: [{ kind: "ServiceAccount", name: "deployer" }],
  ...over,
});

describe("GraphBuilder", () => {
  it("draws a RoleBinding with its role and namespace, and its subject in the binding's namespace", () => {
    const b = new GraphBuilder("x");
    const bid = b.binding(binding());
    const sid = b.subject({ kind: "ServiceAccount", name: "deployer" }, "payments")!;
    b.edge(sid, bid, "subject-of");
    const g = b.build();
    expect(g.nodes.map((n) => n.id).sort()).toEqual(["binding:RoleBinding:payments:deployers", "identity:ServiceAccount:payments:deployer", "namespace:payments", "role:ClusterRole::edit"]);
    expect(g.edges.map((e) => `${e.kind} ${e.source} ${e.target}`).sort()).toEqual([
      "grants binding:RoleBinding:payments:deployers role:ClusterRole::edit",
      "in-namespace binding:RoleBinding:payments:deployers namespace:payments",
      "subject-of identity:ServiceAccount:payments:deployer binding:RoleBinding:payments:deployers",
    ]);
  });

  it("resolves a RoleBinding's Role in its own namespace, and skips a namespace-less ServiceAccount of a ClusterRoleBinding", () => {
    const b = new GraphBuilder("x");
    b.binding(binding({ roleRef: { kind: "Role", name: "deployer" } }));
    expect(b.has("role:Role:payments:deployer")).toBe(true);
    expect(b.subject({ kind: "ServiceAccount", name: "sa" }, null)).toBeUndefined();
  });

  it("replaces a placeholder subject by its identity row and never lowers a risk", () => {
    const b = new GraphBuilder("x");
    b.subject({ kind: "User", name: "alice" }, null);
    expect(b.build().nodes[0]).toMatchObject({ risk: "none" });
    expect(b.build().nodes[0]!.builtIn).toBeUndefined();
    b.identity({ id: "User:alice", kind: "User", name: "alice", namespace: null, riskLevel: "high", riskScore: 60, builtIn: false });
    b.identity({ id: "User:alice", kind: "User", name: "alice", namespace: null, riskLevel: "low", riskScore: 5, builtIn: false });
    expect(b.build().nodes[0]).toMatchObject({ id: "identity:User:alice", risk: "high", builtIn: false, href: "/identities/User%3Aalice" });
  });

  it("colours bindings and roles by the worst finding whose evidence runs through them", () => {
    const b = new GraphBuilder("x");
    b.binding(binding());
    b.binding(binding({ name: "other", roleRef: { kind: "ClusterRole", name: "view" } }));
    const ev = { binding: { kind: "RoleBinding" as const, name: "deployers", namespace: "payments" }, role: { kind: "ClusterRole" as const, name: "edit" }, ruleIndex: 0, namespace: "payments", via: { kind: "User" as const, name: "a" }, verbs: [], apiGroups: [], resources: [] };
    b.applyEvidence([
      { severity: "medium", evidence: [ev] },
      { severity: "critical", evidence: [ev] },
    ]);
    const risk = Object.fromEntries(b.build().nodes.map((n) => [n.id, n.risk]));
    expect(risk["binding:RoleBinding:payments:deployers"]).toBe("critical");
    expect(risk["role:ClusterRole::edit"]).toBe("critical");
    expect(risk["binding:RoleBinding:payments:other"]).toBe("none");
  });

  it("draws at most the limit and a '+N more' node for the rest", () => {
    const b = new GraphBuilder("x");
    const drawn = takeWithMore(b, [1, 2, 3, 4, 5], 9, 3, { id: "more:x", label: (n) => `+${n} more`, from: "namespace:a" });
    b.namespace("a");
    expect(drawn).toEqual([1, 2, 3]);
    const g = b.build();
    expect(g.nodes.find((n) => n.id === "more:x")).toMatchObject({ label: "+6 more", expandable: false });
    expect(g.edges).toHaveLength(1);
  });

  it("drops edges whose ends were never drawn", () => {
    const b = new GraphBuilder("x");
    b.namespace("a");
    b.edge("namespace:a", "nowhere", "contains");
    expect(b.build().edges).toEqual([]);
  });
});

describe("merge, filter, search, Cytoscape elements", () => {
  const b = new GraphBuilder("identity:User:alice");
  b.identity({ id: "User:alice", kind: "User", name: "alice", namespace: null, riskLevel: "critical", riskScore: 100, builtIn: false });
  b.identity({ id: "Group:system:authenticated", kind: "Group", name: "system:authenticated", namespace: null, riskLevel: "low", riskScore: 10, builtIn: true });
  b.edge("identity:User:alice", "identity:Group:system:authenticated", "member-of");
  const bid = b.binding(binding({ kind: "ClusterRoleBinding", namespace: null, name: "alice-admin", roleRef: { kind: "ClusterRole", name: "cluster-admin" } }));
  b.edge("identity:User:alice", bid, "subject-of");
  const g = b.build();

  it("merges without duplicates, keeping the higher risk", () => {
    const other = new GraphBuilder("y");
    other.identity({ id: "User:alice", kind: "User", name: "alice", namespace: null, riskLevel: "low", riskScore: 1, builtIn: false });
    other.namespace("web");
    const m = mergeGraphs(g, other.build());
    expect(m.nodes.filter((n) => n.id === "identity:User:alice")).toHaveLength(1);
    expect(m.nodes.find((n) => n.id === "identity:User:alice")!.risk).toBe("critical");
    expect(m.nodes).toHaveLength(g.nodes.length + 1);
    expect(m.edges).toHaveLength(g.edges.length);
    expect(m.focus).toBe(g.focus);
  });

  it("filters by kind, risk and built-in, always keeping the focus and dropping dangling edges", () => {
    const noGroups = filterGraph(g, { kinds: new Set(["user", "binding", "role"]) });
    expect(noGroups.nodes.map((n) => n.kind).sort()).toEqual(["binding", "role", "user"]);
    expect(noGroups.edges.some((e) => e.kind === "member-of")).toBe(false);
    expect(filterGraph(g, { minRisk: "medium" }).nodes.some((n) => n.kind === "group")).toBe(false);
    expect(filterGraph(g, { hideBuiltIn: true }).nodes.some((n) => n.id === "identity:Group:system:authenticated")).toBe(false);
    expect(filterGraph(g, { kinds: new Set() }).nodes.map((n) => n.id)).toEqual(["identity:User:alice"]);
  });

  it("searches labels and details", () => {
    expect(searchGraph(g, "ADMIN").sort()).toEqual(["binding:ClusterRoleBinding::alice-admin", "role:ClusterRole::cluster-admin"]);
    expect(searchGraph(g, "  ")).toEqual([]);
  });

  it("produces Cytoscape nodes before edges with kind, risk and focus classes", () => {
    const els = toCytoscapeElements(g);
    expect(els.filter((e) => e.group === "nodes")).toHaveLength(g.nodes.length);
    const alice = els.find((e) => e.data.id === "identity:User:alice")!;
    expect(alice.classes.split(" ").sort()).toEqual(["focus", "risk-critical", "user"]);
    expect(alice.data.label).toBe("alice\nUser");
    const group = els.find((e) => e.data.id === "identity:Group:system:authenticated")!;
    expect(group.classes).toContain("builtin");
    expect(els.findIndex((e) => e.group === "edges")).toBeGreaterThan(els.findLastIndex((e) => e.group === "nodes"));
  });
});
