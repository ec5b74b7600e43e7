import type { SubjectKind, SubjectRef } from "@/lib/k8s/types";
import { bindingIndex, type ResolvedBinding } from "./analyze";
import { ruleAllows, ruleAllowsNonResource, ruleAllowsResource } from "./matchers";
import { identityId, implicitGroupsFor, SYSTEM_MASTERS, subjectAppliesTo } from "./subjects";
import type { Analysis, BindingRef, Grant, IdentityId, RequestAttributes, RoleRefResolved } from "./types";

export interface Provenance {
  binding: BindingRef;
  role: RoleRefResolved;
  ruleIndex: number;
}

export interface WhoCanSubject {
  kind: SubjectKind;
  name: string;
  namespace?: string;
  via: Provenance[];
}

export interface CanIResult {
  allowed: boolean;
  /** Every binding rule that allows the request. Empty when allowed through system:masters. */
  via: Provenance[];
  /** Why the request was allowed without RBAC (system:masters). */
  reason?: string;
}

/**
 * Whether one grant allows a request, scope included. Mirrors VisitRulesFor (pkg/registry/rbac/validation/rule.go):
 * ClusterRoleBinding grants apply to every request; RoleBinding grants only to resource requests in the binding's own
 * namespace — never to cluster-scoped or non-resource requests, even when the bound ClusterRole has such rules.
 */
export function grantAllows(grant: Grant, a: RequestAttributes): boolean {
  if (a.type === "nonResource") return grant.namespace === null && ruleAllowsNonResource(grant.rule, a);
  if (grant.namespace !== null && grant.namespace !== (a.namespace ?? "")) return false;
  return ruleAllowsResource(grant.rule, a);
}

/** The bindings consulted for a request: every ClusterRoleBinding, plus RoleBindings of a namespaced request's namespace. */
function applicableBindings(analysis: Analysis, a: RequestAttributes): ResolvedBinding[] {
  const index = bindingIndex(analysis);
  const ns = a.type === "resource" ? (a.namespace ?? "") : "";
  if (!ns) return index.clusterWide;
  return index.clusterWide.concat(index.byNamespace.get(ns) ?? []);
}

function allowingRules(rb: ResolvedBinding, a: RequestAttributes): Provenance[] {
  const out: Provenance[] = [];
  for (let i = 0; i < rb.rules.length; i++) {
    if (ruleAllows(rb.rules[i]!, a)) out.push({ binding: rb.binding, role: rb.role, ruleIndex: i });
  }
  return out;
}

/**
 * Subjects named in the bindings that allow a request, as the RBAC subject locator reports them
 * (plugin/pkg/auth/authorizer/rbac/subject_locator.go, AllowedSubjects) and kubectl-who-can prints them.
 * Unlike the locator, `system:masters` is listed only where a binding names it. ServiceAccount subjects of a
 * RoleBinding without a namespace are reported in the binding's namespace, the only one they can match.
 * Without a namespace the question is cluster-scoped: only ClusterRoleBindings count.
 */
export function whoCan(analysis: Analysis, a: RequestAttributes): WhoCanSubject[] {
  const bySubject = new Map<string, WhoCanSubject>();
  for (const rb of applicableBindings(analysis, a)) {
    const via = allowingRules(rb, a);
    if (via.length === 0) continue;
    for (const s of rb.subjects) {
      const subject: SubjectRef =
        s.kind === "ServiceAccount" ? { kind: s.kind, name: s.name, namespace: s.namespace || rb.namespace || undefined } : { kind: s.kind, name: s.name };
      if (subject.kind === "ServiceAccount" && !subject.namespace) continue; // can never match (appliesToUser)
      const key = `${subject.kind}\u0000${subject.namespace ?? ""}\u0000${subject.name}`;
      let entry = bySubject.get(key);
      if (!entry) {
        entry = { kind: subject.kind, name: subject.name, ...(subject.namespace ? { namespace: subject.namespace } : {}), via: [] };
        bySubject.set(key, entry);
      }
      entry.via.push(...via);
    }
  }
  return [...bySubject.values()].sort(compareSubjects);
}

const KIND_ORDER: Record<SubjectKind, number> = { User: 0, Group: 1, ServiceAccount: 2 };
function compareSubjects(x: WhoCanSubject, y: WhoCanSubject): number {
  return KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || (x.namespace ?? "").localeCompare(y.namespace ?? "") || x.name.localeCompare(y.name);
}

/**
 * Whether `user` in `groups` may make the request — the RBAC authorizer's decision (plugin/pkg/auth/authorizer/rbac/rbac.go,
 * Authorize), returning every allowing rule instead of stopping at the first. `groups` is the complete group list, as in a
 * SubjectAccessReview; callers add implicit groups with `implicitGroupsFor` when they want them. Members of `system:masters`
 * are allowed everything: the API server's privileged-group authorizer admits them before RBAC is consulted.
 */
export function canI(analysis: Analysis, user: string, groups: readonly string[], a: RequestAttributes): CanIResult {
  if (groups.includes(SYSTEM_MASTERS)) return { allowed: true, via: [], reason: `member of ${SYSTEM_MASTERS}` };
  const via: Provenance[] = [];
  for (const rb of applicableBindings(analysis, a)) {
    const ns = rb.namespace ?? undefined;
    if (!rb.subjects.some((s) => subjectAppliesTo(s, ns, user, groups))) continue;
    via.push(...allowingRules(rb, a));
  }
  return { allowed: via.length > 0, via };
}

/**
 * Effective grants of an identity. For a user or service account not named by any binding, the grants are those
 * inherited through its implicit groups (e.g. system:authenticated).
 */
export function identityGrants(analysis: Analysis, id: IdentityId): Grant[] {
  const known = analysis.grantsByIdentity.get(id);
  if (known) return known;
  const username = usernameOf(id);
  if (username === undefined) return [];
  return implicitGroupsFor(username).flatMap((g) => analysis.grantsByIdentity.get(identityId("Group", g)) ?? []);
}

function usernameOf(id: IdentityId): string | undefined {
  if (id.startsWith("User:")) return id.slice(5);
  if (id.startsWith("ServiceAccount:")) {
    const [, ns, name] = id.split(":");
    return ns && name ? `system:serviceaccount:${ns}:${name}` : undefined;
  }
  return undefined;
}
