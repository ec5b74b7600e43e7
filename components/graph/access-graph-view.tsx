"use client";

import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from "cytoscape";
import fcose from "cytoscape-fcose";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  DRAFT_LAYOUT_NODES,
  filterGraph,
  MAX_CLIENT_ELEMENTS,
  mergeGraphs,
  searchGraph,
  toCytoscapeElements,
  type AccessGraph,
  type GraphNode,
  type GraphNodeKind,
} from "@/lib/view/access-graph";
import { RISK_COLOUR, RISK_LABEL, RISK_LEVELS, type RiskLevel } from "@/lib/view/risk";

cytoscape.use(fcose);

export interface AccessGraphViewProps {
  initial: AccessGraph;
  /** Snapshot id every expansion asks about. */
  snapshotId: number;
  /** Query string (no `?`) that keeps the cluster/snapshot selection in links. */
  selectionQuery: string;
}

const KINDS: { kind: GraphNodeKind; label: string; shape: string }[] = [
  { kind: "user", label: "Users", shape: "ellipse" },
  { kind: "serviceaccount", label: "Service accounts", shape: "round-rectangle" },
  { kind: "group", label: "Groups", shape: "hexagon" },
  { kind: "binding", label: "Bindings", shape: "diamond" },
  { kind: "role", label: "Roles", shape: "rectangle" },
  { kind: "namespace", label: "Namespaces", shape: "barrel" },
  { kind: "aggregate", label: "Groups of objects", shape: "octagon" },
  { kind: "more", label: "More (not drawn)", shape: "tag" },
];

const STYLE: StylesheetJson = [
  {
    selector: "node",
    style: {
      label: "data(label)",
      "text-wrap": "wrap",
      "text-max-width": "140px",
      "font-size": 9,
      "text-valign": "bottom",
      "text-margin-y": 3,
      color: "#1e293b",
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.8,
      "text-background-padding": "1px",
      width: 26,
      height: 26,
      "border-width": 1.5,
      "border-color": "#475569",
      "background-color": RISK_COLOUR.none.fill,
    },
  },
  ...RISK_LEVELS.map((l) => ({ selector: `node.risk-${l}`, style: { "background-color": RISK_COLOUR[l].fill } })),
  { selector: "node.user", style: { shape: "ellipse" } },
  { selector: "node.serviceaccount", style: { shape: "round-rectangle" } },
  { selector: "node.group", style: { shape: "hexagon", width: 32, height: 30 } },
  { selector: "node.binding", style: { shape: "diamond", width: 20, height: 20 } },
  { selector: "node.role", style: { shape: "rectangle", width: 22, height: 18 } },
  { selector: "node.namespace", style: { shape: "barrel", width: 34, height: 22, "background-color": "#e0e7ff", "border-color": "#4f46e5" } },
  { selector: "node.aggregate", style: { shape: "octagon", width: 34, height: 34, "border-style": "dashed", "background-color": "#f1f5f9" } },
  { selector: "node.more", style: { shape: "tag", width: 18, height: 14, "background-color": "#ffffff", "border-style": "dotted" } },
  { selector: "node.builtin", style: { "border-style": "dashed" } },
  { selector: "node.focus", style: { "border-width": 4, "border-color": "#4338ca" } },
  { selector: "node:selected", style: { "border-width": 4, "border-color": "#0f172a" } },
  { selector: "node.match", style: { "border-width": 4, "border-color": "#7c3aed", "z-index": 10 } },
  { selector: "node.faded, edge.faded", style: { opacity: 0.25 } },
  { selector: ".filtered", style: { display: "none" } },
  { selector: "edge", style: { width: 1.2, "line-color": "#94a3b8", "target-arrow-color": "#94a3b8", "target-arrow-shape": "triangle", "arrow-scale": 0.7, "curve-style": "bezier" } },
  { selector: "edge.member-of", style: { "line-style": "dashed" } },
  { selector: "edge.in-namespace", style: { "line-color": "#c7d2fe", "target-arrow-color": "#c7d2fe" } },
  { selector: "edge.grants", style: { "line-color": "#64748b", "target-arrow-color": "#64748b", width: 1.6 } },
];

