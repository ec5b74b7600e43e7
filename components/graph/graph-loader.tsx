"use client";

import dynamic from "next/dynamic";
import type { AccessGraphViewProps } from "./access-graph-view";

// Cytoscape touches `window` on import: the graph is rendered in the browser only.
const AccessGraphView = dynamic(() => import("./access-graph-view").then((m) => m.AccessGraphView), {
  ssr: false,
  loading: () => (
    <div className="flex h-[38rem] items-center justify-center rounded-lg border border-slate-200 bg-white text-sm text-slate-600" role="status">
      Loading the graph…
    </div>
  ),
});

export function GraphLoader(props: AccessGraphViewProps) {
  return <AccessGraphView {...props} />;
}
