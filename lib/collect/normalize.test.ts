import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadInventory } from "./files";
import { InventoryBuilder } from "./normalize";

const RBAC = "rbac.authorization.k8s.io/v1";
const at = { file: "in.yaml", line: 7 };

function build(...objs: unknown[]) {
  const b = new InventoryBuilder();
  const errors = objs.flatMap((o) => b.add(o, at));
  return { inv: b.build(), errors, warnings: b.warnings, objects: b.objects };
}

describe("secrets are metadata only", () => {
  it("never keeps data, stringData or the last-applied annotation that embeds them (real fixture and hand-written)", async () => {
    const values = ["c3VwZXJzZWNyZXQ=", "supersecret", "plain-string-data"];
    const { inv } = build({
      apiVersion: "v1",
      kind: "Secret",
      type: "kubernetes.io/basic-auth",
      metadata: {
        name: "creds",
        namespace: "app",
        annotations: {
          "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify({ data: { password: values[0] }, stringData: { x: values[2] } }),
          owner: "team-a",
        },
      },
      data: { password: values[0] },
      stringData: { token: values[2] },
    });
    expect(inv.secrets).toEqual([
      { kind: "Secret", name: "creds", namespace: "app", type: "kubernetes.io/basic-auth", labels: {}, annotations: { owner: "team-a" }, source: at },
    ]);
    const text = JSON.stringify(inv);
    for (const v of values) expect(text).not.toContain(v);

    // kubernetes-goat's hunger-check/system-monitor manifests carry three base64 secrets.
    const goat = await loadInventory([path.join(import.meta.dirname, "..", "..", "test", "fixtures", "real", "charts", "kubernetes-goat")]);
    expect(goat.inventory.secrets.map((s) => `${s.namespace}/${s.name}:${s.type}`).sort()).toEqual([
      "big-monolith/vaultapikey:Opaque",
      "big-monolith/webhookapikey:Opaque",
      "default/goatvault:Opaque",
    ]);
    const goatText = JSON.stringify(goat);
    for (const v of [
      "azhzLWdvYXQtY2QyZGEyNzIyNDU5MWRhMmI0OGVmODM4MjZhOGE2YzM=",
      "azhzLWdvYXQtODUwNTc4NDZhODA0NmEyNWIzNWYzOGYzYTI2NDlkY2U=",
      "azhzLWdvYXQtZGZjZjYzMDUzOTU1M2VjZjk1ODZmZGZkYTE5NjhmZWM=",
      "k8s-goat-cd2da27224591da2b48ef83826a8a6c3", // base64-decoded goatvault value
    ]) {
      expect(goatText).not.toContain(v);
    }
  });

  it("accepts a PartialObjectMetadataList of secrets when told what the items are", () => {
    const b = new InventoryBuilder();
    const errors = b.add(
      {
        apiVersion: "meta.k8s.io/v1",
        kind: "PartialObjectMetadataList",
        items: [{ apiVersion: "meta.k8s.io/v1", kind: "PartialObjectMetadata", metadata: { name: "tok", namespace: "kube-system", uid: "u1" } }],
      },
      { file: "cluster:secrets" },
      { assumeKind: { apiVersion: "v1", kind: "Secret" } },
    );
    expect(errors).toEqual([]);
    expect(b.build().secrets).toEqual([
      { kind: "Secret", name: "tok", namespace: "kube-system", uid: "u1", labels: {}, annotations: {}, source: { file: "cluster:secrets" } },
    ]);
  });
});

