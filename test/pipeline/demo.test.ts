/**
 * `npm run demo`'s loading step (scripts/demo.ts calls loadDemoCluster before starting Next): the bundled demo is
 * stored as cluster acme-pay-demo through the pipeline, and re-running it is a no-op while the content is unchanged.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync, utimesSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOOTSTRAP_POLICY_DIR } from "@/lib/collect/default-policy";
import { DEMO_MANIFESTS_DIR } from "@/lib/demo";
import { DEMO_CLUSTER_NAME, demoContentHash, loadDemoCluster } from "@/lib/pipeline";
import { closeStore, getClusterByName, getSnapshot, listSnapshots } from "@/lib/store";
import { buildReason } from "@/scripts/demo";
import { createTestDatabase, type TestDatabase } from "@/test/support/postgres";

let db: TestDatabase;
let tmp: string;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  tmp = mkdtempSync(path.join(os.tmpdir(), "palisade-demo-test-"));
});

afterAll(async () => {
  await closeStore();
  await db?.drop();
  rmSync(tmp, { recursive: true, force: true });
});

async function snapshotsOf(name: string) {
  const cluster = await getClusterByName(name);
  return cluster ? listSnapshots(cluster.id) : [];
}

describe("loadDemoCluster", () => {
  it("loads acme-pay-demo once; a re-run with the same content loads nothing; --reload loads again", async () => {
    const first = await loadDemoCluster();
    expect(first.status).toBe("loaded");
    const snap = await getSnapshot(first.snapshotId);
    expect(snap).toMatchObject({ clusterName: DEMO_CLUSTER_NAME, status: "complete", source: "files" });
    expect(snap!.sourceDetail).toContain(`sha256:${first.hash}`);

    const second = await loadDemoCluster();
    expect(second).toEqual({ status: "up-to-date", snapshotId: first.snapshotId, hash: first.hash });
    expect((await snapshotsOf(DEMO_CLUSTER_NAME)).length).toBe(1);

    const forced = await loadDemoCluster({ force: true });
    expect(forced.status).toBe("loaded");
    expect(forced.snapshotId).not.toBe(first.snapshotId);
    expect((await getClusterByName(DEMO_CLUSTER_NAME))?.currentSnapshotId).toBe(forced.snapshotId);
  });

  it("reloads when a demo manifest changes (content hash), and not because of a file's timestamp", async () => {
    const dir = path.join(tmp, "manifests");
    cpSync(DEMO_MANIFESTS_DIR, dir, { recursive: true });
    const name = "demo-copy";
    const a = await loadDemoCluster({ manifestsDir: dir, clusterName: name });
    expect(a.status).toBe("loaded");

    // Touching a file changes nothing the demo reads.
    const file = path.join(dir, "00-namespaces.yaml");
    utimesSync(file, new Date(), new Date(Date.now() + 60_000));
    expect(await loadDemoCluster({ manifestsDir: dir, clusterName: name })).toMatchObject({ status: "up-to-date", snapshotId: a.snapshotId });

    // Changing its bytes (even a comment) does.
    appendFileSync(file, "\n# edited\n");
    const b = await loadDemoCluster({ manifestsDir: dir, clusterName: name });
    expect(b.status).toBe("loaded");
    expect(b.hash).not.toBe(a.hash);
    expect((await snapshotsOf(name)).map((s) => s.status)).toEqual(["complete", "complete"]);
  });

  it("hashes the demo and the bootstrap policy, not just the demo", async () => {
    const bootstrap = path.join(tmp, "bootstrap");
    cpSync(BOOTSTRAP_POLICY_DIR, bootstrap, { recursive: true });
    const before = await demoContentHash(DEMO_MANIFESTS_DIR, bootstrap);
    expect(before).toBe(await demoContentHash());
    appendFileSync(path.join(bootstrap, "cluster-roles.yaml"), "\n# edited\n");
    expect(await demoContentHash(DEMO_MANIFESTS_DIR, bootstrap)).not.toBe(before);
  });
});

describe("demo script: when to run next build", () => {
  it("builds when .next/BUILD_ID is missing or older than a source file, not otherwise", () => {
    const root = path.join(tmp, "app-root");
    cpSync(path.join(import.meta.dirname, "../../next.config.ts"), path.join(root, "next.config.ts"));
    expect(buildReason(root)).toBe("no production build yet (.next/BUILD_ID is missing)");

    const buildId = path.join(root, ".next", "BUILD_ID");
    cpSync(path.join(root, "next.config.ts"), buildId);
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(path.join(root, "next.config.ts"), old, old);
    expect(buildReason(root)).toBeUndefined();
    expect(buildReason(root, true)).toBe("--build given");

    // A newer page → rebuild; a newer test file → no rebuild.
    const later = new Date(Date.now() + 3_600_000);
    const testFile = path.join(root, "lib", "x.test.ts");
    cpSync(path.join(root, "next.config.ts"), testFile);
    utimesSync(testFile, later, later);
    expect(buildReason(root)).toBeUndefined();
    const page = path.join(root, "app", "page.tsx");
    cpSync(path.join(root, "next.config.ts"), page);
    utimesSync(page, later, later);
    expect(buildReason(root)).toBe(`${path.join("app", "page.tsx")} changed since the last build`);
  });
});
