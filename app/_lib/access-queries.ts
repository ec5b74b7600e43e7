// Server-side only: who-can and can-i on a stored snapshot (the who-can page and GET /api/who-can, /api/can-i).
import type { PolicyRule, SubjectKind } from "@/lib/k8s/types";
import { UsageError } from "@/lib/cli/context";
import { describeRequest, parseRequest } from "@/lib/cli/request";
import { canI, implicitGroupsFor, subjectIdentity, whoCan } from "@/lib/rbac";
import type { Analysis, BindingRef, IdentityId, RequestAttributes, RoleRefResolved } from "@/lib/rbac/types";
import type { CanIQuery, WhoCanQuery } from "@/lib/schemas/who-can";
import { getSnapshotAnalysis } from "@/lib/store/analysis";
import { listIdentitiesByIds } from "@/lib/store/lookups";
import type { IdentityListRow } from "@/lib/store";
import { ruleYaml } from "@/lib/view/rule-yaml";

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

export interface ProvenanceView {
  binding: BindingRef;
  role: RoleRefResolved;
  ruleIndex: number;
  /** The rule as YAML (null if the role cannot be found, which the engine never reports). */
  rule: string | null;
}

export interface WhoCanSubjectView {
  kind: SubjectKind;
  name: string;
  namespace?: string;
  /** The identity the subject stands for (a `system:serviceaccount:…` User is that service account). */
  identityId: IdentityId | null;
  /** Its stored row (risk, built-in), when it is an identity of the snapshot. */
  identity: IdentityListRow | null;
  via: ProvenanceView[];
}

export interface WhoCanResult {
  request: RequestAttributes;
  description: string;
  subjects: WhoCanSubjectView[];
}

export interface CanIResultView {
  request: RequestAttributes;
  description: string;
  user: string;
  /** Implicit groups plus the ones asked for. */
  groups: string[];
  allowed: boolean;
  reason?: string;
  via: ProvenanceView[];
}

/** The request the query describes, resolved like the CLI resolves `VERB RESOURCE[/SUB]` (lib/cli/request.ts). */
export function requestFromQuery(q: WhoCanQuery | CanIQuery): Outcome<RequestAttributes> {
  if (!q.verb) return { ok: false, error: "verb is required (e.g. get, create, *)" };
  if (q.path !== undefined && (q.resource !== undefined || q.subresource !== undefined)) return { ok: false, error: "give either a resource or a non-resource URL (path), not both" };
  if (q.path === undefined && q.resource === undefined) return { ok: false, error: "resource is required (e.g. secrets, pods/exec, deployments.apps), or a non-resource URL in path" };
  let resourceArg = q.resource;
  if (resourceArg !== undefined && q.subresource !== undefined) {
    if (resourceArg.includes("/")) return { ok: false, error: `resource "${resourceArg}" already names a subresource; leave subresource empty` };
    resourceArg = `${resourceArg}/${q.subresource}`;
  }
  const apiGroup = q.apiGroup === "core" ? "" : q.apiGroup;
  try {
    return {
      ok: true,
      value: parseRequest(q.verb, resourceArg, {
        ...(q.path !== undefined ? { path: q.path } : {}),
        ...(q.namespace !== undefined ? { namespace: q.namespace } : {}),
        ...(q.name !== undefined ? { name: q.name } : {}),
        ...(apiGroup !== undefined ? { apiGroup } : {}),
      }),
    };
  } catch (e) {
    if (e instanceof UsageError) return { ok: false, error: e.message.replace(/--api-group/g, "API group").replace(/--namespace/g, "namespace").replace(/--name/g, "name").replace(/--path/g, "path") };
    throw e;
  }
}

const ruleIndexes = new WeakMap<Analysis, Map<string, PolicyRule[]>>();

/** The rules a provenance entry's role resolved to (a ClusterRole's after aggregation). */
function rulesOf(analysis: Analysis, role: RoleRefResolved): PolicyRule[] | undefined {
  if (role.kind === "ClusterRole") return analysis.clusterRoles.get(role.name)?.rules;
  let index = ruleIndexes.get(analysis);
  if (!index) {
    index = new Map(analysis.inventory.roles.map((r) => [`${r.namespace}/${r.name}`, r.rules]));
    ruleIndexes.set(analysis, index);
  }
  return index.get(`${role.namespace ?? ""}/${role.name}`);
}

function provenanceViews(analysis: Analysis, via: readonly { binding: BindingRef; role: RoleRefResolved; ruleIndex: number }[]): ProvenanceView[] {
  return via.map((p) => {
    const rule = rulesOf(analysis, p.role)?.[p.ruleIndex];
    return { binding: p.binding, role: p.role, ruleIndex: p.ruleIndex, rule: rule ? ruleYaml(rule) : null };
  });
}

/** Who can make the request in the snapshot: every subject a binding allows, with binding → role → rule. */
export async function runWhoCan(snapshotId: number, q: WhoCanQuery): Promise<Outcome<WhoCanResult>> {
  const req = requestFromQuery(q);
  if (!req.ok) return req;
  const analysis = await getSnapshotAnalysis(snapshotId);
  if (!analysis) return { ok: false, error: `snapshot ${snapshotId} does not exist` };
  const subjects = whoCan(analysis, req.value);
  const ids = subjects.map((s) => subjectIdentity(s, s.namespace)?.id ?? null);
  const rows = new Map((await listIdentitiesByIds(snapshotId, ids.filter((i): i is string => i !== null))).map((r) => [r.id, r]));
  return {
    ok: true,
    value: {
      request: req.value,
      description: describeRequest(req.value),
      subjects: subjects.map((s, i) => ({
        kind: s.kind,
        name: s.name,
        ...(s.namespace ? { namespace: s.namespace } : {}),
        identityId: ids[i] ?? null,
        identity: ids[i] ? (rows.get(ids[i]) ?? null) : null,
        via: provenanceViews(analysis, s.via),
      })),
    },
  };
}

/** Whether `user` (with its implicit groups plus `group`s) may make the request, as the RBAC authorizer decides. */
export async function runCanI(snapshotId: number, q: CanIQuery): Promise<Outcome<CanIResultView>> {
  if (!q.user) return { ok: false, error: "user is required (a user name, or system:serviceaccount:NAMESPACE:NAME)" };
  const req = requestFromQuery(q);
  if (!req.ok) return req;
  const analysis = await getSnapshotAnalysis(snapshotId);
  if (!analysis) return { ok: false, error: `snapshot ${snapshotId} does not exist` };
  const groups = [...new Set([...implicitGroupsFor(q.user), ...(q.group ?? [])])];
  const res = canI(analysis, q.user, groups, req.value);
  return {
    ok: true,
    value: {
      request: req.value,
      description: describeRequest(req.value),
      user: q.user,
      groups,
      allowed: res.allowed,
      ...(res.reason ? { reason: res.reason } : {}),
      via: provenanceViews(analysis, res.via),
    },
  };
}
