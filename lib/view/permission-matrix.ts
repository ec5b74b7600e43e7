import type { PolicyRule } from "@/lib/k8s/types";
import { builtInResource } from "@/lib/cli/api-resources";
import { apiGroupMatches, nonResourceURLMatches, resourceMatches, verbMatches } from "@/lib/rbac/matchers";
import type { Grant } from "@/lib/rbac/types";

/**
 * The identity drill-down's effective-permissions matrix: per scope (cluster-wide, then each namespace), resources ×
 * verbs, every cell listing the grants (binding → role → rule) that allow it. Pure.
 *
 * Cells follow the RBAC matchers (lib/rbac/matchers.ts), so a `*` verb, resource or API group in a rule fills every
 * cell it covers; the rows and extra verb columns are the ones the rules name. A rule restricted by `resourceNames`
 * fills its cells too, marked `restricted` (it allows only the named objects). Grants are listed in the scope they
 * were bound in: a ClusterRoleBinding's grants appear under "cluster-wide" (and apply in every namespace as well); a
 * RoleBinding's only under its namespace. Non-resource URLs are granted only by ClusterRoleBindings
 * (VisitRulesFor), so they appear only in the cluster-wide scope.
 */

/** The verbs every matrix shows as columns, in kubectl's order. */
export const STANDARD_VERBS = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"] as const;

export interface MatrixCell {
  /** Indices into the grants passed to {@link buildPermissionMatrix}, in order. */
  grants: number[];
  /** No allowing rule names this verb, resource and group literally: allowed only through a `*`. */
  wildcard: boolean;
  /** Every allowing rule lists resourceNames: only the named objects are allowed. */
  restricted: boolean;
  /** A permission Palisade's risk catalogue treats as dangerous (see {@link isDangerous}). */
  dangerous: boolean;
}

export interface MatrixRow {
  apiGroup: string;
  /** Resource as a rule names it, `resource` or `resource/subresource`, or `*`. */
  resource: string;
  /** `pods`, `deployments.apps`, `pods/exec`, `* (all resources)`, `pods (any API group)`. */
  label: string;
  /** The row itself is a wildcard (resource or API group `*`). */
  wildcard: boolean;
  /** Verb → cell, only for allowed verbs. */
  cells: Record<string, MatrixCell>;
}

export interface NonResourceRow {
  path: string;
  cells: Record<string, MatrixCell>;
}

export interface ScopeMatrix {
  /** null = cluster-wide. */
  namespace: string | null;
  verbs: string[];
  rows: MatrixRow[];
  nonResourceVerbs: string[];
  nonResource: NonResourceRow[];
  /** Grants bound in this scope. */
  grantCount: number;
}

const ALL = "*";
const DANGEROUS_VERBS = new Set(["*", "escalate", "bind", "impersonate", "approve", "sign"]);
const READ = ["get", "list", "watch"];
const WRITE = ["create", "update", "patch"];
/** resource (as a rule names it) → verbs that are dangerous on it; mirrors the headline rules of lib/rules. */
const DANGEROUS_CELLS: Record<string, readonly string[]> = {
  "*": ["*", ...READ, ...WRITE, "delete", "deletecollection"],
  secrets: READ,
  pods: ["create"],
  "pods/exec": ["create", "get"],
  "pods/attach": ["create", "get"],
  "pods/ephemeralcontainers": ["update", "patch"],
  "serviceaccounts/token": ["create"],
  "nodes/proxy": ["get", "create"],
  roles: WRITE,
  clusterroles: WRITE,
  rolebindings: WRITE,
  clusterrolebindings: WRITE,
  mutatingwebhookconfigurations: WRITE,
  validatingwebhookconfigurations: WRITE,
  certificatesigningrequests: ["create"],
  "certificatesigningrequests/approval": ["update", "patch"],
  deployments: WRITE,
  daemonsets: WRITE,
  statefulsets: WRITE,
  cronjobs: WRITE,
  jobs: WRITE,
  persistentvolumes: ["create"],
};

/** Whether a (verb, resource) cell is one the risk catalogue flags: `*`, escalate/bind/impersonate, reading secrets, creating pods, exec, token requests, RBAC and webhook writes… */
export function isDangerous(verb: string, resource: string): boolean {
  if (DANGEROUS_VERBS.has(verb)) return true;
  return DANGEROUS_CELLS[resource]?.includes(verb) ?? false;
}

function splitResource(resource: string): { base: string; sub: string } {
  const slash = resource.indexOf("/");
  return slash === -1 ? { base: resource, sub: "" } : { base: resource.slice(0, slash), sub: resource.slice(slash + 1) };
}

/** Row label: kubectl's RESOURCE[.GROUP][/SUBRESOURCE]. */
export function resourceLabel(apiGroup: string, resource: string): string {
  if (resource === ALL) return apiGroup === ALL ? "* (all resources, all API groups)" : `* (all resources${apiGroup ? ` in ${apiGroup}` : " in the core group"})`;
  const { base, sub } = splitResource(resource);
  if (apiGroup === ALL) return `${resource} (any API group)`;
  return `${base}${apiGroup ? `.${apiGroup}` : ""}${sub ? `/${sub}` : ""}`;
}

/**
 * The (apiGroup, resource) rows a rule names. Every listed group × resource pair is granted (that is how RBAC reads a
 * rule), but for a built-in resource whose own group is listed, pairs with the rule's other groups (`apps/pods` from
 * `apiGroups: ["", "apps"]`) name nothing real and are left out.
 */
