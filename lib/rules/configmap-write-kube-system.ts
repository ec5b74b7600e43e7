import { defineRule } from "./support/define-rule";
import { anyOf, evidenceFor, probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { CORE, MODIFY_VERBS } from "./support/requests";
import { oneFinding } from "./support/scoped";

/** Any ConfigMap in kube-system, plus the sensitive ones by name (so name-restricted grants on them count too). */
const SENSITIVE = ["coredns", "kube-proxy", "kubeadm-config", "kubelet-config", "aws-auth", "extension-apiserver-authentication"];
const PROBES = anyOf(
  probes({ verbs: ["create"], apiGroup: CORE, resources: ["configmaps"], namespace: "kube-system" }),
  probes({ verbs: MODIFY_VERBS, apiGroup: CORE, resources: ["configmaps"], namespace: "kube-system", names: [undefined, ...SENSITIVE] }),
);

export default defineRule({
  id: "configmap-write-kube-system",
  title: "Write ConfigMaps in kube-system",
  severity: "high",
  category: "configuration-and-network",
  rationale:
    "kube-system ConfigMaps configure cluster components: CoreDNS (`coredns` — poison DNS for every pod), kube-proxy, kubeadm and " +
    "kubelet configuration, API server front-proxy trust (`extension-apiserver-authentication`) and, on EKS, `aws-auth`.",
  remediation: "Keep kube-system ConfigMap writes to cluster administrators and the components that own them (resourceNames).",
  references: [REF.leastPrivilege, REF.awsAuth, ...mitreRefs(MITRE.adversaryInTheMiddle, MITRE.impairDefenses)],
  mitre: [MITRE.adversaryInTheMiddle, MITRE.impairDefenses],
  match: (ctx) => oneFinding(evidenceFor(ctx.grants, PROBES), "can write ConfigMaps in kube-system", "kube-system"),
});
