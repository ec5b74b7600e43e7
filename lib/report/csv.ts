import { stringify } from "csv-stringify/sync";
import type { Finding } from "@/lib/rules/types";
import { compareFindings, displayPath, findingSource, isFailing, objectLabel, type ScanReport } from "./model";
import { formatProvenance, formatSubject } from "./text";

export const CSV_COLUMNS = [
  "identity", "identity_kind", "identity_namespace", "identity_name", "rule_id", "rule_title", "severity", "by_design",
  "failing", "scope", "object", "message", "evidence", "file", "line",
] as const;

/** Rows per stringify call when streaming. */
const CSV_BATCH = 1000;

/**
 * One row per finding (RFC 4180, header row first). `evidence` lists every grant as
 * `via SUBJECT: BINDING → ROLE, rule N` separated by ` | `. Cells that a spreadsheet would run as a formula
 * (leading =, +, -, @) are escaped.
 */
export function* csvChunks(report: ScanReport): Generator<string> {
  const titles = new Map(report.rules.map((r) => [r.id, r.title]));
  const options = { escape_formulas: true, record_delimiter: "unix" } as const;
  const row = (f: Finding): string[] => {
    const identity = f.identityId ? report.analysis.identityById.get(f.identityId) : undefined;
    const source = findingSource(f, report.analysis);
    return [
      f.identityId ?? "",
      identity?.kind ?? "",
      identity?.namespace ?? "",
      identity?.name ?? "",
      f.ruleId,
      titles.get(f.ruleId) ?? "",
      f.severity,
      String(f.byDesign),
      String(isFailing(f, report.failOn)),
      f.namespace ?? "cluster-wide",
      objectLabel(f) ?? "",
      f.message,
      f.evidence.map((e) => `via ${formatSubject(e.via)}: ${formatProvenance(e)}`).join(" | "),
      source?.file ? displayPath(source.file, report.cwd) : "",
      source?.line !== undefined ? String(source.line) : "",
    ];
  };
  yield stringify([[...CSV_COLUMNS]], options);
  const findings = [...report.findings].sort(compareFindings);
  for (let i = 0; i < findings.length; i += CSV_BATCH) yield stringify(findings.slice(i, i + CSV_BATCH).map(row), options);
}

export function formatCsv(report: ScanReport): string {
  return [...csvChunks(report)].join("");
}
