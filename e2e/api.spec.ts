import { expect, test } from "@playwright/test";
import { closeStore, demoSnapshot, store } from "./support/store";

test.afterAll(closeStore);

// The JSON API (README.md, JSON API) with the signed-in session: the same numbers as lib/store, zod errors as 400s.
test("clusters, snapshots, identities and findings", async ({ request }) => {
  const { clusterId, snapshotId } = await demoSnapshot();
  const { listIdentities, listFindings } = await store();

  const clusters = await (await request.get("/api/clusters")).json();
  expect(clusters.clusters.some((c: { id: number; current: { id: number } }) => c.id === clusterId && c.current.id === snapshotId)).toBe(true);
  const snaps = await (await request.get(`/api/clusters/${clusterId}/snapshots`)).json();
  expect(snaps.snapshots[0].id).toBeGreaterThanOrEqual(snapshotId);

  const page = await (await request.get(`/api/identities?cluster=${clusterId}&kind=ServiceAccount&namespace=ci&builtIn=all`)).json();
  const expected = await listIdentities(snapshotId, { kind: "ServiceAccount", namespace: "ci" });
  expect(page.total).toBe(expected.total);
  expect(page.rows.map((r: { id: string }) => r.id)).toEqual(expected.rows.map((r) => r.id));

  const one = await request.get(`/api/identities/${encodeURIComponent("ServiceAccount:ci:github-actions-deployer")}?cluster=${clusterId}`);
  expect(one.status()).toBe(200);
  const detail = await one.json();
  expect(detail.identity.bindings.map((b: { namespace: string; name: string }) => `${b.namespace}/${b.name}`)).toContain("payments/github-actions-deployer");
  expect(detail.permissions.length).toBeGreaterThan(1);

  const findings = await (await request.get(`/api/findings?cluster=${clusterId}&rule=pods-exec&pageSize=5`)).json();
  expect(findings.total).toBe((await listFindings(snapshotId, { ruleId: "pods-exec" })).total);
  expect(findings.rows).toHaveLength(Math.min(5, findings.total));
});

test("who-can, can-i and graph", async ({ request }) => {
  const who = await (await request.get("/api/who-can?verb=impersonate&resource=groups")).json();
  expect(who.subjects).toHaveLength(7);
  expect(who.description).toBe("impersonate groups (cluster-scoped)");
  const can = await (await request.get("/api/can-i?user=jo@acmepay.example&group=oidc:support-engineers&verb=impersonate&resource=groups")).json();
  expect(can.allowed).toBe(true);
  const graph = await (await request.get(`/api/graph?focus=${encodeURIComponent("identity:ServiceAccount:ci:github-actions-deployer")}`)).json();
  expect(graph.nodes.some((n: { id: string }) => n.id === "role:ClusterRole::ci-deployer")).toBe(true);
});

test("bad input is a 400 that names the field, unknown objects a 404", async ({ request, playwright }) => {
  const kind = await request.get("/api/identities?kind=Robot");
  expect(kind.status()).toBe(400);
  expect(JSON.stringify(await kind.json())).toContain("kind");
  expect((await request.get("/api/who-can?verb=get")).status()).toBe(400);
  expect((await request.get("/api/graph?focus=pods")).status()).toBe(400);
  expect((await request.get(`/api/identities/${encodeURIComponent("Robot:x")}`)).status()).toBe(400);
  expect((await request.get(`/api/identities/${encodeURIComponent("User:nobody@example.com")}`)).status()).toBe(404);
  expect((await request.get("/api/clusters/999999/snapshots")).status()).toBe(404);
  // Signed out: 401.
  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, storageState: { cookies: [], origins: [] } });
  expect((await anonymous.get("/api/identities")).status()).toBe(401);
  await anonymous.dispose();
});
