/**
 * Attack paths in words, shared by the CLI (`palisade paths`) and the web app: what makes a step possible (its
 * evidence) and a whole path as one line.
 */
import type { Evidence } from "@/lib/graph";
import { formatBinding, formatRole, formatSubject } from "./text";

function objectName(o: { kind: string; name: string; namespace?: string }): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ""}${o.name}`;
}

/**
 * One piece of evidence in words:
 * `create pods: RoleBinding payments/ci-deployer → Role payments/deployer, rule 0 (through ServiceAccount ci/deployer)`,
 * `Deployment monitoring/node-exporter: hostPath / (read-write)`.
 * `holder` is the identity the path starts from: a grant held through another subject (a group) names it.
 */
export function describeEvidence(e: Evidence, holder?: string): string {
  switch (e.kind) {
    case "grant": {
      const via = formatSubject(e.via);
      return `${e.permission}: ${formatBinding(e.binding)} → ${formatRole(e.role)}, rule ${e.ruleIndex}${holder && via !== holder ? ` (through ${via})` : ""}`;
    }
    case "binding": {
      const via = formatSubject(e.via);
      return `${e.fact}: ${formatBinding(e.binding)} → ${formatRole(e.role)}${holder && via !== holder ? ` (through ${via})` : ""}`;
    }
    case "workload":
      return `${objectName(e.object)}: ${e.fact}`;
    case "annotation":
      return `${objectName(e.object)} is annotated ${e.key}=${e.value}`;
    case "membership":
      return e.fact;
    case "config":
      return e.object ? `${objectName(e.object)}: ${e.fact}` : e.fact;
  }
}

/** "can create pods in payments → acts as service account payments/api → can read secret payments/db-credentials". */
export function pathInWords(steps: readonly { explanation: string }[]): string {
  return steps.map((s) => s.explanation).join(" → ");
}

/** The number of steps and the cost, e.g. "2 steps, cost 3". */
export function pathLength(steps: number, cost: number): string {
  return `${steps} step${steps === 1 ? "" : "s"}, cost ${Number.isInteger(cost) ? cost : cost.toFixed(1)}`;
}
