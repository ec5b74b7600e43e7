/**
 * Probe sets shared by several rules. API groups, resource names and scopes follow the Kubernetes API
 * (cluster-scoped resources are marked `cluster: true`).
 */
import type { PolicyRule } from "@/lib/k8s/types";
import type { Grant } from "@/lib/rbac/types";
import { anyOf, grantAllowsProbe, probes, ruleAllowsProbe, type Probe } from "./probes";

export const CORE = "";
export const APPS = "apps";
export const BATCH = "batch";
export const RBAC = "rbac.authorization.k8s.io";
export const CERTIFICATES = "certificates.k8s.io";
export const ADMISSION = "admissionregistration.k8s.io";
export const AUTHENTICATION = "authentication.k8s.io";
export const AUTHORIZATION = "authorization.k8s.io";

export const WRITE_VERBS = ["create", "update", "patch"] as const;
export const MODIFY_VERBS = ["update", "patch"] as const;

/** Every request: any verb on any resource of any group (what cluster-admin holds). */
export const EVERYTHING: Probe[] = probes({ verbs: ["*"], apiGroup: "*", resources: ["*"] });

export const SECRETS_LIST: Probe[] = probes({ verbs: ["list", "watch"], apiGroup: CORE, resources: ["secrets"] });
export const SECRETS_GET: Probe[] = probes({ verbs: ["get"], apiGroup: CORE, resources: ["secrets"] });

export const POD_CREATE: Probe[] = probes({ verbs: ["create"], apiGroup: CORE, resources: ["pods"] });

/** Pod controllers: creating or changing one runs a pod as any service account of its namespace. */
export const CONTROLLER_RESOURCES = {
  [APPS]: ["deployments", "daemonsets", "statefulsets", "replicasets"],
  [BATCH]: ["jobs", "cronjobs"],
  [CORE]: ["replicationcontrollers"],
} as const;

export function controllerProbes(verbs: readonly string[]): Probe[] {
  return anyOf(
    probes({ verbs, apiGroup: APPS, resources: CONTROLLER_RESOURCES[APPS] }),
    probes({ verbs, apiGroup: BATCH, resources: CONTROLLER_RESOURCES[BATCH] }),
    probes({ verbs, apiGroup: CORE, resources: CONTROLLER_RESOURCES[CORE] }),
  );
}

export const CONTROLLER_CREATE: Probe[] = controllerProbes(["create"]);
export const CONTROLLER_MODIFY: Probe[] = controllerProbes(MODIFY_VERBS);

/** exec: POST (create), or GET when the client upgrades to a websocket (kubectl ≥1.30). */
export const POD_EXEC: Probe[] = probes({ verbs: ["create", "get"], apiGroup: CORE, resources: ["pods/exec"] });
export const POD_ATTACH: Probe[] = probes({ verbs: ["create", "get"], apiGroup: CORE, resources: ["pods/attach"] });
export const POD_EPHEMERAL: Probe[] = probes({ verbs: MODIFY_VERBS, apiGroup: CORE, resources: ["pods/ephemeralcontainers"] });
export const SA_TOKEN_CREATE: Probe[] = probes({ verbs: ["create"], apiGroup: CORE, resources: ["serviceaccounts/token"] });

/**
 * `bind` is checked in the namespace of the binding being written (BindingAuthorized,
 * pkg/registry/rbac/escalation_check.go), so it applies to roles AND clusterroles inside a RoleBinding's namespace.
 */
export const BIND: Probe[] = probes({ verbs: ["bind"], apiGroup: RBAC, resources: ["roles", "clusterroles"] });
/** `escalate` is checked on the role being written: Roles in their namespace, ClusterRoles cluster-wide (RoleEscalationAuthorized). */
export const ESCALATE_ROLES: Probe[] = probes({ verbs: ["escalate"], apiGroup: RBAC, resources: ["roles"] });
export const ESCALATE_CLUSTERROLES: Probe[] = probes({ verbs: ["escalate"], apiGroup: RBAC, resources: ["clusterroles"], cluster: true });

export const ROLEBINDING_WRITE: Probe[] = probes({ verbs: WRITE_VERBS, apiGroup: RBAC, resources: ["rolebindings"] });
export const CLUSTERROLEBINDING_WRITE: Probe[] = probes({ verbs: WRITE_VERBS, apiGroup: RBAC, resources: ["clusterrolebindings"], cluster: true });
export const ROLE_WRITE: Probe[] = probes({ verbs: WRITE_VERBS, apiGroup: RBAC, resources: ["roles"] });
export const CLUSTERROLE_WRITE: Probe[] = probes({ verbs: WRITE_VERBS, apiGroup: RBAC, resources: ["clusterroles"], cluster: true });

