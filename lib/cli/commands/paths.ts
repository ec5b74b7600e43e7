import { InvalidArgumentError } from "commander";
import { buildAttackGraph, computePaths, pathsForIdentity, type AttackGraph, type AttackPath, type BlastRadius, type CrownJewel, type Evidence, type GraphNode, type IdentityPaths } from "@/lib/graph";
import type { SubjectRef } from "@/lib/k8s/types";
import { parseSubject, type IdentityId } from "@/lib/rbac";
import { describeEvidence, pathInWords, pathLength } from "@/lib/report/attack-paths";
import { formatSubject, plural, subjectFromIdentityId } from "@/lib/report/text";
import { examples, fromOption, defaultRolesOption, ignoreErrorsOption, json, outputOption, runAction, type RegisterCommand } from "../command";
import { EXIT_OK, UsageError } from "../context";
import { loadAnalysis } from "../load";

interface PathsOptions {
  from: string[];
  to?: string;
  identity?: string;
  alternatives: number;
  output: "text" | "json";
  ignoreErrors?: boolean;
  defaultRoles?: boolean;
}

/** One step of `palisade paths -o json`: lib/graph PathStep without graph-internal edge ids, with node labels. */
export interface PathsOutputStep {
  label: string;
  from: string;
  fromLabel: string;
  to: string;
  toLabel: string;
  /** Scope nodes the step went through, and their labels ("any service account in payments"). */
  via?: string[];
  viaLabels?: string[];
  cost: number;
  explanation: string;
  evidence: Evidence[];
  alsoVia: Evidence[][];
  check?: string;
}

/** JSON shape of `palisade paths -o json` (README.md, CLI reference, "paths --output json"). */
export interface PathsOutput {
  crownJewels: { id: string; name: string; tier: string; source: CrownJewel["source"]; reason: string; targets: string[]; reachers: number }[];
  identities: {
    id: IdentityId;
    subject: SubjectRef;
    builtIn: boolean;
    blastRadius: BlastRadius;
    paths: { jewel: string; rank: number; cost: number; target: string; summary: string; steps: PathsOutputStep[] }[];
  }[];
  warnings: string[];
}

const KIND_ORDER: Record<string, number> = { User: 0, Group: 1, ServiceAccount: 2 };

function alternatives(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new InvalidArgumentError("expected a whole number from 0 to 10");
  return n;
}

