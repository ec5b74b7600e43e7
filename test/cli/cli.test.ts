/**
 * End-to-end tests of the `palisade` binary: each test spawns `node bin/palisade.mjs` on the hand-written manifests
 * under test/cli/fixtures and checks exit code, stdout and stderr. Expected answers are worked out by hand from
 * Kubernetes' RBAC semantics; the comments above each case give the reasoning.
 *
 * fixtures/cluster (namespaces dev, prod):
 *   RoleBinding dev/read-pods        → ClusterRole pod-reader  [get,list,watch pods]         : User alice, ServiceAccount ci-bot (no namespace → dev)
 *   RoleBinding prod/deployers       → Role prod/deployer      [0: create,update,patch deployments.apps; 1: create pods/exec] : Group deployers, ServiceAccount prod/cd
 *   ClusterRoleBinding health        → ClusterRole health-reader [get /healthz, /healthz/*] : Group monitoring
 *   ClusterRoleBinding prod-sa-list-secrets → ClusterRole secret-lister [list secrets]     : Group system:serviceaccounts:prod
 *   ClusterRoleBinding all-sa-read-config   → ClusterRole config-reader [get configmaps]   : Group system:serviceaccounts
 *   ClusterRoleBinding ops-superuser → ClusterRole superuser [0: * * *; 1: * on nonResourceURLs *] : User root-ops
 * fixtures/quiet: ServiceAccount shop/app may get ConfigMap shop/app-config (by name) and nothing else.
 * fixtures/malformed/tab-indent.yaml: two valid documents (ClusterRole view-pods, RoleBinding dev/reader → SA dev/reader), then a tab-indented one.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { githubSarif } from "./github-sarif-schema";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "bin/palisade.mjs");
const FIX = "test/cli/fixtures";
const CLUSTER = `${FIX}/cluster`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function palisade(args: string[], opts: { stdin?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.stdin ?? "");
  });
}

const json = (r: Run): unknown => JSON.parse(r.stdout);

/** No stack trace or raw exception ever reaches the user. */
function expectNoStackTrace(r: Run): void {
  expect(r.stderr).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/\b(TypeError|ReferenceError|SyntaxError|Error):/);
}

const readPods = { binding: { kind: "RoleBinding", name: "read-pods", namespace: "dev" }, role: { kind: "ClusterRole", name: "pod-reader" }, ruleIndex: 0 };
const superuser = (ruleIndex: number) => ({ binding: { kind: "ClusterRoleBinding", name: "ops-superuser" }, role: { kind: "ClusterRole", name: "superuser" }, ruleIndex });

