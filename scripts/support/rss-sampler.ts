/**
 * Peak resident-set-size sampling for the benchmarks: process.memoryUsage.rss() every `everyMs`, plus on demand
 * (call `sample()` at phase boundaries). The kernel's maxRSS (process.resourceUsage) complements it.
 */
export class RssSampler {
  peak = process.memoryUsage.rss();
  private timer: NodeJS.Timeout | undefined;
  start(everyMs = 50): void {
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }
  sample(): number {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
    return rss;
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.sample();
  }
}

/** Lets the sampler's interval run between synchronous phases (a blocked event loop cannot sample). */
export const tick = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
