import type { CollectLiveOptions, ProgressEvent } from "@/lib/collect/live";
import type { LoadResult } from "@/lib/collect/files";
import type { Severity } from "@/lib/rules/types";
import type { CoverageGap, RiskLevel, SnapshotSource } from "@/lib/store/types";

/** Where a collection reads the cluster from. */
export type CollectionSource =
  /** A kubeconfig context (default: the current one) of `kubeconfig` (default: `$KUBECONFIG`, `~/.kube/config`). */
  | { kind: "live"; kubeconfig?: string; context?: string }
  /** The pod's own ServiceAccount (KUBERNETES_SERVICE_HOST/PORT and the mounted token). */
  | { kind: "in-cluster" }
  /** Manifests and `kubectl get -o json` dumps: files, directories, `-` for stdin. */
  | {
      kind: "files";
      paths: string[];
      stdin?: NodeJS.ReadableStream;
      /** Add Kubernetes' default ClusterRoles the input binds but does not define. Default true. */
      defaultRoles?: boolean;
      /** Store what did load despite input errors (they are reported in the summary). Default false: refuse. */
      ignoreErrors?: boolean;
      /** Reads the input instead of `loadInventory(paths)` (the demo passes `loadDemoInventory`). */
      load?: () => Promise<LoadResult>;
    };

/** Pipeline phases, in order. `persist` reports each table as it is written. */
export type PipelinePhase = "collect" | "analyze" | "rules" | "graph" | "persist";

export type PhaseEvent =
  | { type: "begin"; clusterName: string; snapshotId: number }
  | { type: "phase"; phase: PipelinePhase; detail: string }
  | { type: "table"; table: string; rows: number };

export interface RunCollectionOptions {
  source: CollectionSource;
  /** Default: the kubeconfig context name, `in-cluster`, or the first `--from` path's base name. */
  clusterName?: string;
  /** Snapshot's source description (default: context and server, or the paths). */
  sourceDetail?: string;
  /** List Secrets' metadata (live only). Default true. */
  includeSecrets?: boolean;
  /** Cancels the collection; the snapshot is then marked failed. */
  signal?: AbortSignal;
  /** The live collector's progress events (pass a progress renderer's `onProgress`). */
  onProgress?: (e: ProgressEvent) => void;
  /** Pipeline progress: snapshot begun, each phase starting, each table being written. */
  onPhase?: (e: PhaseEvent) => void;
  /** Live collector tuning (tests shorten retries). */
  live?: Pick<CollectLiveOptions, "concurrency" | "pageSize" | "retry" | "maxListRestarts">;
}

/** Per resource kind: objects stored and list pages fetched (null when read from files). */
export interface KindCount {
  objects: number;
  pages: number | null;
}

export interface RuleCount {
  ruleId: string;
  title: string;
  /** Highest severity among the rule's findings. */
  severity: Severity;
  count: number;
}

export interface RiskyIdentity {
  id: string;
  score: number;
  level: RiskLevel;
  overPermissive: boolean;
}

/**
 * What `runCollection` returns and `palisade collect --output json` prints (schema documented in README.md, CLI reference,
 * "collect --output json"). Plain JSON: no Dates, no Maps.
 */
export interface CollectionSummary {
  schemaVersion: 1;
  cluster: string;
  snapshotId: number;
  source: SnapshotSource;
  sourceDetail: string;
  /** Kubeconfig context and API server (live and in-cluster only). */
  context: string | null;
  server: string | null;
  startedAt: string;
  finishedAt: string;
  /** Keyed by plural resource (`pods`, `rolebindings`, `configmaps/aws-auth`, …). */
  perKind: Record<string, KindCount>;
  objects: number;
  pages: number | null;
  coverageGaps: CoverageGap[];
  /** Collector and input notes (discarded Secret payloads, restarted lists, defaulted namespaces, …). */
  warnings: string[];
  /** Objects that were skipped (`file:line:col: message`); empty unless a live object was malformed or ignoreErrors. */
  inputErrors: string[];
  /** Kubernetes default ClusterRoles added to a files collection because the input binds them without defining them. */
  defaultRolesAdded: string[];
  identities: { total: number; users: number; groups: number; serviceAccounts: number; overPermissive: number };
  grants: number;
  findings: {
    total: number;
    /** Kubernetes' own unchanged default policy: stored (the UI can show it) but not counted below. */
    byDesign: number;
    /** Findings that are not by design, per severity. */
    bySeverity: Record<Severity, number>;
    /** Rules with findings that are not by design, most severe first, then by count. */
    byRule: RuleCount[];
  };
  /** Up to 10 identities with the highest risk score (score > 0). */
  riskiestIdentities: RiskyIdentity[];
  /** The attack graph and the paths stored with the snapshot. */
  attackPaths: {
    /** Alternatives stored per (identity, crown jewel) beyond the cheapest path. */
    k: number;
    crownJewels: number;
    /** Crown jewels at least one identity reaches. */
    reachedCrownJewels: number;
    identitiesWithPaths: number;
    paths: number;
    graphNodes: number;
    graphEdges: number;
    /** Crown-jewel selectors of the cluster that were applied. */
    selectors: number;
    /** Graph warnings (e.g. a selector that matches nothing). */
    warnings: string[];
  };
  /**
   * Wall time per phase in milliseconds. For a live collection `network` is the time the collector waited on the API
   * server (event loop idle) and `parse` the time it spent decoding and normalizing the answers (event loop busy);
   * the two overlap with each other's requests and add up to the collection's wall time. For files, `network` is 0
   * and `parse` is reading and parsing the files. `persist` is all database time: connecting (starting the embedded
   * server if needed), taking the cluster's collection lock, and writing the snapshot. `graph` is building the attack
   * graph and computing every identity's paths to every crown jewel.
   */
  durationsMs: { network: number; parse: number; analyze: number; rules: number; graph: number; persist: number; total: number };
}
