import type { RiskLevel } from "./risk";

/**
 * Weight of one identity at each risk level in the posture score. A critical identity (cluster-admin equivalent,
 * secrets cluster-wide, …) counts fully; a high one half; medium — most often only what every authenticated user
 * inherits — a little; low and info (by design) hardly or not at all.
 */
export const POSTURE_WEIGHTS: Record<RiskLevel, number> = { critical: 1, high: 0.5, medium: 0.15, low: 0.05, info: 0, none: 0 };

/**
 * Posture score, 0–100 (higher is better): `100 × (1 − Σ weight(level) / identities)`, rounded — the share of
 * identities that are not risky, each risky identity weighted by its level. 100 when there are no identities.
 * Computed from a snapshot's stored identities-by-level aggregate, so past snapshots give a trend cheaply.
 */
export function postureScore(identitiesByLevel: Record<RiskLevel, number>): number {
  let total = 0;
  let weighted = 0;
  for (const [level, n] of Object.entries(identitiesByLevel) as [RiskLevel, number][]) {
    total += n;
    weighted += (POSTURE_WEIGHTS[level] ?? 0) * n;
  }
  if (total === 0) return 100;
  return Math.round(100 * (1 - weighted / total));
}

/** A word for the score band, shown beside the number. */
export function postureBand(score: number): "good" | "fair" | "poor" {
  return score >= 85 ? "good" : score >= 65 ? "fair" : "poor";
}
