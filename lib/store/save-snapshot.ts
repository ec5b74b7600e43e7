// Server-side only; see lib/store/client.ts.
import type pg from "pg";
import type { Inventory, PolicyRule } from "@/lib/k8s/types";
import { identityId as subjectId } from "@/lib/rbac/subjects";
import type { Grant, Identity } from "@/lib/rbac/types";
import { insertAttackPaths } from "./attack-paths";
import { openWriterConnection } from "./client";
import { roleKey, sameBindingRef, sameRoleRef, type GrantEntry, type GrantRangeEntry } from "./grant-sets";
import { computeStats } from "./stats";
import type { SaveSnapshotInput, SnapshotHandle, SnapshotSource } from "./types";

/**
 * Writing a snapshot.
 *
 * Atomicity: `beginSnapshot` commits a snapshot row with status `collecting`; `saveSnapshot` then inserts every row of
 * the snapshot AND flips it to `complete` AND points `cluster.current_snapshot_id` at it in ONE transaction. Readers
 * go through `current_snapshot_id` (or a snapshot id they got from it), so they see the previous complete snapshot until
 * that commit and the new one after it — never a half-written one. A failed save rolls the rows back and marks the
 * snapshot `failed` with the error message; a process killed mid-collection leaves its row `collecting`, and the next
 * `beginSnapshot` of that cluster marks it failed (its lock is gone, so nobody is writing it).
 *
 * Concurrency: one collection per cluster at a time. `beginSnapshot` takes a session-level
 * `pg_try_advisory_lock(PALISADE_LOCK_CLASS, clusterId)` on a dedicated connection held until the save or failure,
 * and REFUSES (does not wait) when another process holds it: waiting would only collect the same cluster twice in a
 * row. The lock dies with its connection, so a crashed collector never blocks the next one.
 *
 * Speed: each table is one `INSERT … SELECT … FROM json_to_recordset($2::json)` per chunk of rows (≤ 8 MB of JSON)
 * — one JSON document per statement, parsed server-side (Prisma's createMany is ~20× slower for JSON rows, toolchain
 * notes §2). Effective permissions are stored compactly (see identityTables): a 20,000-service-account cluster has
 * millions of Grant objects in memory but only tens of thousands of (subject, binding) pairs.
 */

/** Advisory-lock class for collection locks ("PALI"); the object id is the cluster id. Prisma's migration lock uses the one-key form. */
export const PALISADE_LOCK_CLASS = 0x50414c49;
const CHUNK_ROWS = 10_000;
const CHUNK_BYTES = 8 * 1024 * 1024;
/** kubectl apply's copy of the whole manifest — for a Secret, its data too. Never stored, for any object. */
export const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";
const INTERRUPTED = "interrupted: the process collecting this snapshot ended before saving it";

/** Thrown by `beginSnapshot`/`saveSnapshot` when another collection of the same cluster holds the lock. */
export class CollectionInProgressError extends Error {
  override readonly name = "CollectionInProgressError";
  constructor(
    readonly clusterName: string,
    readonly startedAt: Date | null,
    readonly runningSnapshotId: number | null,
  ) {
    super(
      `a collection of cluster ${clusterName} is already running (started ${startedAt ? startedAt.toISOString() : "just now"}` +
        `${runningSnapshotId !== null ? `, snapshot #${runningSnapshotId}` : ""}); wait for it to finish`,
    );
  }
}

const openConnections = new WeakMap<SnapshotHandle, pg.Client>();

const SOURCE_TO_DB: Record<SnapshotSource, string> = { live: "live", "in-cluster": "in_cluster", files: "files" };

/**
 * Starts a collection of `clusterName`: creates the cluster on first use, takes its collection lock, marks snapshots
 * left `collecting` by dead collectors failed, and inserts this snapshot's row (`collecting`).
 * @throws CollectionInProgressError when another collection of the cluster is running.
 */
