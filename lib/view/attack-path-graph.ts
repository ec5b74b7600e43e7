/**
 * The access graph's "paths" layer (pure view model): the identities that reach one crown jewel, drawn with the
 * steps of their cheapest paths, ending in the jewel. One path can be highlighted (its nodes and edges; everything
 * else is faded). Nodes are attack-graph nodes (identities, workloads, secrets, nodes, cloud roles, cluster-admin);
 * scope nodes a step passed through are folded into the step, as in the step lists.
 */

/** What the layer needs of a stored step (lib/store StoredPathStep satisfies it). */
export interface PathStepInput {
  label: string;
  from: NodeInput;
  to: NodeInput;
  cost: number;
  explanation: string;
}

export interface NodeInput {
  id: string;
  kind: string;
  label: string;
}

export interface PathInput {
  identityId: string;
  rank: number;
  cost: number;
  steps: readonly PathStepInput[];
}

export type PathNodeKind = "user" | "group" | "serviceaccount" | "workload" | "secret" | "node" | "cloud" | "clusteradmin" | "namespace" | "other" | "jewel";

export interface PathGraphNode {
  id: string;
  kind: PathNodeKind;
  label: string;
  /** The label without the kind word the node's shape already shows ("payments/api", not "service account payments/api"). */
  short: string;
  /** Identities: the page of the identity. */
  href?: string;
  /** Identities: the cost of their cheapest path (to rank them in the list). */
  cost?: number;
}

export interface PathGraphEdge {
  id: string;
  source: string;
  target: string;
  /** Edge type (CREATE_POD, …), or "TARGET" for the last hop into the jewel. */
  label: string;
  explanation: string;
  /** Keys of the paths (see {@link pathKey}) that use this edge. */
  paths: string[];
}

export interface PathGraph {
  jewel: { id: string; name: string };
  nodes: PathGraphNode[];
  edges: PathGraphEdge[];
  /** Path key → its node and edge ids, for highlighting. */
  paths: Record<string, { nodes: string[]; edges: string[]; identityId: string; rank: number; cost: number; steps: number; summary: string }>;
  /** The path highlighted initially, if any. */
  highlight: string | null;
}

/** The id of the jewel node in the layer. */
export const JEWEL_NODE = "jewel";

/** `identityId#rank`: a path of the layer. */
export const pathKey = (identityId: string, rank: number): string => `${identityId}#${rank}`;

const KINDS: Record<string, PathNodeKind> = {
  User: "user",
  Group: "group",
  ServiceAccount: "serviceaccount",
  Workload: "workload",
  Secret: "secret",
  Node: "node",
  CloudIdentity: "cloud",
  ClusterAdmin: "clusteradmin",
  Namespace: "namespace",
};

/** "service account payments/api" → "payments/api": the shape shows the kind. */
export function shortLabel(label: string): string {
  return label.replace(/^(service account|user|group|secret|node|namespace) /, "");
}

const identityKind = (kind: string) => kind === "User" || kind === "Group" || kind === "ServiceAccount";

/**
 * Builds the layer from the jewel's reachers' paths (cheapest first) and, optionally, one more path to highlight (an
 * alternative, or a reacher beyond the ones drawn). Every path ends in the jewel node.
 */
export function buildPathGraph(jewel: { id: string; name: string }, paths: readonly PathInput[], highlight?: PathInput | null): PathGraph {
  const nodes = new Map<string, PathGraphNode>();
  const edges = new Map<string, PathGraphEdge>();
  const out: PathGraph["paths"] = {};
  nodes.set(JEWEL_NODE, { id: JEWEL_NODE, kind: "jewel", label: jewel.name, short: jewel.name });
  const all = highlight && !paths.some((p) => p.identityId === highlight.identityId && p.rank === highlight.rank) ? [...paths, highlight] : paths;
  for (const p of all) {
    const key = pathKey(p.identityId, p.rank);
    const nodeIds: string[] = [];
    const edgeIds: string[] = [];
    const addNode = (n: NodeInput) => {
      if (!nodes.has(n.id)) {
        nodes.set(n.id, {
          id: n.id,
          kind: KINDS[n.kind] ?? "other",
          label: n.label,
          short: shortLabel(n.label),
          ...(identityKind(n.kind) ? { href: `/identities/${encodeURIComponent(n.id)}` } : {}),
        });
      }
      nodeIds.push(n.id);
    };
    const addEdge = (source: string, target: string, label: string, explanation: string) => {
      const id = `${label}|${source}|${target}`;
      const e = edges.get(id);
      if (e) {
        if (!e.paths.includes(key)) e.paths.push(key);
      } else edges.set(id, { id, source, target, label, explanation, paths: [key] });
      edgeIds.push(id);
    };
    const first = p.steps[0];
    if (!first) continue;
    addNode(first.from);
    for (const s of p.steps) {
      addNode(s.to);
      addEdge(s.from.id, s.to.id, s.label, s.explanation);
    }
    const last = p.steps[p.steps.length - 1]!;
    addEdge(last.to.id, JEWEL_NODE, "TARGET", `${last.to.label} is part of ${jewel.name}`);
    nodeIds.push(JEWEL_NODE);
    const origin = nodes.get(first.from.id)!;
    if (p.rank === 0 && (origin.cost === undefined || p.cost < origin.cost)) origin.cost = p.cost;
    out[key] = { nodes: [...new Set(nodeIds)], edges: edgeIds, identityId: p.identityId, rank: p.rank, cost: p.cost, steps: p.steps.length, summary: p.steps.map((s) => s.explanation).join(" → ") };
  }
  return {
    jewel,
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    paths: out,
    highlight: highlight ? pathKey(highlight.identityId, highlight.rank) : null,
  };
}

