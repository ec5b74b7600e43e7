/**
 * Terse builders for hand-written inventories in attack-graph tests (workloads, pods, secrets, namespaces, nodes).
 * RBAC objects come from lib/rbac/testing.ts.
 */
import type { Namespace, NodeInfo, PodSecuritySummary, SecretMeta, ServiceAccount, Workload, WorkloadKind } from "@/lib/k8s/types";

export function podSecurity(over: Partial<PodSecuritySummary> = {}): PodSecuritySummary {
  return {
    privileged: false,
    hostPID: false,
    hostIPC: false,
    hostNetwork: false,
    hostPaths: [],
    capabilities: [],
    allowPrivilegeEscalation: false,
    runAsRoot: false,
    automountServiceAccountToken: true,
    secretRefs: [],
    images: ["registry.example/app:1"],
    containerNames: ["app"],
    ...over,
  };
}

export interface WorkloadOptions {
  serviceAccount?: string;
  owner?: { kind: string; name: string };
  nodeName?: string;
  security?: Partial<PodSecuritySummary>;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export function workload(kind: WorkloadKind, namespace: string, name: string, opts: WorkloadOptions = {}): Workload {
  return {
    kind,
    name,
    namespace,
    labels: opts.labels ?? {},
    annotations: opts.annotations ?? {},
    serviceAccountName: opts.serviceAccount ?? "default",
    ...(opts.owner ? { owner: opts.owner } : {}),
    ...(opts.nodeName ? { nodeName: opts.nodeName } : {}),
    security: podSecurity(opts.security),
  };
}

export const pod = (namespace: string, name: string, opts: WorkloadOptions = {}): Workload => workload("Pod", namespace, name, opts);

export function secret(namespace: string, name: string, opts: { type?: string; labels?: Record<string, string>; annotations?: Record<string, string> } = {}): SecretMeta {
  return { kind: "Secret", name, namespace, labels: opts.labels ?? {}, annotations: opts.annotations ?? {}, ...(opts.type ? { type: opts.type } : {}) };
}

export function namespace(name: string, labels: Record<string, string> = {}, annotations: Record<string, string> = {}): Namespace {
  return { kind: "Namespace", name, labels, annotations };
}

export function node(name: string): NodeInfo {
  return { kind: "Node", name, labels: {}, annotations: {}, taints: [] };
}

export function annotatedServiceAccount(namespace: string, name: string, annotations: Record<string, string>, automount?: boolean): ServiceAccount {
  return { kind: "ServiceAccount", name, namespace, labels: {}, annotations, secrets: [], imagePullSecrets: [], ...(automount !== undefined ? { automountServiceAccountToken: automount } : {}) };
}
