/**
 * Scale check: the whole catalogue over ~20,000 identities. The target is well under 5 s on an idle machine; the
 * assertion leaves headroom for the shared 2-core CI box.
 */
import { describe, expect, it } from "vitest";
import { emptyInventory, type Inventory } from "@/lib/k8s/types";
import { analyze } from "@/lib/rbac";
import { clusterRole, clusterRoleBinding, group, role, roleBinding, rule, sa, serviceAccount, user } from "@/lib/rbac/testing";
import { rules, runRules } from "./index";
import { scoreIdentities } from "./score";

function bigInventory(namespaces: number, accountsPerNamespace: number, users: number): Inventory {
  const inv = emptyInventory();
  inv.clusterRoles.push(
    clusterRole("ns-reader", [rule(["get", "list", "watch"], ["", "apps"], ["pods", "services", "deployments", "configmaps"])]),
    clusterRole("basic", [rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews"])]),
  );
  inv.clusterRoleBindings.push(clusterRoleBinding("basic", { kind: "ClusterRole", name: "basic" }, [group("system:authenticated")]));
  for (let c = 0; c < 100; c++) {
    inv.clusterRoles.push(
      clusterRole(`platform-${c}`, [
        rule(["get", "list", "watch"], [""], ["pods", "services", "endpoints"]),
        rule(["create", "update", "patch", "delete"], ["apps"], ["deployments", "statefulsets"]),
        rule(["get"], [""], ["secrets"], [`secret-${c}`]),
        rule(["list"], [""], ["secrets"]),
        rule(["create"], [""], ["pods/exec"]),
        rule(["impersonate"], [""], ["serviceaccounts"]),
        rule(["patch"], [""], ["nodes"]),
        rule(["get"], ["*"], ["*"]),
      ]),
    );
  }
  for (let u = 0; u < users; u++) {
    inv.clusterRoleBindings.push(clusterRoleBinding(`user-${u}`, { kind: "ClusterRole", name: `platform-${u % 100}` }, [user(`user-${u}`)]));
  }
  for (let n = 0; n < namespaces; n++) {
    const ns = `ns-${n}`;
    inv.roles.push(
      role(ns, "app", [
        rule(["get", "list"], [""], ["configmaps"]),
        rule(["create"], [""], ["pods"]),
        rule(["get", "list"], [""], ["secrets"]),
        rule(["patch"], ["apps"], ["deployments"]),
      ]),
    );
    inv.roleBindings.push(roleBinding(ns, "readers", { kind: "ClusterRole", name: "ns-reader" }, [group(`system:serviceaccounts:${ns}`)]));
    for (let a = 0; a < accountsPerNamespace; a++) {
      inv.serviceAccounts.push(serviceAccount(ns, `sa-${a}`));
      inv.roleBindings.push(roleBinding(ns, `app-${a}`, { kind: "Role", name: "app" }, [sa(ns, `sa-${a}`)]));
    }
  }
  return inv;
}

describe("catalogue at scale", () => {
  it("runs every rule over 20,000+ identities quickly", () => {
    const analysis = analyze(bigInventory(200, 100, 500));
    expect(analysis.identities.length).toBeGreaterThanOrEqual(20_500);

    const t0 = performance.now();
    const findings = runRules(analysis);
    const runMs = performance.now() - t0;
    const t1 = performance.now();
    const risks = scoreIdentities(analysis, findings);
    const scoreMs = performance.now() - t1;
    console.log(
      `runRules: ${rules.length} rules × ${analysis.identities.length} identities → ${findings.length} findings in ${runMs.toFixed(0)} ms; ` +
        `scoreIdentities: ${scoreMs.toFixed(0)} ms`,
    );

    // Every service account can create pods and read secrets in its namespace; every user holds platform rights.
    expect(findings.filter((f) => f.ruleId === "pods-create").length).toBe(20_000);
    expect(findings.filter((f) => f.ruleId === "secrets-read-cluster-wide" && f.identityId?.startsWith("User:")).length).toBe(500);
    expect(risks).toHaveLength(analysis.identities.length);
    expect(runMs).toBeLessThan(10_000);
    expect(scoreMs).toBeLessThan(2_000);
  });
});
