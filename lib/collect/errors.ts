/**
 * Input problems found while reading manifests or API responses. They are data, never exceptions:
 * one bad file or object is reported and skipped, everything else still loads.
 */
export interface InputError {
  /** File path, `-` (stdin), or a label for a live source such as `cluster:clusterroles`. */
  file: string;
  /** 1-based line. */
  line?: number;
  /** 1-based column. */
  column?: number;
  message: string;
  /** The object concerned, e.g. `RoleBinding kube-system/foo` or `ClusterRole admin`. */
  object?: string;
}

/** Formats an input error the way compilers do: `file:line:col: message (in Kind ns/name)`. */
export function formatInputError(e: InputError): string {
  let loc = e.file;
  if (e.line !== undefined) {
    loc += `:${e.line}`;
    if (e.column !== undefined) loc += `:${e.column}`;
  }
  return `${loc}: ${e.message}${e.object ? ` (in ${e.object})` : ""}`;
}

/** Describes an object for error messages: `Kind ns/name`, `Kind name`, or just `Kind`. */
export function describeObject(kind: string | undefined, name: string | undefined, namespace?: string): string {
  const k = kind ?? "object";
  if (!name) return k;
  return namespace ? `${k} ${namespace}/${name}` : `${k} ${name}`;
}
