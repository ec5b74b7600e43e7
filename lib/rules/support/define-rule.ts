import type { ClusterRule, ClusterRuleDef, IdentityRule, IdentityRuleDef, Rule } from "../types";

/**
 * Declares a catalogue rule. Identity rules provide `match(ctx)` and run once per identity; rules about objects
 * (bindings, roles) provide `matchCluster(analysis)` and run once per analysis. No registration side effects:
 * lib/rules/index.ts lists every rule explicitly.
 */
export function defineRule(def: IdentityRuleDef): IdentityRule;
export function defineRule(def: ClusterRuleDef): ClusterRule;
export function defineRule(def: IdentityRuleDef | ClusterRuleDef): Rule {
  if (typeof def.matchCluster === "function") return { ...(def as ClusterRuleDef), kind: "cluster" };
  return { ...(def as IdentityRuleDef), kind: "identity" };
}
