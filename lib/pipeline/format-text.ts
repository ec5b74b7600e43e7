import type { CollectionSummary } from "./types";

const fmt = new Intl.NumberFormat("en-US");

/** `1.2 s` / `340 ms`. */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmt.format(n)} ${n === 1 ? one : many}`;
}

/** Where the web UI runs (`PORT`, default 3000). */
export function webUrl(port: string | undefined = process.env.PORT): string {
  return `http://localhost:${port && /^\d+$/.test(port) ? port : "3000"}/`;
}

/**
 * The human summary of a stored collection: what was stored, what is missing, what looks risky, how long each phase
 * took, and where to look next. `rerun` is the command line that repeats this collection.
 */
export function formatSummaryText(s: CollectionSummary, opts: { rerun?: string; scanHint?: string } = {}): string {
  const lines: string[] = [];
  const where = s.context ? ` from context ${s.context} (${s.server})` : s.source === "files" ? ` from ${s.sourceDetail}` : ` (${s.sourceDetail})`;
  lines.push(`Stored cluster "${s.cluster}" as snapshot #${s.snapshotId}${where}`);

  const kinds = Object.entries(s.perKind)
    .filter(([, k]) => k.objects > 0)
    .map(([name, k]) => `${name} ${fmt.format(k.objects)}`);
  const pages = s.pages !== null ? ` in ${plural(s.pages, "page")}` : "";
  lines.push(`  objects     ${fmt.format(s.objects)}${pages}${kinds.length ? ` (${kinds.join(", ")})` : ""}`);
  if (s.defaultRolesAdded.length > 0) {
    lines.push(`              + ${plural(s.defaultRolesAdded.length, "Kubernetes default ClusterRole")} the input binds without defining (--no-default-roles to leave them out)`);
  }
  if (s.coverageGaps.length === 0) lines.push("  coverage    complete: every resource Palisade reads was listed");
  else {
    lines.push(`  coverage    ${plural(s.coverageGaps.length, "gap")} (results are partial):`);
    for (const g of s.coverageGaps.slice(0, 10)) lines.push(`                ${g.reason}`);
    if (s.coverageGaps.length > 10) lines.push(`                … and ${s.coverageGaps.length - 10} more`);
  }
  if (s.inputErrors.length > 0) {
    lines.push(`  skipped     ${plural(s.inputErrors.length, "malformed object")}:`);
    for (const e of s.inputErrors.slice(0, 5)) lines.push(`                ${e}`);
    if (s.inputErrors.length > 5) lines.push(`                … and ${s.inputErrors.length - 5} more`);
  }
  if (s.warnings.length > 0) {
    lines.push(`  warnings    ${fmt.format(s.warnings.length)}:`);
    for (const w of s.warnings.slice(0, 5)) lines.push(`                ${w}`);
    if (s.warnings.length > 5) lines.push(`                … and ${s.warnings.length - 5} more`);
  }
  const id = s.identities;
  lines.push(
    `  identities  ${fmt.format(id.total)} (${plural(id.users, "user")}, ${plural(id.groups, "group")}, ${plural(id.serviceAccounts, "service account")})` +
      `, ${fmt.format(id.overPermissive)} over-permissive; ${plural(s.grants, "effective grant")}`,
  );
  const sev = s.findings.bySeverity;
  const own = s.findings.total - s.findings.byDesign;
  lines.push(
    `  findings    ${fmt.format(own)}: ${sev.critical} critical, ${sev.high} high, ${sev.medium} medium, ${sev.low} low, ${sev.info} info` +
      (s.findings.byDesign > 0 ? ` (+${fmt.format(s.findings.byDesign)} by design: Kubernetes' own default policy)` : ""),
  );
  const top = s.findings.byRule.slice(0, 5);
  if (top.length > 0) {
    const w = Math.max(...top.map((r) => r.ruleId.length));
    top.forEach((r, i) => {
      lines.push(`  ${i === 0 ? "top rules " : "          "}  ${r.severity.padEnd(8)} ${r.ruleId.padEnd(w)} ${String(r.count).padStart(5)}  ${r.title}`);
    });
  }
  const ap = s.attackPaths;
  if (ap.crownJewels > 0) {
    lines.push(
      `  paths       ${plural(ap.identitiesWithPaths, "identity", "identities")} reach ${fmt.format(ap.reachedCrownJewels)} of ${plural(ap.crownJewels, "crown jewel")}` +
        ` (${plural(ap.paths, "path")} stored, up to ${ap.k} alternative${ap.k === 1 ? "" : "s"} each; graph of ${fmt.format(ap.graphNodes)} nodes, ${fmt.format(ap.graphEdges)} edges` +
        `${ap.selectors > 0 ? `; ${plural(ap.selectors, "stored selector")}` : ""})`,
    );
    for (const w of ap.warnings.slice(0, 3)) lines.push(`              ${w}`);
  }
  const risky = s.riskiestIdentities.slice(0, 5);
  risky.forEach((r, i) => lines.push(`  ${i === 0 ? "riskiest  " : "          "}  ${r.level.padEnd(8)} ${String(r.score).padStart(3)}  ${r.id}`));
  const d = s.durationsMs;
  const collect = s.source === "files" ? `parse ${formatDuration(d.parse)}` : `network ${formatDuration(d.network)}, parse ${formatDuration(d.parse)}`;
  lines.push(
    `  time        ${formatDuration(d.total)}: ${collect}, analyze ${formatDuration(d.analyze)}, rules ${formatDuration(d.rules)}, graph ${formatDuration(d.graph)}, persist ${formatDuration(d.persist)}`,
  );

  lines.push("", "Next:");
  lines.push(`  open ${webUrl()} in a browser (npm start, or npm run demo) — identities, findings and paths of "${s.cluster}"`);
  lines.push("  palisade db status                       # every stored cluster and snapshot");
  if (opts.scanHint) lines.push(`  ${opts.scanHint}`);
  if (opts.rerun) lines.push(`  ${opts.rerun.padEnd(40)} # collect again: the web app shows the newest complete snapshot`);
  return `${lines.join("\n")}\n`;
}
