import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { formatInputError } from "./errors";
import { jsonItemOffsets, loadInventory, STDIN_LABEL } from "./files";

const tmp = mkdtempSync(path.join(tmpdir(), "palisade-files-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const p = path.join(tmp, name);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

describe("YAML", () => {
  it("loads multi-document YAML with anchors, aliases, --- noise, comments and empty documents", async () => {
    const f = write(
      "multi.yaml",
      [
        "# leading comment only",
        "---",
        "---",
        "# a comment-only document",
        "---",
        "apiVersion: rbac.authorization.k8s.io/v1", // line 6
        "kind: ClusterRole",
        "metadata:",
        "  name: reader",
        "  labels: &common",
        "    team: platform",
        "  annotations: *common",
        "rules:",
        "  - &readrule",
        "    apiGroups: [\"\"]",
        "    resources: [pods, Pods]",
        "    verbs: [get, list]",
        "  - *readrule",
        "...",
        "---",
        "", // empty document
        "--- # comment after marker",
        "apiVersion: v1", // line 23
        "kind: ServiceAccount",
        "metadata:",
        "  name: builder",
        "  namespace: ci",
        "  labels: {team: ci}",
        "---",
      ].join("\n"),
    );
    const r = await loadInventory([f]);
    expect(r.errors).toEqual([]);
    expect(r.objects).toBe(2);
    const [cr] = r.inventory.clusterRoles;
    expect(cr?.name).toBe("reader");
    expect(cr?.labels).toEqual({ team: "platform" });
    expect(cr?.annotations).toEqual({ team: "platform" });
    // The alias repeats the first rule; strings are kept exactly (Pods ≠ pods).
    const rule = { apiGroups: [""], resources: ["pods", "Pods"], verbs: ["get", "list"], resourceNames: [], nonResourceURLs: [] };
    expect(cr?.rules).toEqual([rule, rule]);
    expect(cr?.source).toEqual({ file: f, line: 6 });
    const [sa] = r.inventory.serviceAccounts;
    expect(sa).toMatchObject({ name: "builder", namespace: "ci", labels: { team: "ci" } });
    expect(sa?.source).toEqual({ file: f, line: 23 });
  });

  it("accepts a tab before a comment (YAML 1.2)", async () => {
    const f = write("tab-comment.yaml", "apiVersion: v1\nkind: Namespace\t# the namespace\nmetadata:\n  name: tabbed\t# trailing\n");
    const r = await loadInventory([f]);
    expect(r.errors).toEqual([]);
    expect(r.inventory.namespaces.map((n) => n.name)).toEqual(["tabbed"]);
  });

  it("reads YAML 1.1 booleans and << merge keys the way kubectl (go-yaml v2) does", async () => {
    const f = write(
      "yaml11.yaml",
      [
        "apiVersion: v1",
        "kind: Pod",
        "metadata: {name: sneaky, namespace: team}", // (`namespace: n` would be the boolean false, as in kubectl)
        "spec:",
        "  hostPID: on",
        "  base: &sc {privileged: yes}",
        "  automountServiceAccountToken: No",
        "  containers:",
        "  - name: c",
        "    securityContext:",
        "      <<: *sc",
        "      allowPrivilegeEscalation: 'no'", // quoted: a string, so not an explicit false
      ].join("\n"),
    );
    const r = await loadInventory([f]);
    expect(r.errors).toEqual([]);
    expect(r.inventory.workloads[0]!.security).toMatchObject({
      hostPID: true,
      privileged: true,
      automountServiceAccountToken: false,
      allowPrivilegeEscalation: true,
    });
  });

  it("reports malformed YAML at file:line:col and still loads the good documents and other files", async () => {
    const bad = write(
      "bad.yaml",
      [
        "apiVersion: v1",
        "kind: ServiceAccount",
        "metadata:",
        "  name: good",
        "  namespace: ns",
        "---",
        "apiVersion: v1",
        "kind: ServiceAccount",
        "metadata:",
        "  name: bad: value", // line 10: "  name: " is 8 characters, so the nested mapping starts at column 9
      ].join("\n"),
    );
    const tabs = write("tabs.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n\tname: x\n"); // tab indentation, line 4 column 1
    const good = write("good.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: fine\n");
    const r = await loadInventory([bad, tabs, good]);
    expect(r.errors.map((e) => [e.file, e.line, e.column])).toEqual([
      [bad, 10, 9],
      [tabs, 4, 1],
    ]);
    expect(formatInputError(r.errors[0]!)).toMatch(new RegExp(`^${escape(bad)}:10:9: invalid YAML: `));
    expect(r.inventory.serviceAccounts.map((s) => s.name)).toEqual(["good"]);
    expect(r.inventory.namespaces.map((n) => n.name)).toEqual(["fine"]);
    expect(r.files).toBe(3);
  });

  it("reports an unresolved alias (anchors are scoped to their document) instead of throwing", async () => {
    const f = write("alias.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: &n first\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: *n\n");
    const r = await loadInventory([f]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: f, line: 6 });
    expect(r.errors[0]!.message).toMatch(/alias/i);
    expect(r.inventory.namespaces.map((n) => n.name)).toEqual(["first"]);
  });
});

describe("JSON", () => {
  it("loads a single object, a v1/List and a typed List whose items lack apiVersion/kind", async () => {
    const single = write("single.json", JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: "one" } }));
    const list = write(
      "list.json",
      JSON.stringify(
        {
          apiVersion: "v1",
          kind: "List",
          items: [
            { apiVersion: "v1", kind: "Namespace", metadata: { name: "two" } },
            { apiVersion: "v1", kind: "Service", metadata: { name: "svc", namespace: "two" } },
          ],
        },
        null,
        4,
      ),
    );
    const typed = write(
      "typed.json",
      JSON.stringify({
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBindingList",
        metadata: { resourceVersion: "42" },
        items: [
          {
            metadata: { name: "rb", namespace: "two" },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
            subjects: [{ kind: "ServiceAccount", name: "sa" }],
          },
        ],
      }),
    );
    const r = await loadInventory([single, list, typed]);
    expect(r.errors).toEqual([]);
    expect(r.objects).toBe(4);
    expect(r.inventory.namespaces.map((n) => n.name)).toEqual(["one", "two"]);
    expect(r.inventory.ignoredKinds).toEqual({ "v1/Service": 1 });
    expect(r.inventory.roleBindings).toHaveLength(1);
    expect(r.inventory.roleBindings[0]).toMatchObject({
      kind: "RoleBinding",
      name: "rb",
      namespace: "two",
      roleRef: { kind: "ClusterRole", name: "view" },
      subjects: [{ kind: "ServiceAccount", name: "sa", namespace: "two" }],
    });
  });

  it("reports malformed JSON at file:line:col", async () => {
    // Line 4 is `  "metadata": {"name": "x",}`: two spaces, `"metadata":` (cols 3-13), space, `{` (15),
    // `"name":` (16-22), space, `"x"` (24-26), `,` (27), `}` (28) — a property name was expected at column 28.
    const f = write("bad.json", '{\n  "apiVersion": "v1",\n  "kind": "Namespace",\n  "metadata": {"name": "x",}\n}\n');
    // Truncated: the input ends after line 2's `[` (line 2 is `  "items": [`), so the error is at line 2, column 13.
    const g = write("truncated.json", '{\n  "items": [');
    const ok = write("ok.json", '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"still-here"}}');
    const r = await loadInventory([f, g, ok]);
    expect(r.errors.map(formatInputError)).toEqual([
      `${f}:4:28: invalid JSON: Expected double-quoted property name`,
      `${g}:2:13: invalid JSON: Unexpected end of JSON input`,
    ]);
    expect(r.inventory.namespaces.map((n) => n.name)).toEqual(["still-here"]);
  });

  it("locates an invalid item of a large pretty-printed list on its own line", async () => {
    const items = [
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "a" } },
      { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: { name: "no-ref", namespace: "a" } },
    ];
    // JSON.stringify(…, null, 4): line 1 `{`, 2 `"apiVersion"`, 3 `"kind"`, 4 `"items": [`, 5 `{` (item 0),
    // 6 `"apiVersion"`, 7 `"kind"`, 8 `"metadata": {`, 9 `"name"`, 10 `}`, 11 `},`, 12 `{` (item 1).
    const f = write("dump.json", JSON.stringify({ apiVersion: "v1", kind: "List", items }, null, 4));
    const r = await loadInventory([f]);
    expect(r.errors).toEqual([{ file: f, line: 12, message: "roleRef is required", object: "RoleBinding a/no-ref" }]);
  });
});

