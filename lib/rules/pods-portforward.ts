import { defineRule } from "./support/define-rule";
import { probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { CORE } from "./support/requests";
import { scopedMatch } from "./support/scoped";

const PORT_FORWARD = probes({ verbs: ["create", "get"], apiGroup: CORE, resources: ["pods/portforward"] });

export default defineRule({
  id: "pods-portforward",
  title: "Port-forward into pods",
  severity: "medium",
  category: "workload-execution",
  rationale:
    "`pods/portforward` tunnels the caller's traffic to any port of a pod through the API server, past NetworkPolicies and " +
    "ingress controls: databases, admin ports and unauthenticated internal endpoints become reachable from outside.",
  remediation: "Grant port-forward only just-in-time and per namespace; do not rely on NetworkPolicy alone to protect in-cluster admin endpoints.",
  references: [REF.portForward, REF.networkPolicies, ...mitreRefs(MITRE.protocolTunneling)],
  mitre: [MITRE.protocolTunneling],
  match: scopedMatch({ probes: PORT_FORWARD, summary: "can port-forward into pods", severity: { cluster: "medium", namespace: "low" } }),
});