describe("who-can", () => {
  it("lists a RoleBinding → ClusterRole grant only in the binding's namespace", async () => {
    // get pods in dev: read-pods (RoleBinding in dev, so it applies) gives alice and SA dev/ci-bot (namespace defaulted
    // from the binding); ops-superuser (cluster-wide) gives root-ops. Users first, then service accounts.
    const r = await palisade(["who-can", "get", "pods", "-n", "dev", "--from", CLUSTER, "-o", "json"]);
    expect(r.code).toBe(0);
    expect(json(r)).toEqual({
      subjects: [
        { kind: "User", name: "alice", via: [readPods] },
        { kind: "User", name: "root-ops", via: [superuser(0)] },
        { kind: "ServiceAccount", name: "ci-bot", namespace: "dev", via: [readPods] },
      ],
    });
  });

  it("does not carry the RoleBinding to another namespace or to a cluster-scoped request", async () => {
    for (const scope of [["-n", "prod"], []]) {
      const r = await palisade(["who-can", "get", "pods", ...scope, "--from", CLUSTER, "-o", "json"]);
      expect(r.code).toBe(0);
      expect(json(r)).toEqual({ subjects: [{ kind: "User", name: "root-ops", via: [superuser(0)] }] });
    }
  });

  it("answers non-resource URLs with --path (ClusterRoleBindings only)", async () => {
    // /healthz: health-reader rule 0 lists it exactly; superuser rule 1 has nonResourceURLs ["*"].
    const r = await palisade(["who-can", "get", "--path", "/healthz", "--from", CLUSTER, "-o", "json"]);
    expect(r.code).toBe(0);
    expect(json(r)).toEqual({
      subjects: [
        { kind: "User", name: "root-ops", via: [superuser(1)] },
        { kind: "Group", name: "monitoring", via: [{ binding: { kind: "ClusterRoleBinding", name: "health" }, role: { kind: "ClusterRole", name: "health-reader" }, ruleIndex: 0 }] },
      ],
    });
  });

  it("takes the API group as RESOURCE.GROUP, --api-group, or from the built-in resource name", async () => {
    // patch deployments.apps in prod: Role prod/deployer rule 0 (Group deployers, SA prod/cd), and root-ops.
    const deployer = { binding: { kind: "RoleBinding", name: "deployers", namespace: "prod" }, role: { kind: "Role", name: "deployer", namespace: "prod" }, ruleIndex: 0 };
    const expected = {
      subjects: [
        { kind: "User", name: "root-ops", via: [superuser(0)] },
        { kind: "Group", name: "deployers", via: [deployer] },
        { kind: "ServiceAccount", name: "cd", namespace: "prod", via: [deployer] },
      ],
    };
    for (const spelling of [["deployments.apps"], ["deployments", "--api-group", "apps"], ["deployments"], ["deploy"]]) {
      const r = await palisade(["who-can", "patch", ...spelling, "-n", "prod", "--from", CLUSTER, "-o", "json"]);
      expect(r.code, spelling.join(" ")).toBe(0);
      expect(json(r), spelling.join(" ")).toEqual(expected);
    }
    // Explicitly the core group: the deployer rule (apps) no longer matches.
    const core = await palisade(["who-can", "patch", "deployments", "--api-group", "", "-n", "prod", "--from", CLUSTER, "-o", "json"]);
    expect(json(core)).toEqual({ subjects: [{ kind: "User", name: "root-ops", via: [superuser(0)] }] });
  });

  it("prints a readable table by default", async () => {
    const r = await palisade(["who-can", "create", "pods/exec", "-n", "prod", "--from", CLUSTER]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("3 subjects can create pods/exec in namespace prod:");
    expect(r.stdout).toMatch(/^Group\s+deployers\s+RoleBinding prod\/deployers → Role prod\/deployer, rule 1$/m);
    expect(r.stdout).toMatch(/^ServiceAccount\s+prod\s+cd\s+RoleBinding prod\/deployers → Role prod\/deployer, rule 1$/m);
  });

  it("reads manifests from stdin with --from -", async () => {
    const r = await palisade(["who-can", "get", "pods", "-n", "dev", "--from", "-", "-o", "json"], { stdin: readFileSync(path.join(ROOT, CLUSTER, "roles.yaml"), "utf8") + "\n---\n" + readFileSync(path.join(ROOT, CLUSTER, "bindings.yaml"), "utf8") });
    expect(r.code).toBe(0);
    expect((json(r) as { subjects: { name: string }[] }).subjects.map((s) => s.name)).toEqual(["alice", "root-ops", "ci-bot"]);
  });
});

describe("can-i", () => {
  it("says yes (exit 0) and no (exit 1)", async () => {
    const yes = await palisade(["can-i", "get", "pods", "-n", "dev", "--as", "alice", "--from", CLUSTER]);
    expect(yes.code).toBe(0);
    expect(yes.stdout.split("\n")[0]).toBe("yes");
    expect(yes.stdout).toContain("allowed by RoleBinding dev/read-pods → ClusterRole pod-reader, rule 0");
    // Same rule, other namespace; and a cluster-scoped list (all namespaces) is not covered by a RoleBinding.
    for (const args of [["get", "pods", "-n", "prod"], ["list", "pods"]]) {
      const no = await palisade(["can-i", ...args, "--as", "alice", "--from", CLUSTER]);
      expect(no.code, args.join(" ")).toBe(1);
      expect(no.stdout).toBe("no\n");
    }
  });

  it("checks non-resource URLs with --path, and --as-group adds groups", async () => {
    const withGroup = await palisade(["can-i", "get", "--path", "/healthz", "--as", "bob", "--as-group", "monitoring", "--from", CLUSTER, "-o", "json"]);
    expect(withGroup.code).toBe(0);
    expect(json(withGroup)).toEqual({ allowed: true, via: [{ binding: { kind: "ClusterRoleBinding", name: "health" }, role: { kind: "ClusterRole", name: "health-reader" }, ruleIndex: 0 }] });
    // /healthz/* is a prefix rule: /healthz/etcd matches it.
    expect((await palisade(["can-i", "get", "--path", "/healthz/etcd", "--as", "bob", "--as-group", "monitoring", "--from", CLUSTER])).code).toBe(0);
    const without = await palisade(["can-i", "get", "--path", "/healthz", "--as", "bob", "--from", CLUSTER, "-o", "json"]);
    expect(without.code).toBe(1);
    expect(json(without)).toEqual({ allowed: false, via: [] });
  });

  it("gives a service account user its implicit system:serviceaccounts groups", async () => {
    // system:serviceaccount:prod:builder is in system:serviceaccounts:prod → prod-sa-list-secrets (cluster-wide list secrets).
    const prod = await palisade(["can-i", "list", "secrets", "--as", "system:serviceaccount:prod:builder", "--from", CLUSTER, "-o", "json"]);
    expect(prod.code).toBe(0);
    expect(json(prod)).toEqual({ allowed: true, via: [{ binding: { kind: "ClusterRoleBinding", name: "prod-sa-list-secrets" }, role: { kind: "ClusterRole", name: "secret-lister" }, ruleIndex: 0 }] });
    // A dev service account is not in system:serviceaccounts:prod.
    expect((await palisade(["can-i", "list", "secrets", "--as", "system:serviceaccount:dev:ci-bot", "--from", CLUSTER])).code).toBe(1);
    // Every service account is in system:serviceaccounts → all-sa-read-config; a plain user is not.
    expect((await palisade(["can-i", "get", "configmaps", "-n", "dev", "--as", "system:serviceaccount:dev:ci-bot", "--from", CLUSTER])).code).toBe(0);
    expect((await palisade(["can-i", "get", "configmaps", "-n", "dev", "--as", "alice", "--from", CLUSTER])).code).toBe(1);
  });

  it("allows system:masters everything without a binding", async () => {
    const r = await palisade(["can-i", "delete", "nodes", "--as", "someone", "--as-group", "system:masters", "--from", CLUSTER, "-o", "json"]);
    expect(r.code).toBe(0);
    expect(json(r)).toEqual({ allowed: true, via: [], reason: "member of system:masters" });
  });
});

describe("Kubernetes' default ClusterRoles", () => {
  const CHART = `${FIX}/chart-binds-default`;
  // The chart binds cluster-admin (* on * in *) and view without defining them; every cluster has them.
  it("resolves bindings to default roles the manifests do not define", async () => {
    const scan = await palisade(["scan", CHART, "--format", "json"]);
    expect(scan.code).toBe(1);
    expect(scan.stdout).toContain("cluster-admin-equivalent");
    const viewer = await palisade(["can-i", "list", "pods", "--as", "bob", "--as-group", "dash-viewers", "-n", "kube-dash", "--from", CHART]);
    expect(viewer.code).toBe(0);
    expect(viewer.stdout).toMatch(/^yes\n  allowed by RoleBinding kube-dash\/viewers → ClusterRole view/);
    // view never includes secrets.
    const secrets = await palisade(["can-i", "get", "secrets", "--as", "bob", "--as-group", "dash-viewers", "-n", "kube-dash", "--from", CHART]);
    expect(secrets.code).toBe(1);
    expect(secrets.stdout).toMatch(/^no\b/);
  });

  it("leaves them out with --no-default-roles", async () => {
    const r = await palisade(["can-i", "list", "pods", "--as", "bob", "--as-group", "dash-viewers", "-n", "kube-dash", "--from", CHART, "--no-default-roles"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^no\b/);
  });
});

describe("permissions", () => {
  it("groups a service account's grants by scope, cluster-wide first, with provenance", async () => {
    const r = await palisade(["permissions", "serviceaccount:prod:cd", "--from", CLUSTER, "-o", "json"]);
    expect(r.code).toBe(0);
    const rule = (verbs: string[], apiGroups: string[], resources: string[]) => ({ verbs, apiGroups, resources, resourceNames: [], nonResourceURLs: [] });
    const out = json(r) as { subject: unknown; groups: string[]; scopes: { namespace: string | null; rules: unknown[] }[] };
    expect(out.subject).toEqual({ kind: "ServiceAccount", name: "cd", namespace: "prod" });
    expect(out.groups).toEqual(["system:serviceaccounts", "system:serviceaccounts:prod", "system:authenticated"]);
    expect(out.scopes.map((s) => s.namespace)).toEqual([null, "prod"]);
    expect(out.scopes[0]!.rules).toEqual(
      expect.arrayContaining([
        { ...rule(["list"], [""], ["secrets"]), binding: { kind: "ClusterRoleBinding", name: "prod-sa-list-secrets" }, role: { kind: "ClusterRole", name: "secret-lister" }, ruleIndex: 0, via: { kind: "Group", name: "system:serviceaccounts:prod" } },
        { ...rule(["get"], [""], ["configmaps"]), binding: { kind: "ClusterRoleBinding", name: "all-sa-read-config" }, role: { kind: "ClusterRole", name: "config-reader" }, ruleIndex: 0, via: { kind: "Group", name: "system:serviceaccounts" } },
      ]),
    );
    expect(out.scopes[0]!.rules).toHaveLength(2);
    const deployer = { binding: { kind: "RoleBinding", name: "deployers", namespace: "prod" }, role: { kind: "Role", name: "deployer", namespace: "prod" }, via: { kind: "ServiceAccount", name: "cd", namespace: "prod" } };
    expect(out.scopes[1]!.rules).toEqual([
      { ...rule(["create", "update", "patch"], ["apps"], ["deployments"]), ...deployer, ruleIndex: 0 },
      { ...rule(["create"], [""], ["pods/exec"]), ...deployer, ruleIndex: 1 },
    ]);
  });

  it("prints scopes as headed tables", async () => {
    const r = await palisade(["permissions", "user:alice", "--from", CLUSTER]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Effective permissions of User alice");
    expect(r.stdout).not.toContain("Cluster-wide:");
    expect(r.stdout).toMatch(/Namespace dev:\n.*\n\s+get,list,watch\s+""\s+pods\s+-\s+RoleBinding dev\/read-pods → ClusterRole pod-reader, rule 0\n/);
  });

  it("rejects a malformed subject as a usage error", async () => {
    const r = await palisade(["permissions", "alice", "--from", CLUSTER]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      'palisade permissions: invalid subject "alice": expected user:NAME, group:NAME or serviceaccount:NS:NAME',
      "hint: run 'palisade permissions --help' for usage and examples",
    ]);
  });
});

describe("check", () => {
  it("passes when every assertion of every kind holds (exit 0)", async () => {
    const r = await palisade(["check", "--from", CLUSTER, "--assertions", `${FIX}/assertions/passing.yaml`, "-o", "json"]);
    expect(r.code).toBe(0);
    const out = json(r) as { results: { id: string; passed: boolean }[]; passed: number; failed: number };
    expect(out.results.filter((x) => !x.passed)).toEqual([]);
    expect(out).toMatchObject({ passed: 11, failed: 0 });
    const quiet = await palisade(["check", "--from", `${FIX}/quiet`, "--assertions", `${FIX}/assertions/quiet-passing.yaml`]);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toMatch(/^PASS\s+nobody-reads-secrets\s+who can get secrets in namespace shop\? nobody, as expected$/m);
    expect(quiet.stdout.trimEnd().split("\n").at(-1)).toBe("5 passed, 0 failed");
  });

  it("reports each failing assertion with the actual answer (exit 1)", async () => {
    const r = await palisade(["check", "--from", CLUSTER, "--assertions", `${FIX}/assertions/failing.json`, "-o", "json"]);
    expect(r.code).toBe(1);
    expect(json(r)).toEqual({
      results: [
        { id: "still-true", passed: true, actual: true },
        // alice's RoleBinding is in dev only.
        { id: "alice-prod", passed: false, actual: false },
        // system:anonymous is in system:unauthenticated, not in group monitoring; nothing binds /healthz to it here.
        { id: "anonymous-healthz", passed: false, actual: false },
        // root-ops holds * on * cluster-wide.
        { id: "nobody-deletes-namespaces", passed: false, actual: [{ kind: "User", name: "root-ops" }] },
        // Exact set: Group dev-team is missing, root-ops and SA dev/ci-bot are unexpected.
        {
          id: "dev-pod-readers-exact",
          passed: false,
          actual: [
            { kind: "User", name: "alice" },
            { kind: "User", name: "root-ops" },
            { kind: "ServiceAccount", name: "ci-bot", namespace: "dev" },
          ],
        },
      ],
      passed: 1,
      failed: 4,
    });
    const text = await palisade(["check", "--from", CLUSTER, "--assertions", `${FIX}/assertions/failing.json`]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^FAIL\s+dev-pod-readers-exact\s+who can get pods in namespace dev\? missing Group dev-team; unexpected User root-ops, ServiceAccount dev\/ci-bot$/m);
  });

  it("rejects an invalid assertion file naming assertion id, field and position (exit 2)", async () => {
    const r = await palisade(["check", "--from", CLUSTER, "--assertions", `${FIX}/assertions/invalid.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const file = `${FIX}/assertions/invalid.yaml`;
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      `${file}:3:12: assertion "typo": can-i.resource: is required (string)`,
      `${file}:3:37: assertion "typo": can-i.resources: unknown field`,
      `${file}:5:5: assertion "no-expectation": needs expect, expect-none or expect-subset`,
      `${file}:9:14: assertion "sa-without-namespace": expect[0].namespace: is required for a ServiceAccount`,
      `${file}:11:46: assertion "bad-path": can-i-path.path: must be a URL path starting with "/"`,
      `${file}:12:13: assertion "bad-path": expect: expected boolean, received string`,
    ]);
    expectNoStackTrace(r);
  });

  it("reads the assertion file from stdin with --assertions -", async () => {
    const r = await palisade(["check", "--from", CLUSTER, "--assertions", "-", "-o", "json"], { stdin: readFileSync(path.join(ROOT, FIX, "assertions/failing.json"), "utf8") });
    expect(r.code).toBe(1);
    expect(json(r)).toMatchObject({ passed: 1, failed: 4 });
  });

  it("fails on a missing assertion file (exit 2)", async () => {
    const r = await palisade(["check", "--from", CLUSTER, "--assertions", `${FIX}/assertions/nope.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${FIX}/assertions/nope.yaml: cannot read: no such file or directory\n`);
  });
});

describe("input and usage errors", () => {
  it("reports malformed YAML as file:line:col and exits 2 without a stack trace", async () => {
    const commands = [
      ["who-can", "get", "pods", "-n", "dev", "--from"],
      ["can-i", "get", "pods", "--as", "x", "--from"],
      ["permissions", "user:x", "--from"],
      ["check", "--assertions", `${FIX}/assertions/passing.yaml`, "--from"],
      ["scan"],
    ];
    for (const cmd of commands) {
      const r = await palisade([...cmd, `${FIX}/malformed`]);
      expect(r.code, cmd[0]).toBe(2);
      expect(r.stdout, cmd[0]).toBe("");
      // Line 28 of tab-indent.yaml starts with a tab, which YAML forbids as indentation.
      expect(r.stderr, cmd[0]).toContain(`${FIX}/malformed/tab-indent.yaml:28:1: invalid YAML: Tabs are not allowed as indentation`);
      expectNoStackTrace(r);
    }
  });

  it("analyzes what did load with --ignore-errors", async () => {
    const r = await palisade(["who-can", "get", "pods", "-n", "dev", "--from", `${FIX}/malformed`, "--ignore-errors", "-o", "json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("tab-indent.yaml:28:1:");
    expect(json(r)).toEqual({
      subjects: [{ kind: "ServiceAccount", name: "reader", namespace: "dev", via: [{ binding: { kind: "RoleBinding", name: "reader", namespace: "dev" }, role: { kind: "ClusterRole", name: "view-pods" }, ruleIndex: 0 }] }],
    });
  });

  it("reports a missing input path", async () => {
    const r = await palisade(["who-can", "get", "pods", "--from", `${FIX}/does-not-exist.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${FIX}/does-not-exist.yaml: cannot read: no such file or directory\n`);
  });

  it.each([
    [["who-can", "get", "pods"], "palisade who-can: required option '--from <path...>' not specified"],
    [["who-can", "get", "--from", CLUSTER], "palisade who-can: missing RESOURCE (or --path /URL for a non-resource URL)"],
    [["who-can", "get", "pods", "--path", "/x", "--from", CLUSTER], 'palisade who-can: give either RESOURCE ("pods") or --path, not both'],
    [["who-can", "get", "deployments.apps", "--api-group", "batch", "--from", CLUSTER], 'palisade who-can: "deployments.apps" names API group "apps" but --api-group says "batch"'],
    [["can-i", "get", "pods", "--from", CLUSTER], "palisade can-i: required option '--as <user>' not specified"],
    [["can-i", "get", "--path", "/healthz", "-n", "dev", "--as", "x", "--from", CLUSTER], "palisade can-i: --namespace cannot be used with --path: non-resource URLs are not namespaced, named or grouped"],
    [["who-can", "get", "pods", "-o", "yaml", "--from", CLUSTER], "palisade who-can: option '-o, --output <format>' argument 'yaml' is invalid. Allowed choices are text, json."],
    [["scan", CLUSTER, "--fail-on", "severe"], "palisade scan: option '--fail-on <severity>' argument 'severe' is invalid. Allowed choices are critical, high, medium, low, never."],
    [["scan"], "palisade scan: no input: give manifest files or directories (or - for stdin)"],
    [["check", "--from", CLUSTER], "palisade check: required option '--assertions <file>' not specified"],
    [["frobnicate"], "palisade: unknown command 'frobnicate'"],
    [[], "palisade: missing command: scan, who-can, can-i, permissions, paths, check, collect or db"],
  ])("usage error %j → one line + hint, exit 2", async (args, message) => {
    const r = await palisade(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(message);
    expect(lines[1]).toMatch(/^hint: run 'palisade( [a-z-]+)? --help' for usage and examples$/);
  });

  it("has --help with examples for every command (exit 0)", async () => {
    for (const cmd of ["scan", "who-can", "can-i", "permissions", "check"]) {
      const r = await palisade([cmd, "--help"]);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toContain(`Usage: palisade ${cmd}`);
      expect(r.stdout, cmd).toContain("Examples:");
    }
    const top = await palisade(["--help"]);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/scan .*\n.*who-can .*\n.*can-i .*\n.*permissions .*\n.*check /s);
  });
});

describe("scan", () => {
  it("fails (exit 1) on a cluster-admin-equivalent grant to a non-system user, at the default --fail-on high", async () => {
    const r = await palisade(["scan", CLUSTER, "--format", "json"]);
    expect(r.code).toBe(1);
    const report = json(r) as { identities: { id: string; findings: { ruleId: string; severity: string; failing: boolean; location?: { file: string; line?: number } }[] }[]; summary: { failing: number } };
    const rootOps = report.identities.find((i) => i.id === "User:root-ops");
    // ClusterRoleBinding ops-superuser (bindings.yaml, document starting at line 75) binds * on * in * to root-ops.
    expect(rootOps?.findings).toContainEqual(
      expect.objectContaining({ ruleId: "cluster-admin-equivalent", severity: "critical", failing: true, location: { file: `${CLUSTER}/bindings.yaml`, line: 75 } }),
    );
    expect(report.summary.failing).toBeGreaterThan(0);
  });

  it("exits 0 with --fail-on never, and on least-privilege manifests", async () => {
    expect((await palisade(["scan", CLUSTER, "--fail-on", "never"])).code).toBe(0);
    // quiet: one service account may get one named ConfigMap in its namespace — nothing high or critical.
    const quiet = await palisade(["scan", `${FIX}/quiet`]);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toMatch(/PASS: no findings at or above high\.\n$/);
  });

  it("never fails on Kubernetes' own default policy, even with --include-builtin --fail-on low", async () => {
    // The current bootstrap policy only (historic-v1.6.0/ would replace it with older, no longer default objects).
    const bootstrap = ["cluster-roles", "cluster-role-bindings", "controller-roles", "controller-role-bindings", "namespace-roles", "namespace-role-bindings"].map(
      (f) => `test/fixtures/real/kubernetes-bootstrap/${f}.yaml`,
    );
    const hidden = await palisade(["scan", ...bootstrap, "--format", "json", "--fail-on", "low"]);
    expect(hidden.code).toBe(0);
    expect((json(hidden) as { summary: { findings: number } }).summary.findings).toBe(0);
    const shown = await palisade(["scan", ...bootstrap, "--include-builtin", "--format", "json", "--fail-on", "low"]);
    expect(shown.code).toBe(0);
    const report = json(shown) as { identities: { findings: { byDesign: boolean; severity: string }[] }[]; summary: { findings: number; failing: number } };
    const findings = report.identities.flatMap((i) => i.findings);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.byDesign && f.severity === "info")).toBe(true);
    expect(report.summary.failing).toBe(0);
  });

  it("prints findings grouped per identity with severity words and a summary", async () => {
    const r = await palisade(["scan", CLUSTER]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^User root-ops — risk \d+\/100 \(critical\)$/m);
    expect(r.stdout).toMatch(/^ {2}CRITICAL\s+cluster-admin-equivalent\s+cluster-wide\s+test\/cli\/fixtures\/cluster\/bindings\.yaml:75$/m);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toMatch(/^\d+ findings \(.*\d+ critical.*\)(: \d+)? on \d+ identities(, \d+ about cluster objects)?; scanned 3 files, \d+ objects\. FAIL: \d+ findings? at or above high\.$/);
  });

  it("writes SARIF that GitHub code scanning accepts", async () => {
    const r = await palisade(["scan", CLUSTER, "--format", "sarif"]);
    expect(r.code).toBe(1);
    const parsed = githubSarif.safeParse(json(r));
    expect(parsed.error?.issues ?? []).toEqual([]);
    const run = parsed.data!.runs[0]!;
    const ids = new Set(run.tool.driver.rules.map((x) => x.id));
    expect(run.results.length).toBeGreaterThan(0);
    for (const res of run.results) expect(ids.has(res.ruleId)).toBe(true);
    const admin = run.results.find((x) => x.ruleId === "cluster-admin-equivalent" && x.message.text.includes("root-ops"));
    expect(admin).toMatchObject({ level: "error", locations: [{ physicalLocation: { artifactLocation: { uri: `${CLUSTER}/bindings.yaml` }, region: { startLine: 75 } } }] });
    const adminRule = run.tool.driver.rules.find((x) => x.id === "cluster-admin-equivalent")!;
    expect(adminRule.properties?.["security-severity"]).toBe("9.5");
    expect(adminRule.helpUri).toMatch(/^https:\/\//);
    for (const rule of run.tool.driver.rules) expect(rule.properties?.tags).toContain("security");
  });

  it("writes one CSV row per finding", async () => {
    const [csv, js] = await Promise.all([palisade(["scan", CLUSTER, "--format", "csv"]), palisade(["scan", CLUSTER, "--format", "json"])]);
    expect(csv.code).toBe(1);
    const lines = csv.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("identity,identity_kind,identity_namespace,identity_name,rule_id,rule_title,severity,by_design,failing,scope,object,message,evidence,file,line");
    expect(lines.length - 1).toBe((json(js) as { summary: { findings: number } }).summary.findings);
    expect(lines.some((l) => l.startsWith("User:root-ops,User,,root-ops,cluster-admin-equivalent,"))).toBe(true);
  });
});
