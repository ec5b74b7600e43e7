import type { SubjectKind } from "@/lib/k8s/types";
import { SYSTEM_UNAUTHENTICATED, serviceAccountUsername } from "@/lib/rbac/subjects";

/** A shell word: bare when safe, otherwise single-quoted (POSIX sh). */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface CanICommandInput {
  identity: { kind: SubjectKind; name: string; namespace?: string | null };
  verb: string;
  /** Resource request (`apiGroup` + `resource`, which may be `resource/subresource`) … */
  apiGroup?: string;
  resource?: string;
  /** … or a non-resource URL. */
  path?: string;
  /** Namespace of the request; null/undefined asks a cluster-scoped question. */
  namespace?: string | null;
  /** For a rule restricted by resourceNames: one of the names. */
  name?: string;
  /** What to pass to --from (the snapshot's manifests or a dump of the cluster), one `--from` each. */
  from: readonly string[];
}

/**
 * The `palisade can-i` command (README.md, CLI reference) that asks the same question as one cell of the permissions matrix:
 * `--as` the identity (a service account as `system:serviceaccount:NS:NAME`; a group through `--as-group` with a
 * placeholder user), `-n` for a namespaced scope, `--api-group` for the group (`*` included) so resource names are
 * never re-resolved, `--name` for a name-restricted rule.
 */
export function canICommand(input: CanICommandInput): string {
  const words = ["palisade", "can-i", input.verb];
  if (input.path !== undefined) words.push("--path", input.path);
  else words.push(input.resource ?? "*", "--api-group", input.apiGroup ?? "");
  if (input.path === undefined && input.namespace) words.push("-n", input.namespace);
  if (input.path === undefined && input.name !== undefined) words.push("--name", input.name);
  const { kind, name, namespace } = input.identity;
  if (kind === "ServiceAccount") words.push("--as", serviceAccountUsername(namespace ?? "", name));
  else if (kind === "User") words.push("--as", name);
  else if (name === SYSTEM_UNAUTHENTICATED) words.push("--as", "system:anonymous");
  else words.push("--as", "member-of-group", "--as-group", name);
  for (const f of input.from) words.push("--from", f);
  return words.map((w, i) => (i < 2 ? w : shellQuote(w))).join(" ");
}

/**
 * The `--from` paths that reproduce a snapshot with the CLI: the manifest paths of a file snapshot (the demo's
 * include the bootstrap policy loaded with it), or `cluster-dump.json` — a `kubectl get … -o json` dump — for a live one.
 */
export function cliSourcePaths(snapshot: { source: string; sourceDetail: string | null }): string[] {
  const detail = snapshot.sourceDetail ?? "";
  if (detail.includes("(lib/demo/manifests)") || detail === "lib/demo/manifests") return ["lib/demo/manifests", "lib/collect/kubernetes-bootstrap"];
  if (snapshot.source === "files" && detail) return detail.split(", ").filter(Boolean);
  return ["cluster-dump.json"];
}
