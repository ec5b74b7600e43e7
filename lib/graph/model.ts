/**
 * The cluster as the attack graph sees it: workloads grouped under their top-level controller, objects indexed by
 * namespace and node, Pod Security Admission per namespace, cloud identities per service account. Pure.
 */
import type { Inventory, Namespace, NodeInfo, SecretMeta, ServiceAccount, Workload } from "@/lib/k8s/types";
import type { Analysis } from "@/lib/rbac/types";
import { workloadId } from "./ids";
import type { CloudProvider, Evidence, NodeId, ObjectRef } from "./types";

/** A container-escape capability of a workload, with the step's cost. */
export interface Escape {
  fact: string;
  cost: number;
  object: ObjectRef;
}

/** Pods and lower controllers grouped under one top-level controller (a Deployment, not each of its pods). */
export interface WorkloadGroup {
  id: NodeId;
  kind: string;
  namespace: string;
  name: string;
  /** The top-level object, when it is in the inventory (absent for a controller known only from owner references). */
  root?: Workload;
  /** Every inventory object of the group, the root included. */
  objects: Workload[];
  pods: Workload[];
  nodeNames: string[];
  /** Service accounts the group's pods run as, with whether the token is mounted in any of them. */
  serviceAccounts: { name: string; automount: boolean; object: ObjectRef }[];
  /** Secrets mounted or referenced by any of the group's pod specs. */
  secretRefs: string[];
  escapes: Escape[];
  /** For a single-pod unit of a larger workload: the workload's id. */
  partOf?: NodeId;
}

export interface CloudBinding {
  serviceAccount: ServiceAccount;
  provider: CloudProvider;
  /** Normalized identity: IAM role ARN without path, GCP service-account e-mail, Azure client id. */
  identity: string;
  /** The annotation value as written. */
  raw: string;
  annotation: string;
}

export interface ClusterModel {
  inventory: Inventory;
  analysis: Analysis;
  /** Every namespace known from a Namespace object or from a namespaced object, sorted. */
  namespaces: string[];
  namespaceObjects: Map<string, Namespace>;
  serviceAccountsByNs: Map<string, ServiceAccount[]>;
  secretsByNs: Map<string, SecretMeta[]>;
  workloads: WorkloadGroup[];
  workloadsByNs: Map<string, WorkloadGroup[]>;
  /** `ns/pod-name` → the pod and its group. */
  podByName: Map<string, { group: WorkloadGroup; pod: Workload }>;
  /** Node names from Node objects and from pods' spec.nodeName, sorted. */
  nodeNames: string[];
  nodeInfo: Map<string, NodeInfo>;
  /** node name → pods scheduled there, with their group. */
  podsByNode: Map<string, { group: WorkloadGroup; pod: Workload }[]>;
  cloudBindings: CloudBinding[];
  /** The cluster looks like EKS (aws-auth mappings or IRSA annotations present). */
  eks: boolean;
}

export const PSA_ENFORCE = "pod-security.kubernetes.io/enforce";
export const IRSA_ANNOTATION = "eks.amazonaws.com/role-arn";
export const GKE_ANNOTATION = "iam.gke.io/gcp-service-account";
export const AZURE_ANNOTATION = "azure.workload.identity/client-id";
export const SA_TOKEN_ANNOTATION = "kubernetes.io/service-account.name";
export const SA_TOKEN_TYPE = "kubernetes.io/service-account-token";

/** Controller kinds whose pod template can be patched (a Job's template is immutable). */
export const PATCHABLE_CONTROLLERS: Record<string, { apiGroup: string; resource: string }> = {
  Deployment: { apiGroup: "apps", resource: "deployments" },
  ReplicaSet: { apiGroup: "apps", resource: "replicasets" },
  StatefulSet: { apiGroup: "apps", resource: "statefulsets" },
  DaemonSet: { apiGroup: "apps", resource: "daemonsets" },
  CronJob: { apiGroup: "batch", resource: "cronjobs" },
  ReplicationController: { apiGroup: "", resource: "replicationcontrollers" },
};

export const objectRef = (o: { kind: string; name: string; namespace?: string }): ObjectRef =>
  o.namespace !== undefined ? { kind: o.kind, name: o.name, namespace: o.namespace } : { kind: o.kind, name: o.name };

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Pod Security Admission: the `enforce` level `baseline` and `restricted` both reject privileged containers, host
 * namespaces, hostPath volumes and added capabilities beyond the default set
 * (kubernetes.io/docs/concepts/security/pod-security-standards). Without the label (or with `privileged`) such pods
 * are admitted, as far as the inventory can tell (an AdmissionConfiguration default or a policy engine may still refuse).
 */
