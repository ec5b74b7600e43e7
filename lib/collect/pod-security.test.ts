import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Workload } from "@/lib/k8s/types";
import { loadInventory } from "./files";
import { effectiveAutomount, normalizeCapability, summarizePodSpec } from "./pod-security";

const REAL = path.join(import.meta.dirname, "..", "..", "test", "fixtures", "real", "charts");

async function workloads(dir: string): Promise<Map<string, Workload>> {
  const r = await loadInventory([path.join(REAL, dir)]);
  expect(r.errors).toEqual([]);
  return new Map(r.inventory.workloads.map((w) => [`${w.kind}/${w.namespace}/${w.name}`, w]));
}

describe("kubernetes-goat workloads (worked out by hand from the manifests)", () => {
  it("docker-bench-security DaemonSet: host namespaces, privileged, AUDIT_CONTROL, seven read-only host paths incl. docker.sock", async () => {
    const w = (await workloads("kubernetes-goat")).get("DaemonSet/default/docker-bench-security")!;
    expect(w.serviceAccountName).toBe("default");
    expect(w.security).toEqual({
      privileged: true,
      hostPID: true,
      hostIPC: true,
      hostNetwork: true,
      // Every volume is mounted with readOnly: true.
      hostPaths: [
        { path: "/var/lib", readOnly: true },
        { path: "/usr/lib/systemd", readOnly: true },
        { path: "/etc", readOnly: true },
        { path: "/lib/systemd/system", readOnly: true },
        { path: "/usr/bin/containerd", readOnly: true },
        { path: "/usr/bin/runc", readOnly: true },
        { path: "/var/run/docker.sock", readOnly: true },
      ],
      capabilities: ["AUDIT_CONTROL"],
      allowPrivilegeEscalation: true, // privileged containers always may escalate
      runAsRoot: true, // pod securityContext.runAsUser: 0
      automountServiceAccountToken: true, // neither the pod nor a known ServiceAccount opts out
      secretRefs: [],
      images: ["madhuakula/hacker-container"],
      containerNames: ["docker-bench"],
    });
  });

  it("health-check Deployment: privileged with a writable containerd.sock (the securityContext sits after a comment)", async () => {
    const w = (await workloads("kubernetes-goat")).get("Deployment/default/health-check-deployment")!;
    expect(w.security).toMatchObject({
      privileged: true,
      hostPID: false,
      hostIPC: false,
      hostNetwork: false,
      hostPaths: [{ path: "/run/containerd/containerd.sock", readOnly: false }],
      capabilities: [],
      allowPrivilegeEscalation: true,
      runAsRoot: true,
    });
  });

  it("system-monitor Deployment: hostPID+hostIPC (hostNetwork commented out), / mounted writable, reads Secret goatvault via env", async () => {
    const w = (await workloads("kubernetes-goat")).get("Deployment/default/system-monitor-deployment")!;
    expect(w.security).toMatchObject({
      privileged: true,
      hostPID: true,
      hostIPC: true,
      hostNetwork: false,
      hostPaths: [{ path: "/", readOnly: false }],
      secretRefs: ["goatvault"],
      allowPrivilegeEscalation: true,
    });
  });

  it("hunger-check Deployment runs as big-monolith-sa; kube-bench-master Job shares the host PID namespace", async () => {
    const all = await workloads("kubernetes-goat");
    const hunger = all.get("Deployment/big-monolith/hunger-check-deployment")!;
    expect(hunger.serviceAccountName).toBe("big-monolith-sa");
    expect(hunger.security).toMatchObject({ privileged: false, hostPaths: [], automountServiceAccountToken: true });
    const bench = all.get("Job/default/kube-bench-master")!;
    expect(bench.security.hostPID).toBe(true);
    expect(bench.security.privileged).toBe(false);
    expect(bench.security.hostPaths.length).toBeGreaterThan(0);
    expect(bench.security.hostPaths.every((h) => h.readOnly)).toBe(true);
    // Thirteen workloads in the folder, as SOURCES.md counts them.
    expect(all.size).toBe(13);
  });
});

