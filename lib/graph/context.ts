/**
 * What an edge builder sees: the cluster model, the identities that can act (principals) with their grants, and
 * helpers that ask the RBAC engine (grantAllows) whether a grant allows a request — always with its scope: a
 * RoleBinding's grant reaches only its own namespace, a resourceNames-restricted grant only the named objects.
 */
import type { PolicyRule, SubjectKind, SubjectRef, Workload } from "@/lib/k8s/types";
import { ruleAllowsResource } from "@/lib/rbac/matchers";
import { identityGrants } from "@/lib/rbac/queries";
import { identityId, subjectIdentity } from "@/lib/rbac/subjects";
import type { ResolvedBinding } from "@/lib/rbac/analyze";
import type { Analysis, BindingRef, Grant, ResourceAttributes, RoleRefResolved } from "@/lib/rbac/types";
import type { ClusterModel, WorkloadGroup } from "./model";
import type { Evidence, NodeId } from "./types";

/** An identity that can act: a user, a group or a service account. */
export interface Principal {
  id: NodeId;
  kind: SubjectKind;
  name: string;
  namespace?: string;
  /** The user name the API server authenticates (users and service accounts). */
  username?: string;
  /** Groups the identity is in (implicit ones, or aws-auth ones for mapped users). */
  groups: string[];
}

/** One edge as an edge builder proposes it; the graph builder merges drafts with the same (label, from, to). */
export interface EdgeDraft {
  from: NodeId;
  to: NodeId;
  explanation: string;
  evidence: Evidence[];
  /** Overrides the edge type's cost for this edge (documented in WEIGHTS.md). */
  cost?: number;
  check?: string;
}

/** A role bound to a subject by one binding (whether or not the role has rules). */
export interface BoundRole {
  binding: BindingRef;
  role: RoleRefResolved;
  /** The RoleBinding's namespace, or null for a ClusterRoleBinding. */
  scope: string | null;
  via: SubjectRef;
}

export interface EdgeContext {
  model: ClusterModel;
  analysis: Analysis;
  principals: Principal[];
  principalById: Map<NodeId, Principal>;
  /** Grants that name the identity itself (for users and service accounts, without those inherited from groups). */
  direct(id: NodeId): Grant[];
  /** Every grant the identity holds, its groups' included. */
  effective(id: NodeId): Grant[];
  /**
   * Roles bound to the identity by bindings that name it, plus (for users and service accounts, with `withGroups`)
   * those naming one of its groups. Unlike grants, this includes roles that currently have no rules.
   */
  boundRoles(id: NodeId, withGroups: boolean): BoundRole[];
  /** ClusterRoles whose rules allow every verb on every resource (`cluster-admin` always counts: it exists in every cluster). */
  adminClusterRoles: string[];
  /** Node ids that exist in the graph being built (edges to other ids are dropped). */
  hasNode(id: NodeId): boolean;
  /**
   * The node for one pod of a workload: the workload itself when it has a single pod, otherwise a pod unit created on
   * first use (so that reaching one pod does not reach the nodes of its siblings).
   */
  unitOf(group: WorkloadGroup, pod: Workload): NodeId;
  /** OR of the verb masks ({@link ruleVerbMask}) of every grant the identity holds, its groups' included. */
  effectiveVerbMask(id: NodeId): number;
  /** Whether the identity holds any grant through a binding that names it. */
  hasOwnGrants(id: NodeId): boolean;
  /** Every binding whose role resolved, with its rules (the engine's index). */
  bindings(): readonly ResolvedBinding[];
  /** The same bindings grouped by role (rule list) and scope, with verb masks (see {@link forEachGrant}). */
  ruleSets(): readonly RuleSet[];
  /** The principals a binding names, with the subject as the engine records it in `Grant.via`. */
  subjectsOf(rb: ResolvedBinding): readonly { principal: Principal; via: SubjectRef }[];
  /** Every workload group plus the pod units created so far (configuration edges run after permission edges). */
  workloadUnits(): readonly WorkloadGroup[];
}

/** A namespaced (or cluster-scoped) resource request. */
export function req(verb: string, apiGroup: string, resource: string, opts: { subresource?: string; name?: string; namespace?: string } = {}): ResourceAttributes {
  const a: ResourceAttributes = { verb, apiGroup, resource };
  if (opts.subresource) a.subresource = opts.subresource;
  if (opts.name !== undefined) a.name = opts.name;
  if (opts.namespace !== undefined) a.namespace = opts.namespace;
  return a;
}