describe("jsonItemOffsets", () => {
  it("finds the start of each element, skipping strings with brackets and escapes", () => {
    const t = '{"kind":"List","note":"items","items" : [ {"a":"[\\\\"}, 1 , "s\\"x", [2], null ], "after":[9]}';
    const offsets = jsonItemOffsets(t, false)!;
    expect(offsets.map((i) => t.slice(i, i + 3))).toEqual(['{"a', "1 ,", '"s\\', "[2]", "nul"]);
    const u = '[{"a":1},\n {"b":[1,2]}]';
    expect(jsonItemOffsets(u, true)).toEqual([1, 11]);
    expect(jsonItemOffsets('{"kind":"Pod"}', false)).toBeNull();
  });
});

describe("stdin and directories", () => {
  it("reads `-` from stdin, sniffing JSON and YAML", async () => {
    const json = await loadInventory(["-"], {
      stdin: Readable.from([Buffer.from('  {"apiVersion":"v1","kind":"Namespace",'), Buffer.from('"metadata":{"name":"from-json"}}')]),
    });
    expect(json.errors).toEqual([]);
    expect(json.inventory.namespaces[0]).toMatchObject({ name: "from-json", source: { file: STDIN_LABEL, line: 1 } });

    const yaml = await loadInventory(["-"], { stdin: Readable.from(["\n\napiVersion: v1\nkind: Namespace\nmetadata: {name: from-yaml}\n"]) });
    expect(yaml.errors).toEqual([]);
    expect(yaml.inventory.namespaces[0]).toMatchObject({ name: "from-yaml", source: { file: STDIN_LABEL, line: 3 } });

    // YAML flow style that starts like JSON but is not JSON.
    const flow = await loadInventory(["-"], { stdin: Readable.from(["{apiVersion: v1, kind: Namespace, metadata: {name: flow}}"]) });
    expect(flow.errors).toEqual([]);
    expect(flow.inventory.namespaces.map((n) => n.name)).toEqual(["flow"]);
  });

  it("walks directories recursively in sorted order, reading only .yaml/.yml/.json", async () => {
    const dir = path.join(import.meta.dirname, "test-fixtures", "tree");
    const r = await loadInventory([dir]);
    expect(r.errors).toEqual([]);
    expect(r.files).toBe(4);
    // Sorted by path: a.yaml, b/c.yml, b/d/e.json, z.YAML (notes.txt and README are skipped).
    expect(r.inventory.namespaces.map((n) => n.name)).toEqual(["a", "c", "e", "z"]);
  });

  it("names unreadable paths and keeps going", async () => {
    const missing = path.join(tmp, "does-not-exist.yaml");
    const ok = write("present.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: present\n");
    const r = await loadInventory([missing, ok]);
    expect(r.errors.map(formatInputError)).toEqual([`${missing}: cannot read: no such file or directory`]);
    expect(r.inventory.namespaces.map((n) => n.name)).toEqual(["present"]);
  });
});

