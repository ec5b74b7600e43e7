/**
 * Progress of a live collection: the events `collectLive` emits, and a renderer for stderr. On a TTY it keeps one
 * line per resource kind (pages, objects, elapsed time) and rewrites them in place with ANSI cursor movement; on
 * anything else (CI logs, pipes) it prints plain lines, one per finished list, retry, gap or warning.
 */

export type ProgressEvent =
  | { type: "start"; contextName: string; server: string; resources: string[] }
  /** A list began (also after a 410 restart). */
  | { type: "list-start"; resource: string }
  /** One page arrived. `pages`/`objects` count the resource so far; `remaining` is the server's remainingItemCount. */
  | { type: "page"; resource: string; namespace?: string; pages: number; objects: number; remaining?: number }
  | { type: "retry"; resource: string; attempt: number; delayMs: number; reason: string }
  /** 410 Gone on a continue token: the list starts over. */
  | { type: "restart"; resource: string; reason: string }
  | { type: "done"; resource: string; pages: number; objects: number; ms: number }
  | { type: "gap"; resource: string; namespace?: string; reason: string }
  | { type: "warning"; message: string }
  | { type: "finish"; durationMs: number; objects: number; gaps: number };

interface Row {
  resource: string;
  state: "waiting" | "listing" | "done" | "gap";
  pages: number;
  objects: number;
  remaining?: number;
  startedAt?: number;
  ms?: number;
  note?: string;
}

export interface ProgressRendererOptions {
  /** Where to write. Default: process.stderr. */
  stream?: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  /** Force TTY (ANSI rewrite) or plain mode; default: `stream.isTTY`. */
  tty?: boolean;
  /** Minimum milliseconds between TTY redraws. Default 100. */
  redrawIntervalMs?: number;
  now?: () => number;
}

export interface ProgressRenderer {
  onProgress(e: ProgressEvent): void;
  /** Final redraw; call when collection ends (also on error). */
  stop(): void;
}

const fmtInt = new Intl.NumberFormat("en-US");

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`;
}

/** Creates a renderer; pass its `onProgress` to `collectLive`. */
export function createProgressRenderer(opts: ProgressRendererOptions = {}): ProgressRenderer {
  const stream = opts.stream ?? process.stderr;
  const tty = opts.tty ?? Boolean(stream.isTTY);
  const now = opts.now ?? (() => Date.now());
  const interval = opts.redrawIntervalMs ?? 100;
  const rows = new Map<string, Row>();
  const notes: string[] = [];
  let header = "";
  let footer = "";
  let drawnLines = 0;
  let lastDraw = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const row = (resource: string): Row => {
    let r = rows.get(resource);
    if (!r) rows.set(resource, (r = { resource, state: "waiting", pages: 0, objects: 0 }));
    return r;
  };

  const line = (r: Row, width: number): string => {
    const elapsed = r.ms ?? (r.startedAt !== undefined ? now() - r.startedAt : undefined);
    const of = r.state === "listing" && r.remaining !== undefined ? ` of ~${fmtInt.format(r.objects + r.remaining)}` : "";
    const status =
      r.state === "done" ? "done" : r.state === "gap" ? `gap: ${r.note ?? ""}` : r.state === "listing" ? (r.note ?? "listing") : "waiting";
    return (
      `  ${r.resource.padEnd(width)} ${String(r.pages).padStart(4)} pages ${fmtInt.format(r.objects).padStart(8)} objects${of}` +
      `${elapsed !== undefined ? `  ${seconds(elapsed).padStart(6)}` : ""}  ${status}`
    );
  };

  const draw = (): void => {
    timer = undefined;
    lastDraw = now();
    const cols = stream.columns ?? 120;
    const width = Math.max(0, ...[...rows.keys()].map((k) => k.length));
    const lines = [header, ...[...rows.values()].map((r) => line(r, width)), ...notes, ...(footer ? [footer] : [])].map((l) =>
      l.length > cols - 1 ? `${l.slice(0, cols - 2)}…` : l,
    );
    let out = drawnLines > 0 ? `\x1b[${drawnLines}F` : "";
    for (const l of lines) out += `\x1b[2K${l}\n`;
    stream.write(out);
    drawnLines = lines.length;
  };

  const schedule = (): void => {
    if (stopped || timer) return;
    const wait = Math.max(0, interval - (now() - lastDraw));
    if (wait === 0) draw();
    else {
      timer = setTimeout(draw, wait);
      (timer as { unref?: () => void }).unref?.();
    }
  };

  const plain = (s: string): void => {
    stream.write(`${s}\n`);
  };

  return {
    onProgress(e) {
      switch (e.type) {
        case "start":
          header = `Collecting from context "${e.contextName}" (${e.server})`;
          for (const r of e.resources) row(r);
          if (!tty) plain(`${header}: ${e.resources.length} resource kinds`);
          break;
        case "list-start": {
          const r = row(e.resource);
          r.state = "listing";
          r.startedAt ??= now();
          r.note = undefined;
          break;
        }
        case "page": {
          const r = row(e.resource);
          r.state = "listing";
          r.startedAt ??= now();
          r.pages = e.pages;
          r.objects = e.objects;
          r.remaining = e.remaining;
          r.note = undefined;
          break;
        }
        case "retry": {
          const r = row(e.resource);
          r.note = `retrying (${e.reason}) in ${seconds(e.delayMs)}, attempt ${e.attempt}`;
          if (!tty) plain(`  ${e.resource}: ${e.reason}; retrying in ${seconds(e.delayMs)} (attempt ${e.attempt})`);
          break;
        }
        case "restart": {
          const r = row(e.resource);
          r.pages = 0;
          r.objects = 0;
          r.note = "restarted (continue token expired)";
          if (!tty) plain(`  ${e.resource}: ${e.reason}; restarting the list`);
          break;
        }
        case "done": {
          const r = row(e.resource);
          if (r.state !== "gap") r.state = "done";
          r.pages = e.pages;
          r.objects = e.objects;
          r.ms = e.ms;
          r.remaining = undefined;
          if (!tty) plain(`  ${e.resource}: ${fmtInt.format(e.objects)} objects in ${e.pages} pages, ${seconds(e.ms)}`);
          break;
        }
        case "gap": {
          if (e.namespace === undefined) {
            const r = row(e.resource);
            r.state = "gap";
            r.note = e.reason;
          } else {
            notes.push(`  coverage gap: ${e.reason}`);
          }
          if (!tty) plain(`  coverage gap: ${e.reason}`);
          break;
        }
        case "warning":
          notes.push(`  warning: ${e.message}`);
          if (!tty) plain(`  warning: ${e.message}`);
          break;
        case "finish":
          footer =
            `Collected ${fmtInt.format(e.objects)} objects in ${seconds(e.durationMs)}` +
            (e.gaps > 0 ? ` with ${e.gaps} coverage gap${e.gaps === 1 ? "" : "s"}` : "");
          if (!tty) plain(footer);
          break;
      }
      if (tty) schedule();
    },
    stop() {
      if (stopped) return;
      if (timer) clearTimeout(timer);
      if (tty) draw();
      stopped = true;
    },
  };
}
