/**
 * `palisade paths` end to end: the binary on hand-written manifests (test/cli/fixtures/paths/cluster.yaml), with the
 * expected paths worked out by hand from Kubernetes' RBAC semantics and the step costs of lib/graph/WEIGHTS.md:
 *
 *   Namespaces ci, payments, sandbox all enforce Pod Security `restricted` (no privileged pods, so no node escapes).
 *   Secret payments/db-credentials is the crown jewel "Payments DB" (tier-0). With no Node objects and no workloads,
 *   the built-in jewels are cluster-admin and "Cluster nodes" (a node the inventory does not name).
 *
 *   - SA ci/deployer: Role payments/pod-creator [create pods] via RoleBinding payments/ci-creates-pods. A pod it creates
 *     may mount any secret of payments → one CREATE_POD step, cost 2. Alternative: run the pod as payments/api (CREATE_POD
 *     2) and read the secret as it (SECRET_READ 1) → cost 3.
 *   - SA payments/api: get secrets named db-credentials → one SECRET_READ step, cost 1.
 *   - Group devs: ClusterRoleBinding devs-admin → cluster-admin → GRANTED, cost 0. cluster-admin controls every
 *     namespace and can read any secret there → Payments DB in 3 steps, cost 0.
 *   - User alice: may impersonate group devs together with user alice-admin (Kubernetes refuses Impersonate-Group
 *     without Impersonate-User) → IMPERSONATE (1) then devs' GRANTED (0): cluster-admin in 2 steps, cost 1.
 *   - User bob: may create pods only in sandbox (a RoleBinding grants only in its namespace), where there is nothing:
 *     no path. User carol: may get only the secret tls (resourceNames): no path to Payments DB.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { PathsOutput } from "@/lib/cli/commands/paths";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "bin/palisade.mjs");
const FIX = "test/cli/fixtures/paths";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function palisade(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end("");
  });
}

const labels = (p: PathsOutput["identities"][number]["paths"][number]) => p.steps.map((s) => [s.label, s.to]);
const pathTo = (out: PathsOutput, id: string, jewel: string, rank = 0) => out.identities.find((i) => i.id === id)?.paths.find((p) => p.jewel === jewel && p.rank === rank);
const DB = "jewel:name:Payments DB";

describe("palisade paths", () => {
  it("-o json: every identity's cheapest path to each crown jewel, steps with evidence", async () => {
    const r = await palisade(["paths", "--from", FIX, "-o", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as PathsOutput;
    expect(out.crownJewels.map((j) => [j.id, j.tier, j.source])).toEqual([
      ["jewel:cluster-admin", "tier-0", "built-in"],
      ["jewel:nodes", "tier-0", "built-in"],
      [DB, "tier-0", "designated"],
    ]);
    // Users first, then groups, then service accounts; bob and carol reach nothing.
    expect(out.identities.map((i) => i.id)).toEqual(["User:alice", "Group:devs", "ServiceAccount:ci:deployer", "ServiceAccount:payments:api"]);
    expect(out.crownJewels.find((j) => j.id === DB)!.reachers).toBe(4);

    const alice = pathTo(out, "User:alice", "jewel:cluster-admin")!;
    expect(alice.cost).toBe(1);
    expect(labels(alice)).toEqual([
      ["IMPERSONATE", "Group:devs"],
      ["GRANTED", "ClusterAdmin"],
    ]);
    expect(alice.steps[0]!.evidence).toEqual([
      expect.objectContaining({ kind: "grant", binding: { kind: "ClusterRoleBinding", name: "alice-impersonates-devs" }, role: { kind: "ClusterRole", name: "impersonate-devs" }, ruleIndex: 0 }),
      expect.objectContaining({ kind: "grant", ruleIndex: 1 }),
    ]);
    expect(pathTo(out, "Group:devs", "jewel:cluster-admin")).toMatchObject({ cost: 0, steps: [{ label: "GRANTED", to: "ClusterAdmin" }] });
    expect(labels(pathTo(out, "Group:devs", DB)!)).toEqual([
      ["GRANTED", "ClusterAdmin"],
      ["CLUSTER_ADMIN", "Namespace:payments"],
      ["NAMESPACE_ADMIN", "Secret:payments:db-credentials"],
    ]);

    const ci = pathTo(out, "ServiceAccount:ci:deployer", DB)!;
    expect(ci).toMatchObject({ cost: 2, target: "Secret:payments:db-credentials", summary: "can create pods in payments, mounting any secret there → reads secret payments/db-credentials" });
    expect(ci.steps).toEqual([
      expect.objectContaining({ label: "CREATE_POD", from: "ServiceAccount:ci:deployer", via: ["Scope:secrets:payments"], viaLabels: ["any secret in payments"], cost: 2 }),
    ]);
    expect(ci.steps[0]!.evidence[0]).toMatchObject({ kind: "grant", permission: "create pods", binding: { kind: "RoleBinding", name: "ci-creates-pods", namespace: "payments" }, role: { kind: "Role", name: "pod-creator", namespace: "payments" }, ruleIndex: 0 });
    expect(pathTo(out, "ServiceAccount:ci:deployer", DB, 1)).toBeUndefined(); // -k 0 by default
    expect(pathTo(out, "ServiceAccount:payments:api", DB)).toMatchObject({ cost: 1, summary: "can read secret payments/db-credentials", steps: [{ label: "SECRET_READ" }] });
    expect(out.identities.find((i) => i.id === "ServiceAccount:ci:deployer")!.blastRadius).toEqual({ crownJewels: [DB], namespaces: ["payments"], serviceAccounts: 1, cloudIdentities: 0 });
  });

  it("text: each step in words with the binding that allows it and the command that checks it", async () => {
    const r = await palisade(["paths", "--from", FIX, "--identity", "serviceaccount:ci:deployer", "-k", "1"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("ServiceAccount ci/deployer\n  blast radius: 1 crown jewel, 1 namespace, 1 service account, 0 cloud identities\n");
    expect(r.stdout).toContain("  → Payments DB [tier-0]: 1 step, cost 2\n      can create pods in payments, mounting any secret there → reads secret payments/db-credentials\n");
    expect(r.stdout).toContain("1. CREATE_POD (cost 2): service account ci/deployer → secret payments/db-credentials (through any secret in payments)");
    expect(r.stdout).toContain("because create pods: RoleBinding payments/ci-creates-pods → Role payments/pod-creator, rule 0");
    expect(r.stdout).toContain("check: kubectl auth can-i create pods -n payments --as=system:serviceaccount:ci:deployer");
    // -k 1: the alternative through payments/api.
    expect(r.stdout).toContain(
      "    alternative 1: 2 steps, cost 3\n      can create pods in payments, running them as any service account there → acts as service account payments/api → can read secret payments/db-credentials\n",
    );
    expect(r.stdout).toContain("because get secrets db-credentials: RoleBinding payments/api-reads-db → Role payments/read-db, rule 0 (through ServiceAccount payments/api)");
  });

  it("--to by name (any case) keeps one jewel; --identity of an identity without a path says so", async () => {
    const r = await palisade(["paths", "--from", FIX, "--to", "payments db", "-o", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as PathsOutput;
    expect(out.crownJewels.map((j) => j.id)).toEqual([DB]);
    expect(out.identities.flatMap((i) => i.paths.map((p) => [i.id, p.jewel, p.cost, p.steps.length]))).toEqual([
      ["User:alice", DB, 1, 4],
      ["Group:devs", DB, 0, 3],
      ["ServiceAccount:ci:deployer", DB, 2, 1],
      ["ServiceAccount:payments:api", DB, 1, 1],
    ]);
    for (const who of ["user:bob", "user:carol"]) {
      const none = await palisade(["paths", "--from", FIX, "--identity", who, "--to", DB]);
      expect(none.code).toBe(0);
      expect(none.stdout).toBe(`User ${who.slice(5)} cannot reach crown jewel Payments DB [tier-0].\n`);
    }
  });

  it("names what is wrong: an unknown jewel or identity, a bad -k", async () => {
    const jewel = await palisade(["paths", "--from", FIX, "--to", "nope"]);
    expect(jewel.code).toBe(2);
    expect(jewel.stderr).toContain('palisade paths: unknown crown jewel "nope": the input\'s crown jewels are jewel:cluster-admin ("cluster-admin"), jewel:nodes ("Cluster nodes"), jewel:name:Payments DB ("Payments DB")');
    const who = await palisade(["paths", "--from", FIX, "--identity", "serviceaccount:payments:ghost"]);
    expect(who.code).toBe(2);
    expect(who.stderr).toContain("palisade paths: serviceaccount:payments:ghost is not in the input");
    const k = await palisade(["paths", "--from", FIX, "-k", "-1"]);
    expect(k.code).toBe(2);
    expect(k.stderr).toMatch(/expected a whole number from 0 to 10/);
    for (const r of [jewel, who, k]) expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
