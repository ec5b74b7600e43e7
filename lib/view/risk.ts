import type { Severity } from "@/lib/rules/types";

/** An identity's risk level: a severity, or none when it has no findings (README.md, "Identity risk score"). */
export type RiskLevel = Severity | "none";

export const RISK_LEVELS: readonly RiskLevel[] = ["critical", "high", "medium", "low", "info", "none"];

/** none 0 … critical 5: for "at least this level" filters and max(). */
export const RISK_RANK: Record<RiskLevel, number> = { none: 0, info: 1, low: 2, medium: 3, high: 4, critical: 5 };

export function maxRisk(a: RiskLevel, b: RiskLevel): RiskLevel {
  return RISK_RANK[a] >= RISK_RANK[b] ? a : b;
}

/** Words shown next to every colour, so the level never depends on colour alone. */
export const RISK_LABEL: Record<RiskLevel, string> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
  info: "Info",
  none: "None",
};

/**
 * Colours per level (Okabe–Ito-inspired, distinguishable with the common colour-vision deficiencies; every use also
 * carries the label or an icon). `fill` for graph nodes and bars, `text` for labels on white.
 */
export const RISK_COLOUR: Record<RiskLevel, { fill: string; text: string }> = {
  critical: { fill: "#b4232a", text: "#9b1c22" },
  high: { fill: "#e06c00", text: "#a34e00" },
  medium: { fill: "#d9a300", text: "#7a5c00" },
  low: { fill: "#3b82c4", text: "#245f94" },
  info: { fill: "#8a94a6", text: "#4a5466" },
  none: { fill: "#c7ced9", text: "#4a5466" },
};
