import { describe, expect, it } from "vitest";
import { createProgressRenderer, type ProgressEvent } from "./progress";

function sink(isTTY: boolean): { stream: { write(s: string): void; isTTY: boolean; columns: number }; out: () => string } {
  let buf = "";
  return { stream: { write: (s: string) => void (buf += s), isTTY, columns: 200 }, out: () => buf };
}

const events: ProgressEvent[] = [
  { type: "start", contextName: "prod", server: "https://k8s:6443", resources: ["pods", "secrets"] },
  { type: "list-start", resource: "pods" },
  { type: "page", resource: "pods", pages: 1, objects: 500, remaining: 734 },
  { type: "retry", resource: "pods", attempt: 2, delayMs: 1000, reason: "HTTP 429 Too Many Requests" },
  { type: "page", resource: "pods", pages: 3, objects: 1234 },
  { type: "done", resource: "pods", pages: 3, objects: 1234, ms: 2500 },
  { type: "gap", resource: "secrets", reason: "cannot list secrets: forbidden" },
  { type: "done", resource: "secrets", pages: 0, objects: 0, ms: 3 },
  { type: "finish", durationMs: 2600, objects: 1234, gaps: 1 },
];

describe("progress renderer", () => {
  it("plain mode (not a TTY): one line per finished list, retry, gap; no ANSI", () => {
    const s = sink(false);
    const r = createProgressRenderer({ stream: s.stream });
    for (const e of events) r.onProgress(e);
    r.stop();
    const text = s.out();
    expect(text).not.toMatch(/\x1b\[/);
    expect(text.split("\n").filter(Boolean)).toEqual([
      'Collecting from context "prod" (https://k8s:6443): 2 resource kinds',
      "  pods: HTTP 429 Too Many Requests; retrying in 1.0s (attempt 2)",
      "  pods: 1,234 objects in 3 pages, 2.5s",
      "  coverage gap: cannot list secrets: forbidden",
      "  secrets: 0 objects in 0 pages, 0.0s",
      "Collected 1,234 objects in 2.6s with 1 coverage gap",
    ]);
  });

  it("TTY mode: rewrites one line per resource in place", () => {
    const s = sink(true);
    let t = 0;
    const r = createProgressRenderer({ stream: s.stream, redrawIntervalMs: 0, now: () => (t += 10) });
    for (const e of events) r.onProgress(e);
    r.stop();
    const text = s.out();
    // Cursor moved back up over the 3 lines drawn (header + 2 resources) before redrawing them.
    expect(text).toContain("\x1b[3F");
    expect(text).toContain("\x1b[2K");
    const frames = text.split(/\x1b\[\d+F/);
    const last = frames.at(-1)!.replace(/\x1b\[2K/g, "");
    const lines = last.split("\n").filter(Boolean);
    expect(lines[0]).toBe('Collecting from context "prod" (https://k8s:6443)');
    expect(lines[1]).toMatch(/^ {2}pods +3 pages +1,234 objects +2\.5s {2}done$/);
    expect(lines[2]).toMatch(/^ {2}secrets +0 pages +0 objects +0\.0s {2}gap: cannot list secrets: forbidden$/);
    expect(lines.at(-1)).toBe("Collected 1,234 objects in 2.6s with 1 coverage gap");
    // While listing, the row showed the estimated total from remainingItemCount.
    expect(text).toMatch(/500 objects of ~1,234/);
  });
});
