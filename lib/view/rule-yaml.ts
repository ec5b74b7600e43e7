import { Document, isMap, isSeq } from "yaml";
import type { PolicyRule } from "@/lib/k8s/types";

/**
 * A PolicyRule as it would appear in a Role's `rules:` list: kubectl's field order, empty fields left out, each list
 * on one line, e.g.
 * ```yaml
 * - apiGroups: [""]
 *   resources: [pods]
 *   verbs: [create]
 * ```
 */
export function ruleYaml(rule: PolicyRule): string {
  const fields: Record<string, string[]> = {};
  if (rule.apiGroups.length) fields.apiGroups = rule.apiGroups;
  if (rule.resources.length) fields.resources = rule.resources;
  if (rule.resourceNames.length) fields.resourceNames = rule.resourceNames;
  if (rule.nonResourceURLs.length) fields.nonResourceURLs = rule.nonResourceURLs;
  fields.verbs = rule.verbs;
  const doc = new Document([fields]);
  const root = doc.contents;
  if (isSeq(root)) {
    for (const item of root.items) {
      if (!isMap(item)) continue;
      for (const pair of item.items) if (isSeq(pair.value)) pair.value.flow = true;
    }
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd();
}
