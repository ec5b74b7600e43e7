/**
 * Identity risk score (0–100). The formula is documented in README.md, "Identity risk score"; keep the two in step.
 */
import type { Analysis, IdentityId } from "@/lib/rbac/types";
import { SEVERITY_RANK, type Finding, type IdentityRisk, type Severity } from "./types";

/** Base weight of one finding by severity. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 80, high: 55, medium: 30, low: 10, info: 0 };
/** Multiplier for findings that apply cluster-wide (finding.namespace === null). */
export const CLUSTER_WIDE_MULTIPLIER = 1.25;
/** The 2nd-highest contribution counts this much, the 3rd half of that, and so on. */
export const TAIL_FACTOR = 0.25;
/** At most this many reasons are listed (plus an "and N more" line). */
const MAX_REASONS = 5;

/** What one finding contributes before diminishing: weight × scope multiplier, capped at 100. */
export function findingContribution(f: Finding): number {
  const base = SEVERITY_WEIGHT[f.severity];
  return Math.min(100, f.namespace === null ? base * CLUSTER_WIDE_MULTIPLIER : base);
}

/** score = min(100, round(c₁ + TAIL_FACTOR · Σ_{i≥2} cᵢ · 2^-(i-2))) over contributions sorted descending. */
export function combineContributions(contributions: readonly number[]): number {
  const sorted = [...contributions].sort((a, b) => b - a);
  let total = sorted[0] ?? 0;
  let factor = TAIL_FACTOR;
  for (let i = 1; i < sorted.length; i++) {
    total += sorted[i]! * factor;
    factor /= 2;
  }
  return Math.min(100, Math.round(total));
}

interface Counted {
  finding: Finding;
  /** The group it was inherited through, if not the identity's own. */
  viaGroup?: string;
  contribution: number;
}

function reason(c: Counted): string {
  const { finding: f } = c;
  const tag = f.byDesign ? "info, Kubernetes default" : f.severity;
  const text = `${f.message} (${tag}; ${f.ruleId})`;
  return c.viaGroup ? `Through group ${c.viaGroup}: ${text}` : capitalize(text);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Scores every identity of the analysis from the findings. An identity counts its own findings plus those of the
 * groups it belongs to (identity.groups — e.g. system:authenticated, system:serviceaccounts:NS), since it holds those
 * permissions too; `overPermissive` considers its own non-by-design critical/high findings only (the fix for an
 * inherited one is on the group's binding). Returns one entry per identity, in analysis order.
 */
export function scoreIdentities(analysis: Analysis, findings: readonly Finding[]): IdentityRisk[] {
  const byIdentity = new Map<IdentityId, Finding[]>();
  for (const f of findings) {
    if (f.identityId === undefined) continue;
    const list = byIdentity.get(f.identityId);
    if (list) list.push(f);
    else byIdentity.set(f.identityId, [f]);
  }

  return analysis.identities.map((identity): IdentityRisk => {
    const counted: Counted[] = [];
    for (const f of byIdentity.get(identity.id) ?? []) counted.push({ finding: f, contribution: findingContribution(f) });
    for (const g of identity.groups) {
      for (const f of byIdentity.get(`Group:${g}`) ?? []) counted.push({ finding: f, viaGroup: g, contribution: findingContribution(f) });
    }
    if (counted.length === 0) return { identityId: identity.id, score: 0, level: "none", overPermissive: false, reasons: [] };

    counted.sort((a, b) => b.contribution - a.contribution || SEVERITY_RANK[b.finding.severity] - SEVERITY_RANK[a.finding.severity]);
    let level: Severity = "info";
    for (const c of counted) if (SEVERITY_RANK[c.finding.severity] > SEVERITY_RANK[level]) level = c.finding.severity;
    const overPermissive = counted.some(
      (c) => !c.viaGroup && !c.finding.byDesign && (c.finding.severity === "critical" || c.finding.severity === "high"),
    );
    const reasons = counted.slice(0, MAX_REASONS).map(reason);
    if (counted.length > MAX_REASONS) reasons.push(`…and ${counted.length - MAX_REASONS} more finding${counted.length - MAX_REASONS === 1 ? "" : "s"}`);
    return {
      identityId: identity.id,
      score: combineContributions(counted.map((c) => c.contribution)),
      level,
      overPermissive,
      reasons,
    };
  });
}
