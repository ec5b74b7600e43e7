import { defineRule } from "./support/define-rule";
import { MITRE, mitreRefs, REF } from "./support/references";
import { APISERVICE_WRITE } from "./support/requests";
import { scopedMatch } from "./support/scoped";

export default defineRule({
  id: "apiservice-write",
  title: "Register aggregated API services",
  severity: "critical",
  category: "admission-and-api",
  rationale:
    "An APIService routes an API group/version to a Service of the writer's choosing. The API server then forwards matching requests — " +
    "with the caller's identity in headers — to that backend: a man-in-the-middle for every client of the group, and a way to answer " +
    "for existing groups (e.g. metrics.k8s.io) with forged data.",
  remediation: "Only cluster administrators should write APIServices; monitor new or changed APIService objects.",
  references: [REF.apiAggregation, REF.leastPrivilege, ...mitreRefs(MITRE.adversaryInTheMiddle)],
  mitre: [MITRE.adversaryInTheMiddle],
  match: scopedMatch({ probes: APISERVICE_WRITE, summary: "can register or change aggregated API services", severity: { cluster: "critical", namespace: "critical" } }),
});