describe("objects with missing required fields", () => {
  it("reports and skips them with file, line and object while the rest loads", async () => {
    const f = write(
      "bindings.yaml",
      [
        "apiVersion: rbac.authorization.k8s.io/v1", // 1
        "kind: RoleBinding",
        "metadata:",
        "  name: no-roleref",
        "  namespace: team",
        "subjects:",
        "- kind: User",
        "  name: alice",
        "---",
        "apiVersion: rbac.authorization.k8s.io/v1", // 10
        "kind: ClusterRoleBinding",
        "metadata:",
        "  name: no-subject-kind",
        "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}",
        "subjects:",
        "- name: bob",
        "---",
        "apiVersion: rbac.authorization.k8s.io/v1", // 18
        "kind: Role",
        "metadata:",
        "  name: bad-rules",
        "  namespace: team",
        "rules: {verbs: [get]}",
        "---",
        "apiVersion: v1", // 25
        "kind: ServiceAccount",
        "metadata:",
        "  namespace: team",
        "---",
        "apiVersion: rbac.authorization.k8s.io/v1", // 30
        "kind: RoleBinding",
        "metadata:",
        "  name: fine",
        "  namespace: team",
        "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}",
        "subjects:",
        "- {kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}",
      ].join("\n"),
    );
    const r = await loadInventory([f]);
    expect(r.errors.map(formatInputError)).toEqual([
      `${f}:1: roleRef is required (in RoleBinding team/no-roleref)`,
      `${f}:10: subjects[0].kind is required (in ClusterRoleBinding no-subject-kind)`,
      `${f}:18: rules must be a list, got a mapping (in Role team/bad-rules)`,
      `${f}:25: metadata.name is required (in ServiceAccount)`,
    ]);
    expect(r.inventory.roleBindings.map((b) => b.name)).toEqual(["fine"]);
    expect(r.inventory.clusterRoleBindings).toEqual([]);
    expect(r.inventory.roles).toEqual([]);
    expect(r.inventory.serviceAccounts).toEqual([]);
    expect(r.objects).toBe(5);
  });
});

