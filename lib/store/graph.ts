// Server-side only; see lib/store/client.ts.
//
// Reads behind the access graph (app/graph, GET /api/graph). Each returns at most `limit` rows plus the total, so a
// neighbourhood request stays small however large the snapshot is; the view layer (lib/view/access-graph.ts)
// aggregates what does not fit.
import type { SubjectRef } from "@/lib/k8s/types";
import type { BindingRef, IdentityId, RoleRefResolved } from "@/lib/rbac/types";
import type { Evidence } from "@/lib/rules/types";
import { getPrisma } from "./client";
import { identityRowToListRow, type IdentityRowSql } from "./identities";
import type { IdentityListRow, Severity, StoredBinding } from "./types";

export interface GraphIdentityRow extends IdentityListRow {
  /** Implicit groups (lib/rbac Identity.groups). */
  groups: string[];
  /** Bindings naming the identity directly. */
  bindingRefs: BindingRef[];
}

export interface GraphRoleRow {
  kind: "Role" | "ClusterRole";
  name: string;
  namespace: string | null;
  /** Rules as written (an aggregated ClusterRole's own list may be empty). */
  ruleCount: number;
  aggregated: boolean;
}

export interface Limited<T> {
  rows: T[];
  total: number;
}

const IDENTITY_COLUMNS = `identity_id, kind::text AS kind, name, namespace, built_in, "exists", risk_score, risk_level::text AS risk_level,
  over_permissive, risk_reasons, finding_count, grant_count, groups, binding_refs`;

type GraphIdentitySql = IdentityRowSql & { groups: string[] | null; binding_refs: BindingRef[] | null };

function toGraphIdentity(r: GraphIdentitySql): GraphIdentityRow {
  return { ...identityRowToListRow(r), groups: r.groups ?? [], bindingRefs: r.binding_refs ?? [] };
}

