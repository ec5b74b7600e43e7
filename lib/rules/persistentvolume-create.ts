import { defineRule } from "./support/define-rule";
import { MITRE, mitreRefs, REF } from "./support/references";
import { PV_CREATE } from "./support/requests";
import { scopedMatch } from "./support/scoped";

export default defineRule({
  id: "persistentvolume-create",
  title: "Create PersistentVolumes (hostPath access to nodes)",
  severity: "high",
  category: "node-and-certificates",
  rationale:
    "A PersistentVolume can be a hostPath; a claim bound to it mounts that node directory into a pod. Pod Security Admission checks " +
    "pods, not PVs, so this reaches the node's filesystem (kubelet credentials, container runtime socket) even in restricted namespaces.",
  remediation: "Let only storage administrators and provisioners create PVs; users should create PersistentVolumeClaims against StorageClasses.",
  references: [REF.pvCreation, REF.podSecurityAdmission, ...mitreRefs(MITRE.escapeToHost)],
  mitre: [MITRE.escapeToHost],
  match: scopedMatch({ probes: PV_CREATE, summary: "can create PersistentVolumes (hostPath)", severity: { cluster: "high", namespace: "high" } }),
});
