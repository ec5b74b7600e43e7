import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PolicyRule } from "@/lib/k8s/types";
import { nonResourceURLMatches, resourceMatches, ruleAllowsNonResource, ruleAllowsResource } from "./matchers";
import { rule, urlRule } from "./testing";

const res = (verb: string, apiGroup: string, resource: string, extra: { subresource?: string; name?: string } = {}) => ({ verb, apiGroup, resource, ...extra });

describe("ruleAllowsResource (evaluation_helpers.go semantics)", () => {
  it("treats '' as the core group and does not let it match other groups", () => {
    const core = rule(["get"], [""], ["pods", "deployments"]);
    expect(ruleAllowsResource(core, res("get", "", "pods"))).toBe(true);
    expect(ruleAllowsResource(core, res("get", "apps", "deployments"))).toBe(false);
    expect(ruleAllowsResource(rule(["get"], ["apps"], ["pods"]), res("get", "", "pods"))).toBe(false);
  });

  it("matches * for verbs, groups and resources, subresources and custom resources included", () => {
    const all = rule(["*"], ["*"], ["*"]);
    expect(ruleAllowsResource(all, res("delete", "stable.example.com", "crontabs"))).toBe(true);
    expect(ruleAllowsResource(all, res("create", "", "pods", { subresource: "exec" }))).toBe(true);
  });

  it("does not let a resource rule cover its subresources", () => {
    const pods = rule(["create", "get"], [""], ["pods"]);
    expect(ruleAllowsResource(pods, res("create", "", "pods", { subresource: "exec" }))).toBe(false);
    expect(ruleAllowsResource(rule(["create"], [""], ["pods/exec"]), res("create", "", "pods", { subresource: "exec" }))).toBe(true);
    // `pods/*` is not a pattern: only the literal resource "pods/*" would match it.
    expect(ruleAllowsResource(rule(["create"], [""], ["pods/*"]), res("create", "", "pods", { subresource: "exec" }))).toBe(false);
  });

  it("matches */subresource against any resource's subresource but not the resource itself", () => {
    const scale = rule(["update"], ["apps"], ["*/scale"]);
    expect(ruleAllowsResource(scale, res("update", "apps", "deployments", { subresource: "scale" }))).toBe(true);
    expect(ruleAllowsResource(scale, res("update", "apps", "statefulsets", { subresource: "scale" }))).toBe(true);
    expect(ruleAllowsResource(scale, res("update", "apps", "deployments"))).toBe(false);
    expect(ruleAllowsResource(scale, res("update", "apps", "deployments", { subresource: "status" }))).toBe(false);
    // "*/x" must be exactly "*/" + subresource: "*/scale" does not match subresource "cale".
    expect(ruleAllowsResource(scale, res("update", "apps", "deployments", { subresource: "cale" }))).toBe(false);
  });

  it("restricts by resourceNames and never matches a nameless request with a name-restricted rule", () => {
    const named = rule(["get", "list", "update"], [""], ["configmaps"], ["app-config"]);
    expect(ruleAllowsResource(named, res("get", "", "configmaps", { name: "app-config" }))).toBe(true);
    expect(ruleAllowsResource(named, res("get", "", "configmaps", { name: "other" }))).toBe(false);
    expect(ruleAllowsResource(named, res("list", "", "configmaps"))).toBe(false);
    expect(ruleAllowsResource(rule(["get"], [""], ["configmaps"]), res("get", "", "configmaps", { name: "anything" }))).toBe(true);
  });

  it("is case-sensitive everywhere", () => {
    expect(ruleAllowsResource(rule(["GET"], [""], ["pods"]), res("get", "", "pods"))).toBe(false);
    expect(ruleAllowsResource(rule(["get"], [""], ["Pods"]), res("get", "", "pods"))).toBe(false);
    expect(ruleAllowsResource(rule(["get"], ["Apps"], ["deployments"]), res("get", "apps", "deployments"))).toBe(false);
  });

  it("never lets a non-resource rule allow a resource request", () => {
    expect(ruleAllowsResource(urlRule(["*"], ["*"]), res("get", "", "pods"))).toBe(false);
  });
});

