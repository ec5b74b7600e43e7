import type { SubjectRef } from "@/lib/k8s/types";
import { identityGrants, implicitGroupsFor, parseSubject, serviceAccountUsername, type Analysis, type BindingRef, type Grant, type IdentityId, type RoleRefResolved } from "@/lib/rbac";
import { columns, formatBinding, formatRole, formatSubject, plural, subjectFromIdentityId } from "@/lib/report/text";
import { examples, fromOption, defaultRolesOption, ignoreErrorsOption, json, outputOption, runAction, type RegisterCommand } from "../command";
import { EXIT_OK, UsageError } from "../context";
import { loadAnalysis } from "../load";

interface PermissionsOptions {
  from: string[];
  output: "text" | "json";
  ignoreErrors?: boolean;
  defaultRoles?: boolean;
}

/** One rule the subject holds, with where it comes from. */
export interface PermissionEntry {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
  binding: BindingRef;
  role: RoleRefResolved;
  ruleIndex: number;
  /** The binding subject that carries the grant: the subject itself, or one of its groups. */
  via: SubjectRef;
}

/** JSON shape of `palisade permissions -o json`. `namespace: null` is the cluster-wide scope. */
export interface PermissionsOutput {
  subject: SubjectRef;
  /** Groups the subject is in implicitly (empty for a group). */
  groups: string[];
  scopes: { namespace: string | null; rules: PermissionEntry[] }[];
}

/** Groups grants by scope: cluster-wide first, then namespaces in name order; rules keep the engine's order. */
export function permissionsByScope(grants: readonly Grant[]): PermissionsOutput["scopes"] {
  const byScope = new Map<string | null, PermissionEntry[]>();
  for (const g of grants) {
    let list = byScope.get(g.namespace);
    if (!list) byScope.set(g.namespace, (list = []));
    const { verbs, apiGroups, resources, resourceNames, nonResourceURLs } = g.rule;
    list.push({ verbs, apiGroups, resources, resourceNames, nonResourceURLs, binding: g.binding, role: g.role, ruleIndex: g.ruleIndex, via: g.via });
  }
  return [...byScope.entries()]
    .sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([namespace, rules]) => ({ namespace, rules }));
}

function subjectOf(analysis: Analysis, id: IdentityId): { subject: SubjectRef; groups: string[] } {
  const known = analysis.identityById.get(id);
  if (known) return { subject: { kind: known.kind, name: known.name, ...(known.namespace ? { namespace: known.namespace } : {}) }, groups: known.groups };
  const subject = subjectFromIdentityId(id);
  if (subject.kind === "Group") return { subject, groups: [] };
  return { subject, groups: implicitGroupsFor(subject.kind === "User" ? subject.name : serviceAccountUsername(subject.namespace!, subject.name)) };
}

const list = (xs: readonly string[], empty = "-"): string => (xs.length ? xs.join(",") : empty);
const groupList = (xs: readonly string[]): string => list(xs.map((g) => (g === "" ? '""' : g)));

function renderText(out: PermissionsOutput): string {
  const lines = [`Effective permissions of ${formatSubject(out.subject)}`];
  if (out.groups.length) lines.push(`implicit groups: ${out.groups.join(", ")}`);
  if (out.scopes.length === 0) return `${lines.join("\n")}\n\nNo permissions: no binding grants anything to this subject or its groups.\n`;
  const self = formatSubject(out.subject);
  for (const scope of out.scopes) {
    lines.push("", scope.namespace === null ? "Cluster-wide:" : `Namespace ${scope.namespace}:`);
    const rows = [["VERBS", "API GROUPS", "RESOURCES / URLS", "NAMES", "GRANTED BY (binding → role, rule)"]];
    for (const r of scope.rules) {
      const what = r.nonResourceURLs.length && !r.resources.length ? list(r.nonResourceURLs) : list(r.resources.concat(r.nonResourceURLs));
      const via = formatSubject(r.via) === self ? "" : `  (via ${formatSubject(r.via)})`;
      rows.push([list(r.verbs), r.resources.length ? groupList(r.apiGroups) : "-", what, list(r.resourceNames), `${formatBinding(r.binding)} → ${formatRole(r.role)}, rule ${r.ruleIndex}${via}`]);
    }
    lines.push(columns(rows, "  "));
  }
  const total = out.scopes.reduce((n, s) => n + s.rules.length, 0);
  lines.push("", `${plural(total, "rule")} in ${plural(out.scopes.length, "scope")}.`);
  return `${lines.join("\n")}\n`;
}

export const registerPermissions: RegisterCommand = (program, ctx) => {
  const cmd = program
    .command("permissions")
    .summary("show a subject's effective permissions with provenance")
    .description(
      "Show every rule SUBJECT holds — directly or through its groups (system:authenticated, system:serviceaccounts, " +
        "system:serviceaccounts:NAMESPACE) — grouped by scope: cluster-wide first, then each namespace, each rule with the " +
        "binding → role → rule index that grants it. A RoleBinding grants only in its own namespace, even when it binds a ClusterRole.",
    )
    .argument("<subject>", "user:NAME, group:NAME or serviceaccount:NAMESPACE:NAME (user:system:serviceaccount:NS:NAME also works)")
    .addOption(fromOption())
    .addOption(outputOption())
    .addOption(ignoreErrorsOption())
    .addOption(defaultRolesOption())
    .addHelpText(
      "after",
      examples(
        "palisade permissions user:alice --from manifests/",
        "palisade permissions serviceaccount:kube-system:default --from cluster-dump.json -o json",
        "palisade permissions group:system:authenticated --from manifests/",
      ),
    );

  runAction(cmd, ctx, async (subjectArg: string, opts: PermissionsOptions) => {
    let id: IdentityId;
    try {
      id = parseSubject(subjectArg);
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    const { analysis } = await loadAnalysis(opts.from, ctx.io, opts);
    const { subject, groups } = subjectOf(analysis, id);
    const out: PermissionsOutput = { subject, groups, scopes: permissionsByScope(identityGrants(analysis, id)) };
    ctx.io.stdout(opts.output === "json" ? json(out) : renderText(out));
    return EXIT_OK;
  });
};
