// Server-side only; see lib/store/client.ts.
import type { AwsAuthMapping } from "@/lib/k8s/types";
import type { IdentityId } from "@/lib/rbac/types";
import { getPrisma } from "./client";
import { identityRowToListRow, type IdentityRowSql } from "./identities";
import type { IdentityListRow } from "./types";

const LIST_COLUMNS = `identity_id, kind::text AS kind, name, namespace, built_in, "exists", risk_score, risk_level::text AS risk_level,
  over_permissive, risk_reasons, finding_count, grant_count`;

/** Names of a snapshot's namespaces, sorted (filter menus). */
export async function listNamespaceNames(snapshotId: number): Promise<string[]> {
  const prisma = await getPrisma();
  const rows = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT DISTINCT name FROM namespace WHERE snapshot_id = $1 ORDER BY name`,
    snapshotId,
  );
  return rows.map((r) => r.name);
}

/** The identities with these ids that exist in the snapshot (list rows, in no particular order). One query. */
export async function listIdentitiesByIds(snapshotId: number, ids: readonly IdentityId[]): Promise<IdentityListRow[]> {
  if (ids.length === 0) return [];
  const prisma = await getPrisma();
  const rows = await prisma.$queryRawUnsafe<IdentityRowSql[]>(
    `SELECT ${LIST_COLUMNS} FROM identity WHERE snapshot_id = $1 AND identity_id = ANY($2::text[])`,
    snapshotId,
    [...new Set(ids)],
  );
  return rows.map(identityRowToListRow);
}

/** aws-auth mappings of a snapshot (kube-system/aws-auth mapRoles / mapUsers): the only explicit group memberships RBAC data shows. */
export async function listAwsAuthMappings(snapshotId: number): Promise<AwsAuthMapping[]> {
  const prisma = await getPrisma();
  const row = await prisma.snapshot.findUnique({ where: { id: snapshotId }, select: { inventoryExtras: true } });
  const extras = (row?.inventoryExtras ?? {}) as { awsAuth?: AwsAuthMapping[] };
  return extras.awsAuth ?? [];
}
