import type { ClusterRole, Inventory, PolicyRule, SubjectRef } from "@/lib/k8s/types";
import { aggregateClusterRoles } from "./aggregation";
import { identityId, implicitGroupsFor, isBuiltInIdentity, serviceAccountUsername, subjectIdentity } from "./subjects";
import type { Analysis, BindingRef, DanglingRoleRef, DanglingSubject, Grant, Identity, IdentityId, RoleRefResolved } from "./types";

/** A binding whose roleRef resolved to rules; shared by analyze, whoCan and canI. */
export interface ResolvedBinding {
  binding: BindingRef;
  role: RoleRefResolved;
  rules: PolicyRule[];
  subjects: SubjectRef[];
  /** The RoleBinding's namespace, or null for a ClusterRoleBinding (cluster-wide). */
  namespace: string | null;
}

interface BindingIndex {
  clusterWide: ResolvedBinding[];
  byNamespace: Map<string, ResolvedBinding[]>;
}

const bindingIndexes = new WeakMap<Analysis, BindingIndex>();

/** Resolved bindings of an analysis, indexed by scope (built once per analysis). */
export function bindingIndex(analysis: Analysis): BindingIndex {
  let index = bindingIndexes.get(analysis);
  if (!index) {
    index = resolveBindings(analysis.inventory, analysis.clusterRoles).index;
    bindingIndexes.set(analysis, index);
  }
  return index;
}

/**
 * Resolves every binding's roleRef the way GetRoleReferenceRules does (pkg/registry/rbac/validation/rule.go):
 * kind and name AND namespace — a RoleBinding's `Role` is looked up in the binding's own namespace, a `ClusterRole`
 * by name. A ClusterRoleBinding referencing a `Role` resolves nothing (the lookup runs with namespace ""), so it never
 * grants; the API server rejects such bindings, but manifests can contain them.
 */
function resolveBindings(inv: Inventory, clusterRoles: Map<string, ClusterRole>) {
  const roles = new Map<string, PolicyRule[]>();
  for (const r of inv.roles) roles.set(`${r.namespace}/${r.name}`, r.rules);

  const index: BindingIndex = { clusterWide: [], byNamespace: new Map() };
  const dangling: DanglingRoleRef[] = [];

  for (const b of inv.clusterRoleBindings) {
    const binding: BindingRef = { kind: "ClusterRoleBinding", name: b.name };
    const role: RoleRefResolved = b.roleRef.kind === "ClusterRole" ? { kind: "ClusterRole", name: b.roleRef.name } : { kind: "Role", name: b.roleRef.name };
    const rules = b.roleRef.kind === "ClusterRole" ? clusterRoles.get(b.roleRef.name)?.rules : undefined;
    if (!rules) {
      dangling.push({ binding, role, subjects: b.subjects });
      continue;
    }
    index.clusterWide.push({ binding, role, rules, subjects: b.subjects, namespace: null });
  }

  for (const b of inv.roleBindings) {
    const binding: BindingRef = { kind: "RoleBinding", name: b.name, namespace: b.namespace };
    let role: RoleRefResolved;
    let rules: PolicyRule[] | undefined;
    if (b.roleRef.kind === "Role") {
      role = { kind: "Role", name: b.roleRef.name, namespace: b.namespace };
      rules = roles.get(`${b.namespace}/${b.roleRef.name}`);
    } else {
      role = { kind: "ClusterRole", name: b.roleRef.name };
      rules = clusterRoles.get(b.roleRef.name)?.rules;
    }
    if (!rules) {
      dangling.push({ binding, role, subjects: b.subjects });
      continue;
    }
    let list = index.byNamespace.get(b.namespace);
    if (!list) index.byNamespace.set(b.namespace, (list = []));
    list.push({ binding, role, rules, subjects: b.subjects, namespace: b.namespace });
  }
  return { index, dangling };
}

/**
 * Computes every identity's effective permissions with provenance.
 *
 * Identities are every ServiceAccount object plus every subject named by a binding. Each identity's grants are
 * the rules of the bindings naming it directly, plus those naming one of its groups: for service accounts the implicit
 * `system:serviceaccounts`, `system:serviceaccounts:NS` and `system:authenticated`; for users `system:authenticated`
 * (`system:unauthenticated` for `system:anonymous`). A Group identity holds only what is bound to the group itself.
 * Pure: no I/O; the input inventory is not modified.
 */
