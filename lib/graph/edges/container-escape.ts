import { defineEdge } from "../define-edge";
import type { EdgeDraft } from "../context";
import { nodeId, scopeId, UNKNOWN_NODE_ID } from "../ids";
import { MITRE } from "../mitre";

/**
 * A workload whose pod spec breaks container isolation → root on the node its pods run on. Where the inventory has no
 * scheduled pods: a DaemonSet runs on every node; anything else lands on a node we cannot name (UNKNOWN_NODE_ID).
 */
export default defineEdge({
  label: "CONTAINER_ESCAPE",
  from: ["Workload"],
  to: ["Node", "Scope"],
  requires:
    "A pod spec that is privileged, adds SYS_ADMIN / SYS_MODULE / ALL (or SYS_PTRACE with hostPID), uses hostPID or hostNetwork, " +
    "or mounts a sensitive host path (/, /etc, /root, /proc, /dev, /var/lib/kubelet, /var/lib/docker, /etc/kubernetes, a " +
    "container runtime socket such as /var/run/docker.sock or /run/containerd/containerd.sock, …).",
  mitre: MITRE.escapeToHost,
  explain:
    "Code running in such a container reaches the host: a privileged container mounts the host disk or loads a kernel module, a " +
    "runtime socket starts a privileged container on the host, a host-path mount of /, /etc or /var/lib/kubelet reads the kubelet's " +
    "credentials and other pods' tokens, hostPID exposes host processes. The attacker ends up with the node's kubelet credentials " +
    "and everything scheduled on the node.",
  check: "kubectl get {name} {ns} -o jsonpath='{.spec.template.spec}'",
  defences: [
    "Enforce Pod Security baseline (restricted where possible) on every namespace that runs applications.",
    "Give node agents that need host access their own namespace and minimal service accounts.",
    "Mount sub-paths read-only instead of / or /var/lib/kubelet; never mount the runtime socket.",
  ],
  cost: 1,
  build(ctx) {
    const out: EdgeDraft[] = [];
    for (const g of ctx.workloadUnits()) {
      if (g.escapes.length === 0) continue;
      const targets = g.nodeNames.length > 0 ? g.nodeNames.map(nodeId) : g.kind === "DaemonSet" ? [scopeId("nodes")] : [UNKNOWN_NODE_ID];
      const check = `kubectl get ${g.kind.toLowerCase()} ${g.name} -n ${g.namespace} -o yaml`;
      for (const to of targets) {
        const where = to === UNKNOWN_NODE_ID ? "the node it runs on" : to.startsWith("Scope:") ? "every node (DaemonSet)" : `node ${to.slice(5)}`;
        for (const e of g.escapes) {
          out.push({ from: g.id, to, explanation: `escapes to ${where}: ${e.fact}`, evidence: [{ kind: "workload", object: e.object, fact: e.fact }], cost: e.cost, check });
        }
      }
    }
    return out;
  },
});
