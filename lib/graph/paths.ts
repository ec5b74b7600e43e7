/**
 * Attack paths over an AttackGraph: every identity × every crown jewel (one reverse Dijkstra per jewel from all of its
 * targets), a single identity on demand (forward search), blast radius and choke points.
 *
 * Alternatives: besides the cheapest path, up to k more, each beginning with a different first edge (another binding,
 * another group, another technique) and otherwise cheapest — a first-step variant of Yen's deviation paths, which is
 * what a reviewer asks ("if I remove this binding, how else does it get there?"). Paths never return to their identity.
 */
import { buildAttackGraph, type BuildOptions } from "./build";
import { dijkstra, graphIndex, MinHeap, newTree, type GraphIndex } from "./search";
import type {
  AttackGraph,
  AttackPath,
  BlastRadius,
  ChokePoint,
  ChokePointKind,
  Evidence,
  GraphEdge,
  IdentityPaths,
  JewelPaths,
  NodeId,
  PathStep,
  PathsResult,
  Reacher,
} from "./types";

export { buildAttackGraph, type BuildOptions };

export interface PathOptions {
  /** Alternatives per (identity, jewel) beyond the cheapest path. Default 1. */
  k?: number;
}

/* ---- steps ------------------------------------------------------------------------------------------------------- */

const stepCaches = new WeakMap<AttackGraph, Map<number, PathStep>>();

const NONE: Evidence[] = [];
const NO_REASONS: Evidence[][] = [];

/** Folds an edge sequence into steps: an edge into a scope node and the membership edges after it are one step. */
export function stepsOf(graph: AttackGraph, ix: GraphIndex, seq: readonly number[]): PathStep[] {
  let cache = stepCaches.get(graph);
  if (!cache) stepCaches.set(graph, (cache = new Map()));
  let count = 0;
  for (let i = 0; i < seq.length; i++) if (ix.step[seq[i]!] !== 0) count++;
  // Exact-size arrays: a million paths with push-grown arrays waste a third of their memory.
  const out = new Array<PathStep>(count);
  let n = 0;
  for (let i = 0; i < seq.length; ) {
    let j = i;
    while (j + 1 < seq.length && ix.step[seq[j + 1]!] === 0) j++;
    const key = seq[i]! * ix.m + seq[j]!;
    let step = cache.get(key);
    if (!step) {
      const first = graph.edges[seq[i]!]!;
      const last = graph.edges[seq[j]!]!;
      const ids = seq.slice(i, j + 1) as number[];
      let cost = 0;
      for (const e of ids) cost += graph.edges[e]!.cost;
      step = {
        label: first.label,
        from: first.from,
        to: last.to,
        ...(j > i ? { via: ids.slice(0, -1).map((e) => graph.edges[e]!.to) } : {}),
        cost,
        explanation: j > i ? `${first.explanation} → ${last.explanation}` : first.explanation,
        evidence: first.reasons[0] ?? NONE,
        alsoVia: first.reasons.length > 1 ? first.reasons.slice(1) : NO_REASONS,
        ...(first.check ? { check: first.check } : {}),
        edgeIds: ids,
      };
      cache.set(key, step);
    }
    out[n++] = step;
    i = j + 1;
  }
  out.length = n;
  return out;
}

/** "can create pods in payments → acts as service account payments/api → can read secret …". */
export function pathSummary(path: AttackPath): string {
  return path.steps.map((s) => s.explanation).join(" → ");
}

/* ---- choke points ------------------------------------------------------------------------------------------------- */

interface Cut {
  kind: ChokePointKind;
  ref: string;
  fix: string;
}