export async function beginSnapshot(input: { clusterName: string; source: SnapshotSource; sourceDetail?: string }): Promise<SnapshotHandle> {
  const clusterName = input.clusterName.trim();
  if (!clusterName) throw new Error("cluster name must not be empty");
  if (!(input.source in SOURCE_TO_DB)) throw new Error(`unknown snapshot source ${JSON.stringify(input.source)} (expected live, in-cluster or files)`);
  const client = await openWriterConnection();
  try {
    const cluster = await client.query<{ id: number }>(
      "INSERT INTO cluster (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id",
      [clusterName],
    );
    const clusterId = cluster.rows[0]!.id;
    const lock = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS ok", [PALISADE_LOCK_CLASS, clusterId]);
    if (!lock.rows[0]!.ok) {
      const running = await client.query<{ id: number; started_at: Date }>(
        "SELECT id, started_at FROM snapshot WHERE cluster_id = $1 AND status = 'collecting' ORDER BY started_at DESC LIMIT 1",
        [clusterId],
      );
      const row = running.rows[0];
      throw new CollectionInProgressError(clusterName, row?.started_at ?? null, row?.id ?? null);
    }
    await client.query("UPDATE snapshot SET status = 'failed', finished_at = now(), error = $2 WHERE cluster_id = $1 AND status = 'collecting'", [
      clusterId,
      INTERRUPTED,
    ]);
    const snap = await client.query<{ id: number; started_at: Date }>(
      "INSERT INTO snapshot (cluster_id, status, source, source_detail) VALUES ($1, 'collecting', $2, $3) RETURNING id, started_at",
      [clusterId, SOURCE_TO_DB[input.source], input.sourceDetail ?? null],
    );
    const handle: SnapshotHandle = Object.freeze({ snapshotId: snap.rows[0]!.id, clusterId, clusterName, startedAt: snap.rows[0]!.started_at });
    openConnections.set(handle, client);
    return handle;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}

/**
 * Marks a begun snapshot failed with `error`'s message and releases the cluster's collection lock. The cluster's
 * current snapshot is untouched. Safe to call after the connection died (it then uses a fresh one).
 */
export async function failSnapshot(handle: SnapshotHandle, error: unknown): Promise<void> {
  const client = openConnections.get(handle);
  openConnections.delete(handle);
  const message = (error instanceof Error ? error.message : String(error)) || "collection failed";
  const sql = "UPDATE snapshot SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1 AND status = 'collecting'";
  try {
    if (!client) throw new Error("no open connection");
    await client.query(sql, [handle.snapshotId, message]);
  } catch {
    const fresh = await openWriterConnection();
    try {
      await fresh.query(sql, [handle.snapshotId, message]);
    } finally {
      await fresh.end().catch(() => undefined);
    }
  } finally {
    // Ending the session releases its advisory lock.
    await client?.end().catch(() => undefined);
  }
}

/**
 * Persists a whole snapshot atomically (see the module comment) and makes it the cluster's current one.
 * Without `input.snapshot` it begins one itself (and may throw CollectionInProgressError). On any error the snapshot
 * is marked failed, the previous current snapshot stays current, and the error is rethrown.
 */
export async function saveSnapshot(input: SaveSnapshotInput): Promise<{ snapshotId: number }> {
  const handle = input.snapshot ?? (await beginSnapshot(input));
  const client = openConnections.get(handle);
  if (!client) throw new Error(`snapshot #${handle.snapshotId} is not being collected any more (already saved or failed)`);
  if (input.snapshot && input.clusterName.trim() !== handle.clusterName) {
    const error = new Error(`snapshot #${handle.snapshotId} belongs to cluster ${handle.clusterName}, not ${input.clusterName}`);
    await failSnapshot(handle, error);
    throw error;
  }
  const { snapshotId } = handle;
  try {
    const tables = buildRows(input);
    await client.query("BEGIN");
    for (const table of tables) {
      const rows = table.rows();
      await input.onProgress?.(table.name, rows.length);
      await insertRows(client, table, rows, snapshotId);
    }
    if (input.attackPaths) await insertAttackPaths(client, snapshotId, input.attackPaths, input.onProgress);
    await input.onProgress?.("complete", 0);
    const done = await client.query(
      `UPDATE snapshot SET status = 'complete', finished_at = now(), counts = $2::jsonb, coverage_gaps = $3::jsonb, inventory_extras = $4::jsonb,
              stats = $5::jsonb, attack_graph = $6::jsonb
       WHERE id = $1 AND status = 'collecting'`,
      [
        snapshotId,
        JSON.stringify(snapshotCounts(input)),
        JSON.stringify(input.coverageGaps ?? []),
        JSON.stringify(inventoryExtras(input.inventory)),
        JSON.stringify(computeStats(input.analysis.identities, input.findings, input.risks)),
        JSON.stringify(input.attackPaths?.summary ?? {}),
      ],
    );
    if (done.rowCount !== 1) throw new Error(`snapshot #${snapshotId} is no longer collecting (marked failed meanwhile?)`);
    await client.query("UPDATE cluster SET current_snapshot_id = $2 WHERE id = $1", [handle.clusterId, snapshotId]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    await failSnapshot(handle, error);
    throw error;
  }
  openConnections.delete(handle);
  await client.end().catch(() => undefined);
  return { snapshotId };
}

interface TableRows {
  name: string;
  /** [column, type in json_to_recordset's column definition list] */
  columns: [string, string][];
  /** Built when the table is about to be written, so only one table's row objects exist at a time. */
  rows: () => Record<string, unknown>[];
}

async function insertRows(client: pg.Client, table: TableRows, rows: Record<string, unknown>[], snapshotId: number): Promise<void> {
  if (!rows.length) return;
  const cols = table.columns.map(([c]) => `"${c}"`).join(", ");
  const defs = table.columns.map(([c, t]) => `"${c}" ${t}`).join(", ");
  const sql = `INSERT INTO "${table.name}" ("snapshot_id", ${cols}) SELECT $1::int, ${cols} FROM json_to_recordset($2::json) AS x(${defs})`;
  let batch: string[] = [];
  let bytes = 0;
  // One statement in flight while the next chunk is serialized: the server parses while Node stringifies.
  let inFlight: Promise<unknown> | undefined;
  const flush = async (): Promise<void> => {
    if (!batch.length) return;
    const json = `[${batch.join(",")}]`;
    batch = [];
    bytes = 0;
    if (inFlight) await inFlight;
    inFlight = client.query(sql, [snapshotId, json]);
    // Rejections surface through the await above or below; never as an unhandled rejection meanwhile.
    inFlight.catch(() => undefined);
  };
  for (const row of rows) {
    const json = JSON.stringify(row);
    batch.push(json);
    bytes += json.length;
    if (bytes >= CHUNK_BYTES || batch.length >= CHUNK_ROWS) await flush();
  }
  await flush();
  if (inFlight) await inFlight;
}

/** Annotations without kubectl's last-applied copy of the manifest (which, for a Secret, holds its data). */
export function storableAnnotations(annotations: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(annotations ?? {})) if (k !== LAST_APPLIED_ANNOTATION) out[k] = v;
  return out;
}

function buildRows(input: SaveSnapshotInput): TableRows[] {
  const inv = input.inventory;
  // identity, grant_set and role_rules come out of one pass; it runs when the first of them is written.
  let identityParts: ReturnType<typeof identityTables> | undefined;
  const parts = () => (identityParts ??= identityTables(input));
  // Objects are copied field by field: whatever else a caller's objects carry (a Secret's `data`) never reaches SQL.
  return [
    {
      name: "namespace",
      columns: [
        ["name", "text"],
        ["labels", "jsonb"],
        ["annotations", "jsonb"],
      ],
      rows: () => inv.namespaces.map((n) => ({ name: n.name, labels: n.labels ?? {}, annotations: storableAnnotations(n.annotations) })),
    },
    {
      name: "identity",
      columns: [
        ["identity_id", "text"],
        ["kind", `"SubjectKind"`],
        ["name", "text"],
        ["namespace", "text"],
        ["username", "text"],
        ["groups", "text[]"],
        ["built_in", "boolean"],
        ["exists", "boolean"],
        ["binding_refs", "jsonb"],
        ["service_account", "jsonb"],
        ["grant_keys", "text[]"],
        ["grant_count", "int"],
        ["risk_score", "int"],
        ["risk_level", `"RiskLevel"`],
        ["over_permissive", "boolean"],
        ["risk_reasons", "text[]"],
        ["finding_count", "int"],
      ],
      rows: () => parts().identityRows,
    },
    {
      name: "grant_set",
      columns: [
        ["key", "text"],
        ["subject_id", "text"],
        ["via", "jsonb"],
        ["entries", "jsonb"],
        ["grant_count", "int"],
      ],
      rows: () => parts().grantSetRows,
    },
    {
      name: "role_rules",
      columns: [
        ["role_key", "text"],
        ["rules", "jsonb"],
      ],
      rows: () => {
        const rows = parts().roleRulesRows;
        identityParts = undefined;
        return rows;
      },
    },
    {
      name: "role",
      columns: [
        ["kind", `"RoleKind"`],
        ["name", "text"],
        ["namespace", "text"],
        ["labels", "jsonb"],
        ["annotations", "jsonb"],
        ["rules", "jsonb"],
        ["aggregation_selectors", "jsonb"],
      ],
      rows: () => [
        ...inv.clusterRoles.map((r) => ({
          kind: "ClusterRole",
          name: r.name,
          namespace: null,
          labels: r.labels ?? {},
          annotations: storableAnnotations(r.annotations),
          rules: r.rules,
          aggregation_selectors: r.aggregationRule ? r.aggregationRule.clusterRoleSelectors : null,
        })),
        ...inv.roles.map((r) => ({
          kind: "Role",
          name: r.name,
          namespace: r.namespace,
          labels: r.labels ?? {},
          annotations: storableAnnotations(r.annotations),
          rules: r.rules,
          aggregation_selectors: null,
        })),
      ],
    },
    {
      name: "binding",
      columns: [
        ["kind", `"BindingKind"`],
        ["name", "text"],
        ["namespace", "text"],
        ["role_kind", `"RoleKind"`],
        ["role_name", "text"],
        ["subjects", "jsonb"],
        ["labels", "jsonb"],
        ["annotations", "jsonb"],
      ],
      rows: () => [
        ...inv.clusterRoleBindings.map((b) => ({
          kind: "ClusterRoleBinding",
          name: b.name,
          namespace: null,
          role_kind: b.roleRef.kind,
          role_name: b.roleRef.name,
          subjects: b.subjects,
          labels: b.labels ?? {},
          annotations: storableAnnotations(b.annotations),
        })),
        ...inv.roleBindings.map((b) => ({
          kind: "RoleBinding",
          name: b.name,
          namespace: b.namespace,
          role_kind: b.roleRef.kind,
          role_name: b.roleRef.name,
          subjects: b.subjects,
          labels: b.labels ?? {},
          annotations: storableAnnotations(b.annotations),
        })),
      ],
    },
    {
      name: "workload",
      columns: [
        ["kind", `"WorkloadKind"`],
        ["name", "text"],
        ["namespace", "text"],
        ["service_account", "text"],
        ["node_name", "text"],
        ["owner", "jsonb"],
        ["security", "jsonb"],
        ["labels", "jsonb"],
        ["annotations", "jsonb"],
      ],
      rows: () => inv.workloads.map((w) => ({
        kind: w.kind,
        name: w.name,
        namespace: w.namespace,
        service_account: w.serviceAccountName,
        node_name: w.nodeName ?? null,
        owner: w.owner ? { kind: w.owner.kind, name: w.owner.name } : null,
        security: w.security,
        labels: w.labels ?? {},
        annotations: storableAnnotations(w.annotations),
      })),
    },
    {
      name: "secret_meta",
      columns: [
        ["name", "text"],
        ["namespace", "text"],
        ["type", "text"],
        ["labels", "jsonb"],
        ["annotations", "jsonb"],
      ],
      rows: () => inv.secrets.map((s) => ({
        name: s.name,
        namespace: s.namespace,
        type: s.type ?? null,
        labels: s.labels ?? {},
        annotations: storableAnnotations(s.annotations),
      })),
    },
    {
      name: "node",
      columns: [
        ["name", "text"],
        ["labels", "jsonb"],
        ["annotations", "jsonb"],
        ["taints", "jsonb"],
      ],
      rows: () => inv.nodes.map((n) => ({
        name: n.name,
        labels: n.labels ?? {},
        annotations: storableAnnotations(n.annotations),
        taints: n.taints.map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect })),
      })),
    },
    {
      name: "finding",
      columns: [
        ["rule_id", "text"],
        ["severity", `"Severity"`],
        ["identity_id", "text"],
        ["object_kind", "text"],
        ["object_name", "text"],
        ["object_namespace", "text"],
        ["namespace", "text"],
        ["message", "text"],
        ["evidence", "jsonb"],
        ["by_design", "boolean"],
      ],
      rows: () => input.findings.map((f) => ({
        rule_id: f.ruleId,
        severity: f.severity,
        identity_id: f.identityId ?? null,
        object_kind: f.object?.kind ?? null,
        object_name: f.object?.name ?? null,
        object_namespace: f.object?.namespace ?? null,
        namespace: f.namespace,
        message: f.message,
        evidence: f.evidence,
        by_design: f.byDesign,
      })),
    },
  ];
}

