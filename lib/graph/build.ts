/**
 * Builds the attack graph of an analysed inventory: nodes, every edge type of the catalogue, scope membership and
 * crown jewels. Pure and deterministic for a given analysis.
 */
import { identityId, implicitGroupsFor, isBuiltInIdentity, parseServiceAccountUsername, serviceAccountUsername, subjectIdentity } from "@/lib/rbac/subjects";
import type { SubjectRef, Workload } from "@/lib/k8s/types";
import { bindingIndex, type ResolvedBinding } from "@/lib/rbac/analyze";
import type { Analysis } from "@/lib/rbac/types";
import { boundRolesIndex, grantAllowsCluster, principalsOf, req, ruleSetsOf, ruleVerbMask, type EdgeContext, type Principal, type RuleSet } from "./context";
import { findCrownJewels, type CrownJewelSelector } from "./crown-jewels";
import type { EdgeDefinition } from "./define-edge";
import { EDGES } from "./edges";
import { ALL_NAMESPACES, CLUSTER_ADMIN_ID, cloudIdentityId, controllerScopeId, namespaceId, nodeId, scopeId, secretId, serviceAccountId, UNKNOWN_NODE_ID } from "./ids";
import { buildClusterModel, normalizeIamArn, PATCHABLE_CONTROLLERS, podUnit, type WorkloadGroup } from "./model";
import { SCOPE_MEMBER, type AttackGraph, type CloudProvider, type Evidence, type GraphEdge, type GraphNode, type NodeId, type ScopeOf } from "./types";

export interface BuildOptions {
  /** User-defined crown-jewel selectors (the web app stores them per cluster). */
  selectors?: readonly CrownJewelSelector[];
  /** Edge catalogue to use (default: all of lib/graph/edges). */
  edges?: readonly EdgeDefinition[];
  /** Called after each phase with its duration (benchmarks). */
  onPhase?: (phase: string, ms: number, count: number) => void;
}

const SCOPE_WORDS: Record<ScopeOf, { noun: string; member: (label: string) => string }> = {
  serviceaccounts: { noun: "any service account", member: (l) => `acts as ${l}` },
  secrets: { noun: "any secret", member: (l) => `reads ${l}` },
  workloads: { noun: "any workload", member: (l) => `gets into ${l}` },
  controllers: { noun: "any controller (pod template)", member: (l) => `controls ${l}` },
  nodes: { noun: "any node", member: (l) => `lands on ${l}` },
  namespaces: { noun: "any namespace", member: (l) => `controls ${l}` },
  users: { noun: "any user", member: (l) => `acts as ${l}` },
  groups: { noun: "any group", member: (l) => `acts as ${l}` },
};

function workloadNodeOf(g: WorkloadGroup): GraphNode {
  return {
    id: g.id,
    kind: "Workload",
    name: g.name,
    namespace: g.namespace,
    label: g.partOf ? `pod ${g.namespace}/${g.name}` : `${g.kind} ${g.namespace}/${g.name}`,
    workload: {
      kind: g.kind,
      members: g.objects.filter((o) => o !== g.root).length,
      pods: g.pods.length,
      nodeNames: g.nodeNames,
      serviceAccounts: g.serviceAccounts.map((x) => x.name),
      escapes: g.escapes.map((e) => e.fact),
      ...(g.partOf ? { partOf: g.partOf } : {}),
    },
  };
}

const CLOUD_WORDS: Record<CloudProvider, string> = { aws: "AWS IAM", gcp: "GCP service account", azure: "Azure identity" };

/** Scope-membership edges have no reasons; they share one (frozen) empty list. */
const NO_REASONS: Evidence[][] = Object.freeze([]) as unknown as Evidence[][];

const reasonKey = (r: Evidence[]): string => r.map(evidenceKey).join("\u0001");

