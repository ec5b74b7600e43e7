"use client";

import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from "cytoscape";
import { useEffect, useMemo, useRef, useState } from "react";
import { COLUMN_GAP, layoutPathGraph, pathGraphElements, ROW_GAP, type PathGraph } from "@/lib/view/attack-path-graph";

/** Room for a node's label to its right (the last column's). */
const LABEL_WIDTH = 190;

export interface AttackPathGraphViewProps {
  graph: PathGraph;
  /** Query string (no `?`) of the page without `path`/`rank`, to keep the URL in step with the highlighted path. */
  baseQuery: string;
}

const STYLE: StylesheetJson = [
  {
    selector: "node",
    style: {
      label: "data(label)",
      "text-wrap": "wrap",
      "text-max-width": "180px",
      "font-size": 10,
      "text-valign": "center",
      "text-halign": "right",
      "text-margin-x": 5,
      color: "#1e293b",
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.85,
      "text-background-padding": "1px",
      width: 24,
      height: 24,
      "border-width": 1.5,
      "border-color": "#475569",
      "background-color": "#e2e8f0",
    },
  },
  { selector: "node.user", style: { shape: "ellipse", "background-color": "#ede9fe", "border-color": "#6d28d9" } },
  { selector: "node.group", style: { shape: "hexagon", "background-color": "#ccfbf1", "border-color": "#0f766e", width: 30 } },
  { selector: "node.serviceaccount", style: { shape: "round-rectangle", "background-color": "#e2e8f0" } },
  { selector: "node.workload", style: { shape: "round-tag", "background-color": "#e0f2fe", "border-color": "#0369a1" } },
  { selector: "node.secret", style: { shape: "diamond", "background-color": "#fef3c7", "border-color": "#b45309" } },
  { selector: "node.node", style: { shape: "rectangle", "background-color": "#fee2e2", "border-color": "#b91c1c" } },
  { selector: "node.cloud", style: { shape: "star", "background-color": "#fef9c3", "border-color": "#a16207", width: 28, height: 28 } },
  { selector: "node.clusteradmin", style: { shape: "octagon", "background-color": "#fecaca", "border-color": "#991b1b", width: 30, height: 30 } },
  { selector: "node.namespace", style: { shape: "barrel", "background-color": "#e0e7ff", "border-color": "#4f46e5", width: 32, height: 22 } },
  { selector: "node.jewel", style: { shape: "star", "background-color": "#b4232a", "border-color": "#7f1d1d", width: 40, height: 40, "font-size": 12, "font-weight": "bold" } },
  { selector: "node.on-path", style: { "border-width": 4, "border-color": "#4338ca", "z-index": 10 } },
  { selector: "node:selected", style: { "border-width": 4, "border-color": "#0f172a" } },
  {
    selector: "edge",
    style: {
      width: 1.4,
      "line-color": "#94a3b8",
      "target-arrow-color": "#94a3b8",
      "target-arrow-shape": "triangle",
      "arrow-scale": 0.8,
      "curve-style": "bezier",
      label: "data(label)",
      "font-size": 8,
      color: "#334155",
      "text-rotation": "autorotate",
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.85,
    },
  },
  { selector: "edge.target", style: { "line-style": "dashed", "line-color": "#fca5a5", "target-arrow-color": "#fca5a5" } },
  { selector: "edge.on-path", style: { width: 3.5, "line-color": "#4338ca", "target-arrow-color": "#4338ca", "z-index": 10, "font-size": 9, "font-weight": "bold" } },
  { selector: ".faded", style: { opacity: 0.18 } },
];

/**
 * The paths layer: identities with a path to one crown jewel, their steps and the jewel, laid out left to right.
 * Choosing a path (from the list, or by clicking its identity) highlights its nodes and edges and keeps the URL in
 * step (`?path=<identity>&rank=<n>`), so the view can be linked.
 */
