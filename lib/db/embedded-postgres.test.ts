import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { testDataDir } from "@/test/support/postgres-data-dir";
import { findRunningPostmaster, startEmbeddedPostgres, stopPostmaster, type EmbeddedPostgres } from "./embedded-postgres";

// Its own data directory (not the shared test server's): these tests stop and kill servers.
const ROOT = path.resolve(import.meta.dirname, "../..");
const DATA_DIR = await testDataDir("pg-test-lifecycle");
const CHILD = path.join(ROOT, "test", "support", "postgres-child.ts");

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitDead(pid: number, ms = 15_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !alive(pid);
}

/** Runs test/support/postgres-child.ts; resolves with its first stdout line (parsed) and the process. */
function runChild(mode: "hold" | "exit"): Promise<{ info: { pid: number; port: number; owned: boolean }; child: ReturnType<typeof spawn>; exitCode: Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, DATA_DIR, mode], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const exitCode = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    let out = "";
    let err = "";
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n")[0];
      if (out.includes("\n") && line) resolve({ info: JSON.parse(line), child, exitCode });
    });
    child.on("exit", (code) => {
      if (!out.includes("\n")) reject(new Error(`child exited with ${code} before reporting: ${err}`));
    });
  });
}

describe("embedded PostgreSQL lifecycle", () => {
  const started: EmbeddedPostgres[] = [];
  afterAll(async () => {
    for (const s of started) await s.stop().catch(() => undefined);
    await stopPostmaster(DATA_DIR).catch(() => undefined);
  });

  it("initialises on first use, is idempotent within a process, and keeps data across restarts", async () => {
    await stopPostmaster(DATA_DIR);
    const first = await startEmbeddedPostgres({ dataDir: DATA_DIR, database: "lifecycle" });
    started.push(first);
    expect(first.owned).toBe(true);
    expect(existsSync(path.join(DATA_DIR, "PG_VERSION"))).toBe(true);
    const [{ server_encoding }] = (await sql<{ server_encoding: string }>(first.url, "SHOW server_encoding")) as [{ server_encoding: string }];
    expect(server_encoding).toBe("UTF8");
    await sql(first.url, "CREATE TABLE IF NOT EXISTS kept (v text); INSERT INTO kept VALUES ('survives restart')");

    const second = await startEmbeddedPostgres({ dataDir: DATA_DIR, database: "lifecycle" });
    expect(second.owned).toBe(false);
    expect(second.port).toBe(first.port);
    expect(second.pid).toBe(first.pid);
    await second.stop(); // not ours: no-op
    expect(alive(first.pid)).toBe(true);

    await first.stop();
    expect(alive(first.pid)).toBe(false);
    expect(existsSync(path.join(DATA_DIR, "postmaster.pid"))).toBe(false);

    const again = await startEmbeddedPostgres({ dataDir: DATA_DIR, database: "lifecycle" });
    started.push(again);
    expect(again.owned).toBe(true);
    expect(await sql(again.url, "SELECT v FROM kept")).toContainEqual({ v: "survives restart" });
    await again.stop();
  });

  it("reuses a postmaster orphaned by a SIGKILLed Node process instead of failing on postmaster.pid", async () => {
    await stopPostmaster(DATA_DIR);
    const { info, child, exitCode } = await runChild("hold");
    expect(info.owned).toBe(true);
    child.kill("SIGKILL");
    await exitCode;
    expect(alive(info.pid)).toBe(true); // orphaned, still serving

    const reused = await startEmbeddedPostgres({ dataDir: DATA_DIR, database: "lifecycle" });
    expect(reused.owned).toBe(false);
    expect(reused.port).toBe(info.port);
    expect(await sql(reused.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);

    await stopPostmaster(DATA_DIR);
    expect(await waitDead(info.pid)).toBe(true);
    expect(await findRunningPostmaster(DATA_DIR)).toBeUndefined();
  });

  it("stops the server it started when the process exits, keeping the process's exit code", async () => {
    await stopPostmaster(DATA_DIR);
    const { info, exitCode } = await runChild("exit");
    expect(info.owned).toBe(true);
    expect(await exitCode).toBe(3);
    expect(await waitDead(info.pid)).toBe(true);
  });

  it.runIf(process.getuid?.() === 0)("explains when the postgres OS user cannot reach the data directory", async () => {
    const locked = await fs.mkdtemp(path.join(os.tmpdir(), "palisade-locked-"));
    try {
      await fs.chmod(locked, 0o700);
      await expect(startEmbeddedPostgres({ dataDir: path.join(locked, "pg") })).rejects.toThrow(/"postgres", which cannot enter .*palisade-locked-.*EMBEDDED_PG_DIR/);
    } finally {
      await fs.rm(locked, { recursive: true, force: true });
    }
  });
});