describe("ruleAllowsNonResource", () => {
  it("matches exact paths, * and trailing-* prefixes", () => {
    const r = urlRule(["get"], ["/healthz", "/api/*", "/version"]);
    expect(ruleAllowsNonResource(r, { verb: "get", path: "/healthz" })).toBe(true);
    expect(ruleAllowsNonResource(r, { verb: "get", path: "/healthz/etcd" })).toBe(false);
    expect(ruleAllowsNonResource(r, { verb: "get", path: "/api/v1" })).toBe(true);
    expect(ruleAllowsNonResource(r, { verb: "get", path: "/api" })).toBe(false); // prefix is "/api/"
    expect(ruleAllowsNonResource(r, { verb: "post", path: "/version" })).toBe(false);
    expect(ruleAllowsNonResource(urlRule(["*"], ["*"]), { verb: "delete", path: "/anything" })).toBe(true);
    // A prefix rule without a slash also matches siblings, exactly as strings.HasPrefix does.
    expect(ruleAllowsNonResource(urlRule(["get"], ["/healthz*"]), { verb: "get", path: "/healthzzz" })).toBe(true);
  });

  it("never lets a resource rule allow a non-resource request", () => {
    expect(ruleAllowsNonResource(rule(["*"], ["*"], ["*"]), { verb: "get", path: "/healthz" })).toBe(false);
  });
});

// Property tests: the matchers agree with a plain, literal reading of the Kubernetes docs.
const token = fc.constantFrom("*", "", "get", "list", "pods", "secrets", "exec", "apps", "a", "b", "*/exec", "pods/exec", "/api", "/api/*", "/api/v1", "/*");
const tokens = fc.array(token, { maxLength: 4 });

function referenceResourceMatch(r: PolicyRule, verb: string, group: string, resource: string, sub: string, name: string): boolean {
  const combined = sub ? `${resource}/${sub}` : resource;
  const verbOk = r.verbs.includes("*") || r.verbs.includes(verb);
  const groupOk = r.apiGroups.includes("*") || r.apiGroups.includes(group);
  const resourceOk = r.resources.includes("*") || r.resources.includes(combined) || (sub !== "" && r.resources.includes(`*/${sub}`));
  const nameOk = r.resourceNames.length === 0 || r.resourceNames.includes(name);
  return verbOk && groupOk && resourceOk && nameOk;
}

function referenceUrlMatch(r: PolicyRule, verb: string, path: string): boolean {
  const verbOk = r.verbs.includes("*") || r.verbs.includes(verb);
  const pathOk = r.nonResourceURLs.some((u) => u === "*" || u === path || (u.endsWith("*") && path.startsWith(u.replace(/\*+$/, ""))));
  return verbOk && pathOk;
}

describe("matchers agree with a reference implementation", () => {
  it("resource requests", () => {
    fc.assert(
      fc.property(tokens, tokens, tokens, tokens, token, token, token, token, token, (verbs, apiGroups, resources, resourceNames, verb, group, resource, sub, name) => {
        const r: PolicyRule = { verbs, apiGroups, resources, resourceNames, nonResourceURLs: [] };
        const actual = ruleAllowsResource(r, { verb, apiGroup: group, resource, subresource: sub, name });
        expect(actual).toBe(referenceResourceMatch(r, verb, group, resource, sub, name));
      }),
      { numRuns: 3000 },
    );
  });

  it("non-resource requests", () => {
    fc.assert(
      fc.property(tokens, fc.array(fc.oneof(token, fc.stringMatching(/^\/[a-z/]{0,6}\*{0,2}$/)), { maxLength: 4 }), token, fc.stringMatching(/^\/[a-z/]{0,8}$/), (verbs, urls, verb, path) => {
        const r = urlRule(verbs, urls);
        expect(ruleAllowsNonResource(r, { verb, path })).toBe(referenceUrlMatch(r, verb, path));
      }),
      { numRuns: 3000 },
    );
  });

  it("resourceMatches with a subresource is never true for the bare resource name alone", () => {
    fc.assert(
      fc.property(fc.constantFrom("pods", "deployments", "nodes"), fc.constantFrom("exec", "log", "proxy", "status"), (resource, sub) => {
        expect(resourceMatches(rule([], [], [resource]), `${resource}/${sub}`, sub)).toBe(false);
      }),
    );
    expect(nonResourceURLMatches(urlRule([], []), "/")).toBe(false);
  });
});
