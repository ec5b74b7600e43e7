import { defineRule } from "./support/define-rule";
import { anyOf, probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { WRITE_VERBS } from "./support/requests";
import { scopedMatch } from "./support/scoped";

const PROBES = anyOf(
  probes({ verbs: WRITE_VERBS, apiGroup: "argoproj.io", resources: ["applications", "applicationsets", "appprojects"] }),
  probes({ verbs: WRITE_VERBS, apiGroup: "kustomize.toolkit.fluxcd.io", resources: ["kustomizations"] }),
  probes({ verbs: WRITE_VERBS, apiGroup: "helm.toolkit.fluxcd.io", resources: ["helmreleases"] }),
  probes({ verbs: WRITE_VERBS, apiGroup: "source.toolkit.fluxcd.io", resources: ["gitrepositories", "ocirepositories", "helmrepositories", "buckets"] }),
);

export default defineRule({
  id: "gitops-resource-write",
  title: "Write GitOps resources reconciled by a privileged controller",
  severity: "high",
  category: "rbac-escalation",
  rationale:
    "Argo CD Applications/AppProjects and Flux Kustomizations/HelmReleases/sources are applied by a controller whose service account " +
    "is usually cluster-admin. Whoever writes them chooses what that controller deploys and where — a confused deputy that turns " +
    "a namespaced permission into cluster-wide control.",
  remediation:
    "Restrict these resources to the GitOps administrators; use Argo CD AppProjects with destination/resource allow-lists, Flux " +
    "multi-tenancy lockdown (serviceAccountName impersonation) and no cluster-admin default for the controller.",
  references: [REF.argoCdSecurity, REF.fluxSecurity, REF.leastPrivilege, ...mitreRefs(MITRE.deployContainer)],
  mitre: [MITRE.deployContainer],
  match: scopedMatch({ probes: PROBES, summary: "can write GitOps resources applied by a privileged controller", severity: { cluster: "high", namespace: "medium" } }),
});
