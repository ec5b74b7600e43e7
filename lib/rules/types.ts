/**
 * Types of Palisade's risk-rule catalogue. The store and the UI depend on these exact shapes.
 */
import type { SubjectRef } from "@/lib/k8s/types";
import type { Analysis, BindingRef, Grant, Identity, IdentityId, RoleRefResolved } from "@/lib/rbac/types";

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Rank for sorting and comparisons: critical = 4 … info = 0. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export const RULE_CATEGORIES = [
  "cluster-admin",
  "credential-access",
  "workload-execution",
  "rbac-escalation",
  "impersonation",
  "node-and-certificates",
  "admission-and-api",
  "configuration-and-network",
  "destruction-and-evasion",
  "exposed-subjects",
  "hygiene",
] as const;
export type RuleCategory = (typeof RULE_CATEGORIES)[number];

/** One link of the evidence chain: subject → binding → role → rule index → what of the request matched. */
export interface Evidence {
  binding: BindingRef;
  role: RoleRefResolved;
  ruleIndex: number;
  /** Scope of the grant: a RoleBinding's namespace, or null for cluster-wide. */
  namespace: string | null;
  /** The binding subject through which the identity holds the grant (itself or one of its groups). */
  via: SubjectRef;
  /** What of the probed requests this grant allows, e.g. ["create"], ["pods/exec"]. */
  verbs: string[];
  apiGroups: string[];
  resources: string[];
}

export interface FindingObject {
  kind: string;
  name: string;
  namespace?: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  identityId?: IdentityId;
  object?: FindingObject;
  message: string;
  /** Scope of the finding: the namespace it is confined to, or null for cluster-wide / cluster objects. */
  namespace: string | null;
  evidence: Evidence[];
  /** Kubernetes' own default policy (bootstrap roles and bindings, unchanged): reported at severity "info". */
  byDesign: boolean;
}

/** What a rule's match function returns; the runner fills in ruleId, identityId and the by-design verdict. */
export interface FindingDraft {
  /** Defaults to the rule's severity. */
  severity?: Severity;
  message: string;
  namespace: string | null;
  evidence: Evidence[];
  object?: FindingObject;
  /** Cluster rules only: whether the object is an unchanged Kubernetes default. Identity findings derive it from evidence. */
  byDesign?: boolean;
  /** Cluster rules only: the identity the finding is about, if any. */
  identityId?: IdentityId;
}

export interface RuleContext {
  identity: Identity;
  /** The identity's effective grants: its own and those inherited through its groups. */
  grants: Grant[];
  analysis: Analysis;
}

export interface Reference {
  title: string;
  url: string;
}

export interface MitreTechnique {
  /** ATT&CK technique id, e.g. "T1078.001". */
  id: string;
  name: string;
  url: string;
}

/** Metadata shared by every rule: the wording lives here, not in match functions. */
export interface RuleMeta {
  /** kebab-case, equal to the rule's file name. */
  id: string;
  title: string;
  /** The rule's headline severity; individual findings may be lower (narrower scope) or higher (kube-system). */
  severity: Severity;
  category: RuleCategory;
  rationale: string;
  remediation: string;
  references: Reference[];
  mitre?: MitreTechnique[];
}

/** A rule evaluated once per identity. */
export interface IdentityRuleDef extends RuleMeta {
  match(ctx: RuleContext): FindingDraft[];
  /**
   * Grants that allow everything (`*` verbs on `*` resources in `*` groups) subsume every narrower permission rule, so by
   * default they are hidden from `match` and reported once by cluster-admin-equivalent / namespace-admin-wildcard.
   * Rules about the grant itself or its holder (not about a capability) set this to see them.
   */
  seesFullWildcardGrants?: boolean;
  matchCluster?: never;
}

/** A rule about objects rather than identities (bindings, roles), evaluated once per analysis. */
export interface ClusterRuleDef extends RuleMeta {
  matchCluster(analysis: Analysis): FindingDraft[];
  match?: never;
}

export type IdentityRule = IdentityRuleDef & { readonly kind: "identity" };
export type ClusterRule = ClusterRuleDef & { readonly kind: "cluster" };
export type Rule = IdentityRule | ClusterRule;

export interface RunOptions {
  /**
   * Keep by-design findings (Kubernetes' own unchanged default policy, severity "info"). Default true;
   * false drops them.
   */
  includeBuiltin?: boolean;
  /** Run only these rules (default: the whole catalogue). */
  rules?: readonly Rule[];
}

export interface IdentityRisk {
  identityId: IdentityId;
  /** 0–100, see README.md, "Identity risk score". */
  score: number;
  level: Severity | "none";
  /** Any critical or high finding of the identity's own that is not by design. */
  overPermissive: boolean;
  /** Short human sentences, most severe first. */
  reasons: string[];
}