export function privilegedPodsAdmitted(model: ClusterModel, namespace: string): boolean {
  const level = model.namespaceObjects.get(namespace)?.labels[PSA_ENFORCE];
  return level !== "baseline" && level !== "restricted";
}

/**
 * Whether pods can be created in the namespace: it is known from the inventory, or the inventory lists no Namespace
 * objects at all (manifests only), in which case we cannot tell and assume it exists.
 */
export function namespaceMayExist(model: ClusterModel, namespace: string): boolean {
  return model.inventory.namespaces.length === 0 || model.namespaceObjects.has(namespace) || model.namespaces.includes(namespace);
}

/** Why a namespace admits privileged pods, as evidence. */
export function admissionEvidence(model: ClusterModel, namespace: string): Evidence {
  const level = model.namespaceObjects.get(namespace)?.labels[PSA_ENFORCE];
  return {
    kind: "config",
    object: { kind: "Namespace", name: namespace },
    fact: level === undefined ? `namespace ${namespace} has no ${PSA_ENFORCE} label: privileged pods are admitted` : `namespace ${namespace} enforces Pod Security level "${level}": privileged pods are admitted`,
  };
}

/* ---- host paths ------------------------------------------------------------------------------------------------ */

const RUNTIME_SOCKETS = [
  "/var/run/docker.sock",
  "/run/docker.sock",
  "/var/run/containerd/containerd.sock",
  "/run/containerd/containerd.sock",
  "/var/run/crio/crio.sock",
  "/run/crio/crio.sock",
  "/var/run/cri-dockerd.sock",
  "/run/k3s/containerd/containerd.sock",
];
/** Mounting one of these, anything below it, or a parent of it exposes host credentials or host control. */
const SENSITIVE_SUBTREES = ["/var/lib/kubelet", "/etc/kubernetes", "/var/lib/docker", "/var/lib/containerd", "/root", "/proc", "/dev", "/etc/shadow", "/etc/sudoers", "/etc/cron.d", "/etc/systemd", "/home"];
/** Writable mounts below these let a container plant something the host executes (binaries, CNI plugins, units). */
const WRITABLE_SUBTREES = ["/opt/cni/bin", "/usr", "/bin", "/sbin", "/lib", "/lib64", "/sys", "/boot", "/etc", "/var/log"];

function normalizePath(p: string): string {
  let s = p.trim().replace(/\/+/g, "/");
  if (s.length > 1 && s.endsWith("/")) s = s.slice(0, -1);
  return s || "/";
}
const isUnder = (p: string, root: string) => p === root || p.startsWith(root === "/" ? "/" : `${root}/`);

/** Whether a hostPath mount lets the container escape, and how hard that is. */
export function hostPathEscape(path: string, readOnly: boolean): { fact: string; cost: number } | undefined {
  const p = normalizePath(path);
  const mode = readOnly ? "read-only" : "read-write";
  if (RUNTIME_SOCKETS.some((s) => isUnder(s, p))) return { fact: `hostPath ${path} (${mode}) exposes the container runtime socket`, cost: 1 };
  if (SENSITIVE_SUBTREES.some((s) => isUnder(s, p) || isUnder(p, s))) {
    return { fact: `hostPath ${path} (${mode}) exposes host credentials`, cost: readOnly ? 2 : 1 };
  }
  if (p === "/" || p === "/var" || p === "/var/lib") return { fact: `hostPath ${path} (${mode}) exposes the host filesystem`, cost: readOnly ? 2 : 1 };
  if (!readOnly) {
    if (isUnder(p, "/var/log")) return { fact: `hostPath ${path} (read-write): /var/log symlink attack through the kubelet`, cost: 3 };
    if (WRITABLE_SUBTREES.some((s) => isUnder(p, s) || isUnder(s, p))) return { fact: `hostPath ${path} (read-write) lets the container plant files the host executes`, cost: 2 };
  }
  return undefined;
}

/**
 * Container-escape capabilities of one pod spec. Each alone gives root on the node (or, for hostNetwork, the node's
 * network position: kubelet, metadata service), at the listed cost. SYS_PTRACE counts only with hostPID (without it
 * there is no host process to trace).
 */
