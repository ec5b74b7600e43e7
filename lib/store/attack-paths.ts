// Server-side only; see lib/store/client.ts.
//
// Attack paths of a snapshot: written by saveSnapshot (same transaction as the snapshot) from PreparedAttackPaths,
// read by the identity page, the crown-jewel pages, the paths layer of the access graph and the JSON API.
// Paths are stored as AttackEdge numbers; reads fold scope-membership edges into the step before (as lib/graph stepsOf).
import type pg from "pg";
import { SCOPE_MEMBER, type ChokePoint, type CrownJewel, type Evidence } from "@/lib/graph";
import type { SubjectKind } from "@/lib/k8s/types";
import type { IdentityId } from "@/lib/rbac/types";
import { decodePaths, type AttackGraphSummary, type PackedLists, type PreparedAttackPaths } from "./attack-path-rows";
import { getPrisma } from "./client";
import type { RiskLevel } from "./types";

export type { AttackGraphSummary, PreparedAttackPaths } from "./attack-path-rows";

/* ---- writing ------------------------------------------------------------------------------------------------------ */

/** A column of an unnest insert: its name, the element type of the unnest array, a cast in SELECT, and row i's value. */
interface Column {
  name: string;
  type: string;
  cast?: string;
  value: (i: number) => unknown;
}

const CHUNK_ROWS = 20_000;
const CHUNK_CHARS = 16 * 1024 * 1024;

/** `{1,2,3}`: a PostgreSQL int[] literal of a packed list. */
function intArrayLiteral(list: PackedLists, i: number): string {
  return `{${list.data.subarray(list.offsets[i]!, list.offsets[i + 1]!).join(",")}}`;
}

/**
 * `INSERT INTO table (snapshot_id, …) SELECT $1, … FROM unnest($2::type[], …)`, in chunks of at most CHUNK_ROWS rows
 * or ~16 MB of text: one statement per chunk, the values as parallel arrays (built per chunk, so the whole table never
 * exists as row objects).
 */
async function insertColumns(client: pg.Client, table: string, snapshotId: number, rows: number, columns: Column[]): Promise<void> {
  if (rows === 0) return;
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  const select = columns.map((c, i) => (c.cast ? `c${i}::${c.cast}` : `c${i}`)).join(", ");
  const unnest = columns.map((c, i) => `$${i + 2}::${c.type}[]`).join(", ");
  const sql = `INSERT INTO "${table}" ("snapshot_id", ${names}) SELECT $1::int, ${select} FROM unnest(${unnest}) AS x(${columns.map((_, i) => `c${i}`).join(", ")})`;
  for (let start = 0; start < rows; ) {
    const values: unknown[][] = columns.map(() => []);
    let chars = 0;
    let i = start;
    for (; i < rows && i - start < CHUNK_ROWS && chars < CHUNK_CHARS; i++) {
      columns.forEach((c, k) => {
        const v = c.value(i);
        if (typeof v === "string") chars += v.length;
        values[k]!.push(v);
      });
    }
    await client.query(sql, [snapshotId, ...values]);
    start = i;
  }
}

const col = (name: string, type: string, value: (i: number) => unknown, cast?: string): Column => ({ name, type, value, ...(cast ? { cast } : {}) });

