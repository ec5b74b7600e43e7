import { defineRule } from "./support/define-rule";
import { probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { CORE } from "./support/requests";
import { scopedMatch } from "./support/scoped";

/**
 * The API server puts a namespace object's own name in the request's namespace attribute (RequestInfoFactory), so
 * update/patch on namespaces granted by a RoleBinding applies to that namespace itself.
 */
const PROBES = probes({ verbs: ["update", "patch"], apiGroup: CORE, resources: ["namespaces"] });

export default defineRule({
  id: "namespace-write",
  title: "Modify namespaces (Pod Security labels)",
  severity: "medium",
  category: "configuration-and-network",
  rationale:
    "Pod Security Admission levels and many NetworkPolicy selectors are namespace labels. Whoever can patch a namespace can set " +
    "`pod-security.kubernetes.io/enforce: privileged` and then run privileged pods there, or relabel it to match another namespace's " +
    "NetworkPolicy allow rules.",
  remediation: "Do not grant update/patch on namespaces to namespace users; manage namespace labels centrally.",
  references: [REF.namespaceModification, REF.podSecurityAdmission, ...mitreRefs(MITRE.impairDefenses)],
  mitre: [MITRE.impairDefenses],
  match: scopedMatch({ probes: PROBES, summary: "can change namespace labels", severity: { cluster: "high", namespace: "medium" } }),
});
