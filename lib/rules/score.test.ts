import { describe, expect, it } from "vitest";
import { emptyInventory } from "@/lib/k8s/types";
import { analyze } from "@/lib/rbac";
import { group, roleBinding, role, rule, sa, serviceAccount, user } from "@/lib/rbac/testing";
import { runRules } from "./index";
import { combineContributions, scoreIdentities } from "./score";
import type { Finding, Severity } from "./types";

// Expected numbers are worked out by hand from README.md, "Identity risk score": weights critical 80, high 55, medium 30, low 10, info 0;
// ×1.25 cluster-wide (capped at 100); score = c1 + 0.25·c2 + 0.125·c3 + … , capped at 100, rounded.

const analysis = analyze({
  ...emptyInventory(),
  serviceAccounts: [serviceAccount("team-a", "bot")],
  roles: [role("team-a", "r", [rule(["get"], [""], ["configmaps"])])],
  roleBindings: [roleBinding("team-a", "rb", { kind: "Role", name: "r" }, [user("alice"), user("bob"), group("system:serviceaccounts:team-a")])],
});

function finding(identityId: string, severity: Severity, namespace: string | null, byDesign = false): Finding {
  return { ruleId: "pods-create", severity, identityId, message: `can do a ${severity} thing`, namespace, evidence: [], byDesign };
}

const riskOf = (findings: Finding[], id: string) => scoreIdentities(analysis, findings).find((r) => r.identityId === id)!;

describe("combineContributions", () => {
  it("takes the largest contribution and a diminishing share of the rest", () => {
    expect(combineContributions([])).toBe(0);
    expect(combineContributions([55])).toBe(55);
    expect(combineContributions([10, 55, 30])).toBe(64); // 55 + 0.25·30 + 0.125·10 = 63.75
    expect(combineContributions([80, 80])).toBe(100); // 80 + 20
    expect(combineContributions([80, 55, 55, 55])).toBe(100); // 80 + 13.75 + 6.875 + 3.4375 = 104.06 → capped
  });
});

describe("scoreIdentities", () => {
  it("scores severity with the cluster-wide multiplier", () => {
    expect(riskOf([finding("User:alice", "critical", null)], "User:alice")).toMatchObject({ score: 100, level: "critical", overPermissive: true });
    expect(riskOf([finding("User:alice", "high", "team-a")], "User:alice")).toMatchObject({ score: 55, level: "high", overPermissive: true });
    expect(riskOf([finding("User:alice", "high", null)], "User:alice")).toMatchObject({ score: 69, level: "high" }); // 68.75
    expect(riskOf([finding("User:alice", "medium", "team-a")], "User:alice")).toMatchObject({ score: 30, level: "medium", overPermissive: false });
  });

  it("combines several findings and lists reasons most severe first", () => {
    const r = riskOf([finding("User:alice", "low", "team-a"), finding("User:alice", "high", "team-a"), finding("User:alice", "medium", "team-a")], "User:alice");
    expect(r).toMatchObject({ score: 64, level: "high", overPermissive: true });
    expect(r.reasons).toEqual(["Can do a high thing (high; pods-create)", "Can do a medium thing (medium; pods-create)", "Can do a low thing (low; pods-create)"]);
  });

  it("gives by-design findings no weight and level info", () => {
    expect(riskOf([finding("User:alice", "info", null, true)], "User:alice")).toMatchObject({ score: 0, level: "info", overPermissive: false });
  });

  it("adds group findings to members without making them over-permissive", () => {
    const r = riskOf([finding("Group:system:serviceaccounts:team-a", "high", "team-a")], "ServiceAccount:team-a:bot");
    expect(r).toMatchObject({ score: 55, level: "high", overPermissive: false });
    expect(r.reasons[0]).toMatch(/^Through group system:serviceaccounts:team-a: /);
    // Users are not in service-account groups.
    expect(riskOf([finding("Group:system:serviceaccounts:team-a", "high", "team-a")], "User:alice")).toMatchObject({ score: 0, level: "none" });
  });

  it("returns one entry per identity, zero for identities without findings", () => {
    const risks = scoreIdentities(analysis, []);
    expect(risks.map((r) => r.identityId).sort()).toEqual(analysis.identities.map((i) => i.id).sort());
    expect(risks.every((r) => r.score === 0 && r.level === "none" && r.reasons.length === 0)).toBe(true);
  });

  it("scores findings from the real catalogue", () => {
    const a = analyze({
      ...emptyInventory(),
      roles: [role("team-a", "deployer", [rule(["create"], [""], ["pods"])])],
      roleBindings: [roleBinding("team-a", "rb", { kind: "Role", name: "deployer" }, [sa("team-a", "ci")])],
    });
    const risk = scoreIdentities(a, runRules(a)).find((r) => r.identityId === "ServiceAccount:team-a:ci")!;
    // pods-create in an ordinary namespace is the only finding: high, namespaced → 55.
    expect(risk).toMatchObject({ score: 55, level: "high", overPermissive: true });
    expect(risk.reasons).toEqual(["Can create pods in namespace team-a (high; pods-create)"]);
  });
});