export function analyze(inv: Inventory): Analysis {
  const clusterRoles = aggregateClusterRoles(inv.clusterRoles);
  const { index, dangling } = resolveBindings(inv, clusterRoles);

  const identityById = new Map<IdentityId, Identity>();
  const directGrants = new Map<IdentityId, Grant[]>();
  const existingServiceAccounts = new Set<string>();

  const ensureIdentity = (kind: Identity["kind"], name: string, namespace: string | undefined, exists: boolean): Identity => {
    const id = identityId(kind, name, namespace);
    let identity = identityById.get(id);
    if (!identity) {
      const username = kind === "ServiceAccount" ? serviceAccountUsername(namespace!, name) : kind === "User" ? name : undefined;
      identity = {
        id,
        kind,
        name,
        ...(namespace !== undefined ? { namespace } : {}),
        ...(username !== undefined ? { username } : {}),
        groups: username !== undefined ? implicitGroupsFor(username) : [],
        builtIn: isBuiltInIdentity(kind, name, namespace),
        exists,
        bindings: [],
      };
      identityById.set(id, identity);
    }
    return identity;
  };

  for (const sa of inv.serviceAccounts) {
    existingServiceAccounts.add(`${sa.namespace}/${sa.name}`);
    ensureIdentity("ServiceAccount", sa.name, sa.namespace, true);
  }

  const danglingSubjects: DanglingSubject[] = [];
  const registerSubjects = (binding: BindingRef, subjects: SubjectRef[], bindingNamespace: string | undefined): void => {
    for (const s of subjects) {
      const target = subjectIdentity(s, bindingNamespace);
      if (!target) continue;
      const identity = ensureIdentity(target.kind, target.name, target.namespace, target.kind !== "ServiceAccount" || existingServiceAccounts.has(`${target.namespace}/${target.name}`));
      if (!identity.bindings.some((b) => sameBinding(b, binding))) identity.bindings.push(binding);
      if (target.kind === "ServiceAccount" && !identity.exists) {
        danglingSubjects.push({ binding, subject: { kind: "ServiceAccount", name: target.name, namespace: target.namespace! } });
      }
    }
  };
  for (const b of inv.clusterRoleBindings) registerSubjects({ kind: "ClusterRoleBinding", name: b.name }, b.subjects, undefined);
  for (const b of inv.roleBindings) registerSubjects({ kind: "RoleBinding", name: b.name, namespace: b.namespace }, b.subjects, b.namespace);

  const addGrants = (rb: ResolvedBinding): void => {
    for (const s of rb.subjects) {
      const target = subjectIdentity(s, rb.namespace ?? undefined);
      if (!target) continue;
      const via: SubjectRef = target.kind === "ServiceAccount" ? { kind: "ServiceAccount", name: target.name, namespace: target.namespace! } : { kind: target.kind, name: target.name };
      let list = directGrants.get(target.id);
      if (!list) directGrants.set(target.id, (list = []));
      for (let i = 0; i < rb.rules.length; i++) {
        list.push({ binding: rb.binding, role: rb.role, ruleIndex: i, rule: rb.rules[i]!, namespace: rb.namespace, via });
      }
    }
  };
  for (const rb of index.clusterWide) addGrants(rb);
  for (const list of index.byNamespace.values()) for (const rb of list) addGrants(rb);

  const grantsByIdentity = new Map<IdentityId, Grant[]>();
  const identities = [...identityById.values()];
  for (const identity of identities) {
    const own = directGrants.get(identity.id) ?? [];
    const inherited = identity.groups.flatMap((g) => directGrants.get(identityId("Group", g)) ?? []);
    grantsByIdentity.set(identity.id, inherited.length ? own.concat(inherited) : own);
  }

  const analysis: Analysis = {
    inventory: inv,
    clusterRoles,
    identities,
    identityById,
    grantsByIdentity,
    danglingRoleRefs: dangling,
    danglingSubjects,
  };
  bindingIndexes.set(analysis, index);
  return analysis;
}

function sameBinding(a: BindingRef, b: BindingRef): boolean {
  return a.kind === b.kind && a.name === b.name && a.namespace === b.namespace;
}
