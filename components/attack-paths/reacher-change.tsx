import type { CrownJewelExposure } from "@/lib/store";

/** How the number of identities with a path changed since the previous snapshot: "▲ +3", "▼ -2", "unchanged", "new". */
export function ReacherChange({ jewel, hasPrevious }: { jewel: Pick<CrownJewelExposure, "reacherCount" | "previous">; hasPrevious: boolean }) {
  if (!hasPrevious) return <span className="text-xs text-slate-500">no previous snapshot</span>;
  if (!jewel.previous) return <span className="text-xs text-slate-600">new crown jewel</span>;
  const d = jewel.reacherCount - jewel.previous.reacherCount;
  if (d === 0) return <span className="text-xs text-slate-600">unchanged</span>;
  return (
    <span className={`text-xs font-medium ${d > 0 ? "text-red-800" : "text-emerald-800"}`}>
      {d > 0 ? `▲ +${d}` : `▼ ${d}`} identit{Math.abs(d) === 1 ? "y" : "ies"}
    </span>
  );
}
