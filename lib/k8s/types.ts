/**
 * Palisade's normalized Kubernetes inventory: narrow, plain, typed objects.
 * client-node's V1* types and raw manifests stop at the collector boundary (lib/collect);
 * everything downstream (engine, rules, graph, store, UI) reads only these shapes.
 */

export type SubjectKind = "User" | "Group" | "ServiceAccount";

/** A subject as named by a binding. `namespace` is set for ServiceAccounts only. */
export interface SubjectRef {
  kind: SubjectKind;
  name: string;
  namespace?: string;
}

/** Where an object came from: a file (with its 1-based line) or a live cluster list. */
export interface SourceLocation {
  file?: string;
  line?: number;
}

export interface ObjectMeta {
  name: string;
  uid?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  creationTimestamp?: string;
  source?: SourceLocation;
}

export interface NamespacedMeta extends ObjectMeta {
  namespace: string;
}

/** rbac.authorization.k8s.io/v1 PolicyRule; absent lists are normalized to []. */
export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

export type LabelSelectorOperator = "In" | "NotIn" | "Exists" | "DoesNotExist";

export interface LabelSelectorRequirement {
  key: string;
  operator: LabelSelectorOperator;
  values: string[];
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: LabelSelectorRequirement[];
}

export interface Role extends NamespacedMeta {
  kind: "Role";
  rules: PolicyRule[];
}

export interface ClusterRole extends ObjectMeta {
  kind: "ClusterRole";
  rules: PolicyRule[];
  /** When set, the aggregation controller replaces `rules` with the union of the selected ClusterRoles' rules. */
  aggregationRule?: { clusterRoleSelectors: LabelSelector[] };
}

export interface RoleRef {
  kind: "Role" | "ClusterRole";
  name: string;
  apiGroup: string;
}

export interface RoleBinding extends NamespacedMeta {
  kind: "RoleBinding";
  roleRef: RoleRef;
  subjects: SubjectRef[];
}

export interface ClusterRoleBinding extends ObjectMeta {
  kind: "ClusterRoleBinding";
  roleRef: RoleRef;
  subjects: SubjectRef[];
}

export interface Namespace extends ObjectMeta {
  kind: "Namespace";
}

export interface ServiceAccount extends NamespacedMeta {
  kind: "ServiceAccount";
  automountServiceAccountToken?: boolean;
  /** Names of Secrets listed under `.secrets` (legacy token secrets). */
  secrets: string[];
  imagePullSecrets: string[];
}

export const WORKLOAD_KINDS = [
  "Pod",
  "Deployment",
  "ReplicaSet",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "CronJob",
  "ReplicationController",
] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export interface HostPathMount {
  path: string;
  readOnly: boolean;
}

/** Security-relevant summary of a pod spec (a Pod's own, or a controller's pod template). */
export interface PodSecuritySummary {
  privileged: boolean;
  hostPID: boolean;
  hostIPC: boolean;
  hostNetwork: boolean;
  hostPaths: HostPathMount[];
  /** Added Linux capabilities across all containers, upper-case without CAP_ prefix. */
  capabilities: string[];
  allowPrivilegeEscalation: boolean;
  runAsRoot: boolean;
  /** Effective token automount (pod spec overrides the service account). */
  automountServiceAccountToken: boolean;
  /** Secrets mounted as volumes, projected volumes or referenced through env/envFrom. */
  secretRefs: string[];
  images: string[];
  containerNames: string[];
}

export interface Workload extends NamespacedMeta {
  kind: WorkloadKind;
  serviceAccountName: string;
  /** Controller owner (e.g. a Pod's ReplicaSet), when known. */
  owner?: { kind: string; name: string };
  nodeName?: string;
  security: PodSecuritySummary;
}

/** Secret metadata only: Palisade never reads or stores a Secret's data. */
export interface SecretMeta extends NamespacedMeta {
  kind: "Secret";
  /** Unknown when collected as metadata-only (PartialObjectMetadata carries no type). */
  type?: string;
}

export interface NodeInfo extends ObjectMeta {
  kind: "Node";
  taints: { key: string; value?: string; effect: string }[];
}

export interface NetworkPolicy extends NamespacedMeta {
  kind: "NetworkPolicy";
  podSelector: LabelSelector;
  policyTypes: string[];
}

export interface WebhookConfiguration extends ObjectMeta {
  kind: "ValidatingWebhookConfiguration" | "MutatingWebhookConfiguration";
  webhookNames: string[];
}

/** One entry of kube-system/aws-auth (mapRoles / mapUsers). */
export interface AwsAuthMapping {
  type: "role" | "user";
  arn: string;
  username?: string;
  groups: string[];
}

export interface Inventory {
  namespaces: Namespace[];
  serviceAccounts: ServiceAccount[];
  roles: Role[];
  clusterRoles: ClusterRole[];
  roleBindings: RoleBinding[];
  clusterRoleBindings: ClusterRoleBinding[];
  workloads: Workload[];
  secrets: SecretMeta[];
  nodes: NodeInfo[];
  networkPolicies: NetworkPolicy[];
  webhookConfigurations: WebhookConfiguration[];
  awsAuth: AwsAuthMapping[];
  /** Objects of kinds Palisade does not model, counted by `apiVersion/kind`. */
  ignoredKinds: Record<string, number>;
}

export function emptyInventory(): Inventory {
  return {
    namespaces: [],
    serviceAccounts: [],
    roles: [],
    clusterRoles: [],
    roleBindings: [],
    clusterRoleBindings: [],
    workloads: [],
    secrets: [],
    nodes: [],
    networkPolicies: [],
    webhookConfigurations: [],
    awsAuth: [],
    ignoredKinds: {},
  };
}
