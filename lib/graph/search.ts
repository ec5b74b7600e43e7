/**
 * Graph algorithms over a compact index of an AttackGraph: CSR adjacency (both directions) in typed arrays and a
 * binary-heap Dijkstra. Scope-membership edges count as zero steps, so "steps" are attack steps.
 */
import { SCOPE_MEMBER, type AttackGraph, type NodeKind } from "./types";

export interface GraphIndex {
  n: number;
  m: number;
  ids: string[];
  index: Map<string, number>;
  kind: NodeKind[];
  from: Int32Array;
  to: Int32Array;
  cost: Float64Array;
  /** 0 for scope-membership edges, 1 otherwise. */
  step: Uint8Array;
  outStart: Int32Array;
  outEdges: Int32Array;
  inStart: Int32Array;
  inEdges: Int32Array;
  /** Node indices of users, groups and service accounts. */
  identities: Int32Array;
  jewelTargets: Map<string, Int32Array>;
}

const indexes = new WeakMap<AttackGraph, GraphIndex>();

/** The index of a graph, built once and cached (the graph itself stays a plain object). */
export function graphIndex(graph: AttackGraph): GraphIndex {
  let ix = indexes.get(graph);
  if (ix) return ix;
  const n = graph.nodes.length;
  const m = graph.edges.length;
  const ids = graph.nodes.map((x) => x.id);
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const cost = new Float64Array(m);
  const step = new Uint8Array(m);
  const outStart = new Int32Array(n + 1);
  const inStart = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    const edge = graph.edges[e]!;
    const f = index.get(edge.from);
    const t = index.get(edge.to);
    if (f === undefined || t === undefined) throw new Error(`edge ${e} (${edge.label}) refers to an unknown node: ${f === undefined ? edge.from : edge.to}`);
    from[e] = f;
    to[e] = t;
    cost[e] = edge.cost;
    step[e] = edge.label === SCOPE_MEMBER ? 0 : 1;
    outStart[f + 1]!++;
    inStart[t + 1]!++;
  }
  for (let i = 0; i < n; i++) {
    outStart[i + 1]! += outStart[i]!;
    inStart[i + 1]! += inStart[i]!;
  }
  const outEdges = new Int32Array(m);
  const inEdges = new Int32Array(m);
  const oFill = outStart.slice(0, n);
  const iFill = inStart.slice(0, n);
  for (let e = 0; e < m; e++) {
    outEdges[oFill[from[e]!]!++] = e;
    inEdges[iFill[to[e]!]!++] = e;
  }
  const kind = graph.nodes.map((x) => x.kind);
  const identities = Int32Array.from(kind.flatMap((k, i) => (k === "User" || k === "Group" || k === "ServiceAccount" ? [i] : [])));
  const jewelTargets = new Map<string, Int32Array>();
  for (const j of graph.jewels) jewelTargets.set(j.id, Int32Array.from(j.targets.map((t) => index.get(t)!).filter((x) => x !== undefined)));
  ix = { n, m, ids, index, kind, from, to, cost, step, outStart, outEdges, inStart, inEdges, identities, jewelTargets };
  indexes.set(graph, ix);
  return ix;
}

/** Binary min-heap of (cost, steps, node) with lazy deletion. */
export class MinHeap {
  private cost = new Float64Array(1024);
  private steps = new Int32Array(1024);
  private node = new Int32Array(1024);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  private less(i: number, j: number): boolean {
    const a = this.cost[i]!;
    const b = this.cost[j]!;
    return a < b || (a === b && this.steps[i]! < this.steps[j]!);
  }

  private swap(i: number, j: number): void {
    const c = this.cost[i]!;
    this.cost[i] = this.cost[j]!;
    this.cost[j] = c;
    const s = this.steps[i]!;
    this.steps[i] = this.steps[j]!;
    this.steps[j] = s;
    const v = this.node[i]!;
    this.node[i] = this.node[j]!;
    this.node[j] = v;
  }

  push(cost: number, steps: number, node: number): void {
    if (this.size === this.cost.length) {
      const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.cost = grow(this.cost, (k) => new Float64Array(k));
      this.steps = grow(this.steps, (k) => new Int32Array(k));
      this.node = grow(this.node, (k) => new Int32Array(k));
    }
    let i = this.size++;
    this.cost[i] = cost;
    this.steps[i] = steps;
    this.node[i] = node;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  /** Pops the minimum into `out` ([cost, steps, node]). */
  pop(out: [number, number, number]): void {
    out[0] = this.cost[0]!;
    out[1] = this.steps[0]!;
    out[2] = this.node[0]!;
    const last = --this.size;
    if (last > 0) {
      this.cost[0] = this.cost[last]!;
      this.steps[0] = this.steps[last]!;
      this.node[0] = this.node[last]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let s = i;
        if (l < last && this.less(l, s)) s = l;
        if (r < last && this.less(r, s)) s = r;
        if (s === i) break;
        this.swap(i, s);
        i = s;
      }
    }
  }
}

export interface ShortestTree {
  dist: Float64Array;
  steps: Int32Array;
  /** Reverse search: the edge to follow towards the nearest target; forward search: the edge that reached the node. -1 at sources. */
  via: Int32Array;
}

export function newTree(n: number): ShortestTree {
  return { dist: new Float64Array(n), steps: new Int32Array(n), via: new Int32Array(n) };
}

/**
 * Dijkstra over the index. Forward (`reverse = false`): distances from `sources` along edges. Reverse: distances to the
 * nearest of `sources` against edge direction (multi-source search from a jewel's targets). Ties on cost prefer fewer
 * steps. `avoid` (forward only) is a node never entered (the source of a path, so alternatives do not loop back).
 */
export function dijkstra(ix: GraphIndex, sources: ArrayLike<number>, reverse: boolean, tree: ShortestTree, heap: MinHeap): void {
  const { dist, steps, via } = tree;
  dist.fill(Infinity);
  steps.fill(0);
  via.fill(-1);
  heap.clear();
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i]!;
    dist[s] = 0;
    heap.push(0, 0, s);
  }
  const start = reverse ? ix.inStart : ix.outStart;
  const list = reverse ? ix.inEdges : ix.outEdges;
  const other = reverse ? ix.from : ix.to;
  const top: [number, number, number] = [0, 0, 0];
  while (heap.size > 0) {
    heap.pop(top);
    const [d, st, u] = top;
    if (d > dist[u]! || (d === dist[u]! && st > steps[u]!)) continue;
    for (let k = start[u]!, end = start[u + 1]!; k < end; k++) {
      const e = list[k]!;
      const v = other[e]!;
      const nd = d + ix.cost[e]!;
      const ns = st + ix.step[e]!;
      if (nd < dist[v]! || (nd === dist[v]! && ns < steps[v]!)) {
        dist[v] = nd;
        steps[v] = ns;
        via[v] = e;
        heap.push(nd, ns, v);
      }
    }
  }
}