/*
 * Scoped permission checks. Each is grantAllows (lib/rbac/queries.ts, VisitRulesFor's scope rule) specialised to a
 * question the graph asks, calling the engine's ruleAllowsResource for the rule itself. grantAllows allows a grant when
 * its scope admits the request's namespace and its rule allows the request; rules never mention namespaces. So:
 *  - a namespaced request in "whatever namespace the grant reaches" is allowed iff the rule allows it, and reaches
 *    every namespace (ClusterRoleBinding) or the RoleBinding's own;
 *  - a cluster-scoped request (namespace "") is allowed only by ClusterRoleBinding grants.
 * lib/graph/context.test.ts checks each against grantAllows on generated rules and requests.
 */

/**
 * Where a grant allows a namespaced request: `"*"` (every namespace: a ClusterRoleBinding), the RoleBinding's
 * namespace, or null.
 */
export function grantScope(grant: Grant, a: ResourceAttributes): string | null {
  return ruleAllowsResource(grant.rule, a) ? (grant.namespace ?? "*") : null;
}

/** Whether a grant allows a namespaced request in one namespace. */
export function grantAllowsIn(grant: Grant, a: ResourceAttributes, namespace: string): boolean {
  return (grant.namespace === null || grant.namespace === namespace) && ruleAllowsResource(grant.rule, a);
}

/** Whether a grant allows a cluster-scoped request (only ClusterRoleBinding grants can). */
export function grantAllowsCluster(grant: Grant, a: ResourceAttributes): boolean {
  return grant.namespace === null && ruleAllowsResource(grant.rule, a);
}

/** Cheap pre-filter: whether a rule can allow any of `verbs` (before asking the engine with full attributes). */
export function ruleMayVerb(rule: PolicyRule, verbs: readonly string[]): boolean {
  for (const v of rule.verbs) if (v === "*" || verbs.includes(v)) return true;
  return false;
}

/** {@link ruleMayVerb} for a grant. */
export const mayVerb = (grant: Grant, verbs: readonly string[]): boolean => ruleMayVerb(grant.rule, verbs);

/**
 * Visits every grant a binding gives its subjects (each principal's own grants) whose rule may use one of `verbs`.
 * `compute` sees only the grant's rule and scope, so its result is computed once per distinct (rule, scope) — a role
 * bound to thousands of subjects is evaluated once — and `emit` turns it into drafts for each subject.
 */
export function forEachGrant<T>(ctx: EdgeContext, verbs: readonly string[], compute: (grant: Grant) => T | undefined, emit: (p: Principal, grant: Grant, hit: T) => void): void {
  const want = verbMask(verbs);
  for (const set of ctx.ruleSets()) {
    if ((set.anyMask & want) === 0) continue;
    for (let i = 0; i < set.rules.length; i++) {
      if ((set.masks[i]! & want) === 0) continue;
      const rule = set.rules[i]!;
      for (const rbs of set.byScope.values()) {
        const first = rbs[0]!;
        const probe: Grant = { binding: first.binding, role: first.role, ruleIndex: i, rule, namespace: first.namespace, via: { kind: "User", name: "" } };
        const hit = compute(probe);
        if (hit === undefined) continue;
        for (const rb of rbs) {
          for (const { principal, via } of ctx.subjectsOf(rb)) emit(principal, { binding: rb.binding, role: rb.role, ruleIndex: i, rule, namespace: rb.namespace, via }, hit);
        }
      }
    }
  }
}

/** Bits of the verbs edge builders ask about; any other verb shares the last bit; `*` sets them all. */
const VERB_BITS: Record<string, number> = { get: 1, list: 2, watch: 4, create: 8, update: 16, patch: 32, delete: 64, impersonate: 128, bind: 256, escalate: 512, approve: 1024 };
const OTHER_VERB = 1 << 29;
const STAR = 1 << 30;

/** The verb mask of a request set; [] asks for rules with the `*` verb only. */
export function verbMask(verbs: readonly string[]): number {
  if (verbs.length === 0) return STAR;
  let m = 0;
  for (const v of verbs) m |= VERB_BITS[v] ?? OTHER_VERB;
  return m;
}

/** The verb mask of a rule: one bit per verb, every bit for `*`. */
export function ruleVerbMask(rule: PolicyRule): number {
  let m = 0;
  for (const v of rule.verbs) m |= v === "*" ? STAR | OTHER_VERB | 0x7ff : (VERB_BITS[v] ?? OTHER_VERB);
  return m;
}

/** The rules of one role, with the bindings that bind it, by scope ("" = cluster-wide). */
export interface RuleSet {
  rules: PolicyRule[];
  masks: Int32Array;
  anyMask: number;
  byScope: Map<string, ResolvedBinding[]>;
}

