"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useId, useTransition } from "react";

export interface SelectorCluster {
  id: number;
  name: string;
}
export interface SelectorSnapshot {
  id: number;
  label: string;
  current: boolean;
}

/** Cluster and snapshot pickers; changing one navigates to the same page with `?cluster=` / `?snapshot=` set. */
export function SnapshotSelector({ clusters, clusterId, snapshots, snapshotId }: { clusters: SelectorCluster[]; clusterId: number | null; snapshots: SelectorSnapshot[]; snapshotId: number | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const clusterSelect = useId();
  const snapshotSelect = useId();

  const go = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    next.delete("page");
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    const qs = next.toString();
    startTransition(() => router.push(qs ? `${pathname}?${qs}` : pathname));
  };

  const select = "rounded-md border border-slate-300 bg-white py-1.5 pl-2 pr-8 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-60";
  return (
    <div className="flex flex-wrap items-center gap-3" aria-busy={pending}>
      <label htmlFor={clusterSelect} className="text-sm text-slate-600">
        Cluster
      </label>
      <select id={clusterSelect} className={select} value={clusterId ?? ""} disabled={pending || clusters.length === 0} onChange={(e) => go({ cluster: e.target.value, snapshot: null })}>
        {clusters.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <label htmlFor={snapshotSelect} className="text-sm text-slate-600">
        Snapshot
      </label>
      <select
        id={snapshotSelect}
        className={select}
        value={snapshotId ?? ""}
        disabled={pending || snapshots.length === 0}
        onChange={(e) => {
          const s = snapshots.find((x) => String(x.id) === e.target.value);
          go(s?.current ? { snapshot: null, cluster: clusterId !== null ? String(clusterId) : null } : { snapshot: e.target.value, cluster: null });
        }}
      >
        {snapshots.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label}
            {s.current ? " (current)" : ""}
          </option>
        ))}
      </select>
    </div>
  );
}
