/**
 * The engine over the real bootstrap policy a Kubernetes API server serves (test/fixtures/real/kubernetes-bootstrap).
 * Expected answers were worked out by hand from those YAML files, not captured from the engine.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadInventory } from "@/lib/collect/files";
import type { Inventory } from "@/lib/k8s/types";
import { analyze } from "./analyze";
import { canI, whoCan } from "./queries";
import { roleBinding, group } from "./testing";
import type { Analysis, RequestAttributes } from "./types";

const BOOTSTRAP = path.join(import.meta.dirname, "../../test/fixtures/real/kubernetes-bootstrap");
const files = ["cluster-roles.yaml", "cluster-role-bindings.yaml", "controller-roles.yaml", "controller-role-bindings.yaml", "namespace-roles.yaml", "namespace-role-bindings.yaml"];

let inv: Inventory;
let analysis: Analysis;
beforeAll(async () => {
  const loaded = await loadInventory(files.map((f) => path.join(BOOTSTRAP, f)));
  expect(loaded.errors).toEqual([]);
  inv = loaded.inventory;
  analysis = analyze(inv);
});

const secrets = (namespace?: string): RequestAttributes => ({ type: "resource", verb: "get", apiGroup: "", resource: "secrets", ...(namespace ? { namespace } : {}) });
const label = (s: { kind: string; name: string; namespace?: string }) => (s.namespace ? `${s.kind}:${s.namespace}/${s.name}` : `${s.kind}:${s.name}`);

describe("bootstrap policy", () => {
  it("lists exactly who can get secrets cluster-wide on a fresh cluster", () => {
    // cluster-admin → system:masters; system:kube-controller-manager (rule 5: get secrets);
    // the generic-garbage-collector and namespace-controller controllers (get on */*). system:node has no subjects.
    expect(whoCan(analysis, secrets()).map(label).sort()).toEqual([
      "Group:system:masters",
      "ServiceAccount:kube-system/generic-garbage-collector",
      "ServiceAccount:kube-system/namespace-controller",
      "User:system:kube-controller-manager",
    ]);
  });

  it("adds kube-system's bootstrap-signer and token-cleaner for secrets in kube-system", () => {
    expect(whoCan(analysis, secrets("kube-system")).map(label).sort()).toEqual([
      "Group:system:masters",
      "ServiceAccount:kube-system/bootstrap-signer",
      "ServiceAccount:kube-system/generic-garbage-collector",
      "ServiceAccount:kube-system/namespace-controller",
      "ServiceAccount:kube-system/token-cleaner",
      "User:system:kube-controller-manager",
    ]);
  });

  it("lets system:unauthenticated reach only the public health and version endpoints", () => {
    const anon = (p: string) => canI(analysis, "system:anonymous", ["system:unauthenticated"], { type: "nonResource", verb: "get", path: p }).allowed;
    for (const p of ["/healthz", "/livez", "/readyz", "/version", "/version/"]) expect(anon(p)).toBe(true);
    for (const p of ["/api", "/apis/apps/v1", "/openapi/v2", "/metrics", "/version/extra"]) expect(anon(p)).toBe(false);
    expect(canI(analysis, "system:anonymous", ["system:unauthenticated"], { type: "resource", verb: "list", apiGroup: "", resource: "namespaces" }).allowed).toBe(false);
    // Authenticated users additionally get discovery (/api/*) and self-reviews.
    expect(canI(analysis, "alice", ["system:authenticated"], { type: "nonResource", verb: "get", path: "/apis/apps/v1" }).allowed).toBe(true);
    expect(canI(analysis, "alice", ["system:authenticated"], { type: "resource", verb: "create", apiGroup: "authorization.k8s.io", resource: "selfsubjectaccessreviews" }).allowed).toBe(true);
    expect(canI(analysis, "alice", ["system:authenticated"], { type: "resource", verb: "get", apiGroup: "", resource: "pods", namespace: "default" }).allowed).toBe(false);
  });

  it("aggregates admin, edit and view from the aggregate-to-* roles and scopes them through RoleBindings", () => {
    const teamed = analyze({
      ...inv,
      roleBindings: [
        ...inv.roleBindings,
        roleBinding("team", "devs-edit", { kind: "ClusterRole", name: "edit" }, [group("team-devs")]),
        roleBinding("team", "readers-view", { kind: "ClusterRole", name: "view" }, [group("team-readers")]),
        roleBinding("team", "leads-admin", { kind: "ClusterRole", name: "admin" }, [group("team-leads")]),
      ],
    });
    const can = (groups: string[], verb: string, resource: string, namespace: string, subresource?: string, apiGroup = "") =>
      canI(teamed, "someone", groups, { type: "resource", verb, apiGroup, resource, namespace, ...(subresource ? { subresource } : {}) }).allowed;
    expect(can(["team-devs"], "create", "pods", "team", "exec")).toBe(true);
    expect(can(["team-devs"], "get", "secrets", "team")).toBe(true);
    expect(can(["team-devs"], "get", "secrets", "other")).toBe(false);
    expect(can(["team-readers"], "list", "pods", "team")).toBe(true);
    expect(can(["team-readers"], "get", "secrets", "team")).toBe(false);
    expect(can(["team-leads"], "create", "rolebindings", "team", undefined, "rbac.authorization.k8s.io")).toBe(true);
    expect(teamed.clusterRoles.get("view")!.rules.length).toBeGreaterThan(0);
  });

  it("marks Kubernetes' own identities as built-in and nobody else", () => {
    const builtIn = (id: string) => analysis.identityById.get(id)?.builtIn;
    expect(builtIn("Group:system:masters")).toBe(true);
    expect(builtIn("User:system:kube-scheduler")).toBe(true);
    expect(builtIn("ServiceAccount:kube-system:namespace-controller")).toBe(true);
    // Every subject the bootstrap policy names is Kubernetes' own.
    expect(analysis.identities.filter((i) => !i.builtIn).map((i) => i.id)).toEqual([]);
    const custom = analyze({ ...inv, roleBindings: [roleBinding("kube-system", "ops", { kind: "ClusterRole", name: "view" }, [group("ops"), { kind: "ServiceAccount", name: "my-operator", namespace: "kube-system" }])] });
    expect(custom.identityById.get("Group:ops")?.builtIn).toBe(false);
    expect(custom.identityById.get("ServiceAccount:kube-system:my-operator")?.builtIn).toBe(false);
  });
});
