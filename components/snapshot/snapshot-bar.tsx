import { Suspense } from "react";
import { listSnapshots } from "@/lib/store";
import type { SnapshotContext } from "@/app/_lib/snapshot-context";
import { formatTime } from "@/lib/view/format-time";
import { SnapshotSelector } from "./snapshot-selector";

const SOURCE: Record<string, string> = { live: "live cluster", "in-cluster": "in-cluster service account", files: "manifest files" };

/** Cluster/snapshot selector with the viewed snapshot's time, source and coverage gaps. Server component. */
export async function SnapshotBar({ ctx, showGaps = true }: { ctx: SnapshotContext; showGaps?: boolean }) {
  const snapshots = ctx.cluster ? (await listSnapshots(ctx.cluster.id, { limit: 50 })).filter((s) => s.status === "complete") : [];
  const snap = ctx.snapshot;
  const gaps = snap?.coverageGaps ?? [];
  return (
    <div className="mb-6 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Suspense fallback={null}>
          <SnapshotSelector
            clusters={ctx.clusters.map((c) => ({ id: c.id, name: c.name }))}
            clusterId={ctx.cluster?.id ?? null}
            snapshots={snapshots.map((s) => ({ id: s.id, label: `#${s.id} · ${formatTime(s.startedAt)}`, current: s.id === ctx.cluster?.current?.id }))}
            snapshotId={snap?.id ?? null}
          />
        </Suspense>
        {snap ? (
          <p className="text-xs text-slate-600">
            Collected <time dateTime={snap.startedAt.toISOString()}>{formatTime(snap.startedAt)}</time> from {SOURCE[snap.source] ?? snap.source}
            {snap.sourceDetail ? <> (<code className="text-slate-700">{snap.sourceDetail}</code>)</> : null}
            {ctx.isCurrent ? null : <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-900">older snapshot</span>}
          </p>
        ) : null}
      </div>
      {showGaps && snap ? (
        gaps.length ? (
          <details className="mt-2 text-xs text-amber-900">
            <summary className="cursor-pointer font-medium">
              <span aria-hidden="true">⚠ </span>Partial coverage: {gaps.length} part{gaps.length === 1 ? "" : "s"} of the cluster could not be read — results may miss permissions there
            </summary>
            <ul className="mt-1 list-disc pl-5">
              {gaps.slice(0, 50).map((g, i) => (
                <li key={i}>
                  <code>{g.resource}</code>
                  {g.namespace ? ` in ${g.namespace}` : ""}: {g.reason}
                </li>
              ))}
            </ul>
          </details>
        ) : (
          <p className="mt-2 text-xs text-emerald-800">
            <span aria-hidden="true">✓ </span>Full coverage: every kind Palisade reads was collected.
          </p>
        )
      ) : null}
    </div>
  );
}