/**
 * Identity rows plus the effective-permission summary. An identity's grants are its own followed by those inherited
 * through each group; every run of grants received through one binding subject (`via`) is stored once as a GrantSet
 * keyed by that subject's id and shared by every identity inheriting it (all service accounts share
 * system:serviceaccounts' grants). `grant_keys` lists an identity's sets in order, so expanding them gives back
 * exactly `grantsByIdentity.get(id)`. Should two identities ever carry different grants through the same subject,
 * the second gets a private set keyed `<identity>><subject>`.
 *
 * Within a set, consecutive grants of one binding and role with consecutive rule indexes become one range entry; the
 * rules themselves are stored once per role (RoleRules), as the engine bound them (after aggregation).
 */
function identityTables(input: SaveSnapshotInput): {
  identityRows: Record<string, unknown>[];
  grantSetRows: Record<string, unknown>[];
  roleRulesRows: Record<string, unknown>[];
} {
  const risks = new Map(input.risks.map((r) => [r.identityId, r]));
  const findingCounts = new Map<string, number>();
  for (const f of input.findings) if (f.identityId) findingCounts.set(f.identityId, (findingCounts.get(f.identityId) ?? 0) + 1);
  const serviceAccounts = new Map(input.inventory.serviceAccounts.map((sa) => [`${sa.namespace}/${sa.name}`, sa]));

  const sets = new Map<string, Grant[]>();
  const roleRules = new Map<string, PolicyRule[]>();
  const grantSetRows: Record<string, unknown>[] = [];
  const identityRows: Record<string, unknown>[] = [];

  for (const identity of input.analysis.identities) {
    const grants = input.analysis.grantsByIdentity.get(identity.id) ?? [];
    const keys: string[] = [];
    for (const run of runsByVia(grants)) {
      let key = run.subjectId;
      const existing = sets.get(key);
      if (existing && !sameGrants(existing, run.grants)) key = `${identity.id}>${run.subjectId}`;
      if (!sets.has(key)) {
        sets.set(key, run.grants);
        grantSetRows.push({ key, subject_id: run.subjectId, via: run.grants[0]!.via, entries: compactGrants(run.grants, roleRules), grant_count: run.grants.length });
      }
      keys.push(key);
    }
    const risk = risks.get(identity.id);
    const sa = identity.kind === "ServiceAccount" ? serviceAccounts.get(`${identity.namespace}/${identity.name}`) : undefined;
    identityRows.push({
      identity_id: identity.id,
      kind: identity.kind,
      name: identity.name,
      namespace: identity.namespace ?? null,
      username: identity.username ?? null,
      groups: identity.groups,
      built_in: identity.builtIn,
      exists: identity.exists,
      binding_refs: identity.bindings,
      service_account: sa
        ? {
            labels: sa.labels ?? {},
            annotations: storableAnnotations(sa.annotations),
            automountServiceAccountToken: sa.automountServiceAccountToken ?? null,
            secrets: sa.secrets,
            imagePullSecrets: sa.imagePullSecrets,
          }
        : null,
      grant_keys: keys,
      grant_count: grants.length,
      risk_score: risk ? Math.round(risk.score) : 0,
      risk_level: risk?.level ?? "none",
      over_permissive: risk?.overPermissive ?? false,
      risk_reasons: risk?.reasons ?? [],
      finding_count: findingCounts.get(identity.id) ?? 0,
    });
  }
  const roleRulesRows = [...roleRules].map(([role_key, rules]) => ({ role_key, rules }));
  return { identityRows, grantSetRows, roleRulesRows };
}

