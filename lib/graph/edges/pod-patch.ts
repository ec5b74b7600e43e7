import { req } from "../context";
import { defineEdge } from "../define-edge";
import { MITRE } from "../mitre";
import { podAccessDrafts } from "./support";

const CHECK = "kubectl auth can-i patch pods{/name} {ns} {as}";

/** update/patch pods → replace a running container's image: code execution with the pod's token and secrets. */
export default defineEdge({
  label: "POD_PATCH",
  from: ["User", "Group", "ServiceAccount"],
  to: ["Workload", "Scope"],
  requires: "`update` or `patch` on `pods` in the pod's namespace (resourceNames, if any, name the pods).",
  mitre: MITRE.containerAdminCommand,
  explain:
    "A running pod's container images are mutable: patching spec.containers[*].image restarts the container with the attacker's " +
    "image, which then runs with the pod's service-account token, mounted secrets and node access. The service account itself " +
    "cannot be changed on a pod (that needs a controller: WORKLOAD_PATCH).",
  check: CHECK,
  defences: ["Do not grant update/patch on pods to people; controllers manage pods.", "Admission policy pinning images to trusted registries (and digests)."],
  cost: 2,
  build(ctx) {
    return podAccessDrafts(ctx, [req("patch", "", "pods"), req("update", "", "pods")], (what, where) => `can replace the image of ${what} in ${where}`, CHECK);
  },
});
