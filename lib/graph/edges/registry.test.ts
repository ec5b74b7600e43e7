import { describe, expect, it } from "vitest";
import { analyze } from "@/lib/rbac";
import { buildAttackGraph } from "../build";
import type { AttackGraph } from "../types";
import { EDGE_FIXTURES } from "./fixtures";
import type { EdgeCase } from "./fixtures/types";
import { EDGES } from "./index";

const LABEL = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

function edgesBetween(graph: AttackGraph, label: string, c: EdgeCase) {
  return graph.edges.filter((e) => e.label === label && e.from === c.from && e.to === c.to);
}

describe("edge catalogue", () => {
  it("has unique UPPER_SNAKE labels", () => {
    const labels = EDGES.map((e) => e.label);
    for (const l of labels) expect(l).toMatch(LABEL);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it.each(EDGES.map((e) => [e.label, e] as const))("%s has complete metadata", (_label, e) => {
    expect(e.mitre.id).toMatch(/^T\d{4}(\.\d{3})?$/);
    expect(e.mitre.url).toBe(`https://attack.mitre.org/techniques/${e.mitre.id.replace(".", "/")}/`);
    expect(e.mitre.name.length).toBeGreaterThan(3);
    expect(e.requires.length).toBeGreaterThan(20);
    expect(e.explain.length).toBeGreaterThan(80);
    expect(e.check).toMatch(/^kubectl /);
    expect(e.defences.length).toBeGreaterThan(0);
    for (const d of e.defences) expect(d.length).toBeGreaterThan(10);
    expect(e.from.length).toBeGreaterThan(0);
    expect(e.to.length).toBeGreaterThan(0);
    expect(Number.isFinite(e.cost) && e.cost >= 0).toBe(true);
  });

  it("has exactly one fixture per edge label", () => {
    expect(EDGE_FIXTURES.map((f) => f.label).sort()).toEqual(EDGES.map((e) => e.label).sort());
  });
});

describe.each(EDGE_FIXTURES.map((f) => [f.label, f] as const))("%s", (label, fixture) => {
  const def = EDGES.find((e) => e.label === label)!;

  it(`fires: ${fixture.firing.name}`, () => {
    const graph = buildAttackGraph(analyze(fixture.firing.inventory));
    const found = edgesBetween(graph, label, fixture.firing);
    expect(found, `${label} ${fixture.firing.from} → ${fixture.firing.to}`).toHaveLength(1);
    const edge = found[0]!;
    expect(edge.reasons.length).toBeGreaterThan(0);
    for (const r of edge.reasons) expect(r.length).toBeGreaterThan(0);
    expect(edge.explanation.length).toBeGreaterThan(5);
    const kinds = (id: string) => graph.nodes.find((n) => n.id === id)!.kind;
    expect(def.from).toContain(kinds(edge.from));
    expect(def.to).toContain(kinds(edge.to));
  });

  it(`does not fire: ${fixture.nonFiring.name}`, () => {
    const graph = buildAttackGraph(analyze(fixture.nonFiring.inventory));
    expect(edgesBetween(graph, label, fixture.nonFiring)).toHaveLength(0);
  });
});
