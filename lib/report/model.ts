/**
 * The scan report every formatter (table, JSON, SARIF, CSV) renders, and what they share: where a finding's manifest
 * lives, a stable fingerprint, and the per-identity grouping.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Inventory, SourceLocation } from "@/lib/k8s/types";
import type { Analysis, Identity, IdentityId } from "@/lib/rbac/types";
import { SEVERITY_RANK, type Finding, type IdentityRisk, type RuleMeta, type Severity } from "@/lib/rules/types";

/** The threshold of `--fail-on`; `never` disables failing. */
export type FailOn = Exclude<Severity, "info"> | "never";

export interface ScanReport {
  tool: { name: string; version: string };
  analysis: Analysis;
  findings: Finding[];
  risks: IdentityRisk[];
  /** The whole rule catalogue (SARIF lists every rule, so every result's ruleId resolves). */
  rules: readonly RuleMeta[];
  input: { files: number; objects: number };
  failOn: FailOn;
  /** Directory that manifest paths are reported relative to. */
  cwd: string;
}

/** Whether a finding makes the scan fail: at or above the threshold, and not Kubernetes' own by-design policy. */
export function isFailing(f: Finding, failOn: FailOn): boolean {
  return failOn !== "never" && !f.byDesign && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn];
}

export function failingCount(report: ScanReport): number {
  return report.findings.filter((f) => isFailing(f, report.failOn)).length;
}

export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Most severe first, then by rule and scope, so output is stable from run to run. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.namespace ?? "", b.namespace ?? "") ||
    cmp(objectLabel(a) ?? "", objectLabel(b) ?? "") ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function objectLabel(f: Finding): string | undefined {
  return f.object ? `${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ""}${f.object.name}` : undefined;
}

export interface IdentityGroup {
  identityId: IdentityId;
  /** Undefined when the analysis does not know the id (should not happen; rendered from the id then). */
  identity?: Identity;
  risk?: IdentityRisk;
  findings: Finding[];
}

/**
 * Findings grouped per identity — highest risk score first, then most severe finding, then id — plus the findings
 * about objects that concern no identity.
 */
export function groupByIdentity(report: ScanReport): { identities: IdentityGroup[]; objectFindings: Finding[] } {
  const risks = new Map(report.risks.map((r) => [r.identityId, r]));
  const groups = new Map<IdentityId, IdentityGroup>();
  const objectFindings: Finding[] = [];
  for (const f of report.findings) {
    if (f.identityId === undefined) {
      objectFindings.push(f);
      continue;
    }
    let g = groups.get(f.identityId);
    if (!g) {
      const identity = report.analysis.identityById.get(f.identityId);
      const risk = risks.get(f.identityId);
      g = { identityId: f.identityId, ...(identity ? { identity } : {}), ...(risk ? { risk } : {}), findings: [] };
      groups.set(f.identityId, g);
    }
    g.findings.push(f);
  }
  const identities = [...groups.values()];
  for (const g of identities) g.findings.sort(compareFindings);
  objectFindings.sort(compareFindings);
  identities.sort(
    (a, b) =>
      (b.risk?.score ?? 0) - (a.risk?.score ?? 0) ||
      SEVERITY_RANK[b.findings[0]!.severity] - SEVERITY_RANK[a.findings[0]!.severity] ||
      cmp(a.identityId, b.identityId),
  );
  return { identities, objectFindings };
}

/** Where each inventory object came from, by `Kind\0namespace\0name`. */
const sourceIndexes = new WeakMap<Inventory, Map<string, SourceLocation>>();

function objectKey(kind: string, name: string, namespace?: string): string {
  return `${kind}\u0000${namespace ?? ""}\u0000${name}`;
}

function sourceIndex(inv: Inventory): Map<string, SourceLocation> {
  let index = sourceIndexes.get(inv);
  if (index) return index;
  index = new Map();
  const lists: { kind: string; name: string; namespace?: string; source?: SourceLocation }[][] = [
    inv.namespaces, inv.serviceAccounts, inv.roles, inv.clusterRoles, inv.roleBindings, inv.clusterRoleBindings,
    inv.workloads, inv.secrets, inv.nodes, inv.networkPolicies, inv.webhookConfigurations,
  ];
  for (const list of lists) for (const o of list) if (o.source?.file) index.set(objectKey(o.kind, o.name, o.namespace), o.source);
  sourceIndexes.set(inv, index);
  return index;
}

/**
 * The manifest a finding should point at: the object it is about, else the binding (then the role) of its first
 * piece of evidence — the place to change to fix it — else the service account the identity is. Undefined when
 * the objects did not come from files.
 */
export function findingSource(f: Finding, analysis: Analysis): SourceLocation | undefined {
  const index = sourceIndex(analysis.inventory);
  const candidates: (string | undefined)[] = [];
  if (f.object) candidates.push(objectKey(f.object.kind, f.object.name, f.object.namespace));
  for (const e of f.evidence.slice(0, 1)) {
    candidates.push(objectKey(e.binding.kind, e.binding.name, e.binding.namespace), objectKey(e.role.kind, e.role.name, e.role.namespace));
  }
  const identity = f.identityId ? analysis.identityById.get(f.identityId) : undefined;
  if (identity?.kind === "ServiceAccount") candidates.push(objectKey("ServiceAccount", identity.name, identity.namespace));
  for (const key of candidates) {
    const source = key ? index.get(key) : undefined;
    if (source) return source;
  }
  return undefined;
}

/** A manifest path as reports show it: relative to `cwd` with forward slashes; absolute when outside `cwd`. */
export function displayPath(file: string, cwd: string): string {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  return rel.startsWith("..") || path.isAbsolute(rel) ? abs : rel.split(path.sep).join("/");
}

/** A manifest path as a SARIF artifact URI: relative (percent-encoded) under `cwd`, a file:// URI outside it. */
export function artifactUri(file: string, cwd: string): string {
  const shown = displayPath(file, cwd);
  return path.isAbsolute(shown) ? pathToFileURL(shown).href : shown.split("/").map(encodeURIComponent).join("/");
}

/** Whether a source names a real file (not stdin or a live-cluster label). */
export function isFileSource(source: SourceLocation | undefined): source is SourceLocation & { file: string } {
  return !!source?.file && !source.file.startsWith("<") && !source.file.includes("://") && !source.file.startsWith("cluster:");
}

/**
 * Fingerprints that stay the same while the same identity keeps the same problem, even when manifests move around:
 * a hash of rule, identity, object and scope — not line numbers or message wording — plus the occurrence number of
 * that hash within the scan (1 unless a rule reports the same thing twice), so every finding's pair is unique.
 * Findings must be in a stable order (compareFindings) for occurrences to be stable.
 */
export function fingerprints(findings: readonly Finding[]): { hash: string; occurrence: number }[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = JSON.stringify([f.ruleId, f.identityId ?? "", f.object?.kind ?? "", f.object?.namespace ?? "", f.object?.name ?? "", f.namespace]);
    const occurrence = (seen.get(base) ?? 0) + 1;
    seen.set(base, occurrence);
    return { hash: createHash("sha256").update(base).digest("hex").slice(0, 32), occurrence };
  });
}
