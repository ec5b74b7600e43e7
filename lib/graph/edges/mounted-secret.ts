import { defineEdge } from "../define-edge";
import type { EdgeDraft } from "../context";
import { secretId } from "../ids";
import { MITRE } from "../mitre";
import { objectRef } from "../model";

/** A workload → the secrets its pod spec mounts or references (volumes, projected volumes, env, envFrom). */
export default defineEdge({
  label: "MOUNTED_SECRET",
  from: ["Workload"],
  to: ["Secret"],
  requires: "The pod spec references the secret in a volume, a projected volume, env valueFrom.secretKeyRef or envFrom.secretRef.",
  mitre: MITRE.credentialsInFiles,
  explain: "A secret the workload mounts or reads into its environment is readable by any code running in it (files under the mount path, /proc/self/environ).",
  check: "kubectl get {name} {ns} -o yaml",
  defences: ["Mount only the keys a container needs (items:), read-only.", "Prefer short-lived credentials from an external secret manager."],
  cost: 0,
  build(ctx) {
    const out: EdgeDraft[] = [];
    for (const g of ctx.workloadUnits()) {
      for (const s of g.secretRefs) {
        const to = secretId(g.namespace, s);
        if (!ctx.hasNode(to)) continue;
        const object = objectRef(g.objects.find((o) => o.security.secretRefs.includes(s)) ?? g.objects[0]!);
        out.push({ from: g.id, to, explanation: `mounts secret ${g.namespace}/${s}`, evidence: [{ kind: "workload", object, fact: `references secret ${s}` }], check: `kubectl get ${g.kind.toLowerCase()} ${g.name} -n ${g.namespace} -o yaml` });
      }
    }
    return out;
  },
});
