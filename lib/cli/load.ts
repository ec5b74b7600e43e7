import { withDefaultClusterRoles } from "@/lib/collect/default-policy";
import { formatInputError } from "@/lib/collect/errors";
import { loadInventory, type LoadResult } from "@/lib/collect/files";
import { analyze, type Analysis } from "@/lib/rbac";
import { InputFailure, UsageError, type CliIo } from "./context";

export interface LoadedInput extends LoadResult {
  analysis: Analysis;
}

/**
 * Reads manifests from files, directories and `-` (stdin), prints input errors and warnings on stderr as
 * `file:line:col: message`, and analyzes the inventory. Input errors fail the command (InputFailure → exit 2)
 * unless `ignoreErrors`, in which case the objects that did load are analyzed. Kubernetes' default ClusterRoles the
 * input does not define are added unless `defaultRoles` is false (`--no-default-roles`).
 */
export async function loadAnalysis(paths: string[], io: CliIo, opts: { ignoreErrors?: boolean; defaultRoles?: boolean }): Promise<LoadedInput> {
  if (paths.length === 0) throw new UsageError("no input: give manifest files or directories (or - for stdin)");
  if (paths.filter((p) => p === "-").length > 1) throw new UsageError("stdin (-) can be given only once");
  const loaded = await loadInventory(paths, { stdin: io.stdin });
  for (const w of loaded.warnings) io.stderr(`${asWarning(formatInputError(w))}\n`);
  if (loaded.errors.length > 0) {
    const lines = loaded.errors.map(formatInputError);
    if (!opts.ignoreErrors) throw new InputFailure(lines);
    for (const line of lines) io.stderr(`${line}\n`);
    io.stderr(`palisade: continuing without the objects above (--ignore-errors)\n`);
  }
  const inventory = opts.defaultRoles === false ? loaded.inventory : (await withDefaultClusterRoles(loaded.inventory)).inventory;
  return { ...loaded, inventory, analysis: analyze(inventory) };
}

/** `file:line:col: message` → `file:line:col: warning: message` (the compiler convention), so warnings read apart from errors. */
function asWarning(line: string): string {
  const i = line.indexOf(": ");
  return i < 0 ? `warning: ${line}` : `${line.slice(0, i)}: warning: ${line.slice(i + 2)}`;
}
