import { z } from "zod";
import { WORKLOAD_KINDS, type Inventory } from "@/lib/k8s/types";

/**
 * `POST /api/ingest` payload: a normalized inventory (lib/k8s Inventory) collected by `palisade collect … --push`.
 * Object schemas strip unknown keys, so nothing the server does not model — in particular no Secret data — can ride
 * along into the store. Every list and string is bounded.
 */

const name = z.string().min(1, "must not be empty").max(253, "longer than Kubernetes allows (253)");
const stringMap = z.record(z.string().max(317), z.string().max(262_144)).default({});
const source = z.object({ file: z.string().max(4096).optional(), line: z.number().int().nonnegative().optional() }).optional();

const objectMeta = {
  name,
  uid: z.string().max(64).optional(),
  labels: stringMap,
  annotations: stringMap,
  creationTimestamp: z.string().max(64).optional(),
  source,
};
const namespaced = { ...objectMeta, namespace: name };

const strings = (max = 10_000) => z.array(z.string().max(1024)).max(max).default([]);

const policyRule = z.object({
  verbs: strings(),
  apiGroups: strings(),
  resources: strings(),
  resourceNames: strings(),
  nonResourceURLs: strings(),
});

const labelSelector = z.object({
  matchLabels: stringMap,
  matchExpressions: z
    .array(z.object({ key: z.string().max(317), operator: z.enum(["In", "NotIn", "Exists", "DoesNotExist"]), values: strings() }))
    .max(1000)
    .default([]),
});

const subjectRef = z.object({ kind: z.enum(["User", "Group", "ServiceAccount"]), name: z.string().min(1).max(1024), namespace: z.string().max(253).optional() });
const roleRef = z.object({ kind: z.enum(["Role", "ClusterRole"]), name, apiGroup: z.string().max(253) });

const podSecurity = z.object({
  privileged: z.boolean(),
  hostPID: z.boolean(),
  hostIPC: z.boolean(),
  hostNetwork: z.boolean(),
  hostPaths: z.array(z.object({ path: z.string().max(4096), readOnly: z.boolean() })).max(1000),
  capabilities: strings(1000),
  allowPrivilegeEscalation: z.boolean(),
  runAsRoot: z.boolean(),
  automountServiceAccountToken: z.boolean(),
  secretRefs: strings(),
  images: strings(1000),
  containerNames: strings(1000),
});

const MAX_OBJECTS = 2_000_000;
const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_OBJECTS).default([]);

export const inventorySchema = z.object({
  namespaces: list(z.object({ ...objectMeta, kind: z.literal("Namespace") })),
  serviceAccounts: list(
    z.object({ ...namespaced, kind: z.literal("ServiceAccount"), automountServiceAccountToken: z.boolean().optional(), secrets: strings(), imagePullSecrets: strings() }),
  ),
  roles: list(z.object({ ...namespaced, kind: z.literal("Role"), rules: z.array(policyRule).max(10_000) })),
  clusterRoles: list(
    z.object({
      ...objectMeta,
      kind: z.literal("ClusterRole"),
      rules: z.array(policyRule).max(10_000),
      aggregationRule: z.object({ clusterRoleSelectors: z.array(labelSelector).max(1000) }).optional(),
    }),
  ),
  roleBindings: list(z.object({ ...namespaced, kind: z.literal("RoleBinding"), roleRef, subjects: z.array(subjectRef).max(10_000).default([]) })),
  clusterRoleBindings: list(z.object({ ...objectMeta, kind: z.literal("ClusterRoleBinding"), roleRef, subjects: z.array(subjectRef).max(10_000).default([]) })),
  workloads: list(
    z.object({
      ...namespaced,
      kind: z.enum(WORKLOAD_KINDS),
      serviceAccountName: z.string().max(253),
      owner: z.object({ kind: z.string().max(253), name: z.string().max(253) }).optional(),
      nodeName: z.string().max(253).optional(),
      security: podSecurity,
    }),
  ),
  secrets: list(z.object({ ...namespaced, kind: z.literal("Secret"), type: z.string().max(253).optional() })),
  nodes: list(
    z.object({
      ...objectMeta,
      kind: z.literal("Node"),
      taints: z.array(z.object({ key: z.string().max(317), value: z.string().max(253).optional(), effect: z.string().max(64) })).max(1000).default([]),
    }),
  ),
  networkPolicies: list(z.object({ ...namespaced, kind: z.literal("NetworkPolicy"), podSelector: labelSelector, policyTypes: strings(10) })),
  webhookConfigurations: list(
    z.object({ ...objectMeta, kind: z.enum(["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"]), webhookNames: strings(1000) }),
  ),
  awsAuth: list(z.object({ type: z.enum(["role", "user"]), arn: z.string().max(2048), username: z.string().max(1024).optional(), groups: strings(1000) })),
  ignoredKinds: z.record(z.string().max(512), z.number().int().nonnegative()).default({}),
}) satisfies z.ZodType<Inventory, unknown>;

/** A cluster name as shown in the UI and used in URLs. */
export const clusterNameSchema = z
  .string({ error: "cluster is required" })
  .trim()
  .min(1, "cluster is required")
  .max(100, "cluster name must be at most 100 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@/-]*$/, "cluster name may contain letters, digits and . _ : @ / - (starting with a letter or digit)");

export const ingestPayloadSchema = z.object({
  schemaVersion: z.literal(1, { error: "schemaVersion must be 1 (upgrade the server or the CLI so they match)" }),
  cluster: clusterNameSchema,
  source: z.enum(["live", "in-cluster", "files"], { error: "source must be live, in-cluster or files" }),
  sourceDetail: z.string().max(1000).regex(/^[^<>]*$/, "sourceDetail may not contain < or >").optional(),
  inventory: inventorySchema,
  coverageGaps: z
    .array(z.object({ resource: z.string().max(253), namespace: z.string().max(253).optional(), reason: z.string().max(2000) }))
    .max(10_000)
    .default([]),
  counts: z.record(z.string().max(100), z.number().finite()).default({}),
});

export type IngestPayload = z.infer<typeof ingestPayloadSchema>;
