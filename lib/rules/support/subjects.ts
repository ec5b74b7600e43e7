/** Helpers for rules about who holds grants (exposed subjects, default service accounts). */
import type { Grant, Identity } from "@/lib/rbac/types";
import type { Evidence, FindingDraft, Severity } from "../types";
import { isDefaultGrant } from "./bootstrap";
import { byScope, evidenceForWholeGrant } from "./probes";
import { grantTakeoverCapabilities } from "./requests";
import { scopeText } from "./scoped";

export function isDirectGrant(g: Grant, identity: Identity): boolean {
  const v = g.via;
  return v.kind === identity.kind && v.name === identity.name && (v.kind !== "ServiceAccount" || v.namespace === identity.namespace);
}

/** The identity's own grants that Kubernetes' default policy does not give it. */
export function nonDefaultDirectGrants(grants: readonly Grant[], identity: Identity): Grant[] {
  return grants.filter((g) => isDirectGrant(g, identity) && !isDefaultGrant(g));
}

/**
 * One draft per scope for "this subject holds these grants": severity `dangerous` when the grants in that scope allow
 * a takeover capability (named in the message), `otherwise` when not.
 */
export function holdsGrantsFindings(grants: readonly Grant[], who: string, dangerous: Severity, otherwise: Severity): FindingDraft[] {
  const out: FindingDraft[] = [];
  const evidence: Evidence[] = grants.map(evidenceForWholeGrant);
  const grantByEvidence = new Map(evidence.map((e, i) => [e, grants[i]!]));
  for (const [scope, ev] of byScope(evidence)) {
    const caps = grantTakeoverCapabilities(ev.map((e) => grantByEvidence.get(e)!));
    out.push({
      severity: caps.length > 0 ? dangerous : otherwise,
      message: `${who} holds ${ev.length} non-default grant${ev.length === 1 ? "" : "s"} ${scopeText(scope)}${caps.length ? `, allowing: ${caps.join(", ")}` : ""}`,
      namespace: scope,
      evidence: ev,
    });
  }
  return out;
}
