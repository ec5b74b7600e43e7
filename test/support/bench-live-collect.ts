/**
 * Measures a live collection against the fake API server: ~100k pods, 20k ServiceAccounts, 50k RoleBindings
 * (plus namespaces, roles, secrets). Not a test. Run: `npx tsx test/support/bench-live-collect.ts [scale]`.
 */
import { collectLive } from "@/lib/collect/live";
import { createProgressRenderer } from "@/lib/collect/progress";
import { generateCluster, startFakeKubeApi } from "./fake-kube-api";

const scale = Number(process.argv[2] ?? "1");
const namespaces = Math.round(1000 * scale);
const tGen = performance.now();
const objects = generateCluster({
  namespaces,
  podsPerNamespace: 100,
  serviceAccountsPerNamespace: 20,
  roleBindingsPerNamespace: 50,
  rolesPerNamespace: 5,
  secretsPerNamespace: 10,
  clusterRoles: 200,
  clusterRoleBindings: 200,
  nodes: 100,
});
const genMs = performance.now() - tGen;
const tLoad = performance.now();
const fake = await startFakeKubeApi({ objects });
const loadMs = performance.now() - tLoad;
const counts = fake.counts();
console.error(
  `generated ${objects.length} objects in ${Math.round(genMs)} ms; server indexed them in ${Math.round(loadMs)} ms ` +
    `(pods ${counts.pods}, serviceaccounts ${counts.serviceaccounts}, rolebindings ${counts.rolebindings}, secrets ${counts.secrets})`,
);
const renderer = createProgressRenderer();
const rss0 = process.memoryUsage().rss;
const result = await collectLive({ kubeconfig: fake.kubeconfigPath, onProgress: renderer.onProgress });
renderer.stop();
const inv = result.inventory;
console.log(
  JSON.stringify(
    {
      durationMs: result.durationMs,
      requests: fake.requests.length,
      perKind: result.perKind,
      inventory: {
        workloads: inv.workloads.length,
        serviceAccounts: inv.serviceAccounts.length,
        roleBindings: inv.roleBindings.length,
        secrets: inv.secrets.length,
      },
      rssGrowthMB: Math.round((process.memoryUsage().rss - rss0) / 1e6),
      gaps: result.coverageGaps.length,
      inputErrors: result.inputErrors.length,
    },
    null,
    1,
  ),
);
await fake.close();
