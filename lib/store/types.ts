import type { Inventory, PodSecuritySummary, SubjectKind, SubjectRef, WorkloadKind } from "@/lib/k8s/types";
import type { BindingRef, Grant, Identity, IdentityId } from "@/lib/rbac/types";
import type { Evidence, Finding, IdentityRisk, Severity } from "@/lib/rules/types";
import type { PreparedAttackPaths } from "./attack-path-rows";

/** Plain, serializable shapes the store hands to pages, route handlers and the CLI (never Prisma rows). */

export type { Finding, IdentityRisk, Severity };
export type RiskLevel = Severity | "none";
export type SnapshotStatus = "collecting" | "complete" | "failed";
/** Where an inventory came from: a kubeconfig context, the in-cluster service account, or manifest files. */
export type SnapshotSource = "live" | "in-cluster" | "files";

/** A part of the cluster that could not be read (e.g. forbidden), so results are known to be partial. */
export interface CoverageGap {
  resource: string;
  namespace?: string;
  reason: string;
}

export interface SnapshotInfo {
  id: number;
  clusterId: number;
  clusterName: string;
  status: SnapshotStatus;
  source: SnapshotSource;
  sourceDetail: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  coverageGaps: CoverageGap[];
  counts: Record<string, number>;
  error: string | null;
}

export interface ClusterListItem {
  id: number;
  name: string;
  createdAt: Date;
  /** The newest complete snapshot: what every page shows. */
  current: SnapshotInfo | null;
  /** The newest snapshot of any status (shows a running or failed collection). */
  latest: SnapshotInfo | null;
}

/** What `saveSnapshot` persists. `analysis` is a subset of lib/rbac `Analysis`, so an Analysis can be passed. */
export interface SaveSnapshotInput {
  clusterName: string;
  source: SnapshotSource;
  sourceDetail?: string;
  inventory: Inventory;
  analysis: { identities: Identity[]; grantsByIdentity: Map<IdentityId, Grant[]> };
  findings: Finding[];
  risks: IdentityRisk[];
  coverageGaps?: CoverageGap[];
  /** Extra counters (e.g. collector's); object counts by kind are computed and merged in. */
  counts?: Record<string, number>;
  /** A snapshot begun with `beginSnapshot` (collection lock held); without it saveSnapshot begins one itself. */
  snapshot?: SnapshotHandle;
  /**
   * The snapshot's attack paths (lib/store prepareAttackPaths over lib/graph's graph and paths), written in the same
   * transaction. Snapshots saved without them have no crown jewels or paths.
   */
  attackPaths?: PreparedAttackPaths;
  /** Called before each table is written (progress output). An exception thrown here aborts the save like any other. */
  onProgress?: (stage: string, rows: number) => void | Promise<void>;
}

/** A collection in progress: its snapshot row (status collecting) exists and the cluster's collection lock is held. */
export interface SnapshotHandle {
  readonly snapshotId: number;
  readonly clusterId: number;
  readonly clusterName: string;
  readonly startedAt: Date;
}

export interface IdentityListFilters {
  /** Case-insensitive substring of the identity id (kind, namespace and name). */
  q?: string;
  kind?: SubjectKind;
  namespace?: string;
  level?: RiskLevel | RiskLevel[];
  /** Only identities with at least one finding of this rule. */
  ruleId?: string;
  builtIn?: boolean;
  overPermissive?: boolean;
  /** Default "score" (descending), then id. */
  sort?: "score" | "name" | "findings" | "grants";
  /** 1-based. */
  page?: number;
  /** Default 50, at most 500. */
  pageSize?: number;
}

export interface IdentityListRow {
  id: IdentityId;
  kind: SubjectKind;
  name: string;
  namespace: string | null;
  builtIn: boolean;
  exists: boolean;
  riskScore: number;
  riskLevel: RiskLevel;
  overPermissive: boolean;
  riskReasons: string[];
  findingCount: number;
  grantCount: number;
}

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface StoredBinding {
  kind: "RoleBinding" | "ClusterRoleBinding";
  name: string;
  namespace: string | null;
  roleRef: { kind: "Role" | "ClusterRole"; name: string };
  subjects: SubjectRef[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface StoredWorkload {
  kind: WorkloadKind;
  name: string;
  namespace: string;
  serviceAccount: string;
  nodeName: string | null;
  owner: { kind: string; name: string } | null;
  security: PodSecuritySummary;
  labels: Record<string, string>;
}

export interface StoredFinding {
  id: string;
  ruleId: string;
  severity: Severity;
  identityId: IdentityId | null;
  object: { kind: string; name: string; namespace?: string } | null;
  namespace: string | null;
  message: string;
  evidence: Evidence[];
  byDesign: boolean;
}

export interface IdentityDetail extends IdentityListRow {
  username: string | null;
  groups: string[];
  /** Bindings naming this identity directly. */
  bindingRefs: BindingRef[];
  serviceAccount: StoredServiceAccount | null;
  /** Effective grants (own, then inherited through each group), each with its provenance. */
  grants: Grant[];
  findings: StoredFinding[];
  /** The bindings behind the grants and those naming the identity directly. */
  bindings: StoredBinding[];
  /** Workloads running as this service account (at most `workloadLimit`, see `workloadTotal`). */
  workloads: StoredWorkload[];
  workloadTotal: number;
}

export interface StoredServiceAccount {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  automountServiceAccountToken: boolean | null;
  secrets: string[];
  imagePullSecrets: string[];
}

export interface FindingListFilters {
  ruleId?: string;
  severity?: Severity | Severity[];
  identityId?: IdentityId;
  /** A namespace, or null for cluster-wide findings only. */
  namespace?: string | null;
  byDesign?: boolean;
  /** Case-insensitive substring of the message. */
  q?: string;
  page?: number;
  pageSize?: number;
}

/** Aggregates stored with each snapshot at save time (Snapshot.stats). */
export interface SnapshotStats {
  identitiesByKind: Record<SubjectKind, number>;
  identitiesByLevel: Record<RiskLevel, number>;
  findingsBySeverity: Record<Severity, number>;
  /** Per rule: its number of findings and the highest severity among them, most severe first. */
  findingsByRule: { ruleId: string; severity: Severity; count: number }[];
}

export interface SnapshotSummary {
  snapshot: SnapshotInfo;
  /** Object counts by kind (namespaces, roles, workloads, …). */
  counts: Record<string, number>;
  identitiesByKind: Record<SubjectKind, number>;
  identitiesByLevel: Record<RiskLevel, number>;
  findingsBySeverity: Record<Severity, number>;
  /** Per rule: its number of findings and the highest severity among them, most severe first. */
  findingsByRule: { ruleId: string; severity: Severity; count: number }[];
  topIdentities: IdentityListRow[];
}