// ---- real public fixtures ----------------------------------------------------------------------------------------

const REAL = path.join(import.meta.dirname, "..", "..", "test", "fixtures", "real");

describe("real fixtures", () => {
  it("loads every file under charts/ and kubernetes-bootstrap/ with zero errors", async () => {
    const r = await loadInventory([path.join(REAL, "charts"), path.join(REAL, "kubernetes-bootstrap")]);
    expect(r.errors.map(formatInputError)).toEqual([]);
    // 108 chart files + 12 bootstrap files (SOURCES.md: 2+2+1+6+12+1+1+37+11+1+2+15+1+1+5+10 and 6+6).
    expect(r.files).toBe(120);
  });

  // Expected numbers: the "Object counts per folder" table of test/fixtures/real/SOURCES.md
  // (Role, ClusterRole, RoleBinding, ClusterRoleBinding, ServiceAccount, workload, other). These folders have no
  // duplicate kind/namespace/name, so every object survives de-duplication.
  const table: Record<string, [number, number, number, number, number, number, number]> = {
    "charts/kube-prometheus": [4, 8, 5, 7, 8, 6, 3],
    "charts/tekton-pipeline": [5, 6, 7, 4, 3, 2, 3],
    "charts/kubernetes-goat": [1, 1, 1, 1, 2, 13, 14],
    "charts/cert-manager": [4, 13, 4, 10, 3, 3, 12],
    "charts/calico": [0, 6, 1, 5, 4, 3, 26],
    "kubernetes-bootstrap/historic-v1.6.0": [4, 39, 3, 30, 0, 0, 0],
  };
  for (const [folder, [role, clusterRole, rb, crb, sa, workload, other]] of Object.entries(table)) {
    it(`matches SOURCES.md counts for ${folder}`, async () => {
      const r = await loadInventory([path.join(REAL, folder)]);
      expect(r.errors).toEqual([]);
      const inv = r.inventory;
      const others =
        inv.namespaces.length +
        inv.secrets.length +
        inv.nodes.length +
        inv.networkPolicies.length +
        inv.webhookConfigurations.length +
        Object.values(inv.ignoredKinds).reduce((a, b) => a + b, 0);
      expect([inv.roles.length, inv.clusterRoles.length, inv.roleBindings.length, inv.clusterRoleBindings.length]).toEqual([role, clusterRole, rb, crb]);
      expect([inv.serviceAccounts.length, inv.workloads.length, others]).toEqual([sa, workload, other]);
      expect(r.objects).toBe(role + clusterRole + rb + crb + sa + workload + other);
    });
  }

  it("matches SOURCES.md counts for the six top-level kubernetes-bootstrap files", async () => {
    const files = ["cluster-roles", "cluster-role-bindings", "namespace-roles", "namespace-role-bindings", "controller-roles", "controller-role-bindings"];
    const r = await loadInventory(files.map((f) => path.join(REAL, "kubernetes-bootstrap", `${f}.yaml`)));
    expect(r.errors).toEqual([]);
    const inv = r.inventory;
    expect([inv.roles.length, inv.clusterRoles.length, inv.roleBindings.length, inv.clusterRoleBindings.length]).toEqual([7, 69, 7, 48]);
    // The bootstrap `admin` ClusterRole is aggregated (rules: null → []).
    const admin = inv.clusterRoles.find((c) => c.name === "admin");
    expect(admin?.rules).toEqual([]);
    // cluster-roles.yaml is a YAML v1/List; each item keeps its own line (line 3: `- aggregationRule:`).
    expect(admin?.source).toEqual({ file: path.join(REAL, "kubernetes-bootstrap", "cluster-roles.yaml"), line: 3 });
    expect(admin?.aggregationRule).toEqual({
      clusterRoleSelectors: [{ matchLabels: { "rbac.authorization.k8s.io/aggregate-to-admin": "true" }, matchExpressions: [] }],
    });
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
