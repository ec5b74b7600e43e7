import { defineRule } from "./support/define-rule";
import { anyOf, probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { CORE } from "./support/requests";
import { scopedMatch } from "./support/scoped";

/**
 * Only deletion: every controller's event recorder PATCHes events to bump their count, so update/patch is routine
 * and would flag every operator in the cluster.
 */
const VERBS = ["delete", "deletecollection"];
const PROBES = anyOf(
  probes({ verbs: VERBS, apiGroup: CORE, resources: ["events"] }),
  probes({ verbs: VERBS, apiGroup: "events.k8s.io", resources: ["events"] }),
  probes({ verbs: ["delete"], apiGroup: CORE, resources: ["pods/log"] }),
);

export default defineRule({
  id: "events-logs-tampering",
  title: "Delete events or logs (cover tracks)",
  severity: "low",
  category: "destruction-and-evasion",
  rationale:
    "Events record what happened to objects (scheduling, image pulls, failed exec, evictions). Deleting them removes the trail " +
    "incident responders rely on when API audit logging is off or short-lived.",
  remediation: "Nobody needs to delete events (they expire on their own); ship audit logs and events off-cluster.",
  references: [REF.events, REF.auditing, ...mitreRefs(MITRE.indicatorRemoval)],
  mitre: [MITRE.indicatorRemoval],
  match: scopedMatch({ probes: PROBES, summary: "can delete events", severity: { cluster: "low", namespace: "low" } }),
});
