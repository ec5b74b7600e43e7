import { describe, expect, it } from "vitest";
import { analyze } from "@/lib/rbac";
import { clusterRole, clusterRoleBinding, inventory, role, roleBinding, rule, serviceAccount, user, sa } from "@/lib/rbac/testing";
import type { Finding, RuleMeta } from "@/lib/rules/types";
import { githubSarif } from "@/test/cli/github-sarif-schema";
import { formatCsv } from "./csv";
import { formatJson, toJsonReport } from "./json";
import { failingCount, findingSource, isFailing, type ScanReport } from "./model";
import { toSarif } from "./sarif";
import { formatTable } from "./table";

/*
 * A hand-built report: the findings are written out here (not produced by the rules), so these tests pin down only
 * what the formatters do with them.
 */
const at = (file: string, line: number) => ({ source: { file, line } });
const inv = inventory({
  serviceAccounts: [{ ...serviceAccount("ci", "deployer"), ...at("/repo/k8s/ci.yaml", 1) }],
  clusterRoles: [{ ...clusterRole("everything", [rule(["*"], ["*"], ["*"])]), ...at("/repo/k8s/roles.yaml", 3) }],
  roles: [{ ...role("ci", "exec", [rule(["create"], [""], ["pods/exec"])]), ...at("/repo/k8s/ci.yaml", 7) }],
  clusterRoleBindings: [{ ...clusterRoleBinding("ops-everything", { kind: "ClusterRole", name: "everything" }, [user("ops")]), ...at("/repo/k8s/bindings.yaml", 12) }],
  roleBindings: [{ ...roleBinding("ci", "deployer-exec", { kind: "Role", name: "exec" }, [sa("ci", "deployer")]), ...at("/repo/k8s/ci.yaml", 20) }],
});
const analysis = analyze(inv);

const rules: RuleMeta[] = [
  {
    id: "cluster-admin-equivalent",
    title: "Full control of the cluster",
    severity: "critical",
    category: "cluster-admin",
    rationale: "Wildcard verbs on wildcard resources in every API group is cluster-admin.",
    remediation: "Bind a narrower role.",
    references: [
      { title: "RBAC good practices", url: "https://kubernetes.io/docs/concepts/security/rbac-good-practices/" },
      { title: "Second reference", url: "https://example.org/second" },
    ],
    mitre: [{ id: "T1078.001", name: "Valid Accounts: Default Accounts", url: "https://attack.mitre.org/techniques/T1078/001/" }],
  },
  {
    id: "pods-exec",
    title: "Exec into pods",
    severity: "high",
    category: "workload-execution",
    rationale: "A shell in a pod gives its service account token.",
    remediation: "Remove create on pods/exec.",
    references: [{ title: "Kubernetes: pods/exec", url: "https://kubernetes.io/docs/reference/access-authn-authz/authorization/" }],
  },
  {
    id: "unused-rule",
    title: "Never fires here",
    severity: "low",
    category: "hygiene",
    rationale: "Present so SARIF lists rules without results.",
    remediation: "Nothing.",
    references: [{ title: "x", url: "https://example.org/x" }],
  },
];

const opsFinding: Finding = {
  ruleId: "cluster-admin-equivalent",
  severity: "critical",
  identityId: "User:ops",
  message: "User ops can do anything, anywhere",
  namespace: null,
  evidence: [
    {
      binding: { kind: "ClusterRoleBinding", name: "ops-everything" },
      role: { kind: "ClusterRole", name: "everything" },
      ruleIndex: 0,
      namespace: null,
      via: { kind: "User", name: "ops" },
      verbs: ["*"],
      apiGroups: ["*"],
      resources: ["*"],
    },
  ],
  byDesign: false,
};
const execFinding: Finding = {
  ruleId: "pods-exec",
  severity: "medium",
  identityId: "ServiceAccount:ci:deployer",
  message: 'Can exec into pods in namespace ci, "quoted", with commas',
  namespace: "ci",
  evidence: [
    {
      binding: { kind: "RoleBinding", name: "deployer-exec", namespace: "ci" },
      role: { kind: "Role", name: "exec", namespace: "ci" },
      ruleIndex: 0,
      namespace: "ci",
      via: { kind: "ServiceAccount", name: "deployer", namespace: "ci" },
      verbs: ["create"],
      apiGroups: [""],
      resources: ["pods/exec"],
    },
  ],
  byDesign: false,
};
const byDesignFinding: Finding = { ...opsFinding, identityId: "User:system:kube-controller-manager", severity: "info", byDesign: true, message: "by design" };