/** Splits grants into runs received through the same binding subject (`via`), in order. */
function runsByVia(grants: Grant[]): { subjectId: string; grants: Grant[] }[] {
  const runs: { subjectId: string; grants: Grant[] }[] = [];
  let lastVia: Grant["via"] | undefined;
  for (const g of grants) {
    const last = runs[runs.length - 1];
    // The engine shares one `via` object per binding subject, so the id is only recomputed when it changes.
    const id = last && g.via === lastVia ? last.subjectId : subjectId(g.via.kind, g.via.name, g.via.namespace);
    lastVia = g.via;
    if (last && last.subjectId === id) last.grants.push(g);
    else runs.push({ subjectId: id, grants: [g] });
  }
  return runs;
}

/** Range entries over the roles' rules; records each role's rules in `roleRules` on first sight. */
function compactGrants(grants: Grant[], roleRules: Map<string, PolicyRule[]>): GrantEntry[] {
  const entries: GrantEntry[] = [];
  let range: GrantRangeEntry | undefined;
  for (const g of grants) {
    const key = roleKey(g.role);
    let rules = roleRules.get(key);
    if (!rules) roleRules.set(key, (rules = []));
    const known = rules[g.ruleIndex];
    if (known === undefined) rules[g.ruleIndex] = g.rule;
    else if (known !== g.rule && JSON.stringify(known) !== JSON.stringify(g.rule)) {
      entries.push({ grant: g });
      range = undefined;
      continue;
    }
    if (range && range.to === g.ruleIndex && range.namespace === g.namespace && sameBindingRef(range.binding, g.binding) && sameRoleRef(range.role, g.role)) {
      range.to++;
    } else {
      range = { binding: g.binding, role: g.role, namespace: g.namespace, from: g.ruleIndex, to: g.ruleIndex + 1 };
      entries.push(range);
    }
  }
  return entries;
}