describe("RBAC objects", () => {
  it("defaults a RoleBinding's ServiceAccount subject namespace to the binding's, keeps strings exactly, normalizes rules", () => {
    const { inv, errors } = build(
      {
        apiVersion: RBAC,
        kind: "RoleBinding",
        metadata: { name: "rb", namespace: "team" },
        roleRef: { kind: "ClusterRole", name: "Edit" }, // apiGroup defaulted
        subjects: [
          { kind: "ServiceAccount", name: "builder" },
          { kind: "ServiceAccount", name: "other", namespace: "elsewhere" },
          { kind: "User", name: "Alice@Example.com", apiGroup: "rbac.authorization.k8s.io" },
          { kind: "Group", name: "system:authenticated", namespace: "ignored-for-groups" },
        ],
      },
      { apiVersion: "rbac.authorization.k8s.io/v1beta1", kind: "Role", metadata: { name: "r", namespace: "team" }, rules: [{ verbs: ["GET"] }, { nonResourceURLs: ["/healthz"], verbs: ["get"] }] },
    );
    expect(errors).toEqual([]);
    expect(inv.roleBindings[0]).toMatchObject({
      roleRef: { kind: "ClusterRole", name: "Edit", apiGroup: "rbac.authorization.k8s.io" },
      subjects: [
        { kind: "ServiceAccount", name: "builder", namespace: "team" },
        { kind: "ServiceAccount", name: "other", namespace: "elsewhere" },
        { kind: "User", name: "Alice@Example.com" },
        { kind: "Group", name: "system:authenticated" },
      ],
    });
    expect(inv.roleBindings[0]!.subjects[3]).not.toHaveProperty("namespace");
    expect(inv.roles[0]!.rules).toEqual([
      { verbs: ["GET"], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [] },
      { verbs: ["get"], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: ["/healthz"] },
    ]);
  });

  it("rejects what the API server would reject, naming the object, and skips only that object", () => {
    const crb = (name: string, extra: object) => ({ apiVersion: RBAC, kind: "ClusterRoleBinding", metadata: { name }, ...extra });
    const ref = { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" };
    const { inv, errors } = build(
      crb("sa-no-ns", { roleRef: ref, subjects: [{ kind: "ServiceAccount", name: "x" }] }),
      crb("to-role", { roleRef: { ...ref, kind: "Role" } }),
      crb("lower-kind", { roleRef: ref, subjects: [{ kind: "user", name: "bob" }] }),
      crb("no-name", { roleRef: ref, subjects: [{ kind: "User" }] }),
      crb("bad-group", { roleRef: { ...ref, apiGroup: "example.com" } }),
      crb("sa-group", { roleRef: ref, subjects: [{ kind: "ServiceAccount", name: "x", namespace: "n", apiGroup: "rbac.authorization.k8s.io" }] }),
      { apiVersion: RBAC, kind: "ClusterRole", metadata: { name: "verbs-not-strings" }, rules: [{ verbs: ["get", 5] }] },
      { apiVersion: RBAC, kind: "ClusterRole", metadata: { name: "bad-op" }, aggregationRule: { clusterRoleSelectors: [{ matchExpressions: [{ key: "a", operator: "in" }] }] } },
      crb("fine", { roleRef: ref, subjects: [{ kind: "Group", name: "g" }] }),
    );
    expect(errors.map((e) => `${e.object}: ${e.message}`)).toEqual([
      "ClusterRoleBinding sa-no-ns: subjects[0].namespace is required for a ServiceAccount subject of a ClusterRoleBinding",
      'ClusterRoleBinding to-role: roleRef.kind must be ClusterRole, got a string "Role"',
      'ClusterRoleBinding lower-kind: subjects[0].kind must be User, Group or ServiceAccount, got a string "user"',
      "ClusterRoleBinding no-name: subjects[0].name is required",
      'ClusterRoleBinding bad-group: roleRef.apiGroup must be rbac.authorization.k8s.io, got a string "example.com"',
      'ClusterRoleBinding sa-group: subjects[0].apiGroup must be empty for kind ServiceAccount, got a string "rbac.authorization.k8s.io"',
      "ClusterRole verbs-not-strings: rules[0].verbs[1] must be a string, got a number",
      'ClusterRole bad-op: aggregationRule.clusterRoleSelectors[0].matchExpressions[0].operator must be one of In, NotIn, Exists, DoesNotExist, got a string "in"',
    ]);
    expect(errors.every((e) => e.file === "in.yaml" && e.line === 7)).toBe(true);
    expect(inv.clusterRoleBindings.map((b) => b.name)).toEqual(["fine"]);
    expect(inv.clusterRoles).toEqual([]);
  });

  it("keeps aggregationRule selectors with matchLabels and matchExpressions", () => {
    const { inv } = build({
      apiVersion: RBAC,
      kind: "ClusterRole",
      metadata: { name: "agg" },
      aggregationRule: {
        clusterRoleSelectors: [
          { matchLabels: { "example.com/aggregate": "true" } },
          { matchExpressions: [{ key: "tier", operator: "In", values: ["a", "b"] }, { key: "legacy", operator: "DoesNotExist" }] },
        ],
      },
    });
    expect(inv.clusterRoles[0]!.aggregationRule).toEqual({
      clusterRoleSelectors: [
        { matchLabels: { "example.com/aggregate": "true" }, matchExpressions: [] },
        {
          matchLabels: {},
          matchExpressions: [
            { key: "tier", operator: "In", values: ["a", "b"] },
            { key: "legacy", operator: "DoesNotExist", values: [] },
          ],
        },
      ],
    });
    expect(inv.clusterRoles[0]!.rules).toEqual([]);
  });

  it("puts namespace-less namespaced objects in 'default' with a warning; ignores a namespace on cluster-scoped ones", () => {
    const { inv, warnings } = build(
      { apiVersion: RBAC, kind: "Role", metadata: { name: "r" } },
      { apiVersion: RBAC, kind: "ClusterRole", metadata: { name: "c", namespace: "meaningless" } },
    );
    expect(inv.roles[0]!.namespace).toBe("default");
    expect(inv.clusterRoles[0]).not.toHaveProperty("namespace");
    expect(warnings.map((w) => w.object)).toEqual(["Role default/r"]);
  });

  it("lets a later duplicate replace an earlier one (as kubectl apply would), with a warning", () => {
    const b = new InventoryBuilder();
    b.add({ apiVersion: RBAC, kind: "ClusterRole", metadata: { name: "dup" }, rules: [{ verbs: ["get"] }] }, { file: "a.yaml", line: 1 });
    b.add({ apiVersion: RBAC, kind: "ClusterRole", metadata: { name: "dup" }, rules: [{ verbs: ["list"] }] }, { file: "b.yaml", line: 3 });
    // Same name, different kind: not a duplicate.
    b.add({ apiVersion: "admissionregistration.k8s.io/v1", kind: "MutatingWebhookConfiguration", metadata: { name: "dup" }, webhooks: [{ name: "m.example.com" }] }, { file: "b.yaml", line: 9 });
    b.add({ apiVersion: "admissionregistration.k8s.io/v1", kind: "ValidatingWebhookConfiguration", metadata: { name: "dup" }, webhooks: [{ name: "v.example.com" }] }, { file: "b.yaml", line: 20 });
    const inv = b.build();
    expect(inv.clusterRoles.map((c) => c.rules[0]!.verbs)).toEqual([["list"]]);
    expect(inv.webhookConfigurations.map((w) => [w.kind, w.webhookNames])).toEqual([
      ["MutatingWebhookConfiguration", ["m.example.com"]],
      ["ValidatingWebhookConfiguration", ["v.example.com"]],
    ]);
    expect(b.warnings).toHaveLength(1);
    expect(b.warnings[0]).toMatchObject({ file: "b.yaml", line: 3, object: "ClusterRole dup" });
    expect(b.warnings[0]!.message).toContain("first defined at a.yaml:1");
  });
});

describe("Lists and kinds", () => {
  it("expands v1/List, typed lists (items inherit the list's apiVersion and kind) and null items", () => {
    const { inv, errors, objects } = build(
      {
        apiVersion: "v1",
        kind: "List",
        items: [
          { apiVersion: "v1", kind: "ServiceAccountList", items: [{ metadata: { name: "sa1", namespace: "n" } }] },
          { apiVersion: "v1", kind: "Namespace", metadata: { name: "n" } },
        ],
      },
      { apiVersion: "v1", kind: "PodList", items: null },
      { apiVersion: "apps/v1", kind: "DeploymentList", items: [] },
    );
    expect(errors).toEqual([]);
    expect(objects).toBe(2);
    expect(inv.serviceAccounts.map((s) => `${s.namespace}/${s.name}`)).toEqual(["n/sa1"]);
    expect(inv.namespaces.map((n) => n.name)).toEqual(["n"]);
  });

  it("counts kinds it does not model by apiVersion/kind, including a CRD that happens to be called Role", () => {
    const { inv } = build(
      { apiVersion: "v1", kind: "Service", metadata: { name: "a", namespace: "n" } },
      { apiVersion: "v1", kind: "Service", metadata: { name: "b", namespace: "n" } },
      { apiVersion: "example.com/v1", kind: "Role", metadata: { name: "not-rbac" } },
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "aws-auth", namespace: "default" } }, // not kube-system
    );
    expect(inv.ignoredKinds).toEqual({ "v1/Service": 2, "example.com/v1/Role": 1, "v1/ConfigMap": 1 });
    expect(inv.roles).toEqual([]);
  });

  it("reports objects without kind, apiVersion or metadata.name, and non-objects", () => {
    const { errors } = build({ kind: 0 }, { apiVersion: "v1", metadata: { name: "x" } }, { kind: "Namespace", metadata: { name: "x" } }, { apiVersion: "v1", kind: "Namespace", metadata: { generateName: "tmp-" } }, "just a string");
    expect(errors.map((e) => `${e.object}: ${e.message}`)).toEqual([
      "object: 'kind' must be a non-empty string, got a number",
      "object x: object has no 'kind'",
      "Namespace x: object has no 'apiVersion'",
      "Namespace: metadata.name is required (metadata.generateName 'tmp-' is only resolved by the API server at creation)",
      'object: expected a Kubernetes object (a mapping), got a string "just a string"',
    ]);
  });

  it("normalizes nodes, network policies (policyTypes defaulting) and webhook configurations", () => {
    const { inv } = build(
      { apiVersion: "v1", kind: "Node", metadata: { name: "cp" }, spec: { taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }, { key: "k", value: "v", effect: "NoExecute" }] } },
      { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "deny", namespace: "n" }, spec: { podSelector: {} } },
      { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "egress", namespace: "n" }, spec: { podSelector: { matchLabels: { app: "a" } }, egress: [{}] } },
      { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "explicit", namespace: "n" }, spec: { podSelector: {}, policyTypes: ["Egress"] } },
    );
    expect(inv.nodes[0]!.taints).toEqual([
      { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" },
      { key: "k", value: "v", effect: "NoExecute" },
    ]);
    expect(inv.networkPolicies.map((p) => [p.name, p.policyTypes])).toEqual([
      ["deny", ["Ingress"]],
      ["egress", ["Ingress", "Egress"]],
      ["explicit", ["Egress"]],
    ]);
    expect(inv.networkPolicies[1]!.podSelector).toEqual({ matchLabels: { app: "a" }, matchExpressions: [] });
  });
});

