"use client";

import dynamic from "next/dynamic";
import type { AttackPathGraphViewProps } from "./attack-path-graph-view";

// Cytoscape touches `window` on import: the layer is rendered in the browser only.
const AttackPathGraphView = dynamic(() => import("./attack-path-graph-view").then((m) => m.AttackPathGraphView), {
  ssr: false,
  loading: () => (
    <div className="flex h-[38rem] items-center justify-center rounded-lg border border-slate-200 bg-white text-sm text-slate-600" role="status">
      Loading the paths…
    </div>
  ),
});

export function AttackPathGraphLoader(props: AttackPathGraphViewProps) {
  return <AttackPathGraphView {...props} />;
}
