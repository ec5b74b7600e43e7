import { describe, expect, it } from "vitest";
import { UsageError } from "./context";
import { describeRequest, parseRequest } from "./request";

describe("parseRequest", () => {
  it("reads RESOURCE/SUBRESOURCE, name and namespace", () => {
    expect(parseRequest("create", "pods/exec", { namespace: "dev", name: "web-0" })).toEqual({
      type: "resource", verb: "create", apiGroup: "", resource: "pods", subresource: "exec", name: "web-0", namespace: "dev",
    });
  });

  it("treats a missing or empty namespace as a cluster-scoped request", () => {
    expect(parseRequest("list", "secrets", {})).toEqual({ type: "resource", verb: "list", apiGroup: "", resource: "secrets" });
    expect(parseRequest("list", "secrets", { namespace: "" })).toEqual({ type: "resource", verb: "list", apiGroup: "", resource: "secrets" });
  });

  it("takes the group from RESOURCE.GROUP and RESOURCE.VERSION.GROUP, as kubectl does", () => {
    expect(parseRequest("get", "deployments.apps/scale", {})).toMatchObject({ resource: "deployments", apiGroup: "apps", subresource: "scale" });
    expect(parseRequest("get", "deployments.v1.apps", {})).toMatchObject({ resource: "deployments", apiGroup: "apps" });
    expect(parseRequest("get", "certificates.cert-manager.io", {})).toMatchObject({ resource: "certificates", apiGroup: "cert-manager.io" });
    expect(parseRequest("get", "cronjobs.v1beta1.batch", {})).toMatchObject({ resource: "cronjobs", apiGroup: "batch" });
  });

  it("resolves built-in names, singulars and short names to resource and group without an explicit group", () => {
    expect(parseRequest("patch", "deploy", {})).toMatchObject({ resource: "deployments", apiGroup: "apps" });
    expect(parseRequest("get", "Pod", {})).toMatchObject({ resource: "pods", apiGroup: "" });
    expect(parseRequest("bind", "clusterroles", {})).toMatchObject({ resource: "clusterroles", apiGroup: "rbac.authorization.k8s.io" });
    expect(parseRequest("impersonate", "users", {})).toMatchObject({ resource: "users", apiGroup: "" });
    // events exists in "" and events.k8s.io; like kubectl, the core group wins.
    expect(parseRequest("delete", "events", {})).toMatchObject({ resource: "events", apiGroup: "" });
    // Unknown names are taken literally in the core group.
    expect(parseRequest("get", "widgets", {})).toMatchObject({ resource: "widgets", apiGroup: "" });
  });

  it("lets an explicit group win, expanding aliases only within it", () => {
    expect(parseRequest("get", "deployments", { apiGroup: "extensions" })).toMatchObject({ resource: "deployments", apiGroup: "extensions" });
    expect(parseRequest("get", "deploy", { apiGroup: "apps" })).toMatchObject({ resource: "deployments", apiGroup: "apps" });
    expect(parseRequest("get", "deployments", { apiGroup: "" })).toMatchObject({ resource: "deployments", apiGroup: "" });
    expect(parseRequest("get", "deployments.apps", { apiGroup: "apps" })).toMatchObject({ apiGroup: "apps" });
  });

  it("reads --path as a non-resource request", () => {
    expect(parseRequest("get", undefined, { path: "/healthz" })).toEqual({ type: "nonResource", verb: "get", path: "/healthz" });
  });

  it.each([
    ["get", undefined, {}, "missing RESOURCE"],
    ["get", "pods", { path: "/x" }, "not both"],
    ["get", undefined, { path: "healthz" }, 'starting with "/"'],
    ["get", undefined, { path: "/x", namespace: "dev" }, "--namespace cannot be used with --path"],
    ["get", "pods/", {}, "RESOURCE/SUBRESOURCE"],
    ["get", "pods/a/b", {}, "RESOURCE/SUBRESOURCE"],
    ["get", "/exec", {}, "resource name is empty"],
    ["get", "deployments.", {}, "RESOURCE.GROUP"],
    ["get", "deployments.apps", { apiGroup: "batch" }, "--api-group says"],
    ["", "pods", {}, "verb is empty"],
  ] as const)("rejects %s %s %j", (verb, resource, opts, message) => {
    expect(() => parseRequest(verb, resource, opts)).toThrow(UsageError);
    expect(() => parseRequest(verb, resource, opts)).toThrow(message);
  });
});

describe("describeRequest", () => {
  it("spells out group, subresource, name and scope", () => {
    expect(describeRequest(parseRequest("get", "deployments.apps/scale", { namespace: "web", name: "api" }))).toBe('get deployments.apps/scale named "api" in namespace web');
    expect(describeRequest(parseRequest("list", "secrets", {}))).toBe("list secrets (cluster-scoped)");
    expect(describeRequest(parseRequest("get", undefined, { path: "/metrics" }))).toBe("get /metrics");
  });
});
