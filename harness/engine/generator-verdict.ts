import type { IntervalSample } from '../../model/index.ts';

export const CPU_BOUND_CORES = 0.9;
export const LAG_BOUND_MS = 20;
/** Consecutive full intervals over a limit that make it "sustained". */
export const SUSTAINED_INTERVALS = 2;

/**
 * Judges from the interval samples whether the generator, not the target,
 * limited the run: CPU near a full core or a lagging event loop for
 * SUSTAINED_INTERVALS intervals in a row (the engine runs on one core), or
 * iterations dropped because every VU was busy.
 */
export class GeneratorVerdict {
  private cpuRun = 0;
  private lagRun = 0;
  private cpuWorst = 0;
  private lagWorst = 0;
  private cpuBound = false;
  private lagBound = false;
  private dropped = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly maxVUs: number | undefined,
    /** Threads the generator runs on: CPU-bound is near this many cores. */
    private readonly cores = 1,
  ) {}

  observe(sample: IntervalSample): void {
    this.dropped += sample.droppedIterations;
    const g = sample.generator;
    // A short last interval says little about sustained load.
    if (g === undefined || sample.durationMs < this.intervalMs / 2) return;
    this.cpuRun = g.cpuCores >= CPU_BOUND_CORES * this.cores ? this.cpuRun + 1 : 0;
    this.lagRun = g.eventLoopLagP99Ms > LAG_BOUND_MS ? this.lagRun + 1 : 0;
    if (this.cpuRun >= SUSTAINED_INTERVALS) {
      this.cpuBound = true;
      this.cpuWorst = Math.max(this.cpuWorst, g.cpuCores);
    }
    if (this.lagRun >= SUSTAINED_INTERVALS) {
      this.lagBound = true;
      this.lagWorst = Math.max(this.lagWorst, g.eventLoopLagP99Ms);
    }
  }

  get generatorBound(): boolean {
    return this.cpuBound || this.lagBound || this.dropped > 0;
  }

  notes(): string[] {
    const notes: string[] = [];
    if (this.cpuBound) {
      notes.push(
        `generator CPU at ${this.cpuWorst.toFixed(2)} cores (≥ ${(CPU_BOUND_CORES * this.cores).toFixed(2)}) for ${SUSTAINED_INTERVALS}+ intervals in a row: the load generator saturated its core, so throughput and latency partly measure the generator`,
      );
    }
    if (this.lagBound) {
      notes.push(
        `generator event-loop lag p99 reached ${this.lagWorst.toFixed(1)} ms (> ${LAG_BOUND_MS} ms) for ${SUSTAINED_INTERVALS}+ intervals in a row: requests were sent and timed late by the generator itself`,
      );
    }
    if (this.dropped > 0) {
      notes.push(
        `${this.dropped} iterations dropped because all ${this.maxVUs ?? '?'} VUs (maxVUs) were busy: the target was too slow for the arrival rate, or maxVUs is too low`,
      );
    }
    return notes;
  }
}
