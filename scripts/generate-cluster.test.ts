import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import {
  RESOURCES,
  RESOURCE_KEYS,
  distribute,
  generateCluster,
  isGenerated,
  main,
  metaPath,
  mulberry32,
  writeCluster,
  type KubeObject,
  type RawObjects,
} from "./generate-cluster";

// Totals from the benchmark brief (large / medium), written out here rather than read from SIZE_SPECS.
const BRIEF = {
  large: { namespaces: 1_000, serviceaccounts: 20_000, rolebindings: 50_000, roles: 8_000, clusterroles: 2_000, clusterrolebindings: 3_000, pods: 100_000 },
  medium: { namespaces: 300, pods: 10_000 },
} as const;

const BOOTSTRAP_DIR = path.resolve(import.meta.dirname, "../test/fixtures/real/kubernetes-bootstrap");

function bootstrapObjects(): KubeObject[] {
  return readdirSync(BOOTSTRAP_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .flatMap((f) => (parseYaml(readFileSync(path.join(BOOTSTRAP_DIR, f), "utf8")) as { items: KubeObject[] }).items);
}

/** Structural checks every generated cluster must pass. Returns a list of problems (empty = fine). */
function problems(o: RawObjects): string[] {
  const out: string[] = [];
  const namespaces = new Set(o.namespaces.map((n) => n.metadata.name));
  const nodes = new Set(o.nodes.map((n) => n.metadata.name));
  const byKey = new Map<string, KubeObject>();
  for (const key of RESOURCE_KEYS) {
    const r = RESOURCES[key];
    const seen = new Set<string>();
    for (const obj of o[key]) {
      const where = `${key}/${obj.metadata?.namespace ?? ""}/${obj.metadata?.name}`;
      if (obj.apiVersion !== r.apiVersion) out.push(`${where}: apiVersion ${obj.apiVersion}`);
      if (obj.kind !== r.kind) out.push(`${where}: kind ${obj.kind}`);
      if (typeof obj.metadata?.name !== "string" || obj.metadata.name === "") out.push(`${where}: no metadata.name`);
      if (r.namespaced) {
        if (typeof obj.metadata.namespace !== "string" || obj.metadata.namespace === "") out.push(`${where}: namespaced without namespace`);
        else if (!namespaces.has(obj.metadata.namespace)) out.push(`${where}: namespace does not exist`);
      } else if (obj.metadata.namespace !== undefined) out.push(`${where}: cluster-scoped with a namespace`);
      const id = `${obj.metadata.namespace ?? ""}/${obj.metadata.name}`;
      if (seen.has(id)) out.push(`${where}: duplicate name`);
      seen.add(id);
      byKey.set(`${obj.kind}/${id}`, obj);
    }
  }
  for (const s of o.secrets) if ("data" in s || "stringData" in s) out.push(`secret ${s.metadata.name} carries data`);
  const sas = new Set(o.serviceaccounts.map((s) => `${s.metadata.namespace}/${s.metadata.name}`));
  for (const p of o.pods) {
    const spec = p.spec as { serviceAccountName: string; nodeName?: string };
    if (!sas.has(`${p.metadata.namespace}/${spec.serviceAccountName}`)) out.push(`pod ${p.metadata.namespace}/${p.metadata.name}: service account ${spec.serviceAccountName} missing`);
    if (!spec.nodeName || !nodes.has(spec.nodeName)) out.push(`pod ${p.metadata.name}: node ${spec.nodeName} missing`);
  }
  // Every owner reference points at an object of that kind, in the same namespace, with the same uid.
  for (const key of ["pods", "replicasets", "jobs"] as const) {
    for (const obj of o[key]) {
      for (const ref of obj.metadata.ownerReferences ?? []) {
        const owner = byKey.get(`${ref.kind}/${obj.metadata.namespace}/${ref.name}`);
        if (!owner || owner.metadata.uid !== ref.uid) out.push(`${key} ${obj.metadata.name}: owner ${ref.kind}/${ref.name} unresolved`);
      }
    }
  }
  return out;
}

function count(o: RawObjects): Record<string, number> {
  return Object.fromEntries(RESOURCE_KEYS.map((k) => [k, o[k].length]));
}

describe("mulberry32 and distribute", () => {
  it("mulberry32 is a pure function of its seed and stays in [0, 1)", () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("distribute sums exactly, respects the minimum and the proportions", () => {
    expect(distribute(10, [1, 1, 2])).toEqual([3, 2, 5]); // 2.5, 2.5, 5 → the tie goes to the lower index
    expect(distribute(7, [0, 0, 0], 2)).toEqual([3, 2, 2]);
    expect(distribute(100, [3, 1], 10)).toEqual([70, 30]); // 80 left → 60 / 20, plus 10 each
    expect(() => distribute(5, [1, 1, 1], 2)).toThrow(/at least 2/);
  });
});

describe("generateCluster", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const a = JSON.stringify(generateCluster("medium", 42));
    const b = JSON.stringify(generateCluster("medium", 42));
    expect(b === a).toBe(true);
    const c = JSON.stringify(generateCluster("medium", 43));
    expect(c === a).toBe(false);
  });

  it("medium: 300 namespaces and 10,000 pods, structurally sound", () => {
    const o = generateCluster("medium", 1);
    expect(o.namespaces).toHaveLength(BRIEF.medium.namespaces);
    expect(o.pods).toHaveLength(BRIEF.medium.pods);
    expect(problems(o)).toEqual([]);
  });

  it("large: exact totals from the brief, ~200 nodes, structurally sound, generated in a few seconds", () => {
    const t0 = performance.now();
    const o = generateCluster("large", 42);
    const ms = performance.now() - t0;
    const c = count(o);
    for (const [k, v] of Object.entries(BRIEF.large)) expect(c[k], k).toBe(v);
    expect(o.nodes.length).toBeGreaterThanOrEqual(150);
    expect(o.nodes.length).toBeLessThanOrEqual(250);
    for (const k of ["deployments", "replicasets", "daemonsets", "statefulsets", "jobs", "cronjobs", "secrets", "networkpolicies"] as const) {
      expect(c[k], k).toBeGreaterThan(0);
    }
    expect(problems(o)).toEqual([]);
    expect(ms).toBeLessThan(15_000); // ~2 s on an idle core; generous for a shared CI machine
  });

  it("includes the whole Kubernetes bootstrap policy unchanged, in every size", () => {
    const expected = bootstrapObjects();
    expect(expected.length).toBe(69 + 48 + 7 + 7);
    for (const size of ["small", "medium"] as const) {
      const o = generateCluster(size, 5);
      const all = [...o.clusterroles, ...o.clusterrolebindings, ...o.roles, ...o.rolebindings];
      for (const obj of expected) {
        const found = all.find((x) => x.kind === obj.kind && x.metadata.name === obj.metadata.name && x.metadata.namespace === obj.metadata.namespace);
        expect(found, `${obj.kind} ${obj.metadata.name}`).toEqual(obj);
      }
      // The controllers' service accounts the bootstrap bindings name exist in kube-system.
      const sas = new Set(o.serviceaccounts.map((s) => `${s.metadata.namespace}/${s.metadata.name}`));
      expect(sas.has("kube-system/attachdetach-controller")).toBe(true);
      expect(sas.has("kube-system/kube-dns")).toBe(true);
    }
  });

  it("has the realistic shapes the benchmarks and rules need", () => {
    const o = generateCluster("medium", 42);
    const json = (x: unknown) => JSON.stringify(x);
    const crs = new Map(o.clusterroles.map((r) => [r.metadata.name, r]));
    const roles = new Set(o.roles.map((r) => `${r.metadata.namespace}/${r.metadata.name}`));
    const sas = new Set(o.serviceaccounts.map((s) => `${s.metadata.namespace}/${s.metadata.name}`));
    const ruleText = [...o.roles, ...o.clusterroles].map((r) => json(r.rules));
    const rb = (ns: string, name: string) => o.rolebindings.find((b) => b.metadata.namespace === ns && b.metadata.name === name);

    // Team namespaces bind IdP groups to admin / edit / view.
    expect(rb("payments-prod", "payments-admins")?.roleRef).toMatchObject({ kind: "ClusterRole", name: "admin" });
    expect(rb("payments-dev", "payments-developers")?.roleRef).toMatchObject({ kind: "ClusterRole", name: "edit" });
    expect(rb("payments-prod", "payments-viewers")?.subjects).toEqual([{ kind: "Group", name: "oidc:payments-viewers", apiGroup: "rbac.authorization.k8s.io" }]);
    // CI deployer bound in many namespaces through a ClusterRole that creates deployments and pods.
    expect(o.rolebindings.filter((b) => (b.roleRef as { name: string }).name === "ci-deployer").length).toBeGreaterThan(50);
    expect(json(crs.get("ci-deployer")?.rules)).toMatch(/"create".*"deployments"/);
    // Wildcard operator roles, aggregation, resourceNames, subresources, nonResourceURLs.
    expect(json(crs.get("acme-db-operator-manager")?.rules)).toBe(json([{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }]));
    expect(o.clusterroles.filter((r) => r.aggregationRule && !r.metadata.labels?.["kubernetes.io/bootstrapping"]).length).toBeGreaterThan(2);
    expect(o.clusterroles.filter((r) => r.metadata.labels?.["rbac.authorization.k8s.io/aggregate-to-edit"] === "true").length).toBeGreaterThan(10);
    expect(ruleText.filter((t) => t.includes('"resourceNames"')).length).toBeGreaterThan(50);
    expect(ruleText.some((t) => t.includes('"pods/exec"'))).toBe(true);
    expect(ruleText.some((t) => t.includes('"pods/log"'))).toBe(true);
    expect(o.clusterroles.some((r) => json(r.rules).includes('"nonResourceURLs"') && !r.metadata.labels?.["kubernetes.io/bootstrapping"])).toBe(true);
    // RoleBindings that reference ClusterRoles, and dangling bindings of both kinds.
    expect(o.rolebindings.filter((b) => (b.roleRef as { kind: string }).kind === "ClusterRole").length).toBeGreaterThan(1000);
    const missingRole = [...o.rolebindings, ...o.clusterrolebindings].filter((b) => {
      const ref = b.roleRef as { kind: string; name: string };
      return ref.kind === "Role" ? !roles.has(`${b.metadata.namespace}/${ref.name}`) : !crs.has(ref.name);
    });
    expect(missingRole.length).toBeGreaterThan(5);
    const missingSA = [...o.rolebindings, ...o.clusterrolebindings].filter((b) =>
      ((b.subjects as { kind: string; name: string; namespace?: string }[] | null) ?? []).some((s) => s.kind === "ServiceAccount" && !sas.has(`${s.namespace}/${s.name}`)),
    );
    expect(missingSA.length).toBeGreaterThan(5);
    // Privileged and host-path pods; crown jewels; cloud identity annotations; legacy token secrets.
    expect(o.pods.some((p) => json(p.spec).includes('"privileged":true'))).toBe(true);
    expect(o.pods.some((p) => json(p.spec).includes('"hostPath":{"path":"/"}'))).toBe(true);
    expect(o.pods.some((p) => json(p.spec).includes('"path":"/var/run/docker.sock"'))).toBe(true);
    const ledger = o.statefulsets.find((s) => s.metadata.namespace === "payments-prod" && s.metadata.name === "ledger-db");
    expect(ledger?.metadata.labels?.["palisade.io/crown-jewel"]).toBe("true");
    expect(ledger?.metadata.annotations?.["palisade.io/crown-jewel-tier"]).toBe("tier-0");
    expect(o.secrets.some((s) => s.metadata.labels?.["palisade.io/crown-jewel"] === "true")).toBe(true);
    for (const key of ["eks.amazonaws.com/role-arn", "iam.gke.io/gcp-service-account", "azure.workload.identity/client-id"]) {
      expect(o.serviceaccounts.some((s) => s.metadata.annotations?.[key]), key).toBe(true);
    }
    expect(o.secrets.some((s) => s.type === "kubernetes.io/service-account-token" && s.metadata.annotations?.["kubernetes.io/service-account.name"])).toBe(true);
    expect(o.configmaps.find((c) => c.metadata.name === "aws-auth")?.metadata.namespace).toBe("kube-system");
    // Network policies in some team namespaces but not all.
    const withNp = new Set(o.networkpolicies.map((n) => n.metadata.namespace));
    expect(withNp.size).toBeGreaterThan(10);
    expect(withNp.size).toBeLessThan(o.namespaces.length / 2);
  });

  it("rejects an unknown size and a non-integer seed", () => {
    expect(() => generateCluster("huge" as "large", 1)).toThrow(/unknown cluster size "huge"/);
    expect(() => generateCluster("small", 1.5)).toThrow(/seed must be an integer/);
  });
});

