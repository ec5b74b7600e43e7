import { defineEdge } from "../define-edge";
import type { EdgeDraft } from "../context";
import { serviceAccountId } from "../ids";
import { MITRE } from "../mitre";

/** A workload → the service account its pods run as, when the token is mounted (automountServiceAccountToken). */
export default defineEdge({
  label: "RUNS_AS",
  from: ["Workload"],
  to: ["ServiceAccount"],
  requires: "The pod spec runs as the service account and mounts its token (automountServiceAccountToken not false on the pod or the ServiceAccount).",
  mitre: MITRE.stealAppToken,
  explain:
    "Unless automounting is switched off, every container gets the service account's token at " +
    "/var/run/secrets/kubernetes.io/serviceaccount/token. Code running in the workload — an attacker's shell, a replaced image, " +
    "an exploited application — can call the API as that account.",
  check: "kubectl get {name} {ns} -o jsonpath='{.spec.template.spec.serviceAccountName} {.spec.template.spec.automountServiceAccountToken}'",
  defences: ["Set automountServiceAccountToken: false on pods and ServiceAccounts that do not call the API.", "Give each workload its own service account with only what it needs."],
  cost: 0,
  build(ctx) {
    const out: EdgeDraft[] = [];
    for (const g of ctx.workloadUnits()) {
      for (const s of g.serviceAccounts) {
        if (!s.automount) continue;
        out.push({
          from: g.id,
          to: serviceAccountId(g.namespace, s.name),
          explanation: `runs as ${g.namespace}/${s.name} with its token mounted`,
          evidence: [{ kind: "workload", object: s.object, fact: `serviceAccountName: ${s.name}, token automounted` }],
          check: `kubectl get ${g.kind.toLowerCase()} ${g.name} -n ${g.namespace} -o yaml`,
        });
      }
    }
    return out;
  },
});