function cutOf(label: string, e: Evidence): Cut | undefined {
  switch (e.kind) {
    case "grant": {
      const b = e.binding;
      const ref = b.kind === "RoleBinding" ? `RoleBinding/${b.namespace}/${b.name}` : `ClusterRoleBinding/${b.name}`;
      const subject = e.via.kind === "ServiceAccount" ? `service account ${e.via.namespace}/${e.via.name}` : `${e.via.kind.toLowerCase()} ${e.via.name}`;
      return { kind: "binding", ref, fix: `Remove ${subject} from ${b.kind} ${b.namespace ? `${b.namespace}/` : ""}${b.name} (${e.role.kind} ${e.role.name}), or drop "${e.permission}" from the role.` };
    }
    case "binding": {
      const b = e.binding;
      const ref = b.kind === "RoleBinding" ? `RoleBinding/${b.namespace}/${b.name}` : `ClusterRoleBinding/${b.name}`;
      return { kind: "binding", ref, fix: `Remove ${e.via.kind.toLowerCase()} ${e.via.namespace ? `${e.via.namespace}/` : ""}${e.via.name} from ${b.kind} ${b.namespace ? `${b.namespace}/` : ""}${b.name} (${e.role.kind} ${e.role.name}).` };
    }
    case "workload": {
      const o = e.object;
      const ref = `${o.kind}/${o.namespace ?? ""}/${o.name}`;
      if (label === "CONTAINER_ESCAPE") return { kind: "workload", ref, fix: `Remove "${e.fact}" from ${o.kind} ${o.namespace}/${o.name} (and enforce Pod Security baseline on its namespace).` };
      if (label === "RUNS_AS") return { kind: "workload", ref, fix: `Set automountServiceAccountToken: false on ${o.kind} ${o.namespace}/${o.name}, or give it a service account without these rights.` };
      if (label === "MOUNTED_SECRET") return { kind: "workload", ref, fix: `Stop mounting the secret in ${o.kind} ${o.namespace}/${o.name}.` };
      return { kind: "workload", ref, fix: `Move ${o.kind} ${o.namespace}/${o.name} to nodes that run nothing else of value (taints, affinity).` };
    }
    case "annotation": {
      const o = e.object;
      if (o.kind === "ServiceAccount") return { kind: "serviceAccount", ref: `ServiceAccount/${o.namespace}/${o.name}`, fix: `Remove ${e.key} from service account ${o.namespace}/${o.name}, or narrow the cloud trust policy.` };
      return { kind: "secret", ref: `Secret/${o.namespace}/${o.name}`, fix: `Delete the legacy token secret ${o.namespace}/${o.name}.` };
    }
    case "config": {
      const o = e.object;
      if (o?.kind === "Namespace") return { kind: "namespace", ref: `Namespace/${o.name}`, fix: `Label namespace ${o.name} pod-security.kubernetes.io/enforce=baseline (or restricted).` };
      if (o?.kind === "ConfigMap") return { kind: "awsAuthMapping", ref: `aws-auth/${e.fact.split(" → ")[0]}`, fix: `Remove the mapping from kube-system/aws-auth (${e.fact}).` };
      return undefined;
    }
    case "membership":
      return undefined;
  }
}

interface CutTable {
  cuts: Cut[];
  byKey: Map<string, number>;
  /** Per edge: -2 not computed yet, -1 no cut, else the id of its only cut (more in `extra`). */
  first: Int32Array;
  extra: Map<number, number[]>;
}

const cutTables = new WeakMap<AttackGraph, CutTable>();

/** Visits the ids of what removing cuts an edge: an element present in every one of its sufficient reasons. */
function forEachCut(graph: AttackGraph, e: number, visit: (cut: number) => void): void {
  let table = cutTables.get(graph);
  if (!table) cutTables.set(graph, (table = { cuts: [], byKey: new Map(), first: new Int32Array(graph.edges.length).fill(-2), extra: new Map() }));
  if (table.first[e] === -2) {
    const edge: GraphEdge = graph.edges[e]!;
    const ids: number[] = [];
    if (edge.reasons.length > 0) {
      const per = edge.reasons.map((r) => {
        const m = new Map<string, Cut>();
        for (const ev of r) {
          const c = cutOf(edge.label, ev);
          if (c) m.set(`${c.kind}|${c.ref}`, c);
        }
        return m;
      });
      for (const [key, c] of per[0]!) {
        if (!per.every((m) => m.has(key))) continue;
        let id = table.byKey.get(key);
        if (id === undefined) {
          id = table.cuts.length;
          table.cuts.push(c);
          table.byKey.set(key, id);
        }
        ids.push(id);
      }
    }
    table.first[e] = ids.length > 0 ? ids[0]! : -1;
    if (ids.length > 1) table.extra.set(e, ids.slice(1));
  }
  const f = table.first[e]!;
  if (f < 0) return;
  visit(f);
  const more = table.extra.get(e);
  if (more) for (const c of more) visit(c);
}

