import { describe, expect, it } from "vitest";
import { postureBand, postureScore } from "./posture";

const levels = (over: Partial<Record<"critical" | "high" | "medium" | "low" | "info" | "none", number>>) => ({ critical: 0, high: 0, medium: 0, low: 0, info: 0, none: 0, ...over });

describe("postureScore", () => {
  it("is 100 without identities or without risky ones", () => {
    expect(postureScore(levels({}))).toBe(100);
    expect(postureScore(levels({ none: 10, info: 5 }))).toBe(100);
  });
  it("weights identities by level: 100 × (1 − Σ weight / total)", () => {
    expect(postureScore(levels({ critical: 1, none: 1 }))).toBe(50); // 1 − 1/2
    expect(postureScore(levels({ high: 2, none: 2 }))).toBe(75); // 1 − (2 × 0.5)/4
    expect(postureScore(levels({ medium: 20 }))).toBe(85); // 1 − 0.15
    expect(postureScore(levels({ critical: 4 }))).toBe(0);
  });
  it("bands the score", () => {
    expect([postureBand(90), postureBand(70), postureBand(40)]).toEqual(["good", "fair", "poor"]);
  });
});