export function AttackPathGraphView({ graph, baseQuery }: AttackPathGraphViewProps) {
  const wrapperRef = useRef<HTMLDivElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const [highlight, setHighlight] = useState<string | null>(graph.highlight);
  const [ready, setReady] = useState(false);
  const [width, setWidth] = useState<number | null>(null);
  const paths = useMemo(() => Object.entries(graph.paths).sort(([, a], [, b]) => a.cost - b.cost || a.identityId.localeCompare(b.identityId) || a.rank - b.rank), [graph]);
  const label = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n.label])), [graph]);
  const layout = useMemo(() => layoutPathGraph(graph), [graph]);

  // The canvas is as tall as the layout needs at the width it gets (so labels stay readable), within limits.
  useEffect(() => {
    if (wrapperRef.current) setWidth(wrapperRef.current.clientWidth);
  }, []);
  const height = useMemo(() => {
    if (width === null) return null;
    const layoutWidth = (layout.columns - 1) * COLUMN_GAP + LABEL_WIDTH + 48;
    const layoutHeight = (layout.tallest - 1) * ROW_GAP + 64;
    return Math.round(Math.min(Math.max((layoutHeight * Math.min(1, width / layoutWidth)) + 40, 420), 1600));
  }, [width, layout]);

  // Create Cytoscape and place the nodes once the canvas has its size.
  useEffect(() => {
    if (!containerRef.current || height === null) return;
    const cy = cytoscape({ container: containerRef.current, style: STYLE, wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 3 });
    cyRef.current = cy;
    (containerRef.current as HTMLDivElement & { __cy?: Core }).__cy = cy;
    cy.add(pathGraphElements(graph, null) as ElementDefinition[]);
    const { positions } = layout;
    const run = cy.layout({ name: "preset", positions: (n: { id(): string }) => positions[n.id()] ?? { x: 0, y: 0 }, fit: true, padding: 24 } as cytoscape.LayoutOptions);
    run.one("layoutstop", () => {
      if (cy.zoom() > 1.2) {
        cy.zoom(1.2);
        cy.center();
      }
      setReady(true);
    });
    run.run();
    cy.on("tap", "node", (evt) => {
      const id = evt.target.id() as string;
      const own = Object.entries(graph.paths).filter(([, p]) => p.nodes[0] === id).sort(([, a], [, b]) => a.rank - b.rank)[0];
      if (own) setHighlight(own[0]);
    });
    cy.on("tap", (evt) => {
      if (evt.target === cy) setHighlight(null);
    });
    return () => {
      cy.destroy();
      cyRef.current = null;
    };
  }, [graph, layout, height]);

  // Highlight: classes only, and the URL follows.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !ready) return;
    const els = pathGraphElements(graph, highlight);
    cy.batch(() => {
      for (const e of els) cy.getElementById(String(e.data.id)).classes(e.classes);
    });
    const on = highlight ? graph.paths[highlight] : undefined;
    if (on) cy.animate({ fit: { eles: cy.nodes().filter((n) => on.nodes.includes(n.id())), padding: 60 } }, { duration: 250 });
    const params = new URLSearchParams(baseQuery);
    if (on) {
      params.set("path", on.identityId);
      if (on.rank > 0) params.set("rank", String(on.rank));
    }
    window.history.replaceState(null, "", `/graph?${params.toString()}`);
  }, [graph, highlight, baseQuery, ready]);

  const current = highlight ? graph.paths[highlight] : undefined;
  const button = "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600";

  return (
    <div ref={wrapperRef}>
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <button type="button" className={button} onClick={() => cyRef.current?.fit(undefined, 24)}>
          Fit
        </button>
        <button type="button" className={button} onClick={() => setHighlight(null)} disabled={!highlight}>
          Show all paths
        </button>
        <span className="ml-auto text-xs text-slate-600" data-testid="path-graph-counts">
          {graph.nodes.length} nodes · {graph.edges.length} edges · {paths.length} paths
        </span>
      </div>
      {height !== null ? (
        <div
          ref={containerRef}
          className="rounded-lg border border-slate-200 bg-white"
          style={{ height }}
          data-testid="path-graph-canvas"
          data-ready={ready ? "true" : "false"}
          data-highlight={highlight ?? ""}
          role="img"
          aria-label={`Attack paths to ${graph.jewel.name}: ${paths.length} paths from ${new Set(paths.map(([, p]) => p.identityId)).size} identities. The list below gives the same paths as text.`}
        />
      ) : null}
      <div className="mt-3 rounded-lg border border-slate-200 bg-white p-3 text-sm" role="status" aria-live="polite" data-testid="highlighted-path">
        {current ? (
          <>
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">
              Highlighted: {label.get(current.nodes[0]!) ?? current.identityId}
              {current.rank > 0 ? ` (alternative ${current.rank})` : ""} · cost {current.cost}
            </p>
            <p className="mt-1 text-slate-900">{current.summary}</p>
          </>
        ) : (
          <p className="text-slate-600">Choose a path below, or click an identity on the canvas, to highlight its steps.</p>
        )}
      </div>
      <section aria-labelledby="path-list-title" className="mt-3 rounded-lg border border-slate-200 bg-white p-3 text-sm">
        <h2 id="path-list-title" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
          Paths to {graph.jewel.name}, cheapest first
        </h2>
        <ul className="mt-2 grid grid-cols-3 gap-1" data-testid="path-list">
          {paths.map(([key, p]) => (
            <li key={key}>
              <button
                type="button"
                aria-pressed={highlight === key}
                onClick={() => setHighlight(key)}
                className={`w-full rounded px-2 py-1 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 ${highlight === key ? "bg-indigo-50 ring-1 ring-inset ring-indigo-300" : ""}`}
              >
                <span className="block truncate font-medium text-slate-900">{label.get(p.nodes[0]!) ?? p.identityId}</span>
                <span className="block text-xs text-slate-600">
                  {p.rank > 0 ? `alternative ${p.rank} · ` : ""}
                  {p.steps} step{p.steps === 1 ? "" : "s"} · cost {p.cost}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
