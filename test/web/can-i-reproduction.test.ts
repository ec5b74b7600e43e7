/**
 * Every cell of the drill-down's permissions matrix offers a `palisade can-i` command that reproduces it. Runs those
 * commands through the real CLI (lib/cli main, reading the demo manifests) for a sample of demo identities and cells —
 * one literal, one wildcard-only and one name-restricted cell per scope where there is one — and expects "yes" (exit 0).
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "@/lib/cli/main";
import { loadDemoInventory } from "@/lib/demo";
import { analyze, identityGrants } from "@/lib/rbac";
import type { Identity } from "@/lib/rbac/types";
import { canICommand } from "@/lib/view/can-i-command";
import { buildPermissionMatrix, type MatrixCell } from "@/lib/view/permission-matrix";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FROM = ["lib/demo/manifests", "lib/collect/kubernetes-bootstrap"];

/** Splits the command as sh would (it only ever uses bare words and '…' with '\'' escapes). */
function shellWords(cmd: string): string[] {
  const words: string[] = [];
  let cur = "";
  let inWord = false;
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i]!;
    if (c === "'") {
      const end = cmd.indexOf("'", i + 1);
      cur += cmd.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === "\\") {
      cur += cmd[++i];
      inWord = true;
    } else if (c === " ") {
      if (inWord) words.push(cur);
      cur = "";
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

async function runCli(argv: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await main(argv, { stdout: (t) => (out += t), stderr: (t) => (out += t), stdin: process.stdin, cwd: ROOT });
  return { code, out };
}

describe("can-i commands reproduce matrix cells", () => {
  it("answers yes for sampled cells of demo identities", { timeout: 120_000 }, async () => {
    const loaded = await loadDemoInventory();
    const analysis = analyze(loaded.inventory);
    const ids = ["ServiceAccount:ci:github-actions-deployer", "Group:oidc:support-engineers", "User:priya@acmepay.example", "ServiceAccount:monitoring:prometheus", "Group:oidc:security-auditors"];
    let checked = 0;
    for (const id of ids) {
      const identity = analysis.identityById.get(id) as Identity;
      expect(identity, id).toBeDefined();
      for (const scope of buildPermissionMatrix(identityGrants(analysis, id))) {
        const cells: { verb: string; apiGroup?: string; resource?: string; path?: string; cell: MatrixCell }[] = [];
        for (const row of scope.rows) for (const [verb, cell] of Object.entries(row.cells)) cells.push({ verb, apiGroup: row.apiGroup, resource: row.resource, cell });
        for (const u of scope.nonResource) for (const [verb, cell] of Object.entries(u.cells)) cells.push({ verb, path: u.path, cell });
        const sample = [cells.find((c) => !c.cell.wildcard && !c.cell.restricted), cells.find((c) => c.cell.wildcard), cells.find((c) => c.cell.restricted), cells.find((c) => c.path)].filter((c) => c !== undefined);
        for (const c of new Set(sample)) {
          const grants = identityGrants(analysis, id);
          const cmd = canICommand({
            identity: { kind: identity.kind, name: identity.name, namespace: identity.namespace ?? null },
            verb: c.verb,
            ...(c.path !== undefined ? { path: c.path } : { apiGroup: c.apiGroup!, resource: c.resource! }),
            namespace: scope.namespace,
            ...(c.cell.restricted ? { name: grants[c.cell.grants[0]!]!.rule.resourceNames[0]! } : {}),
            from: FROM,
          });
          const argv = shellWords(cmd);
          expect(argv.slice(0, 2)).toEqual(["palisade", "can-i"]);
          const r = await runCli(argv.slice(1));
          expect(r.code, `${cmd}\n${r.out}`).toBe(0);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});
