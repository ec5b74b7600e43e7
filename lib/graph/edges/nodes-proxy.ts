import { asFlags, type EdgeDraft, forEachGrant, grantAllowsCluster, grantEvidence, permissionText, req } from "../context";
import { defineEdge } from "../define-edge";
import { MITRE } from "../mitre";
import { allowedClusterNames, podUnitsOnNode, scopeFor } from "./support";

const REQUESTS = [req("create", "", "nodes", { subresource: "proxy" }), req("get", "", "nodes", { subresource: "proxy" })];

/** get/create nodes/proxy → the kubelet API of the node: run commands in every pod on it. */
export default defineEdge({
  label: "NODES_PROXY",
  from: ["User", "Group", "ServiceAccount"],
  to: ["Scope", "Workload"],
  requires: "`get` or `create` on `nodes/proxy` (cluster-scoped; resourceNames, if any, name the nodes).",
  mitre: MITRE.containerAdminCommand,
  explain:
    "nodes/proxy forwards requests to the kubelet's API (/exec, /run, /attach) through the API server. A WebSocket GET is enough " +
    "to run commands in any container on the node, bypassing admission and pod-level audit, so the attacker reaches every pod " +
    "scheduled there, with their tokens and secrets.",
  check: "kubectl auth can-i get nodes{/name} --subresource=proxy {as}",
  defences: ["Grant nodes/metrics or nodes/stats to monitoring instead of nodes/proxy.", "Never grant nodes/proxy to people or application service accounts."],
  cost: 2,
  build(ctx) {
    const out: EdgeDraft[] = [];
    forEachGrant(
      ctx,
      ["get", "create"],
      (grant) => {
        const a = REQUESTS.find((x) => grantAllowsCluster(grant, x));
        if (a) return { a, nodes: null };
        if (grant.rule.resourceNames.length === 0) return undefined;
        for (const r of REQUESTS) {
          const names = allowedClusterNames(grant, r);
          if (names.length > 0) return { a: r, nodes: names };
        }
        return undefined;
      },
      (p, grant, h) => {
        if (h.nodes === null) {
          out.push({ from: p.id, to: scopeFor("workloads", "*"), explanation: "can run commands in any pod through the kubelet API (nodes/proxy)", evidence: [grantEvidence(grant, permissionText(h.a))], check: `kubectl auth can-i ${h.a.verb} nodes --subresource=proxy ${asFlags(p)}` });
          return;
        }
        for (const node of h.nodes) {
          for (const to of podUnitsOnNode(ctx, node)) {
            out.push({ from: p.id, to, explanation: `can run commands in pods on node ${node} through the kubelet API`, evidence: [grantEvidence(grant, permissionText({ ...h.a, name: node }))], check: `kubectl auth can-i ${h.a.verb} nodes/${node} --subresource=proxy ${asFlags(p)}` });
          }
        }
      },
    );
    return out;
  },
});
