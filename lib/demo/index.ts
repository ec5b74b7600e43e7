import path from "node:path";
import { BOOTSTRAP_POLICY_DIR } from "@/lib/collect/default-policy";
import { loadInventory, type LoadResult } from "@/lib/collect/files";

/**
 * The bundled Acme Pay demo cluster (see lib/demo/README.md for its story and intended findings):
 * readable manifests under lib/demo/manifests, loaded with the file collector like any other input.
 */
export const DEMO_MANIFESTS_DIR = path.join(import.meta.dirname, "manifests");

/** The demo's path relative to the project root, for code bundled by Next (where import.meta.dirname moves). */
export const DEMO_MANIFESTS_RELATIVE = "lib/demo/manifests";

/**
 * Loads the demo cluster through lib/collect (`dir` defaults to {@link DEMO_MANIFESTS_DIR}) together with the real
 * Kubernetes bootstrap policy a live cluster would also serve (lib/collect/kubernetes-bootstrap).
 */
export function loadDemoInventory(dir: string = DEMO_MANIFESTS_DIR, bootstrapDir: string = BOOTSTRAP_POLICY_DIR): Promise<LoadResult> {
  return loadInventory([dir, bootstrapDir]);
}
