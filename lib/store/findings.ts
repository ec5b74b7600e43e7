// Server-side only; see lib/store/client.ts.
import type { Finding as FindingRow, Prisma } from "@/lib/generated/prisma/client";
import type { Evidence } from "@/lib/rules/types";
import { getPrisma } from "./client";
import { paging } from "./identities";
import type { FindingListFilters, Page, StoredFinding } from "./types";

/** One page of a snapshot's findings, most severe first; indexed on (snapshot_id, rule_id | identity_id | severity | namespace). */
export async function listFindings(snapshotId: number, filters: FindingListFilters = {}): Promise<Page<StoredFinding>> {
  const prisma = await getPrisma();
  const where: Prisma.FindingWhereInput = { snapshotId };
  if (filters.ruleId) where.ruleId = filters.ruleId;
  if (filters.severity !== undefined) where.severity = { in: Array.isArray(filters.severity) ? filters.severity : [filters.severity] };
  if (filters.identityId) where.identityId = filters.identityId;
  if (filters.namespace !== undefined) where.namespace = filters.namespace;
  if (filters.byDesign !== undefined) where.byDesign = filters.byDesign;
  if (filters.q?.trim()) where.message = { contains: filters.q.trim(), mode: "insensitive" };
  const { page, pageSize } = paging(filters.page, filters.pageSize);
  const [rows, total] = await Promise.all([
    prisma.finding.findMany({
      where,
      orderBy: [{ severity: "asc" }, { ruleId: "asc" }, { identityId: "asc" }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    Object.keys(where).length === 1
      ? prisma.snapshot.findUnique({ where: { id: snapshotId }, select: { counts: true } }).then((s) => Number((s?.counts as Record<string, number> | undefined)?.findings ?? 0))
      : prisma.finding.count({ where }),
  ]);
  return { rows: rows.map(toStoredFinding), total, page, pageSize };
}

export function toStoredFinding(f: FindingRow): StoredFinding {
  return {
    id: f.id.toString(),
    ruleId: f.ruleId,
    severity: f.severity,
    identityId: f.identityId,
    object:
      f.objectKind !== null && f.objectName !== null
        ? { kind: f.objectKind, name: f.objectName, ...(f.objectNamespace !== null ? { namespace: f.objectNamespace } : {}) }
        : null,
    namespace: f.namespace,
    message: f.message,
    evidence: f.evidence as unknown as Evidence[],
    byDesign: f.byDesign,
  };
}
