import type { ClusterRole, PolicyRule } from "@/lib/k8s/types";
import { selectorMatches } from "./label-selector";

/**
 * ClusterRole aggregation as the clusterrole-aggregation controller does it
 * (pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go, syncClusterRole):
 * for a role with an aggregationRule, its rules are REPLACED by the union, in selector order and then by role name,
 * of the current rules of every other ClusterRole matched by any selector, skipping exact duplicates (ruleExists).
 * Because the controller reads selected roles' current (possibly aggregated) rules and re-syncs on change, nested
 * aggregation converges to a fixpoint; we iterate until nothing changes.
 */
export function aggregateClusterRoles(roles: readonly ClusterRole[]): Map<string, ClusterRole> {
  const byName = new Map<string, ClusterRole>();
  for (const r of roles) byName.set(r.name, r);
  const sorted = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const aggregators = sorted.filter((r) => r.aggregationRule);
  if (aggregators.length === 0) return byName;

  const current = new Map<string, PolicyRule[]>();
  for (const r of sorted) current.set(r.name, r.rules);

  // Selected role names per aggregator never change; compute once.
  const selected = new Map<string, string[][]>();
  for (const agg of aggregators) {
    selected.set(
      agg.name,
      agg.aggregationRule!.clusterRoleSelectors.map((sel) =>
        sorted.filter((r) => r.name !== agg.name && selectorMatches(sel, r.labels)).map((r) => r.name),
      ),
    );
  }

  // Each pass can only add rules that exist somewhere, so this terminates; bound it defensively.
  for (let pass = 0; pass <= aggregators.length + 1; pass++) {
    let changed = false;
    for (const agg of aggregators) {
      const next: PolicyRule[] = [];
      const seen = new Set<string>();
      for (const names of selected.get(agg.name)!) {
        for (const name of names) {
          for (const rule of current.get(name) ?? []) {
            const key = ruleKey(rule);
            if (!seen.has(key)) {
              seen.add(key);
              next.push(rule);
            }
          }
        }
      }
      if (!sameRules(current.get(agg.name) ?? [], next)) {
        current.set(agg.name, next);
        changed = true;
      }
    }
    if (!changed) break;
  }

  const result = new Map<string, ClusterRole>();
  for (const r of sorted) result.set(r.name, r.aggregationRule ? { ...r, rules: current.get(r.name)! } : r);
  return result;
}

/** Semantic equality used by ruleExists (reflect.DeepEqual on PolicyRule). */
function ruleKey(rule: PolicyRule): string {
  return JSON.stringify([rule.verbs, rule.apiGroups, rule.resources, rule.resourceNames, rule.nonResourceURLs]);
}

function sameRules(a: readonly PolicyRule[], b: readonly PolicyRule[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (ruleKey(a[i]!) !== ruleKey(b[i]!)) return false;
  return true;
}