/** Writes a snapshot's attack paths on the saving transaction's connection. */
export async function insertAttackPaths(client: pg.Client, snapshotId: number, p: PreparedAttackPaths, onTable?: (table: string, rows: number) => void | Promise<void>): Promise<void> {
  const j = p.jewels;
  await onTable?.("crown_jewel", j.length);
  await insertColumns(client, "crown_jewel", snapshotId, j.length, [
    col("jewel_no", "int", (i) => i),
    col("jewel_id", "text", (i) => j[i]!.jewelId),
    col("name", "text", (i) => j[i]!.name),
    col("tier", "text", (i) => j[i]!.tier),
    col("source", "text", (i) => j[i]!.source),
    col("reason", "text", (i) => j[i]!.reason),
    col("targets", "text", (i) => j[i]!.targets, "jsonb"),
    col("target_count", "int", (i) => j[i]!.targetCount),
    col("reacher_count", "int", (i) => j[i]!.reacherCount),
    col("min_steps", "int", (i) => j[i]!.minSteps),
    col("min_cost", "float8", (i) => j[i]!.minCost),
    col("choke_points", "text", (i) => j[i]!.chokePoints, "jsonb"),
  ]);
  const e = p.edges;
  await onTable?.("attack_edge", e.label.length);
  await insertColumns(client, "attack_edge", snapshotId, e.label.length, [
    col("edge_no", "int", (i) => i),
    col("label", "text", (i) => e.label[i]),
    col("from_node", "text", (i) => e.from[i]),
    col("to_node", "text", (i) => e.to[i]),
    col("cost", "float8", (i) => e.cost[i]),
    col("explanation", "text", (i) => e.explanation[i]),
    col("evidence", "text", (i) => e.evidence[i], "jsonb"),
    col("also_via", "text", (i) => e.alsoVia[i], "jsonb"),
    col("also_via_count", "int", (i) => e.alsoViaCount[i]),
    col("check", "text", (i) => e.check[i]),
  ]);
  const n = p.nodes;
  await onTable?.("attack_node", n.id.length);
  await insertColumns(client, "attack_node", snapshotId, n.id.length, [
    col("node_id", "text", (i) => n.id[i]),
    col("kind", "text", (i) => n.kind[i]),
    col("name", "text", (i) => n.name[i]),
    col("namespace", "text", (i) => n.namespace[i]),
    col("label", "text", (i) => n.label[i]),
  ]);
  const d = p.identities;
  await onTable?.("identity_paths", d.id.length);
  await insertColumns(client, "identity_paths", snapshotId, d.id.length, [
    col("identity_id", "text", (i) => d.id[i]),
    col("paths", "text", (i) => intArrayLiteral(d.paths, i), "int[]"),
    col("path_count", "int", (i) => d.pathCount[i]),
    col("jewel_count", "int", (i) => d.jewelCount[i]),
    col("namespace_count", "int", (i) => d.namespaceCount[i]),
    col("namespaces", "text", (i) => pgTextArray(d.namespaces[i]!), "text[]"),
    col("service_accounts", "int", (i) => d.serviceAccounts[i]),
    col("cloud_identities", "int", (i) => d.cloudIdentities[i]),
  ]);
  const r = p.reachers;
  await onTable?.("jewel_reacher", r.jewelNo.length);
  await insertColumns(client, "jewel_reacher", snapshotId, r.jewelNo.length, [
    col("jewel_no", "int", (i) => r.jewelNo[i]),
    col("position", "int", (i) => r.position[i]),
    col("identity_id", "text", (i) => r.identityId[i]),
    col("cost", "float8", (i) => r.cost[i]),
    col("steps", "int", (i) => r.steps[i]),
    col("target", "text", (i) => r.target[i]),
    col("edge_nos", "text", (i) => intArrayLiteral(r.edges, i), "int[]"),
  ]);
}

