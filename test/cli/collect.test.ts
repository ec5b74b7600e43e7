/**
 * `palisade collect` and `palisade db` end to end: each test spawns `node bin/palisade.mjs` with DATABASE_URL pointing
 * at this file's database (on the embedded PostgreSQL of the test run) and, for live collections, a kubeconfig for the
 * fake Kubernetes API server running in this process. Expected values come from the hand-written inputs:
 * test/cli/fixtures/cluster (2 namespaces, 3 service accounts, 1 Role, 5 ClusterRoles, 2 RoleBindings,
 * 4 ClusterRoleBindings; User root-ops is bound to a `* * *` ClusterRole cluster-wide) and test/pipeline/fixtures.ts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { findRunningPostmaster, freePort } from "@/lib/db";
import { closeStore, getClusterByName, getSnapshot, listSnapshots } from "@/lib/store";
import { startFakeKubeApi, type FakeKubeApi } from "@/test/support/fake-kube-api";
import { createTestDatabase, testDataDir, type TestDatabase } from "@/test/support/postgres";
import { handWrittenCluster } from "../pipeline/fixtures";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "bin/palisade.mjs");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let db: TestDatabase;
const fakes: FakeKubeApi[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
});

afterAll(async () => {
  await closeStore();
  await Promise.all(fakes.map((f) => f.close()));
  await db?.drop();
});

function start(args: string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<Run>; stderrSoFar(): string } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: db.url, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  child.stdin!.end("");
  const done = new Promise<Run>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done, stderrSoFar: () => stderr };
}

const palisade = (args: string[], env: Record<string, string> = {}): Promise<Run> => start(args, env).done;

async function until(what: string, cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function expectNoStackTrace(r: Run): void {
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/\b(TypeError|ReferenceError|SyntaxError|Error):/);
  expect(r.stderr).not.toMatch(/internal error/);
}

async function fake(opts: Parameters<typeof startFakeKubeApi>[0] = {}): Promise<FakeKubeApi> {
  const f = await startFakeKubeApi({ objects: handWrittenCluster(), ...opts });
  fakes.push(f);
  return f;
}

/** The documented `collect --output json` schema (README.md, CLI reference, "collect --output json"). */
const severityCounts = z.strictObject({ critical: z.number().int(), high: z.number().int(), medium: z.number().int(), low: z.number().int(), info: z.number().int() });
const collectJson = z.strictObject({
  schemaVersion: z.literal(1),
  cluster: z.string().min(1),
  snapshotId: z.number().int().positive(),
  source: z.enum(["live", "in-cluster", "files"]),
  sourceDetail: z.string(),
  context: z.string().nullable(),
  server: z.string().nullable(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  perKind: z.record(z.string(), z.strictObject({ objects: z.number().int().nonnegative(), pages: z.number().int().nonnegative().nullable() })),
  objects: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative().nullable(),
  coverageGaps: z.array(z.strictObject({ resource: z.string(), namespace: z.string().optional(), reason: z.string() })),
  warnings: z.array(z.string()),
  inputErrors: z.array(z.string()),
  defaultRolesAdded: z.array(z.string()),
  identities: z.strictObject({
    total: z.number().int(),
    users: z.number().int(),
    groups: z.number().int(),
    serviceAccounts: z.number().int(),
    overPermissive: z.number().int(),
  }),
  grants: z.number().int().nonnegative(),
  findings: z.strictObject({
    total: z.number().int(),
    byDesign: z.number().int(),
    bySeverity: severityCounts,
    byRule: z.array(z.strictObject({ ruleId: z.string(), title: z.string(), severity: z.enum(["critical", "high", "medium", "low", "info"]), count: z.number().int().positive() })),
  }),
  riskiestIdentities: z.array(
    z.strictObject({ id: z.string(), score: z.number().int(), level: z.enum(["critical", "high", "medium", "low", "info", "none"]), overPermissive: z.boolean() }),
  ),
  attackPaths: z.strictObject({
    k: z.number().int().nonnegative(),
    crownJewels: z.number().int().nonnegative(),
    reachedCrownJewels: z.number().int().nonnegative(),
    identitiesWithPaths: z.number().int().nonnegative(),
    paths: z.number().int().nonnegative(),
    graphNodes: z.number().int().nonnegative(),
    graphEdges: z.number().int().nonnegative(),
    selectors: z.number().int().nonnegative(),
    warnings: z.array(z.string()),
  }),
  durationsMs: z.strictObject({
    network: z.number().nonnegative(),
    parse: z.number().nonnegative(),
    analyze: z.number().nonnegative(),
    rules: z.number().nonnegative(),
    graph: z.number().nonnegative(),
    persist: z.number().nonnegative(),
    total: z.number().nonnegative(),
  }),
});

describe("palisade collect --from", () => {
  it("--output json prints the documented summary of the stored snapshot", async () => {
    const r = await palisade(["collect", "--from", "test/cli/fixtures/cluster", "--cluster-name", "fx", "--no-default-roles", "--output", "json"]);
    expect(r.code).toBe(0);
    expectNoStackTrace(r);
    const s = collectJson.parse(JSON.parse(r.stdout));
    expect(s).toMatchObject({ cluster: "fx", source: "files", sourceDetail: "test/cli/fixtures/cluster", context: null, server: null, pages: null });
    expect(s.perKind).toMatchObject({
      namespaces: { objects: 2, pages: null },
      serviceaccounts: { objects: 3, pages: null },
      roles: { objects: 1, pages: null },
      clusterroles: { objects: 5, pages: null },
      rolebindings: { objects: 2, pages: null },
      clusterrolebindings: { objects: 4, pages: null },
    });
    expect(s.objects).toBe(17);
    expect(s.defaultRolesAdded).toEqual([]);
    expect(s.durationsMs.network).toBe(0);
    // root-ops holds `*` on `*` in `*` cluster-wide through ClusterRoleBinding ops-superuser.
    expect(s.findings.byRule).toContainEqual(expect.objectContaining({ ruleId: "cluster-admin-equivalent", severity: "critical" }));
    expect(s.riskiestIdentities.map((i) => i.id)).toContain("User:root-ops");
    // root-ops' `*` on `*` cluster-wide is the built-in cluster-admin crown jewel: reached, by a stored path.
    expect(s.attackPaths).toMatchObject({ k: 2, selectors: 0 });
    expect(s.attackPaths.reachedCrownJewels).toBeGreaterThanOrEqual(1);
    expect(s.attackPaths.paths).toBeGreaterThanOrEqual(1);

    const snap = await getSnapshot(s.snapshotId);
    expect(snap).toMatchObject({ status: "complete", clusterName: "fx", counts: expect.objectContaining({ namespaces: 2, findings: s.findings.total }) });
  });

  it("refuses input errors (file:line:col, exit 2) and stores nothing", async () => {
    const r = await palisade(["collect", "--from", "test/cli/fixtures/malformed", "--cluster-name", "never-stored"]);
    expect(r.code).toBe(2);
    expectNoStackTrace(r);
    expect(r.stderr).toMatch(/^test\/cli\/fixtures\/malformed\/tab-indent\.yaml:\d+:\d+: /m);
    expect(r.stderr).toContain("palisade collect: nothing was stored because of the input errors above");
    expect(await getClusterByName("never-stored")).toBeNull();
  });

  it("usage errors are one line plus a hint", async () => {
    for (const [args, message] of [
      [["collect", "--context", "a", "--from", "x"], "palisade collect: --context and --from cannot be combined: choose one source"],
      [["collect", "--all-contexts", "--cluster-name", "x"], "palisade collect: --cluster-name cannot be used with --all-contexts (each context is stored under its own name)"],
      [["collect", "--from", "-"], "palisade collect: a collection read from stdin needs --cluster-name"],
      [["collect", "--in-cluster", "--kubeconfig", "k"], "palisade collect: --kubeconfig does not apply to --in-cluster"],
    ] as const) {
      const r = await palisade([...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(`${message}\nhint: run 'palisade collect --help' for usage and examples\n`);
    }
  });
});

describe("palisade collect (live)", () => {
  it("text output: progress on stderr, a summary with the coverage gap and where to look next on stdout", async () => {
    const f = await fake({ contextName: "kind-dev", faults: { forbidden: [{ resource: "networkpolicies" }] } });
    const r = await palisade(["collect", "--kubeconfig", f.kubeconfigPath], { PORT: "3123" });
    expect(r.code).toBe(0);
    expectNoStackTrace(r);
    expect(r.stderr).toContain(`Collecting from context "kind-dev" (${f.url})`);
    expect(r.stderr).toContain("coverage gap: cannot list networkpolicies: forbidden");
    const id = /^Stored cluster "kind-dev" as snapshot #(\d+) from context kind-dev \(/m.exec(r.stdout)?.[1];
    expect(id).toBeDefined();
    expect(r.stdout).toContain("  coverage    1 gap (results are partial):\n                cannot list networkpolicies: forbidden\n");
    expect(r.stdout).toMatch(/^ {2}objects {5}16 in \d+ pages \(namespaces 4, serviceaccounts 3, clusterroles 2, clusterrolebindings 1, roles 1, rolebindings 2, pods 2, secrets 1\)$/m);
    expect(r.stdout).toContain("open http://localhost:3123/ in a browser");
    expect(r.stdout).toContain("palisade db status");
    expect(r.stdout).toContain(`palisade collect --context kind-dev --kubeconfig ${f.kubeconfigPath}`);
    const snap = await getSnapshot(Number(id));
    expect(snap).toMatchObject({ status: "complete", source: "live", coverageGaps: [{ resource: "networkpolicies", reason: "cannot list networkpolicies: forbidden" }] });
  });

  it("a rejected token: one sentence, exit 2, the snapshot failed and the previous one still current", async () => {
    const f = await fake({ contextName: "revoked" });
    expect((await palisade(["collect", "--kubeconfig", f.kubeconfigPath])).code).toBe(0);
    const before = await getClusterByName("revoked");
    f.setFaults({ unauthorized: true });
    const r = await palisade(["collect", "--kubeconfig", f.kubeconfigPath]);
    expect(r.code).toBe(2);
    expectNoStackTrace(r);
    const last = r.stderr.trimEnd().split("\n").at(-1)!;
    expect(last).toMatch(/^palisade collect: .*context "revoked".*\.$/);
    expect(last).toMatch(/401|rejected|credentials/i);
    const after = await getClusterByName("revoked");
    expect(after!.currentSnapshotId).toBe(before!.currentSnapshotId);
    expect((await listSnapshots(after!.id)).map((s) => s.status)).toEqual(["failed", "complete"]);
  });

  it("a second concurrent collection of the same cluster is refused with the store's message (exit 2)", async () => {
    // 1.5 s per request keeps the first collection busy (≥ 5 rounds of 4 lists) well past the second process's start-up.
    const f = await fake({ contextName: "busy", faults: { latencyMs: 1500 } });
    const first = start(["collect", "--kubeconfig", f.kubeconfigPath]);
    await until("the first collection to begin its snapshot", () => /Snapshot #\d+ of cluster "busy" started/.test(first.stderrSoFar()));
    const second = await palisade(["collect", "--kubeconfig", f.kubeconfigPath]);
    expect(second.code).toBe(2);
    expectNoStackTrace(second);
    expect(second.stderr).toMatch(/^palisade collect: a collection of cluster busy is already running \(started \S+, snapshot #\d+\); wait for it to finish\n$/m);
    const done = await first.done;
    expect(done.code).toBe(0);
    const cluster = await getClusterByName("busy");
    expect((await listSnapshots(cluster!.id)).map((s) => s.status)).toEqual(["complete"]);
  });

  it("Ctrl-C (SIGINT) cancels: exit 130, the snapshot failed, the previous one still current", async () => {
    const f = await fake({ contextName: "interrupted" });
    expect((await palisade(["collect", "--kubeconfig", f.kubeconfigPath])).code).toBe(0);
    const before = await getClusterByName("interrupted");
    f.setFaults({ latencyMs: 300 });
    const run = start(["collect", "--kubeconfig", f.kubeconfigPath]);
    await until("the collection to start listing", () => run.stderrSoFar().includes("Collecting from context"));
    run.child.kill("SIGINT");
    const r = await run.done;
    expect(r.code).toBe(130);
    expectNoStackTrace(r);
    expect(r.stderr).toContain("palisade collect: SIGINT received, cancelling");
    expect(r.stderr).toMatch(/palisade collect: collection of cluster interrupted was cancelled \(SIGINT received\); the previous snapshot stays current\n$/);
    const after = await getClusterByName("interrupted");
    expect(after!.currentSnapshotId).toBe(before!.currentSnapshotId);
    const snaps = await listSnapshots(after!.id);
    expect(snaps.map((s) => s.status)).toEqual(["failed", "complete"]);
  });

  it("with the embedded database, Ctrl-C still marks the snapshot failed before the database stops", async () => {
    // No DATABASE_URL: the command runs its own embedded PostgreSQL (in a data directory of its own here).
    const dataDir = await testDataDir("pg-collect-sigint");
    rmSync(dataDir, { recursive: true, force: true });
    const env = { DATABASE_URL: "", EMBEDDED_PG_DIR: dataDir };
    try {
      const f = await fake({ contextName: "embedded-sig" });
      expect((await palisade(["collect", "--kubeconfig", f.kubeconfigPath], env)).code).toBe(0);
      expect(await findRunningPostmaster(dataDir)).toBeUndefined();
      f.setFaults({ latencyMs: 300 });
      const run = start(["collect", "--kubeconfig", f.kubeconfigPath], env);
      await until("the collection to start listing", () => run.stderrSoFar().includes("Collecting from context"));
      run.child.kill("SIGINT");
      const r = await run.done;
      expect(r.code).toBe(130);
      expectNoStackTrace(r);
      // The server this command started is stopped again …
      expect(await findRunningPostmaster(dataDir)).toBeUndefined();
      // … and the cancelled snapshot was marked failed (not left `collecting`) while it was still up.
      const status = await palisade(["db", "status", "--output", "json"], env);
      const j = JSON.parse(status.stdout) as { clusters: { name: string; current: { id: number } | null; latest: { id: number; status: string; error: string | null } | null }[] };
      const c = j.clusters.find((x) => x.name === "embedded-sig")!;
      expect(c.latest).toMatchObject({ status: "failed", error: "collection of cluster embedded-sig was cancelled (SIGINT received); the previous snapshot stays current" });
      expect(c.current!.id).toBeLessThan(c.latest!.id);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("--all-contexts: every context its own cluster, a dead one reported and exit 2, JSON lists each", async () => {
    const dead = await freePort();
    const f = await fake({ contextName: "east", extraContexts: [{ name: "gone", server: `http://127.0.0.1:${dead}` }, { name: "west" }] });
    const r = await palisade(["collect", "--all-contexts", "--kubeconfig", f.kubeconfigPath, "--output", "json"]);
    expect(r.code).toBe(2);
    expectNoStackTrace(r);
    const out = z
      .strictObject({
        schemaVersion: z.literal(1),
        contexts: z.array(
          z.union([
            z.strictObject({ context: z.string(), ok: z.literal(true), summary: collectJson }),
            z.strictObject({ context: z.string(), ok: z.literal(false), error: z.string() }),
          ]),
        ),
      })
      .parse(JSON.parse(r.stdout));
    expect(out.contexts.map((c) => [c.context, c.ok])).toEqual([
      ["east", true],
      ["gone", false],
      ["west", true],
    ]);
    const gone = out.contexts[1]!;
    expect(!gone.ok && gone.error).toMatch(/context "gone"/);
    expect(r.stderr).toMatch(/^palisade collect: context gone: .+$/m);
    for (const name of ["east", "west"]) expect((await getClusterByName(name))?.currentSnapshotId).not.toBeNull();
  });
});

describe("palisade db", () => {
  it("db migrate applies every migration once; running it again applies none", async () => {
    const fresh = await createTestDatabase({ migrate: false });
    try {
      const names = readdirSync(path.join(ROOT, "prisma", "migrations"), { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
      const first = await palisade(["db", "migrate"], { DATABASE_URL: fresh.url });
      expect(first.code).toBe(0);
      expectNoStackTrace(first);
      const redacted = new URL(fresh.url);
      redacted.password = "***";
      expect(first.stdout).toBe(`Database: ${redacted.toString()} (DATABASE_URL)\nApplied ${names.length} migrations:\n${names.map((n) => `  ${n}\n`).join("")}`);

      const second = await palisade(["db", "migrate"], { DATABASE_URL: fresh.url });
      expect(second.code).toBe(0);
      expect(second.stdout).toBe(`Database: ${redacted.toString()} (DATABASE_URL)\nSchema up to date: ${names.length} migrations applied before, none pending.\n`);

      const client = new pg.Client({ connectionString: fresh.url });
      await client.connect();
      const rows = await client.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`);
      await client.end();
      expect(rows.rows.map((r) => r.migration_name)).toEqual(names);
    } finally {
      await fresh.drop();
    }
  });

  it("db status names the database without its password and lists clusters with their snapshots", async () => {
    expect((await palisade(["collect", "--from", "test/cli/fixtures/cluster", "--cluster-name", "status-check"])).code).toBe(0);
    const password = decodeURIComponent(new URL(db.url).password);
    const r = await palisade(["db", "status"]);
    expect(r.code).toBe(0);
    expectNoStackTrace(r);
    expect(password.length).toBeGreaterThan(0);
    expect(r.stdout).not.toContain(password);
    expect(r.stdout).toMatch(/^Database: postgresql:\/\/[^:]+:\*\*\*@127\.0\.0\.1:\d+\/test_\S+ \(DATABASE_URL\)$/m);
    expect(r.stdout).toMatch(/^Schema: {3}\d+ migrations applied, up to date$/m);
    expect(r.stdout).toMatch(/^ {2}status-check +current #\d+ complete .+, files: test\/cli\/fixtures\/cluster, \d+ identities, \d+ findings; 1 snapshot stored$/m);

    const j = JSON.parse((await palisade(["db", "status", "--output", "json"])).stdout) as {
      database: { kind: string; location: string };
      clusters: { name: string; snapshots: number; current: { status: string } | null }[];
    };
    expect(j.database.kind).toBe("external");
    expect(j.database.location).not.toContain(password);
    expect(j.clusters.find((c) => c.name === "status-check")).toMatchObject({ snapshots: 1, current: { status: "complete" } });
  });

  it("an unreachable DATABASE_URL is one sentence naming it (password removed), exit 2", async () => {
    const port = await freePort();
    const r = await palisade(["db", "status"], { DATABASE_URL: `postgresql://palisade:s3cret-pw@127.0.0.1:${port}/palisade` });
    expect(r.code).toBe(2);
    expectNoStackTrace(r);
    expect(r.stderr).toBe(`palisade db status: cannot connect to the database at postgresql://palisade:***@127.0.0.1:${port}/palisade (DATABASE_URL): connect ECONNREFUSED 127.0.0.1:${port}\n`);
  });
});
