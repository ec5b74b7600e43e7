// Server-side only: shared pieces of the JSON route handlers.
import { resolveSnapshot, type SnapshotContext } from "./snapshot-context";
import type { SnapshotSelector } from "@/lib/schemas/query";

/** A JSON error body `{ error }` with a status. */
export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error, ...extra }, { status });
}

/** The snapshot a request is about, or the 404 to return. */
export async function snapshotOr404(selector: SnapshotSelector): Promise<{ ctx: SnapshotContext & { snapshot: NonNullable<SnapshotContext["snapshot"]> } } | { response: Response }> {
  const ctx = await resolveSnapshot(selector);
  if (!ctx.snapshot) {
    return {
      response: jsonError(404, ctx.notFound ? `${ctx.notFound}` : "no snapshot yet: run `npx palisade collect` (or `npm run demo`) first", {
        clusters: ctx.clusters.map((c) => ({ id: c.id, name: c.name, currentSnapshotId: c.current?.id ?? null })),
      }),
    };
  }
  return { ctx: ctx as SnapshotContext & { snapshot: NonNullable<SnapshotContext["snapshot"]> } };
}

/** The snapshot fields every list response repeats, so a client knows what it is looking at. */
export function snapshotRef(ctx: SnapshotContext & { snapshot: NonNullable<SnapshotContext["snapshot"]> }) {
  return { id: ctx.snapshot.id, clusterId: ctx.snapshot.clusterId, clusterName: ctx.snapshot.clusterName, startedAt: ctx.snapshot.startedAt, current: ctx.isCurrent };
}
