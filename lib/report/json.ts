import type { SubjectKind } from "@/lib/k8s/types";
import type { Evidence, FindingObject, IdentityRisk, Severity } from "@/lib/rules/types";
import { subjectFromIdentityId } from "./text";
import { displayPath, failingCount, findingSource, groupByIdentity, isFailing, severityCounts, type FailOn, type IdentityGroup, type ScanReport } from "./model";

/** One finding in the JSON report. */
export interface JsonFinding {
  ruleId: string;
  title: string;
  severity: Severity;
  /** Kubernetes' own unchanged default policy; never fails the scan. */
  byDesign: boolean;
  /** Counts towards --fail-on. */
  failing: boolean;
  message: string;
  /** The namespace the finding is confined to, or null for cluster-wide. */
  namespace: string | null;
  object?: FindingObject;
  evidence: Evidence[];
  /** The manifest to change (relative to the working directory) and the object's first line. */
  location?: { file: string; line?: number };
}

/** JSON shape of `palisade scan --format json`. */
export interface JsonScanReport {
  tool: { name: string; version: string };
  input: { files: number; objects: number };
  summary: {
    findings: number;
    bySeverity: Record<Severity, number>;
    failOn: FailOn;
    /** Findings at or above failOn (by-design ones excluded); the scan exits 1 when this is above 0. */
    failing: number;
  };
  identities: {
    id: string;
    kind: SubjectKind;
    name: string;
    namespace?: string;
    builtIn: boolean;
    risk?: Omit<IdentityRisk, "identityId">;
    findings: JsonFinding[];
  }[];
  /** Findings about objects (bindings, roles) that concern no single identity. */
  objectFindings: JsonFinding[];
}

type JsonIdentity = JsonScanReport["identities"][number];

/** Converts findings and identity groups to their JSON shapes (shared by the whole-report and streaming forms). */
function converters(report: ScanReport) {
  const titles = new Map(report.rules.map((r) => [r.id, r.title]));
  const finding = (f: ScanReport["findings"][number]): JsonFinding => {
    const source = findingSource(f, report.analysis);
    return {
      ruleId: f.ruleId,
      title: titles.get(f.ruleId) ?? f.ruleId,
      severity: f.severity,
      byDesign: f.byDesign,
      failing: isFailing(f, report.failOn),
      message: f.message,
      namespace: f.namespace,
      ...(f.object ? { object: f.object } : {}),
      evidence: f.evidence,
      ...(source?.file ? { location: { file: displayPath(source.file, report.cwd), ...(source.line ? { line: source.line } : {}) } } : {}),
    };
  };
  const identity = (g: IdentityGroup): JsonIdentity => {
    const who = g.identity ?? { ...subjectFromIdentityId(g.identityId), builtIn: false };
    return {
      id: g.identityId,
      kind: who.kind,
      name: who.name,
      ...(who.namespace ? { namespace: who.namespace } : {}),
      builtIn: who.builtIn,
      ...(g.risk ? { risk: { score: g.risk.score, level: g.risk.level, overPermissive: g.risk.overPermissive, reasons: g.risk.reasons } } : {}),
      findings: g.findings.map(finding),
    };
  };
  const header = (): Pick<JsonScanReport, "tool" | "input" | "summary"> => ({
    tool: report.tool,
    input: report.input,
    summary: { findings: report.findings.length, bySeverity: severityCounts(report.findings), failOn: report.failOn, failing: failingCount(report) },
  });
  return { finding, identity, header };
}

export function toJsonReport(report: ScanReport): JsonScanReport {
  const convert = converters(report);
  const { identities, objectFindings } = groupByIdentity(report);
  return { ...convert.header(), identities: identities.map(convert.identity), objectFindings: objectFindings.map(convert.finding) };
}

/** Re-indents a pretty-printed JSON value for nesting at `indent` spaces. */
const nest = (json: string, indent: string): string => json.replaceAll("\n", `\n${indent}`);

/**
 * The JSON report, pretty-printed, one identity at a time: the same text as `JSON.stringify(toJsonReport(r), null, 2)`
 * without ever holding it as one string (large clusters produce hundreds of MB, near V8's string length limit).
 */
export function* jsonChunks(report: ScanReport): Generator<string> {
  const convert = converters(report);
  const { identities, objectFindings } = groupByIdentity(report);
  const head = JSON.stringify(convert.header(), null, 2);
  yield `${head.slice(0, -2)},\n  "identities": [`;
  for (let i = 0; i < identities.length; i++) yield `${i ? "," : ""}\n    ${nest(JSON.stringify(convert.identity(identities[i]!), null, 2), "    ")}`;
  yield `${identities.length ? "\n  " : ""}],\n  "objectFindings": ${nest(JSON.stringify(objectFindings.map(convert.finding), null, 2), "  ")}\n}\n`;
}

export function formatJson(report: ScanReport): string {
  return [...jsonChunks(report)].join("");
}
