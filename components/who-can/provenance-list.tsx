import type { ProvenanceView } from "@/app/_lib/access-queries";
import { bindingLabel, roleLabel } from "@/lib/view/grant-view";

/** binding → role → rule, each rule expandable to its YAML. */
export function ProvenanceList({ via }: { via: ProvenanceView[] }) {
  return (
    <ul className="space-y-1">
      {via.map((p, i) => (
        <li key={i} className="text-xs">
          <details>
            <summary className="cursor-pointer text-slate-800">
              {bindingLabel(p.binding)} <span aria-hidden="true">→</span>
              <span className="sr-only">grants</span> {roleLabel(p.role)}, rule #{p.ruleIndex}
            </summary>
            {p.rule ? (
              <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-2 text-[11px] text-slate-100">
                <code>{p.rule}</code>
              </pre>
            ) : null}
          </details>
        </li>
      ))}
    </ul>
  );
}
