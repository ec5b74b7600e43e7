import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { analyze, canI, whoCan } from "@/lib/rbac";
import { BOOTSTRAP_POLICY_DIR } from "@/lib/collect/default-policy";
import { DEMO_MANIFESTS_DIR, loadDemoInventory } from "./index";

type Obj = { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown; labels?: Record<string, string>; annotations?: Record<string, string> }; [k: string]: unknown };

const CLUSTER_SCOPED = new Set(["Namespace", "Node", "ClusterRole", "ClusterRoleBinding", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "PersistentVolume", "StorageClass", "CustomResourceDefinition"]);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Every object of every document, List items expanded, with the file it came from. */
function demoObjects(dir: string = DEMO_MANIFESTS_DIR): { file: string; obj: Obj }[] {
  const out: { file: string; obj: Obj }[] = [];
  for (const file of yamlFiles(dir)) {
    for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
      const value = doc.toJS() as Obj | null;
      if (value === null) continue;
      const items = value.kind === "List" || (value.apiVersion === "v1" && Array.isArray(value.items)) ? (value.items as Obj[]) : [value];
      for (const obj of items) out.push({ file: path.relative(dir, file), obj });
    }
  }
  return out;
}

describe("demo manifests", () => {
  it("parse with the yaml package without errors or warnings", () => {
    const files = yamlFiles(DEMO_MANIFESTS_DIR);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
        expect(doc.errors.map((e) => `${file}: ${e.message}`)).toEqual([]);
        expect(doc.warnings.map((e) => `${file}: ${e.message}`)).toEqual([]);
      }
    }
  });

  it("every object is well formed, uniquely named, and lives in a namespace the demo defines", () => {
    const objects = demoObjects();
    expect(objects.length).toBeGreaterThanOrEqual(150);
    expect(objects.length).toBeLessThanOrEqual(310);
    const namespaces = new Set(objects.filter(({ obj }) => obj.kind === "Namespace").map(({ obj }) => obj.metadata?.name));
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const { file, obj } of objects) {
      const where = `${file}: ${String(obj.kind)} ${String(obj.metadata?.name)}`;
      if (typeof obj.apiVersion !== "string" || obj.apiVersion === "") problems.push(`${where}: no apiVersion`);
      if (typeof obj.kind !== "string" || obj.kind === "") problems.push(`${where}: no kind`);
      if (typeof obj.metadata?.name !== "string" || obj.metadata.name === "") problems.push(`${where}: no metadata.name`);
      const ns = obj.metadata?.namespace;
      if (CLUSTER_SCOPED.has(String(obj.kind))) {
        if (ns !== undefined) problems.push(`${where}: cluster-scoped object with a namespace`);
      } else if (typeof ns !== "string" || !namespaces.has(ns)) problems.push(`${where}: namespace ${String(ns)} missing or undefined`);
      const key = `${String(obj.apiVersion)}/${String(obj.kind)}/${String(ns ?? "")}/${String(obj.metadata?.name)}`;
      if (seen.has(key)) problems.push(`${where}: duplicate`);
      seen.add(key);
    }
    expect(problems).toEqual([]);
  });

  it("no Secret carries data or stringData", () => {
    const secrets = demoObjects().filter(({ obj }) => obj.kind === "Secret");
    expect(secrets.length).toBeGreaterThan(3);
    for (const { file, obj } of secrets) {
      expect("data" in obj, `${file} ${String(obj.metadata?.name)}`).toBe(false);
      expect("stringData" in obj, `${file} ${String(obj.metadata?.name)}`).toBe(false);
    }
  });

  it("crown jewels are labelled and annotated", () => {
    const jewels = demoObjects().filter(({ obj }) => obj.metadata?.labels?.["palisade.io/crown-jewel"] === "true" && obj.kind !== "Pod");
    const names = jewels.map(({ obj }) => `${String(obj.kind)} ${String(obj.metadata?.namespace)}/${String(obj.metadata?.name)}`).sort();
    expect(names).toEqual([
      "Secret checkout/payment-gateway-api-key",
      "Secret data-platform/customer-warehouse-credentials",
      "Secret payments/ledger-db-credentials",
      "StatefulSet data-platform/customer-warehouse",
      "StatefulSet payments/ledger-db",
    ]);
    for (const { obj } of jewels) {
      expect(obj.metadata?.annotations?.["palisade.io/crown-jewel-name"]).toBeTruthy();
      expect(obj.metadata?.annotations?.["palisade.io/crown-jewel-tier"]).toMatch(/^tier-[0-9]$/);
    }
  });

  it("the bootstrap copies are the fixtures' objects, unchanged", () => {
    const fixtures = path.resolve(import.meta.dirname, "../../test/fixtures/real/kubernetes-bootstrap");
    const copies = BOOTSTRAP_POLICY_DIR;
    const names = readdirSync(fixtures).filter((f) => f.endsWith(".yaml")).sort();
    expect(readdirSync(copies).filter((f) => f.endsWith(".yaml")).sort()).toEqual(names);
    for (const f of names) {
      const copy = readFileSync(path.join(copies, f), "utf8");
      expect(copy).toMatch(/^# .*\n# .*kubernetes\/kubernetes .*\n# at commit [0-9a-f]{40}/);
      expect(copy).toContain("Apache License, Version 2.0");
      expect(parse(copy)).toEqual(parse(readFileSync(path.join(fixtures, f), "utf8")));
    }
  });
});

