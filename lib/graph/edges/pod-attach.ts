import { req } from "../context";
import { defineEdge } from "../define-edge";
import { MITRE } from "../mitre";
import { podAccessDrafts } from "./support";

const CHECK = "kubectl auth can-i create pods{/name} --subresource=attach {ns} {as}";

/** create pods/attach → the main process's stdin/stdout: the workload's token and secrets when it runs a shell. */
export default defineEdge({
  label: "POD_ATTACH",
  from: ["User", "Group", "ServiceAccount"],
  to: ["Workload", "Scope"],
  requires: "`create` on `pods/attach` in the pod's namespace (resourceNames, if any, name the pods).",
  mitre: MITRE.containerAdminCommand,
  explain:
    "`kubectl attach` connects to the stdin/stdout of a container's main process. Where that process is a shell or accepts " +
    "input (stdin: true, tty: true, debug images), the attacker runs commands as it, with the pod's service-account token and " +
    "mounted secrets. Harder than exec because it depends on what the container runs.",
  check: CHECK,
  defences: ["Do not grant pods/attach outside break-glass roles.", "Avoid stdin/tty on production containers.", "Set automountServiceAccountToken: false where the API is not needed."],
  cost: 2,
  build(ctx) {
    return podAccessDrafts(ctx, [req("create", "", "pods", { subresource: "attach" })], (what, where) => `can attach to ${what} in ${where}`, CHECK);
  },
});
