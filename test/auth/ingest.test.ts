import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/ingest/route";
import { authDb } from "@/lib/auth/db";
import { PushError, ingestUrl, pushSnapshot } from "@/lib/auth/push-client";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import type { SessionUser } from "@/lib/auth/guard";
import { inventory, role, roleBinding, rule, sa, serviceAccount } from "@/lib/rbac/testing";
import { getIdentity, listClusters } from "@/lib/store";
import { setupAuthTestDatabase } from "./auth-db";

/**
 * `palisade collect … --push`: the push client against the real POST /api/ingest handler served over HTTP on
 * 127.0.0.1, storing into PostgreSQL. Expected permissions are worked out from Kubernetes RBAC by hand.
 */

const { sql } = setupAuthTestDatabase();
const SECRET_VALUE = "hunter2-super-secret";

let server: http.Server;
let base = "";
let admin: SessionUser;

beforeAll(async () => {
  const db = await authDb();
  const u = await db.appUser.create({ data: { email: "ops@example.com", name: "Ops", role: "admin" } });
  admin = { id: u.id, email: u.email, name: u.name, role: "admin", mustChangePassword: false };
  // A minimal Node adapter: request → Request → the route handler → response.
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: req.method === "POST" ? Buffer.concat(chunks) : undefined });
      void POST(request, { params: Promise.resolve({}) }).then(async (r) => {
        res.writeHead(r.status, Object.fromEntries(r.headers));
        res.end(Buffer.from(await r.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function payload(cluster: string) {
  const inv = inventory({
    namespaces: [{ kind: "Namespace", name: "payments", labels: {}, annotations: {} }],
    serviceAccounts: [serviceAccount("payments", "deployer")],
    roles: [role("payments", "secret-reader", [rule(["get"], [""], ["secrets"])])],
    roleBindings: [roleBinding("payments", "deployer-reads-secrets", { kind: "Role", name: "secret-reader" }, [sa("payments", "deployer")])],
  });
  const secret = {
    kind: "Secret",
    name: "db-password",
    namespace: "payments",
    labels: {},
    annotations: { "kubectl.kubernetes.io/last-applied-configuration": `{"data":{"password":"${SECRET_VALUE}"}}` },
    type: "Opaque",
    // Not part of SecretMeta: must be dropped by the schema, never stored.
    data: { password: Buffer.from(SECRET_VALUE).toString("base64") },
    stringData: { password: SECRET_VALUE },
  };
  return { schemaVersion: 1 as const, cluster, source: "live" as const, sourceDetail: "context prod", inventory: { ...inv, secrets: [secret] } as Record<string, unknown>, coverageGaps: [], counts: {} };
}

describe("POST /api/ingest via the push client", () => {
  it("stores a pushed snapshot, analyzed like a local collection, without Secret values", async () => {
    const { token } = await createApiToken({ name: "ci-push", scopes: ["ingest"] }, admin, null);
    const result = await pushSnapshot({ url: base, token, payload: payload("prod-eu") as never });
    expect(result.cluster).toBe("prod-eu");
    expect(result.bytes.sent).toBeLessThan(result.bytes.json);

    const cluster = (await listClusters()).find((c) => c.name === "prod-eu");
    expect(cluster?.current?.id).toBe(result.snapshotId);
    expect(cluster?.current?.sourceDetail).toBe("pushed by API token ci-push: context prod");
    // A RoleBinding to a Role grants the Role's rules in the binding's namespace only.
    const deployer = await getIdentity(result.snapshotId, "ServiceAccount:payments:deployer");
    const viaBinding = deployer?.grants.filter((g) => g.binding.name === "deployer-reads-secrets") ?? [];
    expect(viaBinding.map((g) => ({ ns: g.namespace, verbs: g.rule.verbs, resources: g.rule.resources }))).toEqual([{ ns: "payments", verbs: ["get"], resources: ["secrets"] }]);

    const dump = await sql<{ t: string }>("SELECT row_to_json(s)::text AS t FROM secret_meta s");
    expect(dump).toHaveLength(1);
    expect(dump[0]!.t).toContain("db-password");
    expect(dump[0]!.t).not.toContain(SECRET_VALUE);
    expect(dump[0]!.t).not.toContain(Buffer.from(SECRET_VALUE).toString("base64"));

    const audit = await sql<{ actor: string; target: string }>("SELECT actor, target FROM audit_event WHERE action = 'snapshot.ingest'");
    expect(audit).toEqual([{ actor: "token:ci-push", target: "cluster:prod-eu" }]);
  });

  it("explains refusals: wrong scope, revoked token, invalid payload", async () => {
    const reader = await createApiToken({ name: "reader", scopes: ["read"] }, admin, null);
    await expect(pushSnapshot({ url: base, token: reader.token, payload: payload("x") as never })).rejects.toThrow(
      `push to ${base}/api/ingest failed: HTTP 403: this API token (scopes: read) may not call POST on this route (the token needs the ingest scope)`,
    );
    const gone = await createApiToken({ name: "gone", scopes: ["ingest"] }, admin, null);
    await revokeApiToken(gone.row.id, admin, null);
    await expect(pushSnapshot({ url: base, token: gone.token, payload: payload("x") as never })).rejects.toMatchObject({ status: 401 });
    const ok = await createApiToken({ name: "ok", scopes: ["ingest"] }, admin, null);
    const bad = { ...payload("x"), inventory: { ...payload("x").inventory, roles: [{ kind: "Role", name: "", namespace: "a", rules: [] }] } };
    await expect(pushSnapshot({ url: base, token: ok.token, payload: bad as never })).rejects.toThrow(/HTTP 400: invalid request body: inventory\.roles\.0\.name: must not be empty/);
    const wrongVersion = { ...payload("x"), schemaVersion: 2 };
    await expect(pushSnapshot({ url: base, token: ok.token, payload: wrongVersion as never })).rejects.toThrow(/schemaVersion must be 1/);
    expect((await listClusters()).map((c) => c.name)).toEqual(["prod-eu"]);
  });

  it("refuses a gzip bomb with 413 before parsing it", async () => {
    const { token } = await createApiToken({ name: "bomb", scopes: ["ingest"] }, admin, null);
    // 600 MiB of spaces compresses to ~600 KiB; inflated it exceeds the 500 MiB cap.
    const bomb = gzipSync(Buffer.alloc(600 * 1024 * 1024, 0x20), { level: 9 });
    const res = await fetch(`${base}/api/ingest`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "content-encoding": "gzip" }, body: bomb });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: "request body too large once decompressed: the limit is 500 MiB" });
  });
});

