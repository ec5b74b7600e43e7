import type { SubjectKind, SubjectRef } from "@/lib/k8s/types";
import type { IdentityId } from "./types";

/*
 * Identities and their implicit groups, as the API server's authenticators assign them:
 *  - every authenticated user is in `system:authenticated`; the anonymous user `system:anonymous` is in
 *    `system:unauthenticated` instead (staging/src/k8s.io/apiserver/pkg/authentication/request/anonymous);
 *  - a service account authenticates as user `system:serviceaccount:NS:NAME` in groups `system:serviceaccounts`,
 *    `system:serviceaccounts:NS` (staging/src/k8s.io/apiserver/pkg/authentication/serviceaccount/util.go) and
 *    `system:authenticated`.
 */

export const SYSTEM_AUTHENTICATED = "system:authenticated";
export const SYSTEM_UNAUTHENTICATED = "system:unauthenticated";
export const SYSTEM_ANONYMOUS = "system:anonymous";
export const SYSTEM_MASTERS = "system:masters";
export const SERVICE_ACCOUNTS_GROUP = "system:serviceaccounts";
const SA_USER_PREFIX = "system:serviceaccount:";

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SA_USER_PREFIX}${namespace}:${name}`;
}

/** Splits `system:serviceaccount:NS:NAME` (serviceaccount.SplitUsername); undefined for any other user. */
export function parseServiceAccountUsername(user: string): { namespace: string; name: string } | undefined {
  if (!user.startsWith(SA_USER_PREFIX)) return undefined;
  const parts = user.slice(SA_USER_PREFIX.length).split(":");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { namespace: parts[0], name: parts[1] };
}

/** The groups the API server adds to an authenticated request for `user`. */
export function implicitGroupsFor(user: string): string[] {
  if (user === SYSTEM_ANONYMOUS) return [SYSTEM_UNAUTHENTICATED];
  const sa = parseServiceAccountUsername(user);
  if (sa) return [SERVICE_ACCOUNTS_GROUP, `${SERVICE_ACCOUNTS_GROUP}:${sa.namespace}`, SYSTEM_AUTHENTICATED];
  return [SYSTEM_AUTHENTICATED];
}

export function identityId(kind: SubjectKind, name: string, namespace?: string): IdentityId {
  return kind === "ServiceAccount" ? `ServiceAccount:${namespace ?? ""}:${name}` : `${kind}:${name}`;
}

/**
 * The identity a binding subject stands for, or undefined when it can never match a request.
 * A User subject spelled `system:serviceaccount:NS:NAME` is that service account.
 * A ServiceAccount subject without namespace takes the RoleBinding's namespace and never matches in a
 * ClusterRoleBinding (appliesToUser in pkg/registry/rbac/validation/rule.go).
 */
export function subjectIdentity(
  subject: SubjectRef,
  bindingNamespace: string | undefined,
): { kind: SubjectKind; name: string; namespace?: string; id: IdentityId } | undefined {
  switch (subject.kind) {
    case "User": {
      const sa = parseServiceAccountUsername(subject.name);
      if (sa) return { kind: "ServiceAccount", ...sa, id: identityId("ServiceAccount", sa.name, sa.namespace) };
      return { kind: "User", name: subject.name, id: identityId("User", subject.name) };
    }
    case "Group":
      return { kind: "Group", name: subject.name, id: identityId("Group", subject.name) };
    case "ServiceAccount": {
      const ns = subject.namespace || bindingNamespace;
      if (!ns) return undefined;
      return { kind: "ServiceAccount", name: subject.name, namespace: ns, id: identityId("ServiceAccount", subject.name, ns) };
    }
    default:
      subject.kind satisfies never;
      return undefined;
  }
}

/** Whether a binding subject applies to a request by `user` in `groups` (appliesToUser). */
export function subjectAppliesTo(subject: SubjectRef, bindingNamespace: string | undefined, user: string, groups: readonly string[]): boolean {
  switch (subject.kind) {
    case "User":
      return subject.name === user;
    case "Group":
      return groups.includes(subject.name);
    case "ServiceAccount": {
      const ns = subject.namespace || bindingNamespace;
      if (!ns) return false;
      return user === serviceAccountUsername(ns, subject.name);
    }
    default:
      subject.kind satisfies never;
      return false;
  }
}

/**
 * Parses the CLI/UI subject syntax: `user:NAME`, `group:NAME`, `serviceaccount:NS:NAME` (also `sa:NS:NAME`).
 * Names may contain colons (`user:system:kube-scheduler`), so only the first separator counts.
 */
export function parseSubject(spec: string): IdentityId {
  const i = spec.indexOf(":");
  if (i <= 0) throw new Error(`invalid subject "${spec}": expected user:NAME, group:NAME or serviceaccount:NS:NAME`);
  const kind = spec.slice(0, i).toLowerCase();
  const rest = spec.slice(i + 1);
  if (!rest) throw new Error(`invalid subject "${spec}": the name is empty`);
  switch (kind) {
    case "user": {
      const sa = parseServiceAccountUsername(rest);
      return sa ? identityId("ServiceAccount", sa.name, sa.namespace) : identityId("User", rest);
    }
    case "group":
      return identityId("Group", rest);
    case "serviceaccount":
    case "sa": {
      const j = rest.indexOf(":");
      if (j <= 0 || j === rest.length - 1 || rest.indexOf(":", j + 1) !== -1) {
        throw new Error(`invalid subject "${spec}": expected serviceaccount:NAMESPACE:NAME`);
      }
      return identityId("ServiceAccount", rest.slice(j + 1), rest.slice(0, j));
    }
    default:
      throw new Error(`invalid subject "${spec}": unknown kind "${kind}" (use user, group or serviceaccount)`);
  }
}

/**
 * kube-system service accounts named by the bootstrap policy: the kube-controller-manager's controllers
 * (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/controller_policy.go) and the control-plane components and add-ons
 * its cluster and namespace role bindings name (policy.go, namespace_policy.go).
 */
export const BOOTSTRAP_CONTROLLER_SERVICE_ACCOUNTS: ReadonlySet<string> = new Set([
  "attachdetach-controller", "bootstrap-signer", "certificate-controller", "clusterrole-aggregation-controller",
  "cronjob-controller", "daemon-set-controller", "deployment-controller", "disruption-controller", "endpoint-controller",
  "endpointslice-controller", "endpointslicemirroring-controller", "ephemeral-volume-controller", "expand-controller",
  "generic-garbage-collector", "horizontal-pod-autoscaler", "job-controller", "legacy-service-account-token-cleaner",
  "namespace-controller", "node-controller", "persistent-volume-binder", "pod-garbage-collector", "podcheckpoint-controller",
  "pv-protection-controller", "pvc-protection-controller", "replicaset-controller", "replication-controller",
  "resource-claim-controller", "resourcequota-controller", "root-ca-cert-publisher", "route-controller",
  "selinux-warning-controller", "service-account-controller", "service-cidrs-controller", "service-controller",
  "statefulset-controller", "token-cleaner", "ttl-after-finished-controller", "ttl-controller",
  "validatingadmissionpolicy-status-controller", "volumeattributesclass-protection-controller",
  "kube-dns", "cloud-provider", "kube-controller-manager", "kube-scheduler", "leader-election-controller",
]);

/** Kubernetes' own identities: `system:` users and groups, and the controller-manager's kube-system service accounts. */
export function isBuiltInIdentity(kind: SubjectKind, name: string, namespace?: string): boolean {
  if (kind === "ServiceAccount") return namespace === "kube-system" && BOOTSTRAP_CONTROLLER_SERVICE_ACCOUNTS.has(name);
  return name.startsWith("system:");
}