function evidenceKey(e: Evidence): string {
  if (e.kind === "binding") return `b|${e.binding.kind}|${e.binding.namespace ?? ""}|${e.binding.name}|${e.via.kind}|${e.via.namespace ?? ""}|${e.via.name}|${e.fact}`;
  if (e.kind === "grant") return `g|${e.binding.kind}|${e.binding.namespace ?? ""}|${e.binding.name}|${e.role.kind}|${e.role.name}|${e.ruleIndex}|${e.via.kind}|${e.via.namespace ?? ""}|${e.via.name}|${e.permission}`;
  return JSON.stringify(e);
}

/**
 * Builds the attack graph. Identity nodes share the engine's ids; each edge type of `opts.edges` contributes edges;
 * drafts with the same (label, from, to) merge into one edge whose `reasons` lists every sufficient reason, cheapest
 * first. Edges to scope nodes without members, to unknown nodes, and self-loops are dropped.
 */
export function buildAttackGraph(analysis: Analysis, opts: BuildOptions = {}): AttackGraph {
  let t0 = performance.now();
  const phase = (name: string, count: number) => {
    const now = performance.now();
    opts.onPhase?.(name, now - t0, count);
    t0 = now;
  };
  const model = buildClusterModel(analysis);
  phase("model", model.workloads.length);
  const inv = analysis.inventory;
  const nodes: GraphNode[] = [];
  const byId = new Map<NodeId, GraphNode>();
  const addNode = (n: GraphNode): GraphNode => {
    const prev = byId.get(n.id);
    if (prev) return prev;
    byId.set(n.id, n);
    nodes.push(n);
    return n;
  };

  // ---- principals: engine identities, plus identities only the graph knows (aws-auth, pods' service accounts) ----
  const extra: Principal[] = [];
  const extraUser = (name: string) => {
    const sa = parseServiceAccountUsername(name);
    if (sa) extraSa(sa.namespace, sa.name);
    else extra.push({ id: identityId("User", name), kind: "User", name, username: name, groups: implicitGroupsFor(name) });
  };
  const extraSa = (ns: string, name: string) => {
    const username = serviceAccountUsername(ns, name);
    extra.push({ id: serviceAccountId(ns, name), kind: "ServiceAccount", name, namespace: ns, username, groups: implicitGroupsFor(username) });
  };
  const extraGroup = (name: string) => extra.push({ id: identityId("Group", name), kind: "Group", name, groups: [] });
  for (const m of inv.awsAuth) {
    if (m.username) extraUser(m.username);
    for (const g of m.groups) extraGroup(g);
  }
  for (const g of model.workloads) for (const s of g.serviceAccounts) extraSa(g.namespace, s.name);
  const { principals, byId: principalById, direct, effective } = principalsOf(analysis, extra);
  const saExists = new Set(inv.serviceAccounts.map((s) => serviceAccountId(s.namespace, s.name)));

  for (const p of principals) {
    const label = p.kind === "ServiceAccount" ? `service account ${p.namespace}/${p.name}` : p.kind === "User" ? `user ${p.name}` : `group ${p.name}`;
    addNode({
      id: p.id,
      kind: p.kind,
      name: p.name,
      ...(p.namespace !== undefined ? { namespace: p.namespace } : {}),
      label,
      builtIn: isBuiltInIdentity(p.kind, p.name, p.namespace),
      ...(p.kind === "ServiceAccount" ? { exists: saExists.has(p.id) } : {}),
    });
  }

  // ---- objects ----
  for (const g of model.workloads) addNode(workloadNodeOf(g));
  for (const name of model.nodeNames) addNode({ id: nodeId(name), kind: "Node", name, label: `node ${name}`, exists: model.nodeInfo.has(name) });
  // Escapes whose node is unknown land here; so does "any node" when the inventory names no node at all.
  if (model.nodeNames.length === 0 || model.workloads.some((g) => g.escapes.length > 0 && g.nodeNames.length === 0 && g.kind !== "DaemonSet")) {
    addNode({ id: UNKNOWN_NODE_ID, kind: "Node", name: "?", label: "a node not named in the inventory", exists: false });
  }
  for (const s of inv.secrets) {
    const account = s.annotations["kubernetes.io/service-account.name"];
    addNode({ id: secretId(s.namespace, s.name), kind: "Secret", name: s.name, namespace: s.namespace, label: `secret ${s.namespace}/${s.name}`, secret: { ...(s.type ? { type: s.type } : {}), ...(account ? { serviceAccount: account } : {}) } });
  }
  for (const ns of model.namespaces) addNode({ id: namespaceId(ns), kind: "Namespace", name: ns, label: `namespace ${ns}` });
  const addCloud = (provider: CloudProvider, identity: string, raw: string) =>
    addNode({ id: cloudIdentityId(provider, identity), kind: "CloudIdentity", name: raw, label: `${CLOUD_WORDS[provider]} ${raw}`, cloud: { provider, identity } });
  for (const b of model.cloudBindings) addCloud(b.provider, b.identity, b.raw);
  for (const m of inv.awsAuth) addCloud("aws", normalizeIamArn(m.arn), m.arn);
  addNode({ id: CLUSTER_ADMIN_ID, kind: "ClusterAdmin", name: "cluster-admin", label: "cluster-admin" });

  // ---- scopes and their members ----
  const members = new Map<NodeId, NodeId[]>();
  const addScope = (of: ScopeOf, ns: string | null, list: NodeId[], controllerKind?: string) => {
    const id = controllerKind ? controllerScopeId(controllerKind, ns!) : scopeId(of, ns);
    const where = ns === null ? "" : ns === ALL_NAMESPACES ? " in every namespace" : of === "nodes" ? ` ${ns}` : ` in ${ns}`;
    const noun = controllerKind ? `any ${controllerKind}` : of === "nodes" && ns !== null ? "any node running pods of" : SCOPE_WORDS[of].noun;
    addNode({
      id,
      kind: "Scope",
      name: id.slice("Scope:".length),
      ...(ns !== null && ns !== ALL_NAMESPACES ? { namespace: ns } : {}),
      label: `${noun}${where}`,
      scope: { of, namespace: ns, members: list.length, ...(controllerKind ? { kind: controllerKind } : {}) },
    });
    members.set(id, list);
    return id;
  };
  const perNs: Record<"serviceaccounts" | "secrets" | "workloads", NodeId[]> = { serviceaccounts: [], secrets: [], workloads: [] };
  const perKind = new Map<string, NodeId[]>();
  for (const ns of model.namespaces) {
    const sas = (model.serviceAccountsByNs.get(ns) ?? []).map((s) => serviceAccountId(ns, s.name));
    const secrets = (model.secretsByNs.get(ns) ?? []).map((s) => secretId(ns, s.name));
    const workloads = (model.workloadsByNs.get(ns) ?? []).map((g) => g.id);
    if (sas.length) perNs.serviceaccounts.push(addScope("serviceaccounts", ns, sas));
    if (secrets.length) perNs.secrets.push(addScope("secrets", ns, secrets));
    if (workloads.length) perNs.workloads.push(addScope("workloads", ns, workloads));
    for (const kind of Object.keys(PATCHABLE_CONTROLLERS)) {
      const controllers = (model.workloadsByNs.get(ns) ?? []).filter((g) => g.root && g.kind === kind).map((g) => g.id);
      if (controllers.length === 0) continue;
      const list = perKind.get(kind) ?? [];
      list.push(addScope("controllers", ns, controllers, kind));
      perKind.set(kind, list);
    }
  }
  for (const scope of ["serviceaccounts", "secrets", "workloads"] as const) if (perNs[scope].length) addScope(scope, ALL_NAMESPACES, perNs[scope]);
  for (const [kind, list] of perKind) addScope("controllers", ALL_NAMESPACES, list, kind);
  addScope("nodes", null, model.nodeNames.length > 0 ? model.nodeNames.map(nodeId) : [UNKNOWN_NODE_ID]);
  // Nodes running pods of a namespace (what a privileged debug container in any of its pods reaches).
  const nodesOfNs = new Map<string, Set<string>>();
  for (const [n, pods] of model.podsByNode) for (const { pod } of pods) (nodesOfNs.get(pod.namespace) ?? nodesOfNs.set(pod.namespace, new Set()).get(pod.namespace)!).add(n);
  for (const [ns, set] of nodesOfNs) addScope("nodes", ns, [...set].sort().map(nodeId));
  if (model.namespaces.length) addScope("namespaces", null, model.namespaces.map(namespaceId));
  const users = principals.filter((p) => p.kind === "User").map((p) => p.id);
  const groups = principals.filter((p) => p.kind === "Group").map((p) => p.id);
  if (users.length) addScope("users", null, users);
  if (groups.length) addScope("groups", null, groups);

  // ---- edges ----
  const adminClusterRoles = ["cluster-admin"];
  const everything = req("*", "*", "*");
  for (const [name, role] of analysis.clusterRoles) {
    if (name === "cluster-admin") continue;
    const probe = { binding: { kind: "ClusterRoleBinding" as const, name: "" }, role: { kind: "ClusterRole" as const, name }, ruleIndex: 0, namespace: null, via: { kind: "User" as const, name: "" } };
    if (role.rules.some((rule) => grantAllowsCluster({ ...probe, rule }, everything))) adminClusterRoles.push(name);
  }
  const bound = boundRolesIndex(analysis);
  const boundRoles = (id: NodeId, withGroups: boolean) => {
    const own = bound.get(id) ?? [];
    const p = principalById.get(id);
    if (!withGroups || !p || p.kind === "Group") return own;
    return own.concat(p.groups.flatMap((g) => bound.get(identityId("Group", g)) ?? []));
  };
  phase("nodes", nodes.length);
  // Bindings as the engine resolved them, with their subjects as principals (the grants each principal holds itself).
  const index = bindingIndex(analysis);
  const resolved: ResolvedBinding[] = [...index.clusterWide, ...[...index.byNamespace.values()].flat()];
  const subjectsByBinding = new Map<ResolvedBinding, { principal: Principal; via: SubjectRef }[]>();
  const hasOwn = new Set<NodeId>();
  for (const rb of resolved) {
    const list: { principal: Principal; via: SubjectRef }[] = [];
    for (const subject of rb.subjects) {
      const target = subjectIdentity(subject, rb.namespace ?? undefined);
      const principal = target && principalById.get(target.id);
      if (!target || !principal) continue;
      const via: SubjectRef = target.kind === "ServiceAccount" ? { kind: "ServiceAccount", name: target.name, namespace: target.namespace! } : { kind: target.kind, name: target.name };
      list.push({ principal, via });
      if (rb.rules.length > 0) hasOwn.add(principal.id);
    }
    subjectsByBinding.set(rb, list);
  }
  let ruleSets: RuleSet[] | undefined;
  const masks = new Map<NodeId, number>();
  const ownMask = (id: NodeId): number => {
    let m = masks.get(id);
    if (m === undefined) {
      m = 0;
      for (const g of direct(id)) m |= ruleVerbMask(g.rule);
      masks.set(id, m);
    }
    return m;
  };
  const effectiveVerbMask = (id: NodeId): number => {
    const p = principalById.get(id);
    let m = ownMask(id);
    if (p && p.kind !== "Group") for (const g of p.groups) m |= ownMask(identityId("Group", g));
    return m;
  };
  const units: WorkloadGroup[] = [];
  const unitOf = (group: WorkloadGroup, pod: Workload): NodeId => {
    if (group.pods.length <= 1) return group.id;
    const unit = podUnit(group, pod);
    if (!byId.has(unit.id)) {
      units.push(unit);
      addNode(workloadNodeOf(unit));
    }
    return unit.id;
  };
  const ctx: EdgeContext = {
    model,
    analysis,
    principals,
    principalById,
    direct,
    effective,
    boundRoles,
    adminClusterRoles,
    hasNode: (id) => byId.has(id),
    unitOf,
    workloadUnits: () => (units.length ? [...model.workloads, ...units] : model.workloads),
    hasOwnGrants: (id) => hasOwn.has(id),
    effectiveVerbMask,
    bindings: () => resolved,
    ruleSets: () => (ruleSets ??= ruleSetsOf(resolved)),
    subjectsOf: (rb) => subjectsByBinding.get(rb) ?? [],
  };

  const edges: GraphEdge[] = [];
  // Explanations and checks repeat across principals holding the same grant; keep one copy of each.
  const strings = new Map<string, string>();
  const intern = (x: string): string => {
    const known = strings.get(x);
    if (known !== undefined) return known;
    strings.set(x, x);
    return x;
  };
  const edgeByKey = new Map<string, { edge: GraphEdge; keys: Set<string> | undefined }>();
  const warnings: string[] = [];
  // Permission edges (from identities) first: they may create pod units that configuration edges then cover.
  const catalogue = opts.edges ?? EDGES;
  const fromIdentity = (def: EdgeDefinition) => def.from.some((k) => k === "User" || k === "Group" || k === "ServiceAccount");
  for (const def of [...catalogue.filter(fromIdentity), ...catalogue.filter((d) => !fromIdentity(d))]) {
    let dropped = 0;
    const drafts = def.build(ctx);
    phase(def.label, drafts.length);
    for (const d of drafts) {
      if (d.from === d.to || !byId.has(d.from) || !byId.has(d.to)) {
        if (d.from !== d.to && !d.to.startsWith("Scope:") && byId.has(d.from)) dropped++;
        continue;
      }
      const scopeMembers = members.get(d.to);
      if (byId.get(d.to)!.kind === "Scope" && (!scopeMembers || scopeMembers.length === 0)) continue;
      const key = `${def.label}\u0000${d.from}\u0000${d.to}`;
      const cost = d.cost ?? def.cost;
      const found = edgeByKey.get(key);
      if (!found) {
        const edge: GraphEdge = { id: edges.length, label: def.label, from: d.from, to: d.to, cost, explanation: intern(d.explanation), reasons: [d.evidence], ...(d.check ? { check: intern(d.check) } : {}) };
        edges.push(edge);
        edgeByKey.set(key, { edge, keys: undefined });
        continue;
      }
      // Reason keys are only needed once an edge has a second reason.
      found.keys ??= new Set(found.edge.reasons.map(reasonKey));
      const rk = reasonKey(d.evidence);
      if (found.keys.has(rk)) continue;
      found.keys.add(rk);
      const e = found.edge;
      if (cost < e.cost) {
        e.cost = cost;
        e.explanation = d.explanation;
        if (d.check) e.check = d.check;
        e.reasons.unshift(d.evidence);
      } else e.reasons.push(d.evidence);
    }
    if (dropped > 0 && def.label !== "MEMBER_OF") warnings.push(`${def.label}: ${dropped} edge(s) to identities or objects not in the inventory were left out`);
  }
  for (const [scope, list] of members) {
    const of = byId.get(scope)!.scope!.of;
    for (const m of list) {
      const target = byId.get(m);
      if (!target) continue;
      edges.push({ id: edges.length, label: SCOPE_MEMBER, from: scope, to: m, cost: 0, explanation: SCOPE_WORDS[of].member(target.label), reasons: NO_REASONS });
    }
  }

  phase("merge", edges.length);

  // ---- crown jewels ----
  const { jewels, warnings: jewelWarnings } = findCrownJewels(model, (id) => byId.has(id), opts.selectors ?? []);
  warnings.push(...jewelWarnings);
  for (const j of jewels) {
    const targets = new Set(j.targets);
    for (const u of units) if (targets.has(u.partOf!)) j.targets.push(u.id);
    for (const t of j.targets) {
      const n = byId.get(t)!;
      n.jewels = n.jewels ? [...n.jewels, j.id] : [j.id];
    }
  }
  return { nodes, edges, jewels, warnings };
}
