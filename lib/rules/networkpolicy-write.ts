import { defineRule } from "./support/define-rule";
import { probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { scopedMatch } from "./support/scoped";

const PROBES = probes({ verbs: ["create", "update", "patch", "delete", "deletecollection"], apiGroup: "networking.k8s.io", resources: ["networkpolicies"] });

export default defineRule({
  id: "networkpolicy-write",
  title: "Write NetworkPolicies",
  severity: "medium",
  category: "configuration-and-network",
  rationale:
    "NetworkPolicies are the namespace's firewall. Deleting or widening them removes isolation between tenants and opens paths " +
    "to databases or the cloud metadata service; cluster-wide this affects every namespace.",
  remediation: "Manage NetworkPolicies centrally (GitOps) or through a cluster-wide policy layer tenants cannot change.",
  references: [REF.networkPolicies, REF.leastPrivilege, ...mitreRefs(MITRE.impairDefenses)],
  mitre: [MITRE.impairDefenses],
  match: scopedMatch({ probes: PROBES, summary: "can change NetworkPolicies", severity: { cluster: "medium", namespace: "low" } }),
});
