import type { PolicyRule } from "@/lib/k8s/types";
import type { NonResourceAttributes, RequestAttributes, ResourceAttributes } from "./types";

/*
 * Rule matching, transcribed from Kubernetes:
 *   pkg/apis/rbac/v1/evaluation_helpers.go  (VerbMatches, APIGroupMatches, ResourceMatches,
 *                                            ResourceNameMatches, NonResourceURLMatches)
 *   plugin/pkg/auth/authorizer/rbac/rbac.go (RuleAllows)
 * Everything is case-sensitive and there is no deny: a request is allowed when any rule allows it.
 */

const ALL = "*";

/** VerbMatches: `*` or the exact verb. */
export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === ALL || v === verb);
}

/** APIGroupMatches: `*` or the exact group; the core group is the empty string. */
export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return rule.apiGroups.some((g) => g === ALL || g === group);
}

/**
 * ResourceMatches: `*` matches everything (subresources included); otherwise the rule must name the
 * combined `resource/subresource`, or `*\/subresource` when a subresource is requested.
 * A rule naming `pods` does NOT cover `pods/exec`.
 */
export function resourceMatches(rule: PolicyRule, combinedResource: string, subresource: string): boolean {
  for (const r of rule.resources) {
    if (r === ALL || r === combinedResource) return true;
    if (subresource.length === 0) continue;
    if (r.length === subresource.length + 2 && r.startsWith("*/") && r.endsWith(subresource)) return true;
  }
  return false;
}

/**
 * ResourceNameMatches: an empty resourceNames list matches any name; otherwise the requested name must be
 * listed. A nameless request (list, watch, create, deletecollection) therefore never matches a
 * name-restricted rule — unless the rule lists the empty string, which Kubernetes compares literally too.
 */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  if (rule.resourceNames.length === 0) return true;
  return rule.resourceNames.some((n) => n === name);
}

/**
 * NonResourceURLMatches: `*`, the exact path, or a prefix rule ending in `*`
 * (Go's strings.TrimRight strips every trailing `*`, so `/api**` behaves like `/api*`).
 */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs) {
    if (u === ALL || u === path) return true;
    if (u.endsWith("*") && path.startsWith(trimTrailingStars(u))) return true;
  }
  return false;
}

function trimTrailingStars(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === "*") end--;
  return s.slice(0, end);
}

/** RuleAllows for a resource request. */
export function ruleAllowsResource(rule: PolicyRule, a: ResourceAttributes): boolean {
  const sub = a.subresource ?? "";
  const combined = sub.length > 0 ? `${a.resource}/${sub}` : a.resource;
  return (
    verbMatches(rule, a.verb) &&
    apiGroupMatches(rule, a.apiGroup) &&
    resourceMatches(rule, combined, sub) &&
    resourceNameMatches(rule, a.name ?? "")
  );
}

/** RuleAllows for a non-resource request (e.g. GET /healthz). */
export function ruleAllowsNonResource(rule: PolicyRule, a: NonResourceAttributes): boolean {
  return verbMatches(rule, a.verb) && nonResourceURLMatches(rule, a.path);
}

export function ruleAllows(rule: PolicyRule, a: RequestAttributes): boolean {
  return a.type === "resource" ? ruleAllowsResource(rule, a) : ruleAllowsNonResource(rule, a);
}
