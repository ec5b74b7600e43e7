/**
 * Node ids of the attack graph. Identity ids are the engine's (`User:alice`, `Group:devs`, `ServiceAccount:ns:name`),
 * so a graph node and an engine identity share one id.
 */
import { identityId } from "@/lib/rbac/subjects";
import type { CloudProvider, NodeId, ScopeOf } from "./types";

export const CLUSTER_ADMIN_ID: NodeId = "ClusterAdmin";
/** The node a workload escapes to when the inventory does not say where its pods run. */
export const UNKNOWN_NODE_ID: NodeId = "Node:?";
/** The namespace part of a scope that spans every namespace. */
export const ALL_NAMESPACES = "*";

export const userId = (name: string): NodeId => identityId("User", name);
export const groupId = (name: string): NodeId => identityId("Group", name);
export const serviceAccountId = (namespace: string, name: string): NodeId => identityId("ServiceAccount", name, namespace);
export const workloadId = (namespace: string, kind: string, name: string): NodeId => `Workload:${namespace}:${kind}:${name}`;
export const nodeId = (name: string): NodeId => `Node:${name}`;
export const secretId = (namespace: string, name: string): NodeId => `Secret:${namespace}:${name}`;
export const namespaceId = (namespace: string): NodeId => `Namespace:${namespace}`;
export const cloudIdentityId = (provider: CloudProvider, identity: string): NodeId => `CloudIdentity:${provider}:${identity}`;

/** `Scope:serviceaccounts:payments`, `Scope:secrets:*`, `Scope:nodes`, `Scope:users`. */
export function scopeId(of: ScopeOf, namespace?: string | null): NodeId {
  return namespace === undefined || namespace === null ? `Scope:${of}` : `Scope:${of}:${namespace}`;
}

/** `Scope:controllers:Deployment:payments` — any Deployment of a namespace (or of every namespace: `*`). */
export const controllerScopeId = (kind: string, namespace: string): NodeId => `Scope:controllers:${kind}:${namespace}`;
