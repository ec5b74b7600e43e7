/**
 * Kubernetes' default RBAC policy (the bootstrap roles and bindings the API server reconciles at start-up,
 * plugin/pkg/auth/authorizer/rbac/bootstrappolicy) and the by-design verdict built on it.
 *
 * A grant is "by design" when it is exactly what the defaults say: a default binding (same name, same roleRef), a
 * subject that binding names by default, and a rule the default role holds (order-insensitive, so reordering verbs is
 * not a change; adding one is). Findings whose evidence is all by design are reported at severity "info". Any change —
 * an extra subject in a bootstrap binding, a widened bootstrap role, a new binding to a built-in subject — is judged
 * normally.
 */
import type { Inventory, PolicyRule } from "@/lib/k8s/types";
import { aggregateClusterRoles, subjectIdentity } from "@/lib/rbac";
import type { BindingRef, Grant, RoleRefResolved } from "@/lib/rbac/types";
import { BOOTSTRAP_DEFAULTS } from "./bootstrap-defaults.generated";

export interface DefaultBinding {
  roleKind: "Role" | "ClusterRole";
  role: string;
  /** Identity ids of the default subjects (`Group:system:masters`, `ServiceAccount:kube-system:…`). */
  subjects: string[];
}

export interface BootstrapDefaults {
  /** ClusterRole name → canonical rule keys. Aggregating roles (admin, edit, view) hold their aggregated defaults. */
  clusterRoles: Record<string, string[]>;
  /** `namespace/name` → canonical rule keys. */
  roles: Record<string, string[]>;
  clusterRoleBindings: Record<string, DefaultBinding>;
  /** `namespace/name` → binding. */
  roleBindings: Record<string, DefaultBinding>;
}

/** Canonical, order-insensitive text of a rule: equal keys ⇔ the same rule. */
export function ruleKey(rule: PolicyRule): string {
  const s = (xs: readonly string[]) => [...xs].sort();
  return JSON.stringify([s(rule.verbs), s(rule.apiGroups), s(rule.resources), s(rule.resourceNames), s(rule.nonResourceURLs)]);
}

/**
 * Extracts the defaults from an inventory holding exactly the bootstrap policy
 * (test/fixtures/real/kubernetes-bootstrap). Used by the test that proves the generated module matches the fixtures.
 */
export function extractBootstrapDefaults(inv: Inventory): BootstrapDefaults {
  const clusterRoles: Record<string, string[]> = {};
  for (const [name, role] of [...aggregateClusterRoles(inv.clusterRoles)].sort(byKey)) {
    clusterRoles[name] = [...new Set(role.rules.map(ruleKey))].sort();
  }
  const roles: Record<string, string[]> = {};
  for (const r of [...inv.roles].sort((a, b) => cmp(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`))) {
    roles[`${r.namespace}/${r.name}`] = [...new Set(r.rules.map(ruleKey))].sort();
  }
  const subjectIds = (subjects: Inventory["roleBindings"][number]["subjects"], ns: string | undefined) =>
    [...new Set(subjects.flatMap((s) => subjectIdentity(s, ns)?.id ?? []))].sort();
  const clusterRoleBindings: Record<string, DefaultBinding> = {};
  for (const b of [...inv.clusterRoleBindings].sort((a, b) => cmp(a.name, b.name))) {
    clusterRoleBindings[b.name] = { roleKind: b.roleRef.kind, role: b.roleRef.name, subjects: subjectIds(b.subjects, undefined) };
  }
  const roleBindings: Record<string, DefaultBinding> = {};
  for (const b of [...inv.roleBindings].sort((a, b) => cmp(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`))) {
    roleBindings[`${b.namespace}/${b.name}`] = { roleKind: b.roleRef.kind, role: b.roleRef.name, subjects: subjectIds(b.subjects, b.namespace) };
  }
  return { clusterRoles, roles, clusterRoleBindings, roleBindings };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
function byKey<V>(a: [string, V], b: [string, V]): number {
  return cmp(a[0], b[0]);
}

// Lookup structures over the generated data, built once.
const defaultRuleSets = {
  clusterRoles: new Map(Object.entries(BOOTSTRAP_DEFAULTS.clusterRoles).map(([k, v]) => [k, new Set(v)])),
  roles: new Map(Object.entries(BOOTSTRAP_DEFAULTS.roles).map(([k, v]) => [k, new Set(v)])),
};

const ruleKeys = new WeakMap<PolicyRule, string>();
function cachedRuleKey(rule: PolicyRule): string {
  let k = ruleKeys.get(rule);
  if (k === undefined) ruleKeys.set(rule, (k = ruleKey(rule)));
  return k;
}

/** The default binding of that kind/name/namespace, if Kubernetes ships one. */
export function defaultBinding(b: BindingRef): DefaultBinding | undefined {
  if (b.kind === "ClusterRoleBinding") return own(BOOTSTRAP_DEFAULTS.clusterRoleBindings, b.name);
  return own(BOOTSTRAP_DEFAULTS.roleBindings, `${b.namespace}/${b.name}`);
}

function own<V>(record: Record<string, V>, key: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function defaultRuleSet(role: RoleRefResolved): Set<string> | undefined {
  return role.kind === "ClusterRole" ? defaultRuleSets.clusterRoles.get(role.name) : defaultRuleSets.roles.get(`${role.namespace}/${role.name}`);
}

/** Whether Kubernetes ships a role of that kind/name (and namespace). */
export function isDefaultRoleName(role: RoleRefResolved): boolean {
  return defaultRuleSet(role) !== undefined;
}

/** Whether a rule is one the default role of that name holds. */
export function isDefaultRule(role: RoleRefResolved, rule: PolicyRule): boolean {
  return defaultRuleSet(role)?.has(cachedRuleKey(rule)) ?? false;
}

/** Whether every rule of a role is one its default holds (false for roles Kubernetes does not ship). */
export function isDefaultRole(role: RoleRefResolved, rules: readonly PolicyRule[]): boolean {
  const set = defaultRuleSet(role);
  return set !== undefined && rules.every((r) => set.has(cachedRuleKey(r)));
}

const grantVerdicts = new WeakMap<Grant, boolean>();

/** Binding, subject, roleRef and rule all exactly as Kubernetes ships them. */
export function isDefaultGrant(grant: Grant): boolean {
  let v = grantVerdicts.get(grant);
  if (v === undefined) {
    const d = defaultBinding(grant.binding);
    const subject = subjectIdentity(grant.via, grant.binding.namespace)?.id;
    v =
      d !== undefined &&
      d.roleKind === grant.role.kind &&
      d.role === grant.role.name &&
      subject !== undefined &&
      d.subjects.includes(subject) &&
      isDefaultRule(grant.role, grant.rule);
    grantVerdicts.set(grant, v);
  }
  return v;
}
