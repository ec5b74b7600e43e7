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

let nextProbeId = 0;

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
        out.push({
          id: nextProbeId++,
          verb,
          apiGroup: spec.apiGroup,
          resource,
          ...(subresource !== undefined ? { subresource } : {}),
          ...(name !== undefined ? { name } : {}),
          cluster: spec.cluster ?? false,
          ...(spec.namespace !== undefined ? { namespace: spec.namespace } : {}),
          label,
          attrs,
        });
      }
    }
  }
  return out;
}

/** Concatenates probe lists (readability helper for rule files). */
export function anyOf(...lists: Probe[][]): Probe[] {
  return lists.flat();
}

// Rule-level answers do not depend on scope, so they are memoized per PolicyRule object (grants of every identity bound
// to the same role share the role's rule objects) and per probe.
const memo = new WeakMap<PolicyRule, (boolean | undefined)[]>();

/** Whether the rule alone (ignoring scope) allows the probe's request: RuleAllows. */
export function ruleAllowsProbe(rule: PolicyRule, p: Probe): boolean {
  let answers = memo.get(rule);
  if (!answers) memo.set(rule, (answers = []));
  let v = answers[p.id];
  if (v === undefined) {
    v = ruleAllowsResource(rule, p.attrs);
    answers[p.id] = v;
  }
  return v;
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

/** Evidence for one grant from the probes it allows, or undefined if it allows none. */
export function evidenceFromGrant(grant: Grant, list: readonly Probe[]): Evidence | undefined {
  let hits: Probe[] | undefined;
  for (const p of list) {
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

/** Every grant that allows at least one probe, as evidence. */
export function evidenceFor(grants: readonly Grant[], list: readonly Probe[]): Evidence[] {
  const out: Evidence[] = [];
  for (const g of grants) {
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