/* ---- blast radius ------------------------------------------------------------------------------------------------- */

type Radius = Omit<BlastRadius, "crownJewels">;

/** Reach as bitsets over service accounts, cloud identities and namespaces; null = empty. */
interface Summary {
  sa: Uint32Array | null;
  cloud: Uint32Array | null;
  ns: Uint32Array | null;
}

const words = (n: number) => Math.max(1, Math.ceil(n / 32));
function popcount(bits: Uint32Array | null): number {
  if (!bits) return 0;
  let c = 0;
  for (let i = 0; i < bits.length; i++) {
    let v = bits[i]!;
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    c += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return c;
}

/**
 * Forward reachability (ignoring cost) for blast radius: which service accounts, cloud identities and namespaces each
 * identity reaches. For one identity, a breadth-first walk. For all of them, one pass over the strongly connected
 * components in reverse topological order (Tarjan emits sinks first): a component's reach is its own nodes plus the
 * reach of the components it points to, kept as bitsets and freed once every component pointing to it is done.
 */
class Reach {
  private readonly saBit: Int32Array;
  private readonly cloudBit: Int32Array;
  private readonly nsBit: Int32Array;
  private readonly nsNames: string[] = [];
  private readonly sizes: { sa: number; cloud: number; ns: number };

  constructor(
    graph: AttackGraph,
    private readonly ix: GraphIndex,
  ) {
    this.saBit = new Int32Array(ix.n).fill(-1);
    this.cloudBit = new Int32Array(ix.n).fill(-1);
    this.nsBit = new Int32Array(ix.n).fill(-1);
    const nsIndex = new Map<string, number>();
    let sa = 0;
    let cloud = 0;
    graph.nodes.forEach((node, i) => {
      if (node.kind === "ServiceAccount") this.saBit[i] = sa++;
      else if (node.kind === "CloudIdentity") this.cloudBit[i] = cloud++;
      if (node.namespace === undefined || node.kind === "Scope") return;
      let k = nsIndex.get(node.namespace);
      if (k === undefined) {
        k = this.nsNames.length;
        nsIndex.set(node.namespace, k);
        this.nsNames.push(node.namespace);
      }
      this.nsBit[i] = k;
    });
    this.sizes = { sa: words(sa), cloud: words(cloud), ns: words(this.nsNames.length) };
  }

  private mark(into: Summary, i: number): void {
    const s = this.saBit[i]!;
    if (s >= 0) (into.sa ??= new Uint32Array(this.sizes.sa))[s >>> 5]! |= 1 << (s & 31);
    const c = this.cloudBit[i]!;
    if (c >= 0) (into.cloud ??= new Uint32Array(this.sizes.cloud))[c >>> 5]! |= 1 << (c & 31);
    const n = this.nsBit[i]!;
    if (n >= 0) (into.ns ??= new Uint32Array(this.sizes.ns))[n >>> 5]! |= 1 << (n & 31);
  }

  private or(into: Summary, from: Summary): void {
    if (from.sa) {
      const t = (into.sa ??= new Uint32Array(this.sizes.sa));
      for (let k = 0; k < t.length; k++) t[k]! |= from.sa[k]!;
    }
    if (from.cloud) {
      const t = (into.cloud ??= new Uint32Array(this.sizes.cloud));
      for (let k = 0; k < t.length; k++) t[k]! |= from.cloud[k]!;
    }
    if (from.ns) {
      const t = (into.ns ??= new Uint32Array(this.sizes.ns));
      for (let k = 0; k < t.length; k++) t[k]! |= from.ns[k]!;
    }
  }

  private toRadius(u: number, acc: Summary): Radius {
    let serviceAccounts = popcount(acc.sa);
    const own = this.saBit[u]!;
    if (own >= 0 && acc.sa && acc.sa[own >>> 5]! & (1 << (own & 31))) serviceAccounts--;
    return { namespaces: this.namespaceList(acc.ns), serviceAccounts, cloudIdentities: popcount(acc.cloud) };
  }

  /** Sorted namespace names of a bitset; identical sets share one array (thousands of identities reach them all). */
  private readonly lists = new Map<string, string[]>();
  private namespaceList(bits: Uint32Array | null): string[] {
    if (!bits) return [];
    const key = bits.join(",");
    let list = this.lists.get(key);
    if (!list) {
      list = [];
      for (let k = 0; k < this.nsNames.length; k++) if (bits[k >>> 5]! & (1 << (k & 31))) list.push(this.nsNames[k]!);
      list.sort();
      this.lists.set(key, list);
    }
    return list;
  }

  /** Blast radius of one identity: a walk from it (the identity itself counted only when a cycle returns to it). */
  radius(u: number): Radius {
    const { ix } = this;
    const seen = new Uint8Array(ix.n);
    const queue = new Int32Array(ix.n);
    const acc: Summary = { sa: null, cloud: null, ns: null };
    let head = 0;
    let tail = 0;
    seen[u] = 1;
    queue[tail++] = u;
    while (head < tail) {
      const x = queue[head++]!;
      for (let k = ix.outStart[x]!, end = ix.outStart[x + 1]!; k < end; k++) {
        const v = ix.to[ix.outEdges[k]!]!;
        if (seen[v]) {
          // Back at the start through a cycle: it reaches itself (as the component pass counts it).
          if (v === u && seen[u] === 1) {
            seen[u] = 2;
            this.mark(acc, u);
          }
          continue;
        }
        seen[v] = 1;
        queue[tail++] = v;
        this.mark(acc, v);
      }
    }
    return this.toRadius(u, acc);
  }

  /** Blast radius of every identity node, by index. */
  allRadii(): Map<number, Radius> {
    const { ix } = this;
    const n = ix.n;
    const out = new Map<number, Radius>();
    const isIdentity = new Uint8Array(n);
    for (const u of ix.identities) isIdentity[u] = 1;

    // Iterative Tarjan.
    const index = new Int32Array(n).fill(-1);
    const low = new Int32Array(n);
    const comp = new Int32Array(n).fill(-1);
    const onStack = new Uint8Array(n);
    const stack: number[] = [];
    const callNode: number[] = [];
    const callEdge: number[] = [];
    const members: number[][] = [];
    let counter = 0;
    for (let root = 0; root < n; root++) {
      if (index[root] !== -1) continue;
      callNode.push(root);
      callEdge.push(ix.outStart[root]!);
      index[root] = low[root] = counter++;
      stack.push(root);
      onStack[root] = 1;
      while (callNode.length > 0) {
        const v = callNode[callNode.length - 1]!;
        const k = callEdge[callEdge.length - 1]!;
        if (k < ix.outStart[v + 1]!) {
          callEdge[callEdge.length - 1] = k + 1;
          const w = ix.to[ix.outEdges[k]!]!;
          if (index[w] === -1) {
            index[w] = low[w] = counter++;
            stack.push(w);
            onStack[w] = 1;
            callNode.push(w);
            callEdge.push(ix.outStart[w]!);
          } else if (onStack[w] && index[w]! < low[v]!) low[v] = index[w]!;
          continue;
        }
        callNode.pop();
        callEdge.pop();
        if (callNode.length > 0) {
          const parent = callNode[callNode.length - 1]!;
          if (low[v]! < low[parent]!) low[parent] = low[v]!;
        }
        if (low[v] === index[v]) {
          const c = members.length;
          const list: number[] = [];
          let w: number;
          do {
            w = stack.pop()!;
            onStack[w] = 0;
            comp[w] = c;
            list.push(w);
          } while (w !== v);
          members.push(list);
        }
      }
    }

    // Components come out sinks first: every successor component is complete before its predecessors.
    const C = members.length;
    const refs = new Int32Array(C);
    const seenBy = new Int32Array(C).fill(-1);
    for (let c = 0; c < C; c++) {
      for (const v of members[c]!) {
        for (let k = ix.outStart[v]!, end = ix.outStart[v + 1]!; k < end; k++) {
          const d = comp[ix.to[ix.outEdges[k]!]!]!;
          if (d === c || seenBy[d] === c) continue;
          seenBy[d] = c;
          refs[d]!++;
        }
      }
    }
    seenBy.fill(-1);
    const summaries: (Summary | null)[] = new Array<Summary | null>(C).fill(null);
    for (let c = 0; c < C; c++) {
      const acc: Summary = { sa: null, cloud: null, ns: null };
      const list = members[c]!;
      const cyclic = list.length > 1;
      for (const v of list) {
        // A node of a cycle reaches itself; a lone node only what it points to.
        if (cyclic) this.mark(acc, v);
        for (let k = ix.outStart[v]!, end = ix.outStart[v + 1]!; k < end; k++) {
          const w = ix.to[ix.outEdges[k]!]!;
          const d = comp[w]!;
          if (d === c) continue;
          this.mark(acc, w);
          if (seenBy[d] === c) continue;
          seenBy[d] = c;
          const sd = summaries[d];
          if (sd) this.or(acc, sd);
          if (--refs[d]! === 0) summaries[d] = null;
        }
      }
      for (const v of list) if (isIdentity[v]) out.set(v, this.toRadius(v, acc));
      if (refs[c]! > 0) summaries[c] = acc;
    }
    return out;
  }
}

const reaches = new WeakMap<AttackGraph, Reach>();
/** The blast-radius walker of a graph, cached with its summaries. */
function reachOf(graph: AttackGraph, ix: GraphIndex): Reach {
  let r = reaches.get(graph);
  if (!r) reaches.set(graph, (r = new Reach(graph, ix)));
  return r;
}

/* ---- all identities × all jewels ---------------------------------------------------------------------------------- */

/**
 * Shortest path (plus up to k alternatives) from every identity to every crown jewel it can reach, blast radius per
 * identity, ranked reachers and choke points per jewel. One reverse multi-source Dijkstra per jewel.
 * Identities that reach nothing are left out of `perIdentity`.
 */
export function computePaths(graph: AttackGraph, opts: PathOptions = {}): PathsResult {
  const k = Math.max(0, opts.k ?? 1);
  const ix = graphIndex(graph);
  const tree = newTree(ix.n);
  const heap = new MinHeap();
  const perIdentityPaths = new Map<number, AttackPath[]>();
  const perIdentityJewels = new Map<number, string[]>();
  const perJewel: JewelPaths[] = [];
  const seq: number[] = [];
  const alt: number[] = [];
  // Alternatives: candidate first edges of one identity, sorted by (cost, steps, edge).
  let candEdge = new Int32Array(64);
  let candCost = new Float64Array(64);
  let candSteps = new Int32Array(64);
  const order: number[] = [];

  const walk = (start: number, out: number[]): number => {
    out.length = 0;
    let v = start;
    while (tree.via[v] !== -1) {
      const e = tree.via[v]!;
      out.push(e);
      v = ix.to[e]!;
    }
    return v;
  };

  for (const jewel of graph.jewels) {
    const targets = ix.jewelTargets.get(jewel.id)!;
    dijkstra(ix, targets, true, tree, heap);
    const reachers: Reacher[] = [];
    let cutCount = new Int32Array(256);
    let cutStamp = new Int32Array(256);
    let stamp = 0;
    const touched: number[] = [];
    const countCut = (c: number) => {
      if (c >= cutCount.length) {
        const grow = (a: Int32Array) => {
          const b = new Int32Array(Math.max(c + 1, a.length * 2));
          b.set(a);
          return b;
        };
        cutCount = grow(cutCount);
        cutStamp = grow(cutStamp);
      }
      if (cutStamp[c] === stamp) return;
      cutStamp[c] = stamp;
      if (cutCount[c] === 0) touched.push(c);
      cutCount[c]!++;
    };
    for (const u of ix.identities) {
      if (tree.dist[u] === Infinity) continue;
      const id = ix.ids[u]!;
      const end = walk(u, seq);
      const steps = stepsOf(graph, ix, seq);
      let paths = perIdentityPaths.get(u);
      if (!paths) perIdentityPaths.set(u, (paths = []));
      paths.push({ identityId: id, jewelId: jewel.id, target: ix.ids[end]!, cost: tree.dist[u]!, rank: 0, steps });
      reachers.push({ identityId: id, steps: steps.length, cost: tree.dist[u]! });

      // Choke points: count each cut once per reacher path.
      stamp++;
      for (const e of seq) forEachCut(graph, e, countCut);

      if (k > 0) {
        let n = 0;
        for (let x = ix.outStart[u]!, xe = ix.outStart[u + 1]!; x < xe; x++) {
          const e = ix.outEdges[x]!;
          const v = ix.to[e]!;
          if (e === tree.via[u] || v === u || tree.dist[v] === Infinity) continue;
          if (n === candEdge.length) {
            const grow = <T extends Int32Array | Float64Array>(a: T, make: (len: number) => T) => {
              const b = make(a.length * 2);
              b.set(a);
              return b;
            };
            candEdge = grow(candEdge, (len) => new Int32Array(len));
            candCost = grow(candCost, (len) => new Float64Array(len));
            candSteps = grow(candSteps, (len) => new Int32Array(len));
          }
          candEdge[n] = e;
          candCost[n] = ix.cost[e]! + tree.dist[v]!;
          candSteps[n] = ix.step[e]! + tree.steps[v]!;
          n++;
        }
        if (n > 0) {
          order.length = 0;
          for (let i = 0; i < n; i++) order.push(i);
          order.sort((a, b) => candCost[a]! - candCost[b]! || candSteps[a]! - candSteps[b]! || candEdge[a]! - candEdge[b]!);
          let taken = 0;
          for (const i of order) {
            if (taken >= k) break;
            const e = candEdge[i]!;
            const tail = walk(ix.to[e]!, alt);
            let loops = false;
            for (const x of alt) if (ix.from[x] === u) loops = true;
            if (loops) continue;
            alt.unshift(e);
            paths.push({ identityId: id, jewelId: jewel.id, target: ix.ids[tail]!, cost: candCost[i]!, rank: ++taken, steps: stepsOf(graph, ix, alt) });
          }
        }
      }
      const js = perIdentityJewels.get(u);
      if (js) js.push(jewel.id);
      else perIdentityJewels.set(u, [jewel.id]);
    }
    reachers.sort((a, b) => a.cost - b.cost || a.steps - b.steps || (a.identityId < b.identityId ? -1 : a.identityId > b.identityId ? 1 : 0));
    const table = cutTables.get(graph);
    const chokePoints: ChokePoint[] = table
      ? touched
          .map((c) => ({ cut: table.cuts[c]!, count: cutCount[c]! }))
          .sort((a, b) => b.count - a.count || a.cut.ref.localeCompare(b.cut.ref))
          .slice(0, 10)
          .map(({ cut, count }) => ({ kind: cut.kind, ref: cut.ref, pathsCut: count, fix: cut.fix }))
      : [];
    perJewel.push({ jewelId: jewel.id, reachers, chokePoints });
  }

  const radii = reachOf(graph, ix).allRadii();
  const perIdentity: IdentityPaths[] = [];
  for (const u of ix.identities) {
    const r = radii.get(u)!;
    const paths = perIdentityPaths.get(u) ?? [];
    if (paths.length === 0 && r.serviceAccounts === 0 && r.namespaces.length === 0 && r.cloudIdentities === 0) continue;
    perIdentity.push({ identityId: ix.ids[u]!, paths, blastRadius: { crownJewels: perIdentityJewels.get(u) ?? [], ...r } });
  }
  return { perIdentity, perJewel };
}

/* ---- one identity, on demand -------------------------------------------------------------------------------------- */

export interface IdentityPathOptions extends PathOptions {
  /** Also return the cheapest path to every target of each jewel (e.g. each node, each cloud role), at rank 0. */
  eachTarget?: boolean;
}

/**
 * Paths of one identity to every crown jewel it reaches: a forward Dijkstra that keeps, per node, the best label for up
 * to k+1 distinct first edges — rank 0 is the cheapest path, ranks 1…k the cheapest beginning with another first edge.
 * Throws when the identity is not in the graph.
 */
export function pathsForIdentity(graph: AttackGraph, identityId: NodeId, opts: IdentityPathOptions = {}): IdentityPaths {
  const ix = graphIndex(graph);
  const u = ix.index.get(identityId);
  if (u === undefined) throw new Error(`unknown identity "${identityId}": not a node of the attack graph`);
  const K = Math.max(0, opts.k ?? 1) + 1;
  const S = ix.n * K;
  const dist = new Float64Array(S).fill(Infinity);
  const steps = new Int32Array(S);
  const first = new Int32Array(S).fill(-1);
  const prev = new Int32Array(S).fill(-1);
  const edgeIn = new Int32Array(S).fill(-1);
  const heap = new MinHeap();
  const top: [number, number, number] = [0, 0, 0];
  const startState = u * K;
  dist[startState] = 0;
  heap.push(0, 0, startState);

  /** Offers (cost, steps) with first edge f to node w; returns the slot taken or -1. */
  const offer = (w: number, f: number, d: number, st: number): number => {
    const base = w * K;
    let worst = -1;
    for (let s = base; s < base + K; s++) {
      if (first[s] === f) {
        if (d < dist[s]! || (d === dist[s]! && st < steps[s]!)) return s;
        return -1;
      }
      if (worst === -1 || dist[s]! > dist[worst]! || (dist[s] === dist[worst] && steps[s]! > steps[worst]!)) worst = s;
    }
    if (d < dist[worst]! || (d === dist[worst]! && st < steps[worst]!)) return worst;
    return -1;
  };

  while (heap.size > 0) {
    heap.pop(top);
    const [d, st, s] = top;
    if (d !== dist[s] || st !== steps[s]) continue;
    const v = (s / K) | 0;
    for (let x = ix.outStart[v]!, xe = ix.outStart[v + 1]!; x < xe; x++) {
      const e = ix.outEdges[x]!;
      const w = ix.to[e]!;
      if (w === u) continue;
      const f = s === startState ? e : first[s]!;
      const nd = d + ix.cost[e]!;
      const ns = st + ix.step[e]!;
      const slot = offer(w, f, nd, ns);
      if (slot === -1) continue;
      dist[slot] = nd;
      steps[slot] = ns;
      first[slot] = f;
      prev[slot] = s;
      edgeIn[slot] = e;
      heap.push(nd, ns, slot);
    }
  }

  const pathFrom = (state: number): number[] => {
    const out: number[] = [];
    for (let s = state; s !== startState && s !== -1; s = prev[s]!) out.push(edgeIn[s]!);
    return out.reverse();
  };
  const paths: AttackPath[] = [];
  const jewels: string[] = [];
  for (const jewel of graph.jewels) {
    const best = new Map<number, number>();
    for (const t of ix.jewelTargets.get(jewel.id)!) {
      for (let s = t * K; s < t * K + K; s++) {
        if (dist[s] === Infinity) continue;
        const cur = best.get(first[s]!);
        if (cur === undefined || dist[s]! < dist[cur]! || (dist[s] === dist[cur] && steps[s]! < steps[cur]!)) best.set(first[s]!, s);
      }
    }
    if (best.size === 0) continue;
    jewels.push(jewel.id);
    const ranked = [...best.values()].sort((a, b) => dist[a]! - dist[b]! || steps[a]! - steps[b]! || first[a]! - first[b]!).slice(0, K);
    ranked.forEach((s, rank) => paths.push({ identityId, jewelId: jewel.id, target: ix.ids[(s / K) | 0]!, cost: dist[s]!, rank, steps: stepsOf(graph, ix, pathFrom(s)) }));
    if (opts.eachTarget) {
      for (const t of ix.jewelTargets.get(jewel.id)!) {
        let bestS = -1;
        for (let s = t * K; s < t * K + K; s++) if (dist[s] !== Infinity && (bestS === -1 || dist[s]! < dist[bestS]! || (dist[s] === dist[bestS] && steps[s]! < steps[bestS]!))) bestS = s;
        if (bestS === -1 || bestS === ranked[0]) continue;
        paths.push({ identityId, jewelId: jewel.id, target: ix.ids[t]!, cost: dist[bestS]!, rank: 0, steps: stepsOf(graph, ix, pathFrom(bestS)) });
      }
    }
  }
  const r = reachOf(graph, ix).radius(u);
  return { identityId, paths, blastRadius: { crownJewels: jewels, ...r } };
}
