import { defineRule } from "./support/define-rule";
import { anyOf, evidenceFor, evidenceHas, probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { ADMISSION, WEBHOOK_WRITE } from "./support/requests";

const DELETE = probes({ verbs: ["delete"], apiGroup: ADMISSION, resources: ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"], cluster: true });
const PROBES = anyOf(WEBHOOK_WRITE, DELETE);

export default defineRule({
  id: "admission-webhook-write",
  title: "Write admission webhook configurations",
  severity: "critical",
  category: "admission-and-api",
  rationale:
    "Admission webhooks see every object they register for, Secrets included. A mutating webhook can rewrite any pod on admission — " +
    "inject a privileged container or swap the service account — for every workload in the cluster. Changing or deleting validating " +
    "webhooks switches off policy enforcement.",
  remediation: "Only cluster administrators and the operators that own a webhook should write webhook configurations; use resourceNames for operators.",
  references: [REF.admissionWebhooks, REF.webhooks, ...mitreRefs(MITRE.impairDefenses, MITRE.deployContainer)],
  mitre: [MITRE.impairDefenses, MITRE.deployContainer],
  match(ctx) {
    const evidence = evidenceFor(ctx.grants, PROBES);
    if (evidence.length === 0) return [];
    return evidenceHas(evidence, { resource: "mutatingwebhookconfigurations" })
      ? [{ severity: "critical", message: "can write mutating admission webhooks (rewrite every admitted object)", namespace: null, evidence }]
      : [{ severity: "high", message: "can write or remove validating admission webhooks", namespace: null, evidence }];
  },
});
