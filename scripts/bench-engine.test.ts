import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadInventory } from "@/lib/collect/files";
import { analyze, whoCan } from "@/lib/rbac";
import { formatTable, percentile, runBench } from "./bench-engine";
import { isGenerated } from "./generate-cluster";

describe("percentile (nearest rank)", () => {
  const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  it("picks the ceil(p/100·n)-th smallest value", () => {
    expect(percentile(xs, 50)).toBe(5);
    expect(percentile(xs, 95)).toBe(10);
    expect(percentile(xs, 90)).toBe(9);
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("runBench on the small generated cluster", () => {
  const base = mkdtempSync(path.join(tmpdir(), "palisade-bench-"));
  const dir = path.join(base, "small");
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it("generates the input once, then times every phase and the who-can queries", async () => {
    const first = await runBench({ size: "small", seed: 42, dir, iterations: 5, regenerate: false });
    expect(first.generatedMs).not.toBeNull();
    expect(isGenerated(dir, "small", 42)).toBe(true);
    expect(first.input.errors).toBe(0);
    expect(first.inventory.namespaces).toBe(50);
    expect(first.phases.map((p) => p.name.split(" ")[0])).toEqual(["parse", "analyze", "rules", "score", "who-can"]);
    expect(first.endToEndMs).toBeCloseTo(first.phases.reduce((a, p) => a + p.ms, 0), 6);
    expect(first.whoCan.map((q) => q.name)).toEqual(["get secrets -n payments-prod", "get secrets (cluster-wide)"]);
    for (const q of first.whoCan) {
      expect(q.runs).toBe(5);
      expect(q.p50Ms).toBeLessThanOrEqual(q.p95Ms);
      expect(q.p95Ms).toBeLessThanOrEqual(q.maxMs);
    }
    // A namespaced question can only add RoleBinding subjects to the cluster-wide answer.
    const [ns, cluster] = first.whoCan;
    expect(ns!.subjects).toBeGreaterThan(cluster!.subjects);
    expect(first.maxRss).toBeGreaterThan(0);
    expect(formatTable(first)).toMatch(/end to end .* target < 20,000 ms/);

    const second = await runBench({ size: "small", seed: 42, dir, iterations: 2, regenerate: false });
    expect(second.generatedMs).toBeNull(); // reused
  });

  it("who can get secrets in payments-prod, worked out from the generated bindings", async () => {
    const { inventory, errors } = await loadInventory([dir]);
    expect(errors).toEqual([]);
    const subjects = whoCan(analyze(inventory), { type: "resource", verb: "get", apiGroup: "", resource: "secrets", namespace: "payments-prod" });
    const ids = new Set(subjects.map((s) => `${s.kind}:${s.namespace ? `${s.namespace}:` : ""}${s.name}`));
    // cluster-admin bindings (bootstrap system:masters, SRE group), admin in the namespace (aggregated from
    // system:aggregate-to-edit, which grants secrets), the CI bootstrapper's cluster-wide secrets read, and the
    // Argo CD controller's '*' ClusterRole.
    for (const id of ["Group:system:masters", "Group:oidc:sre", "Group:oidc:payments-admins", "ServiceAccount:ci:platform-bootstrapper", "ServiceAccount:argocd:argocd-application-controller"]) {
      expect(ids.has(id), id).toBe(true);
    }
    // view never includes secrets; the namespace's viewers and other teams' admins get nothing here.
    expect(ids.has("Group:oidc:payments-viewers")).toBe(false);
    expect(ids.has("Group:oidc:checkout-admins")).toBe(false);
  });
});
