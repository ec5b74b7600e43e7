/**
 * Terse builders for hand-written inventories in tests (engine, rules, graph).
 * Test-only helpers; kept beside the engine because every pure layer's tests use them.
 */
import type { ClusterRole, ClusterRoleBinding, Inventory, LabelSelector, PolicyRule, Role, RoleBinding, RoleRef, ServiceAccount, SubjectRef } from "@/lib/k8s/types";
import { emptyInventory } from "@/lib/k8s/types";

export function rule(verbs: string[], apiGroups: string[], resources: string[], resourceNames: string[] = []): PolicyRule {
  return { verbs, apiGroups, resources, resourceNames, nonResourceURLs: [] };
}

export function urlRule(verbs: string[], nonResourceURLs: string[]): PolicyRule {
  return { verbs, apiGroups: [], resources: [], resourceNames: [], nonResourceURLs };
}

export function clusterRole(name: string, rules: PolicyRule[], opts: { labels?: Record<string, string>; aggregate?: LabelSelector[] } = {}): ClusterRole {
  return {
    kind: "ClusterRole",
    name,
    labels: opts.labels ?? {},
    annotations: {},
    rules,
    ...(opts.aggregate ? { aggregationRule: { clusterRoleSelectors: opts.aggregate } } : {}),
  };
}

export function role(namespace: string, name: string, rules: PolicyRule[]): Role {
  return { kind: "Role", name, namespace, labels: {}, annotations: {}, rules };
}

const ref = (kind: RoleRef["kind"], name: string): RoleRef => ({ kind, name, apiGroup: "rbac.authorization.k8s.io" });

export function clusterRoleBinding(name: string, roleRef: { kind: RoleRef["kind"]; name: string }, subjects: SubjectRef[]): ClusterRoleBinding {
  return { kind: "ClusterRoleBinding", name, labels: {}, annotations: {}, roleRef: ref(roleRef.kind, roleRef.name), subjects };
}

export function roleBinding(namespace: string, name: string, roleRef: { kind: RoleRef["kind"]; name: string }, subjects: SubjectRef[]): RoleBinding {
  return { kind: "RoleBinding", name, namespace, labels: {}, annotations: {}, roleRef: ref(roleRef.kind, roleRef.name), subjects };
}

export function serviceAccount(namespace: string, name: string): ServiceAccount {
  return { kind: "ServiceAccount", name, namespace, labels: {}, annotations: {}, secrets: [], imagePullSecrets: [] };
}

export const user = (name: string): SubjectRef => ({ kind: "User", name });
export const group = (name: string): SubjectRef => ({ kind: "Group", name });
export const sa = (namespace: string | undefined, name: string): SubjectRef =>
  namespace === undefined ? { kind: "ServiceAccount", name } : { kind: "ServiceAccount", name, namespace };

export function inventory(parts: Partial<Inventory>): Inventory {
  return { ...emptyInventory(), ...parts };
}