describe("token automount: the pod spec overrides the ServiceAccount", () => {
  it("resolves kube-prometheus: SA false + pod true → true; SA false + pod false → false", async () => {
    const all = await workloads("kube-prometheus");
    // kubeStateMetrics-serviceAccount.yaml: false; kubeStateMetrics-deployment.yaml: automountServiceAccountToken: true.
    expect(all.get("Deployment/monitoring/kube-state-metrics")!.security.automountServiceAccountToken).toBe(true);
    // grafana-serviceAccount.yaml: false; grafana-deployment.yaml: false.
    expect(all.get("Deployment/monitoring/grafana")!.security.automountServiceAccountToken).toBe(false);
  });

  it("follows the documented precedence", () => {
    expect(effectiveAutomount(undefined, undefined)).toBe(true);
    expect(effectiveAutomount(undefined, false)).toBe(false);
    expect(effectiveAutomount(true, false)).toBe(true);
    expect(effectiveAutomount(false, true)).toBe(false);
  });
});

describe("summarizePodSpec", () => {
  it("covers init and ephemeral containers, CAP_ prefixes, projected/env/envFrom secrets and non-root settings", () => {
    const s = summarizePodSpec({
      securityContext: { runAsNonRoot: true },
      initContainers: [{ name: "init", image: "busybox", securityContext: { capabilities: { add: ["cap_net_admin"] } } }],
      containers: [
        {
          name: "app",
          image: "app:1",
          securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ["NET_BIND_SERVICE"] } },
          env: [{ name: "A", valueFrom: { secretKeyRef: { name: "db", key: "password" } } }, { name: "B", value: "plain" }],
          envFrom: [{ secretRef: { name: "api" } }, { configMapRef: { name: "cfg" } }],
          volumeMounts: [{ name: "tok", mountPath: "/t" }, { name: "logs", mountPath: "/l", readOnly: true }, { name: "logs", mountPath: "/l2" }],
        },
      ],
      ephemeralContainers: [{ name: "debug", image: "busybox", securityContext: { allowPrivilegeEscalation: false } }],
      volumes: [
        { name: "tok", projected: { sources: [{ secret: { name: "proj" } }, { serviceAccountToken: { path: "t" } }] } },
        { name: "cert", secret: { secretName: "tls" } },
        { name: "logs", hostPath: { path: "/var/log" } },
        { name: "unused", hostPath: { path: "/srv" } },
      ],
    });
    expect(s.capabilities).toEqual(["NET_ADMIN", "NET_BIND_SERVICE"]);
    // The init container leaves allowPrivilegeEscalation unset, so it defaults to allowed.
    expect(s.allowPrivilegeEscalation).toBe(true);
    // runAsNonRoot at pod level applies to every container.
    expect(s.runAsRoot).toBe(false);
    expect(s.secretRefs).toEqual(["api", "db", "proj", "tls"]);
    // /var/log is mounted once read-only and once writable; /srv is not mounted (reported writable, conservatively).
    expect(s.hostPaths).toEqual([
      { path: "/var/log", readOnly: false },
      { path: "/srv", readOnly: false },
    ]);
    expect(s.images).toEqual(["busybox", "app:1"]);
    expect(s.containerNames).toEqual(["init", "app", "debug"]);
  });

  it("treats SYS_ADMIN as privilege escalation and a container runAsUser 0 as root despite the pod's non-zero UID", () => {
    const s = summarizePodSpec({
      securityContext: { runAsUser: 1000 },
      containers: [{ name: "c", securityContext: { allowPrivilegeEscalation: false, runAsUser: 0, capabilities: { add: ["CAP_SYS_ADMIN"] } } }],
    });
    expect(s.allowPrivilegeEscalation).toBe(true);
    expect(s.runAsRoot).toBe(true);
    const t = summarizePodSpec({ securityContext: { runAsUser: 1000 }, containers: [{ name: "c", securityContext: { allowPrivilegeEscalation: false } }] });
    expect(t.allowPrivilegeEscalation).toBe(false);
    expect(t.runAsRoot).toBe(false);
  });

  it("normalizes capability names", () => {
    expect(normalizeCapability("cap_sys_ptrace")).toBe("SYS_PTRACE");
    expect(normalizeCapability("NET_RAW")).toBe("NET_RAW");
  });
});
