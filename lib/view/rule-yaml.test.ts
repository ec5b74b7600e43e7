import { describe, expect, it } from "vitest";
import { rule, urlRule } from "@/lib/rbac/testing";
import { ruleYaml } from "./rule-yaml";

describe("ruleYaml", () => {
  it("prints a rule as a list item in kubectl's field order, lists on one line", () => {
    expect(ruleYaml(rule(["get", "list", "watch", "create", "delete"], [""], ["pods"]))).toBe('- apiGroups: [""]\n  resources: [pods]\n  verbs: [get, list, watch, create, delete]');
  });
  it("quotes wildcards, keeps resourceNames and URL rules", () => {
    expect(ruleYaml(rule(["*"], ["*"], ["*"]))).toBe('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]');
    expect(ruleYaml(rule(["get"], [""], ["secrets"], ["db-creds"]))).toBe('- apiGroups: [""]\n  resources: [secrets]\n  resourceNames: [db-creds]\n  verbs: [get]');
    expect(ruleYaml(urlRule(["get"], ["/healthz", "/api/*"]))).toBe("- nonResourceURLs: [/healthz, /api/*]\n  verbs: [get]");
  });
});
