/**
 * Loads the Acme Pay demo cluster (lib/demo) into the database Palisade is configured for (DATABASE_URL, or the
 * embedded PostgreSQL in EMBEDDED_PG_DIR) through the real pipeline: loadDemoInventory → analyze → runRules →
 * scoreIdentities → saveSnapshot. Development aid for the web app; `npm run demo` is the supported entry point.
 *
 *   EMBEDDED_PG_DIR=.data/pg-dev npx tsx e2e/support/seed-demo.ts [--cluster NAME] [--times N]
 */
import { loadDemoInventory, DEMO_MANIFESTS_RELATIVE } from "@/lib/demo";
import { analyze } from "@/lib/rbac";
import { runRules, scoreIdentities } from "@/lib/rules";
import { closeStore, saveSnapshot } from "@/lib/store";

const argv = process.argv.slice(2);
const clusterName = argv.includes("--cluster") ? argv[argv.indexOf("--cluster") + 1]! : "acmepay-prod-eu";
const times = argv.includes("--times") ? Number(argv[argv.indexOf("--times") + 1]) : 1;

try {
  const loaded = await loadDemoInventory();
  if (loaded.errors.length) throw new Error(`demo manifests failed to load: ${loaded.errors.length} errors`);
  const analysis = analyze(loaded.inventory);
  const findings = runRules(analysis);
  const risks = scoreIdentities(analysis, findings);
  for (let i = 0; i < times; i++) {
    const { snapshotId } = await saveSnapshot({ clusterName, source: "files", sourceDetail: DEMO_MANIFESTS_RELATIVE, inventory: loaded.inventory, analysis, findings, risks });
    process.stdout.write(`saved snapshot ${snapshotId} of ${clusterName}: ${analysis.identities.length} identities, ${findings.length} findings\n`);
  }
} finally {
  await closeStore();
}