/** Impersonation (staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go): users and groups are cluster-scoped. */
export const IMPERSONATE_USERS_GROUPS: Probe[] = anyOf(
  probes({ verbs: ["impersonate"], apiGroup: CORE, resources: ["users", "groups"], cluster: true }),
  probes({ verbs: ["impersonate"], apiGroup: CORE, resources: ["groups"], cluster: true, names: ["system:masters"] }),
);
export const IMPERSONATE_SERVICEACCOUNTS: Probe[] = probes({ verbs: ["impersonate"], apiGroup: CORE, resources: ["serviceaccounts"] });

/** Kubelet API through the API server: exec in any pod of the node (GET upgrades to a websocket). */
export const NODES_PROXY: Probe[] = probes({ verbs: ["get", "create"], apiGroup: CORE, resources: ["nodes/proxy"], cluster: true });

export const CSR_APPROVAL: Probe[] = probes({ verbs: ["update", "patch"], apiGroup: CERTIFICATES, resources: ["certificatesigningrequests/approval"], cluster: true });

export const WEBHOOK_WRITE: Probe[] = probes({
  verbs: WRITE_VERBS,
  apiGroup: ADMISSION,
  resources: ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"],
  cluster: true,
});

export const APISERVICE_WRITE: Probe[] = probes({ verbs: WRITE_VERBS, apiGroup: "apiregistration.k8s.io", resources: ["apiservices"], cluster: true });
export const PV_CREATE: Probe[] = probes({ verbs: ["create"], apiGroup: CORE, resources: ["persistentvolumes"], cluster: true });

/**
 * What makes a set of rules dangerous: each of these alone leads to cluster or namespace takeover (token theft,
 * code execution, RBAC self-modification, impersonation, admission control, kubelet access). Labels are the wording
 * used in messages.
 */
export const TAKEOVER_CAPABILITIES: readonly { label: string; probes: Probe[] }[] = [
  { label: "everything (`*` on `*`)", probes: EVERYTHING },
  { label: "read Secrets", probes: anyOf(SECRETS_LIST, SECRETS_GET) },
  { label: "create pods", probes: POD_CREATE },
  { label: "create or modify pod controllers", probes: anyOf(CONTROLLER_CREATE, CONTROLLER_MODIFY) },
  { label: "exec/attach/debug in pods", probes: anyOf(POD_EXEC, POD_ATTACH, POD_EPHEMERAL) },
  { label: "issue service account tokens", probes: SA_TOKEN_CREATE },
  { label: "bind or escalate roles", probes: anyOf(BIND, ESCALATE_ROLES, ESCALATE_CLUSTERROLES) },
  { label: "write RBAC roles or bindings", probes: anyOf(ROLEBINDING_WRITE, CLUSTERROLEBINDING_WRITE, ROLE_WRITE, CLUSTERROLE_WRITE) },
  { label: "impersonate", probes: anyOf(IMPERSONATE_USERS_GROUPS, IMPERSONATE_SERVICEACCOUNTS) },
  { label: "use the kubelet API (nodes/proxy)", probes: NODES_PROXY },
  { label: "approve certificate requests", probes: CSR_APPROVAL },
  { label: "write admission webhooks", probes: WEBHOOK_WRITE },
  { label: "register API services", probes: APISERVICE_WRITE },
  { label: "create persistent volumes", probes: PV_CREATE },
];

export const TAKEOVER_PROBES: Probe[] = TAKEOVER_CAPABILITIES.flatMap((c) => c.probes);

/** Labels of the takeover capabilities a rule list allows (scope ignored: as if bound cluster-wide). */
export function takeoverCapabilities(rules: readonly PolicyRule[]): string[] {
  return TAKEOVER_CAPABILITIES.filter((c) => rules.some((r) => c.probes.some((p) => ruleAllowsProbe(r, p)))).map((c) => c.label);
}

/** Labels of the takeover capabilities a set of grants allows, scope included. */
export function grantTakeoverCapabilities(grants: readonly Grant[]): string[] {
  return TAKEOVER_CAPABILITIES.filter((c) => grants.some((g) => c.probes.some((p) => grantAllowsProbe(g, p)))).map((c) => c.label);
}

/**
 * Grants minus those allowing everything (`*` on `*` in `*`): the wildcard hygiene rules leave those to
 * cluster-admin-equivalent / namespace-admin-wildcard so one rule is not reported three times.
 */
export function withoutFullWildcard(grants: readonly Grant[]): readonly Grant[] {
  const isFull = (g: Grant) => EVERYTHING.some((p) => grantAllowsProbe(g, p));
  // Allocate only when something is removed: identities of a large cluster hold hundreds of grants.
  return grants.some(isFull) ? grants.filter((g) => !isFull(g)) : grants;
}