describe("writeCluster and the CLI", () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(path.join(tmpdir(), "palisade-gen-"));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("writes one kubectl-style v1 List per resource that round-trips, compact or indented", () => {
    const o = generateCluster("small", 3);
    for (const indent of [0, 4]) {
      const out = path.join(tmp(), "small");
      const written = writeCluster(o, out, { size: "small", seed: 3, indent });
      expect(written.map((w) => path.basename(w.file)).sort()).toEqual(RESOURCE_KEYS.map((k) => `${k}.json`).sort());
      for (const key of RESOURCE_KEYS) {
        const text = readFileSync(path.join(out, `${key}.json`), "utf8");
        const list = JSON.parse(text) as { apiVersion: string; kind: string; items: KubeObject[]; metadata: unknown };
        expect(list.apiVersion).toBe("v1");
        expect(list.kind).toBe("List");
        expect(list.metadata).toEqual({ resourceVersion: "" });
        expect(list.items).toEqual(o[key]);
        if (indent === 4) expect(text.startsWith('{\n    "apiVersion": "v1",\n    "items": [')).toBe(true);
      }
      expect(isGenerated(out, "small", 3)).toBe(true);
      expect(isGenerated(out, "small", 4)).toBe(false);
      expect(isGenerated(out, "medium", 3)).toBe(false);
      // The description lives beside the directory, so loaders reading the directory never see it.
      expect(readdirSync(out).some((f) => f.includes("meta"))).toBe(false);
      expect(JSON.parse(readFileSync(metaPath(out), "utf8"))).toMatchObject({ size: "small", seed: 3 });
    }
  });

  it("the CLI writes identical files for the same seed", async () => {
    const base = tmp();
    const log = console.log;
    console.log = () => {};
    try {
      expect(await main(["--size", "small", "--seed", "9", "--out", path.join(base, "a")])).toBe(0);
      expect(await main(["--size", "small", "--seed", "9", "--out", path.join(base, "b")])).toBe(0);
    } finally {
      console.log = log;
    }
    for (const key of RESOURCE_KEYS) {
      expect(readFileSync(path.join(base, "a", `${key}.json`)).equals(readFileSync(path.join(base, "b", `${key}.json`))), key).toBe(true);
    }
  });

  it("the CLI rejects a bad size with exit code 1 and no stack trace", async () => {
    const write = process.stderr.write.bind(process.stderr);
    let err = "";
    process.stderr.write = ((chunk: string) => {
      err += chunk;
      return true;
    }) as typeof process.stderr.write;
    try {
      expect(await main(["--size", "huge"])).toBe(1);
    } finally {
      process.stderr.write = write;
    }
    expect(err).toMatch(/--size.*huge.*expected one of large, medium, small/s);
    expect(err).not.toMatch(/at .*\.ts:\d+/);
  });
});
