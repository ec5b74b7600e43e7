import type { Evidence, Finding, Severity } from "@/lib/rules/types";
import { displayPath, failingCount, findingSource, groupByIdentity, objectLabel, severityCounts, type IdentityGroup, type ScanReport } from "./model";
import { alignRows, formatProvenance, formatSubject, plural, subjectFromIdentityId } from "./text";

const LABEL: Record<Severity, string> = { critical: "CRITICAL", high: "HIGH", medium: "MEDIUM", low: "LOW", info: "INFO" };
const MAX_EVIDENCE = 3;

function identityHeading(g: IdentityGroup): string {
  const who = formatSubject(g.identity ?? subjectFromIdentityId(g.identityId));
  const tags = [g.identity?.builtIn ? "Kubernetes system identity" : "", g.identity && g.identity.kind === "ServiceAccount" && !g.identity.exists ? "service account not in the manifests" : ""].filter(Boolean);
  const risk = g.risk ? ` — risk ${g.risk.score}/100 (${g.risk.level})` : "";
  return `${who}${risk}${tags.length ? `  [${tags.join(", ")}]` : ""}`;
}

function evidenceLine(e: Evidence): string {
  const what = [e.verbs.join(","), e.resources.join(",")].filter(Boolean).join(" ");
  return `via ${formatSubject(e.via)}: ${formatProvenance(e)}${what ? ` (${what})` : ""}`;
}

/** The aligned headline of a finding: severity label, rule id, scope, manifest location. */
function headline(f: Finding, report: ScanReport): string[] {
  const source = findingSource(f, report.analysis);
  const where = source?.file ? `${displayPath(source.file, report.cwd)}${source.line ? `:${source.line}` : ""}` : "";
  const scope = f.namespace === null ? "cluster-wide" : `namespace ${f.namespace}`;
  return [f.byDesign ? `${LABEL[f.severity]} (by design)` : LABEL[f.severity], f.ruleId, scope, where];
}

/** The message, the object concerned and the first grants of the evidence chain, under the headline. */
function details(f: Finding): string[] {
  const object = objectLabel(f);
  const lines = [f.message, ...(object && !f.message.includes(f.object!.name) ? [`object: ${object}`] : [])];
  for (const e of f.evidence.slice(0, MAX_EVIDENCE)) lines.push(evidenceLine(e));
  if (f.evidence.length > MAX_EVIDENCE) lines.push(`… and ${f.evidence.length - MAX_EVIDENCE} more grants`);
  return lines.map((l) => `      ${l}`);
}

function renderFindings(findings: readonly Finding[], report: ScanReport): string[] {
  const heads = alignRows(findings.map((f) => headline(f, report)), "  ");
  return findings.flatMap((f, i) => [heads[i]!, ...details(f)]);
}

/**
 * Human-readable scan report: findings grouped per identity (riskiest first), each with a spelled-out severity
 * label, the rule id, its scope and manifest location, then the message and the first grants of its evidence chain;
 * then findings about objects; then a summary line that says whether the scan fails.
 */
export function* tableChunks(report: ScanReport): Generator<string> {
  const { identities, objectFindings } = groupByIdentity(report);
  for (const g of identities) yield `${[identityHeading(g), ...renderFindings(g.findings, report), ""].join("\n")}\n`;
  if (objectFindings.length) yield `${["Cluster objects", ...renderFindings(objectFindings, report), ""].join("\n")}\n`;
  const counts = severityCounts(report.findings);
  const breakdown = (Object.keys(counts) as Severity[]).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  const failing = failingCount(report);
  const verdict =
    report.failOn === "never"
      ? "not failing (--fail-on never)"
      : failing > 0
        ? `FAIL: ${plural(failing, "finding")} at or above ${report.failOn}`
        : `PASS: no findings at or above ${report.failOn}`;
  const onIdentities = report.findings.length - objectFindings.length;
  const spread = objectFindings.length
    ? `: ${onIdentities} on ${plural(identities.length, "identity", "identities")}, ${objectFindings.length} about cluster objects`
    : ` on ${plural(identities.length, "identity", "identities")}`;
  yield `${plural(report.findings.length, "finding")}${breakdown.length ? ` (${breakdown.join(", ")})` : ""}${spread}; ` +
    `scanned ${plural(report.input.files, "file")}, ${plural(report.input.objects, "object")}. ${verdict}.\n`;
}

export function formatTable(report: ScanReport): string {
  return [...tableChunks(report)].join("");
}
