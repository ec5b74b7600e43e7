// Server-side only; see lib/store/client.ts. Pure: turns lib/graph results into the rows lib/store writes.
import { SCOPE_MEMBER, type AttackGraph, type AttackPath, type CrownJewel, type Evidence, type PathsResult } from "@/lib/graph";

/** Figures stored with a snapshot (snapshot.attack_graph). */
export interface AttackGraphSummary {
  /** Alternatives stored per (identity, jewel) beyond the cheapest path. */
  k: number;
  nodes: number;
  edges: number;
  jewels: number;
  /** Crown jewels at least one identity reaches. */
  reachedJewels: number;
  /** Identities with a path to at least one crown jewel. */
  identitiesWithPaths: number;
  paths: number;
  /** (identity, jewel) pairs with a path. */
  reacherEntries: number;
  /** Crown-jewel selectors of the cluster that were applied. */
  selectors: number;
  /** lib/graph build warnings (e.g. a selector that matches nothing). */
  warnings: string[];
}

/** Variable-length integer lists packed into one array: list i is `data[offsets[i] .. offsets[i + 1])`. */
export interface PackedLists {
  data: Int32Array;
  offsets: Int32Array;
}

/**
 * A snapshot's attack paths in the compact form saveSnapshot writes: typed column arrays rather than row objects,
 * paths as packed lists of edge numbers, each edge's words and evidence once. Built by {@link prepareAttackPaths};
 * holds no reference to the graph or its path objects, so they can be collected before the snapshot is written
 * (on the large benchmark cluster this is ~60 MB for 1.1 million paths, against ~700 MB of graph and path objects).
 */
export interface PreparedAttackPaths {
  summary: AttackGraphSummary;
  jewels: {
    jewelId: string;
    name: string;
    tier: string;
    source: CrownJewel["source"];
    reason: string;
    /** JSON: [{id, kind, label}] of the first targets. */
    targets: string;
    targetCount: number;
    reacherCount: number;
    minSteps: number | null;
    minCost: number | null;
    /** JSON: ChokePoint[]. */
    chokePoints: string;
  }[];
  nodes: { id: string[]; kind: string[]; name: string[]; namespace: (string | null)[]; label: string[] };
  edges: {
    label: string[];
    from: string[];
    to: string[];
    cost: Float64Array;
    explanation: string[];
    /** JSON: Evidence[]. */
    evidence: string[];
    /** JSON: Evidence[][] (the first {@link ALSO_VIA_LIMIT}). */
    alsoVia: string[];
    alsoViaCount: Int32Array;
    check: (string | null)[];
  };
  identities: {
    id: string[];
    /** Per identity, its paths flattened (see {@link encodePaths}). */
    paths: PackedLists;
    pathCount: Int32Array;
    jewelCount: Int32Array;
    namespaceCount: Int32Array;
    /** The first {@link BLAST_NAMESPACE_LIMIT} namespaces of the blast radius. */
    namespaces: readonly string[][];
    serviceAccounts: Int32Array;
    cloudIdentities: Int32Array;
  };
  reachers: {
    jewelNo: Int32Array;
    position: Int32Array;
    identityId: string[];
    cost: Float64Array;
    steps: Int32Array;
    target: string[];
    /** Each reacher's cheapest path as edge numbers. */
    edges: PackedLists;
  };
}

/** Further sufficient reasons kept per edge (the count of all of them is stored too). */
export const ALSO_VIA_LIMIT = 3;
/** Targets listed per crown jewel. */
export const JEWEL_TARGET_LIMIT = 200;
/** Namespaces listed per identity's blast radius (the count is exact). */
export const BLAST_NAMESPACE_LIMIT = 50;

/** One path of an identity as stored: jewel number, rank, and the path's edge numbers. */
export interface EncodedPath {
  jewelNo: number;
  rank: number;
  edges: number[];
}

