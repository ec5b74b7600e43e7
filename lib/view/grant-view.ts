import type { SubjectRef } from "@/lib/k8s/types";
import type { BindingRef, Grant, RoleRefResolved } from "@/lib/rbac/types";
import { ruleYaml } from "./rule-yaml";

/** A grant as the browser needs it for the "why" of a matrix cell: provenance plus the rule as YAML. Serializable. */
export interface GrantView {
  binding: BindingRef;
  role: RoleRefResolved;
  ruleIndex: number;
  /** null = cluster-wide. */
  namespace: string | null;
  via: SubjectRef;
  yaml: string;
  resourceNames: string[];
}

export function toGrantViews(grants: readonly Grant[]): GrantView[] {
  return grants.map((g) => ({
    binding: g.binding,
    role: g.role,
    ruleIndex: g.ruleIndex,
    namespace: g.namespace,
    via: g.via,
    yaml: ruleYaml(g.rule),
    resourceNames: g.rule.resourceNames,
  }));
}

/** `RoleBinding payments/ci-deployer`, `ClusterRoleBinding dashboard-admin`. */
export function bindingLabel(b: { kind: string; name: string; namespace?: string | null }): string {
  return `${b.kind} ${b.namespace ? `${b.namespace}/` : ""}${b.name}`;
}

/** `Role payments/ledger-reader`, `ClusterRole edit`. */
export function roleLabel(r: { kind: string; name: string; namespace?: string | null }): string {
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}`;
}

/** `Group system:authenticated`, `ServiceAccount ci/deployer`, `User alice`. */
export function subjectLabel(s: SubjectRef): string {
  return `${s.kind} ${s.namespace ? `${s.namespace}/` : ""}${s.name}`;
}
