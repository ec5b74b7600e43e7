import { LEVEL_BAR, SeverityIcon } from "@/components/ui/severity";
import { RISK_LABEL, type RiskLevel } from "@/lib/view/risk";

/** Horizontal bars per level, each labelled with icon, name and count (readable without colour). */
export function LevelBars({ counts, levels, hrefFor, caption }: { counts: Partial<Record<RiskLevel, number>>; levels: RiskLevel[]; hrefFor?: (level: RiskLevel) => string; caption: string }) {
  const max = Math.max(1, ...levels.map((l) => counts[l] ?? 0));
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <tbody>
        {levels.map((level) => {
          const n = counts[level] ?? 0;
          const label = (
            <span className="inline-flex items-center gap-1.5">
              <SeverityIcon level={level} className={`h-3.5 w-3.5 ${level === "critical" ? "text-red-700" : level === "high" ? "text-orange-600" : level === "medium" ? "text-amber-500" : level === "low" ? "text-sky-600" : "text-slate-500"}`} />
              {RISK_LABEL[level]}
            </span>
          );
          return (
            <tr key={level}>
              <th scope="row" className="w-28 py-1 pr-3 text-left font-normal text-slate-700">
                {hrefFor && n > 0 ? (
                  <a className="hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600" href={hrefFor(level)}>
                    {label}
                  </a>
                ) : (
                  label
                )}
              </th>
              <td className="py-1">
                <div className="h-3 rounded-sm bg-slate-100">
                  <div className={`h-3 rounded-sm ${LEVEL_BAR[level]}`} style={{ width: `${(100 * n) / max}%` }} />
                </div>
              </td>
              <td className="w-16 py-1 pl-3 text-right font-mono tabular-nums text-slate-900">{n.toLocaleString("en")}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
