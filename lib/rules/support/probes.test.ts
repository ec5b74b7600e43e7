import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PolicyRule } from "@/lib/k8s/types";
import { ruleAllowsResource } from "@/lib/rbac";
import { rules } from "../index";
import { allProbes, ruleAllowsAnyProbe, ruleAllowsProbe } from "./probes";

// The probe index only narrows candidates; RuleAllows must decide exactly as the engine does for every probe.
const probes = allProbes();
const groups = [...new Set(probes.map((p) => p.apiGroup)), "*", "other.example.com"];
const resources = [...new Set(probes.map((p) => p.label)), "*", "*/exec", "*/status", "pods/*", "widgets"];
const verbs = [...new Set(probes.map((p) => p.verb)), "*", "escalate", "frobnicate"];
const names = ["", "coredns", "aws-auth", "kubernetes", "system:masters", "kubernetes.io/*", "x"];

const policyRule: fc.Arbitrary<PolicyRule> = fc.record({
  verbs: fc.uniqueArray(fc.constantFrom(...verbs), { minLength: 1, maxLength: 4 }),
  apiGroups: fc.uniqueArray(fc.constantFrom(...groups), { minLength: 1, maxLength: 3 }),
  resources: fc.uniqueArray(fc.constantFrom(...resources), { minLength: 0, maxLength: 4 }),
  resourceNames: fc.uniqueArray(fc.constantFrom(...names), { maxLength: 2 }),
  nonResourceURLs: fc.constant([]),
});

describe("probe index", () => {
  it("registers the probes of every rule module", () => {
    expect(rules.length).toBeGreaterThan(40);
    expect(probes.length).toBeGreaterThan(300);
    expect(new Set(probes.map((p) => p.id)).size).toBe(probes.length);
  });

  it("agrees with the engine's RuleAllows for every probe", () => {
    fc.assert(
      fc.property(policyRule, (rule) => {
        let any = false;
        for (const p of probes) {
          const expected = ruleAllowsResource(rule, p.attrs);
          any ||= expected;
          if (ruleAllowsProbe(rule, p) !== expected) return false;
        }
        return ruleAllowsAnyProbe(rule) === any;
      }),
      { numRuns: 500 },
    );
  });
});