describe("the demo's story, as the RBAC authorizer would decide it", async () => {
  const loaded = await loadDemoInventory();
  const analysis = analyze(loaded.inventory);
  const secretGet = { type: "resource", verb: "get", apiGroup: "", resource: "secrets", namespace: "payments", name: "ledger-db-credentials" } as const;

  it("loads through lib/collect with no errors or warnings", () => {
    expect(loaded.errors).toEqual([]);
    expect(loaded.warnings).toEqual([]);
    // The demo is loaded together with the bootstrap policy a real cluster serves.
    expect(loaded.objects).toBe(demoObjects().length + demoObjects(BOOTSTRAP_POLICY_DIR).length);
  });

  it("who can read the ledger's credentials", () => {
    const ids = new Set(whoCan(analysis, secretGet).map((s) => `${s.kind}:${s.namespace ? `${s.namespace}/` : ""}${s.name}`));
    // resourceNames grant; namespace admin (admin aggregates edit, which reads secrets); cluster-wide grants.
    for (const id of [
      "ServiceAccount:payments/ledger-writer",
      "Group:oidc:payments-leads",
      "User:priya@acmepay.example",
      "ServiceAccount:payments/db-migrator", // the binding outlived its service account
      "Group:oidc:sre",
      "User:dave@acmepay.example",
      "ServiceAccount:kube-system/kubernetes-dashboard",
      "ServiceAccount:data-platform/dataflow-operator",
      "ServiceAccount:ci/platform-bootstrapper",
      "ServiceAccount:argocd/argocd-application-controller",
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
    // view excludes secrets; the CI deployer cannot read secrets (it gets there by creating pods instead).
    for (const id of ["Group:oidc:payments-devs", "Group:oidc:security-auditors", "ServiceAccount:ci/github-actions-deployer", "Group:system:authenticated"]) {
      expect(ids.has(id), id).toBe(false);
    }
    // ledger-writer's Role names one Secret: another Secret in payments is out of its reach.
    const other = whoCan(analysis, { ...secretGet, name: "payments-api-tls" }).map((s) => s.name);
    expect(other).not.toContain("ledger-writer");
  });

  it("the CI deployer can create pods in payments but not in data-platform", () => {
    const ci = "system:serviceaccount:ci:github-actions-deployer";
    const groups = ["system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"];
    const createPod = (namespace: string) => canI(analysis, ci, groups, { type: "resource", verb: "create", apiGroup: "", resource: "pods", namespace });
    expect(createPod("payments").allowed).toBe(true);
    expect(createPod("data-platform").allowed).toBe(false);
  });

  it("aggregation hands every editor RoleBinding writes and bind, where edit is bound", () => {
    const member = (group: string, verb: string, resource: string, namespace: string) =>
      canI(analysis, "someone@acmepay.example", [group, "system:authenticated"], { type: "resource", verb, apiGroup: "rbac.authorization.k8s.io", resource, namespace }).allowed;
    expect(member("oidc:checkout-devs", "create", "rolebindings", "checkout")).toBe(true);
    expect(member("oidc:checkout-devs", "bind", "clusterroles", "checkout")).toBe(true);
    expect(member("oidc:checkout-devs", "create", "rolebindings", "payments")).toBe(false);
  });

  it("support engineers can impersonate system:masters", () => {
    const r = canI(analysis, "sam@acmepay.example", ["oidc:support-engineers", "system:authenticated"], { type: "resource", verb: "impersonate", apiGroup: "", resource: "groups", name: "system:masters" });
    expect(r.allowed).toBe(true);
  });

  it("reports exactly the two planted dangling bindings", () => {
    expect(analysis.danglingRoleRefs.map((d) => `${d.binding.namespace}/${d.binding.name} -> ${d.role.kind}/${d.role.name}`)).toEqual(["checkout/contractors-legacy-deployer -> Role/legacy-deployer"]);
    expect(analysis.danglingSubjects.map((d) => `${d.binding.namespace}/${d.binding.name} -> ${d.subject.namespace}/${d.subject.name}`)).toEqual(["payments/db-migrator-admin -> payments/db-migrator"]);
  });
});