/** Groups resolved bindings by the rule list they bind (one role) and by scope. */
export function ruleSetsOf(bindings: readonly ResolvedBinding[]): RuleSet[] {
  const byRules = new Map<PolicyRule[], RuleSet>();
  for (const rb of bindings) {
    let set = byRules.get(rb.rules);
    if (!set) {
      const masks = Int32Array.from(rb.rules.map(ruleVerbMask));
      let anyMask = 0;
      for (const m of masks) anyMask |= m;
      set = { rules: rb.rules, masks, anyMask, byScope: new Map() };
      byRules.set(rb.rules, set);
    }
    const key = rb.namespace ?? "";
    const list = set.byScope.get(key);
    if (list) list.push(rb);
    else set.byScope.set(key, [rb]);
  }
  return [...byRules.values()];
}

/** Whether the grant's rule is restricted to named objects. */
export const isNameRestricted = (grant: Grant): boolean => grant.rule.resourceNames.length > 0;

/** `create pods`, `create pods/exec`, `bind clusterroles/cluster-admin`, `update configmaps/aws-auth`. */
export function permissionText(a: ResourceAttributes): string {
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const group = a.apiGroup && !["apps", "batch", "rbac.authorization.k8s.io", "certificates.k8s.io", "admissionregistration.k8s.io"].includes(a.apiGroup) ? `.${a.apiGroup}` : "";
  return `${a.verb} ${res}${group}${a.name ? ` ${a.name}` : ""}`;
}

export function grantEvidence(grant: Grant, permission: string): Evidence {
  return { kind: "grant", permission, binding: grant.binding, role: grant.role, ruleIndex: grant.ruleIndex, rule: grant.rule, scope: grant.namespace, via: grant.via };
}

/** The first request of `requests` the grant allows in `scope` terms, with where. */
export function firstScoped(grant: Grant, requests: readonly ResourceAttributes[]): { a: ResourceAttributes; scope: string } | undefined {
  for (const a of requests) {
    const scope = grantScope(grant, a);
    if (scope !== null) return { a, scope };
  }
  return undefined;
}

