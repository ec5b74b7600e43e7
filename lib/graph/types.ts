/**
 * Palisade's attack graph: plain, serializable objects (the store saves them, the web app and CLI render them).
 *
 * Nodes are identities (users, groups, service accounts), workloads (one per top-level controller), cluster nodes,
 * secrets (metadata only), namespaces, cloud identities reached through service-account annotations, the synthetic
 * cluster-admin node, and *scopes*: a scope node stands for "any X in namespace N" (or in every namespace) so that a
 * namespace- or cluster-wide permission is one edge to the scope instead of one edge per object. Scope membership
 * edges (label {@link SCOPE_MEMBER}) cost nothing; paths collapse them into the step that entered the scope.
 */
import type { PolicyRule, SubjectRef, WorkloadKind } from "@/lib/k8s/types";
import type { BindingRef, RoleRefResolved } from "@/lib/rbac/types";

export type NodeId = string;

/** Label of the zero-cost edges from a scope node to its members (not an attack step: paths fold them into the step before). */
export const SCOPE_MEMBER = "SCOPE_MEMBER";

export type NodeKind = "User" | "Group" | "ServiceAccount" | "Workload" | "Node" | "Secret" | "Namespace" | "CloudIdentity" | "ClusterAdmin" | "Scope";

export const IDENTITY_KINDS: readonly NodeKind[] = ["User", "Group", "ServiceAccount"];

/** What a scope node groups. */
export type ScopeOf = "serviceaccounts" | "secrets" | "workloads" | "controllers" | "nodes" | "namespaces" | "users" | "groups";

export type CloudProvider = "aws" | "gcp" | "azure";

export interface ObjectRef {
  kind: string;
  name: string;
  namespace?: string;
}

export interface GraphNode {
  id: NodeId;
  kind: NodeKind;
  name: string;
  namespace?: string;
  /** Human label, e.g. "service account payments/api", "Deployment payments/api". */
  label: string;
  /** Service accounts: the ServiceAccount object exists. Nodes: the Node object is in the inventory (not only named by a pod). */
  exists?: boolean;
  /** Identities: a Kubernetes system identity. */
  builtIn?: boolean;
  workload?: {
    kind: WorkloadKind | string;
    /** Pods (and lower controllers) grouped under this controller, the controller itself excluded. */
    members: number;
    pods: number;
    nodeNames: string[];
    serviceAccounts: string[];
    /** Container-escape capabilities found in the pod specs (e.g. "privileged", "hostPath / (read-write)"). */
    escapes: string[];
    /** A single pod shown on its own (RBAC reaches it by name): the id of its workload. */
    partOf?: NodeId;
  };
  secret?: { type?: string; serviceAccount?: string };
  cloud?: { provider: CloudProvider; identity: string };
  /** `kind` is set for "controllers" scopes (one per controller kind: Deployment, DaemonSet, …). */
  scope?: { of: ScopeOf; namespace: string | null; members: number; kind?: string };
  /** Ids of the crown jewels this node is a target of. */
  jewels?: string[];
}

/** One fact that makes an edge exist. An edge reason is a conjunction of evidence. */
export type Evidence =
  | {
      kind: "grant";
      /** The request the grant allows, in kubectl words: "create pods", "bind clusterroles/cluster-admin". */
      permission: string;
      binding: BindingRef;
      role: RoleRefResolved;
      ruleIndex: number;
      rule: PolicyRule;
      /** The grant's scope: a RoleBinding's namespace, or null for cluster-wide. */
      scope: string | null;
      /** The binding subject through which the identity holds the grant. */
      via: SubjectRef;
    }
  | {
      kind: "binding";
      /** What holding the bound role matters for, e.g. "holds ClusterRole edit". */
      fact: string;
      binding: BindingRef;
      role: RoleRefResolved;
      scope: string | null;
      via: SubjectRef;
    }
  | { kind: "workload"; object: ObjectRef; fact: string }
  | { kind: "annotation"; object: ObjectRef; key: string; value: string }
  | { kind: "membership"; fact: string }
  | { kind: "config"; object?: ObjectRef; fact: string };

export interface GraphEdge {
  /** Index in {@link AttackGraph.edges}. */
  id: number;
  label: string;
  from: NodeId;
  to: NodeId;
  cost: number;
  /** What the step does, in words: "can create pods in payments". */
  explanation: string;
  /** Each reason alone makes the edge exist; the evidence inside one reason holds together. */
  reasons: Evidence[][];
  /** The command that confirms the edge (`kubectl auth can-i …` for permission edges). */
  check?: string;
}

export interface CrownJewel {
  id: string;
  name: string;
  tier: string;
  source: "built-in" | "designated" | "selector";
  /** Why it is a crown jewel. */
  reason: string;
  /** Reaching any of these nodes reaches the jewel. */
  targets: NodeId[];
}

export interface AttackGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  jewels: CrownJewel[];
  /** Non-fatal problems met while building (e.g. an unknown crown-jewel tier), one sentence each. */
  warnings: string[];
}

/** One step of an attack path; scope nodes passed through are folded into the step. */
export interface PathStep {
  label: string;
  from: NodeId;
  to: NodeId;
  /** Scope nodes the step went through (e.g. "any service account in payments"). */
  via?: NodeId[];
  cost: number;
  /** "can create pods in payments → acts as service account payments/api". */
  explanation: string;
  /** The first reason of the edge that starts the step. */
  evidence: Evidence[];
  /** Further sufficient reasons (other bindings that also allow the step). */
  alsoVia: Evidence[][];
  check?: string;
  /** Graph edge ids the step covers, the entering edge first. */
  edgeIds: number[];
}

export interface AttackPath {
  identityId: NodeId;
  jewelId: string;
  /** The jewel target the path ends at. */
  target: NodeId;
  cost: number;
  /** 0 for the shortest path to the jewel, 1… for alternatives (each begins with a different first edge). */
  rank: number;
  steps: PathStep[];
}

export interface BlastRadius {
  /** Ids of the crown jewels the identity reaches. */
  crownJewels: string[];
  /** Namespaces in which the identity reaches a workload, service account, secret or the namespace itself. */
  namespaces: string[];
  /** Number of service accounts the identity can act as (itself excluded). */
  serviceAccounts: number;
  /** Number of cloud identities it reaches. */
  cloudIdentities: number;
}

export interface IdentityPaths {
  identityId: NodeId;
  paths: AttackPath[];
  blastRadius: BlastRadius;
}

export type ChokePointKind = "binding" | "workload" | "namespace" | "serviceAccount" | "secret" | "awsAuthMapping";

export interface ChokePoint {
  kind: ChokePointKind;
  /** Stable reference: "ClusterRoleBinding/ci-admin", "RoleBinding/payments/ci", "Deployment/payments/api", … */
  ref: string;
  /** How many reachers' shortest paths to the jewel this removal cuts. */
  pathsCut: number;
  fix: string;
}

export interface Reacher {
  identityId: NodeId;
  steps: number;
  cost: number;
}

export interface JewelPaths {
  jewelId: string;
  /** Ranked by cost, then steps, then id. */
  reachers: Reacher[];
  chokePoints: ChokePoint[];
}

export interface PathsResult {
  perIdentity: IdentityPaths[];
  perJewel: JewelPaths[];
}
