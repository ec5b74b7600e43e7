import { whoCan, type WhoCanSubject } from "@/lib/rbac";
import { columns, formatProvenance, plural } from "@/lib/report/text";
import { addRequestOptions, examples, fromOption, defaultRolesOption, ignoreErrorsOption, json, outputOption, runAction, type RegisterCommand } from "../command";
import { EXIT_OK } from "../context";
import { loadAnalysis } from "../load";
import { describeRequest, parseRequest, type RequestOptions } from "../request";

interface WhoCanOptions extends RequestOptions {
  from: string[];
  output: "text" | "json";
  ignoreErrors?: boolean;
  defaultRoles?: boolean;
}

/** JSON shape of `palisade who-can -o json`. */
export interface WhoCanOutput {
  subjects: WhoCanSubject[];
}

export const registerWhoCan: RegisterCommand = (program, ctx) => {
  const cmd = program
    .command("who-can")
    .summary("list the subjects allowed to make a request")
    .description(
      "List every subject (user, group, service account) that a binding allows to make the request, with the " +
        "binding → role → rule that allows it. Without -n the request is cluster-scoped, which only " +
        "ClusterRoleBindings can allow. Members of system:masters may do anything; they are listed only where a binding names them.",
    )
    .argument("<verb>", "the verb: get, list, watch, create, update, patch, delete, deletecollection, impersonate, bind, escalate, …")
    .argument("[resource]", "RESOURCE, RESOURCE/SUBRESOURCE or RESOURCE.GROUP[/SUBRESOURCE], e.g. pods/exec, deployments.apps");
  addRequestOptions(cmd)
    .addOption(fromOption())
    .addOption(outputOption())
    .addOption(ignoreErrorsOption())
    .addOption(defaultRolesOption())
    .addHelpText(
      "after",
      examples(
        "palisade who-can create pods/exec -n prod --from manifests/",
        "palisade who-can list secrets --from cluster-dump.json -o json",
        "palisade who-can patch deployments.apps -n web --from manifests/",
        "palisade who-can get --path /metrics --from manifests/",
        "kubectl get roles,rolebindings,clusterroles,clusterrolebindings -A -o json | palisade who-can get secrets --from -",
      ),
    );

  runAction(cmd, ctx, async (verb: string, resource: string | undefined, opts: WhoCanOptions) => {
    const request = parseRequest(verb, resource, opts);
    const { analysis } = await loadAnalysis(opts.from, ctx.io, opts);
    const subjects = whoCan(analysis, request);
    if (opts.output === "json") {
      ctx.io.stdout(json({ subjects } satisfies WhoCanOutput));
      return EXIT_OK;
    }
    if (subjects.length === 0) {
      ctx.io.stdout(`No subject can ${describeRequest(request)}.\n`);
      return EXIT_OK;
    }
    const rows = [["KIND", "NAMESPACE", "NAME", "ALLOWED BY (binding → role, rule)"]];
    for (const s of subjects) {
      s.via.forEach((p, i) => rows.push(i === 0 ? [s.kind, s.namespace ?? "", s.name, formatProvenance(p)] : ["", "", "", formatProvenance(p)]));
    }
    ctx.io.stdout(`${plural(subjects.length, "subject")} can ${describeRequest(request)}:\n\n${columns(rows)}\n`);
    return EXIT_OK;
  });
};