/** `{"a b","c\"d"}`: a PostgreSQL text[] literal. */
function pgTextArray(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

/* ---- reading: shapes ---------------------------------------------------------------------------------------------- */

/** An attack-graph node as the pages show it. */
export interface AttackNodeRef {
  id: string;
  /** lib/graph NodeKind (User, ServiceAccount, Workload, Secret, Node, Scope, ClusterAdmin, …). */
  kind: string;
  name: string;
  namespace: string | null;
  /** "service account payments/api", "Deployment payments/api", "any secret in payments". */
  label: string;
}

/** One attack step: an edge, with the scope nodes it passed through folded in (lib/graph PathStep). */
export interface StoredPathStep {
  /** Edge type, e.g. CREATE_POD. */
  label: string;
  from: AttackNodeRef;
  to: AttackNodeRef;
  /** Scope nodes passed through ("any service account in payments"). */
  via: AttackNodeRef[];
  cost: number;
  /** "can create pods in payments, running them as any service account there → acts as service account payments/api". */
  explanation: string;
  /** Why the step exists: the first sufficient reason. */
  evidence: Evidence[];
  /** Other sufficient reasons (the first few) and how many there are. */
  alsoVia: Evidence[][];
  alsoViaCount: number;
  /** The command that confirms the step (`kubectl auth can-i …`). */
  check: string | null;
}

export interface StoredAttackPath {
  identityId: IdentityId;
  jewelId: string;
  /** 0 = the cheapest path to the jewel; 1… alternatives beginning with another first step. */
  rank: number;
  cost: number;
  target: AttackNodeRef;
  steps: StoredPathStep[];
}

export interface StoredCrownJewel {
  id: string;
  name: string;
  tier: string;
  source: CrownJewel["source"];
  reason: string;
  targets: { id: string; kind: string; label: string }[];
  targetCount: number;
  reacherCount: number;
  minSteps: number | null;
  minCost: number | null;
  chokePoints: ChokePoint[];
}

export interface StoredBlastRadius {
  crownJewels: number;
  namespaces: number;
  /** The first 50 namespaces, by name. */
  namespaceNames: string[];
  serviceAccounts: number;
  cloudIdentities: number;
}

export interface IdentityAttackPaths {
  identityId: IdentityId;
  blastRadius: StoredBlastRadius;
  /** Cheapest first per jewel; jewels in the snapshot's jewel order. */
  paths: StoredAttackPath[];
  jewels: StoredCrownJewel[];
}

/** What the pages need to name a reacher. Identities only the attack graph knows (e.g. a pod's missing service account) have no row. */
export interface ReacherIdentity {
  id: IdentityId;
  kind: SubjectKind;
  name: string;
  namespace: string | null;
  builtIn: boolean;
  riskLevel: RiskLevel;
  riskScore: number;
}

export interface JewelReacherRow {
  position: number;
  identity: ReacherIdentity;
  cost: number;
  steps: number;
  path: StoredAttackPath;
}

/* ---- reading: helpers -------------------------------------------------------------------------------------------- */

interface JewelSql {
  jewel_no: number;
  jewel_id: string;
  name: string;
  tier: string;
  source: CrownJewel["source"];
  reason: string;
  targets: StoredCrownJewel["targets"];
  target_count: number;
  reacher_count: number;
  min_steps: number | null;
  min_cost: number | null;
  choke_points: ChokePoint[];
}

const JEWEL_COLUMNS = "jewel_no, jewel_id, name, tier, source, reason, targets, target_count, reacher_count, min_steps, min_cost, choke_points";

function toJewel(r: JewelSql): StoredCrownJewel {
  return {
    id: r.jewel_id,
    name: r.name,
    tier: r.tier,
    source: r.source,
    reason: r.reason,
    targets: r.targets ?? [],
    targetCount: r.target_count,
    reacherCount: r.reacher_count,
    minSteps: r.min_steps,
    minCost: r.min_cost === null ? null : Number(r.min_cost),
    chokePoints: r.choke_points ?? [],
  };
}

interface EdgeSql {
  edge_no: number;
  label: string;
  from_node: string;
  to_node: string;
  cost: number;
  explanation: string;
  evidence: Evidence[];
  also_via: Evidence[][];
  also_via_count: number;
  check: string | null;
}

interface NodeSql {
  node_id: string;
  kind: string;
  name: string;
  namespace: string | null;
  label: string;
}

/** A node the store does not know (never expected): named by its id. */
function unknownNode(id: string): AttackNodeRef {
  return { id, kind: id.split(":")[0] ?? "Unknown", name: id, namespace: null, label: id };
}

/** Loads the edges and nodes of `edgeNos` and folds each path into steps. Two queries. */
class PathResolver {
  private edges = new Map<number, EdgeSql>();
  private nodes = new Map<string, AttackNodeRef>();

  static async load(snapshotId: number, edgeLists: readonly (readonly number[])[], extraNodes: readonly string[] = []): Promise<PathResolver> {
    const r = new PathResolver();
    const nos = new Set<number>();
    for (const list of edgeLists) for (const e of list) nos.add(e);
    if (nos.size === 0 && extraNodes.length === 0) return r;
    const prisma = await getPrisma();
    const edges = nos.size
      ? await prisma.$queryRawUnsafe<EdgeSql[]>(
          `SELECT edge_no, label, from_node, to_node, cost, explanation, evidence, also_via, also_via_count, "check"
             FROM attack_edge WHERE snapshot_id = $1 AND edge_no = ANY($2::int[])`,
          snapshotId,
          [...nos],
        )
      : [];
    const ids = new Set<string>(extraNodes);
    for (const e of edges) {
      r.edges.set(e.edge_no, { ...e, cost: Number(e.cost) });
      ids.add(e.from_node);
      ids.add(e.to_node);
    }
    if (ids.size) {
      const nodes = await prisma.$queryRawUnsafe<NodeSql[]>(`SELECT node_id, kind, name, namespace, label FROM attack_node WHERE snapshot_id = $1 AND node_id = ANY($2::text[])`, snapshotId, [...ids]);
      for (const n of nodes) r.nodes.set(n.node_id, { id: n.node_id, kind: n.kind, name: n.name, namespace: n.namespace, label: n.label });
    }
    return r;
  }

  node(id: string): AttackNodeRef {
    return this.nodes.get(id) ?? unknownNode(id);
  }

  /** Folds an edge sequence into steps: an edge into a scope node and the membership edges after it are one step (lib/graph stepsOf). */
  steps(edgeNos: readonly number[]): StoredPathStep[] {
    const seq = edgeNos.map((no) => this.edges.get(no)).filter((e): e is EdgeSql => e !== undefined);
    const out: StoredPathStep[] = [];
    for (let i = 0; i < seq.length; ) {
      let j = i;
      while (j + 1 < seq.length && seq[j + 1]!.label === SCOPE_MEMBER) j++;
      const first = seq[i]!;
      const last = seq[j]!;
      let cost = 0;
      for (let x = i; x <= j; x++) cost += seq[x]!.cost;
      out.push({
        label: first.label,
        from: this.node(first.from_node),
        to: this.node(last.to_node),
        via: seq.slice(i, j).map((e) => this.node(e.to_node)),
        cost,
        explanation: j > i ? `${first.explanation} → ${last.explanation}` : first.explanation,
        evidence: first.evidence ?? [],
        alsoVia: first.also_via ?? [],
        alsoViaCount: first.also_via_count,
        check: first.check,
      });
      i = j + 1;
    }
    return out;
  }

  /** A stored path: its cost is the sum of its edges' costs, its target the last edge's end. */
  path(identityId: string, jewelId: string, rank: number, edgeNos: readonly number[]): StoredAttackPath {
    const steps = this.steps(edgeNos);
    const last = steps[steps.length - 1];
    return { identityId, jewelId, rank, cost: steps.reduce((c, s) => c + s.cost, 0), target: last ? last.to : this.node(identityId), steps };
  }
}

async function jewelsOf(snapshotId: number): Promise<JewelSql[]> {
  const prisma = await getPrisma();
  return prisma.$queryRawUnsafe<JewelSql[]>(`SELECT ${JEWEL_COLUMNS} FROM crown_jewel WHERE snapshot_id = $1 ORDER BY jewel_no`, snapshotId);
}

interface IdentitySql {
  identity_id: string;
  kind: SubjectKind;
  name: string;
  namespace: string | null;
  built_in: boolean;
  risk_level: RiskLevel;
  risk_score: number;
}

/** `ServiceAccount:ns:name` → its parts, for identities without an identity row. */
function identityFromId(id: string): ReacherIdentity {
  const i = id.indexOf(":");
  const kind = id.slice(0, i) as SubjectKind;
  const rest = id.slice(i + 1);
  if (kind === "ServiceAccount") {
    const j = rest.indexOf(":");
    return { id, kind, namespace: rest.slice(0, j), name: rest.slice(j + 1), builtIn: false, riskLevel: "none", riskScore: 0 };
  }
  return { id, kind: kind === "Group" ? "Group" : "User", name: rest, namespace: null, builtIn: false, riskLevel: "none", riskScore: 0 };
}

async function reacherIdentities(snapshotId: number, ids: readonly string[]): Promise<Map<string, ReacherIdentity>> {
  const out = new Map<string, ReacherIdentity>();
  if (!ids.length) return out;
  const prisma = await getPrisma();
  const rows = await prisma.$queryRawUnsafe<IdentitySql[]>(
    `SELECT identity_id, kind::text AS kind, name, namespace, built_in, risk_level::text AS risk_level, risk_score
       FROM identity WHERE snapshot_id = $1 AND identity_id = ANY($2::text[])`,
    snapshotId,
    [...new Set(ids)],
  );
  for (const r of rows) out.set(r.identity_id, { id: r.identity_id, kind: r.kind, name: r.name, namespace: r.namespace, builtIn: r.built_in, riskLevel: r.risk_level, riskScore: r.risk_score });
  for (const id of ids) if (!out.has(id)) out.set(id, identityFromId(id));
  return out;
}

/* ---- reading ------------------------------------------------------------------------------------------------------ */

/** The snapshot's attack-graph figures (k, sizes, warnings); null for a snapshot saved without attack paths. */
export async function getAttackGraphSummary(snapshotId: number): Promise<AttackGraphSummary | null> {
  const prisma = await getPrisma();
  const row = await prisma.snapshot.findUnique({ where: { id: snapshotId }, select: { attackGraph: true } });
  const s = row?.attackGraph as Partial<AttackGraphSummary> | null | undefined;
  return s && typeof s.k === "number" ? (s as AttackGraphSummary) : null;
}

/** Every crown jewel of a snapshot with its exposure, in the snapshot's jewel order (built-in first). One query. */
export async function listCrownJewels(snapshotId: number): Promise<StoredCrownJewel[]> {
  return (await jewelsOf(snapshotId)).map(toJewel);
}

export interface CrownJewelExposure extends StoredCrownJewel {
  /** The same jewel (by id) in the cluster's previous complete snapshot; null when it was not a jewel there. */
  previous: { reacherCount: number; minSteps: number | null } | null;
}

/**
 * Crown jewels of a snapshot with their exposure and the change since the cluster's previous complete snapshot with
 * attack paths (the newest one started before it; snapshots stored before paths were computed are skipped). Three
 * queries.
 */
export async function listCrownJewelExposure(snapshotId: number): Promise<{ previousSnapshotId: number | null; jewels: CrownJewelExposure[] }> {
  const prisma = await getPrisma();
  const [jewels, prev] = await Promise.all([
    jewelsOf(snapshotId),
    prisma.$queryRawUnsafe<{ id: number }[]>(
      `SELECT p.id FROM snapshot s JOIN snapshot p ON p.cluster_id = s.cluster_id AND p.status = 'complete' AND (p.started_at, p.id) < (s.started_at, s.id)
          AND p.attack_graph ? 'k'
        WHERE s.id = $1 ORDER BY p.started_at DESC, p.id DESC LIMIT 1`,
      snapshotId,
    ),
  ]);
  const previousSnapshotId = prev[0]?.id ?? null;
  const before = previousSnapshotId === null ? [] : await jewelsOf(previousSnapshotId);
  const byId = new Map(before.map((j) => [j.jewel_id, j]));
  return {
    previousSnapshotId,
    jewels: jewels.map((j) => {
      const p = byId.get(j.jewel_id);
      return { ...toJewel(j), previous: previousSnapshotId === null || !p ? null : { reacherCount: p.reacher_count, minSteps: p.min_steps } };
    }),
  };
}

/**
 * One identity's attack paths (folded into steps, with evidence) and blast radius; null when the identity reaches no
 * crown jewel, namespace or service account (or the snapshot has no attack paths). Four queries.
 */
export async function getIdentityAttackPaths(snapshotId: number, identityId: IdentityId, options: { jewelId?: string } = {}): Promise<IdentityAttackPaths | null> {
  const prisma = await getPrisma();
  const [rows, jewels] = await Promise.all([
    prisma.$queryRawUnsafe<{ paths: number[] | null; jewel_count: number; namespace_count: number; namespaces: string[] | null; service_accounts: number; cloud_identities: number }[]>(
      `SELECT paths, jewel_count, namespace_count, namespaces, service_accounts, cloud_identities FROM identity_paths WHERE snapshot_id = $1 AND identity_id = $2`,
      snapshotId,
      identityId,
    ),
    jewelsOf(snapshotId),
  ]);
  const row = rows[0];
  if (!row) return null;
  const jewelByNo = new Map(jewels.map((j) => [j.jewel_no, j]));
  const refs = decodePaths(row.paths ?? []).filter((p) => jewelByNo.has(p.jewelNo) && (options.jewelId === undefined || jewelByNo.get(p.jewelNo)!.jewel_id === options.jewelId));
  refs.sort((a, b) => a.jewelNo - b.jewelNo || a.rank - b.rank);
  const resolver = await PathResolver.load(snapshotId, refs.map((p) => p.edges));
  const reached = [...new Set(refs.map((p) => p.jewelNo))];
  return {
    identityId,
    blastRadius: {
      crownJewels: row.jewel_count,
      namespaces: row.namespace_count,
      namespaceNames: row.namespaces ?? [],
      serviceAccounts: row.service_accounts,
      cloudIdentities: row.cloud_identities,
    },
    paths: refs.map((p) => resolver.path(identityId, jewelByNo.get(p.jewelNo)!.jewel_id, p.rank, p.edges)),
    jewels: reached.map((j) => toJewel(jewelByNo.get(j)!)),
  };
}

/** One crown jewel of a snapshot; null when it is not one. One query. */
export async function getCrownJewel(snapshotId: number, jewelId: string): Promise<StoredCrownJewel | null> {
  const prisma = await getPrisma();
  const rows = await prisma.$queryRawUnsafe<JewelSql[]>(`SELECT ${JEWEL_COLUMNS} FROM crown_jewel WHERE snapshot_id = $1 AND jewel_id = $2`, snapshotId, jewelId);
  return rows[0] ? toJewel(rows[0]) : null;
}

/**
 * Who reaches a crown jewel, ranked (cheapest path first, then fewer steps, then id): one page of reachers with their
 * cheapest path folded into steps, and the total. Five queries, all on primary keys.
 */
export async function listJewelReachers(
  snapshotId: number,
  jewelId: string,
  options: { page?: number; pageSize?: number } = {},
): Promise<{ jewel: StoredCrownJewel; rows: JewelReacherRow[]; total: number; page: number; pageSize: number } | null> {
  const prisma = await getPrisma();
  const rows = await prisma.$queryRawUnsafe<JewelSql[]>(`SELECT ${JEWEL_COLUMNS} FROM crown_jewel WHERE snapshot_id = $1 AND jewel_id = $2`, snapshotId, jewelId);
  const j = rows[0];
  if (!j) return null;
  const pageSize = Math.min(Math.max(Math.trunc(options.pageSize ?? 25), 1), 200);
  const page = Math.max(Math.trunc(options.page ?? 1), 1);
  const reachers = await prisma.$queryRawUnsafe<{ position: number; identity_id: string; cost: number; steps: number; target: string; edge_nos: number[] }[]>(
    `SELECT position, identity_id, cost, steps, target, edge_nos FROM jewel_reacher
      WHERE snapshot_id = $1 AND jewel_no = $2 AND position >= $3 ORDER BY position LIMIT $4`,
    snapshotId,
    j.jewel_no,
    (page - 1) * pageSize,
    pageSize,
  );
  const [resolver, who] = await Promise.all([
    PathResolver.load(snapshotId, reachers.map((r) => r.edge_nos ?? [])),
    reacherIdentities(
      snapshotId,
      reachers.map((r) => r.identity_id),
    ),
  ]);
  return {
    jewel: toJewel(j),
    rows: reachers.map((r) => ({
      position: r.position,
      identity: who.get(r.identity_id)!,
      cost: Number(r.cost),
      steps: r.steps,
      path: resolver.path(r.identity_id, j.jewel_id, 0, r.edge_nos ?? []),
    })),
    total: j.reacher_count,
    page,
    pageSize,
  };
}

/** One stored path: `identityId`'s path of `rank` to `jewelId`; null when there is none. */
export async function getAttackPath(snapshotId: number, identityId: IdentityId, jewelId: string, rank = 0): Promise<StoredAttackPath | null> {
  const found = await getIdentityAttackPaths(snapshotId, identityId, { jewelId });
  return found?.paths.find((p) => p.rank === rank) ?? null;
}
