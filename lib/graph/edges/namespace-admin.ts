import { defineEdge } from "../define-edge";
import type { EdgeDraft } from "../context";
import { namespaceId, scopeId } from "../ids";
import { MITRE } from "../mitre";
import { admissionEvidence, privilegedPodsAdmitted } from "../model";
import { scopeFor } from "./support";

const NODE_COST = 3;

/** Full control of a namespace → its workloads, service accounts and secrets (and nodes, where privileged pods are admitted). */
export default defineEdge({
  label: "NAMESPACE_ADMIN",
  from: ["Namespace"],
  to: ["Scope"],
  requires: "Full control of the namespace (reached through GRANTED, ROLE_BIND, ROLE_ESCALATE, RBAC_WRITE, AGGREGATION_INJECT or cluster-admin).",
  mitre: MITRE.validAccounts,
  explain:
    "An admin of a namespace can exec into its pods, mint tokens for its service accounts and read its secrets; where the " +
    "namespace admits privileged pods, it can also run one on any node.",
  check: "kubectl auth can-i '*' '*' {ns} {as}",
  defences: ["Keep admin of namespaces that run privileged or high-value workloads to their owners.", "Enforce Pod Security baseline or restricted."],
  cost: 0,
  build(ctx) {
    const out: EdgeDraft[] = [];
    for (const ns of ctx.model.namespaces) {
      const from = namespaceId(ns);
      const evidence = [{ kind: "membership" as const, fact: `full control of namespace ${ns} includes its pods, service accounts and secrets` }];
      out.push({ from, to: scopeFor("workloads", ns), explanation: `controls every workload in ${ns}`, evidence });
      out.push({ from, to: scopeFor("serviceaccounts", ns), explanation: `can act as any service account in ${ns}`, evidence });
      out.push({ from, to: scopeFor("secrets", ns), explanation: `can read any secret in ${ns}`, evidence });
      if (privilegedPodsAdmitted(ctx.model, ns)) out.push({ from, to: scopeId("nodes"), explanation: `can run a privileged pod from ${ns} on any node`, evidence: [admissionEvidence(ctx.model, ns)], cost: NODE_COST });
    }
    return out;
  },
});
