/** References and ATT&CK techniques shared by rule files (wording is data). */
import type { MitreTechnique, Reference } from "../types";

const GOOD = "https://kubernetes.io/docs/concepts/security/rbac-good-practices/";
const RBAC_DOC = "https://kubernetes.io/docs/reference/access-authn-authz/rbac/";

const ref = (title: string, url: string): Reference => ({ title, url });

export const REF = {
  leastPrivilege: ref("Kubernetes: RBAC good practices — least privilege", `${GOOD}#least-privilege`),
  periodicReview: ref("Kubernetes: RBAC good practices — periodic review", `${GOOD}#periodic-review`),
  hardening: ref("Kubernetes: RBAC good practices — hardening", `${GOOD}#hardening`),
  listingSecrets: ref("Kubernetes: RBAC good practices — listing secrets", `${GOOD}#listing-secrets`),
  workloadCreation: ref("Kubernetes: RBAC good practices — workload creation", `${GOOD}#workload-creation`),
  pvCreation: ref("Kubernetes: RBAC good practices — persistent volume creation", `${GOOD}#persistent-volume-creation`),
  nodesProxy: ref("Kubernetes: RBAC good practices — access to proxy subresource of Nodes", `${GOOD}#access-to-proxy-subresource-of-nodes`),
  escalateVerb: ref("Kubernetes: RBAC good practices — escalate verb", `${GOOD}#escalate-verb`),
  bindVerb: ref("Kubernetes: RBAC good practices — bind verb", `${GOOD}#bind-verb`),
  impersonateVerb: ref("Kubernetes: RBAC good practices — impersonate verb", `${GOOD}#impersonate-verb`),
  csrIssuing: ref("Kubernetes: RBAC good practices — CSRs and certificate issuing", `${GOOD}#csrs-and-certificate-issuing`),
  tokenRequest: ref("Kubernetes: RBAC good practices — token request", `${GOOD}#token-request`),
  admissionWebhooks: ref("Kubernetes: RBAC good practices — control admission webhooks", `${GOOD}#control-admission-webhooks`),
  namespaceModification: ref("Kubernetes: RBAC good practices — namespace modification", `${GOOD}#namespace-modification`),
  rbacAggregation: ref("Kubernetes: RBAC — aggregated ClusterRoles", `${RBAC_DOC}#aggregated-clusterroles`),
  rbacEscalationPrevention: ref("Kubernetes: RBAC — privilege escalation prevention and bootstrapping", `${RBAC_DOC}#privilege-escalation-prevention-and-bootstrapping`),
  rbacDefaultRoles: ref("Kubernetes: RBAC — default roles and role bindings", `${RBAC_DOC}#default-roles-and-role-bindings`),
  rbacReferringToResources: ref("Kubernetes: RBAC — referring to resources", `${RBAC_DOC}#referring-to-resources`),
  rbacServiceAccounts: ref("Kubernetes: RBAC — service account permissions", `${RBAC_DOC}#service-account-permissions`),
  rbacRoleBinding: ref("Kubernetes: RBAC — RoleBinding and ClusterRoleBinding", `${RBAC_DOC}#rolebinding-and-clusterrolebinding`),
  impersonation: ref("Kubernetes: user impersonation", "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation"),
  anonymous: ref("Kubernetes: anonymous requests", "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests"),
  csrAuthorization: ref("Kubernetes: certificate signing requests — authorization", "https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization"),
  csrSigners: ref("Kubernetes: certificate signing requests — Kubernetes signers", "https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#kubernetes-signers"),
  webhooks: ref("Kubernetes: dynamic admission control", "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/"),
  admissionPolicy: ref("Kubernetes: validating admission policy", "https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/"),
  apiAggregation: ref("Kubernetes: the aggregation layer", "https://kubernetes.io/docs/concepts/extend-kubernetes/api-extension/apiserver-aggregation/"),
  crds: ref("Kubernetes: custom resources", "https://kubernetes.io/docs/concepts/extend-kubernetes/api-extension/custom-resources/"),
  secretsGoodPractices: ref("Kubernetes: good practices for Secrets", "https://kubernetes.io/docs/concepts/security/secrets-good-practices/"),
  saTokenSecrets: ref("Kubernetes: manually create a long-lived API token for a ServiceAccount", "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#manually-create-an-api-token-for-a-serviceaccount"),
  serviceAccounts: ref("Kubernetes: service accounts", "https://kubernetes.io/docs/concepts/security/service-accounts/"),
  defaultServiceAccount: ref("Kubernetes: use the default service account", "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#use-the-default-service-account-to-access-the-api-server"),
  ephemeralContainers: ref("Kubernetes: ephemeral containers", "https://kubernetes.io/docs/concepts/workloads/pods/ephemeral-containers/"),
  kubeletAuthz: ref("Kubernetes: kubelet authentication/authorization", "https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/"),
  podSecurityAdmission: ref("Kubernetes: Pod Security Admission", "https://kubernetes.io/docs/concepts/security/pod-security-admission/"),
  nodeRestriction: ref("Kubernetes: NodeRestriction admission plugin", "https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#noderestriction"),
  taints: ref("Kubernetes: taints and tolerations", "https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/"),
  leases: ref("Kubernetes: leases (leader election)", "https://kubernetes.io/docs/concepts/architecture/leases/"),
  networkPolicies: ref("Kubernetes: network policies", "https://kubernetes.io/docs/concepts/services-networking/network-policies/"),
  portForward: ref("Kubernetes: use port forwarding to access applications", "https://kubernetes.io/docs/tasks/access-application-cluster/port-forward-access-application-cluster/"),
  endpointSlices: ref("Kubernetes: EndpointSlices", "https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/"),
  cve2020_8554: ref("CVE-2020-8554: man-in-the-middle using LoadBalancer or ExternalIPs", "https://github.com/kubernetes/kubernetes/issues/97076"),
  awsAuth: ref("Amazon EKS: the aws-auth ConfigMap", "https://docs.aws.amazon.com/eks/latest/userguide/auth-configmap.html"),
  checkingApiAccess: ref("Kubernetes: checking API access", "https://kubernetes.io/docs/reference/access-authn-authz/authorization/#checking-api-access"),
  tokenReview: ref("Kubernetes API: TokenReview", "https://kubernetes.io/docs/reference/kubernetes-api/authentication-resources/token-review-v1/"),
  events: ref("Kubernetes API: Event", "https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/event-v1/"),
  auditing: ref("Kubernetes: auditing", "https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/"),
  namespaces: ref("Kubernetes: namespaces", "https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/"),
  finalizersAndDeletion: ref("Kubernetes: garbage collection and cascading deletion", "https://kubernetes.io/docs/concepts/architecture/garbage-collection/"),
  kyverno: ref("Kyverno: security", "https://kyverno.io/docs/security/"),
  gatekeeper: ref("OPA Gatekeeper documentation", "https://open-policy-agent.github.io/gatekeeper/website/docs/"),
  argoCdSecurity: ref("Argo CD: security considerations", "https://argo-cd.readthedocs.io/en/stable/operator-manual/security/"),
  fluxSecurity: ref("Flux: security", "https://fluxcd.io/flux/security/"),
} as const;

