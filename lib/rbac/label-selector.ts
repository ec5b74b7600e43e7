import type { LabelSelector } from "@/lib/k8s/types";

/**
 * metav1.LabelSelectorAsSelector semantics (apimachinery pkg/apis/meta/v1/helpers.go): all matchLabels and all
 * matchExpressions must hold; an empty selector `{}` selects everything. NotIn also matches objects without the key,
 * as in labels.Requirement.Matches.
 */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels)) {
    if (labels[k] !== v) return false;
  }
  for (const req of selector.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key);
    switch (req.operator) {
      case "In":
        if (!has || !req.values.includes(labels[req.key]!)) return false;
        break;
      case "NotIn":
        if (has && req.values.includes(labels[req.key]!)) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
      default:
        req.operator satisfies never;
        return false;
    }
  }
  return true;
}
