import type { SubjectKind, SubjectRef } from "@/lib/k8s/types";
import { subjectIdentity } from "@/lib/rbac/subjects";
import type { BindingRef, IdentityId, RoleRefResolved } from "@/lib/rbac/types";
import type { Evidence, Severity } from "@/lib/rules/types";
import { maxRisk, RISK_RANK, type RiskLevel } from "./risk";

/**
 * The access graph's view model (pure): identities, groups, bindings, roles and namespaces as nodes; who is bound by
 * what, which role a binding grants and where, as edges. Node ids double as the `focus` of GET /api/graph, so the
 * browser expands a node by asking for its id and merging the answer.
 *
 * Sizes are bounded where the graph is built: each relation contributes at most a few dozen nodes, the rest is
 * folded into aggregate nodes ("48 service accounts in payments", "RoleBindings of edit in 130 namespaces") that
 * expand on click — so however large the snapshot, the browser only receives what it asked for.
 */

export type GraphNodeKind = "user" | "serviceaccount" | "group" | "binding" | "role" | "namespace" | "aggregate" | "more";
export type GraphEdgeKind = "member-of" | "subject-of" | "grants" | "in-namespace" | "contains";

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  label: string;
  /** Second line: namespace, binding kind, count… */
  detail?: string;
  risk: RiskLevel;
  builtIn?: boolean;
  /** Page to open for this node (identity drill-down, identities table…). */
  href?: string;
  /** Clicking asks the server for this node's neighbours. */
  expandable: boolean;
  /** Aggregates: how many objects the node stands for. */
  count?: number;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: GraphEdgeKind;
}

export interface AccessGraph {
  /** The node the graph was built around (its id), or "overview". */
  focus: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Human notes about what was folded or left out. */
  notes: string[];
}

/** Per relation, how many objects are drawn before the rest is aggregated. */
export const RELATION_LIMIT = 40;
/** How many objects one aggregate node expands into. */
export const AGGREGATE_EXPAND_LIMIT = 150;
/** Above this many elements in the browser, expansion stops and the user is asked to refocus. */
export const MAX_CLIENT_ELEMENTS = 3_000;
/** From this many nodes on, fcose runs in draft quality (toolchain §8: default quality stalls above ~1,000 nodes). */
export const DRAFT_LAYOUT_NODES = 1_000;

// ------------------------------------------------------------------------------------------------- ids and focus

export const identityNodeId = (id: IdentityId) => `identity:${id}`;
export const bindingNodeId = (b: { kind: BindingRef["kind"]; name: string; namespace?: string | null }) =>
  `binding:${b.kind}:${b.kind === "RoleBinding" ? (b.namespace ?? "") : ""}:${b.name}`;
export const roleNodeId = (r: { kind: RoleRefResolved["kind"]; name: string; namespace?: string | null }) =>
  `role:${r.kind}:${r.kind === "Role" ? (r.namespace ?? "") : ""}:${r.name}`;
export const namespaceNodeId = (ns: string) => `namespace:${ns}`;
/** Service accounts of one namespace, folded. */
export const serviceAccountsAggregateId = (ns: string) => `sa-in:${ns}`;
/** Bindings of one role in one namespace ("" = its ClusterRoleBindings), folded. */
export const roleBindingsAggregateId = (role: RoleRefResolved, ns: string) => `bindings-of:${ns}:${roleNodeId(role)}`;

export type GraphFocus =
  | { type: "overview" }
  | { type: "identity"; id: IdentityId }
  | { type: "binding"; ref: BindingRef }
  | { type: "role"; ref: RoleRefResolved }
  | { type: "namespace"; name: string }
  | { type: "sa-in"; namespace: string }
  | { type: "bindings-of"; role: RoleRefResolved; namespace: string };

/** `kind:namespace:name` (namespace may be empty); the name keeps any further colons. */
function splitRef(rest: string): { kind: string; namespace: string; name: string } | undefined {
  const a = rest.indexOf(":");
  const b = a < 0 ? -1 : rest.indexOf(":", a + 1);
  if (a < 0 || b < 0) return undefined;
  return { kind: rest.slice(0, a), namespace: rest.slice(a + 1, b), name: rest.slice(b + 1) };
}

