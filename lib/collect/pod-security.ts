import type { HostPathMount, PodSecuritySummary } from "@/lib/k8s/types";

/**
 * Security-relevant facts read from a PodSpec (a Pod's own or a controller's pod template).
 * Input is the raw, untrusted spec as parsed from a manifest or API response: every field is optional
 * and may have the wrong type, so each access checks what it reads.
 */

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function objects(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}
function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}
function bool(v: unknown): boolean | undefined {
  return typeof v === "boolean" ? v : undefined;
}
function int(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** The summary minus the token automount, which also depends on the ServiceAccount (see {@link effectiveAutomount}). */
export type PodSpecSecurity = Omit<PodSecuritySummary, "automountServiceAccountToken">;

/** All containers of a pod: init, regular and ephemeral (each can run code with the pod's privileges). */
export function allContainers(spec: Obj): Obj[] {
  return [...objects(spec.initContainers), ...objects(spec.containers), ...objects(spec.ephemeralContainers)];
}

/** Normalizes a Linux capability name: upper-case, without the `CAP_` prefix (runtimes accept both spellings). */
export function normalizeCapability(cap: string): string {
  const up = cap.toUpperCase();
  return up.startsWith("CAP_") ? up.slice(4) : up;
}

/**
 * Summarizes a PodSpec.
 *
 * - `privileged`: some container has `securityContext.privileged: true`.
 * - `hostPaths`: every hostPath volume; `readOnly` only when it is mounted and every mount of it is `readOnly: true`
 *   (an unmounted volume is reported as writable: conservative).
 * - `capabilities`: union of `securityContext.capabilities.add` of all containers.
 * - `allowPrivilegeEscalation`: some container may gain privileges. The field defaults to true when unset, and
 *   "AllowPrivilegeEscalation is true always when the container is: 1) run as Privileged 2) has CAP_SYS_ADMIN"
 *   (k8s.io/api core/v1 SecurityContext docs).
 * - `runAsRoot`: some container may run as UID 0: its effective (container over pod) `runAsNonRoot` is not true and its
 *   effective `runAsUser` is 0 or unset (unset means the image's USER, which is root unless the image says otherwise).
 */
export function summarizePodSpec(spec: Obj): PodSpecSecurity {
  const containers = allContainers(spec);
  const podSc = isObj(spec.securityContext) ? spec.securityContext : {};

  let privileged = false;
  let allowPrivilegeEscalation = false;
  let runAsRoot = false;
  const caps = new Set<string>();
  const images: string[] = [];
  const seenImages = new Set<string>();
  const containerNames: string[] = [];
  const secretRefs = new Set<string>();
  const mountsByVolume = new Map<string, boolean[]>();

  for (const c of containers) {
    const name = str(c.name);
    if (name !== undefined) containerNames.push(name);
    const image = str(c.image);
    if (image !== undefined && !seenImages.has(image)) {
      seenImages.add(image);
      images.push(image);
    }

    const sc = isObj(c.securityContext) ? c.securityContext : {};
    const cPriv = bool(sc.privileged) === true;
    if (cPriv) privileged = true;
    const added: string[] = [];
    if (isObj(sc.capabilities) && Array.isArray(sc.capabilities.add)) {
      for (const cap of sc.capabilities.add) {
        if (typeof cap === "string") {
          const n = normalizeCapability(cap);
          added.push(n);
          caps.add(n);
        }
      }
    }
    if (bool(sc.allowPrivilegeEscalation) !== false || cPriv || added.includes("SYS_ADMIN")) {
      allowPrivilegeEscalation = true;
    }
    const nonRoot = bool(sc.runAsNonRoot) ?? bool(podSc.runAsNonRoot);
    const uid = int(sc.runAsUser) ?? int(podSc.runAsUser);
    if (nonRoot !== true && (uid === undefined || uid === 0)) runAsRoot = true;

    for (const e of objects(c.env)) {
      const vf = isObj(e.valueFrom) ? e.valueFrom : undefined;
      const ref = vf && isObj(vf.secretKeyRef) ? str(vf.secretKeyRef.name) : undefined;
      if (ref) secretRefs.add(ref);
    }
    for (const e of objects(c.envFrom)) {
      const ref = isObj(e.secretRef) ? str(e.secretRef.name) : undefined;
      if (ref) secretRefs.add(ref);
    }
    for (const m of objects(c.volumeMounts)) {
      const vol = str(m.name);
      if (vol === undefined) continue;
      const list = mountsByVolume.get(vol) ?? [];
      list.push(bool(m.readOnly) === true);
      mountsByVolume.set(vol, list);
    }
  }

  const hostPaths: HostPathMount[] = [];
  for (const v of objects(spec.volumes)) {
    if (isObj(v.hostPath)) {
      const path = str(v.hostPath.path);
      if (path !== undefined) {
        const mounts = mountsByVolume.get(str(v.name) ?? "") ?? [];
        hostPaths.push({ path, readOnly: mounts.length > 0 && mounts.every((ro) => ro) });
      }
    }
    if (isObj(v.secret)) {
      const ref = str(v.secret.secretName);
      if (ref) secretRefs.add(ref);
    }
    if (isObj(v.projected)) {
      for (const s of objects(v.projected.sources)) {
        const ref = isObj(s.secret) ? str(s.secret.name) : undefined;
        if (ref) secretRefs.add(ref);
      }
    }
  }

  return {
    privileged,
    hostPID: bool(spec.hostPID) === true,
    hostIPC: bool(spec.hostIPC) === true,
    hostNetwork: bool(spec.hostNetwork) === true,
    hostPaths,
    capabilities: [...caps].sort(),
    allowPrivilegeEscalation,
    runAsRoot,
    secretRefs: [...secretRefs].sort(),
    images,
    containerNames,
  };
}

/**
 * Whether the ServiceAccount token is mounted into the pod.
 * "If both the ServiceAccount and the Pod's .spec specify a value for automountServiceAccountToken, the Pod spec takes
 * precedence" (kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting);
 * with neither set the token is mounted (plugin/pkg/admission/serviceaccount: shouldAutomount defaults to true).
 */
export function effectiveAutomount(podValue: boolean | undefined, serviceAccountValue: boolean | undefined): boolean {
  if (podValue !== undefined) return podValue;
  if (serviceAccountValue !== undefined) return serviceAccountValue;
  return true;
}
