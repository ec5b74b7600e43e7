import { describe, expect, it } from "vitest";
import { analyze } from "@/lib/rbac";
import { clusterRole, clusterRoleBinding, group, inventory, role, roleBinding, rule, sa, urlRule, user } from "@/lib/rbac/testing";
import { evaluateAssertion, parseAssertions, type Assertion } from "./assertions";

/*
 * ns team: Role team/reader [get pods] bound by RoleBinding team/readers to User ann and Group qa.
 * ClusterRole metrics [get /metrics] bound cluster-wide to Group system:serviceaccounts:mon.
 */
const analysis = analyze(
  inventory({
    roles: [role("team", "reader", [rule(["get"], [""], ["pods"])])],
    roleBindings: [roleBinding("team", "readers", { kind: "Role", name: "reader" }, [user("ann"), group("qa"), sa(undefined, "bot")])],
    clusterRoles: [clusterRole("metrics", [urlRule(["get"], ["/metrics"])])],
    clusterRoleBindings: [clusterRoleBinding("metrics", { kind: "ClusterRole", name: "metrics" }, [group("system:serviceaccounts:mon")])],
  }),
);

function parse(yaml: string) {
  return parseAssertions(yaml, "policy.yaml");
}

function evaluate(yaml: string) {
  const { assertions, errors } = parse(yaml);
  expect(errors).toEqual([]);
  return assertions.map((a: Assertion) => evaluateAssertion(analysis, a));
}

describe("evaluateAssertion", () => {
  it("can-i: missing namespace is cluster-scoped, missing apiGroup is core", () => {
    const [inNs, cluster, otherGroup] = evaluate(`
assertions:
  - {id: a, can-i: {user: ann, verb: get, resource: pods, namespace: team}, expect: true}
  - {id: b, can-i: {user: ann, verb: get, resource: pods}, expect: false}
  - {id: c, can-i: {user: ann, verb: get, apiGroup: metrics.k8s.io, resource: pods, namespace: team}, expect: false}
`);
    expect([inNs, cluster, otherGroup].map((r) => [r!.passed, r!.actual])).toEqual([[true, true], [true, false], [true, false]]);
  });

  it("can-i: given groups are the complete list; omitted groups are the implicit ones", () => {
    const results = evaluate(`
assertions:
  - {id: implicit, can-i-path: {user: "system:serviceaccount:mon:prom", verb: get, path: /metrics}, expect: true}
  - {id: explicit-empty, can-i-path: {user: "system:serviceaccount:mon:prom", groups: [], verb: get, path: /metrics}, expect: true}
  - {id: via-group, can-i: {user: zed, groups: [qa], verb: get, resource: pods, namespace: team}, expect: true}
`);
    expect(results.map((r) => [r.id, r.passed, r.actual])).toEqual([
      ["implicit", true, true],
      ["explicit-empty", false, false],
      ["via-group", true, true],
    ]);
  });

  it("who-can: exact set, subset and none", () => {
    const results = evaluate(`
assertions:
  - id: exact
    who-can: {verb: get, resource: pods, namespace: team}
    expect: [{kind: User, name: ann}, {kind: Group, name: qa}, {kind: ServiceAccount, name: bot, namespace: team}]
  - id: exact-missing-one
    who-can: {verb: get, resource: pods, namespace: team}
    expect: [{kind: User, name: ann}, {kind: Group, name: qa}]
  - id: subset
    who-can: {verb: get, resource: pods, namespace: team}
    expect-subset: [{kind: Group, name: qa}]
  - id: subset-absent
    who-can: {verb: get, resource: pods, namespace: team}
    expect-subset: [{kind: User, name: bob}]
  - id: none
    who-can: {verb: get, resource: pods, namespace: null}
    expect-none: true
`);
    expect(results.map((r) => [r.id, r.passed])).toEqual([
      ["exact", true],
      ["exact-missing-one", false],
      ["subset", true],
      ["subset-absent", false],
      ["none", true],
    ]);
    expect(results[1]!.summary).toContain("unexpected ServiceAccount team/bot");
    expect(results[3]!.summary).toContain("missing User bob");
    expect(results[0]!.actual).toEqual([{ kind: "User", name: "ann" }, { kind: "Group", name: "qa" }, { kind: "ServiceAccount", name: "bot", namespace: "team" }]);
  });
});

describe("parseAssertions", () => {
  it("accepts JSON as well as YAML", () => {
    const { assertions, errors } = parseAssertions('{"assertions": [{"id": "j", "can-i": {"user": "u", "verb": "get", "resource": "pods"}, "expect": false}]}', "p.json");
    expect(errors).toEqual([]);
    expect(assertions).toHaveLength(1);
  });

  it("locates problems at the offending key or value", () => {
    const { assertions, errors } = parse(`assertions:
  - id: one
    who-can: {verb: get, resource: pods}
    expect: []
    expect-none: true
  - id: one
    can-i: {user: u, verb: get, resource: pods}
    expect: true
  - can-i: {user: u, verb: get, resource: pods}
    can-i-path: {user: u, verb: get, path: /x}
    expect: true
extra: 1
`);
    expect(assertions).toEqual([]);
    expect(errors).toEqual([
      { file: "policy.yaml", line: 12, column: 1, message: 'unknown top-level key "extra" (only "assertions" is allowed)' },
      { file: "policy.yaml", line: 5, column: 18, message: 'assertion "one": expect-none: give only one of expect, expect-none and expect-subset (found expect, expect-none)' },
      { file: "policy.yaml", line: 6, column: 9, message: 'assertion "one": id: duplicate id (also assertion #1)' },
      { file: "policy.yaml", line: 9, column: 5, message: "assertion #3: give only one of can-i, can-i-path and who-can (found can-i, can-i-path)" },
    ]);
  });

  it("reports YAML syntax errors and wrong shapes", () => {
    expect(parse("assertions: [").errors[0]).toMatchObject({ file: "policy.yaml", line: 1, message: expect.stringMatching(/^invalid YAML: /) });
    expect(parse("- a\n- b\n").errors).toEqual([{ file: "policy.yaml", line: 1, column: 1, message: 'expected a mapping with an "assertions" list' }]);
    expect(parse("assertions: {}\n").errors).toEqual([{ file: "policy.yaml", line: 1, column: 13, message: '"assertions" must be a list' }]);
    expect(parse("assertions: []\n").errors).toEqual([{ file: "policy.yaml", line: 1, column: 13, message: '"assertions" is empty: nothing would be checked' }]);
  });
});
