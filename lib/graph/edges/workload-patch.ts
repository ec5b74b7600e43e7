import type { Grant } from "@/lib/rbac/types";
import { asFlags, forEachGrant, grantEvidence, grantScope, permissionText, req, type EdgeDraft, type Principal } from "../context";
import { defineEdge } from "../define-edge";
import { controllerScopeId, scopeId } from "../ids";
import { MITRE } from "../mitre";
import { admissionEvidence, PATCHABLE_CONTROLLERS, privilegedPodsAdmitted, type WorkloadGroup } from "../model";
import type { Evidence } from "../types";
import { allowedNames, scopeFor, where } from "./support";

const NODE_COST = 1;
const VERBS = ["patch", "update"];

/**
 * update/patch a controller (Deployment, DaemonSet, StatefulSet, ReplicaSet, CronJob, ReplicationController) → its pod
 * template is the attacker's: image, service account (any of the namespace), volumes (any secret of the namespace),
 * and, where privileged pods are admitted, privileged mode and node placement.
 *
 * An unrestricted grant is one edge per controller kind to the scope "any <Kind> in <namespace>" (or in every
 * namespace); from each such scope, edges lead to what a pod template can name in that namespace. resourceNames-
 * restricted grants get one edge per named controller and per namespace to its service accounts, secrets and nodes.
 */
export default defineEdge({
  label: "WORKLOAD_PATCH",
  from: ["User", "Group", "ServiceAccount", "Scope"],
  to: ["Workload", "Scope"],
  requires:
    "`update` or `patch` on an existing deployment, daemonset, statefulset, replicaset, cronjob or replicationcontroller " +
    "(resourceNames, if any, name the controllers). A Job's pod template is immutable, so Jobs do not count.",
  mitre: MITRE.deployContainer,
  explain:
    "Patching a controller's pod template rolls out new pods from the attacker's spec: a new image runs with the workload's " +
    "identity, spec.serviceAccountName can be switched to any service account of the namespace, any secret of the namespace can be " +
    "mounted, and where the namespace admits privileged pods the template can be privileged and pinned to a node. A DaemonSet " +
    "does this on every node at once.",
  check: "kubectl auth can-i patch {name} {ns} {as}",
  defences: [
    "Let only the namespace's CI/CD identity write controllers; no wildcard update on apps/* for people.",
    "Enforce Pod Security baseline/restricted and image admission policies.",
    "Run kube-system DaemonSets under GitOps with drift detection.",
  ],
  cost: 2,
  build(ctx) {
    const out: EdgeDraft[] = [];
    const kindsIn = new Map<string, Set<string>>();
    const allKinds = new Set<string>();
    for (const [ns, groups] of ctx.model.workloadsByNs) {
      const set = new Set(groups.filter((g) => g.root && g.kind in PATCHABLE_CONTROLLERS).map((g) => g.kind));
      kindsIn.set(ns, set);
      for (const k of set) allKinds.add(k);
    }

    // What a patched template can name, from each "any <Kind> in <namespace>" scope.
    for (const [ns, kinds] of kindsIn) {
      for (const kind of kinds) {
        const from = controllerScopeId(kind, ns);
        const evidence: Evidence[] = [{ kind: "membership", fact: `a ${kind} pod template in ${ns} may name any service account and secret of ${ns}` }];
        out.push({ from, to: scopeFor("serviceaccounts", ns), explanation: `a patched ${kind} runs as any service account in ${ns}`, evidence, cost: 0 });
        out.push({ from, to: scopeFor("secrets", ns), explanation: `a patched ${kind} mounts any secret in ${ns}`, evidence, cost: 0 });
        if (privilegedPodsAdmitted(ctx.model, ns)) out.push({ from, to: scopeId("nodes"), explanation: `a patched ${kind} runs privileged on a chosen node (admitted in ${ns})`, evidence: [admissionEvidence(ctx.model, ns)], cost: NODE_COST });
      }
    }

    const named = (p: Principal, grant: Grant, groups: { g: WorkloadGroup; permission: string }[]) => {
      const byNs = new Map<string, Evidence[]>();
      for (const { g, permission } of groups) {
        const evidence = [grantEvidence(grant, permission)];
        out.push({ from: p.id, to: g.id, explanation: `can patch ${g.kind} ${g.namespace}/${g.name} (image, service account, volumes)`, evidence, check: `kubectl auth can-i ${permission.split(" ")[0]} ${PATCHABLE_CONTROLLERS[g.kind]!.resource}/${g.name} -n ${g.namespace} ${asFlags(p)}` });
        if (!byNs.has(g.namespace)) byNs.set(g.namespace, evidence);
      }
      for (const [ns, evidence] of byNs) {
        out.push({ from: p.id, to: scopeFor("serviceaccounts", ns), explanation: `can patch a controller in ${ns} to run as any service account there`, evidence });
        out.push({ from: p.id, to: scopeFor("secrets", ns), explanation: `can patch a controller in ${ns} to mount any secret there`, evidence });
        if (privilegedPodsAdmitted(ctx.model, ns)) out.push({ from: p.id, to: scopeId("nodes"), explanation: `can patch a controller in ${ns} into privileged pods on a chosen node`, evidence: [...evidence, admissionEvidence(ctx.model, ns)], cost: 2 + NODE_COST });
      }
    };

    forEachGrant(
      ctx,
      VERBS,
      (grant) => {
        const scoped: { kind: string; scope: string; verb: string; resource: string; permission: string }[] = [];
        const byName: { g: WorkloadGroup; permission: string }[] = [];
        for (const [kind, { apiGroup, resource }] of Object.entries(PATCHABLE_CONTROLLERS)) {
          if (!allKinds.has(kind)) continue;
          for (const verb of VERBS) {
            const a = req(verb, apiGroup, resource);
            const scope = grantScope(grant, a);
            if (scope !== null) {
              if (scope === "*" || kindsIn.get(scope)?.has(kind)) scoped.push({ kind, scope, verb, resource, permission: permissionText(a) });
              break;
            }
            if (grant.rule.resourceNames.length === 0) continue;
            const names = allowedNames(grant, a);
            if (names.length === 0) continue;
            const namespaces = grant.namespace === null ? ctx.model.namespaces : [grant.namespace];
            for (const ns of namespaces) for (const g of ctx.model.workloadsByNs.get(ns) ?? []) if (g.kind === kind && g.root && names.includes(g.name)) byName.push({ g, permission: permissionText({ ...a, name: g.name }) });
            break;
          }
        }
        return scoped.length > 0 || byName.length > 0 ? { scoped, byName } : undefined;
      },
      (p, grant, h) => {
        for (const c of h.scoped) {
          out.push({
            from: p.id,
            to: controllerScopeId(c.kind, c.scope),
            explanation: `can ${c.verb} ${c.resource} in ${where(c.scope)}`,
            evidence: [grantEvidence(grant, c.permission)],
            check: `kubectl auth can-i ${c.verb} ${c.resource} ${c.scope === "*" ? "--all-namespaces" : `-n ${c.scope}`} ${asFlags(p)}`,
          });
        }
        if (h.byName.length > 0) named(p, grant, h.byName);
      },
    );
    return out;
  },
});
