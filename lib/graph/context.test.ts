import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze, grantAllows } from "@/lib/rbac";
import { clusterRole, clusterRoleBinding, group, inventory, role, roleBinding, rule, sa, serviceAccount, user } from "@/lib/rbac/testing";
import type { Grant } from "@/lib/rbac/types";
import { grantAllowsCluster, grantAllowsIn, grantScope, principalsOf, renderCheck, ruleMayVerb, ruleVerbMask, verbMask } from "./context";

const token = fc.constantFrom("*", "", "get", "list", "create", "pods", "secrets", "apps", "exec", "pods/exec", "*/exec", "a", "b");
const tokens = fc.array(token, { maxLength: 3 });
const scope = fc.constantFrom<string | null>(null, "payments", "checkout");
const ns = fc.constantFrom("payments", "checkout", "");

function grantOf(verbs: string[], apiGroups: string[], resources: string[], resourceNames: string[], namespace: string | null): Grant {
  return {
    binding: namespace === null ? { kind: "ClusterRoleBinding", name: "b" } : { kind: "RoleBinding", name: "b", namespace },
    role: { kind: "ClusterRole", name: "r" },
    ruleIndex: 0,
    rule: { verbs, apiGroups, resources, resourceNames, nonResourceURLs: [] },
    namespace,
    via: { kind: "User", name: "u" },
  };
}

describe("scoped checks agree with the engine's grantAllows", () => {
  it("grantScope / grantAllowsIn / grantAllowsCluster", () => {
    fc.assert(
      fc.property(tokens, tokens, tokens, tokens, scope, token, token, token, token, ns, (verbs, groups, resources, names, grantNs, verb, apiGroup, resource, name, requestNs) => {
        const g = grantOf(verbs, groups, resources, names, grantNs);
        const a = { verb, apiGroup, resource, ...(name ? { name } : {}) };
        const engine = (namespace: string) => grantAllows(g, { type: "resource", ...a, namespace });
        // In one namespace (or cluster-scoped: "").
        if (requestNs === "") expect(grantAllowsCluster(g, a)).toBe(engine(""));
        else expect(grantAllowsIn(g, a, requestNs)).toBe(engine(requestNs));
        // Where: "*" iff allowed in every namespace, the grant's namespace iff allowed there only, null iff nowhere.
        const where = grantScope(g, a);
        const inPayments = engine("payments");
        const inCheckout = engine("checkout");
        if (where === "*") expect([inPayments, inCheckout]).toEqual([true, true]);
        else if (where === null) expect([inPayments, inCheckout]).toEqual([false, false]);
        else expect([inPayments, inCheckout]).toEqual([where === "payments", where === "checkout"]);
      }),
      { numRuns: 3000 },
    );
  });

  it("verb masks never reject a rule the engine would allow", () => {
    fc.assert(
      fc.property(tokens, fc.constantFrom("get", "list", "create", "patch", "bind", "escalate", "approve", "impersonate", "deletecollection"), (verbs, verb) => {
        const r = rule(verbs, ["*"], ["*"]);
        const allowed = grantAllows(grantOf(verbs, ["*"], ["*"], [], null), { type: "resource", verb, apiGroup: "x", resource: "y" });
        if (allowed) {
          expect(ruleMayVerb(r, [verb])).toBe(true);
          expect(ruleVerbMask(r) & verbMask([verb])).not.toBe(0);
        }
        expect(ruleVerbMask(r) & verbMask([])).toBe(verbs.includes("*") ? verbMask([]) : 0);
      }),
    );
  });
});

describe("principals", () => {
  const inv = inventory({
    serviceAccounts: [serviceAccount("payments", "api")],
    clusterRoles: [clusterRole("reader", [rule(["get"], [""], ["pods"]), rule(["list"], [""], ["pods"])]), clusterRole("writer", [rule(["create"], [""], ["pods"])])],
    roles: [role("payments", "tokens", [rule(["create"], [""], ["serviceaccounts/token"])])],
    clusterRoleBindings: [clusterRoleBinding("sa-read", { kind: "ClusterRole", name: "reader" }, [group("system:serviceaccounts")]), clusterRoleBinding("all-write", { kind: "ClusterRole", name: "writer" }, [group("system:authenticated")])],
    roleBindings: [roleBinding("payments", "api-tokens", { kind: "Role", name: "tokens" }, [sa("payments", "api"), user("alice")])],
  });

  it("cuts each identity's own grants from the engine's list (own first, then inherited)", () => {
    const analysis = analyze(inv);
    const { principals, direct } = principalsOf(analysis, []);
    for (const p of principals) {
      const all = analysis.grantsByIdentity.get(p.id) ?? [];
      const own = all.filter((g) => g.via.kind === p.kind && g.via.name === p.name && (g.via.kind !== "ServiceAccount" || g.via.namespace === p.namespace));
      expect(direct(p.id)).toEqual(own);
    }
    expect(direct("ServiceAccount:payments:api").map((g) => g.binding.name)).toEqual(["api-tokens"]);
    expect(direct("Group:system:serviceaccounts")).toHaveLength(2);
  });
});

describe("renderCheck", () => {
  it("renders --as flags, namespaces and names, quoting what the shell would split", () => {
    const sa = { id: "ServiceAccount:payments:api", kind: "ServiceAccount" as const, name: "api", namespace: "payments", username: "system:serviceaccount:payments:api", groups: [] };
    expect(renderCheck("kubectl auth can-i create pods{/name} --subresource=exec {ns} {as}", sa, { ns: "payments", name: "api-0" })).toBe(
      "kubectl auth can-i create pods/api-0 --subresource=exec -n payments --as=system:serviceaccount:payments:api",
    );
    const g = { id: "Group:team a", kind: "Group" as const, name: "team a", groups: [] };
    expect(renderCheck("kubectl auth can-i list secrets {ns} {as}", g, { ns: "*" })).toBe("kubectl auth can-i list secrets --all-namespaces --as=palisade-probe --as-group='team a'");
  });
});
