import { asFlags, type EdgeDraft, forEachGrant, grantAllowsCluster, grantEvidence, permissionText, req } from "../context";
import { defineEdge } from "../define-edge";
import { CLUSTER_ADMIN_ID } from "../ids";
import { MITRE } from "../mitre";

const ADMISSION = "admissionregistration.k8s.io";
const KINDS = [
  { resource: "mutatingwebhookconfigurations", kind: "MutatingWebhookConfiguration", cost: 3, does: "rewrite every admitted object (inject privileged containers, swap service accounts)" },
  { resource: "validatingwebhookconfigurations", kind: "ValidatingWebhookConfiguration", cost: 4, does: "receive every admitted object, secrets included, and block any of them" },
] as const;

/** create/update/patch admission webhook configurations → every admitted object passes through the attacker's server. */
export default defineEdge({
  label: "WEBHOOK_WRITE",
  from: ["User", "Group", "ServiceAccount"],
  to: ["ClusterAdmin"],
  requires: "`create` on mutatingwebhookconfigurations or validatingwebhookconfigurations, or `update`/`patch` on an existing one (resourceNames, if any, name the configurations).",
  mitre: MITRE.eventTriggeredExecution,
  explain:
    "An admission webhook receives the full body of every matching API request. A mutating webhook pointed at the attacker's " +
    "server rewrites any pod the cluster creates (privileged, hostPath, another service account) and any Secret or binding written; " +
    "a validating webhook sees all of it and can deny changes. Either is equivalent to cluster-admin for what passes admission.",
  check: "kubectl auth can-i create mutatingwebhookconfigurations {as}",
  defences: ["Grant webhook configuration writes to the operators that own them, with resourceNames.", "Alert on new or changed webhook configurations.", "Exclude kube-system and the webhooks' own namespaces with namespaceSelector."],
  cost: 3,
  build(ctx) {
    const out: EdgeDraft[] = [];
    const existing = ctx.model.inventory.webhookConfigurations;
    forEachGrant(
      ctx,
      ["create", "update", "patch"],
      (grant) => {
        if (!grant.rule.apiGroups.some((x) => x === ADMISSION || x === "*")) return undefined;
        for (const k of KINDS) {
          const create = req("create", ADMISSION, k.resource);
          if (grantAllowsCluster(grant, create)) return { k, a: create };
          for (const w of existing) {
            if (w.kind !== k.kind) continue;
            const a = ["update", "patch"].map((verb) => req(verb, ADMISSION, k.resource, { name: w.name })).find((x) => grantAllowsCluster(grant, x));
            if (a) return { k, a };
          }
        }
        return undefined;
      },
      (p, grant, { k, a }) => {
        out.push({
          from: p.id,
          to: CLUSTER_ADMIN_ID,
          explanation: `can ${a.verb} ${k.kind}${a.name ? ` ${a.name}` : "s"} to ${k.does}`,
          evidence: [grantEvidence(grant, permissionText(a))],
          cost: k.cost,
          check: `kubectl auth can-i ${a.verb} ${k.resource}${a.name ? `/${a.name}` : ""} ${asFlags(p)}`,
        });
      },
    );
    return out;
  },
});
