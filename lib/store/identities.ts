// Server-side only; see lib/store/client.ts.
import type { PodSecuritySummary, PolicyRule, SubjectKind, SubjectRef, WorkloadKind } from "@/lib/k8s/types";
import type { BindingRef, Grant, IdentityId } from "@/lib/rbac/types";
import { getPrisma } from "./client";
import { toStoredFinding } from "./findings";
import { expandGrants, roleKeysOf, type GrantEntry } from "./grant-sets";
import type { IdentityDetail, IdentityListFilters, IdentityListRow, Page, RiskLevel, StoredBinding, StoredServiceAccount, StoredWorkload } from "./types";

const MAX_PAGE_SIZE = 500;
const WORKLOAD_LIMIT = 200;

const SORTS: Record<NonNullable<IdentityListFilters["sort"]>, string> = {
  score: "risk_score DESC, identity_id",
  name: "name, identity_id",
  findings: "finding_count DESC, risk_score DESC, identity_id",
  grants: "grant_count DESC, identity_id",
};

interface IdentityRowSql {
  identity_id: string;
  kind: SubjectKind;
  name: string;
  namespace: string | null;
  built_in: boolean;
  exists: boolean;
  risk_score: number;
  risk_level: RiskLevel;
  over_permissive: boolean;
  risk_reasons: string[] | null;
  finding_count: number;
  grant_count: number;
}

const LIST_COLUMNS = `identity_id, kind::text AS kind, name, namespace, built_in, "exists", risk_score, risk_level::text AS risk_level,
  over_permissive, risk_reasons, finding_count, grant_count`;

/**
 * One page of a snapshot's identities, filtered and sorted: two indexed queries run in parallel (page, total). Every filter is an index on (snapshot_id, column); `ruleId` is a semi-join on finding(snapshot_id, rule_id, identity_id).
 */
export async function listIdentities(snapshotId: number, filters: IdentityListFilters = {}): Promise<Page<IdentityListRow>> {
  const prisma = await getPrisma();
  const params: unknown[] = [snapshotId];
  const where = ["i.snapshot_id = $1"];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (filters.kind) add((p) => `i.kind = ${p}::"SubjectKind"`, filters.kind);
  if (filters.namespace) add((p) => `i.namespace = ${p}`, filters.namespace);
  if (filters.level !== undefined) {
    const levels = Array.isArray(filters.level) ? filters.level : [filters.level];
    add((p) => `i.risk_level = ANY(${p}::"RiskLevel"[])`, levels);
  }
  if (filters.builtIn !== undefined) add((p) => `i.built_in = ${p}`, filters.builtIn);
  if (filters.overPermissive !== undefined) add((p) => `i.over_permissive = ${p}`, filters.overPermissive);
  if (filters.q?.trim()) add((p) => `i.identity_id ILIKE ${p} ESCAPE '\\'`, `%${escapeLike(filters.q.trim())}%`);
  if (filters.ruleId) {
    add((p) => `EXISTS (SELECT 1 FROM finding f WHERE f.snapshot_id = i.snapshot_id AND f.rule_id = ${p} AND f.identity_id = i.identity_id)`, filters.ruleId);
  }
  const { page, pageSize } = paging(filters.page, filters.pageSize);
  const order = SORTS[filters.sort ?? "score"] ?? SORTS.score;
  const whereSql = where.join(" AND ");
  // Rows come off the (snapshot_id, <sort>) index with LIMIT; the total is a separate count run alongside — or, with
  // no filter, the identity count stored on the snapshot row.
  const [rows, total] = await Promise.all([
    prisma.$queryRawUnsafe<IdentityRowSql[]>(
      `SELECT ${LIST_COLUMNS} FROM identity i WHERE ${whereSql} ORDER BY ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      ...params,
    ),
    where.length === 1
      ? prisma.snapshot.findUnique({ where: { id: snapshotId }, select: { counts: true } }).then((s) => Number((s?.counts as Record<string, number> | undefined)?.identities ?? 0))
      : prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM identity i WHERE ${whereSql}`, ...params).then((r) => Number(r[0]?.n ?? 0)),
  ]);
  return { rows: rows.map(toListRow), total, page, pageSize };
}

/**
 * Identity drill-down: the identity, its effective grants with provenance, its findings, the bindings behind its
 * grants, and the workloads running as it. Seven indexed queries in three round trips; null when absent.
 */
