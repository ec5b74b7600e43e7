import type { RequestAttributes } from "@/lib/rbac";
import { builtInResource } from "./api-resources";
import { UsageError } from "./context";

export interface RequestOptions {
  namespace?: string;
  name?: string;
  apiGroup?: string;
  path?: string;
}

const VERSION = /^v\d+((alpha|beta)\d+)?$/;

/**
 * Turns `VERB RESOURCE[/SUBRESOURCE]` or `VERB --path /URL` into request attributes.
 *
 * RESOURCE is `resource`, `resource.group` or `resource.version.group` (kubectl's TYPE.GROUP form). Without a group,
 * a built-in resource name, singular or short name resolves to its group (`deployments` → apps, `deploy` → deployments)
 * as kubectl resolves it through discovery; anything else is taken literally in the core group "". Without a namespace
 * the request is cluster-scoped.
 */
export function parseRequest(verb: string, resourceArg: string | undefined, opts: RequestOptions): RequestAttributes {
  if (!verb) throw new UsageError("the verb is empty");
  if (opts.path !== undefined) {
    if (resourceArg !== undefined) throw new UsageError(`give either RESOURCE ("${resourceArg}") or --path, not both`);
    if (!opts.path.startsWith("/")) throw new UsageError(`--path must be a URL path starting with "/", got "${opts.path}"`);
    for (const [flag, value] of [["--namespace", opts.namespace], ["--name", opts.name], ["--api-group", opts.apiGroup]] as const) {
      if (value !== undefined) throw new UsageError(`${flag} cannot be used with --path: non-resource URLs are not namespaced, named or grouped`);
    }
    return { type: "nonResource", verb, path: opts.path };
  }
  if (resourceArg === undefined || resourceArg === "") throw new UsageError("missing RESOURCE (or --path /URL for a non-resource URL)");

  const slash = resourceArg.indexOf("/");
  const typeArg = slash === -1 ? resourceArg : resourceArg.slice(0, slash);
  const subresource = slash === -1 ? undefined : resourceArg.slice(slash + 1);
  if (!typeArg) throw new UsageError(`invalid resource "${resourceArg}": the resource name is empty`);
  if (subresource !== undefined && (subresource === "" || subresource.includes("/"))) {
    throw new UsageError(`invalid resource "${resourceArg}": expected RESOURCE or RESOURCE/SUBRESOURCE`);
  }

  const { resource, apiGroup } = resolveType(typeArg, opts.apiGroup);
  return {
    type: "resource",
    verb,
    apiGroup,
    resource,
    ...(subresource !== undefined ? { subresource } : {}),
    ...(opts.name !== undefined ? { name: opts.name } : {}),
    ...(opts.namespace ? { namespace: opts.namespace } : {}),
  };
}

function resolveType(typeArg: string, apiGroupFlag: string | undefined): { resource: string; apiGroup: string } {
  const dot = typeArg.indexOf(".");
  let name = typeArg;
  let group = apiGroupFlag;
  if (dot !== -1) {
    name = typeArg.slice(0, dot);
    const segments = typeArg.slice(dot + 1).split(".");
    if (segments.length > 1 && VERSION.test(segments[0]!)) segments.shift();
    const dotted = segments.join(".");
    if (!name || !dotted) throw new UsageError(`invalid resource "${typeArg}": expected RESOURCE or RESOURCE.GROUP`);
    if (apiGroupFlag !== undefined && apiGroupFlag !== dotted) {
      throw new UsageError(`"${typeArg}" names API group "${dotted}" but --api-group says "${apiGroupFlag}"`);
    }
    group = dotted;
  }
  const known = builtInResource(name);
  if (group === undefined) return known ?? { resource: name, apiGroup: "" };
  return { resource: known && known.apiGroup === group ? known.resource : name, apiGroup: group };
}

/** One-line description of a request for headings: `create deployments.apps in namespace dev`. */
export function describeRequest(a: RequestAttributes): string {
  if (a.type === "nonResource") return `${a.verb} ${a.path}`;
  let s = `${a.verb} ${a.resource}${a.apiGroup ? `.${a.apiGroup}` : ""}${a.subresource ? `/${a.subresource}` : ""}`;
  if (a.name !== undefined) s += ` named "${a.name}"`;
  s += a.namespace ? ` in namespace ${a.namespace}` : " (cluster-scoped)";
  return s;
}
