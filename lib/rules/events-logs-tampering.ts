import { defineRule } from "./support/define-rule";
import { anyOf, probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { CORE } from "./support/requests";
import { scopedMatch } from "./support/scoped";

const VERBS = ["delete", "deletecollection", "update", "patch"];
const PROBES = anyOf(
  probes({ verbs: VERBS, apiGroup: CORE, resources: ["events"] }),
  probes({ verbs: VERBS, apiGroup: "events.k8s.io", resources: ["events"] }),
  probes({ verbs: ["delete"], apiGroup: CORE, resources: ["pods/log"] }),
);

export default defineRule({
  id: "events-logs-tampering",
  title: "Delete or rewrite events (cover tracks)",
  severity: "low",
  category: "destruction-and-evasion",
  rationale:
    "Events record what happened to objects (scheduling, image pulls, failed exec, evictions). Deleting or editing them removes the " +
    "trail incident responders rely on when API audit logging is off or short-lived.",
  remediation: "Only controllers should update events, and nobody needs to delete them; ship audit logs and events off-cluster.",
  references: [REF.events, REF.auditing, ...mitreRefs(MITRE.indicatorRemoval)],
  mitre: [MITRE.indicatorRemoval],
  match: scopedMatch({ probes: PROBES, summary: "can delete or rewrite events", severity: { cluster: "low", namespace: "low" } }),
});
