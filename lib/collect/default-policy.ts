import path from "node:path";
import type { ClusterRole, Inventory } from "@/lib/k8s/types";
import { loadInventory } from "./files";

/**
 * The RBAC policy every Kubernetes API server creates at start-up (kubernetes/kubernetes
 * plugin/pkg/auth/authorizer/rbac/bootstrappolicy), shipped as manifests with attribution in SOURCES.md.
 */
export const BOOTSTRAP_POLICY_DIR = path.join(import.meta.dirname, "kubernetes-bootstrap");

/** Project-relative form, for code bundled by Next where import.meta.dirname moves. */
export const BOOTSTRAP_POLICY_RELATIVE = "lib/collect/kubernetes-bootstrap";

const ROLE_FILES = ["cluster-roles.yaml", "controller-roles.yaml"];

let defaultClusterRoles: Promise<ClusterRole[]> | undefined;

/** Kubernetes' default ClusterRoles (cluster-admin, admin, edit, view, system:*), loaded once. */
export function loadDefaultClusterRoles(dir: string = BOOTSTRAP_POLICY_DIR): Promise<ClusterRole[]> {
  if (dir !== BOOTSTRAP_POLICY_DIR) return readRoles(dir);
  defaultClusterRoles ??= readRoles(dir);
  return defaultClusterRoles;
}

async function readRoles(dir: string): Promise<ClusterRole[]> {
  const loaded = await loadInventory(ROLE_FILES.map((f) => path.join(dir, f)));
  if (loaded.errors.length > 0) throw new Error(`the bundled Kubernetes default policy in ${dir} did not load: ${loaded.errors[0]!.message}`);
  return loaded.inventory.clusterRoles;
}

/**
 * Manifests describe objects to add to a cluster that already has Kubernetes' default ClusterRoles; a chart that binds
 * `cluster-admin` or `edit` relies on them. Adds every default ClusterRole the inventory does not define itself (an
 * inventory's own definition wins, so a collected cluster or a modified default is analysed as it is).
 * Returns a new inventory and the names that were added.
 */
export async function withDefaultClusterRoles(inv: Inventory): Promise<{ inventory: Inventory; added: string[] }> {
  const defined = new Set(inv.clusterRoles.map((r) => r.name));
  const missing = (await loadDefaultClusterRoles()).filter((r) => !defined.has(r.name));
  if (missing.length === 0) return { inventory: inv, added: [] };
  return { inventory: { ...inv, clusterRoles: [...inv.clusterRoles, ...missing] }, added: missing.map((r) => r.name) };
}
