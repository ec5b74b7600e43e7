/**
 * Probes: the API requests a rule asks about, tested against grants with the engine's own matchers
 * (lib/rbac ruleAllowsResource + grantAllows), so wildcards, the '' core group, `*\/subresource` and resourceNames
 * behave exactly as in Kubernetes. Rules never compare rule fields themselves.
 *
 * resourceNames: a probe without `name` is a nameless request (list, watch, create, deletecollection, or "any
 * object"), which a name-restricted rule never allows. So by default a grant limited to resourceNames does not count;
 * rules that care about particular objects (coredns, aws-auth, leader-election leases, signers) probe those names.
 */
import type { PolicyRule } from "@/lib/k8s/types";
import { grantAllows, ruleAllowsResource } from "@/lib/rbac";
import type { Grant, ResourceAttributes } from "@/lib/rbac/types";
import type { Evidence } from "../types";

export interface Probe {
  /** Dense id, used to memoize per-rule answers. */
  readonly id: number;
  readonly verb: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource?: string;
  readonly name?: string;
  /**
   * Cluster-scoped request (nodes, clusterroles, CSRs, impersonating users…): the request carries no namespace, so only
   * cluster-wide grants can allow it — a RoleBinding never grants cluster-scoped access.
   */
  readonly cluster: boolean;
  /** A fixed namespace (e.g. kube-system). Otherwise a namespaced probe is asked in the grant's own scope. */
  readonly namespace?: string;
  /** `resource` or `resource/subresource`, as reported in evidence. */
  readonly label: string;
  readonly attrs: ResourceAttributes;
}

/** Every probe ever built, indexed by id. */
const registry: Probe[] = [];
/** Candidate index: `apiGroup \0 resource` → probes, and `apiGroup` → probes. Only narrows; the engine decides. */
const byGroupResource = new Map<string, Probe[]>();
const byGroup = new Map<string, Probe[]>();

/** Every registered probe (all rule modules register theirs at load time). */
export function allProbes(): readonly Probe[] {
  return registry;
}

