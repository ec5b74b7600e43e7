/**
 * What the live collector reads, declared once: each entry is one cluster-wide list (paginated).
 * deploy/palisade-collector-rbac.yaml grants `list` on exactly these (plus `get` on kube-system/aws-auth), so keep
 * them in sync; live.test.ts checks the RBAC file against this table.
 */

export interface LiveResource {
  /** Plural resource name: the key of `perKind` and of coverage gaps. */
  resource: string;
  group: string;
  version: string;
  kind: string;
  namespaced: boolean;
  /** Listed as PartialObjectMetadata only (Secrets: values are never transferred). */
  metadataOnly?: boolean;
}

export const LIVE_RESOURCES: readonly LiveResource[] = [
  { resource: "namespaces", group: "", version: "v1", kind: "Namespace", namespaced: false },
  { resource: "serviceaccounts", group: "", version: "v1", kind: "ServiceAccount", namespaced: true },
  { resource: "clusterroles", group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole", namespaced: false },
  { resource: "clusterrolebindings", group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRoleBinding", namespaced: false },
  { resource: "roles", group: "rbac.authorization.k8s.io", version: "v1", kind: "Role", namespaced: true },
  { resource: "rolebindings", group: "rbac.authorization.k8s.io", version: "v1", kind: "RoleBinding", namespaced: true },
  { resource: "pods", group: "", version: "v1", kind: "Pod", namespaced: true },
  { resource: "deployments", group: "apps", version: "v1", kind: "Deployment", namespaced: true },
  { resource: "replicasets", group: "apps", version: "v1", kind: "ReplicaSet", namespaced: true },
  { resource: "statefulsets", group: "apps", version: "v1", kind: "StatefulSet", namespaced: true },
  { resource: "daemonsets", group: "apps", version: "v1", kind: "DaemonSet", namespaced: true },
  { resource: "replicationcontrollers", group: "", version: "v1", kind: "ReplicationController", namespaced: true },
  { resource: "jobs", group: "batch", version: "v1", kind: "Job", namespaced: true },
  { resource: "cronjobs", group: "batch", version: "v1", kind: "CronJob", namespaced: true },
  { resource: "nodes", group: "", version: "v1", kind: "Node", namespaced: false },
  { resource: "networkpolicies", group: "networking.k8s.io", version: "v1", kind: "NetworkPolicy", namespaced: true },
  {
    resource: "validatingwebhookconfigurations",
    group: "admissionregistration.k8s.io",
    version: "v1",
    kind: "ValidatingWebhookConfiguration",
    namespaced: false,
  },
  {
    resource: "mutatingwebhookconfigurations",
    group: "admissionregistration.k8s.io",
    version: "v1",
    kind: "MutatingWebhookConfiguration",
    namespaced: false,
  },
  { resource: "secrets", group: "", version: "v1", kind: "Secret", namespaced: true, metadataOnly: true },
];

/** The one object read with `get`: EKS's IAM → Kubernetes identity mapping. Absent (404) on non-EKS clusters. */
export const AWS_AUTH = { resource: "configmaps", namespace: "kube-system", name: "aws-auth", key: "configmaps/aws-auth" } as const;

export function apiVersionOf(r: { group: string; version: string }): string {
  return r.group === "" ? r.version : `${r.group}/${r.version}`;
}

/** URL path of a list: cluster-wide, or in one namespace. */
export function listPath(r: LiveResource, namespace?: string): string {
  const base = r.group === "" ? `/api/${r.version}` : `/apis/${r.group}/${r.version}`;
  return namespace === undefined ? `${base}/${r.resource}` : `${base}/namespaces/${encodeURIComponent(namespace)}/${r.resource}`;
}

/** Accept header asking for metadata only (the API server then never serializes a Secret's data). */
export const METADATA_ONLY_ACCEPT = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";
