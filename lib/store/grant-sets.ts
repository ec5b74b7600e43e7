import type { PolicyRule, SubjectRef } from "@/lib/k8s/types";
import type { BindingRef, Grant, RoleRefResolved } from "@/lib/rbac/types";

/**
 * Compact storage of effective permissions (GrantSet.entries): a range entry stands for the grants
 * `{binding, role, ruleIndex: i, rule: rules(role)[i], namespace, via}` for i in [from, to) — exactly how the engine
 * expands one binding of one role; `rules(role)` is the role's RoleRules row. Anything else is kept verbatim.
 */
export interface GrantRangeEntry {
  binding: BindingRef;
  role: RoleRefResolved;
  namespace: string | null;
  from: number;
  to: number;
}
export type GrantEntry = GrantRangeEntry | { grant: Grant };

/** `ClusterRole:NAME` or `Role:NAMESPACE:NAME`. */
export function roleKey(role: RoleRefResolved): string {
  return role.kind === "Role" ? `Role:${role.namespace ?? ""}:${role.name}` : `ClusterRole:${role.name}`;
}

export function sameBindingRef(a: BindingRef, b: BindingRef): boolean {
  return a === b || (a.kind === b.kind && a.name === b.name && a.namespace === b.namespace);
}

export function sameRoleRef(a: RoleRefResolved, b: RoleRefResolved): boolean {
  return a === b || (a.kind === b.kind && a.name === b.name && a.namespace === b.namespace);
}

/** Role keys the entries need rules for. */
export function roleKeysOf(entries: GrantEntry[]): string[] {
  const keys = new Set<string>();
  for (const e of entries) if (!("grant" in e)) keys.add(roleKey(e.role));
  return [...keys];
}

/** Expands stored entries back into Grant objects. */
export function expandGrants(entries: GrantEntry[], via: SubjectRef, rulesByRole: Map<string, PolicyRule[]>): Grant[] {
  const out: Grant[] = [];
  for (const e of entries) {
    if ("grant" in e) {
      out.push(e.grant);
      continue;
    }
    const key = roleKey(e.role);
    const rules = rulesByRole.get(key);
    for (let i = e.from; i < e.to; i++) {
      const rule = rules?.[i];
      if (!rule) throw new Error(`stored grants reference rule ${i} of ${key}, which is missing from the snapshot`);
      out.push({ binding: e.binding, role: e.role, ruleIndex: i, rule, namespace: e.namespace, via });
    }
  }
  return out;
}