export function escapesOf(w: Workload): Escape[] {
  const s = w.security;
  const object = objectRef(w);
  const out: Escape[] = [];
  if (s.privileged) out.push({ fact: "privileged container", cost: 1, object });
  const caps = new Set(s.capabilities);
  if (caps.has("ALL")) out.push({ fact: "adds every Linux capability (ALL)", cost: 1, object });
  if (caps.has("SYS_MODULE")) out.push({ fact: "adds SYS_MODULE (load a kernel module)", cost: 1, object });
  if (caps.has("SYS_ADMIN")) out.push({ fact: "adds SYS_ADMIN (mount the host disk, cgroup release_agent)", cost: 2, object });
  if (s.hostPID && caps.has("SYS_PTRACE")) out.push({ fact: "hostPID with SYS_PTRACE (inject into a host process)", cost: 2, object });
  else if (s.hostPID) out.push({ fact: "hostPID (host processes, their environment and /proc/<pid>/root)", cost: 3, object });
  for (const hp of s.hostPaths) {
    const e = hostPathEscape(hp.path, hp.readOnly);
    if (e) out.push({ ...e, object });
  }
  if (s.hostNetwork) out.push({ fact: "hostNetwork (node-local services, the kubelet and the cloud metadata endpoint)", cost: 4, object });
  return out;
}

/* ---- cloud identities -------------------------------------------------------------------------------------------- */

/** `arn:aws:iam::123:role/path/to/name` → `arn:aws:iam::123:role/name` (aws-auth matches role ARNs without path). */
export function normalizeIamArn(arn: string): string {
  const m = /^(arn:aws[a-z-]*:iam::\d+:)(role|user)\/(.+)$/.exec(arn.trim());
  if (!m) return arn.trim();
  const name = m[3]!.split("/").pop()!;
  return `${m[1]}${m[2]}/${name}`;
}

function cloudBindingsOf(sa: ServiceAccount): CloudBinding[] {
  const out: CloudBinding[] = [];
  const a = sa.annotations;
  const irsa = a[IRSA_ANNOTATION]?.trim();
  if (irsa) out.push({ serviceAccount: sa, provider: "aws", identity: normalizeIamArn(irsa), raw: irsa, annotation: IRSA_ANNOTATION });
  const gsa = a[GKE_ANNOTATION]?.trim();
  if (gsa) out.push({ serviceAccount: sa, provider: "gcp", identity: gsa.toLowerCase(), raw: gsa, annotation: GKE_ANNOTATION });
  const azure = a[AZURE_ANNOTATION]?.trim();
  if (azure) out.push({ serviceAccount: sa, provider: "azure", identity: azure.toLowerCase(), raw: azure, annotation: AZURE_ANNOTATION });
  return out;
}

/* ---- workload grouping ------------------------------------------------------------------------------------------- */

const key = (kind: string, ns: string, name: string) => `${kind}/${ns}/${name}`;

/** `api-7d9f8c6b5` → `api`: a ReplicaSet's (or a CronJob's Job's) name is its owner's name plus a generated suffix. */
function stripGeneratedSuffix(name: string): string | undefined {
  const i = name.lastIndexOf("-");
  return i > 0 ? name.slice(0, i) : undefined;
}

/** Fills in a group's nodes, service accounts, secrets and escapes from its objects. */
export function summarizeGroup(g: WorkloadGroup): WorkloadGroup {
  const nodes = new Set<string>();
  const sas = new Map<string, { name: string; automount: boolean; object: ObjectRef }>();
  const secrets = new Set<string>();
  const escapes = new Map<string, Escape>();
  for (const w of g.objects) {
    if (w.kind === "Pod" && w.nodeName) nodes.add(w.nodeName);
    const prev = sas.get(w.serviceAccountName);
    if (!prev) sas.set(w.serviceAccountName, { name: w.serviceAccountName, automount: w.security.automountServiceAccountToken, object: objectRef(w) });
    else if (!prev.automount && w.security.automountServiceAccountToken) sas.set(w.serviceAccountName, { ...prev, automount: true, object: objectRef(w) });
    for (const s of w.security.secretRefs) secrets.add(s);
    for (const e of escapesOf(w)) if (!escapes.has(e.fact)) escapes.set(e.fact, e);
  }
  g.nodeNames = [...nodes].sort();
  g.serviceAccounts = [...sas.values()].sort((a, b) => a.name.localeCompare(b.name));
  g.secretRefs = [...secrets].sort();
  g.escapes = [...escapes.values()].sort((a, b) => a.cost - b.cost || a.fact.localeCompare(b.fact));
  return g;
}

/**
 * One pod of a multi-pod workload as a workload of its own: used where RBAC reaches single pods (resourceNames on
 * pods/exec, nodes/proxy of one node), so that the pod's own node — not every node of its controller — is reached.
 */
