/**
 * Built-in Kubernetes resources and the API group each belongs to, for resolving a bare resource name the way
 * kubectl does through discovery (`kubectl auth can-i create deployments` asks about `deployments.apps`).
 * Where two groups serve the same name (events: "" and events.k8s.io) kubectl's RESTMapper prefers the core
 * group, and so does this table. Short names and singulars are those `kubectl api-resources` lists.
 * Names that are not API resources but that RBAC rules use (users, groups, userextras, uids, signers) are included
 * with the group the API server checks them in.
 */
const TABLE: Record<string, string[]> = {
  "": [
    "bindings binding", "componentstatuses componentstatus cs", "configmaps configmap cm", "endpoints ep",
    "events event ev", "limitranges limitrange limits", "namespaces namespace ns", "nodes node no",
    "persistentvolumeclaims persistentvolumeclaim pvc", "persistentvolumes persistentvolume pv", "pods pod po",
    "podtemplates podtemplate", "replicationcontrollers replicationcontroller rc", "resourcequotas resourcequota quota",
    "secrets secret", "serviceaccounts serviceaccount sa", "services service svc", "users user", "groups group",
  ],
  "admissionregistration.k8s.io": [
    "mutatingwebhookconfigurations mutatingwebhookconfiguration", "validatingwebhookconfigurations validatingwebhookconfiguration",
    "validatingadmissionpolicies validatingadmissionpolicy", "validatingadmissionpolicybindings validatingadmissionpolicybinding",
    "mutatingadmissionpolicies mutatingadmissionpolicy", "mutatingadmissionpolicybindings mutatingadmissionpolicybinding",
  ],
  "apiextensions.k8s.io": ["customresourcedefinitions customresourcedefinition crd crds"],
  "apiregistration.k8s.io": ["apiservices apiservice"],
  apps: [
    "controllerrevisions controllerrevision", "daemonsets daemonset ds", "deployments deployment deploy",
    "replicasets replicaset rs", "statefulsets statefulset sts",
  ],
  "authentication.k8s.io": ["selfsubjectreviews selfsubjectreview", "tokenreviews tokenreview", "userextras", "uids"],
  "authorization.k8s.io": [
    "localsubjectaccessreviews localsubjectaccessreview", "selfsubjectaccessreviews selfsubjectaccessreview",
    "selfsubjectrulesreviews selfsubjectrulesreview", "subjectaccessreviews subjectaccessreview",
  ],
  autoscaling: ["horizontalpodautoscalers horizontalpodautoscaler hpa"],
  batch: ["cronjobs cronjob cj", "jobs job"],
  "certificates.k8s.io": ["certificatesigningrequests certificatesigningrequest csr", "clustertrustbundles clustertrustbundle", "signers signer"],
  "coordination.k8s.io": ["leases lease", "leasecandidates leasecandidate"],
  "discovery.k8s.io": ["endpointslices endpointslice"],
  "flowcontrol.apiserver.k8s.io": ["flowschemas flowschema", "prioritylevelconfigurations prioritylevelconfiguration"],
  "networking.k8s.io": [
    "ingressclasses ingressclass", "ingresses ingress ing", "networkpolicies networkpolicy netpol",
    "ipaddresses ipaddress", "servicecidrs servicecidr",
  ],
  "node.k8s.io": ["runtimeclasses runtimeclass"],
  policy: ["poddisruptionbudgets poddisruptionbudget pdb", "podsecuritypolicies podsecuritypolicy psp"],
  "rbac.authorization.k8s.io": [
    "clusterrolebindings clusterrolebinding", "clusterroles clusterrole", "rolebindings rolebinding", "roles role",
  ],
  "resource.k8s.io": ["deviceclasses deviceclass", "resourceclaims resourceclaim", "resourceclaimtemplates resourceclaimtemplate", "resourceslices resourceslice"],
  "scheduling.k8s.io": ["priorityclasses priorityclass pc"],
  "storage.k8s.io": [
    "csidrivers csidriver", "csinodes csinode", "csistoragecapacities csistoragecapacity", "storageclasses storageclass sc",
    "volumeattachments volumeattachment", "volumeattributesclasses volumeattributesclass vac",
  ],
};

const BY_NAME = new Map<string, { resource: string; apiGroup: string }>();
for (const [apiGroup, entries] of Object.entries(TABLE)) {
  for (const entry of entries) {
    const [resource, ...aliases] = entry.split(" ") as [string, ...string[]];
    for (const name of [resource, ...aliases]) if (!BY_NAME.has(name)) BY_NAME.set(name, { resource, apiGroup });
  }
}

/** The built-in resource a name, singular or short name stands for (case-insensitive), or undefined. */
export function builtInResource(name: string): { resource: string; apiGroup: string } | undefined {
  return BY_NAME.get(name.toLowerCase());
}
