import { describe, expect, it } from "vitest";
import type { Grant } from "@/lib/rbac/types";
import { rule } from "@/lib/rbac/testing";
import { compactMatrix, expandCell, toGrantViews } from "./grant-view";
import { buildPermissionMatrix } from "./permission-matrix";

const via = { kind: "User" as const, name: "alice" };
const podsRule = rule(["get"], [""], ["pods"]);
const grants: Grant[] = [
  { binding: { kind: "RoleBinding", name: "a", namespace: "x" }, role: { kind: "ClusterRole", name: "view" }, ruleIndex: 0, rule: podsRule, namespace: "x", via },
  { binding: { kind: "RoleBinding", name: "b", namespace: "y" }, role: { kind: "ClusterRole", name: "view" }, ruleIndex: 0, rule: podsRule, namespace: "y", via },
  { binding: { kind: "ClusterRoleBinding", name: "c" }, role: { kind: "ClusterRole", name: "secrets" }, ruleIndex: 2, rule: rule(["get"], [""], ["secrets"], ["s"]), namespace: null, via },
];

describe("toGrantViews", () => {
  it("stores each distinct rule's YAML once", () => {
    const v = toGrantViews(grants);
    expect(v.rules).toEqual(['- apiGroups: [""]\n  resources: [pods]\n  verbs: [get]', '- apiGroups: [""]\n  resources: [secrets]\n  resourceNames: [s]\n  verbs: [get]']);
    expect(v.grants.map((g) => g.rule)).toEqual([0, 0, 1]);
    expect(v.grants[2]).toMatchObject({ binding: { kind: "ClusterRoleBinding", name: "c" }, ruleIndex: 2, namespace: null, resourceNames: ["s"] });
  });
});

describe("compactMatrix", () => {
  it("round-trips every cell through [flags, ...grants]", () => {
    const full = buildPermissionMatrix(grants);
    const compact = compactMatrix(full);
    for (let s = 0; s < full.length; s++) {
      for (let r = 0; r < full[s]!.rows.length; r++) {
        for (const [verb, cell] of Object.entries(full[s]!.rows[r]!.cells)) expect(expandCell(compact[s]!.rows[r]!.cells[verb]!)).toEqual(cell);
      }
    }
    expect(compact[0]!.rows.find((r) => r.resource === "secrets")!.cells.get).toEqual([2 | 4, 2]); // restricted + dangerous, grant 2
  });
});
