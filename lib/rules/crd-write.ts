import { defineRule } from "./support/define-rule";
import { probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { scopedMatch } from "./support/scoped";

const PROBES = probes({ verbs: ["create", "update", "patch", "delete"], apiGroup: "apiextensions.k8s.io", resources: ["customresourcedefinitions"], cluster: true });

export default defineRule({
  id: "crd-write",
  title: "Write CustomResourceDefinitions",
  severity: "medium",
  category: "admission-and-api",
  rationale:
    "CRDs define the cluster's API surface. Changing one alters validation and conversion (a conversion webhook receives every " +
    "object of the type), and deleting one deletes every custom resource of that kind — operators' configuration, policies, certificates.",
  remediation: "Install and upgrade CRDs through administrators or GitOps only; restrict operators with resourceNames.",
  references: [REF.crds, REF.leastPrivilege, ...mitreRefs(MITRE.dataDestruction, MITRE.impairDefenses)],
  mitre: [MITRE.dataDestruction, MITRE.impairDefenses],
  match: scopedMatch({ probes: PROBES, summary: "can create, change or delete CRDs", severity: { cluster: "medium", namespace: "medium" } }),
});
