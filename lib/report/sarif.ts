/**
 * SARIF 2.1.0 output for GitHub code scanning (and any SARIF viewer). The shape follows GitHub's "SARIF support for
 * code scanning" reference: every rule of the catalogue in tool.driver.rules with descriptions, help markdown,
 * helpUri and a numeric `security-severity` (GitHub buckets it: ≥9.0 critical, 7.0–8.9 high, 4.0–6.9 medium,
 * 0.1–3.9 low); results carry ruleId/ruleIndex, level, message, the manifest location and partialFingerprints.
 */
import type { Finding, RuleMeta, Severity } from "@/lib/rules/types";
import { artifactUri, compareFindings, findingSource, fingerprints, isFileSource, objectLabel, type ScanReport } from "./model";
import { formatProvenance, formatSubject } from "./text";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/** Key of Palisade's own entry in partialFingerprints (GitHub reads only primaryLocationLineHash, which is set too). */
export const FINGERPRINT_KEY = "palisadeFinding/v1";
/** GitHub rejects a run with more results than this; the most severe are kept. */
export const MAX_RESULTS = 25_000;
/** GitHub's limits on descriptions and tags per rule. */
const MAX_DESCRIPTION = 1024;
const MAX_TAGS = 20;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** GitHub's security-severity per Palisade severity (a string holding a number, as GitHub's examples write it). */
export const SECURITY_SEVERITY: Record<Exclude<Severity, "info">, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

export type SarifLevel = "error" | "warning" | "note";
export function sarifLevel(s: Severity): SarifLevel {
  return s === "critical" || s === "high" ? "error" : s === "medium" ? "warning" : "note";
}

/** `wildcard-all` → `WildcardAll`: SARIF's rule `name` is an identifier-like display name. */
function pascal(id: string): string {
  return id.replace(/(^|[-_.])([a-z0-9])/gi, (_m, _sep: string, c: string) => c.toUpperCase());
}

function ruleDescriptor(rule: RuleMeta) {
  const refs = rule.references.map((r) => `- [${r.title}](${r.url})`).join("\n");
  const mitre = rule.mitre?.map((t) => `- [${t.id} ${t.name}](${t.url})`).join("\n");
  const markdown = [`**${rule.title}**`, rule.rationale, "## Remediation", rule.remediation, refs && `## References\n${refs}`, mitre && `## MITRE ATT&CK\n${mitre}`]
    .filter(Boolean)
    .join("\n\n");
  return {
    id: rule.id,
    name: pascal(rule.id),
    shortDescription: { text: clip(rule.title, MAX_DESCRIPTION) },
    fullDescription: { text: clip(rule.rationale, MAX_DESCRIPTION) },
    help: { text: `${rule.remediation}${rule.references.length ? `\n\nReferences:\n${rule.references.map((r) => `${r.title}: ${r.url}`).join("\n")}` : ""}`, markdown },
    ...(rule.references[0] ? { helpUri: rule.references[0].url } : {}),
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: {
      ...(rule.severity !== "info" ? { "security-severity": SECURITY_SEVERITY[rule.severity] } : {}),
      precision: "high",
      tags: ["security", "kubernetes", "rbac", rule.category, ...(rule.mitre ?? []).map((t) => `external/mitre-attack/${t.id}`)].slice(0, MAX_TAGS),
    },
  };
}

function resultMessage(f: Finding): string {
  const lines = [f.message];
  const object = objectLabel(f);
  if (object && !f.message.includes(f.object!.name)) lines.push(`Object: ${object}.`);
  lines.push(f.namespace === null ? "Scope: cluster-wide." : `Scope: namespace ${f.namespace}.`);
  for (const e of f.evidence.slice(0, 5)) lines.push(`Granted to ${formatSubject(e.via)} by ${formatProvenance(e)}.`);
  if (f.evidence.length > 5) lines.push(`… and ${f.evidence.length - 5} more grants.`);
  return lines.join("\n");
}

export function toSarif(report: ScanReport) {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const sorted = [...report.findings].sort(compareFindings);
  const findings = sorted.slice(0, MAX_RESULTS);
  const prints = fingerprints(findings);
  const results = findings.map((f, i) => {
    const source = findingSource(f, report.analysis);
    const index = ruleIndex.get(f.ruleId);
    return {
      ruleId: f.ruleId,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: sarifLevel(f.severity),
      message: { text: resultMessage(f) },
      locations: isFileSource(source)
        ? [{ physicalLocation: { artifactLocation: { uri: artifactUri(source.file, report.cwd) }, ...(source.line ? { region: { startLine: source.line } } : {}) } }]
        : [],
      partialFingerprints: { primaryLocationLineHash: `${prints[i]!.hash.slice(0, 16)}:${prints[i]!.occurrence}`, [FINGERPRINT_KEY]: `${prints[i]!.hash}:${prints[i]!.occurrence}` },
      properties: {
        severity: f.severity,
        byDesign: f.byDesign,
        namespace: f.namespace,
        ...(f.identityId ? { identity: f.identityId } : {}),
      },
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0" as const,
    runs: [
      {
        tool: { driver: { name: "Palisade", semanticVersion: report.tool.version, version: report.tool.version, rules: report.rules.map(ruleDescriptor) } },
        columnKind: "utf16CodeUnits" as const,
        results,
        ...(sorted.length > findings.length ? { properties: { truncated: true, totalFindings: sorted.length } } : {}),
      },
    ],
  };
}

export function formatSarif(report: ScanReport): string {
  return `${JSON.stringify(toSarif(report), null, 2)}\n`;
}