export async function getIdentity(snapshotId: number, identityId: IdentityId, options: { workloadLimit?: number } = {}): Promise<IdentityDetail | null> {
  const prisma = await getPrisma();
  const identity = await prisma.identity.findUnique({ where: { snapshotId_identityId: { snapshotId, identityId } } });
  if (!identity) return null;
  const workloadLimit = Math.min(Math.max(options.workloadLimit ?? WORKLOAD_LIMIT, 0), 5_000);
  const saWhere = identity.kind === "ServiceAccount" && identity.namespace ? { snapshotId, namespace: identity.namespace, serviceAccount: identity.name } : null;

  const [sets, findings, workloads, workloadTotal] = await Promise.all([
    identity.grantKeys.length ? prisma.grantSet.findMany({ where: { snapshotId, key: { in: identity.grantKeys } } }) : Promise.resolve([]),
    prisma.finding.findMany({ where: { snapshotId, identityId }, orderBy: [{ severity: "asc" }, { ruleId: "asc" }, { id: "asc" }] }),
    saWhere && workloadLimit > 0 ? prisma.workload.findMany({ where: saWhere, orderBy: [{ name: "asc" }, { kind: "asc" }], take: workloadLimit }) : Promise.resolve([]),
    saWhere ? prisma.workload.count({ where: saWhere }) : Promise.resolve(0),
  ]);

  const setByKey = new Map(sets.map((s) => [s.key, { via: s.via as unknown as SubjectRef, entries: s.entries as unknown as GrantEntry[] }]));
  const roleKeys = [...new Set(sets.flatMap((s) => roleKeysOf(s.entries as unknown as GrantEntry[])))];
  const bindingRefs = identity.bindingRefs as unknown as BindingRef[];
  const [ruleRows, bindings] = await Promise.all([
    roleKeys.length ? prisma.roleRules.findMany({ where: { snapshotId, roleKey: { in: roleKeys } } }) : Promise.resolve([]),
    loadBindings(snapshotId, [
      ...bindingRefs,
      ...identity.grantKeys.flatMap((k) => (setByKey.get(k)?.entries ?? []).map((e) => ("grant" in e ? e.grant.binding : e.binding))),
    ]),
  ]);
  const rulesByRole = new Map(ruleRows.map((r) => [r.roleKey, r.rules as unknown as PolicyRule[]]));
  const grants: Grant[] = identity.grantKeys.flatMap((k) => {
    const set = setByKey.get(k);
    return set ? expandGrants(set.entries, set.via, rulesByRole) : [];
  });

  return {
    ...toListRow({
      identity_id: identity.identityId,
      kind: identity.kind,
      name: identity.name,
      namespace: identity.namespace,
      built_in: identity.builtIn,
      exists: identity.exists,
      risk_score: identity.riskScore,
      risk_level: identity.riskLevel,
      over_permissive: identity.overPermissive,
      risk_reasons: identity.riskReasons,
      finding_count: identity.findingCount,
      grant_count: identity.grantCount,
    }),
    username: identity.username,
    groups: identity.groups,
    bindingRefs,
    serviceAccount: (identity.serviceAccount as unknown as StoredServiceAccount | null) ?? null,
    grants,
    findings: findings.map(toStoredFinding),
    bindings,
    workloads: workloads.map(
      (w): StoredWorkload => ({
        kind: w.kind as WorkloadKind,
        name: w.name,
        namespace: w.namespace,
        serviceAccount: w.serviceAccount,
        nodeName: w.nodeName,
        owner: (w.owner as { kind: string; name: string } | null) ?? null,
        security: w.security as unknown as PodSecuritySummary,
        labels: w.labels as Record<string, string>,
      }),
    ),
    workloadTotal,
  };
}

/** The bindings named by `refs`, deduplicated, in the order of their first reference. One query. */
async function loadBindings(snapshotId: number, refs: BindingRef[]): Promise<StoredBinding[]> {
  const clusterNames = new Set<string>();
  const namespaced = new Map<string, { namespace: string; name: string }>();
  const position = new Map<string, number>();
  for (const r of refs) {
    const key = `${r.kind}/${r.namespace ?? ""}/${r.name}`;
    if (!position.has(key)) position.set(key, position.size);
    if (r.kind === "ClusterRoleBinding") clusterNames.add(r.name);
    else if (r.namespace !== undefined) namespaced.set(`${r.namespace}/${r.name}`, { namespace: r.namespace, name: r.name });
  }
  if (!clusterNames.size && !namespaced.size) return [];
  const prisma = await getPrisma();
  const nsList = [...namespaced.values()];
  const rows = await prisma.$queryRawUnsafe<
    { kind: StoredBinding["kind"]; name: string; namespace: string | null; role_kind: "Role" | "ClusterRole"; role_name: string; subjects: SubjectRef[]; labels: Record<string, string>; annotations: Record<string, string> }[]
  >(
    `SELECT kind::text AS kind, name, namespace, role_kind::text AS role_kind, role_name, subjects, labels, annotations
       FROM binding b
      WHERE b.snapshot_id = $1
        AND ((b.kind = 'ClusterRoleBinding' AND b.namespace IS NULL AND b.name = ANY($2::text[]))
          OR (b.kind = 'RoleBinding' AND (b.namespace, b.name) IN (SELECT * FROM unnest($3::text[], $4::text[]))))
      ORDER BY b.id`,
    snapshotId,
    [...clusterNames],
    nsList.map((r) => r.namespace),
    nsList.map((r) => r.name),
  );
  const at = (b: { kind: string; namespace: string | null; name: string }) => position.get(`${b.kind}/${b.namespace ?? ""}/${b.name}`) ?? position.size;
  rows.sort((a, b) => at(a) - at(b));
  return rows.map((b) => ({
    kind: b.kind,
    name: b.name,
    namespace: b.namespace,
    roleRef: { kind: b.role_kind, name: b.role_name },
    subjects: b.subjects,
    labels: b.labels,
    annotations: b.annotations,
  }));
}

function toListRow(r: IdentityRowSql): IdentityListRow {
  return {
    id: r.identity_id,
    kind: r.kind,
    name: r.name,
    namespace: r.namespace,
    builtIn: r.built_in,
    exists: r.exists,
    riskScore: r.risk_score,
    riskLevel: r.risk_level,
    overPermissive: r.over_permissive,
    riskReasons: r.risk_reasons ?? [],
    findingCount: r.finding_count,
    grantCount: r.grant_count,
  };
}

export function paging(page: number | undefined, pageSize: number | undefined): { page: number; pageSize: number } {
  const size = Number.isInteger(pageSize) && pageSize! > 0 ? Math.min(pageSize!, MAX_PAGE_SIZE) : 50;
  const p = Number.isInteger(page) && page! > 0 ? page! : 1;
  return { page: p, pageSize: size };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export { toListRow as identityRowToListRow };
export type { IdentityRowSql };
