import { defineRule } from "./support/define-rule";
import { MITRE, mitreRefs, REF } from "./support/references";
import { NODES_PROXY } from "./support/requests";
import { scopedMatch } from "./support/scoped";

export default defineRule({
  id: "nodes-proxy",
  title: "Kubelet API access (nodes/proxy)",
  severity: "critical",
  category: "node-and-certificates",
  rationale:
    "`nodes/proxy` reaches the kubelet API through the API server: it runs commands in any pod on the node (including control-plane " +
    "and kube-system pods) and bypasses admission control and pod-level audit. A websocket GET is enough, so `get` is as dangerous as `create`.",
  remediation: "Grant nodes/proxy to monitoring components only if they cannot use nodes/metrics or nodes/stats; never to people or applications.",
  references: [REF.nodesProxy, REF.kubeletAuthz, ...mitreRefs(MITRE.containerAdminCommand, MITRE.escapeToHost)],
  mitre: [MITRE.containerAdminCommand, MITRE.escapeToHost],
  match: scopedMatch({ probes: NODES_PROXY, summary: "can reach the kubelet API of every node", severity: { cluster: "critical", namespace: "critical" } }),
});
