/** The fake API server itself, checked against the Kubernetes API conventions with plain HTTP requests. */
/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies of many shapes, only read by assertions */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generateCluster, loadManifestFiles, startFakeKubeApi, type FakeKubeApi } from "./fake-kube-api";

let api: FakeKubeApi;
const objects = generateCluster({ namespaces: 3, podsPerNamespace: 4, secretsPerNamespace: 1, serviceAccountsPerNamespace: 1, clusterRoles: 2 });

beforeAll(async () => {
  api = await startFakeKubeApi({ objects });
});
afterAll(async () => {
  await api.close();
});

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(`${api.url}${path}`, { headers: { Authorization: `Bearer ${api.token}`, ...headers } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

describe("fake kube API", () => {
  it("requires the bearer token", async () => {
    const res = await fetch(`${api.url}/api/v1/pods`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ kind: "Status", code: 401, reason: "Unauthorized" });
  });

  it("serves discovery", async () => {
    expect((await get("/api")).body).toMatchObject({ kind: "APIVersions", versions: ["v1"] });
    const groups = (await get("/apis")).body;
    expect(groups.kind).toBe("APIGroupList");
    expect(groups.groups.map((g: { name: string }) => g.name)).toEqual(
      expect.arrayContaining(["rbac.authorization.k8s.io", "apps", "batch", "networking.k8s.io", "admissionregistration.k8s.io"]),
    );
    const core = (await get("/api/v1")).body;
    expect(core).toMatchObject({ kind: "APIResourceList", groupVersion: "v1" });
    expect(core.resources.find((r: { name: string }) => r.name === "pods")).toMatchObject({ namespaced: true, kind: "Pod" });
    const rbac = (await get("/apis/rbac.authorization.k8s.io/v1")).body;
    expect(rbac.resources.find((r: { name: string }) => r.name === "clusterroles")).toMatchObject({ namespaced: false, kind: "ClusterRole" });
    expect((await get("/apis/nope.example.com/v1")).status).toBe(404);
  });

  it("paginates with continue, remainingItemCount and resourceVersion; list items carry no kind", async () => {
    const first = await get("/api/v1/pods?limit=5");
    expect(first.body.kind).toBe("PodList");
    expect(first.body.apiVersion).toBe("v1");
    expect(first.body.items).toHaveLength(5);
    expect(first.body.items[0].kind).toBeUndefined();
    expect(first.body.metadata.remainingItemCount).toBe(7);
    expect(first.body.metadata.resourceVersion).toMatch(/^\d+$/);
    const second = await get(`/api/v1/pods?limit=5&continue=${encodeURIComponent(first.body.metadata.continue)}`);
    expect(second.body.metadata.remainingItemCount).toBe(2);
    const third = await get(`/api/v1/pods?limit=5&continue=${encodeURIComponent(second.body.metadata.continue)}`);
    expect(third.body.items).toHaveLength(2);
    expect(third.body.metadata.continue).toBeUndefined();
    const names = [...first.body.items, ...second.body.items, ...third.body.items].map((p: any) => `${p.metadata.namespace}/${p.metadata.name}`);
    expect(new Set(names).size).toBe(12);
    expect((await get("/api/v1/pods?continue=garbage")).status).toBe(400);
  });

  it("serves per-namespace lists and single objects", async () => {
    const list = await get("/api/v1/namespaces/ns-0001/pods");
    expect(list.body.items).toHaveLength(4);
    expect(list.body.items.every((p: any) => p.metadata.namespace === "ns-0001")).toBe(true);
    const one = await get(`/api/v1/namespaces/ns-0001/pods/${list.body.items[0].metadata.name}`);
    expect(one.body).toMatchObject({ kind: "Pod", apiVersion: "v1" });
    const missing = await get("/api/v1/namespaces/kube-system/configmaps/aws-auth");
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ kind: "Status", reason: "NotFound", code: 404 });
    expect((await get("/api/v1/namespaces/ns-0001/clusterroles")).status).toBe(404);
    expect((await get("/api/v1/namespaces")).body.items).toHaveLength(3);
  });

  it("answers PartialObjectMetadataList for secrets when asked, full Secrets otherwise", async () => {
    const partial = await get("/api/v1/secrets", { Accept: "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1" });
    expect(partial.body).toMatchObject({ kind: "PartialObjectMetadataList", apiVersion: "meta.k8s.io/v1" });
    expect(partial.body.items[0]).toEqual({ kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: expect.any(Object) });
    const full = await get("/api/v1/secrets");
    expect(full.body.kind).toBe("SecretList");
    expect(full.body.items[0].data.password).toBeTruthy();
    api.setFaults({ fullSecrets: true });
    const ignored = await get("/api/v1/secrets", { Accept: "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1" });
    expect(ignored.body.kind).toBe("SecretList");
    api.setFaults({});
  });

  it("fault switches: 403 scopes, 410 with a fresh token, 429 with Retry-After, 5xx", async () => {
    api.setFaults({ forbidden: [{ resource: "pods", namespace: "" }] });
    const denied = await get("/api/v1/pods");
    expect(denied.status).toBe(403);
    expect(denied.body.message).toMatch(/cannot list resource "pods" in API group "" at the cluster scope/);
    expect((await get("/api/v1/namespaces/ns-0000/pods")).status).toBe(200);

    api.setFaults({ goneOnContinue: { times: 1 } });
    const first = await get("/api/v1/pods?limit=5");
    const gone = await get(`/api/v1/pods?limit=5&continue=${first.body.metadata.continue}`);
    expect(gone.status).toBe(410);
    expect(gone.body).toMatchObject({ kind: "Status", reason: "Expired", code: 410 });
    expect(gone.body.metadata.continue).toBeTruthy();
    expect((await get(`/api/v1/pods?limit=5&continue=${first.body.metadata.continue}`)).status).toBe(200);

    api.setFaults({ tooManyRequests: { resource: "roles", times: 1, retryAfterSeconds: 3 } });
    const busy = await get("/apis/rbac.authorization.k8s.io/v1/roles");
    expect(busy.status).toBe(429);
    expect(busy.headers.get("retry-after")).toBe("3");
    expect((await get("/apis/rbac.authorization.k8s.io/v1/roles")).status).toBe(200);

    api.setFaults({ serverError: { times: 1, status: 502 } });
    expect((await get("/api/v1/nodes")).status).toBe(502);
    expect((await get("/api/v1/nodes")).status).toBe(200);
    api.setFaults({});
  });

  it("drops connections on request", async () => {
    api.setFaults({ dropConnection: { times: 1, when: "mid-body" } });
    await expect(get("/api/v1/pods")).rejects.toThrow();
    expect((await get("/api/v1/pods")).status).toBe(200);
    api.setFaults({});
  });

  it("records requests and writes a usable kubeconfig", async () => {
    const seen = api.requests.find((r) => r.path === "/api/v1/namespaces/ns-0001/pods");
    expect(seen).toMatchObject({ method: "GET", resource: "pods", namespace: "ns-0001", status: 200 });
    const kc = parse(readFileSync(api.kubeconfigPath, "utf8"));
    expect(kc["current-context"]).toBe("fake");
    expect(kc.clusters[0].cluster).toEqual({ server: api.url, "insecure-skip-tls-verify": true });
    expect(kc.users[0].user.token).toBe(api.token);
  });

  it("loads manifest files, expanding Lists", () => {
    const objs = loadManifestFiles([new URL("../fixtures/real/kubernetes-bootstrap/cluster-roles.yaml", import.meta.url).pathname]);
    expect(objs.length).toBeGreaterThan(10);
    expect(objs.every((o) => o.kind === "ClusterRole")).toBe(true);
  });
});