function rowsOfRule(rule: PolicyRule): { apiGroup: string; resource: string }[] {
  const out: { apiGroup: string; resource: string }[] = [];
  for (const resource of rule.resources) {
    const known = resource === ALL || resource.startsWith("*/") ? undefined : builtInResource(splitResource(resource).base);
    const own = known && known.resource === splitResource(resource).base && rule.apiGroups.includes(known.apiGroup) ? known.apiGroup : undefined;
    for (const apiGroup of rule.apiGroups) {
      if (own !== undefined && apiGroup !== own && apiGroup !== ALL) continue;
      out.push({ apiGroup, resource });
    }
  }
  return out;
}

const stripNames = (rule: PolicyRule): PolicyRule => (rule.resourceNames.length ? { ...rule, resourceNames: [] } : rule);

function literal(rule: PolicyRule, verb: string, apiGroup: string, resource: string): boolean {
  return rule.verbs.includes(verb) && rule.apiGroups.includes(apiGroup) && rule.resources.includes(resource);
}

function orderVerbs(seen: Set<string>): string[] {
  const extra = [...seen].filter((v) => v !== ALL && !(STANDARD_VERBS as readonly string[]).includes(v)).sort();
  return [...STANDARD_VERBS, ...extra, ...(seen.has(ALL) ? [ALL] : [])];
}

function rowOrder(a: MatrixRow, b: MatrixRow): number {
  // Wildcard rows first (the broadest grants), then core group before named groups, then by resource.
  return Number(b.wildcard) - Number(a.wildcard) || (a.apiGroup === "" ? 0 : 1) - (b.apiGroup === "" ? 0 : 1) || a.apiGroup.localeCompare(b.apiGroup) || a.resource.localeCompare(b.resource);
}

/** Builds the matrix of each scope that has grants: cluster-wide first, then namespaces by name. */
export function buildPermissionMatrix(grants: readonly Grant[]): ScopeMatrix[] {
  const byScope = new Map<string | null, number[]>();
  grants.forEach((g, i) => {
    const list = byScope.get(g.namespace) ?? [];
    list.push(i);
    byScope.set(g.namespace, list);
  });
  const scopes = [...byScope.keys()].sort((a, b) => (a === null ? -1 : b === null ? 1 : a.localeCompare(b)));
  return scopes.map((namespace) => scopeMatrix(grants, namespace, byScope.get(namespace)!));
}

function scopeMatrix(grants: readonly Grant[], namespace: string | null, indices: number[]): ScopeMatrix {
  const verbsSeen = new Set<string>();
  const rowKeys = new Map<string, { apiGroup: string; resource: string }>();
  const urlVerbs = new Set<string>();
  const urls = new Set<string>();
  for (const i of indices) {
    const rule = grants[i]!.rule;
    if (rule.resources.length) {
      for (const v of rule.verbs) verbsSeen.add(v);
      for (const r of rowsOfRule(rule)) rowKeys.set(`${r.apiGroup}\u0000${r.resource}`, r);
    }
    if (namespace === null && rule.nonResourceURLs.length) {
      for (const v of rule.verbs) urlVerbs.add(v);
      for (const u of rule.nonResourceURLs) urls.add(u);
    }
  }
  const verbs = orderVerbs(verbsSeen);
  const rows: MatrixRow[] = [];
  for (const { apiGroup, resource } of rowKeys.values()) {
    const { sub } = splitResource(resource);
    const cells: Record<string, MatrixCell> = {};
    for (const verb of verbs) {
      const allowing = indices.filter((i) => {
        const rule = stripNames(grants[i]!.rule);
        return verbMatches(rule, verb) && apiGroupMatches(rule, apiGroup) && resourceMatches(rule, resource, resource === ALL ? "" : sub);
      });
      if (!allowing.length) continue;
      cells[verb] = {
        grants: allowing,
        wildcard: !allowing.some((i) => literal(grants[i]!.rule, verb, apiGroup, resource)),
        restricted: allowing.every((i) => grants[i]!.rule.resourceNames.length > 0),
        dangerous: isDangerous(verb, resource),
      };
    }
    rows.push({ apiGroup, resource, label: resourceLabel(apiGroup, resource), wildcard: resource === ALL || apiGroup === ALL, cells });
  }
  rows.sort(rowOrder);

  const nonResourceVerbs = namespace === null ? [...urlVerbs].sort((a, b) => (a === ALL ? 1 : b === ALL ? -1 : a.localeCompare(b))) : [];
  const nonResource: NonResourceRow[] = [...urls].sort().map((path) => {
    const cells: Record<string, MatrixCell> = {};
    for (const verb of nonResourceVerbs) {
      const allowing = indices.filter((i) => verbMatches(grants[i]!.rule, verb) && nonResourceURLMatches(grants[i]!.rule, path));
      if (!allowing.length) continue;
      cells[verb] = {
        grants: allowing,
        wildcard: !allowing.some((i) => grants[i]!.rule.verbs.includes(verb) && grants[i]!.rule.nonResourceURLs.includes(path)),
        restricted: false,
        dangerous: verb === ALL,
      };
    }
    return { path, cells };
  });
  return { namespace, verbs, rows, nonResourceVerbs, nonResource, grantCount: indices.length };
}
