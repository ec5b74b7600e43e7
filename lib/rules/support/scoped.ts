/**
 * The common shape of an identity rule: "this identity can do X", reported once per scope (cluster-wide, or one
 * namespace), with a severity that depends on the scope. Rule files supply the probes and the wording.
 */
import type { Evidence, FindingDraft, RuleContext, Severity } from "../types";
import { byScope, evidenceFor, type Probe } from "./probes";

/**
 * Namespaces where a namespaced grant is as good as a cluster-wide one: kube-system runs the control-plane
 * components and controller service accounts (e.g. clusterrole-aggregation-controller holds `escalate`), so pod
 * creation, token minting or secret reads there lead to cluster takeover. rbac-police treats it the same way.
 */
export const PRIVILEGED_NAMESPACES: ReadonlySet<string> = new Set(["kube-system"]);

export interface SeverityByScope {
  /** Grant from a ClusterRoleBinding. */
  cluster: Severity;
  /** Grant from a RoleBinding in an ordinary namespace. */
  namespace: Severity;
  /** Grant from a RoleBinding in a privileged namespace (kube-system). Default: same as `cluster`. */
  privileged?: Severity;
}

export function severityForScope(scope: string | null, table: SeverityByScope): Severity {
  if (scope === null) return table.cluster;
  if (PRIVILEGED_NAMESPACES.has(scope)) return table.privileged ?? table.cluster;
  return table.namespace;
}

/** "cluster-wide" or "in namespace team-a". */
export function scopeText(scope: string | null): string {
  return scope === null ? "cluster-wide" : `in namespace ${scope}`;
}

export interface ScopedRuleSpec {
  probes: readonly Probe[];
  /** Verb phrase, e.g. "can create pods"; the scope is appended. */
  summary: string;
  severity: SeverityByScope | ((scope: string | null, evidence: Evidence[]) => Severity | null);
}

/** One draft per scope in which some grant allows one of the probes. A severity function may return null to skip. */
export function scopedFindings(ctx: RuleContext, spec: ScopedRuleSpec): FindingDraft[] {
  return byScopeSeverity(evidenceFor(ctx.grants, spec.probes), spec.summary, spec.severity);
}

/** Groups evidence by scope and turns each group into a draft: "<summary> <scope>". */
export function byScopeSeverity(evidence: Evidence[], summary: string, severity: ScopedRuleSpec["severity"]): FindingDraft[] {
  if (evidence.length === 0) return [];
  const out: FindingDraft[] = [];
  for (const [scope, ev] of byScope(evidence)) {
    const s = typeof severity === "function" ? severity(scope, ev) : severityForScope(scope, severity);
    if (s === null) continue;
    out.push({ severity: s, message: `${summary} ${scopeText(scope)}`, namespace: scope, evidence: ev });
  }
  return out;
}

/** Shorthand for identity rules that are exactly one `scopedFindings` call. */
export function scopedMatch(spec: ScopedRuleSpec): (ctx: RuleContext) => FindingDraft[] {
  return (ctx) => scopedFindings(ctx, spec);
}

/** At most one draft: the evidence, if any, under one message and scope. */
export function oneFinding(evidence: Evidence[], message: string, namespace: string | null, severity?: Severity): FindingDraft[] {
  if (evidence.length === 0) return [];
  return [{ message, namespace, evidence, ...(severity ? { severity } : {}) }];
}