interface BindingSql {
  kind: StoredBinding["kind"];
  name: string;
  namespace: string | null;
  role_kind: "Role" | "ClusterRole";
  role_name: string;
  subjects: SubjectRef[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

const BINDING_COLUMNS = `kind::text AS kind, name, namespace, role_kind::text AS role_kind, role_name, subjects, labels, annotations`;

function toBinding(b: BindingSql): StoredBinding {
  return { kind: b.kind, name: b.name, namespace: b.namespace, roleRef: { kind: b.role_kind, name: b.role_name }, subjects: b.subjects ?? [], labels: b.labels ?? {}, annotations: b.annotations ?? {} };
}

const clampLimit = (limit: number | undefined, fallback: number) => Math.min(Math.max(Math.trunc(limit ?? fallback), 0), 5_000);

/** Identities by id, with their groups and direct binding references. One query on the primary key. */
export async function listGraphIdentities(snapshotId: number, ids: readonly IdentityId[]): Promise<GraphIdentityRow[]> {
  if (ids.length === 0) return [];
  const prisma = await getPrisma();
  const rows = await prisma.$queryRawUnsafe<GraphIdentitySql[]>(
    `SELECT ${IDENTITY_COLUMNS} FROM identity WHERE snapshot_id = $1 AND identity_id = ANY($2::text[]) ORDER BY identity_id`,
    snapshotId,
    [...new Set(ids)],
  );
  return rows.map(toGraphIdentity);
}

/** The bindings named by `refs` that exist in the snapshot (in no particular order). One query. */
export async function listBindingsByRefs(snapshotId: number, refs: readonly BindingRef[]): Promise<StoredBinding[]> {
  const cluster = new Set<string>();
  const namespaced = new Map<string, { namespace: string; name: string }>();
  for (const r of refs) {
    if (r.kind === "ClusterRoleBinding") cluster.add(r.name);
    else if (r.namespace !== undefined) namespaced.set(`${r.namespace}/${r.name}`, { namespace: r.namespace, name: r.name });
  }
  if (!cluster.size && !namespaced.size) return [];
  const prisma = await getPrisma();
  const ns = [...namespaced.values()];
  const rows = await prisma.$queryRawUnsafe<BindingSql[]>(
    `SELECT ${BINDING_COLUMNS} FROM binding b
      WHERE b.snapshot_id = $1
        AND ((b.kind = 'ClusterRoleBinding' AND b.name = ANY($2::text[]))
          OR (b.kind = 'RoleBinding' AND (b.namespace, b.name) IN (SELECT * FROM unnest($3::text[], $4::text[]))))
      ORDER BY b.kind, b.namespace NULLS FIRST, b.name`,
    snapshotId,
    [...cluster],
    ns.map((r) => r.namespace),
    ns.map((r) => r.name),
  );
  return rows.map(toBinding);
}

/**
 * Bindings whose roleRef names `role`: for a Role, the RoleBindings of its namespace; for a ClusterRole, every
 * RoleBinding and ClusterRoleBinding referencing it by name — or only those in `namespace` when given (`""` means
 * ClusterRoleBindings only). At most `limit` rows (default 100) plus the total and the count per namespace.
 */
export async function listBindingsOfRole(
  snapshotId: number,
  role: RoleRefResolved,
  options: { namespace?: string; limit?: number } = {},
): Promise<Limited<StoredBinding> & { byNamespace: { namespace: string | null; count: number }[] }> {
  const prisma = await getPrisma();
  const params: unknown[] = [snapshotId, role.kind, role.name];
  let where = `b.snapshot_id = $1 AND b.role_kind = $2::"RoleKind" AND b.role_name = $3`;
  if (role.kind === "Role") {
    params.push(role.namespace ?? "");
    where += ` AND b.kind = 'RoleBinding' AND b.namespace = $${params.length}`;
  } else if (options.namespace !== undefined) {
    if (options.namespace === "") where += ` AND b.namespace IS NULL`;
    else {
      params.push(options.namespace);
      where += ` AND b.namespace = $${params.length}`;
    }
  }
  const limit = clampLimit(options.limit, 100);
  const [rows, counts] = await Promise.all([
    prisma.$queryRawUnsafe<BindingSql[]>(`SELECT ${BINDING_COLUMNS} FROM binding b WHERE ${where} ORDER BY b.namespace NULLS FIRST, b.name LIMIT ${limit}`, ...params),
    prisma.$queryRawUnsafe<{ namespace: string | null; n: bigint }[]>(`SELECT b.namespace, count(*) AS n FROM binding b WHERE ${where} GROUP BY b.namespace ORDER BY b.namespace NULLS FIRST`, ...params),
  ]);
  const byNamespace = counts.map((c) => ({ namespace: c.namespace, count: Number(c.n) }));
  return { rows: rows.map(toBinding), total: byNamespace.reduce((n, c) => n + c.count, 0), byNamespace };
}

/** RoleBindings of a namespace (at most `limit`, default 100), with the total. */
export async function listBindingsInNamespace(snapshotId: number, namespace: string, options: { limit?: number } = {}): Promise<Limited<StoredBinding>> {
  const prisma = await getPrisma();
  const limit = clampLimit(options.limit, 100);
  const [rows, total] = await Promise.all([
    prisma.$queryRawUnsafe<BindingSql[]>(
      `SELECT ${BINDING_COLUMNS} FROM binding b WHERE b.snapshot_id = $1 AND b.kind = 'RoleBinding' AND b.namespace = $2 ORDER BY b.name LIMIT ${limit}`,
      snapshotId,
      namespace,
    ),
    prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM binding b WHERE b.snapshot_id = $1 AND b.kind = 'RoleBinding' AND b.namespace = $2`, snapshotId, namespace),
  ]);
  return { rows: rows.map(toBinding), total: Number(total[0]?.n ?? 0) };
}

/** Service-account identities of a namespace, riskiest first (at most `limit`, default 100), with the total. */
export async function listServiceAccountsInNamespace(snapshotId: number, namespace: string, options: { limit?: number } = {}): Promise<Limited<GraphIdentityRow>> {
  const prisma = await getPrisma();
  const limit = clampLimit(options.limit, 100);
  const [rows, total] = await Promise.all([
    prisma.$queryRawUnsafe<GraphIdentitySql[]>(
      `SELECT ${IDENTITY_COLUMNS} FROM identity WHERE snapshot_id = $1 AND kind = 'ServiceAccount' AND namespace = $2 ORDER BY risk_score DESC, identity_id LIMIT ${limit}`,
      snapshotId,
      namespace,
    ),
    prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM identity WHERE snapshot_id = $1 AND kind = 'ServiceAccount' AND namespace = $2`, snapshotId, namespace),
  ]);
  return { rows: rows.map(toGraphIdentity), total: Number(total[0]?.n ?? 0) };
}

/** Roles of a namespace (at most `limit`, default 100), with the total. */
export async function listRolesInNamespace(snapshotId: number, namespace: string, options: { limit?: number } = {}): Promise<Limited<GraphRoleRow>> {
  const prisma = await getPrisma();
  const limit = clampLimit(options.limit, 100);
  const [rows, total] = await Promise.all([
    prisma.$queryRawUnsafe<RoleSql[]>(
      `SELECT ${ROLE_COLUMNS} FROM role WHERE snapshot_id = $1 AND kind = 'Role' AND namespace = $2 ORDER BY name LIMIT ${limit}`,
      snapshotId,
      namespace,
    ),
    prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM role WHERE snapshot_id = $1 AND kind = 'Role' AND namespace = $2`, snapshotId, namespace),
  ]);
  return { rows: rows.map(toRole), total: Number(total[0]?.n ?? 0) };
}

interface RoleSql {
  kind: "Role" | "ClusterRole";
  name: string;
  namespace: string | null;
  rule_count: number;
  aggregated: boolean;
}
const ROLE_COLUMNS = `kind::text AS kind, name, namespace, jsonb_array_length(rules) AS rule_count, aggregation_selectors IS NOT NULL AS aggregated`;
const toRole = (r: RoleSql): GraphRoleRow => ({ kind: r.kind, name: r.name, namespace: r.namespace, ruleCount: Number(r.rule_count), aggregated: r.aggregated });

/** The roles named by `refs` that exist in the snapshot. One query. */
export async function listRolesByRefs(snapshotId: number, refs: readonly RoleRefResolved[]): Promise<GraphRoleRow[]> {
  const cluster = new Set<string>();
  const namespaced = new Map<string, { namespace: string; name: string }>();
  for (const r of refs) {
    if (r.kind === "ClusterRole") cluster.add(r.name);
    else if (r.namespace !== undefined) namespaced.set(`${r.namespace}/${r.name}`, { namespace: r.namespace, name: r.name });
  }
  if (!cluster.size && !namespaced.size) return [];
  const prisma = await getPrisma();
  const ns = [...namespaced.values()];
  const rows = await prisma.$queryRawUnsafe<RoleSql[]>(
    `SELECT ${ROLE_COLUMNS} FROM role r
      WHERE r.snapshot_id = $1
        AND ((r.kind = 'ClusterRole' AND r.name = ANY($2::text[]))
          OR (r.kind = 'Role' AND (r.namespace, r.name) IN (SELECT * FROM unnest($3::text[], $4::text[]))))`,
    snapshotId,
    [...cluster],
    ns.map((r) => r.namespace),
    ns.map((r) => r.name),
  );
  return rows.map(toRole);
}

export interface NamespaceOverviewRow {
  name: string;
  serviceAccounts: number;
  roleBindings: number;
  roles: number;
}

/** Every namespace of the snapshot with its number of service accounts, RoleBindings and Roles. Four queries. */
export async function namespaceOverview(snapshotId: number): Promise<NamespaceOverviewRow[]> {
  const prisma = await getPrisma();
  const [names, sas, rbs, roles] = await Promise.all([
    prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT DISTINCT name FROM namespace WHERE snapshot_id = $1`, snapshotId),
    prisma.$queryRawUnsafe<{ ns: string; n: bigint }[]>(`SELECT namespace AS ns, count(*) AS n FROM identity WHERE snapshot_id = $1 AND kind = 'ServiceAccount' GROUP BY namespace`, snapshotId),
    prisma.$queryRawUnsafe<{ ns: string; n: bigint }[]>(`SELECT namespace AS ns, count(*) AS n FROM binding WHERE snapshot_id = $1 AND kind = 'RoleBinding' GROUP BY namespace`, snapshotId),
    prisma.$queryRawUnsafe<{ ns: string; n: bigint }[]>(`SELECT namespace AS ns, count(*) AS n FROM role WHERE snapshot_id = $1 AND kind = 'Role' GROUP BY namespace`, snapshotId),
  ]);
  const out = new Map<string, NamespaceOverviewRow>();
  const row = (name: string) => {
    let r = out.get(name);
    if (!r) out.set(name, (r = { name, serviceAccounts: 0, roleBindings: 0, roles: 0 }));
    return r;
  };
  for (const n of names) row(n.name);
  for (const s of sas) if (s.ns) row(s.ns).serviceAccounts = Number(s.n);
  for (const b of rbs) if (b.ns) row(b.ns).roleBindings = Number(b.n);
  for (const r of roles) if (r.ns) row(r.ns).roles = Number(r.n);
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Evidence of the identities' own findings that are not by design (severity + grants), for colouring bindings and roles by risk. */
export async function listFindingEvidence(snapshotId: number, identityIds: readonly IdentityId[]): Promise<{ identityId: IdentityId; severity: Severity; evidence: Evidence[] }[]> {
  if (identityIds.length === 0) return [];
  const prisma = await getPrisma();
  const rows = await prisma.$queryRawUnsafe<{ identity_id: string; severity: Severity; evidence: Evidence[] }[]>(
    `SELECT identity_id, severity::text AS severity, evidence FROM finding
      WHERE snapshot_id = $1 AND identity_id = ANY($2::text[]) AND NOT by_design`,
    snapshotId,
    [...new Set(identityIds)],
  );
  return rows.map((r) => ({ identityId: r.identity_id, severity: r.severity, evidence: r.evidence ?? [] }));
}
