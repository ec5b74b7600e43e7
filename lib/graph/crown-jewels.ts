/**
 * Crown jewels: what an attacker wants. Built in — cluster-admin, the cluster's nodes, kube-system's secrets, cloud
 * identities federated to service accounts. Designated — namespaces, workloads and secrets labelled or annotated
 * `palisade.io/crown-jewel: "true"` (optional `palisade.io/crown-jewel-name`, `palisade.io/crown-jewel-tier`), and
 * user-defined selectors stored per cluster by the web app. Objects designated with the same name form one jewel.
 */
import { z } from "zod";
import type { LabelSelector, LabelSelectorRequirement, ObjectMeta } from "@/lib/k8s/types";
import { selectorMatches } from "@/lib/rbac/label-selector";
import { CLUSTER_ADMIN_ID, cloudIdentityId, namespaceId, nodeId, secretId, UNKNOWN_NODE_ID } from "./ids";
import type { ClusterModel, WorkloadGroup } from "./model";
import type { CloudProvider, CrownJewel, NodeId } from "./types";

export const CROWN_JEWEL = "palisade.io/crown-jewel";
export const CROWN_JEWEL_NAME = "palisade.io/crown-jewel-name";
export const CROWN_JEWEL_TIER = "palisade.io/crown-jewel-tier";

/** Tier of built-in jewels that give control of the cluster, and of the rest. */
export const TIER_CLUSTER = "tier-0";
export const DEFAULT_TIER = "tier-1";

export const CLUSTER_ADMIN_JEWEL = "jewel:cluster-admin";
export const NODES_JEWEL = "jewel:nodes";
export const KUBE_SYSTEM_SECRETS_JEWEL = "jewel:kube-system-secrets";
export const cloudJewelId = (provider: CloudProvider) => `jewel:cloud:${provider}`;

const labelSelectorSchema = z.object({
  matchLabels: z.record(z.string(), z.string()).default({}),
  matchExpressions: z
    .array(z.object({ key: z.string().min(1), operator: z.enum(["In", "NotIn", "Exists", "DoesNotExist"]), values: z.array(z.string()).default([]) }))
    .default([]),
});

/**
 * A user-defined crown-jewel selector, as stored by the web app. `labelSelector` is a Kubernetes LabelSelector or the
 * kubectl string form (`app=db,tier in (gold,silver),!legacy`). A Namespace selector designates the namespace's
 * workloads and secrets. `jewelName` and `tier` name the resulting jewel.
 */
export const crownJewelSelectorSchema = z
  .object({
    kind: z.enum(["Namespace", "Workload", "Secret"]),
    namespace: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    labelSelector: z.union([z.string(), labelSelectorSchema]).optional(),
    jewelName: z.string().min(1).optional(),
    tier: z.string().min(1).optional(),
  })
  .strict();

export type CrownJewelSelector = z.input<typeof crownJewelSelectorSchema>;

/**
 * Parses the kubectl label-selector string form: `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`,
 * joined by commas. Throws with the offending term.
 */
export function parseLabelSelector(text: string): LabelSelector {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: LabelSelectorRequirement[] = [];
  const terms: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of text) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      terms.push(cur);
      cur = "";
    } else cur += ch;
  }
  terms.push(cur);
  for (const raw of terms) {
    const t = raw.trim();
    if (!t) continue;
    let m: RegExpExecArray | null;
    if ((m = /^([^\s=!(),]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(t))) {
      const values = m[3]!.split(",").map((v) => v.trim()).filter(Boolean);
      matchExpressions.push({ key: m[1]!, operator: m[2] === "in" ? "In" : "NotIn", values });
    } else if ((m = /^([^\s=!(),]+)\s*!=\s*([^\s=!(),]*)$/.exec(t))) {
      matchExpressions.push({ key: m[1]!, operator: "NotIn", values: [m[2]!] });
    } else if ((m = /^([^\s=!(),]+)\s*==?\s*([^\s=!(),]*)$/.exec(t))) {
      matchLabels[m[1]!] = m[2]!;
    } else if ((m = /^!\s*([^\s=!(),]+)$/.exec(t))) {
      matchExpressions.push({ key: m[1]!, operator: "DoesNotExist", values: [] });
    } else if ((m = /^([^\s=!(),]+)$/.exec(t))) {
      matchExpressions.push({ key: m[1]!, operator: "Exists", values: [] });
    } else {
      throw new Error(`invalid label selector term "${t}" in "${text}"`);
    }
  }
  return { matchLabels, matchExpressions };
}