const technique = (id: string, name: string): MitreTechnique => ({
  id,
  name,
  url: `https://attack.mitre.org/techniques/${id.replace(".", "/")}/`,
});

export const MITRE = {
  validAccounts: technique("T1078", "Valid Accounts"),
  defaultAccounts: technique("T1078.001", "Valid Accounts: Default Accounts"),
  stealToken: technique("T1528", "Steal Application Access Token"),
  containerApiCreds: technique("T1552.007", "Unsecured Credentials: Container API"),
  containerAdminCommand: technique("T1609", "Container Administration Command"),
  deployContainer: technique("T1610", "Deploy Container"),
  escapeToHost: technique("T1611", "Escape to Host"),
  discovery: technique("T1613", "Container and Resource Discovery"),
  clusterRoles: technique("T1098.006", "Account Manipulation: Additional Container Cluster Roles"),
  forgeCertificates: technique("T1649", "Steal or Forge Authentication Certificates"),
  modifyAuthentication: technique("T1556", "Modify Authentication Process"),
  impairDefenses: technique("T1562.001", "Impair Defenses: Disable or Modify Tools"),
  indicatorRemoval: technique("T1070", "Indicator Removal"),
  dataDestruction: technique("T1485", "Data Destruction"),
  serviceStop: technique("T1489", "Service Stop"),
  adversaryInTheMiddle: technique("T1557", "Adversary-in-the-Middle"),
  protocolTunneling: technique("T1572", "Protocol Tunneling"),
  accountDiscovery: technique("T1087", "Account Discovery"),
  trafficSignaling: technique("T1205", "Traffic Signaling"),
} as const;

/** The reference list entries for ATT&CK techniques, so `references` carries them too. */
export function mitreRefs(...ts: MitreTechnique[]): Reference[] {
  return ts.map((t) => ({ title: `MITRE ATT&CK ${t.id}: ${t.name}`, url: t.url }));
}
