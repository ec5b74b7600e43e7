/**
 * The catalogue's contract: metadata is complete and well-formed, every rule file is listed (and only once), and every
 * rule has firing fixtures and near-miss fixtures (lib/rules/fixtures/<rule-id>.ts) that the rule handles as expected.
 */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze } from "@/lib/rbac";
import { getRule, rules, runRules } from "./index";
import type { RuleFixture } from "./test-support";
import { SHAPES } from "./test-support";
import { RULE_CATEGORIES, SEVERITIES, type Finding, type Rule } from "./types";

const DIR = import.meta.dirname;
const NOT_RULES = new Set(["index.ts", "types.ts", "score.ts", "test-support.ts"]);
const ruleFiles = readdirSync(DIR).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !NOT_RULES.has(f));

async function loadFixture(id: string): Promise<RuleFixture> {
  const mod = (await import(`./fixtures/${id}.ts`)) as { default: RuleFixture };
  return mod.default;
}

const fixtures = new Map<string, RuleFixture>(await Promise.all(rules.map(async (r) => [r.id, await loadFixture(r.id)] as const)));

describe("rule catalogue metadata", () => {
  it("has at least 40 rules with unique kebab-case ids", () => {
    expect(rules.length).toBeGreaterThanOrEqual(40);
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("lists every rule file exactly once, and each file's default export is the listed rule with id = file name", async () => {
    expect(ruleFiles.map((f) => f.slice(0, -3)).sort()).toEqual(rules.map((r) => r.id).sort());
    for (const r of rules) {
      const mod = (await import(`./${r.id}.ts`)) as { default: Rule };
      expect(mod.default, r.id).toBe(r);
      expect(getRule(r.id)).toBe(r);
    }
  });

  it.each(rules.map((r) => [r.id, r] as const))("%s: valid severity, category, wording and references", (_id, r) => {
    expect(SEVERITIES).toContain(r.severity);
    expect(RULE_CATEGORIES).toContain(r.category);
    expect(r.kind === "identity" ? typeof r.match : typeof r.matchCluster).toBe("function");
    for (const text of [r.title, r.rationale, r.remediation]) expect(text.trim().length).toBeGreaterThan(10);
    expect(r.references.length).toBeGreaterThan(0);
    for (const ref of r.references) {
      expect(ref.title.trim()).not.toBe("");
      expect(new URL(ref.url).protocol).toBe("https:");
    }
    for (const t of r.mitre ?? []) {
      expect(t.id).toMatch(/^T\d{4}(\.\d{3})?$/);
      expect(t.url).toBe(`https://attack.mitre.org/techniques/${t.id.replace(".", "/")}/`);
      expect(r.references.map((x) => x.url)).toContain(t.url);
    }
  });
});

function findingsOf(rule: Rule, c: RuleFixture["fires"][number]): Finding[] {
  return runRules(analyze(c.inventory), { rules: [rule] });
}

describe.each(rules.map((r) => [r.id, r] as const))("rule %s", (id, rule) => {
  const fx = fixtures.get(id)!;

  it("has firing and near-miss fixtures, named after binding shapes for identity rules", () => {
    expect(fx.fires.length).toBeGreaterThan(0);
    expect(fx.doesNotFire.length).toBeGreaterThan(0);
    const names = [...fx.fires, ...fx.doesNotFire].map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    if (rule.kind === "identity") {
      for (const n of names) expect(SHAPES.some((s) => n === s || n.startsWith(`${s}-`)), `case name "${n}"`).toBe(true);
      for (const c of fx.fires) expect(c.identity, c.name).toBeDefined();
    }
  });

  it.each(fx.fires.map((c) => [c.name, c] as const))("fires: %s", (_name, c) => {
    const found = findingsOf(rule, c);
    const mine = found.filter((f) => (c.identity === undefined || f.identityId === c.identity) && (c.object === undefined || f.object?.name === c.object));
    expect(mine.length, JSON.stringify(found, null, 1)).toBeGreaterThan(0);
    const match = mine.find(
      (f) =>
        (c.severity === undefined || f.severity === c.severity) &&
        (c.namespace === undefined || f.namespace === c.namespace) &&
        (c.byDesign === undefined || f.byDesign === c.byDesign),
    );
    expect(match, `expected severity=${c.severity} namespace=${c.namespace} in ${JSON.stringify(mine, null, 1)}`).toBeDefined();
    expect(match!.ruleId).toBe(id);
    expect(match!.message.trim()).not.toBe("");
    if (rule.kind === "identity") {
      expect(match!.evidence.length).toBeGreaterThan(0);
      for (const e of match!.evidence) {
        expect(e.verbs.length).toBeGreaterThan(0);
        expect(e.resources.length).toBeGreaterThan(0);
      }
    }
  });

  it.each(fx.doesNotFire.map((c) => [c.name, c] as const))("does not fire: %s", (_name, c) => {
    expect(findingsOf(rule, c)).toEqual([]);
  });
});