function layoutOptions(nodes: number, randomize: boolean) {
  return {
    name: "fcose",
    quality: nodes >= DRAFT_LAYOUT_NODES ? "draft" : "default",
    randomize,
    animate: !randomize && nodes < 400,
    animationDuration: 300,
    nodeDimensionsIncludeLabels: true,
    packComponents: true,
    idealEdgeLength: 70,
    nodeRepulsion: 6000,
    fit: true,
    padding: 24,
  } as cytoscape.LayoutOptions;
}

export function AccessGraphView({ initial, snapshotId, selectionQuery }: AccessGraphViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const [graph, setGraph] = useState<AccessGraph>(initial);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set([initial.focus]));
  const [kinds, setKinds] = useState<Set<GraphNodeKind>>(() => new Set(KINDS.map((k) => k.kind)));
  const [minRisk, setMinRisk] = useState<RiskLevel>("none");
  const [hideBuiltIn, setHideBuiltIn] = useState(false);
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState<GraphNode | null>(null);
  const [status, setStatus] = useState<string>("");
  const [ready, setReady] = useState(false);
  const graphRef = useRef(graph);
  useEffect(() => {
    graphRef.current = graph;
  }, [graph]);

  const elementCount = graph.nodes.length + graph.edges.length;

  const expand = useCallback(
    async (node: GraphNode) => {
      if (!node.expandable || expanded.has(node.id)) return;
      if (graphRef.current.nodes.length + graphRef.current.edges.length >= MAX_CLIENT_ELEMENTS) {
        setStatus(`The view already shows ${MAX_CLIENT_ELEMENTS.toLocaleString("en")}+ elements. Start a new view from this node to keep it readable.`);
        return;
      }
      setStatus(`Expanding ${node.label}…`);
      try {
        const res = await fetch(`/api/graph?snapshot=${snapshotId}&focus=${encodeURIComponent(node.id)}`, { headers: { accept: "application/json" } });
        if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`);
        const part = (await res.json()) as AccessGraph;
        const before = graphRef.current.nodes.length;
        setExpanded((x) => new Set(x).add(node.id));
        setGraph((current) => {
          const merged = mergeGraphs(current, part);
          // An aggregate is replaced by what it stood for.
          return node.kind === "aggregate"
            ? { ...merged, nodes: merged.nodes.filter((n) => n.id !== node.id), edges: merged.edges.filter((e) => e.source !== node.id && e.target !== node.id) }
            : merged;
        });
        const added = part.nodes.filter((n) => !graphRef.current.nodes.some((m) => m.id === n.id)).length;
        setStatus(added > 0 ? `Added ${added} node${added === 1 ? "" : "s"} around ${node.label} (${before + added} in view).` : `${node.label} has no further neighbours.`);
      } catch (e) {
        setStatus(`Could not expand ${node.label}: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    [expanded, snapshotId],
  );
  const expandRef = useRef(expand);
  useEffect(() => {
    expandRef.current = expand;
  }, [expand]);

  // Create Cytoscape once.
  useEffect(() => {
    if (!containerRef.current) return;
    const cy = cytoscape({ container: containerRef.current, style: STYLE, wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 3 });
    cyRef.current = cy;
    // End-to-end tests read node positions from the instance to click nodes on the canvas.
    (containerRef.current as HTMLDivElement & { __cy?: Core }).__cy = cy;
    cy.on("tap", "node", (evt) => {
      const id = evt.target.id() as string;
      const node = graphRef.current.nodes.find((n) => n.id === id);
      if (!node) return;
      setSelected(node);
      void expandRef.current(node);
    });
    cy.on("tap", (evt) => {
      if (evt.target === cy) setSelected(null);
    });
    return () => {
      cy.destroy();
      cyRef.current = null;
    };
  }, []);

  // Sync elements: add new ones (placed at a neighbour's position), remove gone ones, refresh data, lay out.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const els = toCytoscapeElements(graph);
    const wanted = new Set(els.map((e) => e.data.id as string));
    const first = cy.elements().length === 0;
    let changed = false;
    cy.batch(() => {
      cy.elements().forEach((el) => {
        if (!wanted.has(el.id())) {
          el.remove();
          changed = true;
        }
      });
      const fresh: ElementDefinition[] = [];
      for (const e of els) {
        const existing = cy.getElementById(e.data.id as string);
        if (existing.nonempty()) {
          existing.data(e.data);
          existing.classes(e.classes);
          continue;
        }
        const def: ElementDefinition = { group: e.group, data: e.data as ElementDefinition["data"], classes: e.classes };
        if (e.group === "nodes" && !first) {
          const neighbour = graph.edges.find((x) => x.source === e.data.id || x.target === e.data.id);
          const other = neighbour ? cy.getElementById(neighbour.source === e.data.id ? neighbour.target : neighbour.source) : undefined;
          if (other && other.nonempty()) def.position = { x: other.position("x") + Math.random() * 40 - 20, y: other.position("y") + Math.random() * 40 - 20 };
        }
        fresh.push(def);
      }
      if (fresh.length) {
        // Nodes before edges.
        cy.add(fresh.filter((f) => f.group === "nodes"));
        cy.add(fresh.filter((f) => f.group === "edges"));
        changed = true;
      }
    });
    if (!changed && !first) return;
    const layout = cy.layout(layoutOptions(cy.nodes().length, first));
    layout.one("layoutstop", () => {
      // A handful of nodes should not fill the canvas at 3× zoom.
      if (cy.zoom() > 1.4) {
        cy.zoom(1.4);
        cy.center();
      }
      if (first) performance.mark("palisade-graph-ready");
      setReady(true);
    });
    layout.run();
  }, [graph]);

  // Filters and search: classes only, no relayout.
  const visible = useMemo(() => new Set(filterGraph(graph, { kinds, minRisk, hideBuiltIn }).nodes.map((n) => n.id)), [graph, kinds, minRisk, hideBuiltIn]);
  const matches = useMemo(() => new Set(searchGraph(graph, query)), [graph, query]);
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        n.toggleClass("filtered", !visible.has(n.id()));
        n.toggleClass("match", matches.has(n.id()));
        n.toggleClass("faded", matches.size > 0 && !matches.has(n.id()));
      });
      cy.edges().forEach((e) => {
        e.toggleClass("faded", matches.size > 0);
      });
    });
  }, [visible, matches, graph]);

  const focusMatch = () => {
    const cy = cyRef.current;
    const id = [...matches][0];
    if (!cy || !id) return;
    const n = cy.getElementById(id);
    cy.animate({ center: { eles: n }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 250 });
    n.select();
    setSelected(graph.nodes.find((x) => x.id === id) ?? null);
  };

  const exportPng = () => {
    const cy = cyRef.current;
    if (!cy) return;
    const blob = cy.png({ full: true, scale: 2, bg: "#ffffff", output: "blob" }) as unknown as Blob;
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = `palisade-graph-${snapshotId}.png`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const zoom = (factor: number) => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  };

  const button = "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600";
  const withSelection = (href: string) => (selectionQuery ? `${href}${href.includes("?") ? "&" : "?"}${selectionQuery}` : href);

  return (
    <div className="flex gap-4">
      <div className="min-w-0 flex-1">
        <div className="mb-2 flex flex-wrap items-center gap-2">
          <label htmlFor="graph-search" className="sr-only">
            Search the graph
          </label>
          <input
            id="graph-search"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") focusMatch();
            }}
            placeholder="Search nodes in view"
            className="w-56 rounded-md border border-slate-300 px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600"
          />
          {query ? <span className="text-xs text-slate-600">{matches.size} match{matches.size === 1 ? "" : "es"}</span> : null}
          <span className="mx-1 h-5 w-px bg-slate-200" aria-hidden="true" />
          <button type="button" className={button} onClick={() => cyRef.current?.fit(undefined, 24)}>
            Fit
          </button>
          <button type="button" className={button} onClick={() => zoom(1.25)} aria-label="Zoom in">
            +
          </button>
          <button type="button" className={button} onClick={() => zoom(0.8)} aria-label="Zoom out">
            −
          </button>
          <button type="button" className={button} onClick={exportPng}>
            Export PNG
          </button>
          <span className="ml-auto text-xs text-slate-600" data-testid="graph-counts">
            {graph.nodes.length} nodes · {graph.edges.length} edges
          </span>
        </div>
        <div
          ref={containerRef}
          className="h-[38rem] rounded-lg border border-slate-200 bg-white"
          data-testid="graph-canvas"
          data-ready={ready ? "true" : "false"}
          data-nodes={graph.nodes.length}
          role="img"
          aria-label={`Access graph around ${initial.nodes.find((n) => n.id === initial.focus)?.label ?? "the namespaces"}: ${graph.nodes.length} nodes. The list beside it gives keyboard access to every node.`}
        />
        <p className="mt-2 min-h-5 text-sm text-slate-700" role="status" aria-live="polite" data-testid="graph-status">
          {status || (elementCount > 0 ? "Click a node to expand its neighbours." : "")}
        </p>
        {graph.notes.length ? (
          <ul className="mt-1 list-disc pl-5 text-xs text-slate-600">
            {graph.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : null}
      </div>

      <aside className="w-72 flex-none space-y-4 text-sm">
        <section aria-labelledby="graph-selected" className="rounded-lg border border-slate-200 bg-white p-3">
          <h2 id="graph-selected" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
            Selected
          </h2>
          {selected ? (
            <div className="mt-1 space-y-1">
              <p className="break-all font-medium text-slate-900">{selected.label}</p>
              {selected.detail ? <p className="text-xs text-slate-600">{selected.detail}</p> : null}
              <p className="text-xs text-slate-700">Risk: {RISK_LABEL[selected.risk]}</p>
              <div className="flex flex-wrap gap-2 pt-1">
                {selected.expandable && !expanded.has(selected.id) ? (
                  <button type="button" className={button} onClick={() => void expand(selected)}>
                    Expand
                  </button>
                ) : null}
                {selected.href ? (
                  <a className={button} href={withSelection(selected.href)}>
                    Open page
                  </a>
                ) : null}
                {selected.expandable && selected.kind !== "aggregate" ? (
                  <a className={button} href={withSelection(`/graph?focus=${encodeURIComponent(selected.id)}`)}>
                    Start here
                  </a>
                ) : null}
              </div>
            </div>
          ) : (
            <p className="mt-1 text-xs text-slate-600">Click a node: it is selected and its neighbours are added.</p>
          )}
        </section>

        <section aria-labelledby="graph-filters" className="rounded-lg border border-slate-200 bg-white p-3">
          <h2 id="graph-filters" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
            Show
          </h2>
          <ul className="mt-2 space-y-1">
            {KINDS.map((k) => (
              <li key={k.kind}>
                <label className="flex items-center gap-2 text-slate-700">
                  <input
                    type="checkbox"
                    checked={kinds.has(k.kind)}
                    onChange={(e) =>
                      setKinds((s) => {
                        const next = new Set(s);
                        if (e.target.checked) next.add(k.kind);
                        else next.delete(k.kind);
                        return next;
                      })
                    }
                    className="h-4 w-4"
                  />
                  <ShapeIcon shape={k.shape} />
                  {k.label}
                </label>
              </li>
            ))}
          </ul>
          <label htmlFor="graph-min-risk" className="mt-3 block text-xs font-medium text-slate-600">
            Identities at or above
          </label>
          <select id="graph-min-risk" value={minRisk} onChange={(e) => setMinRisk(e.target.value as RiskLevel)} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1 text-sm">
            {(["none", "low", "medium", "high", "critical"] as const).map((l) => (
              <option key={l} value={l}>
                {l === "none" ? "any risk" : RISK_LABEL[l]}
              </option>
            ))}
          </select>
          <label className="mt-2 flex items-center gap-2 text-slate-700">
            <input type="checkbox" checked={hideBuiltIn} onChange={(e) => setHideBuiltIn(e.target.checked)} className="h-4 w-4" />
            Hide built-in identities
          </label>
        </section>

        <section aria-labelledby="graph-legend" className="rounded-lg border border-slate-200 bg-white p-3">
          <h2 id="graph-legend" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
            Risk colours
          </h2>
          <ul className="mt-2 grid grid-cols-2 gap-1 text-xs text-slate-700">
            {RISK_LEVELS.map((l) => (
              <li key={l} className="flex items-center gap-2">
                <span className="inline-block h-3 w-3 rounded-sm border border-slate-500" style={{ backgroundColor: RISK_COLOUR[l].fill }} aria-hidden="true" />
                {RISK_LABEL[l]}
              </li>
            ))}
          </ul>
          <p className="mt-2 text-xs text-slate-600">Bindings and roles take the colour of the worst finding that runs through them. Dashed borders mark Kubernetes built-in identities; dashed edges group membership.</p>
        </section>

        <details className="rounded-lg border border-slate-200 bg-white p-3">
          <summary className="cursor-pointer text-xs font-semibold uppercase tracking-wide text-slate-500">Nodes in view ({graph.nodes.length})</summary>
          <ul className="mt-2 max-h-64 space-y-0.5 overflow-auto text-xs" data-testid="graph-node-list">
            {graph.nodes
              .filter((n) => visible.has(n.id))
              .map((n) => (
                <li key={n.id}>
                  <button
                    type="button"
                    className="w-full truncate rounded px-1 py-0.5 text-left text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
                    onClick={() => {
                      setSelected(n);
                      const cy = cyRef.current;
                      if (cy) {
                        cy.nodes().unselect();
                        const el = cy.getElementById(n.id);
                        el.select();
                        cy.animate({ center: { eles: el } }, { duration: 200 });
                      }
                      void expand(n);
                    }}
                  >
                    {n.label} <span className="text-slate-500">· {n.detail ?? n.kind} · {RISK_LABEL[n.risk]}</span>
                  </button>
                </li>
              ))}
          </ul>
        </details>
      </aside>
    </div>
  );
}

