// Server-side only; see lib/store/client.ts.
import type {
  AwsAuthMapping,
  ClusterRole,
  ClusterRoleBinding,
  Inventory,
  LabelSelector,
  Namespace,
  NetworkPolicy,
  PolicyRule,
  Role,
  RoleBinding,
  ServiceAccount,
  SubjectRef,
  WebhookConfiguration,
} from "@/lib/k8s/types";
import { emptyInventory } from "@/lib/k8s/types";
import { getPrisma } from "./client";
import type { StoredServiceAccount } from "./types";

interface RoleRowSql {
  kind: "Role" | "ClusterRole";
  name: string;
  namespace: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  rules: PolicyRule[];
  aggregation_selectors: LabelSelector[] | null;
}

interface BindingRowSql {
  kind: "RoleBinding" | "ClusterRoleBinding";
  name: string;
  namespace: string | null;
  role_kind: "Role" | "ClusterRole";
  role_name: string;
  subjects: SubjectRef[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** The parts of Snapshot.inventoryExtras this module reads back. */
interface InventoryExtras {
  networkPolicies?: Omit<NetworkPolicy, "kind" | "labels" | "annotations">[];
  webhookConfigurations?: Omit<WebhookConfiguration, "labels" | "annotations">[];
  awsAuth?: AwsAuthMapping[];
  ignoredKinds?: Record<string, number>;
}

const RBAC_API_GROUP = "rbac.authorization.k8s.io";

/**
 * Rebuilds, from a stored snapshot, the part of its Inventory the RBAC engine reads: namespaces, service accounts,
 * Roles and ClusterRoles (as written, with their aggregation selectors, so `analyze` aggregates them again exactly as
 * the collector saw them), RoleBindings and ClusterRoleBindings, plus the small extras kept whole (aws-auth mappings,
 * network policies, webhook configurations, ignored kinds). Workloads, Secret metadata and nodes are NOT loaded (the
 * engine's who-can / can-i never read them): those lists are empty. Four queries; null when the snapshot is absent.
 */
export async function loadSnapshotInventory(snapshotId: number): Promise<Inventory | null> {
  const prisma = await getPrisma();
  const [snapshot, namespaces, serviceAccounts, roles, bindings] = await Promise.all([
    prisma.snapshot.findUnique({ where: { id: snapshotId }, select: { inventoryExtras: true } }),
    prisma.$queryRawUnsafe<{ name: string; labels: Record<string, string>; annotations: Record<string, string> }[]>(
      `SELECT name, labels, annotations FROM namespace WHERE snapshot_id = $1 ORDER BY id`,
      snapshotId,
    ),
    prisma.$queryRawUnsafe<{ name: string; namespace: string; service_account: StoredServiceAccount | null }[]>(
      `SELECT name, namespace, service_account FROM identity WHERE snapshot_id = $1 AND kind = 'ServiceAccount' AND "exists" ORDER BY identity_id`,
      snapshotId,
    ),
    prisma.$queryRawUnsafe<RoleRowSql[]>(
      `SELECT kind::text AS kind, name, namespace, labels, annotations, rules, aggregation_selectors FROM role WHERE snapshot_id = $1 ORDER BY id`,
      snapshotId,
    ),
    prisma.$queryRawUnsafe<BindingRowSql[]>(
      `SELECT kind::text AS kind, name, namespace, role_kind::text AS role_kind, role_name, subjects, labels, annotations
         FROM binding WHERE snapshot_id = $1 ORDER BY id`,
      snapshotId,
    ),
  ]);
  if (!snapshot) return null;
  const extras = (snapshot.inventoryExtras ?? {}) as InventoryExtras;
  const inv = emptyInventory();
  inv.namespaces = namespaces.map((n): Namespace => ({ kind: "Namespace", name: n.name, labels: n.labels ?? {}, annotations: n.annotations ?? {} }));
  inv.serviceAccounts = serviceAccounts.map(
    (s): ServiceAccount => ({
      kind: "ServiceAccount",
      name: s.name,
      namespace: s.namespace,
      labels: s.service_account?.labels ?? {},
      annotations: s.service_account?.annotations ?? {},
      ...(s.service_account?.automountServiceAccountToken != null ? { automountServiceAccountToken: s.service_account.automountServiceAccountToken } : {}),
      secrets: s.service_account?.secrets ?? [],
      imagePullSecrets: s.service_account?.imagePullSecrets ?? [],
    }),
  );
  for (const r of roles) {
    if (r.kind === "ClusterRole") {
      const role: ClusterRole = { kind: "ClusterRole", name: r.name, labels: r.labels ?? {}, annotations: r.annotations ?? {}, rules: r.rules };
      if (r.aggregation_selectors) role.aggregationRule = { clusterRoleSelectors: r.aggregation_selectors };
      inv.clusterRoles.push(role);
    } else {
      inv.roles.push({ kind: "Role", name: r.name, namespace: r.namespace ?? "", labels: r.labels ?? {}, annotations: r.annotations ?? {}, rules: r.rules } satisfies Role);
    }
  }
  for (const b of bindings) {
    const roleRef = { kind: b.role_kind, name: b.role_name, apiGroup: RBAC_API_GROUP };
    const meta = { name: b.name, labels: b.labels ?? {}, annotations: b.annotations ?? {} };
    if (b.kind === "ClusterRoleBinding") inv.clusterRoleBindings.push({ kind: "ClusterRoleBinding", ...meta, roleRef, subjects: b.subjects } satisfies ClusterRoleBinding);
    else inv.roleBindings.push({ kind: "RoleBinding", ...meta, namespace: b.namespace ?? "", roleRef, subjects: b.subjects } satisfies RoleBinding);
  }
  inv.awsAuth = extras.awsAuth ?? [];
  inv.networkPolicies = (extras.networkPolicies ?? []).map((p) => ({ kind: "NetworkPolicy", labels: {}, annotations: {}, ...p }));
  inv.webhookConfigurations = (extras.webhookConfigurations ?? []).map((w) => ({ labels: {}, annotations: {}, ...w }));
  inv.ignoredKinds = extras.ignoredKinds ?? {};
  return inv;
}