/** Parses a focus / node id; undefined when it is not one. */
export function parseFocus(focus: string): GraphFocus | undefined {
  if (focus === "" || focus === "overview") return { type: "overview" };
  const colon = focus.indexOf(":");
  if (colon < 0) return undefined;
  const prefix = focus.slice(0, colon);
  const rest = focus.slice(colon + 1);
  switch (prefix) {
    case "identity": {
      if (!/^(User|Group):.+$/.test(rest) && !/^ServiceAccount:[^:]+:.+$/.test(rest)) return undefined;
      return { type: "identity", id: rest };
    }
    case "binding": {
      const r = splitRef(rest);
      if (!r || !r.name) return undefined;
      if (r.kind === "ClusterRoleBinding" && r.namespace === "") return { type: "binding", ref: { kind: "ClusterRoleBinding", name: r.name } };
      if (r.kind === "RoleBinding" && r.namespace) return { type: "binding", ref: { kind: "RoleBinding", name: r.name, namespace: r.namespace } };
      return undefined;
    }
    case "role": {
      const r = splitRef(rest);
      if (!r || !r.name) return undefined;
      if (r.kind === "ClusterRole" && r.namespace === "") return { type: "role", ref: { kind: "ClusterRole", name: r.name } };
      if (r.kind === "Role" && r.namespace) return { type: "role", ref: { kind: "Role", name: r.name, namespace: r.namespace } };
      return undefined;
    }
    case "namespace":
      return rest ? { type: "namespace", name: rest } : undefined;
    case "sa-in":
      return rest ? { type: "sa-in", namespace: rest } : undefined;
    case "bindings-of": {
      const c = rest.indexOf(":");
      if (c < 0) return undefined;
      const role = parseFocus(rest.slice(c + 1));
      return role?.type === "role" ? { type: "bindings-of", namespace: rest.slice(0, c), role: role.ref } : undefined;
    }
    default:
      return undefined;
  }
}

// ------------------------------------------------------------------------------------------------- building

/** What the builder needs to know about an identity row (lib/store GraphIdentityRow satisfies it). */
export interface GraphIdentityInput {
  id: IdentityId;
  kind: SubjectKind;
  name: string;
  namespace: string | null;
  riskLevel: RiskLevel;
  riskScore: number;
  builtIn: boolean;
}

export interface GraphBindingInput {
  kind: BindingRef["kind"];
  name: string;
  namespace: string | null;
  roleRef: { kind: "Role" | "ClusterRole"; name: string };
  subjects: SubjectRef[];
}

export interface GraphRoleInput {
  kind: "Role" | "ClusterRole";
  name: string;
  namespace: string | null;
  ruleCount: number;
  aggregated: boolean;
}

const IDENTITY_KIND: Record<SubjectKind, GraphNodeKind> = { User: "user", Group: "group", ServiceAccount: "serviceaccount" };

export function identityHref(id: IdentityId): string {
  return `/identities/${encodeURIComponent(id)}`;
}

/** The role a binding's roleRef resolves to: a Role in the binding's own namespace, or a ClusterRole by name. */
export function bindingRole(b: GraphBindingInput): RoleRefResolved {
  return b.roleRef.kind === "Role" ? { kind: "Role", name: b.roleRef.name, ...(b.namespace ? { namespace: b.namespace } : {}) } : { kind: "ClusterRole", name: b.roleRef.name };
}

/** Collects nodes and edges without duplicates; later, richer data for a node replaces a placeholder. */
export class GraphBuilder {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edges = new Map<string, GraphEdge>();
  readonly notes: string[] = [];

  constructor(private readonly focus: string) {}

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  get size(): number {
    return this.nodes.size + this.edges.size;
  }

  node(n: GraphNode): string {
    const old = this.nodes.get(n.id);
    // Placeholders (no detail yet) give way to full nodes; risk only ever goes up.
    if (!old) this.nodes.set(n.id, n);
    else this.nodes.set(n.id, { ...old, ...n, risk: maxRisk(old.risk, n.risk), expandable: old.expandable || n.expandable });
    return n.id;
  }

  edge(source: string, target: string, kind: GraphEdgeKind): void {
    const id = `${kind}|${source}|${target}`;
    if (!this.edges.has(id)) this.edges.set(id, { id, source, target, kind });
  }

