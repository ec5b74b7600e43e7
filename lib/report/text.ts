/**
 * Plain-text building blocks shared by the CLI's human-readable outputs: names for bindings, roles, subjects and
 * provenance, and aligned columns. No colour: every state is spelled out so it survives pipes, logs and screen readers.
 */
import type { SubjectRef } from "@/lib/k8s/types";
import type { BindingRef, RoleRefResolved } from "@/lib/rbac/types";

/** `RoleBinding dev/read-pods`, `ClusterRoleBinding admins`. */
export function formatBinding(b: BindingRef): string {
  return `${b.kind} ${b.namespace ? `${b.namespace}/` : ""}${b.name}`;
}

/** `Role dev/pod-reader`, `ClusterRole view`. */
export function formatRole(r: RoleRefResolved): string {
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}`;
}

/** `RoleBinding dev/read-pods → ClusterRole view, rule 2` — which rule of which role, bound by which binding. */
export function formatProvenance(p: { binding: BindingRef; role: RoleRefResolved; ruleIndex: number }): string {
  return `${formatBinding(p.binding)} → ${formatRole(p.role)}, rule ${p.ruleIndex}`;
}

/** `User alice`, `Group devs`, `ServiceAccount dev/builder`. */
export function formatSubject(s: Pick<SubjectRef, "kind" | "name" | "namespace">): string {
  return `${s.kind} ${s.namespace ? `${s.namespace}/` : ""}${s.name}`;
}

/** The subject an identity id spells: `ServiceAccount:ns:name`, `User:name`, `Group:name` (names may contain colons). */
export function subjectFromIdentityId(id: string): SubjectRef {
  const i = id.indexOf(":");
  const kind = id.slice(0, i);
  const rest = id.slice(i + 1);
  if (kind === "ServiceAccount") {
    const j = rest.indexOf(":");
    return { kind, namespace: rest.slice(0, j), name: rest.slice(j + 1) };
  }
  return { kind: kind === "Group" ? "Group" : "User", name: rest };
}

/** Renders rows as left-aligned columns separated by two spaces, one string per row; trailing spaces are trimmed. */
export function alignRows(rows: readonly (readonly string[])[], indent = ""): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ").trimEnd());
}

/** {@link alignRows} joined into one block. */
export function columns(rows: readonly (readonly string[])[], indent = ""): string {
  return alignRows(rows, indent).join("\n");
}

/** `1 finding`, `3 findings`. */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}
