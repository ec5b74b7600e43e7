import type { SubjectRef } from "@/lib/k8s/types";
import type { BindingRef, Grant, RoleRefResolved } from "@/lib/rbac/types";
import type { MatrixCell, ScopeMatrix } from "./permission-matrix";
import { ruleYaml } from "./rule-yaml";

/**
 * What the drill-down's permissions matrix sends to the browser, compacted: a large identity has hundreds of grants
 * and hundreds of matrix rows, and both travel in the page's payload. Pure and serializable.
 */

/** A grant's provenance; `rule` indexes {@link GrantViews.rules} (the same rule is often bound many times). */
export interface GrantView {
  binding: BindingRef;
  role: RoleRefResolved;
  ruleIndex: number;
  /** null = cluster-wide. */
  namespace: string | null;
  via: SubjectRef;
  rule: number;
  resourceNames: string[];
}

export interface GrantViews {
  /** Distinct rules as YAML. */
  rules: string[];
  grants: GrantView[];
}

export function toGrantViews(grants: readonly Grant[]): GrantViews {
  const rules: string[] = [];
  const index = new Map<string, number>();
  const views = grants.map((g): GrantView => {
    const yaml = ruleYaml(g.rule);
    let i = index.get(yaml);
    if (i === undefined) {
      i = rules.push(yaml) - 1;
      index.set(yaml, i);
    }
    return { binding: g.binding, role: g.role, ruleIndex: g.ruleIndex, namespace: g.namespace, via: g.via, rule: i, resourceNames: g.rule.resourceNames };
  });
  return { rules, grants: views };
}

/** Cell flags in a compact cell `[flags, ...grantIndices]`. */
export const CELL_WILDCARD = 1;
export const CELL_RESTRICTED = 2;
export const CELL_DANGEROUS = 4;

export type CompactCell = number[];

export interface CompactScope {
  namespace: string | null;
  verbs: string[];
  rows: { label: string; apiGroup: string; resource: string; wildcard: boolean; cells: Record<string, CompactCell> }[];
  nonResourceVerbs: string[];
  nonResource: { path: string; cells: Record<string, CompactCell> }[];
  grantCount: number;
}

function compactCell(c: MatrixCell): CompactCell {
  return [(c.wildcard ? CELL_WILDCARD : 0) | (c.restricted ? CELL_RESTRICTED : 0) | (c.dangerous ? CELL_DANGEROUS : 0), ...c.grants];
}

export function expandCell(c: CompactCell): MatrixCell {
  const flags = c[0] ?? 0;
  return { grants: c.slice(1), wildcard: (flags & CELL_WILDCARD) !== 0, restricted: (flags & CELL_RESTRICTED) !== 0, dangerous: (flags & CELL_DANGEROUS) !== 0 };
}

const mapCells = (cells: Record<string, MatrixCell>): Record<string, CompactCell> => Object.fromEntries(Object.entries(cells).map(([v, c]) => [v, compactCell(c)]));

export function compactMatrix(scopes: readonly ScopeMatrix[]): CompactScope[] {
  return scopes.map((s) => ({
    namespace: s.namespace,
    verbs: s.verbs,
    rows: s.rows.map((r) => ({ label: r.label, apiGroup: r.apiGroup, resource: r.resource, wildcard: r.wildcard, cells: mapCells(r.cells) })),
    nonResourceVerbs: s.nonResourceVerbs,
    nonResource: s.nonResource.map((u) => ({ path: u.path, cells: mapCells(u.cells) })),
    grantCount: s.grantCount,
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