function ShapeIcon({ shape }: { shape: string }) {
  const c = { className: "h-3.5 w-3.5 flex-none text-slate-600", viewBox: "0 0 16 16", "aria-hidden": true as const };
  const p = { fill: "#e2e8f0", stroke: "currentColor", strokeWidth: 1.5 };
  switch (shape) {
    case "ellipse":
      return (
        <svg {...c}>
          <circle cx="8" cy="8" r="6" {...p} />
        </svg>
      );
    case "round-rectangle":
      return (
        <svg {...c}>
          <rect x="2" y="3" width="12" height="10" rx="3" {...p} />
        </svg>
      );
    case "hexagon":
      return (
        <svg {...c}>
          <polygon points="4,2 12,2 15,8 12,14 4,14 1,8" {...p} />
        </svg>
      );
    case "diamond":
      return (
        <svg {...c}>
          <polygon points="8,1 15,8 8,15 1,8" {...p} />
        </svg>
      );
    case "rectangle":
      return (
        <svg {...c}>
          <rect x="2" y="4" width="12" height="8" {...p} />
        </svg>
      );
    case "barrel":
      return (
        <svg {...c}>
          <rect x="1" y="4" width="14" height="8" rx="4" {...p} fill="#e0e7ff" />
        </svg>
      );
    case "octagon":
      return (
        <svg {...c}>
          <polygon points="5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5" {...p} strokeDasharray="2 1.5" />
        </svg>
      );
    default:
      return (
        <svg {...c}>
          <polygon points="2,4 11,4 14,8 11,12 2,12" {...p} fill="#fff" strokeDasharray="1.5 1.5" />
        </svg>
      );
  }
}