  identity(i: GraphIdentityInput): string {
    const id = this.node({
      id: identityNodeId(i.id),
      kind: IDENTITY_KIND[i.kind],
      label: i.name,
      detail: i.kind === "ServiceAccount" ? `ServiceAccount · ${i.namespace ?? ""}` : i.kind,
      risk: i.riskLevel,
      builtIn: i.builtIn,
      href: identityHref(i.id),
      expandable: true,
    });
    if (i.kind === "ServiceAccount" && i.namespace) this.edge(id, this.namespace(i.namespace), "in-namespace");
    return id;
  }

  /** A subject named by a binding whose identity row is not at hand (still expandable by id). */
  subject(s: SubjectRef, bindingNamespace: string | null): string | undefined {
    const who = subjectIdentity(s, bindingNamespace ?? undefined);
    if (!who) return undefined;
    const id = identityNodeId(who.id);
    if (this.nodes.has(id)) return id;
    return this.node({
      id,
      kind: IDENTITY_KIND[who.kind],
      label: who.name,
      detail: who.kind === "ServiceAccount" ? `ServiceAccount · ${who.namespace ?? ""}` : who.kind,
      risk: "none",
      href: identityHref(who.id),
      expandable: true,
    });
  }

  namespace(ns: string, detail?: string): string {
    return this.node({ id: namespaceNodeId(ns), kind: "namespace", label: ns, detail: detail ?? "Namespace", risk: "none", href: `/identities?namespace=${encodeURIComponent(ns)}`, expandable: true });
  }

  role(r: GraphRoleInput | RoleRefResolved): string {
    const full = "ruleCount" in r;
    const ns = "ruleCount" in r ? r.namespace : (r.namespace ?? null);
    const id = this.node({
      id: roleNodeId({ kind: r.kind, name: r.name, namespace: ns }),
      kind: "role",
      label: r.name,
      detail: full ? `${r.kind}${r.aggregated ? " (aggregated)" : ""} · ${r.ruleCount} rule${r.ruleCount === 1 ? "" : "s"}` : r.kind,
      risk: "none",
      expandable: true,
    });
    if (r.kind === "Role" && ns) this.edge(id, this.namespace(ns), "in-namespace");
    return id;
  }

  /** A binding with its edges to its role and (RoleBinding) namespace; subjects are added by the caller. */
  binding(b: GraphBindingInput): string {
    const id = this.node({
      id: bindingNodeId(b),
      kind: "binding",
      label: b.name,
      detail: b.kind === "RoleBinding" ? `RoleBinding · ${b.namespace ?? ""}` : "ClusterRoleBinding",
      risk: "none",
      expandable: true,
    });
    this.edge(id, this.role(bindingRole(b)), "grants");
    if (b.kind === "RoleBinding" && b.namespace) this.edge(id, this.namespace(b.namespace), "in-namespace");
    return id;
  }

  /** A node standing for `count` objects, expanded by its id. */
  aggregate(id: string, label: string, detail: string, count: number, risk: RiskLevel = "none"): string {
    return this.node({ id, kind: "aggregate", label, detail, risk, count, expandable: true });
  }

  /** A non-expandable "+N more" node pointing at a page that lists them. */
  more(id: string, label: string, href?: string): string {
    return this.node({ id, kind: "more", label, risk: "none", expandable: false, ...(href ? { href } : {}) });
  }

  note(text: string): void {
    this.notes.push(text);
  }

  /** Colours bindings and roles by the worst finding (not by design) whose evidence runs through them. */
  applyEvidence(findings: readonly { severity: Severity; evidence: readonly Evidence[] }[]): void {
    for (const f of findings) {
      for (const e of f.evidence) {
        for (const id of [bindingNodeId(e.binding), roleNodeId(e.role)]) {
          const n = this.nodes.get(id);
          if (n && RISK_RANK[f.severity] > RISK_RANK[n.risk]) this.nodes.set(id, { ...n, risk: f.severity });
        }
      }
    }
  }

