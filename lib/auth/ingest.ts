// Server-side only.
import { performance } from "node:perf_hooks";
import { analyzeSnapshot } from "@/lib/pipeline/analyze-snapshot";
import type { IngestPayload } from "@/lib/schemas/ingest";
import { CollectionInProgressError, saveSnapshot } from "@/lib/store";
import { auditActor, recordAuditEvent } from "./audit";
import { AuthError } from "./db";
import type { SessionUser } from "./guard";
import type { RequestMeta } from "./request-meta";

export interface IngestResult {
  cluster: string;
  snapshotId: number;
  identities: number;
  findings: number;
  durationsMs: { analyze: number; rules: number; graph: number; persist: number };
}

/** Object counts by inventory list (what the audit record and the response report). */
function objectCount(p: IngestPayload): number {
  const inv = p.inventory;
  return (
    inv.namespaces.length +
    inv.serviceAccounts.length +
    inv.roles.length +
    inv.clusterRoles.length +
    inv.roleBindings.length +
    inv.clusterRoleBindings.length +
    inv.workloads.length +
    inv.secrets.length +
    inv.nodes.length +
    inv.networkPolicies.length +
    inv.webhookConfigurations.length
  );
}

/**
 * Stores a pushed inventory as the cluster's new snapshot, through the same steps as lib/pipeline runCollection
 * (lib/pipeline analyzeSnapshot: analyze → rules and scores → attack graph and paths with the cluster's crown-jewel
 * selectors) → saveSnapshot (lib/store, atomic: the previous snapshot stays current if anything fails). A collection of the same cluster already running → 409.
 */
export async function ingestSnapshot(payload: IngestPayload, by: SessionUser, meta: RequestMeta | null): Promise<IngestResult> {
  // Analysis, rules and attack paths (with the cluster's stored crown-jewel selectors) exactly as runCollection does.
  const { analysis, findings, risks, attackPaths, durationsMs } = await analyzeSnapshot(payload.inventory, { cluster: { name: payload.cluster } });
  const t = performance.now();
  let snapshotId: number;
  try {
    ({ snapshotId } = await saveSnapshot({
      clusterName: payload.cluster,
      source: payload.source,
      sourceDetail: `pushed by ${by.name}${payload.sourceDetail ? `: ${payload.sourceDetail}` : ""}`.slice(0, 1000),
      inventory: payload.inventory,
      analysis,
      findings,
      risks,
      attackPaths,
      coverageGaps: payload.coverageGaps,
      counts: { ...payload.counts, objectsCollected: objectCount(payload) },
    }));
  } catch (e) {
    if (e instanceof CollectionInProgressError) throw new AuthError(e.message, 409);
    throw e;
  }
  const persistMs = performance.now() - t;
  await recordAuditEvent({
    action: "snapshot.ingest",
    actor: auditActor(by),
    target: `cluster:${payload.cluster}`,
    meta,
    details: { snapshotId, objects: objectCount(payload), identities: analysis.identities.length, findings: findings.length, source: payload.source },
  });
  return {
    cluster: payload.cluster,
    snapshotId,
    identities: analysis.identities.length,
    findings: findings.length,
    durationsMs: { analyze: Math.round(durationsMs.analyze), rules: Math.round(durationsMs.rules), graph: Math.round(durationsMs.graph), persist: Math.round(persistMs) },
  };
}

/** Ingest limits: PALISADE_INGEST_MAX_MB on the wire (default 256 MiB) and, once gunzipped, at most 500 MiB. */
export function ingestLimits(): { maxBodyBytes: number; maxInflatedBytes: number } {
  const mb = Number(process.env.PALISADE_INGEST_MAX_MB ?? 256);
  const maxBodyBytes = Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : 256 * 1024 * 1024;
  // V8's longest string is ~512 MiB; the inflated JSON must fit in one.
  return { maxBodyBytes, maxInflatedBytes: 500 * 1024 * 1024 };
}