/** Horizontal distance between columns and vertical distance between nodes of a column, in pixels. */
export const COLUMN_GAP = 220;
export const ROW_GAP = 48;

/**
 * A left-to-right layered layout: identities in the first column (cheapest path first), each other node in the
 * column of the furthest step that reaches it, the jewel alone in the last column. Within a column, nodes are ordered
 * by the mean row of the nodes that lead to them (fewer crossing edges). Deterministic, so the same paths always look
 * the same.
 */
export function layoutPathGraph(g: PathGraph): { positions: Record<string, { x: number; y: number }>; columns: number; tallest: number } {
  const depth = new Map<string, number>();
  for (const p of Object.values(g.paths)) {
    p.nodes.forEach((id, i) => {
      if (id === JEWEL_NODE) return;
      depth.set(id, Math.max(depth.get(id) ?? 0, i));
    });
  }
  // Identities start paths: keep them in the first column even when another path passes through them.
  const starts = new Set(Object.values(g.paths).map((p) => p.nodes[0]!));
  for (const id of starts) depth.set(id, 0);
  const last = Math.max(0, ...depth.values()) + 1;
  depth.set(JEWEL_NODE, last);
  const byDepth: string[][] = Array.from({ length: last + 1 }, () => []);
  for (const n of g.nodes) byDepth[depth.get(n.id) ?? last]!.push(n.id);
  // No empty columns: a node no path puts at some depth leaves no gap.
  const columns = byDepth.filter((col) => col.length > 0);
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const row = new Map<string, number>();
  columns[0]!.sort((a, b) => (byId.get(a)!.cost ?? Infinity) - (byId.get(b)!.cost ?? Infinity) || byId.get(a)!.label.localeCompare(byId.get(b)!.label));
  columns[0]!.forEach((id, i) => row.set(id, i));
  const preds = new Map<string, string[]>();
  for (const e of g.edges) (preds.get(e.target) ?? preds.set(e.target, []).get(e.target)!).push(e.source);
  for (let c = 1; c < columns.length; c++) {
    const mean = (id: string) => {
      const rows = (preds.get(id) ?? []).map((p) => row.get(p)).filter((r): r is number => r !== undefined);
      return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : Infinity;
    };
    columns[c]!.sort((a, b) => mean(a) - mean(b) || a.localeCompare(b));
    // Spread the column over the height of the tallest column before it, so edges stay short.
    const span = Math.max(...columns.slice(0, c).map((col) => col.length), 1);
    const step = columns[c]!.length > 1 ? Math.max(1, (span - 1) / (columns[c]!.length - 1)) : 0;
    const offset = columns[c]!.length > 1 ? 0 : (span - 1) / 2;
    columns[c]!.forEach((id, i) => row.set(id, offset + i * step));
  }
  const positions: Record<string, { x: number; y: number }> = {};
  columns.forEach((col, c) => col.forEach((id) => (positions[id] = { x: c * COLUMN_GAP, y: row.get(id)! * ROW_GAP })));
  return { positions, columns: columns.length, tallest: Math.max(...columns.map((col) => col.length)) };
}

/** Plain Cytoscape element definitions for the layer (`on-path` / `faded` classes when a path is highlighted). */
export function pathGraphElements(g: PathGraph, highlighted: string | null): { group: "nodes" | "edges"; data: Record<string, string | number>; classes: string }[] {
  const on = highlighted ? g.paths[highlighted] : undefined;
  const onNodes = new Set(on?.nodes ?? []);
  const onEdges = new Set(on?.edges ?? []);
  const state = (hit: boolean) => (on ? (hit ? "on-path" : "faded") : "");
  return [
    ...g.nodes.map((n) => ({
      group: "nodes" as const,
      data: { id: n.id, label: n.short, kind: n.kind },
      classes: [n.kind, state(onNodes.has(n.id))].filter(Boolean).join(" "),
    })),
    ...g.edges.map((e) => ({
      group: "edges" as const,
      data: { id: e.id, source: e.source, target: e.target, label: e.label === "TARGET" ? "" : e.label },
      classes: [e.label === "TARGET" ? "target" : "step", state(onEdges.has(e.id))].filter(Boolean).join(" "),
    })),
  ];
}
