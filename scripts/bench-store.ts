/**
 * Store benchmark:  npm run bench:store [-- --size large|medium|small] [-- --json] [-- --check]
 *
 * Builds a real snapshot from the generated cluster (scripts/generate-cluster.ts; `large` = 20,000 service accounts,
 * 50,000 RoleBindings, 100,000 pods plus their controllers) through the real pipeline (loadInventory → analyze →
 * runRules → scoreIdentities — not timed), then times on the embedded PostgreSQL (its own data dir, .data/pg-bench,
 * a fresh database each run, dropped afterwards):
 *  - saveSnapshot, per table (via onProgress) and in total; the target is "well under 30 s" for `large`;
 *  - the UI's read paths on that snapshot: list pages with each filter, drill-downs, findings, summary (cold and warm).
 * `--check` exits 1 when saving takes 30 s or more.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { loadInventory } from "@/lib/collect/files";
import { projectRoot, reachableByServer, startEmbeddedPostgres } from "@/lib/db";
import { analyze } from "@/lib/rbac";
import { runRules, scoreIdentities } from "@/lib/rules";
import { closeStore, getIdentity, listFindings, listIdentities, saveSnapshot, snapshotSummary } from "@/lib/store";
import { isGenerated, type ClusterSize } from "./generate-cluster";

const SAVE_TARGET_MS = 30_000;

async function main(argv: string[]): Promise<number> {
  const size = (argv[argv.indexOf("--size") + 1] ?? "large") as ClusterSize;
  const sizeArg = argv.includes("--size") ? size : "large";
  const json = argv.includes("--json");
  const check = argv.includes("--check");
  const root = projectRoot();
  const dir = path.join(root, "bench-out", sizeArg);
  const log = (m: string) => {
    if (!json) process.stdout.write(`${m}\n`);
  };

  if (!isGenerated(dir, sizeArg, 42)) {
    log(`generating ${dir} …`);
    const res = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts", "generate-cluster.ts"), "--size", sizeArg, "--seed", "42", "--out", dir, "--force"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (res.status !== 0) throw new Error(`generating ${dir} failed`);
  }

  let t = performance.now();
  const loaded = await loadInventory([dir]);
  const inventory = loaded.inventory;
  const analysis = analyze(inventory);
  const findings = runRules(analysis);
  const risks = scoreIdentities(analysis, findings);
  const grants = [...analysis.grantsByIdentity.values()].reduce((n, g) => n + g.length, 0);
  log(`pipeline (not timed below): ${ms(performance.now() - t)}`);

  const server = await startEmbeddedPostgres({ dataDir: reachableByServer(path.join(root, ".data", "pg-bench")), database: "postgres" });
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query("DROP DATABASE IF EXISTS bench_store WITH (FORCE)");
  await admin.query("CREATE DATABASE bench_store");
  await admin.end();
  const url = new URL(server.adminUrl);
  url.pathname = "/bench_store";
  process.env.DATABASE_URL = url.toString();

  try {
    const stages: Record<string, number> = {};
    let stage: string | undefined;
    let stageStart = 0;
    t = performance.now();
    const { snapshotId } = await saveSnapshot({
      clusterName: `bench-${sizeArg}`,
      source: "files",
      sourceDetail: dir,
      inventory,
      analysis,
      findings,
      risks,
      onProgress: (next) => {
        const now = performance.now();
        if (stage) stages[stage] = now - stageStart;
        stage = next;
        stageStart = now;
      },
    });
    if (stage) stages[stage] = performance.now() - stageStart;
    const saveMs = performance.now() - t;

    const sample = analysis.identities.find((i) => i.kind === "ServiceAccount" && i.exists && (analysis.grantsByIdentity.get(i.id)?.length ?? 0) > 3) ?? analysis.identities[0]!;
    const top = (await listIdentities(snapshotId, { pageSize: 1 })).rows[0]!;
    const someRule = findings.find((f) => f.identityId)?.ruleId ?? "none";
    const someNamespace = inventory.namespaces[Math.floor(inventory.namespaces.length / 2)]?.name ?? "default";
    const reads: { name: string; coldMs: number; warmMs: number; result: string }[] = [];
    const read = async (name: string, fn: () => Promise<string>) => {
      let s = performance.now();
      const result = await fn();
      const coldMs = performance.now() - s;
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        s = performance.now();
        await fn();
        runs.push(performance.now() - s);
      }
      runs.sort((a, b) => a - b);
      reads.push({ name, coldMs, warmMs: runs[2]!, result });
    };
    await read("listIdentities (page 1, by score)", async () => `${(await listIdentities(snapshotId)).total} total`);
    await read("listIdentities page 200 (pageSize 50)", async () => `${(await listIdentities(snapshotId, { page: 200 })).rows.length} rows`);
    await read("listIdentities kind=ServiceAccount", async () => `${(await listIdentities(snapshotId, { kind: "ServiceAccount" })).total} total`);
    await read(`listIdentities namespace=${someNamespace}`, async () => `${(await listIdentities(snapshotId, { namespace: someNamespace })).total} total`);
    await read("listIdentities level=critical|high", async () => `${(await listIdentities(snapshotId, { level: ["critical", "high"] })).total} total`);
    await read(`listIdentities ruleId=${someRule}`, async () => `${(await listIdentities(snapshotId, { ruleId: someRule })).total} total`);
    await read("listIdentities builtIn=false, q=\"app\"", async () => `${(await listIdentities(snapshotId, { builtIn: false, q: "app" })).total} total`);
    await read(`getIdentity ${top.id}`, async () => {
      const d = await getIdentity(snapshotId, top.id);
      return `${d!.grants.length} grants, ${d!.findings.length} findings, ${d!.bindings.length} bindings`;
    });
    await read(`getIdentity ${sample.id}`, async () => {
      const d = await getIdentity(snapshotId, sample.id);
      return `${d!.grants.length} grants, ${d!.findings.length} findings, ${d!.workloadTotal} workloads`;
    });
    await read("listFindings (page 1)", async () => `${(await listFindings(snapshotId)).total} total`);
    await read("listFindings severity=critical", async () => `${(await listFindings(snapshotId, { severity: "critical" })).total} total`);
    await read("snapshotSummary", async () => `${(await snapshotSummary(snapshotId))!.findingsByRule.length} rules`);

    const sizeAdmin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await sizeAdmin.connect();
    const dbBytes = Number((await sizeAdmin.query<{ n: string }>("SELECT pg_database_size(current_database()) AS n")).rows[0]!.n);
    await sizeAdmin.end();
    const result = {
      size: sizeArg,
      databaseMiB: Math.round(dbBytes / 1024 / 1024),
      rows: {
        identities: analysis.identities.length,
        grants,
        roles: inventory.roles.length + inventory.clusterRoles.length,
        bindings: inventory.roleBindings.length + inventory.clusterRoleBindings.length,
        workloads: inventory.workloads.length,
        secrets: inventory.secrets.length,
        findings: findings.length,
      },
      saveMs,
      stages,
      reads,
    };
    if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      log(`rows: ${Object.entries(result.rows).map(([k, v]) => `${v} ${k}`).join(", ")}`);
      log(`saveSnapshot: ${ms(saveMs)} (target < ${ms(SAVE_TARGET_MS)}); database size ${result.databaseMiB} MiB`);
      for (const [k, v] of Object.entries(stages)) log(`  ${k.padEnd(12)} ${ms(v)}`);
      log("reads (cold / warm median of 5):");
      for (const r of reads) log(`  ${r.name.padEnd(52)} ${ms(r.coldMs).padStart(9)} / ${ms(r.warmMs).padStart(9)}  ${r.result}`);
    }
    return check && saveMs >= SAVE_TARGET_MS ? 1 : 0;
  } finally {
    await closeStore();
    // Free the disk (a large snapshot is ~330 MiB); the server's data directory stays for the next run.
    const cleanup = new pg.Client({ connectionString: server.adminUrl });
    await cleanup.connect();
    await cleanup.query("DROP DATABASE IF EXISTS bench_store WITH (FORCE)");
    await cleanup.end();
    await server.stop();
  }
}

function ms(v: number): string {
  return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