function report(findings: Finding[], failOn: ScanReport["failOn"] = "high"): ScanReport {
  return {
    tool: { name: "palisade", version: "9.9.9" },
    analysis,
    findings,
    risks: [
      { identityId: "ServiceAccount:ci:deployer", score: 40, level: "medium", overPermissive: false, reasons: [] },
      { identityId: "User:ops", score: 100, level: "critical", overPermissive: true, reasons: ["cluster-admin"] },
    ],
    rules,
    input: { files: 3, objects: 5 },
    failOn,
    cwd: "/repo",
  };
}

describe("fail-on", () => {
  it("counts findings at or above the threshold, never by-design ones", () => {
    expect(isFailing(opsFinding, "critical")).toBe(true);
    expect(isFailing(execFinding, "high")).toBe(false); // medium < high
    expect(isFailing(execFinding, "medium")).toBe(true);
    expect(isFailing(execFinding, "never")).toBe(false);
    expect(isFailing({ ...opsFinding, byDesign: true }, "low")).toBe(false);
    expect(failingCount(report([opsFinding, execFinding, byDesignFinding], "low"))).toBe(2);
  });
});

describe("finding locations", () => {
  it("points at the binding that grants the permission", () => {
    expect(findingSource(opsFinding, analysis)).toEqual({ file: "/repo/k8s/bindings.yaml", line: 12 });
    expect(findingSource(execFinding, analysis)).toEqual({ file: "/repo/k8s/ci.yaml", line: 20 });
  });
  it("prefers the object a finding is about", () => {
    const f: Finding = { ...opsFinding, identityId: undefined, object: { kind: "ClusterRole", name: "everything" } };
    expect(findingSource(f, analysis)).toEqual({ file: "/repo/k8s/roles.yaml", line: 3 });
  });
});

describe("table", () => {
  const out = formatTable(report([execFinding, opsFinding]));
  it("groups findings per identity, riskiest first, with severity words and locations", () => {
    const ops = out.indexOf("User ops — risk 100/100 (critical)");
    const ci = out.indexOf("ServiceAccount ci/deployer — risk 40/100 (medium)");
    expect(ops).toBeGreaterThanOrEqual(0);
    expect(ci).toBeGreaterThan(ops);
    expect(out).toContain("  CRITICAL  cluster-admin-equivalent  cluster-wide  k8s/bindings.yaml:12\n      User ops can do anything, anywhere\n");
    expect(out).toContain("  MEDIUM  pods-exec  namespace ci  k8s/ci.yaml:20\n");
    expect(out).toContain("via ServiceAccount ci/deployer: RoleBinding ci/deployer-exec → Role ci/exec, rule 0 (create pods/exec)");
  });
  it("ends with a summary that states the verdict", () => {
    expect(out.trimEnd().split("\n").at(-1)).toBe(
      "2 findings (1 critical, 1 medium) on 2 identities; scanned 3 files, 5 objects. FAIL: 1 finding at or above high.",
    );
    expect(formatTable(report([execFinding])).trimEnd().split("\n").at(-1)).toMatch(/PASS: no findings at or above high\.$/);
  });
  it("labels by-design findings in words", () => {
    expect(formatTable(report([byDesignFinding]))).toContain("INFO (by design)");
  });
});

describe("json", () => {
  it("nests findings under identities with relative locations and fail flags", () => {
    const j = toJsonReport(report([execFinding, opsFinding, byDesignFinding]));
    expect(j.summary).toEqual({ findings: 3, bySeverity: { critical: 1, high: 0, medium: 1, low: 0, info: 1 }, failOn: "high", failing: 1 });
    expect(j.identities.map((i) => i.id)).toEqual(["User:ops", "ServiceAccount:ci:deployer", "User:system:kube-controller-manager"]);
    const ops = j.identities[0]!;
    expect(ops).toMatchObject({ kind: "User", name: "ops", builtIn: false, risk: { score: 100, level: "critical" } });
    expect(ops.findings[0]).toMatchObject({ ruleId: "cluster-admin-equivalent", title: "Full control of the cluster", failing: true, location: { file: "k8s/bindings.yaml", line: 12 } });
    expect(j.identities[2]!.findings[0]).toMatchObject({ byDesign: true, failing: false });
  });

  it("streams exactly the pretty-printed whole report", () => {
    for (const findings of [[], [execFinding], [execFinding, opsFinding, byDesignFinding], [{ ...execFinding, identityId: undefined, object: { kind: "Role", name: "exec", namespace: "ci" } }]]) {
      const r = report(findings);
      expect(formatJson(r)).toBe(`${JSON.stringify(toJsonReport(r), null, 2)}\n`);
    }
  });
});

