import type { SubjectRef } from "@/lib/k8s/types";
import type { Analysis, Identity } from "@/lib/rbac/types";
import type { ClusterRule, Evidence, Finding, FindingDraft, IdentityRule, Rule, RunOptions } from "../types";
import { SEVERITY_RANK } from "../types";
import { isDefaultGrant } from "./bootstrap";
import { grantOf } from "./probes";
import { withoutFullWildcard } from "./requests";

function isDirect(via: SubjectRef, identity: Identity): boolean {
  if (via.kind !== identity.kind || via.name !== identity.name) return false;
  return via.kind !== "ServiceAccount" || via.namespace === identity.namespace;
}

/** By design when every piece of evidence is an unchanged bootstrap grant (see support/bootstrap.ts). */
function evidenceByDesign(evidence: readonly Evidence[]): boolean {
  if (evidence.length === 0) return false;
  for (const e of evidence) {
    const g = grantOf(e);
    if (!g || !isDefaultGrant(g)) return false;
  }
  return true;
}

function finalize(rule: Rule, d: FindingDraft, identityId: string | undefined, byDesign: boolean): Finding {
  const f: Finding = {
    ruleId: rule.id,
    severity: byDesign ? "info" : (d.severity ?? rule.severity),
    message: d.message,
    namespace: d.namespace,
    evidence: d.evidence,
    byDesign,
  };
  if (identityId !== undefined) f.identityId = identityId;
  if (d.object) f.object = d.object;
  return f;
}

/**
 * Runs rules over an analysis.
 *
 * Identity rules see each identity's effective grants (own + inherited through groups). A finding is kept for an
 * identity only when at least one piece of its evidence is bound to that identity directly; findings that rest
 * entirely on a group's bindings are reported once, on the Group identity (scoring adds them back to members).
 * Identities without any direct grant are therefore skipped — which also keeps 20,000 mostly-unbound service
 * accounts cheap. Grants allowing everything are hidden from rules that do not ask for them (seesFullWildcardGrants):
 * cluster-admin-equivalent / namespace-admin-wildcard report them once instead of thirty capability rules.
 */
export function runCatalogue(rules: readonly Rule[], analysis: Analysis, opts: RunOptions = {}): Finding[] {
  const includeBuiltin = opts.includeBuiltin ?? true;
  const identityRules = rules.filter((r): r is IdentityRule => r.kind === "identity");
  const clusterRules = rules.filter((r): r is ClusterRule => r.kind === "cluster");
  const out: Finding[] = [];

  for (const identity of analysis.identities) {
    const grants = analysis.grantsByIdentity.get(identity.id);
    if (!grants || grants.length === 0) continue;
    if (!grants.some((g) => isDirect(g.via, identity))) continue;
    const ctx = { identity, grants, analysis };
    const narrowed = withoutFullWildcard(grants);
    const narrowCtx = narrowed === grants ? ctx : { identity, grants: [...narrowed], analysis };
    for (const rule of identityRules) {
      for (const d of rule.match(rule.seesFullWildcardGrants ? ctx : narrowCtx)) {
        if (d.evidence.length > 0 && !d.evidence.some((e) => isDirect(e.via, identity))) continue;
        const byDesign = d.byDesign ?? evidenceByDesign(d.evidence);
        if (byDesign && !includeBuiltin) continue;
        out.push(finalize(rule, d, identity.id, byDesign));
      }
    }
  }

  for (const rule of clusterRules) {
    for (const d of rule.matchCluster(analysis)) {
      const byDesign = d.byDesign ?? evidenceByDesign(d.evidence);
      if (byDesign && !includeBuiltin) continue;
      out.push(finalize(rule, d, d.identityId, byDesign));
    }
  }

  return out.sort(compareFindings);
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.identityId ?? "", b.identityId ?? "") ||
    cmp(a.namespace ?? "", b.namespace ?? "") ||
    cmp(a.object?.name ?? "", b.object?.name ?? "")
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
