import { canI, implicitGroupsFor, type Provenance } from "@/lib/rbac";
import { formatProvenance } from "@/lib/report/text";
import { addRequestOptions, collect, examples, fromOption, defaultRolesOption, ignoreErrorsOption, json, outputOption, runAction, type RegisterCommand } from "../command";
import { EXIT_FAIL, EXIT_OK, UsageError } from "../context";
import { loadAnalysis } from "../load";
import { parseRequest, type RequestOptions } from "../request";

interface CanIOptions extends RequestOptions {
  as: string;
  asGroup?: string[];
  from: string[];
  output: "text" | "json";
  ignoreErrors?: boolean;
  defaultRoles?: boolean;
}

/** JSON shape of `palisade can-i -o json`. `reason` is present when the answer does not come from RBAC bindings. */
export interface CanIOutput {
  allowed: boolean;
  via: Provenance[];
  reason?: string;
}

/**
 * The groups a request by `user` carries: the implicit ones the API server's authenticators add
 * (system:authenticated; for `system:serviceaccount:NS:NAME` also system:serviceaccounts and system:serviceaccounts:NS;
 * system:unauthenticated for system:anonymous) plus the `--as-group` ones, duplicates removed.
 */
export function requestGroups(user: string, extra: readonly string[]): string[] {
  return [...new Set([...implicitGroupsFor(user), ...extra])];
}

export const registerCanI: RegisterCommand = (program, ctx) => {
  const cmd = program
    .command("can-i")
    .summary("check whether a user may make a request")
    .description(
      "Answer yes or no, as the RBAC authorizer would, for a request by --as USER, and name every binding → role → rule " +
        "that allows it. USER may be a service account's user name, system:serviceaccount:NAMESPACE:NAME.\n\n" +
        "Groups: the request carries the groups the API server adds on its own — system:authenticated, plus " +
        "system:serviceaccounts and system:serviceaccounts:NAMESPACE for a service account — and every --as-group is " +
        "ADDED to them (it does not replace them). Members of system:masters are allowed everything.\n\n" +
        "Exit status: 0 yes, 1 no, 2 usage or input error.",
    )
    .argument("<verb>", "the verb: get, list, create, delete, impersonate, bind, escalate, …")
    .argument("[resource]", "RESOURCE, RESOURCE/SUBRESOURCE or RESOURCE.GROUP[/SUBRESOURCE], e.g. pods/exec, deployments.apps")
    .requiredOption("--as <user>", "user name to check, e.g. alice or system:serviceaccount:dev:builder")
    .option("--as-group <group>", "an extra group of the user (repeatable); added to the implicit groups", collect);
  addRequestOptions(cmd)
    .addOption(fromOption())
    .addOption(outputOption())
    .addOption(ignoreErrorsOption())
    .addOption(defaultRolesOption())
    .addHelpText(
      "after",
      examples(
        "palisade can-i create pods -n dev --as alice --from manifests/",
        "palisade can-i get secrets -n kube-system --as system:serviceaccount:monitoring:prometheus --from manifests/",
        "palisade can-i delete nodes --as bob --as-group ops --from manifests/ -o json",
        "palisade can-i get --path /healthz --as system:anonymous --from manifests/",
      ),
    );

  runAction(cmd, ctx, async (verb: string, resource: string | undefined, opts: CanIOptions) => {
    if (!opts.as) throw new UsageError("--as needs a user name");
    const request = parseRequest(verb, resource, opts);
    const { analysis } = await loadAnalysis(opts.from, ctx.io, opts);
    const result = canI(analysis, opts.as, requestGroups(opts.as, opts.asGroup ?? []), request);
    if (opts.output === "json") {
      const out: CanIOutput = { allowed: result.allowed, via: result.via, ...(result.reason ? { reason: result.reason } : {}) };
      ctx.io.stdout(json(out));
    } else {
      const lines = [result.allowed ? "yes" : "no"];
      if (result.reason) lines.push(`  (${result.reason})`);
      for (const p of result.via) lines.push(`  allowed by ${formatProvenance(p)}`);
      ctx.io.stdout(`${lines.join("\n")}\n`);
    }
    return result.allowed ? EXIT_OK : EXIT_FAIL;
  });
};