function register(p: Probe): void {
  registry.push(p);
  pushTo(byGroupResource, `${p.apiGroup}\u0000${p.resource}`, p);
  pushTo(byGroup, p.apiGroup, p);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface ProbeSpec {
  verbs: readonly string[];
  apiGroup: string;
  /** `resource` or `resource/subresource`. */
  resources: readonly string[];
  cluster?: boolean;
  namespace?: string;
  /** Probe these object names; `undefined` in the list means a nameless request. Default: nameless only. */
  names?: readonly (string | undefined)[];
}

/** Builds the cross product of verbs × resources × names. Call at module load so ids stay dense and stable. */
export function probes(spec: ProbeSpec): Probe[] {
  const out: Probe[] = [];
  const names = spec.names ?? [undefined];
  for (const verb of spec.verbs) {
    for (const label of spec.resources) {
      const slash = label.indexOf("/");
      const resource = slash < 0 ? label : label.slice(0, slash);
      const subresource = slash < 0 ? undefined : label.slice(slash + 1);
      for (const name of names) {
        const attrs: ResourceAttributes = {
          verb,
          apiGroup: spec.apiGroup,
          resource,
          ...(subresource !== undefined ? { subresource } : {}),
          ...(name !== undefined ? { name } : {}),
        };
        const p: Probe = {
          id: registry.length,
          verb,
          apiGroup: spec.apiGroup,
          resource,
          ...(subresource !== undefined ? { subresource } : {}),
          ...(name !== undefined ? { name } : {}),
          cluster: spec.cluster ?? false,
          ...(spec.namespace !== undefined ? { namespace: spec.namespace } : {}),
          label,
          attrs,
        };
        register(p);
        out.push(p);
      }
    }
  }
  return out;
}

/** Concatenates probe lists (readability helper for rule files). */
export function anyOf(...lists: Probe[][]): Probe[] {
  return lists.flat();
}

/**
 * Which registered probes a PolicyRule allows, ignoring scope (RuleAllows), computed once per rule object — grants of
 * every identity bound to the same role share its rule objects. Candidates come from the index: a probe can only match
 * if the rule lists its API group (or `*`) and its resource (or a `*`/`*\/sub` pattern); `ruleAllowsResource` decides.
 */
interface RuleProbes {
  /** Registry size when computed; probes registered later trigger a recompute. */
  upTo: number;
  allowed: Uint8Array;
  ids: number[];
}

const ruleProbes = new WeakMap<PolicyRule, RuleProbes>();

function candidates(rule: PolicyRule): Iterable<Probe> {
  if (rule.resources.length === 0) return [];
  const groups = rule.apiGroups.includes("*") ? [...byGroup.keys()] : rule.apiGroups;
  const wildcardResource = rule.resources.some((r) => r === "*" || r.startsWith("*/"));
  const out = new Set<Probe>();
  for (const g of groups) {
    if (wildcardResource) {
      for (const p of byGroup.get(g) ?? []) out.add(p);
      continue;
    }
    for (const r of rule.resources) {
      const slash = r.indexOf("/");
      for (const p of byGroupResource.get(`${g}\u0000${slash < 0 ? r : r.slice(0, slash)}`) ?? []) out.add(p);
    }
  }
  return out;
}

function probesOf(rule: PolicyRule): RuleProbes {
  let info = ruleProbes.get(rule);
  if (!info || info.upTo !== registry.length) {
    const allowed = new Uint8Array(registry.length);
    const ids: number[] = [];
    for (const p of candidates(rule)) {
      if (ruleAllowsResource(rule, p.attrs)) {
        allowed[p.id] = 1;
        ids.push(p.id);
      }
    }
    info = { upTo: registry.length, allowed, ids: ids.sort((a, b) => a - b) };
    ruleProbes.set(rule, info);
  }
  return info;
}

/** Whether the rule alone (ignoring scope) allows the probe's request: RuleAllows. */
export function ruleAllowsProbe(rule: PolicyRule, p: Probe): boolean {
  return probesOf(rule).allowed[p.id] === 1;
}

/** Whether the rule allows any registered probe at all (most rules of a large cluster allow none). */
export function ruleAllowsAnyProbe(rule: PolicyRule): boolean {
  return probesOf(rule).ids.length > 0;
}

/** The namespace the probe's request is made in, for this grant: fixed, the grant's own, or none (cluster-scoped). */
function requestNamespace(p: Probe, grant: Grant): string | undefined {
  if (p.cluster) return undefined;
  if (p.namespace !== undefined) return p.namespace;
  return grant.namespace ?? undefined;
}

/** Whether the grant (rule AND scope) allows the probe's request: the engine's grantAllows. */
export function grantAllowsProbe(grant: Grant, p: Probe): boolean {
  if (!ruleAllowsProbe(grant.rule, p)) return false;
  const ns = requestNamespace(p, grant);
  return grantAllows(grant, { type: "resource", ...p.attrs, ...(ns !== undefined ? { namespace: ns } : {}) });
}

// Evidence → the grant it was built from, so the runner can judge by-design without widening the Evidence type.
const evidenceGrants = new WeakMap<Evidence, Grant>();

/** The grant an evidence item was built from (undefined for evidence not built by these helpers). */
export function grantOf(e: Evidence): Grant | undefined {
  return evidenceGrants.get(e);
}

function uniq(values: string[]): string[] {
  return values.length <= 1 ? values : [...new Set(values)];
}

/** Membership bitmaps of probe lists (lists are module constants, so this is computed once per list). */
const listBits = new WeakMap<readonly Probe[], { upTo: number; bits: Uint8Array }>();

function bitsOf(list: readonly Probe[]): Uint8Array {
  let entry = listBits.get(list);
  if (!entry || entry.upTo !== registry.length) {
    const bits = new Uint8Array(registry.length);
    for (const p of list) bits[p.id] = 1;
    entry = { upTo: registry.length, bits };
    listBits.set(list, entry);
  }
  return entry.bits;
}

/** Evidence for one grant from the probes of `list` it allows (rule and scope), or undefined if it allows none. */
export function evidenceFromGrant(grant: Grant, list: readonly Probe[]): Evidence | undefined {
  const { ids } = probesOf(grant.rule);
  if (ids.length === 0) return undefined;
  const inList = bitsOf(list);
  let hits: Probe[] | undefined;
  for (const id of ids) {
    if (inList[id] !== 1) continue;
    const p = registry[id]!;
    if (grantAllowsProbe(grant, p)) (hits ??= []).push(p);
  }
  if (!hits) return undefined;
  const e: Evidence = {
    binding: grant.binding,
    role: grant.role,
    ruleIndex: grant.ruleIndex,
    namespace: grant.namespace,
    via: grant.via,
    verbs: uniq(hits.map((p) => p.verb)),
    apiGroups: uniq(hits.map((p) => p.apiGroup)),
    resources: uniq(hits.map((p) => p.label)),
  };
  evidenceGrants.set(e, grant);
  return e;
}

/** Evidence for a whole grant (the rule's own verbs and resources), for rules about who holds a grant at all. */
export function evidenceForWholeGrant(grant: Grant): Evidence {
  const r = grant.rule;
  const e: Evidence = {
    binding: grant.binding,
    role: grant.role,
    ruleIndex: grant.ruleIndex,
    namespace: grant.namespace,
    via: grant.via,
    verbs: [...r.verbs],
    apiGroups: [...r.apiGroups],
    resources: r.resources.length > 0 ? [...r.resources] : [...r.nonResourceURLs],
  };
  evidenceGrants.set(e, grant);
  return e;
}

// The grants of an identity that allow any probe at all, computed once per grants array (the runner passes the same
// array to every rule of an identity), so each rule scans a handful of grants instead of hundreds.
const probedGrants = new WeakMap<readonly Grant[], Grant[]>();

function grantsAllowingProbes(grants: readonly Grant[]): readonly Grant[] {
  let subset = probedGrants.get(grants);
  if (!subset) {
    subset = grants.filter((g) => ruleAllowsAnyProbe(g.rule));
    probedGrants.set(grants, subset);
  }
  return subset;
}

/** Every grant that allows at least one probe, as evidence. */
export function evidenceFor(grants: readonly Grant[], list: readonly Probe[]): Evidence[] {
  const out: Evidence[] = [];
  for (const g of grantsAllowingProbes(grants)) {
    const e = evidenceFromGrant(g, list);
    if (e) out.push(e);
  }
  return out;
}

/** Groups evidence by grant scope (namespace, or null for cluster-wide), cluster-wide first. */
export function byScope(evidence: readonly Evidence[]): Map<string | null, Evidence[]> {
  const map = new Map<string | null, Evidence[]>();
  for (const e of evidence) if (e.namespace === null) push(map, null, e);
  for (const e of evidence) if (e.namespace !== null) push(map, e.namespace, e);
  return map;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Whether any evidence item allows the given verb (or resource label). */
export function evidenceHas(evidence: readonly Evidence[], what: { verb?: string; resource?: string }): boolean {
  return evidence.some((e) => (what.verb === undefined || e.verbs.includes(what.verb)) && (what.resource === undefined || e.resources.includes(what.resource)));
}
