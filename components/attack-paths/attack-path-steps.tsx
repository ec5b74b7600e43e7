import { describeEvidence } from "@/lib/report/attack-paths";
import type { StoredAttackPath } from "@/lib/store";

/** A crown jewel's tier, spelled out (tier-0 is the most valuable). */
export function TierBadge({ tier }: { tier: string }) {
  const style = tier === "tier-0" ? "bg-red-50 text-red-800 ring-red-200" : tier === "tier-1" ? "bg-amber-50 text-amber-900 ring-amber-200" : "bg-slate-100 text-slate-700 ring-slate-200";
  return <span className={`whitespace-nowrap rounded px-1.5 py-0.5 text-[11px] font-medium ring-1 ring-inset ${style}`}>{tier}</span>;
}

/** "2 steps · cost 3". */
export function PathLength({ steps, cost }: { steps: number; cost: number }) {
  return (
    <span className="whitespace-nowrap text-xs text-slate-600">
      {steps} step{steps === 1 ? "" : "s"} · cost {cost}
    </span>
  );
}

/** The path in one line: each step's words joined by arrows. */
export function PathSummary({ path }: { path: Pick<StoredAttackPath, "steps"> }) {
  return (
    <span className="text-sm text-slate-800" data-testid="path-summary">
      {path.steps.map((s, i) => (
        <span key={i}>
          {i > 0 ? <span className="px-1 text-slate-500" aria-label="then">→</span> : null}
          {s.explanation}
        </span>
      ))}
    </span>
  );
}

/**
 * Every step of a path: the edge type and cost, who reaches what, the step in words, the evidence that makes it
 * possible (binding → role → rule, a pod's setting, an annotation), other bindings that allow it too, and the command
 * that confirms it. `holder` is the identity the path starts from, written as in the evidence ("ServiceAccount ci/x").
 */
export function AttackPathSteps({ path, holder }: { path: Pick<StoredAttackPath, "steps">; holder: string }) {
  return (
    <ol className="mt-2 space-y-2 border-l-2 border-indigo-200 pl-4" data-testid="path-steps">
      {path.steps.map((s, i) => (
        <li key={i} className="text-sm">
          <div className="flex flex-wrap items-baseline gap-2">
            <span className="font-mono text-[11px] font-semibold text-indigo-800">
              {i + 1}. {s.label}
            </span>
            <span className="text-xs text-slate-600">
              {s.from.label} → {s.to.label}
              {s.via.length ? <> (through {s.via.map((v) => v.label).join(", ")})</> : null} · cost {s.cost}
            </span>
          </div>
          <p className="text-slate-900">{s.explanation}</p>
          {s.evidence.length ? (
            <ul className="mt-0.5 space-y-0.5 text-xs text-slate-700" aria-label="Evidence">
              {s.evidence.map((e, k) => (
                <li key={k}>because {describeEvidence(e, holder)}</li>
              ))}
            </ul>
          ) : null}
          {s.alsoViaCount > 0 ? (
            <p className="text-xs text-slate-600">
              also allowed by {s.alsoVia.map((r) => r.map((e) => describeEvidence(e, holder)).join(" + ")).join("; ")}
              {s.alsoViaCount > s.alsoVia.length ? ` and ${s.alsoViaCount - s.alsoVia.length} more` : ""}
            </p>
          ) : null}
          {s.check ? (
            <p className="mt-0.5 text-xs text-slate-600">
              check: <code className="break-all rounded bg-slate-100 px-1 py-0.5 text-slate-800">{s.check}</code>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