describe("sarif", () => {
  const log = toSarif(report([execFinding, opsFinding]));
  it("is valid for GitHub code scanning", () => {
    const parsed = githubSarif.safeParse(log);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });
  it("describes every catalogue rule with severity, help and first reference", () => {
    const driver = log.runs[0]!.tool.driver;
    expect(driver.rules.map((r) => r.id)).toEqual(["cluster-admin-equivalent", "pods-exec", "unused-rule"]);
    const admin = driver.rules[0]!;
    expect(admin).toMatchObject({
      name: "ClusterAdminEquivalent",
      shortDescription: { text: "Full control of the cluster" },
      fullDescription: { text: "Wildcard verbs on wildcard resources in every API group is cluster-admin." },
      helpUri: "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
      defaultConfiguration: { level: "error" },
    });
    expect(admin.properties["security-severity"]).toBe("9.5");
    expect(admin.properties.tags).toEqual(expect.arrayContaining(["security", "cluster-admin", "external/mitre-attack/T1078.001"]));
    expect(admin.help.markdown).toContain("Bind a narrower role.");
    expect(admin.help.markdown).toContain("[Second reference](https://example.org/second)");
    expect(driver.rules.map((r) => r.properties["security-severity"])).toEqual(["9.5", "8.0", "3.0"]);
  });
  it("locates each result at the granting binding, with level from the finding's severity", () => {
    const [first, second] = log.runs[0]!.results;
    expect(first).toMatchObject({ ruleId: "cluster-admin-equivalent", ruleIndex: 0, level: "error" });
    expect(first!.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: "k8s/bindings.yaml" }, region: { startLine: 12 } } }]);
    expect(second).toMatchObject({ ruleId: "pods-exec", ruleIndex: 1, level: "warning" });
    expect(second!.locations[0]!.physicalLocation.artifactLocation.uri).toBe("k8s/ci.yaml");
  });
  it("keeps fingerprints stable when lines move and distinct per finding", () => {
    const moved = structuredClone(inv);
    moved.clusterRoleBindings[0]!.source = { file: "/repo/k8s/bindings.yaml", line: 99 };
    const again = toSarif({ ...report([opsFinding, execFinding]), analysis: analyze(moved) });
    const prints = (l: typeof log) => l.runs[0]!.results.map((r) => r.partialFingerprints);
    expect(prints(again)).toEqual(prints(log));
    expect(again.runs[0]!.results[0]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 99 });
    expect(new Set(prints(log).map((p) => p.primaryLocationLineHash)).size).toBe(2);
  });
});

describe("csv", () => {
  it("writes a header and one quoted row per finding", () => {
    const lines = formatCsv(report([execFinding, opsFinding])).trimEnd().split("\n");
    expect(lines).toEqual([
      "identity,identity_kind,identity_namespace,identity_name,rule_id,rule_title,severity,by_design,failing,scope,object,message,evidence,file,line",
      'User:ops,User,,ops,cluster-admin-equivalent,Full control of the cluster,critical,false,true,cluster-wide,,"User ops can do anything, anywhere","via User ops: ClusterRoleBinding ops-everything → ClusterRole everything, rule 0",k8s/bindings.yaml,12',
      'ServiceAccount:ci:deployer,ServiceAccount,ci,deployer,pods-exec,Exec into pods,medium,false,false,ci,,"Can exec into pods in namespace ci, ""quoted"", with commas","via ServiceAccount ci/deployer: RoleBinding ci/deployer-exec → Role ci/exec, rule 0",k8s/ci.yaml,20',
    ]);
  });
});
