import { req } from "../context";
import { defineEdge } from "../define-edge";
import { MITRE } from "../mitre";
import { podAccessDrafts } from "./support";

const CHECK = "kubectl auth can-i create pods{/name} --subresource=exec {ns} {as}";

/** create pods/exec → a shell in the workload's containers: its service-account token and mounted secrets. */
export default defineEdge({
  label: "POD_EXEC",
  from: ["User", "Group", "ServiceAccount"],
  to: ["Workload", "Scope"],
  requires: "`create` on `pods/exec` in the pod's namespace (resourceNames, if any, name the pods).",
  mitre: MITRE.containerAdminCommand,
  explain:
    "`kubectl exec` runs any command in a running container. The attacker reads the mounted service-account token " +
    "(/var/run/secrets/kubernetes.io/serviceaccount/token) and every mounted secret, and inherits whatever the container can do " +
    "on its node. Clusters before Kubernetes 1.31 also accepted `get pods/exec` over WebSocket; Palisade checks `create`, the verb " +
    "current API servers require.",
  check: CHECK,
  defences: [
    "Grant pods/exec only for break-glass, scoped to one namespace, and audit its use.",
    "Set automountServiceAccountToken: false on workloads that do not call the API.",
    "Prefer ephemeral debug tooling behind an approval flow over standing exec rights.",
  ],
  cost: 1,
  build(ctx) {
    return podAccessDrafts(ctx, [req("create", "", "pods", { subresource: "exec" })], (what, where) => `can exec into ${what} in ${where}`, CHECK);
  },
});
