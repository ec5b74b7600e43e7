import { describe, expect, it } from "vitest";
import { analyze } from "@/lib/rbac";
import { inventory } from "@/lib/rbac/testing";
import { buildClusterModel, escapesOf, hostPathEscape, normalizeIamArn, privilegedPodsAdmitted } from "./model";
import { namespace, pod, workload } from "./testing";

describe("hostPathEscape", () => {
  it.each([
    ["/", false, 1],
    ["/", true, 1], // exposes the runtime socket below it
    ["/var/run/docker.sock", true, 1],
    ["/run/containerd", false, 1],
    ["/var/lib/kubelet", false, 1],
    ["/var/lib/kubelet/pods", true, 2],
    ["/etc", true, 2],
    ["/etc/kubernetes/pki", true, 2],
    ["/proc", false, 1],
    ["/dev", false, 1],
    ["/opt/cni/bin", false, 2],
    ["/var/log", false, 3],
  ])("%s (read-only %s) escapes at cost %i", (path, readOnly, cost) => {
    expect(hostPathEscape(path, readOnly)?.cost).toBe(cost);
  });

  it.each([
    ["/var/log", true],
    ["/etc/ssl/certs", true],
    ["/lib/modules", true],
    ["/run/xtables.lock", false],
    ["/data/app", false],
    ["/opt/cni/bin", true],
  ])("%s (read-only %s) is not an escape", (path, readOnly) => {
    expect(hostPathEscape(path, readOnly)).toBeUndefined();
  });
});

describe("escapesOf", () => {
  it("counts SYS_PTRACE only with hostPID, and lists each capability with its cost", () => {
    expect(escapesOf(pod("a", "p", { security: { capabilities: ["SYS_PTRACE"] } }))).toEqual([]);
    expect(escapesOf(pod("a", "p", { security: { capabilities: ["SYS_PTRACE"], hostPID: true } })).map((e) => [e.fact, e.cost])).toEqual([["hostPID with SYS_PTRACE (inject into a host process)", 2]]);
    expect(escapesOf(pod("a", "p", { security: { privileged: true, hostNetwork: true } })).map((e) => e.cost)).toEqual([1, 4]);
    expect(escapesOf(pod("a", "p", { security: { capabilities: ["NET_ADMIN"] } }))).toEqual([]);
  });
});

describe("workload grouping", () => {
  it("groups pods under their top-level controller, through missing ReplicaSets and Jobs by name", () => {
    const inv = inventory({
      workloads: [
        workload("Deployment", "shop", "api"),
        pod("shop", "api-7d9f8c6b5-x2x4q", { owner: { kind: "ReplicaSet", name: "api-7d9f8c6b5" }, nodeName: "n1" }),
        pod("shop", "api-7d9f8c6b5-abcde", { owner: { kind: "ReplicaSet", name: "api-7d9f8c6b5" }, nodeName: "n2" }),
        workload("CronJob", "shop", "report"),
        workload("Job", "shop", "report-28391000", { owner: { kind: "CronJob", name: "report" } }),
        pod("shop", "report-28391000-zz9k2", { owner: { kind: "Job", name: "report-28391000" } }),
        pod("shop", "orphan-5f6d7c8b9-qqqqq", { owner: { kind: "ReplicaSet", name: "orphan-5f6d7c8b9" } }),
        pod("kube-system", "etcd-n1", { owner: { kind: "Node", name: "n1" }, nodeName: "n1" }),
      ],
    });
    const model = buildClusterModel(analyze(inv));
    expect(model.workloads.map((g) => [g.id, g.objects.length, g.nodeNames])).toEqual([
      ["Workload:kube-system:Pod:etcd-n1", 1, ["n1"]],
      ["Workload:shop:CronJob:report", 3, []],
      ["Workload:shop:Deployment:api", 3, ["n1", "n2"]],
      ["Workload:shop:ReplicaSet:orphan-5f6d7c8b9", 1, []],
    ]);
    expect(model.podByName.get("shop/api-7d9f8c6b5-abcde")?.group.id).toBe("Workload:shop:Deployment:api");
    expect(model.nodeNames).toEqual(["n1", "n2"]);
  });

  it("reads Pod Security Admission enforce labels", () => {
    const model = buildClusterModel(analyze(inventory({ namespaces: [namespace("a"), namespace("b", { "pod-security.kubernetes.io/enforce": "baseline" }), namespace("c", { "pod-security.kubernetes.io/enforce": "privileged" })] })));
    expect(["a", "b", "c", "unknown"].map((ns) => privilegedPodsAdmitted(model, ns))).toEqual([true, false, true, true]);
  });
});

describe("normalizeIamArn", () => {
  it("drops the role path, as aws-auth matching does", () => {
    expect(normalizeIamArn("arn:aws:iam::111122223333:role/teams/payments/api")).toBe("arn:aws:iam::111122223333:role/api");
    expect(normalizeIamArn("arn:aws-us-gov:iam::111122223333:user/ci")).toBe("arn:aws-us-gov:iam::111122223333:user/ci");
    expect(normalizeIamArn("not-an-arn")).toBe("not-an-arn");
  });
});
