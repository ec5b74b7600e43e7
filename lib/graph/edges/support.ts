/** Shared pieces of the edge builders: request probes, target resolution, wording. */
import type { Grant, ResourceAttributes } from "@/lib/rbac/types";
import { firstScoped, forEachGrant, grantAllowsCluster, grantEvidence, grantScope, permissionText, renderCheck, req, type EdgeContext, type EdgeDraft, type Principal } from "../context";
import { ALL_NAMESPACES, nodeId, scopeId, secretId, serviceAccountId } from "../ids";
import type { WorkloadGroup } from "../model";
import type { NodeId, ScopeOf } from "../types";

/** Requests that create a pod with an attacker-chosen spec: pods, or any controller with a pod template. */
export const POD_CREATING: readonly ResourceAttributes[] = [
  req("create", "", "pods"),
  req("create", "apps", "deployments"),
  req("create", "apps", "daemonsets"),
  req("create", "apps", "statefulsets"),
  req("create", "apps", "replicasets"),
  req("create", "batch", "jobs"),
  req("create", "batch", "cronjobs"),
  req("create", "", "replicationcontrollers"),
];

export const RBAC = "rbac.authorization.k8s.io";

/** The scope node for a namespace, or for every namespace when `scope` is "*". */
export const scopeFor = (of: ScopeOf, scope: string): NodeId => scopeId(of, scope === "*" ? ALL_NAMESPACES : scope);

/** `every namespace` / `payments`, for sentences. */
export const where = (scope: string) => (scope === "*" ? "every namespace" : scope);

/**
 * Names a resourceNames-restricted grant allows for a namespaced request, each checked through the engine in the
 * grant's own scope (a cluster-wide grant: in any namespace).
 */
export function allowedNames(grant: Grant, a: ResourceAttributes): string[] {
  const out: string[] = [];
  for (const name of grant.rule.resourceNames) if (!out.includes(name) && grantScope(grant, { ...a, name }) !== null) out.push(name);
  return out;
}

/** Names a resourceNames-restricted grant allows for a cluster-scoped request. */
export function allowedClusterNames(grant: Grant, a: ResourceAttributes): string[] {
  const out: string[] = [];
  for (const name of grant.rule.resourceNames) if (!out.includes(name) && grantAllowsCluster(grant, { ...a, name })) out.push(name);
  return out;
}

/** The namespaces a scope stands for. */
export const namespacesOf = (ctx: EdgeContext, scope: string): string[] => (scope === "*" ? ctx.model.namespaces : [scope]);

/** Pods named `name` in a namespace (or in every namespace) → their graph nodes (pod units of larger workloads). */
export function podTargets(ctx: EdgeContext, name: string, scope: string): { id: NodeId; namespace: string }[] {
  const out: { id: NodeId; namespace: string }[] = [];
  for (const ns of namespacesOf(ctx, scope)) {
    const hit = ctx.model.podByName.get(`${ns}/${name}`);
    if (hit) out.push({ id: ctx.unitOf(hit.group, hit.pod), namespace: ns });
  }
  return out;
}

/** Graph nodes of the pods scheduled on a node (pod units of larger workloads), without duplicates. */
export function podUnitsOnNode(ctx: EdgeContext, node: string): NodeId[] {
  const out = new Set<NodeId>();
  for (const { group, pod } of ctx.model.podsByNode.get(node) ?? []) out.add(ctx.unitOf(group, pod));
  return [...out];
}

/** Graph ids of service accounts named `name` in a namespace (or in every namespace). */
export const serviceAccountsNamed = (ctx: EdgeContext, name: string, scope: string): NodeId[] =>
  namespacesOf(ctx, scope).map((ns) => serviceAccountId(ns, name)).filter((id) => ctx.hasNode(id));

export const secretsNamed = (ctx: EdgeContext, name: string, scope: string): NodeId[] =>
  namespacesOf(ctx, scope).map((ns) => secretId(ns, name)).filter((id) => ctx.hasNode(id));

/** What a pod-access grant reaches: every pod of a scope, or the named pods. */
export type PodReach = { all: true; scope: string; a: ResourceAttributes } | { all: false; pods: { id: NodeId; namespace: string; pod: string }[]; a: ResourceAttributes };

/**
 * For each principal's own grants, what a pod request (exec, attach, ephemeralcontainers, pod update) reaches.
 * Unrestricted grants reach every pod of the grant's scope; resourceNames-restricted ones only the named pods.
 */
export function podReach(ctx: EdgeContext, requests: readonly ResourceAttributes[], visit: (p: Principal, grant: Grant, reach: PodReach) => void): void {
  forEachGrant(
    ctx,
    requests.map((a) => a.verb),
    (grant): PodReach | undefined => {
      const hit = firstScoped(grant, requests);
      if (hit) return { all: true, scope: hit.scope, a: hit.a };
      if (grant.rule.resourceNames.length === 0) return undefined;
      for (const a of requests) {
        const names = allowedNames(grant, a);
        if (names.length === 0) continue;
        const pods = names.flatMap((pod) => podTargets(ctx, pod, grant.namespace ?? "*").map((t) => ({ ...t, pod })));
        return pods.length > 0 ? { all: false, pods, a } : undefined;
      }
      return undefined;
    },
    visit,
  );
}

/** Edges principal → pods (or the workload scope) for a pod-access edge type. */
export function podAccessDrafts(ctx: EdgeContext, requests: readonly ResourceAttributes[], phrase: (what: string, where: string) => string, check: string): EdgeDraft[] {
  const out: EdgeDraft[] = [];
  podReach(ctx, requests, (p, grant, reach) => {
    if (reach.all) {
      out.push({ from: p.id, to: scopeFor("workloads", reach.scope), explanation: phrase("any pod", where(reach.scope)), evidence: [grantEvidence(grant, permissionText(reach.a))], check: renderCheck(check, p, { ns: reach.scope }) });
      return;
    }
    for (const t of reach.pods) {
      out.push({ from: p.id, to: t.id, explanation: phrase(`pod ${t.pod}`, t.namespace), evidence: [grantEvidence(grant, permissionText({ ...reach.a, name: t.pod }))], check: renderCheck(check, p, { ns: t.namespace, name: t.pod }) });
    }
  });
  return out;
}

/** Node ids of the nodes a workload's pods run on ([] when unknown). */
export const nodesOfWorkload = (g: WorkloadGroup): NodeId[] => g.nodeNames.map(nodeId);
