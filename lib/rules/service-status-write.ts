import { defineRule } from "./support/define-rule";
import { probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { CORE, MODIFY_VERBS } from "./support/requests";
import { scopedMatch } from "./support/scoped";

const PROBES = probes({ verbs: MODIFY_VERBS, apiGroup: CORE, resources: ["services/status"] });

export default defineRule({
  id: "service-status-write",
  title: "Write Service status (CVE-2020-8554 load-balancer IP hijack)",
  severity: "medium",
  category: "configuration-and-network",
  rationale:
    "Setting `status.loadBalancer.ingress[].ip` on a Service makes kube-proxy route traffic for that IP — any IP, including external " +
    "services or other tenants' load balancers — to the Service's pods (CVE-2020-8554, unfixed by design).",
  remediation: "Grant services/status only to load-balancer controllers; block the pattern with an admission policy.",
  references: [REF.cve2020_8554, REF.leastPrivilege, ...mitreRefs(MITRE.adversaryInTheMiddle)],
  mitre: [MITRE.adversaryInTheMiddle],
  match: scopedMatch({ probes: PROBES, summary: "can set Service load-balancer status", severity: { cluster: "medium", namespace: "medium" } }),
});
