import { defineRule } from "./support/define-rule";
import { anyOf, probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { CORE } from "./support/requests";
import { scopedMatch } from "./support/scoped";

const PROBES = anyOf(
  probes({ verbs: ["update", "patch"], apiGroup: CORE, resources: ["nodes", "nodes/status"], cluster: true }),
  probes({ verbs: ["delete"], apiGroup: CORE, resources: ["nodes"], cluster: true }),
);

export default defineRule({
  id: "nodes-modify",
  title: "Modify nodes (labels, taints, status)",
  severity: "medium",
  category: "node-and-certificates",
  rationale:
    "Changing node labels and taints steers the scheduler: taint every other node, or label a compromised node to match a sensitive " +
    "workload's nodeSelector, and its pods (with their tokens and Secrets) move onto the attacker's node. Deleting nodes evicts workloads.",
  remediation: "Leave node writes to the node's own kubelet (NodeRestriction) and cluster autoscalers; restrict operators with resourceNames.",
  references: [REF.taints, REF.nodeRestriction, ...mitreRefs(MITRE.stealToken)],
  mitre: [MITRE.stealToken],
  match: scopedMatch({ probes: PROBES, summary: "can change node labels, taints or status", severity: { cluster: "medium", namespace: "medium" } }),
});