function sameGrants(a: Grant[], b: Grant[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  return true;
}

function snapshotCounts(input: SaveSnapshotInput): Record<string, number> {
  const inv = input.inventory;
  const byKind = (kind: Identity["kind"]) => input.analysis.identities.filter((i) => i.kind === kind).length;
  // Caller counters first: the object counts computed here are what list pages rely on.
  return {
    ...(input.counts ?? {}),
    namespaces: inv.namespaces.length,
    serviceAccounts: inv.serviceAccounts.length,
    roles: inv.roles.length,
    clusterRoles: inv.clusterRoles.length,
    roleBindings: inv.roleBindings.length,
    clusterRoleBindings: inv.clusterRoleBindings.length,
    workloads: inv.workloads.length,
    secrets: inv.secrets.length,
    nodes: inv.nodes.length,
    networkPolicies: inv.networkPolicies.length,
    webhookConfigurations: inv.webhookConfigurations.length,
    identities: input.analysis.identities.length,
    users: byKind("User"),
    groups: byKind("Group"),
    serviceAccountIdentities: byKind("ServiceAccount"),
    findings: input.findings.length,
  };
}

function inventoryExtras(inv: Inventory): Record<string, unknown> {
  return {
    networkPolicies: inv.networkPolicies.map((p) => ({ name: p.name, namespace: p.namespace, podSelector: p.podSelector, policyTypes: p.policyTypes })),
    webhookConfigurations: inv.webhookConfigurations.map((w) => ({ kind: w.kind, name: w.name, webhookNames: w.webhookNames })),
    awsAuth: inv.awsAuth,
    ignoredKinds: inv.ignoredKinds,
  };
}
