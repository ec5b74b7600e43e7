import { defineEdge } from "../define-edge";
import type { EdgeDraft } from "../context";
import { nodeId, secretId, serviceAccountId } from "../ids";
import { MITRE } from "../mitre";
import { objectRef } from "../model";

/**
 * Root on a node → the service accounts and secrets of the pods scheduled there (via spec.nodeName). The node
 * authorizer lets the kubelet's credentials request tokens for exactly those service accounts and read exactly the
 * secrets those pods reference; on disk, /var/lib/kubelet/pods holds the mounted ones.
 */
export default defineEdge({
  label: "NODE_TO_PODS",
  from: ["Node"],
  to: ["ServiceAccount", "Secret"],
  requires: "Root on the node (or its kubelet credentials), and a pod scheduled on it (spec.nodeName) that runs as the service account or references the secret.",
  mitre: MITRE.stealAppToken,
  explain:
    "The kubelet's identity (system:node:<name>) may, through the Node authorizer, create tokens for the service accounts of pods " +
    "bound to its node and read the secrets they reference; the mounted copies are also on the host under /var/lib/kubelet/pods. " +
    "Owning a node therefore means owning every workload identity scheduled on it, kube-system DaemonSets included.",
  check: "kubectl get pods --all-namespaces --field-selector spec.nodeName={name} -o wide",
  defences: [
    "Keep privileged and high-value workloads on dedicated nodes (taints, node affinity).",
    "Enable the NodeRestriction admission plugin and the Node authorizer (defaults on managed clusters).",
    "Minimise what DaemonSet service accounts can do: they are on every node.",
  ],
  cost: 1,
  build(ctx) {
    const out: EdgeDraft[] = [];
    for (const [node, pods] of ctx.model.podsByNode) {
      const from = nodeId(node);
      const seen = new Set<string>();
      const check = `kubectl get pods --all-namespaces --field-selector spec.nodeName=${node}`;
      for (const { pod } of pods) {
        const sa = serviceAccountId(pod.namespace, pod.serviceAccountName);
        if (!seen.has(sa)) {
          seen.add(sa);
          out.push({ from, to: sa, explanation: `hosts pod ${pod.namespace}/${pod.name} running as ${pod.namespace}/${pod.serviceAccountName}`, evidence: [{ kind: "workload", object: objectRef(pod), fact: `spec.nodeName: ${node}, serviceAccountName: ${pod.serviceAccountName}` }], check });
        }
        for (const s of pod.security.secretRefs) {
          const to = secretId(pod.namespace, s);
          if (seen.has(to) || !ctx.hasNode(to)) continue;
          seen.add(to);
          out.push({ from, to, explanation: `hosts pod ${pod.namespace}/${pod.name}, which mounts secret ${pod.namespace}/${s}`, evidence: [{ kind: "workload", object: objectRef(pod), fact: `spec.nodeName: ${node}, references secret ${s}` }], check });
        }
      }
    }
    return out;
  },
});
