import type { RiskLevel } from "@/lib/view/risk";
import { RISK_LABEL } from "@/lib/view/risk";

/** Tailwind classes per level; every badge also carries an icon shape and the level's name (never colour alone). */
const BADGE: Record<RiskLevel, string> = {
  critical: "bg-red-50 text-red-800 ring-red-300",
  high: "bg-orange-50 text-orange-800 ring-orange-300",
  medium: "bg-amber-50 text-amber-900 ring-amber-300",
  low: "bg-sky-50 text-sky-800 ring-sky-300",
  info: "bg-slate-100 text-slate-700 ring-slate-300",
  none: "bg-white text-slate-600 ring-slate-200",
};

export const LEVEL_BAR: Record<RiskLevel, string> = {
  critical: "bg-red-700",
  high: "bg-orange-500",
  medium: "bg-amber-400",
  low: "bg-sky-500",
  info: "bg-slate-400",
  none: "bg-slate-200",
};

/** A distinct shape per level: octagon, triangle, diamond, circle, square, dash. */
export function SeverityIcon({ level, className = "h-3.5 w-3.5" }: { level: RiskLevel; className?: string }) {
  const common = { className, viewBox: "0 0 16 16", "aria-hidden": true as const, focusable: "false" as const };
  switch (level) {
    case "critical":
      return (
        <svg {...common}>
          <polygon points="5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5" fill="currentColor" />
          <rect x="7" y="4" width="2" height="5" fill="white" />
          <rect x="7" y="10.5" width="2" height="2" fill="white" />
        </svg>
      );
    case "high":
      return (
        <svg {...common}>
          <polygon points="8,1 15.5,15 0.5,15" fill="currentColor" />
          <rect x="7" y="6" width="2" height="4.5" fill="white" />
          <rect x="7" y="11.5" width="2" height="2" fill="white" />
        </svg>
      );
    case "medium":
      return (
        <svg {...common}>
          <polygon points="8,0.5 15.5,8 8,15.5 0.5,8" fill="currentColor" />
        </svg>
      );
    case "low":
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="6.5" fill="currentColor" />
        </svg>
      );
    case "info":
      return (
        <svg {...common}>
          <rect x="2" y="2" width="12" height="12" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
      );
    case "none":
      return (
        <svg {...common}>
          <rect x="3" y="7" width="10" height="2" fill="currentColor" />
        </svg>
      );
  }
}

export function SeverityBadge({ level, suffix, className = "" }: { level: RiskLevel; suffix?: string; className?: string }) {
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${BADGE[level]} ${className}`}>
      <SeverityIcon level={level} />
      {RISK_LABEL[level]}
      {suffix ? <span className="font-normal">{suffix}</span> : null}
    </span>
  );
}

/** Score with its level, e.g. "82 · High". */
export function RiskScore({ score, level }: { score: number; level: RiskLevel }) {
  return (
    <span className="inline-flex items-center gap-2">
      <span className="w-8 text-right font-mono tabular-nums text-slate-900">{score}</span>
      <SeverityBadge level={level} />
    </span>
  );
}
