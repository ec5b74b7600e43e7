import { describe, expect, it } from "vitest";
import { analyze } from "@/lib/rbac";
import { inventory, serviceAccount } from "@/lib/rbac/testing";
import { buildAttackGraph } from "./build";
import { CLUSTER_ADMIN_JEWEL, cloudJewelId, crownJewelSelectorSchema, KUBE_SYSTEM_SECRETS_JEWEL, NODES_JEWEL, parseLabelSelector, type CrownJewelSelector } from "./crown-jewels";
import { annotatedServiceAccount, namespace, node, pod, secret, workload } from "./testing";

const JEWEL = { "palisade.io/crown-jewel": "true" };

const cluster = () =>
  inventory({
    namespaces: [namespace("vault", JEWEL, { "palisade.io/crown-jewel-name": "Vault", "palisade.io/crown-jewel-tier": "tier-0" }), namespace("shop", { team: "shop" }), namespace("kube-system")],
    nodes: [node("n1")],
    serviceAccounts: [serviceAccount("shop", "api"), annotatedServiceAccount("shop", "ml", { "iam.gke.io/gcp-service-account": "ML@proj.iam.gserviceaccount.com" })],
    secrets: [
      secret("vault", "unseal-keys"),
      secret("kube-system", "bootstrap-token-abcdef"),
      secret("shop", "db", { annotations: { ...JEWEL, "palisade.io/crown-jewel-name": "Shop database" } }),
      secret("shop", "db-replica", { labels: JEWEL, annotations: { "palisade.io/crown-jewel-name": "Shop database", "palisade.io/crown-jewel-tier": "tier-2" } }),
      secret("shop", "tls", { labels: { app: "web" } }),
    ],
    workloads: [
      workload("StatefulSet", "vault", "vault"),
      workload("Deployment", "shop", "api", { labels: { app: "api", tier: "gold" } }),
      // Designated through its pod's labels.
      workload("Deployment", "shop", "ledger"),
      pod("shop", "ledger-5d8f7c9b6-x2x4q", { owner: { kind: "ReplicaSet", name: "ledger-5d8f7c9b6" }, labels: JEWEL }),
    ],
  });

describe("crown jewels", () => {
  it("finds the built-in ones", () => {
    const g = buildAttackGraph(analyze(cluster()));
    const byId = new Map(g.jewels.map((j) => [j.id, j]));
    expect(byId.get(CLUSTER_ADMIN_JEWEL)!.targets).toEqual(["ClusterAdmin"]);
    expect(byId.get(NODES_JEWEL)!.targets).toEqual(["Node:n1"]);
    expect(byId.get(KUBE_SYSTEM_SECRETS_JEWEL)!.targets).toEqual(["Secret:kube-system:bootstrap-token-abcdef"]);
    expect(byId.get(cloudJewelId("gcp"))!.targets).toEqual(["CloudIdentity:gcp:ml@proj.iam.gserviceaccount.com"]);
    // No AWS or Azure identity: no jewel without targets.
    expect(byId.has(cloudJewelId("aws"))).toBe(false);
  });

  it("designates namespaces (their workloads and secrets), workloads (controller or pod) and secrets; a shared name is one jewel", () => {
    const g = buildAttackGraph(analyze(cluster()));
    const designated = g.jewels.filter((j) => j.source === "designated").map((j) => ({ id: j.id, tier: j.tier, targets: j.targets }));
    expect(designated).toEqual([
      { id: "jewel:name:Shop database", tier: "tier-1", targets: ["Secret:shop:db", "Secret:shop:db-replica"] },
      { id: "jewel:name:Vault", tier: "tier-0", targets: ["Workload:vault:StatefulSet:vault", "Secret:vault:unseal-keys", "Namespace:vault"] },
      { id: "jewel:workload:shop/Deployment/ledger", tier: "tier-1", targets: ["Workload:shop:Deployment:ledger"] },
    ]);
    expect(g.warnings).toContain('crown jewel "Shop database" is designated with tiers "tier-1" and "tier-2"; keeping "tier-1"');
    expect(g.nodes.find((n) => n.id === "Secret:shop:db")!.jewels).toEqual(["jewel:name:Shop database"]);
  });

  it("applies user-defined selectors and reports the ones that are invalid or match nothing", () => {
    const selectors: CrownJewelSelector[] = [
      { kind: "Workload", namespace: "shop", labelSelector: "tier in (gold,silver),app", jewelName: "Gold tier" },
      { kind: "Secret", labelSelector: { matchLabels: { app: "web" } }, tier: "tier-2" },
      { kind: "Namespace", name: "shop" },
      { kind: "Secret", name: "does-not-exist" },
      { kind: "Pod" } as unknown as CrownJewelSelector,
      { kind: "Workload", labelSelector: "a=(" },
    ];
    const g = buildAttackGraph(analyze(cluster()), { selectors });
    const fromSelectors = g.jewels.filter((j) => j.source === "selector").map((j) => [j.id, j.name, j.tier, j.targets.length]);
    expect(fromSelectors).toEqual([
      ["jewel:selector:Gold tier", "Gold tier", "tier-1", 1],
      ["jewel:selector:2", "secrets matching app=web", "tier-2", 1],
      // Two workloads, three secrets and the namespace itself.
      ["jewel:selector:3", "namespaces named shop", "tier-1", 6],
    ]);
    expect(g.warnings.filter((w) => w.startsWith("crown-jewel selector"))).toEqual([
      "crown-jewel selector #4 (secrets named does-not-exist) matches nothing",
      expect.stringMatching(/^crown-jewel selector #5: kind: /),
      'crown-jewel selector #6: invalid label selector term "a=(" in "a=("',
    ]);
  });
});

describe("parseLabelSelector", () => {
  it("parses the kubectl string form", () => {
    expect(parseLabelSelector("app=db, tier in (gold, silver),env!=dev,!legacy,owner,x==y,zone notin (a)")).toEqual({
      matchLabels: { app: "db", x: "y" },
      matchExpressions: [
        { key: "tier", operator: "In", values: ["gold", "silver"] },
        { key: "env", operator: "NotIn", values: ["dev"] },
        { key: "legacy", operator: "DoesNotExist", values: [] },
        { key: "owner", operator: "Exists", values: [] },
        { key: "zone", operator: "NotIn", values: ["a"] },
      ],
    });
    expect(parseLabelSelector("")).toEqual({ matchLabels: {}, matchExpressions: [] });
  });

  it("validates selectors with zod for the web app", () => {
    expect(crownJewelSelectorSchema.safeParse({ kind: "Secret", namespace: "a" }).success).toBe(true);
    expect(crownJewelSelectorSchema.safeParse({ kind: "Secret", extra: 1 }).success).toBe(false);
  });
});
