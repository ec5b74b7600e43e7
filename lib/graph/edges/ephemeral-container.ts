import { grantEvidence, permissionText, renderCheck, req, type EdgeDraft } from "../context";
import { defineEdge } from "../define-edge";
import { nodeId, scopeId } from "../ids";
import { MITRE } from "../mitre";
import { admissionEvidence, privilegedPodsAdmitted } from "../model";
import { podReach, scopeFor, where } from "./support";

const CHECK = "kubectl auth can-i patch pods{/name} --subresource=ephemeralcontainers {ns} {as}";
const REQUESTS = [req("patch", "", "pods", { subresource: "ephemeralcontainers" }), req("update", "", "pods", { subresource: "ephemeralcontainers" })];
const NODE_COST = 3;

/**
 * update/patch pods/ephemeralcontainers → add a debug container to a running pod: it shares the pod's service account
 * and volumes; where privileged pods are admitted it can itself be privileged and take the node the pod runs on.
 */
export default defineEdge({
  label: "EPHEMERAL_CONTAINER",
  from: ["User", "Group", "ServiceAccount"],
  to: ["Workload", "Scope", "Node"],
  requires: "`update` or `patch` on `pods/ephemeralcontainers` in the pod's namespace; the node step also needs the namespace to admit privileged pods.",
  mitre: MITRE.containerAdminCommand,
  explain:
    "`kubectl debug` adds an ephemeral container with an image of the attacker's choosing to a running pod. It runs with the pod's " +
    "service account and can mount the pod's volumes (token, secrets). Pod Security Admission checks ephemeral containers too: where " +
    "the namespace admits privileged pods, the debug container can be privileged and escape to the node the pod runs on.",
  check: CHECK,
  defences: [
    "Grant pods/ephemeralcontainers only in break-glass roles.",
    "Enforce Pod Security baseline or restricted so debug containers cannot be privileged.",
    "Set automountServiceAccountToken: false where the API is not needed.",
  ],
  cost: 2,
  build(ctx) {
    const out: EdgeDraft[] = [];
    const admitAny = ctx.model.namespaces.find((ns) => privilegedPodsAdmitted(ctx.model, ns) && (ctx.model.workloadsByNs.get(ns)?.length ?? 0) > 0);
    podReach(ctx, REQUESTS, (p, grant, reach) => {
      if (reach.all) {
        const evidence = [grantEvidence(grant, permissionText(reach.a))];
        const check = renderCheck(CHECK, p, { ns: reach.scope });
        out.push({ from: p.id, to: scopeFor("workloads", reach.scope), explanation: `can add a debug container to any pod in ${where(reach.scope)}`, evidence, check });
        const admitNs = reach.scope === "*" ? admitAny : privilegedPodsAdmitted(ctx.model, reach.scope) ? reach.scope : undefined;
        if (admitNs === undefined) return;
        const to = reach.scope === "*" ? scopeId("nodes") : scopeId("nodes", reach.scope);
        out.push({ from: p.id, to, explanation: `can add a privileged debug container to pods in ${admitNs} and take their nodes`, evidence: [...evidence, admissionEvidence(ctx.model, admitNs)], cost: NODE_COST, check });
        return;
      }
      for (const t of reach.pods) {
        const evidence = [grantEvidence(grant, permissionText({ ...reach.a, name: t.pod }))];
        const check = renderCheck(CHECK, p, { ns: t.namespace, name: t.pod });
        out.push({ from: p.id, to: t.id, explanation: `can add a debug container to pod ${t.pod} in ${t.namespace}`, evidence, check });
        const node = ctx.model.podByName.get(`${t.namespace}/${t.pod}`)?.pod.nodeName;
        if (node && privilegedPodsAdmitted(ctx.model, t.namespace)) {
          out.push({ from: p.id, to: nodeId(node), explanation: `can add a privileged debug container to pod ${t.pod} and take its node`, evidence: [...evidence, admissionEvidence(ctx.model, t.namespace)], cost: NODE_COST, check });
        }
      }
    });
    return out;
  },
});
