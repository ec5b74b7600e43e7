import { asFlags, type EdgeDraft, firstScoped, forEachGrant, grantEvidence, permissionText } from "../context";
import { defineEdge } from "../define-edge";
import { scopeId } from "../ids";
import { MITRE } from "../mitre";
import { admissionEvidence, namespaceMayExist, privilegedPodsAdmitted } from "../model";
import { POD_CREATING, scopeFor, where } from "./support";

const NODE_COST = 3;

/**
 * create pods (or any controller with a pod template) in a namespace → the new pod may name any service account of
 * that namespace (no RBAC check on "using" a service account) and mount any of its secrets; if the namespace admits
 * privileged pods, the pod can be privileged, pinned to any node with spec.nodeName, and escape to it.
 */
export default defineEdge({
  label: "CREATE_POD",
  from: ["User", "Group", "ServiceAccount"],
  to: ["Scope"],
  requires:
    "`create` on pods, deployments, daemonsets, statefulsets, replicasets, jobs, cronjobs or replicationcontrollers in the namespace " +
    "(a RoleBinding's grant reaches only its namespace). The node step also needs the namespace to admit privileged pods " +
    "(no Pod Security Admission `enforce` label of baseline or restricted).",
  mitre: MITRE.deployContainer,
  explain:
    "Whoever creates a pod chooses its spec: spec.serviceAccountName can be any service account of the namespace, so the pod runs " +
    "with that account's token, and any secret of the namespace can be mounted and read. The same is true of a Deployment, Job or " +
    "other controller, whose pods the controller creates from the attacker's template. Where privileged pods are admitted, the pod " +
    "can also be privileged with hostPID and the host's root filesystem, placed on a chosen node with spec.nodeName: root on that node.",
  check: "kubectl auth can-i create pods {ns} {as}",
  defences: [
    "Give pod and controller creation to CI service accounts of the namespace only, not to people or cluster-wide.",
    "Label namespaces pod-security.kubernetes.io/enforce=restricted (or baseline) so privileged pods are rejected.",
    "Keep powerful service accounts and secrets out of namespaces where others can create pods.",
  ],
  cost: 2,
  build(ctx) {
    const out: EdgeDraft[] = [];
    const admitting = ctx.model.namespaces.find((ns) => privilegedPodsAdmitted(ctx.model, ns));
    forEachGrant(
      ctx,
      ["create"],
      (grant) => {
        const hit = firstScoped(grant, POD_CREATING);
        if (!hit) return undefined;
        const { a, scope } = hit;
        const admitNs = scope === "*" ? admitting : privilegedPodsAdmitted(ctx.model, scope) && namespaceMayExist(ctx.model, scope) ? scope : undefined;
        const resource = a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource;
        return { a, scope, admitNs, permission: permissionText(a), check: `kubectl auth can-i create ${resource} ${scope === "*" ? "--all-namespaces" : `-n ${scope}`}`, doing: `can create ${a.resource} in ${where(scope)}` };
      },
      (p, grant, h) => {
        const evidence = [grantEvidence(grant, h.permission)];
        const check = `${h.check} ${asFlags(p)}`;
        out.push({ from: p.id, to: scopeFor("serviceaccounts", h.scope), explanation: `${h.doing}, running them as any service account there`, evidence, check });
        out.push({ from: p.id, to: scopeFor("secrets", h.scope), explanation: `${h.doing}, mounting any secret there`, evidence, check });
        if (h.admitNs !== undefined) {
          out.push({
            from: p.id,
            to: scopeId("nodes"),
            explanation: `${h.doing} as privileged pods on a chosen node (admitted in ${h.admitNs})`,
            evidence: [...evidence, admissionEvidence(ctx.model, h.admitNs)],
            cost: NODE_COST,
            check,
          });
        }
      },
    );
    return out;
  },
});
