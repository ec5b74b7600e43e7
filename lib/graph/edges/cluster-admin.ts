import { defineEdge } from "../define-edge";
import type { EdgeDraft } from "../context";
import { CLUSTER_ADMIN_ID, scopeId } from "../ids";
import { MITRE } from "../mitre";

/** cluster-admin → every namespace and every node. */
export default defineEdge({
  label: "CLUSTER_ADMIN",
  from: ["ClusterAdmin"],
  to: ["Scope"],
  requires: "cluster-admin (every verb on every resource cluster-wide, or system:masters).",
  mitre: MITRE.validAccounts,
  explain: "cluster-admin controls every namespace (workloads, tokens, secrets) and can schedule a privileged pod on any node, changing Pod Security labels first if it must.",
  check: "kubectl auth can-i '*' '*' --all-namespaces {as}",
  defences: ["Keep cluster-admin to break-glass identities with short-lived credentials."],
  cost: 0,
  build() {
    const evidence = [{ kind: "membership" as const, fact: "cluster-admin may do anything in any namespace" }];
    const out: EdgeDraft[] = [
      { from: CLUSTER_ADMIN_ID, to: scopeId("namespaces"), explanation: "controls every namespace", evidence },
      { from: CLUSTER_ADMIN_ID, to: scopeId("nodes"), explanation: "can run a privileged pod on any node", evidence, cost: 2 },
    ];
    return out;
  },
});