/** The jewel `--to` names: its id, or its name (case-insensitive). */
function findJewel(graph: AttackGraph, to: string): CrownJewel {
  const want = to.trim();
  const hit = graph.jewels.find((j) => j.id === want) ?? graph.jewels.find((j) => j.name.toLowerCase() === want.toLowerCase());
  if (hit) return hit;
  const known = graph.jewels.map((j) => `${j.id} ("${j.name}")`).join(", ");
  throw new UsageError(`unknown crown jewel "${to}": ${graph.jewels.length ? `the input's crown jewels are ${known}` : "the input has no crown jewels"}`);
}

function toOutput(graph: AttackGraph, found: IdentityPaths[], jewels: readonly CrownJewel[], reachers: Map<string, number>): PathsOutput {
  const nodes = new Map<string, GraphNode>(graph.nodes.map((n) => [n.id, n]));
  const label = (id: string) => nodes.get(id)?.label ?? id;
  const wanted = new Set(jewels.map((j) => j.id));
  const identities = found
    .map((ip) => ({ ip, paths: ip.paths.filter((p) => wanted.has(p.jewelId)) }))
    .filter((x) => x.paths.length > 0)
    .sort((a, b) => (KIND_ORDER[nodes.get(a.ip.identityId)?.kind ?? ""] ?? 3) - (KIND_ORDER[nodes.get(b.ip.identityId)?.kind ?? ""] ?? 3) || (a.ip.identityId < b.ip.identityId ? -1 : a.ip.identityId > b.ip.identityId ? 1 : 0))
    .map(({ ip, paths }) => ({
      id: ip.identityId,
      subject: subjectFromIdentityId(ip.identityId),
      builtIn: nodes.get(ip.identityId)?.builtIn ?? false,
      blastRadius: ip.blastRadius,
      paths: paths.map((p: AttackPath) => ({
        jewel: p.jewelId,
        rank: p.rank,
        cost: p.cost,
        target: p.target,
        summary: pathInWords(p.steps),
        steps: p.steps.map((s) => ({
          label: s.label,
          from: s.from,
          fromLabel: label(s.from),
          to: s.to,
          toLabel: label(s.to),
          ...(s.via ? { via: s.via, viaLabels: s.via.map(label) } : {}),
          cost: s.cost,
          explanation: s.explanation,
          evidence: s.evidence,
          alsoVia: s.alsoVia,
          ...(s.check ? { check: s.check } : {}),
        })),
      })),
    }));
  return {
    crownJewels: jewels.map((j) => ({ id: j.id, name: j.name, tier: j.tier, source: j.source, reason: j.reason, targets: j.targets, reachers: reachers.get(j.id) ?? 0 })),
    identities,
    warnings: graph.warnings,
  };
}

function renderText(out: PathsOutput, opts: { k: number; identity?: string }): string {
  const jewelName = new Map(out.crownJewels.map((j) => [j.id, `${j.name} [${j.tier}]`]));
  const lines: string[] = [];
  if (out.crownJewels.length === 0) {
    lines.push(
      "The input has no crown jewels. Built in: cluster-admin, the nodes, kube-system's secrets and cloud identities; designate more with the",
      "label or annotation palisade.io/crown-jewel=true on namespaces, workloads or secrets.",
    );
    return `${lines.join("\n")}\n`;
  }
  if (out.identities.length === 0) {
    const what = out.crownJewels.length === 1 ? `crown jewel ${jewelName.get(out.crownJewels[0]!.id)}` : "crown jewel";
    lines.push(`${opts.identity ?? "No identity"} ${opts.identity ? "cannot reach" : "can reach"} ${out.crownJewels.length === 1 ? what : opts.identity ? "any crown jewel" : "a crown jewel"}.`);
    return `${lines.join("\n")}\n`;
  }
  const reached = new Set(out.identities.flatMap((i) => i.paths.map((p) => p.jewel)));
  lines.push(
    `${plural(out.identities.length, "identity", "identities")} ${out.identities.length === 1 ? "reaches" : "reach"} ${reached.size} of ${plural(out.crownJewels.length, "crown jewel")}` +
      ` (${opts.k === 0 ? "cheapest path each; -k N adds alternatives" : `cheapest path and up to ${plural(opts.k, "alternative")} each`}):`,
  );
  for (const id of out.identities) {
    const holder = formatSubject(id.subject);
    const b = id.blastRadius;
    lines.push("", `${holder}${id.builtIn ? " (built in)" : ""}`);
    lines.push(
      `  blast radius: ${plural(b.crownJewels.length, "crown jewel")}, ${plural(b.namespaces.length, "namespace")}, ${plural(b.serviceAccounts, "service account")}, ${plural(b.cloudIdentities, "cloud identity", "cloud identities")}`,
    );
    for (const p of id.paths) {
      const head = p.rank === 0 ? `→ ${jewelName.get(p.jewel) ?? p.jewel}` : `  alternative ${p.rank}`;
      lines.push(`  ${head}: ${pathLength(p.steps.length, p.cost)}`);
      lines.push(`      ${p.summary}`);
      p.steps.forEach((s, i) => {
        lines.push(`      ${i + 1}. ${s.label} (cost ${s.cost}): ${s.fromLabel} → ${s.toLabel}${s.viaLabels?.length ? ` (through ${s.viaLabels.join(", ")})` : ""}`);
        for (const e of s.evidence) lines.push(`         because ${describeEvidence(e, holder)}`);
        if (s.alsoVia.length) lines.push(`         also through ${s.alsoVia.map((r) => r.map((e) => describeEvidence(e, holder)).join(" + ")).join("; ")}`);
        if (s.check) lines.push(`         check: ${s.check}`);
      });
    }
  }
  return `${lines.join("\n")}\n`;
}

export const registerPaths: RegisterCommand = (program, ctx) => {
  const cmd = program
    .command("paths")
    .summary("show attack paths from identities to crown jewels, every step explained")
    .description(
      "Build the attack graph of the input (who can act as whom, reach which workload, secret, node or cloud role) and print " +
        "each identity's cheapest path to every crown jewel it can reach, each step in words with the binding, rule or " +
        "configuration that allows it and the kubectl command that confirms it. Crown jewels: cluster-admin, the nodes, " +
        "kube-system's secrets, cloud identities of annotated service accounts, and objects labelled or annotated " +
        "palisade.io/crown-jewel=true (optional palisade.io/crown-jewel-name and -tier annotations).",
    )
    .addOption(fromOption())
    .option("--to <crown-jewel>", "only paths to this crown jewel: its id (jewel:cluster-admin, jewel:name:NAME, …) or its name")
    .option("--identity <subject>", "only this identity: user:NAME, group:NAME or serviceaccount:NAMESPACE:NAME")
    .option("-k, --alternatives <n>", "also show up to N alternative paths per jewel, each beginning with another first step", alternatives, 0)
    .addOption(outputOption())
    .addOption(ignoreErrorsOption())
    .addOption(defaultRolesOption())
    .addHelpText(
      "after",
      examples(
        "palisade paths --from manifests/",
        'palisade paths --from manifests/ --to "Payments ledger database"',
        "palisade paths --from cluster-dump.json --identity serviceaccount:ci:deployer -k 2",
        "palisade paths --from manifests/ --to jewel:cluster-admin -o json",
      ),
    );

  runAction(cmd, ctx, async (opts: PathsOptions) => {
    let identity: IdentityId | undefined;
    if (opts.identity !== undefined) {
      try {
        identity = parseSubject(opts.identity);
      } catch (e) {
        throw new UsageError(e instanceof Error ? e.message : String(e));
      }
    }
    const k = opts.alternatives;
    const { analysis } = await loadAnalysis(opts.from, ctx.io, opts);
    const graph = buildAttackGraph(analysis);
    const jewels = opts.to !== undefined ? [findJewel(graph, opts.to)] : graph.jewels;
    let found: IdentityPaths[];
    const reachers = new Map<string, number>();
    if (identity !== undefined) {
      if (!graph.nodes.some((n) => n.id === identity)) {
        throw new UsageError(`${opts.identity} is not in the input: no binding names it, no workload runs as it and no such service account exists`);
      }
      const one = pathsForIdentity(graph, identity, { k });
      found = [one];
      for (const j of one.blastRadius.crownJewels) reachers.set(j, 1);
    } else {
      const result = computePaths(graph, { k });
      found = result.perIdentity;
      for (const j of result.perJewel) reachers.set(j.jewelId, j.reachers.length);
    }
    const out = toOutput(graph, found, jewels, reachers);
    if (opts.output === "text") for (const w of out.warnings) ctx.io.stderr(`palisade paths: warning: ${w}\n`);
    ctx.io.stdout(opts.output === "json" ? json(out) : renderText(out, { k, identity: identity ? formatSubject(subjectFromIdentityId(identity)) : undefined }));
    return EXIT_OK;
  });
};