function toSelector(s: CrownJewelSelector["labelSelector"]): LabelSelector | undefined {
  if (s === undefined) return undefined;
  if (typeof s === "string") return parseLabelSelector(s);
  return { matchLabels: s.matchLabels ?? {}, matchExpressions: (s.matchExpressions ?? []).map((e) => ({ key: e.key, operator: e.operator, values: e.values ?? [] })) };
}

/** The designation on an object: `palisade.io/crown-jewel: "true"` as a label or an annotation. */
function designation(meta: Pick<ObjectMeta, "labels" | "annotations">): { name?: string; tier?: string } | undefined {
  if (meta.labels[CROWN_JEWEL] !== "true" && meta.annotations[CROWN_JEWEL] !== "true") return undefined;
  const name = meta.annotations[CROWN_JEWEL_NAME] ?? meta.labels[CROWN_JEWEL_NAME];
  const tier = meta.annotations[CROWN_JEWEL_TIER] ?? meta.labels[CROWN_JEWEL_TIER];
  return { ...(name ? { name } : {}), ...(tier ? { tier } : {}) };
}

/** A workload is designated when its controller or any of its pods is. */
function workloadDesignation(g: WorkloadGroup): { name?: string; tier?: string } | undefined {
  const root = g.root ? designation(g.root) : undefined;
  if (root) return root;
  for (const o of g.objects) {
    const d = designation(o);
    if (d) return d;
  }
  return undefined;
}

/** Graph targets of a namespace jewel: its workloads and secrets. */
function namespaceTargets(model: ClusterModel, ns: string): NodeId[] {
  return [...(model.workloadsByNs.get(ns) ?? []).map((g) => g.id), ...(model.secretsByNs.get(ns) ?? []).map((s) => secretId(ns, s.name)), namespaceId(ns)];
}