/** `--as=…` flags that make kubectl ask as the principal. */
export function asFlags(p: Principal): string {
  if (p.kind === "Group") return `--as=palisade-probe --as-group=${shellQuote(p.name)}`;
  return `--as=${shellQuote(p.username ?? p.name)}`;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_.:@/=+-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

/**
 * Renders a check template: `{as}` → the principal's `--as` flags, `{ns}` → `-n NS` / `--all-namespaces` / nothing,
 * `{name}` → the object name, `{/name}` → `/NAME` when a name is given.
 */
export function renderCheck(template: string, p: Principal | undefined, vars: { ns?: string | null; name?: string } = {}): string {
  const ns = vars.ns === undefined || vars.ns === null ? "" : vars.ns === "*" ? "--all-namespaces" : `-n ${shellQuote(vars.ns)}`;
  return template
    .replace("{as}", p ? asFlags(p) : "")
    .replace("{ns}", ns)
    .replace("{/name}", vars.name !== undefined ? `/${shellQuote(vars.name)}` : "")
    .replace("{name}", vars.name !== undefined ? shellQuote(vars.name) : "")
    .replace(/ {2,}/g, " ")
    .trim();
}

/** "in payments" / "in every namespace". */
export const inScope = (scope: string): string => (scope === "*" ? "in every namespace" : `in ${scope}`);

/**
 * Drafts for an edge that needs several permissions at once (e.g. `bind` and `create rolebindings`). A group gets
 * the drafts its own grants support. A user or service account gets those its effective grants support, minus those
 * one of its groups already supports alone (the member reaches them through MEMBER_OF): so permissions inherited by
 * everyone stay on the group node. Results for members without direct grants are shared per group set.
 * `verbs`: at least one of them must be held (any scope) for `compute` to run at all.
 */
export function combinationDrafts(ctx: EdgeContext, verbs: readonly string[], compute: (grants: Grant[], p: Principal) => EdgeDraft[]): EdgeDraft[] {
  const out: EdgeDraft[] = [];
  const groupTargets = new Map<string, Set<NodeId>>();
  const targetsOfGroup = (g: string): Set<NodeId> => {
    let set = groupTargets.get(g);
    if (!set) {
      const gp = ctx.principalById.get(identityId("Group", g));
      set = new Set(gp ? compute(ctx.direct(gp.id), gp).map((d) => d.to) : []);
      groupTargets.set(g, set);
    }
    return set;
  };
  // Members without grants of their own hold exactly the union of their groups' grants: when that union supports
  // nothing, every member with the same groups can be skipped.
  const emptyForGroups = new Set<string>();
  const needed = verbMask(verbs);
  for (const p of ctx.principals) {
    if ((ctx.effectiveVerbMask(p.id) & needed) === 0) continue;
    if (p.kind === "Group") {
      out.push(...compute(ctx.direct(p.id), p));
      continue;
    }
    const groupKey = !ctx.hasOwnGrants(p.id) ? p.groups.join("\u0000") : undefined;
    if (groupKey !== undefined && emptyForGroups.has(groupKey)) continue;
    const drafts = compute(ctx.effective(p.id), p);
    if (groupKey !== undefined && drafts.length === 0) emptyForGroups.add(groupKey);
    if (drafts.length === 0) continue;
    for (const d of drafts) {
      if (p.groups.some((g) => targetsOfGroup(g).has(d.to))) continue;
      out.push(d);
    }
  }
  return out;
}

/**
 * Builds the principals and grant lookups of an analysis (plus identities only the graph knows, e.g. aws-auth users).
 * Own-grant lists are cut from the engine's lists on demand: analyze() lists an identity's own grants first, then
 * those inherited from its groups (own.concat(inherited)), so they are a prefix (context.test.ts checks this).
 */
export function principalsOf(
  analysis: Analysis,
  extra: Principal[],
): {
  principals: Principal[];
  byId: Map<NodeId, Principal>;
  direct: (id: NodeId) => Grant[];
  effective: (id: NodeId) => Grant[];
} {
  const principals: Principal[] = analysis.identities.map((i) => ({
    id: i.id,
    kind: i.kind,
    name: i.name,
    ...(i.namespace !== undefined ? { namespace: i.namespace } : {}),
    ...(i.username !== undefined ? { username: i.username } : {}),
    groups: i.groups,
  }));
  const known = new Set(principals.map((p) => p.id));
  for (const p of extra) {
    if (known.has(p.id)) continue;
    known.add(p.id);
    principals.push(p);
  }
  principals.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byId = new Map(principals.map((p) => [p.id, p]));

  const isOwn = (p: { kind: SubjectKind; name: string; namespace?: string }, g: Grant) => {
    const v = g.via;
    return v.kind === p.kind && v.name === p.name && (v.kind !== "ServiceAccount" || v.namespace === p.namespace);
  };
  const directCache = new Map<NodeId, Grant[]>();
  const direct = (id: NodeId): Grant[] => {
    let own = directCache.get(id);
    if (!own) {
      const p = byId.get(id);
      if (!p) return [];
      const all = analysis.grantsByIdentity.get(id) ?? [];
      let n = 0;
      while (n < all.length && isOwn(p, all[n]!)) n++;
      own = all.slice(0, n);
      if (p.kind === "Group") directCache.set(id, own);
    }
    return own;
  };
  const effective = (id: NodeId): Grant[] => {
    const known = analysis.grantsByIdentity.get(id);
    if (known) return known;
    const p = byId.get(id);
    if (p && p.kind !== "Group" && p.groups.length > 0) {
      return p.groups.flatMap((g) => analysis.grantsByIdentity.get(identityId("Group", g)) ?? []);
    }
    return identityGrants(analysis, id);
  };
  return { principals, byId, direct, effective };
}

/** Index of bound roles by identity id, from the inventory's bindings (roleRef resolved by kind and namespace). */
export function boundRolesIndex(analysis: Analysis): Map<NodeId, BoundRole[]> {
  const out = new Map<NodeId, BoundRole[]>();
  const add = (binding: BindingRef, role: RoleRefResolved, scope: string | null, subjects: SubjectRef[]) => {
    for (const s of subjects) {
      const target = subjectIdentity(s, scope ?? undefined);
      if (!target) continue;
      const via: SubjectRef = target.kind === "ServiceAccount" ? { kind: "ServiceAccount", name: target.name, namespace: target.namespace! } : { kind: target.kind, name: target.name };
      const list = out.get(target.id);
      const entry = { binding, role, scope, via };
      if (list) list.push(entry);
      else out.set(target.id, [entry]);
    }
  };
  for (const b of analysis.inventory.clusterRoleBindings) {
    if (b.roleRef.kind !== "ClusterRole") continue;
    add({ kind: "ClusterRoleBinding", name: b.name }, { kind: "ClusterRole", name: b.roleRef.name }, null, b.subjects);
  }
  for (const b of analysis.inventory.roleBindings) {
    const role: RoleRefResolved = b.roleRef.kind === "Role" ? { kind: "Role", name: b.roleRef.name, namespace: b.namespace } : { kind: "ClusterRole", name: b.roleRef.name };
    add({ kind: "RoleBinding", name: b.name, namespace: b.namespace }, role, b.namespace, b.subjects);
  }
  return out;
}

export function boundRoleEvidence(b: BoundRole, fact: string): Evidence {
  return { kind: "binding", fact, binding: b.binding, role: b.role, scope: b.scope, via: b.via };
}