export function podUnit(group: WorkloadGroup, pod: Workload): WorkloadGroup {
  return summarizeGroup({ id: workloadId(pod.namespace, "Pod", pod.name), kind: "Pod", namespace: pod.namespace, name: pod.name, root: pod, objects: [pod], pods: [pod], nodeNames: [], serviceAccounts: [], secretRefs: [], escapes: [], partOf: group.id });
}

/**
 * Builds the model. Workloads are grouped by following controller owner references up to the top: Pod → ReplicaSet →
 * Deployment, Pod → Job → CronJob, Pod → StatefulSet/DaemonSet. When an owner is not in the inventory, the generated
 * name suffix is used to find its own owner (a ReplicaSet `api-7d9f8c6b5` belongs to Deployment `api` if that exists);
 * otherwise the owner itself becomes the group. Mirror pods (owned by a Node) are their own group.
 */
export function buildClusterModel(analysis: Analysis): ClusterModel {
  const inv = analysis.inventory;
  const namespaceObjects = new Map(inv.namespaces.map((n) => [n.name, n]));
  const nsSet = new Set<string>(namespaceObjects.keys());

  const serviceAccountsByNs = new Map<string, ServiceAccount[]>();
  for (const sa of inv.serviceAccounts) {
    push(serviceAccountsByNs, sa.namespace, sa);
    nsSet.add(sa.namespace);
  }
  const secretsByNs = new Map<string, SecretMeta[]>();
  for (const s of inv.secrets) {
    push(secretsByNs, s.namespace, s);
    nsSet.add(s.namespace);
  }

  const byKey = new Map<string, Workload>();
  for (const w of inv.workloads) {
    byKey.set(key(w.kind, w.namespace, w.name), w);
    nsSet.add(w.namespace);
  }
  const topOf = (w: Workload): { kind: string; name: string } => {
    let kind = w.kind as string;
    let name = w.name;
    let owner = w.owner;
    for (let depth = 0; owner && owner.kind !== "Node" && depth < 8; depth++) {
      const found = byKey.get(key(owner.kind, w.namespace, owner.name));
      if (found) {
        kind = found.kind;
        name = found.name;
        owner = found.owner;
        continue;
      }
      const parentName = stripGeneratedSuffix(owner.name);
      const parentKind = owner.kind === "ReplicaSet" ? "Deployment" : owner.kind === "Job" ? "CronJob" : undefined;
      const parent = parentKind && parentName ? byKey.get(key(parentKind, w.namespace, parentName)) : undefined;
      if (parent) {
        kind = parent.kind;
        name = parent.name;
        owner = parent.owner;
        continue;
      }
      kind = owner.kind;
      name = owner.name;
      break;
    }
    return { kind, name };
  };

  const groups = new Map<string, WorkloadGroup>();
  for (const w of inv.workloads) {
    const top = topOf(w);
    const k = key(top.kind, w.namespace, top.name);
    let g = groups.get(k);
    if (!g) {
      g = { id: workloadId(w.namespace, top.kind, top.name), kind: top.kind, namespace: w.namespace, name: top.name, objects: [], pods: [], nodeNames: [], serviceAccounts: [], secretRefs: [], escapes: [] };
      groups.set(k, g);
    }
    if (w.kind === top.kind && w.name === top.name) g.root = w;
    g.objects.push(w);
    if (w.kind === "Pod") g.pods.push(w);
  }

  const podByName = new Map<string, { group: WorkloadGroup; pod: Workload }>();
  const podsByNode = new Map<string, { group: WorkloadGroup; pod: Workload }[]>();
  const nodeSet = new Set<string>(inv.nodes.map((n) => n.name));
  const workloads = [...groups.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const workloadsByNs = new Map<string, WorkloadGroup[]>();
  for (const g of workloads) {
    push(workloadsByNs, g.namespace, g);
    for (const w of g.pods) {
      podByName.set(`${w.namespace}/${w.name}`, { group: g, pod: w });
      if (w.nodeName) {
        nodeSet.add(w.nodeName);
        push(podsByNode, w.nodeName, { group: g, pod: w });
      }
    }
    summarizeGroup(g);
  }

  const cloudBindings = inv.serviceAccounts.flatMap(cloudBindingsOf);
  return {
    inventory: inv,
    analysis,
    namespaces: [...nsSet].sort(),
    namespaceObjects,
    serviceAccountsByNs,
    secretsByNs,
    workloads,
    workloadsByNs,
    podByName,
    nodeNames: [...nodeSet].sort(),
    nodeInfo: new Map(inv.nodes.map((n) => [n.name, n])),
    podsByNode,
    cloudBindings,
    eks: inv.awsAuth.length > 0 || cloudBindings.some((b) => b.provider === "aws"),
  };
}
