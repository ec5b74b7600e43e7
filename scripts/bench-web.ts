/**
 * Web benchmark:  npm run bench:web [-- --size large|medium|small] [-- --requests 50] [-- --reload] [-- --build] [-- --json] [-- --check]
 *
 * 1. Makes sure bench-out/<size> holds the generated cluster (scripts/generate-cluster.ts; `large` = 20,000 service
 *    accounts, 50,000 RoleBindings, 1,000 namespaces) and loads it through the real pipeline (loadInventory → analyze →
 *    runRules → scoreIdentities → saveSnapshot) into its own embedded PostgreSQL (.data/pg-bench-web, database
 *    bench_web). The loaded snapshot is kept for the next run; `--reload` loads it again.
 * 2. `next build` when the build is missing (or with `--build`), then `next start` on a free port against that
 *    database, with a bench admin account.
 * 3. Signs in through /login in Chromium and measures, over HTTP with the session cookie, the server response time
 *    (request sent → whole HTML received) of the dashboard, an identities page and an identity drill-down: p50/p95/max
 *    over `--requests` (default 50) requests each after 3 warm-up requests. Target: p95 < 300 ms.
 * 4. Opens the graph page for one identity's neighbourhood in Chromium and measures navigation start → graph laid out
 *    and interactive (the page's `palisade-graph-ready` mark): median and max of 7 loads. Target < 1 s.
 * Also reported, not targeted: who-can on the stored snapshot, cold (rebuilds and analyzes the inventory) and warm.
 * `--check` exits 1 when a target is missed.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { chromium } from "@playwright/test";
import pg from "pg";
import { loadInventory } from "@/lib/collect/files";
import { freePort, projectRoot, reachableByServer, startEmbeddedPostgres } from "@/lib/db";
import { analyze } from "@/lib/rbac";
import { runRules, scoreIdentities } from "@/lib/rules";
import { closeStore, listClusters, listIdentities, saveSnapshot } from "@/lib/store";
import { buildReason } from "./demo";
import { isGenerated, type ClusterSize } from "./generate-cluster";

const TARGETS = { pageP95Ms: 300, graphInteractiveMs: 1000 };
const ADMIN = { email: "bench@palisade.local", password: "bench-web-admin-password" };
const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM ?? "/usr/bin/chromium";

interface Timing {
  name: string;
  path: string;
  p50: number;
  p95: number;
  max: number;
  bytes: number;
}

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(argv: string[]): Promise<number> {
  const size = (arg(argv, "--size") ?? "large") as ClusterSize;
  const requests = Number(arg(argv, "--requests") ?? 50);
  const json = argv.includes("--json");
  const log = (m: string) => {
    if (!json) process.stdout.write(`${m}\n`);
  };
  const root = projectRoot();
  const dir = path.join(root, "bench-out", size);
  const clusterName = `bench-${size}`;

  if (!isGenerated(dir, size, 42)) {
    log(`generating ${dir} …`);
    const res = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts", "generate-cluster.ts"), "--size", size, "--seed", "42", "--out", dir, "--force"], { stdio: ["ignore", "ignore", "inherit"] });
    if (res.status !== 0) throw new Error(`generating ${dir} failed`);
  }

  const server = await startEmbeddedPostgres({ dataDir: reachableByServer(path.join(root, ".data", "pg-bench-web")), database: "postgres" });
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  if (argv.includes("--reload")) await admin.query("DROP DATABASE IF EXISTS bench_web WITH (FORCE)");
  if (!(await admin.query("SELECT 1 FROM pg_database WHERE datname = 'bench_web'")).rowCount) await admin.query("CREATE DATABASE bench_web");
  await admin.end();
  const url = new URL(server.adminUrl);
  url.pathname = "/bench_web";
  process.env.DATABASE_URL = url.toString();

  let next: ChildProcess | undefined;
  try {
    // 1. The snapshot.
    let cluster = (await listClusters()).find((c) => c.name === clusterName);
    if (!cluster?.current) {
      log(`loading ${dir} through the pipeline (parse → analyze → rules → score → save) …`);
      const t = performance.now();
      const { inventory } = await loadInventory([dir]);
      const analysis = analyze(inventory);
      const findings = runRules(analysis);
      const risks = scoreIdentities(analysis, findings);
      await saveSnapshot({ clusterName, source: "files", sourceDetail: dir, inventory, analysis, findings, risks });
      log(`  loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      cluster = (await listClusters()).find((c) => c.name === clusterName);
    } else log(`reusing snapshot #${cluster.current.id} of ${clusterName} (--reload to load it again)`);
    const snapshot = cluster!.current!;
    const counts = snapshot.counts;
    const sa = (await listIdentities(snapshot.id, { kind: "ServiceAccount", builtIn: false, sort: "score", pageSize: 1 })).rows[0]!;
    const typical = (await listIdentities(snapshot.id, { kind: "ServiceAccount", builtIn: false, sort: "grants", page: 200, pageSize: 50 })).rows[0] ?? sa;
    await closeStore();

    // 2. The server.
    // Rebuild only when asked or when the build is missing: other work in the checkout keeps sources "newer".
    const stale = buildReason(root);
    const reason = argv.includes("--build") ? "--build given" : stale?.startsWith("no production build") ? stale : undefined;
    if (stale && !reason) log(`note: using the existing build although ${stale} (--build to rebuild)`);
    if (reason) {
      log(`next build (${reason}) …`);
      const b = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], { cwd: root, stdio: json ? "ignore" : "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
      if (b.status !== 0) throw new Error("next build failed");
    }
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    next = spawn(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: root,
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PALISADE_ADMIN_EMAIL: ADMIN.email, PALISADE_ADMIN_PASSWORD: ADMIN.password },
    });
    let serverErr = "";
    next.stderr?.on("data", (d: Buffer) => (serverErr += d.toString()));
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/login`)).ok) break;
      } catch {
        // not up yet
      }
      if (i > 600) throw new Error(`next start did not answer within 60 s\n${serverErr}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    // 3. Sign in, then time the pages.
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${base}/login`);
      await page.getByLabel("Email").fill(ADMIN.email);
      await page.getByLabel("Password").fill(ADMIN.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 60_000 });
      const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

      const time = async (name: string, p: string): Promise<Timing> => {
        const once = async () => {
          const t = performance.now();
          const res = await fetch(`${base}${p}`, { headers: { cookie }, redirect: "manual" });
          const body = await res.text();
          const ms = performance.now() - t;
          if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
          return { ms, bytes: body.length };
        };
        for (let i = 0; i < 3; i++) await once();
        const runs: number[] = [];
        let bytes = 0;
        for (let i = 0; i < requests; i++) {
          const r = await once();
          runs.push(r.ms);
          bytes = r.bytes;
        }
        runs.sort((a, b) => a - b);
        return { name, path: p, p50: percentile(runs, 50), p95: percentile(runs, 95), max: runs[runs.length - 1]!, bytes };
      };
      const pages: Timing[] = [];
      pages.push(await time("dashboard", "/"));
      pages.push(await time("identities (page 1, riskiest first)", "/identities"));
      pages.push(await time("identities (page 40, kind filter)", "/identities?kind=ServiceAccount&page=40"));
      pages.push(await time(`identity drill-down (riskiest SA ${sa.namespace}/${sa.name})`, `/identities/${encodeURIComponent(sa.id)}`));
      if (typical.id !== sa.id) pages.push(await time(`identity drill-down (${typical.namespace}/${typical.name})`, `/identities/${encodeURIComponent(typical.id)}`));

      // 4. The graph page, interactive.
      const graphRuns: number[] = [];
      let graphNodes = 0;
      const focus = `identity:${sa.id}`;
      for (let i = 0; i < 8; i++) {
        await page.goto(`${base}/graph?focus=${encodeURIComponent(focus)}`);
        await page.waitForSelector('[data-testid="graph-canvas"][data-ready="true"]', { timeout: 60_000 });
        const ready = await page.evaluate(() => performance.getEntriesByName("palisade-graph-ready")[0]?.startTime ?? NaN);
        graphNodes = Number(await page.getAttribute('[data-testid="graph-canvas"]', "data-nodes"));
        if (i > 0) graphRuns.push(ready); // the first load warms the browser cache
      }
      graphRuns.sort((a, b) => a - b);
      const graph = { focus, nodes: graphNodes, median: percentile(graphRuns, 50), max: graphRuns[graphRuns.length - 1]! };

      // Not targeted: the overview (every namespace) and one namespace's neighbourhood, once each after a warm-up.
      const extraGraphs: { focus: string; nodes: number; ms: number }[] = [];
      for (const f of ["overview", `namespace:${sa.namespace}`]) {
        let ms = NaN;
        let nodes = 0;
        for (let i = 0; i < 2; i++) {
          await page.goto(`${base}/graph?focus=${encodeURIComponent(f)}`);
          await page.waitForSelector('[data-testid="graph-canvas"][data-ready="true"]', { timeout: 120_000 });
          ms = await page.evaluate(() => performance.getEntriesByName("palisade-graph-ready")[0]?.startTime ?? NaN);
          nodes = Number(await page.getAttribute('[data-testid="graph-canvas"]', "data-nodes"));
        }
        extraGraphs.push({ focus: f, nodes, ms });
      }

      // Who-can on the stored snapshot (not a target): the first query rebuilds and analyzes the inventory.
      const whoCanPath = "/api/who-can?verb=get&resource=secrets";
      let t = performance.now();
      const cold = await fetch(`${base}${whoCanPath}`, { headers: { cookie } });
      const whoCanCold = performance.now() - t;
      const subjects = ((await cold.json()) as { subjects?: unknown[] }).subjects?.length ?? 0;
      t = performance.now();
      await (await fetch(`${base}${whoCanPath}`, { headers: { cookie } })).text();
      const whoCanWarm = performance.now() - t;

      const pass = pages.every((p) => p.p95 < TARGETS.pageP95Ms) && graph.max < TARGETS.graphInteractiveMs;
      const result = {
        size,
        snapshot: { id: snapshot.id, identities: counts.identities, roleBindings: counts.roleBindings, namespaces: counts.namespaces, findings: counts.findings },
        requests,
        pages,
        graph,
        extraGraphs,
        whoCan: { path: whoCanPath, subjects, coldMs: whoCanCold, warmMs: whoCanWarm },
        targets: TARGETS,
        pass,
      };
      if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else {
        log(`\nsnapshot #${snapshot.id}: ${counts.identities} identities, ${counts.roleBindings} RoleBindings, ${counts.namespaces} namespaces, ${counts.findings} findings`);
        log(`server response time over ${requests} requests (target p95 < ${TARGETS.pageP95Ms} ms):`);
        for (const p of pages) log(`  ${p.name.padEnd(62)} p50 ${p.p50.toFixed(0).padStart(4)} ms  p95 ${p.p95.toFixed(0).padStart(4)} ms  max ${p.max.toFixed(0).padStart(4)} ms  ${(p.bytes / 1024).toFixed(0)} KiB`);
        log(`graph page, ${graph.nodes} nodes around ${sa.id}: interactive after ${graph.median.toFixed(0)} ms median, ${graph.max.toFixed(0)} ms max of ${graphRuns.length} (target < ${TARGETS.graphInteractiveMs} ms)`);
        for (const g of extraGraphs) log(`graph page ${g.focus}: ${g.nodes} nodes, interactive after ${g.ms.toFixed(0)} ms (not targeted)`);
        log(`who-can get secrets (cluster-wide): ${subjects} subjects; cold ${(whoCanCold / 1000).toFixed(2)} s, warm ${whoCanWarm.toFixed(0)} ms`);
        log(pass ? "PASS" : "FAIL: a target was missed");
      }
      return argv.includes("--check") && !pass ? 1 : 0;
    } finally {
      await browser.close();
    }
  } finally {
    if (next && next.exitCode === null) {
      next.kill("SIGTERM");
      await new Promise((r) => next!.once("exit", r));
    }
    await closeStore();
    await server.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:web: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