describe("workloads", () => {
  const podSpec = { containers: [{ name: "c", image: "img" }] };

  it("reads the pod template of every controller kind, the service account, owner and node", () => {
    const { inv, errors } = build(
      { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "n", ownerReferences: [{ kind: "Node", name: "x" }, { kind: "ReplicaSet", name: "rs-1", controller: true }] }, spec: { ...podSpec, serviceAccount: "legacy", nodeName: "node-1" } },
      { apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "cj", namespace: "n" }, spec: { jobTemplate: { spec: { template: { spec: { ...podSpec, serviceAccountName: "cron" } } } } } },
      { apiVersion: "v1", kind: "ReplicationController", metadata: { name: "rc", namespace: "n" }, spec: { template: { spec: podSpec } } },
      { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "ss", namespace: "n" }, spec: { template: { spec: { ...podSpec, serviceAccountName: "new", serviceAccount: "old" } } } },
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "no-template", namespace: "n" }, spec: {} },
      { apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "bad-cron", namespace: "n" }, spec: { template: { spec: podSpec } } },
    );
    expect(inv.workloads.map((w) => [w.kind, w.name, w.serviceAccountName, w.owner ?? null, w.nodeName ?? null])).toEqual([
      ["Pod", "p", "legacy", { kind: "ReplicaSet", name: "rs-1" }, "node-1"],
      ["CronJob", "cj", "cron", null, null],
      ["ReplicationController", "rc", "default", null, null],
      ["StatefulSet", "ss", "new", null, null],
    ]);
    expect(errors.map((e) => `${e.object}: ${e.message}`)).toEqual([
      "Deployment n/no-template: spec.template is required",
      "CronJob n/bad-cron: spec.jobTemplate.spec is required",
    ]);
  });

  it("resolves token automount at build time, whatever the order of pod and ServiceAccount", () => {
    const { inv } = build(
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "inherits", namespace: "n" }, spec: { template: { spec: { ...podSpec, serviceAccountName: "quiet" } } } },
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "overrides", namespace: "n" }, spec: { template: { spec: { ...podSpec, serviceAccountName: "quiet", automountServiceAccountToken: true } } } },
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "other-ns", namespace: "m" }, spec: { template: { spec: { ...podSpec, serviceAccountName: "quiet" } } } },
      { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "quiet", namespace: "n" }, automountServiceAccountToken: false, secrets: [{ name: "quiet-token" }], imagePullSecrets: [{ name: "reg" }] },
    );
    expect(inv.workloads.map((w) => [w.name, w.security.automountServiceAccountToken])).toEqual([
      ["inherits", false],
      ["overrides", true],
      ["other-ns", true], // m/quiet is unknown: the default (mount) applies
    ]);
    expect(inv.serviceAccounts[0]).toMatchObject({ secrets: ["quiet-token"], imagePullSecrets: ["reg"], automountServiceAccountToken: false });
  });
});