  build(): AccessGraph {
    const nodes = [...this.nodes.values()];
    const edges = [...this.edges.values()].filter((e) => this.nodes.has(e.source) && this.nodes.has(e.target));
    return { focus: this.focus, nodes, edges, notes: this.notes };
  }
}

/** Adds `items` one by one up to `limit`, and a "+N more" node for the rest. Returns the items drawn. */
export function takeWithMore<T>(b: GraphBuilder, items: readonly T[], total: number, limit: number, more: { id: string; label: (n: number) => string; href?: string; from?: string; kind?: GraphEdgeKind }): T[] {
  const drawn = items.slice(0, limit);
  const rest = total - drawn.length;
  if (rest > 0) {
    const id = b.more(more.id, more.label(rest), more.href);
    if (more.from) b.edge(id, more.from, more.kind ?? "contains");
  }
  return drawn;
}

// ------------------------------------------------------------------------------------------------- merging, filtering, Cytoscape

/** `a` plus the nodes and edges of `b` it does not have (a node present in both keeps the higher risk). */
export function mergeGraphs(a: AccessGraph, b: AccessGraph): AccessGraph {
  const nodes = new Map(a.nodes.map((n) => [n.id, n]));
  for (const n of b.nodes) {
    const old = nodes.get(n.id);
    nodes.set(n.id, old ? { ...old, ...n, risk: maxRisk(old.risk, n.risk), expandable: old.expandable && n.expandable } : n);
  }
  const edges = new Map(a.edges.map((e) => [e.id, e]));
  for (const e of b.edges) edges.set(e.id, e);
  return { focus: a.focus, nodes: [...nodes.values()], edges: [...edges.values()], notes: [...new Set([...a.notes, ...b.notes])] };
}

export interface GraphFilter {
  /** Node kinds to show (all when absent). */
  kinds?: ReadonlySet<GraphNodeKind>;
  /** Hide identities and groups below this level (roles, bindings and namespaces always stay). */
  minRisk?: RiskLevel;
  /** Hide Kubernetes' built-in identities. */
  hideBuiltIn?: boolean;
}

/** The nodes a filter keeps, and the edges between kept nodes. The focus node is always kept. */
export function filterGraph(g: AccessGraph, f: GraphFilter): AccessGraph {
  const min = RISK_RANK[f.minRisk ?? "none"];
  const keep = (n: GraphNode) => {
    if (n.id === g.focus) return true;
    if (f.kinds && !f.kinds.has(n.kind)) return false;
    const isIdentity = n.kind === "user" || n.kind === "serviceaccount" || n.kind === "group";
    if (isIdentity && RISK_RANK[n.risk] < min) return false;
    if (isIdentity && f.hideBuiltIn && n.builtIn) return false;
    return true;
  };
  const nodes = g.nodes.filter(keep);
  const ids = new Set(nodes.map((n) => n.id));
  return { ...g, nodes, edges: g.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
}

/** Node ids whose label or detail contains `query` (case-insensitive). */
export function searchGraph(g: AccessGraph, query: string): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  return g.nodes.filter((n) => n.label.toLowerCase().includes(q) || (n.detail ?? "").toLowerCase().includes(q)).map((n) => n.id);
}

/** Plain Cytoscape element definitions (no Cytoscape import: this module is shared with the server). */
export interface CyElement {
  group: "nodes" | "edges";
  data: Record<string, string | number | boolean>;
  classes: string;
}

export function toCytoscapeElements(g: AccessGraph): CyElement[] {
  const out: CyElement[] = [];
  for (const n of g.nodes) {
    const data: Record<string, string | number | boolean> = {
      id: n.id,
      label: n.detail ? `${n.label}\n${n.detail}` : n.label,
      name: n.label,
      kind: n.kind,
      risk: n.risk,
      expandable: n.expandable,
    };
    if (n.href) data.href = n.href;
    if (n.count !== undefined) data.count = n.count;
    const classes = [n.kind, `risk-${n.risk}`, n.builtIn ? "builtin" : "", n.id === g.focus ? "focus" : ""].filter(Boolean).join(" ");
    out.push({ group: "nodes", data, classes });
  }
  for (const e of g.edges) out.push({ group: "edges", data: { id: e.id, source: e.source, target: e.target, kind: e.kind }, classes: e.kind });
  return out;
}
