import { describe, expect, it } from "vitest";
import type { Identity } from "@/lib/rbac/types";
import type { Finding, IdentityRisk } from "@/lib/rules/types";
import { buildSummary, orderPerKind } from "./summary";

const identity = (id: string, kind: Identity["kind"]): Identity => ({ id, kind, name: id, groups: [], builtIn: false, exists: true, bindings: [] }) as unknown as Identity;

const finding = (ruleId: string, severity: Finding["severity"], identityId: string, byDesign = false): Finding => ({
  ruleId,
  severity,
  identityId,
  message: `${ruleId} for ${identityId}`,
  namespace: null,
  evidence: [],
  byDesign,
});

const risk = (identityId: string, score: number, level: IdentityRisk["level"]): IdentityRisk => ({ identityId, score, level, overPermissive: level === "critical", reasons: [] });

function summarize(findings: Finding[], risks: IdentityRisk[]) {
  const identities = [identity("User:a", "User"), identity("Group:g", "Group"), identity("ServiceAccount:ns:s", "ServiceAccount"), identity("ServiceAccount:ns:t", "ServiceAccount")];
  return buildSummary({
    cluster: "c",
    snapshotId: 1,
    source: "files",
    sourceDetail: "x",
    context: null,
    server: null,
    startedAt: new Date(0),
    perKind: { secrets: { objects: 2, pages: null }, namespaces: { objects: 3, pages: null } },
    pages: null,
    coverageGaps: [],
    warnings: [],
    inputErrors: [],
    defaultRolesAdded: [],
    analysis: { identities, grantsByIdentity: new Map([["User:a", [{}, {}]], ["Group:g", [{}]]]) as never },
    findings,
    risks,
    durationsMs: { network: 0, parse: 1.4, analyze: 2.6, rules: 3, graph: 5.5, persist: 4, total: 16.7 },
  });
}

describe("buildSummary", () => {
  it("counts by-design findings apart and orders rules by highest severity, then count", () => {
    const s = summarize(
      [
        finding("pods-exec", "high", "User:a"),
        finding("pods-exec", "high", "ServiceAccount:ns:s"),
        finding("pods-exec", "medium", "ServiceAccount:ns:t"),
        finding("secrets-read-namespaced", "high", "User:a"),
        finding("cluster-admin-equivalent", "critical", "User:a"),
        finding("cluster-admin-equivalent", "info", "Group:g", true),
      ],
      [],
    );
    expect(s.findings.total).toBe(6);
    expect(s.findings.byDesign).toBe(1);
    expect(s.findings.bySeverity).toEqual({ critical: 1, high: 3, medium: 1, low: 0, info: 0 });
    // critical first; then the two high rules, pods-exec (3 findings, highest high) before secrets-read-namespaced (1).
    expect(s.findings.byRule.map((r) => [r.ruleId, r.severity, r.count])).toEqual([
      ["cluster-admin-equivalent", "critical", 1],
      ["pods-exec", "high", 3],
      ["secrets-read-namespaced", "high", 1],
    ]);
    expect(s.findings.byRule[0]!.title).not.toBe("cluster-admin-equivalent"); // the catalogue's title, not the id
  });

  it("counts identities by kind and grants; lists the riskiest (score > 0) highest first; rounds durations", () => {
    const s = summarize([], [risk("ServiceAccount:ns:s", 40.4, "medium"), risk("User:a", 97.6, "critical"), risk("Group:g", 0, "none")]);
    expect(s.identities).toEqual({ total: 4, users: 1, groups: 1, serviceAccounts: 2, overPermissive: 1 });
    expect(s.grants).toBe(3);
    expect(s.riskiestIdentities).toEqual([
      { id: "User:a", score: 98, level: "critical", overPermissive: true },
      { id: "ServiceAccount:ns:s", score: 40, level: "medium", overPermissive: false },
    ]);
    expect(s.durationsMs).toEqual({ network: 0, parse: 1, analyze: 3, rules: 3, graph: 6, persist: 4, total: 17 });
    expect(s.objects).toBe(5);
  });
});

describe("orderPerKind", () => {
  it("puts kinds in the collector's table order whatever order the lists finished in, unknown ones last", () => {
    const ordered = orderPerKind({
      "configmaps/aws-auth": { objects: 0, pages: 0 },
      zz: { objects: 1, pages: 1 },
      pods: { objects: 1, pages: 1 },
      namespaces: { objects: 1, pages: 1 },
      rolebindings: { objects: 1, pages: 1 },
    });
    expect(Object.keys(ordered)).toEqual(["namespaces", "rolebindings", "pods", "configmaps/aws-auth", "zz"]);
  });
});
