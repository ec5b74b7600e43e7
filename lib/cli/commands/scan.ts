import { Option } from "commander";
import packageJson from "@/package.json" with { type: "json" };
import { rules, runRules, scoreIdentities } from "@/lib/rules";
import { csvChunks } from "@/lib/report/csv";
import { jsonChunks } from "@/lib/report/json";
import { failingCount, type FailOn, type ScanReport } from "@/lib/report/model";
import { formatSarif } from "@/lib/report/sarif";
import { tableChunks } from "@/lib/report/table";
import { examples, defaultRolesOption, ignoreErrorsOption, runAction, type RegisterCommand } from "../command";
import { EXIT_FAIL, EXIT_OK } from "../context";
import { loadAnalysis } from "../load";

type Format = "table" | "json" | "sarif" | "csv";

interface ScanOptions {
  from?: string[];
  format: Format;
  failOn: FailOn;
  includeBuiltin?: boolean;
  ignoreErrors?: boolean;
  defaultRoles?: boolean;
}

/** Formatters yield the report piece by piece, so a large cluster's report is never one giant string. */
const FORMATTERS: Record<Format, (report: ScanReport) => Iterable<string>> = {
  table: tableChunks,
  json: jsonChunks,
  sarif: (report) => [formatSarif(report)], // at most 25,000 results (GitHub's limit)
  csv: csvChunks,
};

export const registerScan: RegisterCommand = (program, ctx) => {
  const cmd = program
    .command("scan")
    .summary("find risky permissions, per identity")
    .description(
      "Run the risk rules over every identity's effective permissions and report the findings grouped per identity, " +
        "each with its evidence chain (subject → binding → role → rule) and the manifest that creates it.\n\n" +
        "Kubernetes' own unchanged default policy (bootstrap roles and bindings) is by design: left out unless " +
        "--include-builtin, reported at severity info, and never fails the scan.\n\n" +
        "Exit status: 0 no findings at or above --fail-on, 1 some, 2 usage or input error.",
    )
    .argument("[path...]", "manifest files, directories (read recursively) or - for stdin")
    .addOption(new Option("--from <path...>", "more inputs, as for the other commands"))
    .addOption(new Option("-f, --format <format>", "output format").choices(["table", "json", "sarif", "csv"]).default("table"))
    .addOption(new Option("--fail-on <severity>", "exit 1 when a finding is at or above this severity").choices(["critical", "high", "medium", "low", "never"]).default("high"))
    .option("--include-builtin", "also report Kubernetes' own default policy (by design, severity info)")
    .addOption(ignoreErrorsOption())
    .addOption(defaultRolesOption())
    .addHelpText(
      "after",
      examples(
        "palisade scan manifests/",
        "palisade scan manifests/ --format sarif > palisade.sarif    # upload with github/codeql-action/upload-sarif",
        "palisade scan cluster-dump.json --format json --fail-on critical",
        "palisade scan manifests/ --format csv --fail-on never > findings.csv",
        "kubectl get clusterroles,clusterrolebindings,roles,rolebindings,serviceaccounts -A -o json | palisade scan -",
      ),
    );

  runAction(cmd, ctx, async (paths: string[], opts: ScanOptions) => {
    const inputs = [...paths, ...(opts.from ?? [])];
    const loaded = await loadAnalysis(inputs, ctx.io, opts);
    const findings = runRules(loaded.analysis, { includeBuiltin: !!opts.includeBuiltin });
    const report: ScanReport = {
      tool: { name: "palisade", version: packageJson.version },
      analysis: loaded.analysis,
      findings,
      risks: scoreIdentities(loaded.analysis, findings),
      rules,
      input: { files: loaded.files, objects: loaded.objects },
      failOn: opts.failOn,
      cwd: ctx.io.cwd,
    };
    for (const chunk of FORMATTERS[opts.format](report)) ctx.io.stdout(chunk);
    return failingCount(report) > 0 ? EXIT_FAIL : EXIT_OK;
  });
};
