/**
 * A small cluster written by hand for the pipeline tests, served by the fake Kubernetes API server.
 *
 *   namespaces: default, kube-system, payments, ci
 *   ClusterRole cluster-admin  [* * *; nonResourceURLs *]      ← ClusterRoleBinding admins: User alice
 *   ClusterRole secret-reader  [get, list secrets]             ← RoleBinding payments/read-secrets: ServiceAccount payments/api
 *   Role ci/deployer           [create deployments.apps]       ← RoleBinding ci/deployer: ServiceAccount builder (namespace
 *                                                                 omitted, so the binding's namespace: ci/builder)
 *   ServiceAccounts: payments/api, ci/builder, default/default
 *   Pods: payments/api-0 (SA api), ci/runner (SA builder, privileged)
 *   Secret payments/db-creds with data, stringData and a last-applied annotation holding the same values.
 *
 * What Kubernetes RBAC makes of it (worked out by hand):
 *   - alice is cluster-admin everywhere                     → cluster-admin-equivalent (critical), cluster-wide
 *   - payments/api may get and list Secrets in payments     → secrets-read-namespaced, namespace payments (list: high)
 *   - ci/builder may create Deployments in ci, nowhere else → workload-controllers-create, namespace ci (high)
 */
import type { RawObject } from "@/test/support/fake-kube-api";

export const SECRET_VALUE = "hunter2-THE-SECRET-VALUE";
export const SECRET_VALUE_B64 = Buffer.from(SECRET_VALUE).toString("base64");

const rbac = "rbac.authorization.k8s.io/v1";

export function handWrittenCluster(): RawObject[] {
  const ns = (name: string): RawObject => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
  const sa = (namespace: string, name: string): RawObject => ({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace } });
  return [
    ns("default"),
    ns("kube-system"),
    ns("payments"),
    ns("ci"),
    sa("payments", "api"),
    sa("ci", "builder"),
    sa("default", "default"),
    {
      apiVersion: rbac,
      kind: "ClusterRole",
      metadata: { name: "cluster-admin" },
      rules: [
        { apiGroups: ["*"], resources: ["*"], verbs: ["*"] },
        { nonResourceURLs: ["*"], verbs: ["*"] },
      ],
    },
    { apiVersion: rbac, kind: "ClusterRole", metadata: { name: "secret-reader" }, rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }] },
    {
      apiVersion: rbac,
      kind: "ClusterRoleBinding",
      metadata: { name: "admins" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "alice" }],
    },
    {
      apiVersion: rbac,
      kind: "RoleBinding",
      metadata: { name: "read-secrets", namespace: "payments" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "secret-reader" },
      subjects: [{ kind: "ServiceAccount", name: "api", namespace: "payments" }],
    },
    { apiVersion: rbac, kind: "Role", metadata: { name: "deployer", namespace: "ci" }, rules: [{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["create"] }] },
    {
      apiVersion: rbac,
      kind: "RoleBinding",
      metadata: { name: "deployer", namespace: "ci" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "deployer" },
      subjects: [{ kind: "ServiceAccount", name: "builder" }],
    },
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "api-0", namespace: "payments" },
      spec: { serviceAccountName: "api", containers: [{ name: "api", image: "registry.example/api:1" }] },
    },
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "runner", namespace: "ci" },
      spec: { serviceAccountName: "builder", containers: [{ name: "runner", image: "registry.example/runner:1", securityContext: { privileged: true } }] },
    },
    {
      apiVersion: "v1",
      kind: "Secret",
      type: "Opaque",
      metadata: {
        name: "db-creds",
        namespace: "payments",
        labels: { app: "api" },
        annotations: {
          "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify({
            apiVersion: "v1",
            kind: "Secret",
            metadata: { name: "db-creds", namespace: "payments" },
            data: { password: SECRET_VALUE_B64 },
            stringData: { token: SECRET_VALUE },
          }),
        },
      },
      data: { password: SECRET_VALUE_B64 },
      stringData: { token: SECRET_VALUE },
    },
  ];
}