/** identity_paths.paths: for each path its jewel_no, rank and number of edges, then the edge numbers. */
export function decodePaths(flat: readonly number[]): EncodedPath[] {
  const out: EncodedPath[] = [];
  for (let i = 0; i + 2 < flat.length; ) {
    const n = flat[i + 2]!;
    out.push({ jewelNo: flat[i]!, rank: flat[i + 1]!, edges: flat.slice(i + 3, i + 3 + n) as number[] });
    i += 3 + n;
  }
  return out;
}

/** Grows an Int32Array-backed list. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

const byReach = (a: AttackPath, b: AttackPath): number =>
  a.cost - b.cost || a.steps.length - b.steps.length || (a.identityId < b.identityId ? -1 : a.identityId > b.identityId ? 1 : 0);

/**
 * The rows of a snapshot's attack paths: crown jewels with their exposure and choke points, ranked reachers per jewel
 * (ranked as lib/graph ranks them: cost, then steps, then id), every identity's paths and blast radius, and the edges
 * and nodes those paths use — edges numbered in order of first use.
 */
export function prepareAttackPaths(graph: AttackGraph, result: PathsResult, opts: { k: number; selectors: number }): PreparedAttackPaths {
  const nodeById = new Map(graph.nodes.map((n) => [n.id, n]));
  const jewelNo = new Map(graph.jewels.map((j, i) => [j.id, i]));
  const edgeNo = new Int32Array(graph.edges.length).fill(-1);
  const usedEdges: number[] = [];
  const numbered = (e: number): number => {
    if (edgeNo[e] === -1) {
      edgeNo[e] = usedEdges.length;
      usedEdges.push(e);
    }
    return edgeNo[e]!;
  };

  const count = result.perIdentity.length;
  const identities = {
    id: new Array<string>(count),
    pathCount: new Int32Array(count),
    jewelCount: new Int32Array(count),
    namespaceCount: new Int32Array(count),
    namespaces: new Array<string[]>(count),
    serviceAccounts: new Int32Array(count),
    cloudIdentities: new Int32Array(count),
  };
  const pathData = new IntList();
  const pathOffsets = new Int32Array(count + 1);
  const cheapest: AttackPath[][] = graph.jewels.map(() => []);
  let paths = 0;
  let withPaths = 0;
  result.perIdentity.forEach((ip, i) => {
    let n = 0;
    for (const p of ip.paths) {
      const j = jewelNo.get(p.jewelId);
      if (j === undefined) continue;
      pathData.push(j);
      pathData.push(p.rank);
      const lengthAt = pathData.length;
      pathData.push(0);
      let edges = 0;
      for (const s of p.steps) {
        for (const e of s.edgeIds) {
          pathData.push(numbered(e));
          edges++;
        }
      }
      pathData.data[lengthAt] = edges;
      if (p.rank === 0) cheapest[j]!.push(p);
      n++;
    }
    pathOffsets[i + 1] = pathData.length;
    paths += n;
    if (n > 0) withPaths++;
    const r = ip.blastRadius;
    identities.id[i] = ip.identityId;
    identities.pathCount[i] = n;
    identities.jewelCount[i] = r.crownJewels.length;
    identities.namespaceCount[i] = r.namespaces.length;
    identities.namespaces[i] = r.namespaces.length <= BLAST_NAMESPACE_LIMIT ? r.namespaces : r.namespaces.slice(0, BLAST_NAMESPACE_LIMIT);
    identities.serviceAccounts[i] = r.serviceAccounts;
    identities.cloudIdentities[i] = r.cloudIdentities;
  });

  let reacherEntries = 0;
  for (const list of cheapest) {
    list.sort(byReach);
    reacherEntries += list.length;
  }
  const reachers = {
    jewelNo: new Int32Array(reacherEntries),
    position: new Int32Array(reacherEntries),
    identityId: new Array<string>(reacherEntries),
    cost: new Float64Array(reacherEntries),
    steps: new Int32Array(reacherEntries),
    target: new Array<string>(reacherEntries),
  };
  const reacherEdges = new IntList();
  const reacherOffsets = new Int32Array(reacherEntries + 1);
  let r = 0;
  cheapest.forEach((list, j) => {
    list.forEach((p, position) => {
      reachers.jewelNo[r] = j;
      reachers.position[r] = position;
      reachers.identityId[r] = p.identityId;
      reachers.cost[r] = p.cost;
      reachers.steps[r] = p.steps.length;
      reachers.target[r] = p.target;
      for (const s of p.steps) for (const e of s.edgeIds) reacherEdges.push(edgeNo[e]!);
      reacherOffsets[++r] = reacherEdges.length;
    });
  });

  const chokes = new Map(result.perJewel.map((j) => [j.jewelId, j.chokePoints]));
  const jewels = graph.jewels.map((jewel, j) => {
    const best = cheapest[j]![0];
    const targets = jewel.targets.slice(0, JEWEL_TARGET_LIMIT).map((id) => {
      const n = nodeById.get(id);
      return { id, kind: n?.kind ?? "Unknown", label: n?.label ?? id };
    });
    return {
      jewelId: jewel.id,
      name: jewel.name,
      tier: jewel.tier,
      source: jewel.source,
      reason: jewel.reason,
      targets: JSON.stringify(targets),
      targetCount: jewel.targets.length,
      reacherCount: cheapest[j]!.length,
      minSteps: best ? best.steps.length : null,
      minCost: best ? best.cost : null,
      chokePoints: JSON.stringify(chokes.get(jewel.id) ?? []),
    };
  });

  const m = usedEdges.length;
  const edges: PreparedAttackPaths["edges"] = {
    label: new Array<string>(m),
    from: new Array<string>(m),
    to: new Array<string>(m),
    cost: new Float64Array(m),
    explanation: new Array<string>(m),
    evidence: new Array<string>(m),
    alsoVia: new Array<string>(m),
    alsoViaCount: new Int32Array(m),
    check: new Array<string | null>(m),
  };
  const NONE: Evidence[] = [];
  const usedNodes = new Set<string>(identities.id);
  usedEdges.forEach((e, i) => {
    const edge = graph.edges[e]!;
    usedNodes.add(edge.from);
    usedNodes.add(edge.to);
    edges.label[i] = edge.label;
    edges.from[i] = edge.from;
    edges.to[i] = edge.to;
    edges.cost[i] = edge.cost;
    edges.explanation[i] = edge.explanation;
    edges.evidence[i] = JSON.stringify(edge.label === SCOPE_MEMBER ? NONE : (edge.reasons[0] ?? NONE));
    edges.alsoVia[i] = JSON.stringify(edge.reasons.slice(1, 1 + ALSO_VIA_LIMIT));
    edges.alsoViaCount[i] = Math.max(0, edge.reasons.length - 1);
    edges.check[i] = edge.check ?? null;
  });
  const nodes: PreparedAttackPaths["nodes"] = { id: [], kind: [], name: [], namespace: [], label: [] };
  for (const id of usedNodes) {
    const n = nodeById.get(id);
    if (!n) continue;
    nodes.id.push(n.id);
    nodes.kind.push(n.kind);
    nodes.name.push(n.name);
    nodes.namespace.push(n.namespace ?? null);
    nodes.label.push(n.label);
  }

  return {
    summary: {
      k: opts.k,
      nodes: graph.nodes.length,
      edges: graph.edges.length,
      jewels: graph.jewels.length,
      reachedJewels: cheapest.filter((list) => list.length > 0).length,
      identitiesWithPaths: withPaths,
      paths,
      reacherEntries,
      selectors: opts.selectors,
      warnings: graph.warnings,
    },
    jewels,
    nodes,
    edges,
    identities: { ...identities, paths: { data: pathData.done(), offsets: pathOffsets } },
    reachers: { ...reachers, edges: { data: reacherEdges.done(), offsets: reacherOffsets } },
  };
}
