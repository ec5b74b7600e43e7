import { defineRule } from "./support/define-rule";
import { evidenceFor, probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { oneFinding } from "./support/scoped";

/** Leader-election leases of the control plane live in kube-system under these names. */
const PROBES = probes({
  verbs: ["update", "patch", "delete"],
  apiGroup: "coordination.k8s.io",
  resources: ["leases"],
  namespace: "kube-system",
  names: [undefined, "kube-controller-manager", "kube-scheduler", "cloud-controller-manager"],
});

export default defineRule({
  id: "lease-hijack",
  title: "Hijack control-plane leader-election leases",
  severity: "medium",
  category: "destruction-and-evasion",
  rationale:
    "kube-controller-manager and kube-scheduler elect a leader through Leases in kube-system. Whoever can update those leases can " +
    "hold leadership with a fake holder, so no controller reconciles (no pods scheduled, no tokens, no garbage collection) — a quiet " +
    "denial of service that also suspends controller-driven defences.",
  remediation: "Only control-plane components should write kube-system leases; restrict others with resourceNames to their own lease.",
  references: [REF.leases, REF.leastPrivilege, ...mitreRefs(MITRE.serviceStop)],
  mitre: [MITRE.serviceStop],
  match: (ctx) => oneFinding(evidenceFor(ctx.grants, PROBES), "can take over control-plane leader-election leases in kube-system", "kube-system"),
});
