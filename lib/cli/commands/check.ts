import { readFile } from "node:fs/promises";
import { text } from "node:stream/consumers";
import { Option } from "commander";
import { formatInputError } from "@/lib/collect/errors";
import { evaluateAssertion, parseAssertions, type ActualSubject } from "../assertions";
import { examples, fromOption, defaultRolesOption, ignoreErrorsOption, json, outputOption, runAction, type RegisterCommand } from "../command";
import { EXIT_FAIL, EXIT_OK, InputFailure, UsageError, type CliIo } from "../context";
import { loadAnalysis } from "../load";

interface CheckOptions {
  from: string[];
  assertions: string;
  output: "text" | "json";
  ignoreErrors?: boolean;
  defaultRoles?: boolean;
}

/** JSON shape of `palisade check -o json`. */
export interface CheckOutput {
  results: { id: string; passed: boolean; actual: boolean | ActualSubject[] }[];
  passed: number;
  failed: number;
}

async function readAssertionsFile(file: string, io: CliIo): Promise<string> {
  try {
    return file === "-" ? await text(io.stdin) : await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file or directory" : code === "EISDIR" ? "is a directory" : e instanceof Error ? e.message : String(e);
    throw new InputFailure([formatInputError({ file, message: `cannot read: ${why}` })]);
  }
}

export const registerCheck: RegisterCommand = (program, ctx) => {
  const cmd = program
    .command("check")
    .summary("verify access assertions (policy as code, for CI)")
    .description(
      "Evaluate an assertion file (YAML or JSON) against the manifests and report each assertion as passed or failed; " +
        "the file format is below. Exit status: 0 all assertions pass, 1 any fails, 2 usage or input error " +
        "(manifests or assertion file).",
    )
    .addOption(fromOption())
    .addOption(new Option("--assertions <file>", "assertion file (YAML or JSON), or - for stdin").makeOptionMandatory())
    .addOption(outputOption())
    .addOption(ignoreErrorsOption())
    .addOption(defaultRolesOption())
    .addHelpText(
      "after",
      [
        "",
        "Assertion file: {assertions: [...]}, each item one of",
        "  {id, can-i: {user, groups?, verb, apiGroup?, resource, subresource?, namespace?, name?}, expect: true|false}",
        "  {id, can-i-path: {user, groups?, verb, path}, expect: true|false}",
        "  {id, who-can: {verb, apiGroup?, resource, subresource?, namespace?, name?},",
        "   then one of  expect: [{kind, name, namespace?}]   (exactly these subjects)",
        "                expect-subset: [{kind, name, namespace?}]   (at least these)",
        "                expect-none: true   (nobody)}",
        "A null or missing namespace asks a cluster-scoped question; a missing apiGroup is the core group \"\".",
        "groups, when given, is the user's complete group list (as in a SubjectAccessReview); when omitted, the",
        "implicit groups are used: system:authenticated, plus system:serviceaccounts and system:serviceaccounts:NS",
        "for a user named system:serviceaccount:NS:NAME.",
        examples(
          "palisade check --from manifests/ --assertions access-policy.yaml",
          "palisade check --from cluster-dump.json --assertions access-policy.json -o json",
          "",
          "access-policy.yaml:",
          "  assertions:",
          "    - id: devs-cannot-read-prod-secrets",
          "      can-i: {user: dave, groups: [devs], verb: get, resource: secrets, namespace: prod}",
          "      expect: false",
          "    - id: prod-admins-can-exec",
          "      who-can: {verb: create, resource: pods, subresource: exec, namespace: prod}",
          "      expect-subset: [{kind: Group, name: prod-admins}]",
          "    - id: only-masters-list-secrets-cluster-wide",
          "      who-can: {verb: list, resource: secrets}",
          "      expect: [{kind: Group, name: system:masters}]",
        ),
      ].join("\n"),
    );

  runAction(cmd, ctx, async (opts: CheckOptions) => {
    if (opts.assertions === "-" && opts.from.includes("-")) throw new UsageError("stdin (-) can feed --from or --assertions, not both");
    const { assertions, errors } = parseAssertions(await readAssertionsFile(opts.assertions, ctx.io), opts.assertions === "-" ? "<stdin>" : opts.assertions);
    if (errors.length > 0) throw new InputFailure(errors.map(formatInputError));
    const { analysis } = await loadAnalysis(opts.from, ctx.io, opts);
    const results = assertions.map((a) => evaluateAssertion(analysis, a));
    const passed = results.filter((r) => r.passed).length;
    const failed = results.length - passed;
    if (opts.output === "json") {
      const out: CheckOutput = { results: results.map(({ id, passed, actual }) => ({ id, passed, actual })), passed, failed };
      ctx.io.stdout(json(out));
    } else {
      const width = Math.max(...results.map((r) => r.id.length));
      const lines = results.map((r) => `${r.passed ? "PASS" : "FAIL"}  ${r.id.padEnd(width)}  ${r.summary}`);
      lines.push("", `${passed} passed, ${failed} failed`);
      ctx.io.stdout(`${lines.join("\n")}\n`);
    }
    return failed > 0 ? EXIT_FAIL : EXIT_OK;
  });
};