describe("palisade collect --push", () => {
  it("collects manifests and pushes them without any local database", async () => {
    const { token } = await createApiToken({ name: "cli", scopes: ["ingest"] }, admin, null);
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["bin/palisade.mjs", "collect", "--from", "test/cli/fixtures/cluster", "--cluster-name", "pushed-from-cli", "--push", base, "--output", "json"], {
        cwd: path.resolve(import.meta.dirname, "../.."),
        // Unreachable on purpose: --push must not open a local database.
        env: { ...process.env, DATABASE_URL: "postgresql://nobody@127.0.0.1:9/none", PALISADE_TOKEN: token },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
      child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { pushed: boolean; cluster: string; snapshotId: number };
    expect(out).toMatchObject({ pushed: true, cluster: "pushed-from-cli" });
    // The fixture binds User root-ops to a `* * *` ClusterRole with a ClusterRoleBinding: granted cluster-wide.
    const rootOps = await getIdentity(out.snapshotId, "User:root-ops");
    expect(rootOps?.grants.some((g) => g.namespace === null && g.rule.verbs.includes("*") && g.rule.resources.includes("*"))).toBe(true);
  });

  it("refuses --token without --push and --push without a token", async () => {
    const runCli = (args: string[], env: Record<string, string> = {}) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ["bin/palisade.mjs", "collect", ...args], { cwd: path.resolve(import.meta.dirname, "../.."), env: { ...process.env, PALISADE_TOKEN: "", ...env }, stdio: ["ignore", "ignore", "pipe"] });
        let stderr = "";
        child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
        child.on("close", (code) => resolve({ code, stderr }));
      });
    const a = await runCli(["--from", "test/cli/fixtures/cluster", "--token", "pal_x"]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("--token is only used with --push");
    const b = await runCli(["--from", "test/cli/fixtures/cluster", "--push", base]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("--push needs an API token: --token pal_… or the PALISADE_TOKEN environment variable");
  });
});

describe("ingest URL", () => {
  it("appends /api/ingest and refuses to send a token over plain http except to loopback", () => {
    expect(ingestUrl("https://palisade.example.com").toString()).toBe("https://palisade.example.com/api/ingest");
    expect(ingestUrl("https://palisade.example.com/sub/").toString()).toBe("https://palisade.example.com/sub/api/ingest");
    expect(ingestUrl("https://palisade.example.com/api/ingest?x=1").toString()).toBe("https://palisade.example.com/api/ingest");
    expect(ingestUrl("http://127.0.0.1:3000").toString()).toBe("http://127.0.0.1:3000/api/ingest");
    expect(() => ingestUrl("http://palisade.example.com")).toThrow("--push: refusing to send the API token over plain http to palisade.example.com; use https:// (or --insecure-http if you really must)");
    expect(ingestUrl("http://palisade.example.com", true).protocol).toBe("http:");
    expect(() => ingestUrl("palisade")).toThrow(PushError);
    expect(() => ingestUrl("https://u:p@palisade.example.com")).toThrow(/not in the URL/);
  });
});