/** The kubectl string form of a label selector. */
export function formatLabelSelector(sel: LabelSelector): string {
  const parts = Object.entries(sel.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions) {
    if (e.operator === "Exists") parts.push(e.key);
    else if (e.operator === "DoesNotExist") parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator === "In" ? "in" : "notin"} (${e.values.join(",")})`);
  }
  return parts.join(",");
}

function describeSelector(s: CrownJewelSelector): string {
  const parts = [s.kind === "Workload" ? "workloads" : s.kind === "Secret" ? "secrets" : "namespaces"];
  if (s.namespace) parts.push(`in ${s.namespace}`);
  if (s.name) parts.push(`named ${s.name}`);
  if (s.labelSelector !== undefined) parts.push(`matching ${typeof s.labelSelector === "string" ? s.labelSelector : formatLabelSelector(toSelector(s.labelSelector)!)}`);
  return parts.join(" ");
}

/**
 * Finds the crown jewels of a cluster. `hasNode` filters targets to nodes of the graph; invalid selectors are reported
 * in `warnings` (with their index) and skipped.
 */
export function findCrownJewels(model: ClusterModel, hasNode: (id: NodeId) => boolean, selectors: readonly CrownJewelSelector[] = []): { jewels: CrownJewel[]; warnings: string[] } {
  const jewels: CrownJewel[] = [];
  const warnings: string[] = [];
  const add = (j: CrownJewel) => {
    const targets = [...new Set(j.targets.filter(hasNode))];
    if (targets.length > 0) jewels.push({ ...j, targets });
  };

  add({ id: CLUSTER_ADMIN_JEWEL, name: "cluster-admin", tier: TIER_CLUSTER, source: "built-in", reason: "Every verb on every resource: any identity with * on * cluster-wide, or in system:masters.", targets: [CLUSTER_ADMIN_ID] });
  add({
    id: NODES_JEWEL,
    name: "Cluster nodes",
    tier: TIER_CLUSTER,
    source: "built-in",
    reason: "Root on a node: the kubelet's credentials and every pod, token and secret scheduled there.",
    targets: [...model.nodeNames.map(nodeId), UNKNOWN_NODE_ID],
  });
  add({
    id: KUBE_SYSTEM_SECRETS_JEWEL,
    name: "kube-system secrets",
    tier: TIER_CLUSTER,
    source: "built-in",
    reason: "Secrets of kube-system: controller and add-on credentials, bootstrap tokens.",
    targets: (model.secretsByNs.get("kube-system") ?? []).map((s) => secretId("kube-system", s.name)),
  });
  const providers: Record<CloudProvider, string> = { aws: "AWS IAM roles (IRSA)", gcp: "Google service accounts (Workload Identity)", azure: "Azure managed identities (Workload Identity)" };
  for (const provider of ["aws", "gcp", "azure"] as const) {
    add({
      id: cloudJewelId(provider),
      name: providers[provider],
      tier: DEFAULT_TIER,
      source: "built-in",
      reason: "Cloud identities federated to service accounts: reaching one reaches the cloud account.",
      targets: model.cloudBindings.filter((b) => b.provider === provider).map((b) => cloudIdentityId(provider, b.identity)),
    });
  }

  // Designated objects, grouped by crown-jewel name.
  const designated = new Map<string, CrownJewel>();
  const designate = (id: string, name: string, tier: string | undefined, reason: string, targets: NodeId[]) => {
    const prev = designated.get(id);
    if (prev) {
      prev.targets.push(...targets);
      if (tier && tier !== prev.tier) warnings.push(`crown jewel "${name}" is designated with tiers "${prev.tier}" and "${tier}"; keeping "${prev.tier}"`);
      return;
    }
    designated.set(id, { id, name, tier: tier ?? DEFAULT_TIER, source: "designated", reason, targets: [...targets] });
  };
  for (const ns of model.namespaces) {
    const obj = model.namespaceObjects.get(ns);
    const d = obj && designation(obj);
    if (!d) continue;
    designate(d.name ? `jewel:name:${d.name}` : `jewel:namespace:${ns}`, d.name ?? `namespace ${ns}`, d.tier, `Namespace ${ns} is labelled ${CROWN_JEWEL}=true (all its workloads and secrets).`, namespaceTargets(model, ns));
  }
  for (const g of model.workloads) {
    const d = workloadDesignation(g);
    if (!d) continue;
    designate(d.name ? `jewel:name:${d.name}` : `jewel:workload:${g.namespace}/${g.kind}/${g.name}`, d.name ?? `${g.kind} ${g.namespace}/${g.name}`, d.tier, `${g.kind} ${g.namespace}/${g.name} is labelled ${CROWN_JEWEL}=true.`, [g.id]);
  }
  for (const s of model.inventory.secrets) {
    const d = designation(s);
    if (!d) continue;
    designate(d.name ? `jewel:name:${d.name}` : `jewel:secret:${s.namespace}/${s.name}`, d.name ?? `secret ${s.namespace}/${s.name}`, d.tier, `Secret ${s.namespace}/${s.name} is labelled ${CROWN_JEWEL}=true.`, [secretId(s.namespace, s.name)]);
  }
  for (const j of [...designated.values()].sort((a, b) => a.id.localeCompare(b.id))) add(j);

  // User-defined selectors.
  selectors.forEach((raw, i) => {
    const parsed = crownJewelSelectorSchema.safeParse(raw);
    if (!parsed.success) {
      warnings.push(`crown-jewel selector #${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join(".") || "(root)"}: ${x.message}`).join("; ")}`);
      return;
    }
    const s = parsed.data;
    let selector: LabelSelector | undefined;
    try {
      selector = toSelector(s.labelSelector);
    } catch (err) {
      warnings.push(`crown-jewel selector #${i + 1}: ${(err as Error).message}`);
      return;
    }
    const matches = (meta: { name: string; namespace?: string; labels: Record<string, string> }) =>
      (s.namespace === undefined || meta.namespace === s.namespace) && (s.name === undefined || meta.name === s.name) && (selector === undefined || selectorMatches(selector, meta.labels));
    const targets: NodeId[] = [];
    if (s.kind === "Namespace") {
      for (const ns of model.namespaces) {
        const labels = model.namespaceObjects.get(ns)?.labels ?? {};
        if ((s.namespace === undefined || s.namespace === ns) && (s.name === undefined || s.name === ns) && (selector === undefined || selectorMatches(selector, labels))) targets.push(...namespaceTargets(model, ns));
      }
    } else if (s.kind === "Workload") {
      for (const g of model.workloads) {
        const labels = g.root?.labels ?? g.objects[0]?.labels ?? {};
        if (matches({ name: g.name, namespace: g.namespace, labels }) || g.objects.some((o) => o !== g.root && matches({ name: g.name, namespace: o.namespace, labels: o.labels }))) targets.push(g.id);
      }
    } else {
      for (const sec of model.inventory.secrets) if (matches(sec)) targets.push(secretId(sec.namespace, sec.name));
    }
    const name = s.jewelName ?? describeSelector(s);
    const id = `jewel:selector:${s.jewelName ?? i + 1}`;
    if (targets.length === 0) {
      warnings.push(`crown-jewel selector #${i + 1} (${describeSelector(s)}) matches nothing`);
      return;
    }
    add({ id, name, tier: s.tier ?? DEFAULT_TIER, source: "selector", reason: `Selected by ${describeSelector(s)}.`, targets });
  });

  const seen = new Set<string>();
  const unique = jewels.filter((j) => (seen.has(j.id) ? false : (seen.add(j.id), true)));
  return { jewels: unique, warnings };
}
